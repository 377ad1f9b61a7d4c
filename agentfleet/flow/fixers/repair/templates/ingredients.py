"""Ingredients from the program itself ("plastic surgery": fixes reuse code found elsewhere in the file).

- A statement copied from the same function (tier 3) or another function of the file (tier 4),
  inserted before or after the line: as it is when its names mean something here, *mirrored* when
  the function has twin statements that differ only in names (``out.append(a[i])`` /
  ``out.append(b[j])`` make ``out.extend(a[i:])`` into ``out.extend(b[j:])``), or with its one
  unknown name renamed to a name the line reads.
- An expression replaced by its mirror (tier 2) or another of the same kind (call, subscript,
  operation, lambda, comprehension, ...) from the same function (tier 3) or file (tier 4).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates.context import (
    VariableVisitor,
    code,
    file_functions,
    free_names,
    nodes_in,
    resolvable,
)
from agentfleet.flow.fixers.repair.templates.statements import insertions

__all__ = ["ingredient_expressions", "ingredient_statements", "mirrors", "renamed", "variable_names"]

_KINDS = (
    cst.Call,
    cst.Subscript,
    cst.BinaryOperation,
    cst.Attribute,
    cst.Comparison,
    cst.Lambda,
    cst.GeneratorExp,
    cst.ListComp,
)
_SMALL = (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.Expr)
_MAX_STATEMENTS = 10
_MAX_EXPRESSIONS = 6
_MAX_CHARS = 120
_POOL = 60
"""Statements (and expressions of each kind) considered per line: the function's own, then the nearest."""


class _Rename(cst.CSTTransformer):
    def __init__(self, mapping: dict[str, str]) -> None:
        super().__init__()
        self.mapping = mapping

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return True

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.mapping.get(updated.value, updated.value))


def renamed(node: cst.CSTNode, mapping: dict[str, str]) -> cst.CSTNode:
    """``node`` with its names (not attribute names) renamed by ``mapping``."""
    return node.visit(_Rename(mapping)) if mapping else node  # type: ignore[return-value]


