"""Names a package holds that are no API its docs describe, whatever their spelling: dunders (but a class's
``__call__``, its instances' call signature), typing devices, test suites kept inside the package, and compatibility
aliases of builtins."""

from __future__ import annotations

import builtins
import re

import griffe

__all__ = ["instance_call", "not_api"]

_TYPING_HELPER = re.compile(r"^(?:\w+\.)*(?:TypeVar|ParamSpec|TypeVarTuple)\(")
"""A module attribute made by one of these is a typing device, not API a doc describes (click's ``F``)."""
_TEST_MODULES = re.compile(r"^(?:tests?|conftest|test_\w+|\w+_tests?)$")
"""Modules of a suite kept inside the package (``isodate.tests``, ``pkg/test_core.py``)."""
_NAMES = re.compile(r"\w+")
_PYTHON2 = frozenset({"unicode", "basestring", "long", "xrange", "unichr", "raw_input", "buffer", "file", "cmp"})
"""Python 2's builtins: ``text_type = unicode`` is the Python 2 branch of a shim (``try``/``except NameError``)."""
_BUILTINS = frozenset(n for n in dir(builtins) if callable(getattr(builtins, n))) | _PYTHON2
"""Builtin types and functions (not ``True`` or ``None``: ``PY3 = True`` is a flag of the module's own)."""


def _builtin_alias(name: str, obj: griffe.Object) -> bool:
    """``xrange = range``, ``basestring = (str, bytes)`` in a module: builtins under another name, as an import of
    them would be, unless the module's ``__all__`` exports the name."""
    value = str(getattr(obj, "value", "") or "").strip("() ")
    module = obj.parent
    if not obj.is_attribute or not value or module is None or not module.is_module or name in (module.exports or ()):
        return False  # a class attribute such as ``storage_class = dict`` is a documented hook
    parts = [part.strip() for part in value.split(",") if part.strip()]
    return all(_NAMES.fullmatch(part) and part in _BUILTINS and part != name for part in parts)


def instance_call(name: str, obj: griffe.Object) -> bool:
    """``obj`` is a class's ``__call__``: what a caller of its instances writes (pluggy's ``hookspec(firstresult=True)``
    is ``HookspecMarker.__call__``), API as a method is."""
    return name == "__call__" and obj.parent is not None and obj.parent.is_class


def not_api(name: str, obj: griffe.Object) -> bool:
    """``name`` (a member holding ``obj``) is no documented API."""
    if name.startswith("__") and name.endswith("__"):
        return not instance_call(name, obj)
    if obj.is_module:
        return bool(_TEST_MODULES.match(name))
    if obj.is_attribute and _TYPING_HELPER.match(str(getattr(obj, "value", "") or "")):
        return True
    return _builtin_alias(name, obj)
