"""Move statements into a private helper in the same module: one region (extract function) or every copy of a
duplicated block (each call passes its own names).

The helper is written with libcst from the first region's own statements (comments and formatting kept, the
comment above the region stays at the call), takes the region's inputs and returns its outputs; it goes just
before the module-level statement that holds the first region's function, so it exists whenever that function
can run. Regions of other copies must have the same shape and a consistent renaming of names.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from agentfleet.flow.fixers.refactor.flow import Flow, Region, analyse, locate
from agentfleet.flow.fixers.refactor.reuse import existing_helper, renaming

__all__ = ["Extraction", "extract", "last_named", "region_at"]


@dataclass(frozen=True)
class Extraction:
    """The new text and what was done (``problem`` set and ``text`` unchanged when nothing was)."""

    text: str
    helper: str = ""
    calls: int = 0
    problem: str | None = None


def last_named(body: Sequence[ast.stmt], name: str) -> ast.stmt | None:
    """The last statement of ``body`` defining ``name`` (Python binds the last ``def`` or ``class``)."""
    return next((n for n in reversed(body) if getattr(n, "name", None) == name), None)


def _function(tree: ast.Module, qualname: str) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool, int] | None:
    """The function (the last definition of each name: the one Python binds), whether it is a method, and the
    index of its module-level statement."""
    parts = qualname.split(".")
    for index, top in reversed(list(enumerate(tree.body))):
        node: ast.AST = top
        if getattr(node, "name", None) != parts[0]:
            continue
        for part in parts[1:]:
            node = last_named(getattr(node, "body", []), part)  # type: ignore[assignment]
            if node is None:
                break
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node, len(parts) > 1, index
    return None


def region_at(tree: ast.Module, qualname: str, first: int, last: int) -> tuple[Region, int] | None:
    """The region of ``qualname`` spanning lines ``first``..``last``, and its module-level statement's index."""
    found = _function(tree, qualname)
    if found is None:
        return None
    function, in_class, index = found
    region = locate(function, first, last, in_class)
    return (region, index) if region is not None else None


def _unique(tree: ast.Module, wanted: str) -> str:
    taken = {getattr(n, "name", None) for n in ast.walk(tree)} | {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
    }
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted}_{n}", n + 1
    return name


def _call(helper: str, args: Sequence[str], outputs: Sequence[str], leaves: bool) -> cst.BaseSmallStatement:
    call = cst.Call(func=cst.Name(helper), args=[cst.Arg(value=cst.Name(a)) for a in args])
    if leaves:
        return cst.Return(value=call)
    if not outputs:
        return cst.Expr(value=call)
    if len(outputs) == 1:
        target: cst.BaseAssignTargetExpression = cst.Name(outputs[0])
    else:
        target = cst.Tuple(elements=[cst.Element(value=cst.Name(o)) for o in outputs], lpar=[], rpar=[])
    return cst.Assign(targets=[cst.AssignTarget(target=target)], value=call)


