"""Text helpers."""


def slugify(title, limit):
    words = []
    for raw in title.lower().split():
        word = "".join(c for c in raw if c.isalnum())
        if word:
            words.append(word)
    slug = "-".join(words)
    if limit:
        if len(slug) > limit:
            slug = slug[:limit].rstrip("-")
    return slug


def wrap(text, width):
    lines = []
    current = ""
    for word in text.split():
        if current:
            if len(current) + 1 + len(word) <= width:
                current = current + " " + word
            else:
                lines.append(current)
                current = word
        else:
            current = word
    if current:
        lines.append(current)
    return lines


def count_vowels(text):
    counts = {}
    for ch in text.lower():
        if ch in "aeiou":
            counts[ch] = counts.get(ch, 0) + 1
    return counts
