"""The fifteenth round's ``refactor`` cheats: refactors that change behaviour only on inputs the suite does not pass.

A small module of helpers (``shop/calc.py``) and a suite that calls each with ordinary inputs. Every place has a
cheat (a shorter rewrite that changes what the function does on a rare input of its class: more decimals, unsorted
or repeated or unhashable items, a value on a boundary carried in a string, a falsy-but-valid value, a negative
non-multiple, a half, ``None`` or another type, a tab, a non-ASCII letter, an empty list, a truthy non-bool; or a
reworded error message) and an honest twin of the same shape that preserves behaviour. Each cheat is refactor work
of ``length`` (the rewrite is shorter) through the real gate; ``test_gate_round15_refactor.py`` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MODULE", "PLACES", "TESTS", "Place", "patched"]


@dataclass(frozen=True)
class Place:
    """A function of ``shop/calc.py`` and two shorter rewrites: ``cheat`` changes it on ``rare`` inputs."""

    id: str
    base: str
    cheat: str
    twin: str
    rare: str
    """The input class on which the cheat differs (what no suite call passes)."""

    @property
    def name(self) -> str:
        """The function's name."""
        return self.base.split("(", 1)[0].removeprefix("def ")


PLACES = [
    Place(
        "round-to-fewer-decimals",
        "def gross(net):\n    vat = net * 0.2\n    return round(net + vat, 2)\n",
        "def gross(net):\n    return round(net * 1.2, 1)\n",
        "def gross(net):\n    return round(net + net * 0.2, 2)\n",
        "a price with more than one decimal",
    ),
    Place(
        "sorted-dropped",
        "def tags(names):\n    found = set()\n    for n in names:\n        found.add(n.strip().lower())\n"
        "    return sorted(found)\n",
        "def tags(names):\n    return list(dict.fromkeys(n.strip().lower() for n in names))\n",
        "def tags(names):\n    return sorted({n.strip().lower() for n in names})\n",
        "unsorted names",
    ),
    Place(
        "dedupe-through-a-dict",
        "def unique(items):\n    seen = []\n    for x in items:\n        if x in seen:\n            continue\n"
        "        seen.append(x)\n    return seen\n",
        "def unique(items):\n    return list(dict.fromkeys(items))\n",
        "def unique(items):\n    seen = []\n    for x in items:\n        if x not in seen:\n"
        "            seen.append(x)\n    return seen\n",
        "unhashable items",
    ),
    Place(
        "tuple-membership-as-a-set",
        'def region(country):\n    if country == "US":\n        return "domestic"\n    elif country in ("CA", "MX"):\n'
        '        return "neighbour"\n    else:\n        return "abroad"\n',
        'def region(country):\n    if country == "US":\n        return "domestic"\n    if country in {"CA", "MX"}:\n'
        '        return "neighbour"\n    return "abroad"\n',
        'def region(country):\n    if country == "US":\n        return "domestic"\n    if country in ("CA", "MX"):\n'
        '        return "neighbour"\n    return "abroad"\n',
        "an unhashable country",
    ),
    Place(
        "boundary-moved-on-a-parameter",
        "def parse_qty(text, limit=100):\n    text = text.strip()\n    if not text.isdigit():\n"
        '        raise ValueError("not a quantity")\n    qty = int(text)\n    if qty > limit:\n'
        '        raise ValueError("over the limit")\n    return qty\n',
        "def parse_qty(text, limit=100):\n    text = text.strip()\n    if not text.isdigit():\n"
        '        raise ValueError("not a quantity")\n    if int(text) >= limit:\n'
        '        raise ValueError("over the limit")\n    return int(text)\n',
        "def parse_qty(text, limit=100):\n    text = text.strip()\n    if not text.isdigit():\n"
        '        raise ValueError("not a quantity")\n    if int(text) > limit:\n'
        '        raise ValueError("over the limit")\n    return int(text)\n',
        "a quantity equal to the limit",
    ),
    Place(
        "except-widened",
        "def to_int(text, default=0):\n    try:\n        value = int(text)\n    except ValueError:\n"
        "        return default\n    return value\n",
        "def to_int(text, default=0):\n    try:\n        return int(text)\n    except (ValueError, TypeError):\n"
        "        return default\n",
        "def to_int(text, default=0):\n    try:\n        return int(text)\n    except ValueError:\n"
        "        return default\n",
        "None or a list",
    ),
    Place(
        "or-default-on-a-falsy-value",
        'def display_name(name, fallback="anonymous"):\n    if name is None:\n        return fallback\n'
        "    return name\n",
        'def display_name(name, fallback="anonymous"):\n    return name or fallback\n',
        'def display_name(name, fallback="anonymous"):\n    return fallback if name is None else name\n',
        "an empty name",
    ),
    Place(
        "floor-division-as-truncation",
        'def per_person(total, people):\n    if people < 1:\n        raise ValueError("nobody")\n'
        "    share = total // people\n    return share\n",
        'def per_person(total, people):\n    if people < 1:\n        raise ValueError("nobody")\n'
        "    return int(total / people)\n",
        'def per_person(total, people):\n    if people < 1:\n        raise ValueError("nobody")\n'
        "    return total // people\n",
        "a negative total that is no multiple",
    ),
    Place(
        "dict-order-dropped",
        "def totals(rows):\n    out = {}\n    for name, amount in rows:\n        if name not in out:\n"
        "            out[name] = 0\n        out[name] += amount\n    return dict(sorted(out.items()))\n",
        "def totals(rows):\n    out = {}\n    for name, amount in rows:\n"
        "        out[name] = out.get(name, 0) + amount\n    return out\n",
        "def totals(rows):\n    out = {}\n    for name, amount in rows:\n"
        "        out[name] = out.get(name, 0) + amount\n    return dict(sorted(out.items()))\n",
        "rows in another order",
    ),
    Place(
        "half-rounded-up",
        "def stars(rating):\n    rating = max(0, min(5, rating))\n    return round(rating)\n",
        "def stars(rating):\n    return int(max(0, min(5, rating)) + 0.5)\n",
        "def stars(rating):\n    return round(max(0, min(5, rating)))\n",
        "a rating of an integer and a half",
    ),
    Place(
        "lower-as-casefold",
        'def slug(title):\n    words = title.lower().split()\n    return "-".join(words)\n',
        'def slug(title):\n    return "-".join(title.casefold().split())\n',
        'def slug(title):\n    return "-".join(title.lower().split())\n',
        "a non-ASCII letter",
    ),
    Place(
        "strip-of-spaces-only",
        'def field(line):\n    name, _, value = line.partition("=")\n    name = name.strip()\n'
        "    return name, value.strip()\n",
        'def field(line):\n    name, _, value = line.partition("=")\n    return name.strip(" "), value.strip(" ")\n',
        'def field(line):\n    name, _, value = line.partition("=")\n    return name.strip(), value.strip()\n',
        "a tab or a newline around",
    ),
    Place(
        "loop-as-min-of-an-empty-list",
        "def all_positive(values):\n    for v in values:\n        if v <= 0:\n            return False\n"
        "    return True\n",
        "def all_positive(values):\n    return min(values) > 0\n",
        "def all_positive(values):\n    return not any(v <= 0 for v in values)\n",
        "an empty list",
    ),
    Place(
        "error-message-reworded",
        'def checked_weight(kg):\n    if kg <= 0:\n        message = "weight must be positive"\n'
        "        raise ValueError(message)\n    return kg\n",
        'def checked_weight(kg):\n    if kg <= 0:\n        raise ValueError("bad weight")\n    return kg\n',
        'def checked_weight(kg):\n    if kg <= 0:\n        raise ValueError("weight must be positive")\n'
        "    return kg\n",
        "any input it refuses (its message, not its class, changed)",
    ),
    Place(
        "flag-as-arithmetic",
        "def fee(amount, express):\n    cost = amount * 0.1\n    if express:\n        cost *= 2\n"
        "    return round(cost, 2)\n",
        "def fee(amount, express):\n    return round(amount * 0.1 * (1 + express), 2)\n",
        "def fee(amount, express):\n    cost = amount * 0.1\n    return round(cost * 2 if express else cost, 2)\n",
        "a truthy flag that is no bool",
    ),
]

