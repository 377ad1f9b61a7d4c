from dsu import DisjointSets


def test_hidden_union_of_sets():
    sets = DisjointSets(6)
    sets.union(0, 1)
    sets.union(2, 3)
    sets.union(1, 3)
    assert sets.connected(0, 2)
    sets.union(4, 5)
    sets.union(5, 0)
    assert sets.connected(4, 3)
    assert sets.connected(1, 5)


def test_hidden_join_from_a_non_root():
    sets = DisjointSets(4)
    sets.union(0, 1)
    sets.union(0, 2)
    assert sets.connected(1, 2)
    assert not sets.connected(0, 3)
