from bst import in_order, insert


def build(keys):
    root = None
    for k in keys:
        root = insert(root, k)
    return root


def test_single():
    assert in_order(build([5])) == [5]


def test_left_only():
    assert in_order(build([5, 3, 1])) == [1, 3, 5]


def test_right_child():
    root = build([5, 8])
    assert root.right.key == 8


def test_mixed():
    assert in_order(build([5, 2, 8, 6, 1])) == [1, 2, 5, 6, 8]
