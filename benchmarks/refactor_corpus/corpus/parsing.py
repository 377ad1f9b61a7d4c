"""Small parsers for configuration values."""


def parse_bool(text):
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("1", "yes", "true", "on"):
        return True
    else:
        if value in ("0", "no", "false", "off"):
            return False
        else:
            raise ValueError(text)


def parse_size(text):
    text = text.strip().upper()
    if text.endswith("KB"):
        number = text[:-2]
        if number.isdigit():
            return int(number) * 1024
        else:
            raise ValueError(text)
    elif text.endswith("MB"):
        number = text[:-2]
        if number.isdigit():
            return int(number) * 1024 * 1024
        else:
            raise ValueError(text)
    elif text.endswith("B"):
        number = text[:-1]
        if number.isdigit():
            return int(number)
        else:
            raise ValueError(text)
    else:
        if text.isdigit():
            return int(text)
        raise ValueError(text)


def parse_pairs(text, sep):
    pairs = {}
    for part in text.split(sep):
        if part:
            if "=" in part:
                key, _, value = part.partition("=")
                pairs[key.strip()] = value.strip()
    return pairs
