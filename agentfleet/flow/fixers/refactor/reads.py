"""Which names a run of statements reads and writes, read with ``ast`` for ``flow.analyse``.

``free`` walks statements in execution order and lists the locals read on some path before anything in the
run wrote them (those are a helper's inputs); ``definite`` is what a statement binds on every path through it.
Names bound by comprehensions stay inside them.
"""

from __future__ import annotations

import ast

from agentfleet.analysis import always_exits

__all__ = ["definite", "free", "names", "params"]


class _Names(ast.NodeVisitor):
    """Names a piece of code reads and writes (names bound by comprehensions stay inside them)."""

    def __init__(self) -> None:
        self.loads: list[str] = []
        self.stores: list[str] = []
        self.hidden: list[set[str]] = []

    def visit_Name(self, node: ast.Name) -> None:
        if any(node.id in h for h in self.hidden):
            return
        (self.loads if isinstance(node.ctx, ast.Load) else self.stores).append(node.id)

    def _binds(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom) -> None:
        """``def``, ``class`` and ``import`` bind local names too (a helper must be handed them)."""
        self.stores += sorted(_bound_by(node))
        self.generic_visit(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Import = visit_ImportFrom = _binds

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.loads.append(node.target.id)
        self.generic_visit(node)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        self.visit(node.generators[0].iter)
        bound = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        self.hidden.append(bound)
        for i, gen in enumerate(node.generators):
            if i:
                self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for part in ("elt", "key", "value"):
            if hasattr(node, part):
                self.visit(getattr(node, part))
        self.hidden.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def _bound_by(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    return {node.name} if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else set()


def names(node: ast.AST | list[ast.stmt]) -> _Names:
    """Reads and writes of ``node`` (a node or a list of statements)."""
    found = _Names()
    for item in node if isinstance(node, list) else [node]:
        found.visit(item)
    return found


def params(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The function's parameter names, in its signature's order."""
    a = function.args
    every = [*a.posonlyargs, *a.args, *a.kwonlyargs, *([a.vararg] if a.vararg else []), *([a.kwarg] if a.kwarg else [])]
    return [p.arg for p in every]


def definite(stmt: ast.stmt) -> set[str]:
    """Names ``stmt`` binds on every path through it (when it completes)."""
    if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign):
        if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
            return set()
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(stmt, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return _bound_by(stmt)
    if isinstance(stmt, ast.With | ast.AsyncWith):
        bound = {
            n.id for i in stmt.items if i.optional_vars for n in ast.walk(i.optional_vars) if isinstance(n, ast.Name)
        }
        return bound | set().union(*(definite(s) for s in stmt.body))
    if isinstance(stmt, ast.If):
        return _every([stmt.body, stmt.orelse])
    if isinstance(stmt, ast.Try | ast.TryStar):
        return _every([stmt.body + stmt.orelse, *(h.body for h in stmt.handlers)]) | _block(stmt.finalbody)
    return set()


def _block(stmts: list[ast.stmt]) -> set[str]:
    return set().union(*(definite(s) for s in stmts))


def _every(paths: list[list[ast.stmt]]) -> set[str]:
    """Names bound on every path that completes (a path ending in ``return`` or ``raise`` never does)."""
    going = [_block(p) for p in paths if not always_exits(p)]
    return set.intersection(*going) if going else set()


def _targets(node: ast.AST | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node is not None else set()


def _reads(node: ast.AST | None, bound: set[str], local: set[str], out: list[str]) -> None:
    if node is not None:
        out += [n for n in dict.fromkeys(names(node).loads) if n in local and n not in bound and n not in out]


def free(stmts: list[ast.stmt], bound: set[str], local: set[str], out: list[str]) -> None:
    """Locals ``stmts`` read on some path before writing them (in reading order), into ``out``."""
    bound = set(bound)
    for stmt in stmts:
        if isinstance(stmt, ast.If | ast.While):
            _reads(stmt.test, bound, local, out)
            free(stmt.body, bound, local, out)
            free(stmt.orelse, bound, local, out)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            _reads(stmt.iter, bound, local, out)
            free(stmt.body, bound | _targets(stmt.target), local, out)
            free(stmt.orelse, bound, local, out)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                _reads(item.context_expr, bound, local, out)
            free(stmt.body, bound | set().union(*(_targets(i.optional_vars) for i in stmt.items)), local, out)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            free(stmt.body, bound, local, out)
            for handler in stmt.handlers:
                _reads(handler.type, bound, local, out)
                free(handler.body, bound | ({handler.name} if handler.name else set()), local, out)
            free(stmt.orelse, bound, local, out)
            free(stmt.finalbody, bound, local, out)
        else:
            _reads(stmt, bound, local, out)
        bound |= definite(stmt)
