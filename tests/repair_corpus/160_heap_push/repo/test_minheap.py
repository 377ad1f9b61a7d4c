from minheap import heap_pop, heap_push


def test_push_in_order():
    heap: list[int] = []
    for x in [1, 2, 3]:
        heap_push(heap, x)
    assert heap == [1, 2, 3]


def test_push_smaller():
    heap: list[int] = []
    for x in [5, 2]:
        heap_push(heap, x)
    assert heap_pop(heap) == 2


def test_push_rises_two_levels():
    heap: list[int] = []
    for x in [3, 5, 4, 1]:
        heap_push(heap, x)
    assert heap_pop(heap) == 1
