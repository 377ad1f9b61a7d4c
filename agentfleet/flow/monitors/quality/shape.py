"""A function's shape, read from its AST: statement lines, nesting depth, and why it must not be refactored.

Nothing here runs code. A function that uses ``exec``/``eval``, reads its frame or its locals, or plays with
attributes by computed names is skipped: moving its code around could change what it does in ways no static
reading can see.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

__all__ = ["depth", "generated", "nesting", "skip_reason", "statement_lines"]

_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match, ast.TryStar)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_DYNAMIC_CALLS = {"exec", "eval", "compile", "locals", "vars", "globals", "__import__"}
_BY_NAME = {"setattr", "delattr"}
_FRAMES = {"_getframe", "currentframe", "stack", "getouterframes", "getframeinfo"}
_HOOKS = {"__getattr__", "__getattribute__", "__setattr__", "__delattr__"}
_HEAD_LINES = 10


def _body(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    """The body without its docstring."""
    body = func.body
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return body[1:]
    return body


def statement_lines(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines that hold code in the body: no blank lines, comments or docstring (a multi-line statement counts
    every line it spans)."""
    lines: set[int] = set()
    for node in _body(func):
        lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return len(lines)


def depth(stmts: Iterable[ast.stmt]) -> int:
    """Deepest nesting of compound statements in ``stmts`` (nested functions and classes aside)."""
    deepest = 0
    for node in stmts:
        if isinstance(node, _SCOPES):
            continue  # a nested function or class is measured as its own
        if isinstance(node, ast.If):
            deepest = max(deepest, 1 + depth(node.body), _elifdepth(node.orelse))
        elif isinstance(node, _COMPOUND):
            blocks = [getattr(node, name, []) for name in ("body", "orelse", "finalbody")]
            blocks += [h.body for h in getattr(node, "handlers", [])] + [c.body for c in getattr(node, "cases", [])]
            deepest = max(deepest, 1 + max(depth(b) for b in blocks))
    return deepest


def _elifdepth(orelse: list[ast.stmt]) -> int:
    """An ``elif`` chain sits at its ``if``'s depth; a plain ``else`` one level inside."""
    if len(orelse) == 1 and isinstance(orelse[0], ast.If):
        node = orelse[0]
        return max(1 + depth(node.body), _elifdepth(node.orelse))
    return 1 + depth(orelse) if orelse else 0


def nesting(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Deepest nesting of compound statements in the body (0: a straight line of simple statements)."""
    return depth(func.body)


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _dynamic(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        name = _called(node)
        if name in _DYNAMIC_CALLS and (name != "vars" or not node.args):
            return f"calls {name}()"
        if name in _BY_NAME and not (len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
            return f"calls {name}() with a computed name"
        if name in _FRAMES:
            return f"inspects frames ({name})"
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return "reads __dict__"
    return None


def skip_reason(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """Why the function must not be refactored automatically, or ``None``."""
    if func.name in _HOOKS:
        return f"defines {func.name}: attribute access is dynamic"
    for node in ast.walk(func):
        why = _dynamic(node)
        if why is not None:
            return f"{why} (line {getattr(node, 'lineno', func.lineno)}): dynamic code is not refactored"
    return None


def generated(text: str, markers: Iterable[str]) -> str | None:
    """The generated-code marker in the first lines of ``text``, or ``None``."""
    head = "\n".join(text.splitlines()[:_HEAD_LINES]).lower()
    return next((m for m in markers if m.lower() in head), None)
