"""Annotations respelled without changing the type they name (itsdangerous 2.2 moved from ``import typing as _t`` and
``_t.Tuple``/``_t.Union`` to ``import typing as t``, builtin generics, ``X | Y`` and ``collections.abc``)."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import Library

OLD = '''"""Kinds."""
import typing as _t


def pairs(items: _t.List[str], size: _t.Optional[int] = None) -> _t.Tuple[bool, _t.Any]:
    """Pairs."""
    return True, items


def pick(x: _t.Union[int, str]) -> _t.Union[_t.Dict[str, int], None]:
    """Pick."""
    return None


def walk() -> _t.Iterator[int]:
    """Walk."""
    yield 1
'''

NEW = '''"""Kinds."""
from __future__ import annotations

import collections.abc as cabc
import typing as t


def pairs(items: list[str], size: int | None = None) -> tuple[bool, t.Any]:
    """Pairs."""
    return True, items


def pick(x: str | int) -> dict[str, int] | None:
    """Pick."""
    return None


def walk() -> cabc.Iterator[int]:
    """Walk."""
    yield 1
'''


def test_a_respelled_annotation_is_no_api_change(library: Callable[..., Library]) -> None:
    # Given functions annotated through a private alias of typing and its capitalised generics
    lib = library({"shelf/kinds.py": OLD})
    # When the release respells every annotation (builtin generics, `X | Y`, collections.abc, another alias)
    lib.change({"shelf/kinds.py": NEW})
    # Then no API changed: each annotation names the same type
    assert [(c.change, c.symbol) for c in lib.audit().changes] == []


def test_a_changed_type_is_still_an_api_change(library: Callable[..., Library]) -> None:
    # Given the same module, when a return type really changes (a tuple becomes a list)
    lib = library({"shelf/kinds.py": OLD})
    lib.change({"shelf/kinds.py": NEW.replace("-> tuple[bool, t.Any]", "-> list[t.Any]")})
    # Then that function is reported as changed, and only it
    assert [(c.change, c.symbol) for c in lib.audit().changes] == [("changed", "shelf.kinds.pairs")]


MODULES_OLD = {
    "shelf/__init__.py": '"""Shelf."""\nfrom shelf.consts import NARROW, WIDE\n'
    "from shelf.convert import pair_of, pick\nfrom shelf.kinds import Pair\n\n"
    '__all__ = ["NARROW", "WIDE", "Pair", "pair_of", "pick"]\n',
    "shelf/consts.py": 'WIDE = "wide"\nNARROW = "narrow"\n',
    "shelf/kinds.py": "from typing import NamedTuple\n\n\nclass Pair(NamedTuple):\n    a: int\n    b: int\n",
    "shelf/convert.py": "from shelf import consts, kinds\n\n\n"
    "def pair_of(x: int, spec: str = consts.WIDE) -> kinds.Pair:\n    return kinds.Pair(x, x)\n\n\n"
    "def pick(spec: str = consts.WIDE) -> str:\n    return spec\n",
}
MODULES_NEW = {
    **{path: None for path in MODULES_OLD if path != "shelf/__init__.py"},
    "shelf/__init__.py": MODULES_OLD["shelf/__init__.py"].replace("shelf.", "shelf._"),
    "shelf/_consts.py": MODULES_OLD["shelf/consts.py"],
    "shelf/_kinds.py": MODULES_OLD["shelf/kinds.py"],
    "shelf/_convert.py": "from shelf._consts import NARROW, WIDE\nfrom shelf._kinds import Pair\n\n\n"
    "def pair_of(x: int, spec: str = WIDE) -> Pair:\n    return Pair(x, x)\n\n\n"
    "def pick(spec: str = NARROW) -> str:\n    return spec\n",
}


def test_names_spelled_through_a_module_made_private_are_the_same_objects(library: Callable[..., Library]) -> None:
    # Given annotations and defaults written through the package's own modules (webcolors 1.13's
    # `-> types.IntegerRGB`, `spec: str = constants.CSS3`), the names re-exported by the package
    lib = library({**MODULES_OLD, "shelf/client.py": None})
    # When the release makes those modules private and imports the names directly (webcolors 24.6)
    lib.change(MODULES_NEW)
    changed = {c.symbol: c for c in lib.audit().changes if c.change == "changed"}
    # Then `pair_of` did not change (the same class, the same constant), and a default that names another
    # constant still is a change
    assert sorted(changed) == ["shelf.pick"]
    assert [(p.name, p.old_default, p.default) for p in changed["shelf.pick"].params] == [
        ("spec", "consts.WIDE", "NARROW")
    ]