class _Splice(cst.CSTTransformer):
    """Replaces each region (a run of statements found by its first and last line) with its call."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, calls: dict[tuple[int, int], cst.BaseSmallStatement]) -> None:
        self.calls = calls
        self.moved: dict[tuple[int, int], list[cst.BaseStatement]] = {}

    def _lines(self, node: cst.CSTNode) -> tuple[int, int]:
        where = self.get_metadata(PositionProvider, node)
        return where.start.line, where.end.line

    def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.IndentedBlock:
        body = list(updated.body)
        starts = [self._lines(s)[0] for s in original.body]
        ends = [self._lines(s)[1] for s in original.body]
        for (first, last), call in self.calls.items():
            if first in starts and last in ends:
                i, j = starts.index(first), ends.index(last)
                self.moved[(first, last)] = body[i : j + 1]
                line = cst.SimpleStatementLine(body=[call], leading_lines=getattr(body[i], "leading_lines", ()))
                body[i : j + 1] = [line]
                starts[i : j + 1], ends[i : j + 1] = [first], [last]
        return updated.with_changes(body=body)


def _bare_return(statement: cst.BaseStatement) -> bool:
    body = getattr(statement, "body", None)
    return isinstance(body, Sequence) and len(body) == 1 and isinstance(body[0], cst.Return) and body[0].value is None


def _helper(name: str, flow: Flow, stmts: list[cst.BaseStatement]) -> cst.FunctionDef:
    if len(stmts) > 1 and _bare_return(stmts[-1]):
        stmts = stmts[:-1]  # the call site returns; a helper's last line need not
    body = [stmts[0].with_changes(leading_lines=[]), *stmts[1:]]
    if flow.outputs:
        value: cst.BaseExpression = (
            cst.Name(flow.outputs[0])
            if len(flow.outputs) == 1
            else cst.Tuple(elements=[cst.Element(value=cst.Name(o)) for o in flow.outputs], lpar=[], rpar=[])
        )
        body.append(cst.SimpleStatementLine(body=[cst.Return(value=value)]))
    params = cst.Parameters(params=[cst.Param(name=cst.Name(p)) for p in flow.inputs])
    return cst.FunctionDef(
        name=cst.Name(name),
        params=params,
        body=cst.IndentedBlock(body=body),
    )


def extract(text: str, places: Sequence[tuple[str, int, int]], name: str) -> Extraction:
    """Move the regions ``places`` (qualified name, first line, last line) of ``text`` into one helper named
    after ``name`` (``_f_part`` giving back one name ``total`` is called ``_f_total``); every region after the
    first must be a renamed copy of it."""
    tree = ast.parse(text)
    found = [region_at(tree, q, a, b) for q, a, b in places]
    located = [r for r in found if r is not None]
    if len(located) != len(found):
        return Extraction(text, problem="a region does not start and end on statements of one block")
    regions = [r for r, _ in located]
    flows = [analyse(r) for r in regions]
    if (why := next((f.problem for f in flows if f.problem), None)) is not None:
        return Extraction(text, problem=why)
    calls: dict[tuple[int, int], cst.BaseSmallStatement] = {}
    twin = existing_helper(tree, regions[0], flows[0]) if len(regions) == 1 else None
    if twin is not None:  # an earlier extraction already made this block's helper from its twin
        calls[regions[0].lines] = _call(twin[0], twin[1], twin[2], flows[0].exits)
        return _spliced(text, calls, regions[0].lines, flows[0], twin[0], None)
    outputs = flows[0].outputs
    helper = _unique(
        tree, f"{name.removesuffix('_part')}_{outputs[0]}" if name.endswith("_part") and len(outputs) == 1 else name
    )
    for region, flow in zip(regions, flows, strict=True):
        mapping = renaming(regions[0].stmts, region.stmts)
        if mapping is None:
            return Extraction(text, problem=f"lines {region.lines} are not a renamed copy of lines {regions[0].lines}")
        if [mapping.get(n, n) for n in flows[0].inputs] != flow.inputs and set(
            map(mapping.get, flows[0].inputs)
        ) != set(flow.inputs):
            return Extraction(text, problem=f"lines {region.lines} take other inputs than lines {regions[0].lines}")
        args = [mapping.get(n, n) for n in flows[0].inputs]
        outs = [mapping.get(n, n) for n in flows[0].outputs]
        if set(outs) != set(flow.outputs):
            return Extraction(text, problem=f"lines {region.lines} give other outputs than lines {regions[0].lines}")
        if flow.exits != flows[0].exits:
            return Extraction(text, problem=f"lines {region.lines} and lines {regions[0].lines} end differently")
        calls[region.lines] = _call(helper, args, outs, flow.exits)
    top = min(index for _, index in located)
    return _spliced(text, calls, regions[0].lines, flows[0], helper, top)


def _spliced(
    text: str,
    calls: dict[tuple[int, int], cst.BaseSmallStatement],
    first: tuple[int, int],
    flow: Flow,
    helper: str,
    top: int | None,
) -> Extraction:
    """``text`` with each region replaced by its call and, unless ``top`` is ``None`` (the helper exists), the
    helper written before module-level statement ``top``."""
    wrapper = MetadataWrapper(cst.parse_module(text))
    splice = _Splice(calls)
    module = wrapper.visit(splice)
    if len(splice.moved) != len(calls):
        return Extraction(text, problem="a region could not be found again in the syntax tree")
    if top is None:
        return Extraction(module.code, helper=helper, calls=len(calls))
    function = _helper(helper, flow, splice.moved[first])
    body = list(module.body)
    anchor = body[top]
    function = function.with_changes(leading_lines=anchor.leading_lines)
    body[top] = anchor.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
    new = module.with_changes(body=[*body[:top], function, *body[top:]])
    compile(new.code, "<extract>", "exec")
    return Extraction(new.code, helper=helper, calls=len(calls))
