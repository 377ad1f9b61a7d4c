from josephus import josephus


def simulate(n, k):
    people = list(range(n))
    at = 0
    while len(people) > 1:
        at = (at + k - 1) % len(people)
        people.pop(at)
    return people[0]


def test_hidden_simulated():
    for n in range(1, 30):
        for k in range(1, 6):
            assert josephus(n, k) == simulate(n, k), (n, k)
