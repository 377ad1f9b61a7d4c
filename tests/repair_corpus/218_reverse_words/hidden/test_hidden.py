from reverse_words import reverse_words


def test_hidden_many():
    for n in range(1, 12):
        words = [f"w{i}" for i in range(n)]
        assert reverse_words("  ".join(words)) == " ".join(words[::-1])
