"""Statement templates: delete, duplicate, move a statement; missing or misplaced ``return``."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import code, is_docstring, nodes_in

__all__ = [
    "copy_after_loop",
    "delete_statement",
    "duplicate_statement",
    "insertions",
    "missing_return",
    "move_statement",
]

_BLOCKS = (cst.For, cst.While, cst.If, cst.With, cst.Try)
_ENDS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_EMPTY = ('""', "''", "[]", "()")


def _in_block(site: Site) -> tuple[cst.IndentedBlock, int] | None:
    """The block holding the line's statement and its index there (inside functions only)."""
    stmt = site.statement
    parent = site.src.parent(stmt) if stmt is not None else None
    if site.function is None or not isinstance(parent, cst.IndentedBlock) or stmt is site.function:
        return None
    return parent, parent.body.index(stmt)  # type: ignore[arg-type]


def _with_body(block: cst.IndentedBlock, body: list[cst.BaseStatement], template: str, tier: int) -> Edit:
    return Edit(block, block.with_changes(body=body), template, tier)


def insertions(
    site: Site, new: cst.SimpleStatementLine | cst.If, template: str, tier: int, *, after: bool = True
) -> Iterator[Edit]:
    """``new`` inserted right before the line's statement, and right after it (when ``after``) unless that ends
    its block."""
    found = _in_block(site)
    if found is None:
        return
    block, i = found
    body = list(block.body)
    stmt = body[i]
    lines = stmt.leading_lines  # type: ignore[attr-defined]
    before = [new.with_changes(leading_lines=lines), stmt.with_changes(leading_lines=())]
    yield _with_body(block, [*body[:i], *before, *body[i + 1 :]], template, tier)
    if after and not (isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[-1], _ENDS)):
        yield _with_body(block, [*body[: i + 1], new.with_changes(leading_lines=()), *body[i + 1 :]], template, tier)


def delete_statement(site: Site) -> Iterator[Edit]:
    """Remove the statement (``pass`` when it is alone in its block)."""
    found = _in_block(site)
    if found is None or is_docstring(found[0].body[found[1]]):
        return
    block, i = found
    body = list(block.body)
    rest = body[:i] + body[i + 1 :]
    yield _with_body(block, rest or [cst.SimpleStatementLine([cst.Pass()])], "delete-statement", 2)


def duplicate_statement(site: Site) -> Iterator[Edit]:
    """Repeat a simple statement right after itself."""
    found = _in_block(site)
    if found is None or not isinstance(found[0].body[found[1]], cst.SimpleStatementLine):
        return
    block, i = found
    body = list(block.body)
    yield _with_body(
        block, [*body[: i + 1], body[i].with_changes(leading_lines=()), *body[i + 1 :]], "duplicate-statement", 3
    )


def _starts_empty(function: cst.FunctionDef, name: str) -> bool:
    """The function binds ``name`` to an empty literal (``""``, ``[]``, ``()``) somewhere."""
    for assign in nodes_in(function, cst.Assign):
        bound = any(isinstance(t.target, cst.Name) and t.target.value == name for t in assign.targets)
        if bound and code(assign.value).strip() in _EMPTY:
            return True
    return False


def _flushed(site: Site, stmt: cst.BaseStatement) -> cst.BaseStatement:
    """``stmt``, guarded by ``if x:`` when it passes one name ``x`` that starts empty (``lines.append(line)``
    after a loop that may leave ``line == ""``)."""
    calls = nodes_in(stmt, cst.Call)
    args = calls[0].args if calls else ()
    name = args[0].value if len(args) == 1 else None
    if site.function is None or not isinstance(name, cst.Name) or not _starts_empty(site.function, name.value):
        return stmt
    return cst.If(test=name, body=cst.IndentedBlock([stmt]))  # type: ignore[list-item]


