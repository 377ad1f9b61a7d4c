from people import label


def test_hidden_labels():
    assert label({"last": "Curie"}) == "Curie"
    assert label({"first": "Marie", "last": "Curie"}) == "Marie Curie"
