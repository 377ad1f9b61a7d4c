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
