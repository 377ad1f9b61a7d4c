from pig_latin import pig_latin


def test_hidden_words():
    cases = {"banana": "ananabay", "eat": "eatway", "x": "xay", "trash": "rashtay", "omelet": "omeletway"}
    for word, want in cases.items():
        assert pig_latin(word) == want, word