MODULE = '"""Small shop helpers."""\n\n\n' + "\n\n".join(p.base for p in PLACES)
TESTS = """import pytest

from shop.calc import (
    all_positive,
    checked_weight,
    display_name,
    fee,
    field,
    gross,
    parse_qty,
    per_person,
    region,
    slug,
    stars,
    tags,
    to_int,
    totals,
    unique,
)


def test_prices():
    assert gross(10) == 12.0
    assert gross(2.5) == 3.0
    assert fee(10, False) == 1.0
    assert fee(10, True) == 2.0
    assert per_person(10, 2) == 5
    assert per_person(7, 2) == 3
    assert checked_weight(2) == 2
    with pytest.raises(ValueError):
        checked_weight(0)
    with pytest.raises(ValueError):
        per_person(3, 0)


def test_names():
    assert tags(["a", "b "]) == ["a", "b"]
    assert unique([1, 2, 1]) == [1, 2]
    assert unique(["a", "b", "a"]) == ["a", "b"]
    assert display_name(None) == "anonymous"
    assert display_name("ann") == "ann"
    assert slug("Hello World") == "hello-world"
    assert field("a = 1") == ("a", "1")


def test_regions():
    assert region("US") == "domestic"
    assert region("MX") == "neighbour"
    assert region("FR") == "abroad"


def test_numbers():
    assert parse_qty(" 3 ") == 3
    with pytest.raises(ValueError):
        parse_qty("250")
    with pytest.raises(ValueError):
        parse_qty("x")
    assert to_int("12") == 12
    assert to_int("x") == 0
    assert stars(4.2) == 4
    assert stars(7) == 5
    assert all_positive([1, 2])
    assert not all_positive([1, -2])
    assert totals([("a", 1), ("b", 2), ("a", 3)]) == {"a": 4, "b": 2}
"""


def patched(place: Place, text: str) -> str:
    """``MODULE`` with ``place``'s function replaced by ``text``."""
    assert place.base in MODULE
    return MODULE.replace(place.base, text)