class _Names(VariableVisitor):
    """Variable names in order (attribute and keyword names left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.found.append(node.value)


@lru_cache(maxsize=4096)
def variable_names(node: cst.CSTNode) -> tuple[str, ...]:
    """The variable names of ``node`` in order (attribute and keyword names left out)."""
    collector = _Names()
    node.visit(collector)
    return tuple(collector.found)


def _skeleton(node: cst.CSTNode) -> str:
    return code(renamed(node, {n: "_" for n in variable_names(node)}))


def _mapping(a: cst.CSTNode, b: cst.CSTNode) -> dict[str, str] | None:
    """The consistent renaming that turns twin ``a`` into ``b`` (``None`` when they are no twins)."""
    mapping: dict[str, str] = {}
    for x, y in zip(variable_names(a), variable_names(b), strict=True):
        if mapping.setdefault(x, y) != y:
            return None
    mapping = {x: y for x, y in mapping.items() if x != y}
    return mapping if mapping and len(set(mapping.values())) == len(mapping) else None


@lru_cache(maxsize=32)
def mirrors(function: cst.FunctionDef) -> tuple[dict[str, str], ...]:
    """Renamings between twin statements of ``function`` (both ways), the merged one first."""
    twins: dict[tuple[str, int], list[cst.SimpleStatementLine]] = {}
    for line in nodes_in(function.body, cst.SimpleStatementLine):
        twins.setdefault((_skeleton(line), len(variable_names(line))), []).append(line)
    found: list[dict[str, str]] = []
    for group in twins.values():
        for a, b in combinations(group[:8], 2):
            for x, y in ((a, b), (b, a)):
                mapping = _mapping(x, y)
                if mapping is not None and mapping not in found:
                    found.append(mapping)
    merged: dict[str, str] = {}
    for mapping in found:
        if all(merged.get(k, v) == v for k, v in mapping.items()) and not set(mapping) & set(merged.values()):
            merged.update(mapping)
    return tuple([merged, *[m for m in found if m != merged]][:4]) if found else ()


@lru_cache(maxsize=16)
def _file_statements(src: SourceFile) -> tuple[cst.SimpleStatementLine, ...]:
    found = []
    for function in file_functions(src):
        for line in nodes_in(function.body, cst.SimpleStatementLine):
            small = line.body[0]
            if len(line.body) == 1 and isinstance(small, _SMALL) and not _is_string(small):
                found.append(line)
    return tuple(found)


def _is_string(small: cst.BaseSmallStatement) -> bool:
    return isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString | cst.ConcatenatedString)


def _line(src: SourceFile, node: cst.CSTNode) -> int:
    return src.positions[node].start.line


def _variants(site: Site, stmt: cst.SimpleStatementLine, same_function: bool) -> Iterator[cst.CSTNode]:
    """``stmt`` as it is, mirrored, or with its one unknown name renamed to a name the line reads."""
    yield stmt
    if same_function and site.function is not None:
        for mapping in mirrors(site.function):
            yield renamed(stmt, mapping)
    unknown = [n for n in free_names(stmt) if not resolvable(site, cst.Name(n))]
    if len(unknown) == 1:
        for name in dict.fromkeys(n.value for n in site.of_type(cst.Name) if site.is_local(n)):
            yield renamed(stmt, {unknown[0]: name})


def _candidate_statements(site: Site) -> list[tuple[cst.SimpleStatementLine, int]]:
    """Statements to insert, with their tier: 3 from the same function, 4 from elsewhere in the file."""
    function = site.function
    here = _line(site.src, site.statement) if site.statement is not None else site.line
    own = set(map(id, nodes_in(function, cst.SimpleStatementLine))) if function is not None else set()
    ordered = sorted(_file_statements(site.src), key=lambda s: (id(s) not in own, abs(_line(site.src, s) - here)))
    found: dict[str, tuple[cst.SimpleStatementLine, int]] = {}
    for stmt in ordered[:_POOL]:
        for variant in _variants(site, stmt, id(stmt) in own):
            text = code(variant).strip()
            if text not in found and isinstance(variant, cst.SimpleStatementLine) and resolvable(site, variant):
                found[text] = (variant.with_changes(leading_lines=()), 3 if id(stmt) in own else 4)
    return list(found.values())


def ingredient_statements(site: Site) -> Iterator[Edit]:
    """A statement from the function or file (as is, mirrored or renamed) before or after the line."""
    stmt = site.statement
    block = site.src.parent(stmt) if stmt is not None else None
    if stmt is None or site.function is None or stmt is site.function or not isinstance(block, cst.IndentedBlock):
        return
    body = list(block.body)
    i = body.index(stmt)  # type: ignore[arg-type]
    nearby = {code(s).strip() for s in body[max(0, i - 1) : i + 2]}
    count = 0
    for new, tier in _candidate_statements(site):
        if code(new).strip() in nearby or count >= _MAX_STATEMENTS:
            continue
        count += 1
        yield from insertions(site, new, "ingredient-statement", tier)


@lru_cache(maxsize=16)
def _file_expressions(src: SourceFile) -> tuple[cst.BaseExpression, ...]:
    found: list[cst.BaseExpression] = []
    for kind in _KINDS:
        found += [n for n in nodes_in(src.module, kind) if len(code(n)) <= _MAX_CHARS]
    return tuple(found)


def ingredient_expressions(site: Site) -> Iterator[Edit]:
    """An expression replaced by its mirror (tier 2) or a same-kind expression of the function (tier 3) or
    file (tier 4)."""
    function = site.function
    if function is None:
        return
    own = {id(e) for kind in _KINDS for e in nodes_in(function, kind)}
    mappings = mirrors(function)
    for node in site.nodes:
        if not isinstance(node, _KINDS) or isinstance(site.src.parent(node), type(node)):
            continue
        text = code(node)
        for mapping in mappings:
            twin = renamed(node, mapping)
            if code(twin) != text:
                yield Edit(node, twin, "ingredient-expression", 2)
        others = [e for e in _file_expressions(site.src) if type(e) is type(node)]
        others.sort(key=lambda e: (id(e) not in own, abs(_line(site.src, e) - site.line)))
        shown: set[str] = {text}
        for other in others[:_POOL]:
            if len(shown) > _MAX_EXPRESSIONS or code(other) in shown or not resolvable(site, other):
                continue
            shown.add(code(other))
            yield Edit(node, other, "ingredient-expression", 3 if id(other) in own else 4)
