import random

from minheap import heap_pop, heap_push


def test_hidden_heapsort():
    rng = random.Random(2)
    for _ in range(30):
        xs = [rng.randrange(100) for _ in range(rng.randrange(1, 15))]
        heap: list[int] = []
        for x in xs:
            heap_push(heap, x)
        assert [heap_pop(heap) for _ in xs] == sorted(xs)
