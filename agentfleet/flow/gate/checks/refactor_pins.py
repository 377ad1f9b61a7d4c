"""Which differential tests pin a function's behaviour, not only the type of what it returns.

The characterisation writer asserts a result's type (and its public attributes) when no literal shows its
value: for a generator or a lazy iterator (``map``, ``filter``, ``zip``) that is the same whatever the function
yields, so a refactor that changed every item would still pass. A test pins behaviour when it asserts a value, an
exception, or an attribute that is not a generator's or coroutine's own (``gi_running``…); a check of what the
call left in its arguments (``assert a0 == [1, 2]``) is not enough on its own.
"""

from __future__ import annotations

import ast
import re

__all__ = ["pinning_tests"]

_TYPE_ONLY = re.compile(r"^type\(result\)\.__name__ == ")
_RUNTIME_ATTR = re.compile(r"^result\.(gi|cr|ag)_\w+ ")
"""A generator's, coroutine's or async generator's own attributes: equal for any of them."""
_ARGUMENT = re.compile(r"^a\d+ == ")
"""What the call left in a list, dict or set argument: behaviour, but not what the function computes (a line the
test runs is not compared by it)."""


def _pins(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.With):
        return True  # pytest.raises(...): the exception is behaviour
    if not isinstance(statement, ast.Assert):
        return False
    text = ast.unparse(statement.test)
    return not (_TYPE_ONLY.match(text) or _RUNTIME_ATTR.match(text) or _ARGUMENT.match(text))


def pinning_tests(source: str) -> set[str]:
    """Names of the test functions in ``source`` that assert more than a result's type."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and any(map(_pins, node.body))
    }