def copy_after_loop(site: Site) -> Iterator[Edit]:
    """Repeat a statement of a loop body, or the ``if`` holding it, right after the loop (a final flush:
    under ``if x:`` when the one name it passes starts empty)."""
    found = _in_block(site)
    if found is None or site.statement is None:
        return
    loop = site.src.enclosing(site.statement, cst.For, cst.While)
    outer = site.src.parent(loop) if loop is not None else None
    if not isinstance(outer, cst.IndentedBlock):
        return
    block, i = found
    copies: list[cst.BaseStatement] = [_flushed(site, block.body[i].with_changes(leading_lines=()))]
    owner = site.src.parent(block)
    if isinstance(owner, cst.If) and owner is not loop:
        copies.append(cst.If(test=owner.test, body=owner.body))
    k = outer.body.index(loop)  # type: ignore[arg-type]
    for copy in copies:
        yield _with_body(outer, [*outer.body[: k + 1], copy, *outer.body[k + 1 :]], "duplicate-statement", 3)


def move_statement(site: Site) -> Iterator[Edit]:
    """Swap with a neighbour; move out of the enclosing loop/``if``; move into the block just above."""
    found = _in_block(site)
    if found is None:
        return
    block, i = found
    body = list(block.body)
    for j in (i - 1, i + 1):
        if 0 <= j < len(body) and not is_docstring(body[min(i, j)]):
            swapped = list(body)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            yield _with_body(block, swapped, "move-statement", 2)
    yield from _move_out(site, block, i)
    previous = body[i - 1] if i > 0 else None
    if isinstance(previous, _BLOCKS) and isinstance(previous.body, cst.IndentedBlock):
        inner = previous.body.with_changes(body=[*previous.body.body, body[i]])
        moved = [*body[: i - 1], previous.with_changes(body=inner), *body[i + 1 :]]
        yield _with_body(block, moved, "move-statement", 3)


def _move_out(site: Site, block: cst.IndentedBlock, i: int) -> Iterator[Edit]:
    owner = site.src.parent(block)
    outer = site.src.parent(owner) if owner is not None else None
    if not isinstance(owner, cst.For | cst.While | cst.If) or not isinstance(outer, cst.IndentedBlock):
        return
    stmt = block.body[i]
    rest = [*block.body[:i], *block.body[i + 1 :]] or [cst.SimpleStatementLine([cst.Pass()])]
    k = outer.body.index(owner)  # type: ignore[arg-type]
    new_owner = owner.with_changes(body=block.with_changes(body=rest))
    tier = 2 if isinstance(owner, cst.For | cst.While) and _is_return(stmt) else 3
    yield _with_body(outer, [*outer.body[:k], new_owner, stmt, *outer.body[k + 1 :]], "move-statement", tier)


def _is_return(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Return)


def _returns_value(function: cst.FunctionDef) -> bool:
    found = []

    class _Find(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Return(self, node: cst.Return) -> None:
            found.append(node.value is not None)

    function.visit(_Find())
    return any(found)


def _assigned_names(function: cst.FunctionDef) -> list[str]:
    names = [p.name.value for p in function.params.params]
    for stmt in function.body.body:
        for node in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else []:
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else []
            targets += [node.target] if isinstance(node, cst.AugAssign | cst.AnnAssign) else []
            names += [t.value for t in targets if isinstance(t, cst.Name)]
    return [n for n in dict.fromkeys(reversed(names)) if n != "self"][:4]


def missing_return(site: Site) -> Iterator[Edit]:
    """``f(x)`` → ``return f(x)``; a function that never returns a value gets ``return <local>`` at its end."""
    stmt = site.statement
    if site.function is None:
        return
    if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr) and not is_docstring(stmt):
        expr = stmt.body[0]
        value = expr.value
        if isinstance(value, cst.Call):
            yield Edit(expr, cst.Return(value=value), "missing-return", 2)
    function = site.function
    body = function.body
    if isinstance(body, cst.IndentedBlock) and not _returns_value(function):
        for name in _assigned_names(function):
            returned = cst.SimpleStatementLine([cst.Return(value=cst.Name(name))])
            yield Edit(body, body.with_changes(body=[*body.body, returned]), "missing-return", 2)
