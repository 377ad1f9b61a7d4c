"""The differential tests compare results exactly: the value and its type, all the way down.

The characterisation writer asserts ``f(...) == <literal>``, and ``==`` holds across types: ``5.0 == 5``,
``False == 0``, ``(1, 2) == (1, 2)`` but also ``1 == True``. A refactor that returns a float where the code
returned an int, or ``False`` for ``0``, passes such a test while every caller that prints, serialises or
type-checks the result sees a change; so does one that returns a dict's items in another order (``dict(sorted(...))``
dropped), which ``==`` ignores. The gate rewrites each ``assert <expr> == <literal>`` of the file it runs
into ``assert _exactly(<expr>, <literal>)``, at the base commit and after the patch alike, so a test that held at
the base for the code as it was holds after only for a result of the same types and the same dict order.
"""

from __future__ import annotations

import ast

__all__ = ["exact_results"]

_HELPER = '''

def _exactly(result, expected):
    """``result == expected`` with the same type at every level (a list's items, a dict's keys and values, in order)."""
    if type(result) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)):
        return len(result) == len(expected) and all(map(_exactly, result, expected))
    if isinstance(expected, dict):  # in order: what iterates it (a loop, json, a print) sees the order
        return len(result) == len(expected) and all(map(_exactly, result.items(), expected.items()))
    return result == expected
'''


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def exact_results(source: str) -> str:
    """``source`` (a differential test file) with every ``assert <expr> == <literal>`` compared exactly."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert) or not isinstance(test := node.test, ast.Compare):
            continue
        if [type(op) for op in test.ops] == [ast.Eq] and _literal(expected := test.comparators[0]):
            node.test = ast.Call(ast.Name("_exactly", ast.Load()), [test.left, expected], [])
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n" + _HELPER
