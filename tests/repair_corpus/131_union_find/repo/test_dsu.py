from dsu import DisjointSets


def test_alone():
    sets = DisjointSets(3)
    assert not sets.connected(0, 1)


def test_union_two():
    sets = DisjointSets(3)
    sets.union(0, 1)
    assert sets.connected(0, 1)
    assert not sets.connected(1, 2)


def test_union_is_transitive():
    sets = DisjointSets(4)
    sets.union(0, 1)
    sets.union(0, 2)
    assert sets.connected(1, 2)
    assert not sets.connected(2, 3)
