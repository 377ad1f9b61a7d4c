from unique_char import first_unique


def test_hidden_words():
    for text in ["a", "aa", "abcabd", "zzyzx", "xxyyzzw", "abacabad", "mississippi", "swiss"]:
        want = next((i for i, ch in enumerate(text) if text.count(ch) == 1), -1)
        assert first_unique(text) == want, text
