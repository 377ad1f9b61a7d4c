"""Python's own protocols in exception handling: handlers that take part in one rather than hide an error,
and a context manager that swallows through one."""

from __future__ import annotations

import ast

from agentfleet.analysis.constants import is_truthy_constant

__all__ = ["exit_problem", "protocol_exit"]

_END_OF_ITERATION = frozenset({"StopIteration", "StopAsyncIteration"})
_OPERATORS = frozenset(
    {"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow", "lshift", "rshift", "and", "xor"}
    | {"or", "eq", "ne", "lt", "le", "gt", "ge"}
)
"""Binary and comparison operators (``__mul__``, ``__rmul__``, ``__imul__``, ``__eq__`` …)."""


def _operator(scope: str) -> bool:
    name = scope.rsplit(".", 1)[-1]
    if not (name.startswith("__") and name.endswith("__")):
        return False
    bare = name[2:-2]
    return bare in _OPERATORS or (bare[:1] in ("r", "i") and bare[1:] in _OPERATORS)


def protocol_exit(handler: ast.ExceptHandler, caught: set[str], scope: str) -> bool:
    """The handler is part of a protocol, not a swallowed error: it catches only the end of an iterator
    (``except StopIteration: return`` ends a generator, PEP 479), or an operator method answers
    ``NotImplemented`` on every path of it, so Python tries the other operand and raises ``TypeError`` itself."""
    if caught and caught <= _END_OF_ITERATION:
        return True
    last = handler.body[-1] if handler.body else None
    defers = isinstance(last, ast.Return) and isinstance(last.value, ast.Name) and last.value.id == "NotImplemented"
    return defers and _operator(scope)


def exit_problem(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """An ``__exit__`` that answers a constant true value swallows whatever its ``with`` block raised."""
    if node.name not in ("__exit__", "__aexit__"):
        return None
    returns = [n.value for n in ast.walk(node) if isinstance(n, ast.Return) and n.value is not None]
    if any(is_truthy_constant(value) for value in returns):
        return f"`{node.name}` returns a true value: its `with` blocks swallow every error"
    return None
