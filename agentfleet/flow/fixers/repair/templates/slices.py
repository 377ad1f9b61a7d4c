"""Slice and index edits: ``x[i]`` ↔ ``x[i:]`` / ``x[:i]`` / ``x[i + 1:]``, a bound moved to the other
side, or to the other end (``x[1:]`` ↔ ``x[:-1]``), a step added (``[::-1]``; to a bounded slice, tier 3),
an index or bound negated (``x[:k]`` ↔ ``x[:-k]``; a plain index ``x[i]`` → ``x[-i]``, tier 3), a list that
should be reversed (``large`` → ``large[::-1]``), and a sequence passed or iterated whole that should
be sliced as its function slices (``lcs(a[1:], b)`` → ``lcs(a[1:], b[1:])`` from the sibling
argument; ``for x in xs`` → ``xs[k:]`` where the function takes ``xs[:k]``: ``sliced_names``).
Dropping a bound or a step is ``values.slice_bounds``.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import nodes_in, resolvable
from agentfleet.flow.fixers.repair.templates.values import shifted

__all__ = ["slice_index", "sliced_names"]

_MAX_SLICES = 4

_INDEXES = (cst.Name, cst.Integer, cst.BinaryOperation, cst.UnaryOperation, cst.Attribute, cst.Call, cst.Subscript)


def _minus_one() -> cst.UnaryOperation:
    return cst.UnaryOperation(operator=cst.Minus(), expression=cst.Integer("1"))


def _negated(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """``-expr`` (``expr`` for ``-expr``); ``None`` for zero, which has no other sign."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus) and not expr.lpar:
        return expr.expression
    if isinstance(expr, cst.Integer) and expr.value == "0":
        return None
    return cst.UnaryOperation(operator=cst.Minus(), expression=expr)


def _from_index(index: cst.Index) -> Iterator[Edit]:
    value = index.value
    if not isinstance(value, _INDEXES):
        return
    for lower, upper in ((value, None), (None, value), (shifted(value, cst.Add), None)):
        yield Edit(index, cst.Slice(lower=lower, upper=upper), "slice-index", 2)
    negated = _negated(value)
    if negated is not None and not isinstance(value, cst.Integer):
        yield Edit(value, negated, "slice-index", 3)  # x[-i] is x[i] at 0 and not x[i]'s mirror (x[-i - 1])


def _from_slice(part: cst.Slice) -> Iterator[Edit]:
    lower, upper = part.lower, part.upper
    if part.step is None and (lower is None) != (upper is None):
        bound = lower or upper
        assert bound is not None
        yield Edit(part, cst.Index(value=bound), "slice-index", 2)
        yield Edit(part, part.with_changes(lower=upper, upper=lower), "slice-index", 2)
        mirrored = _negated(bound)
        if mirrored is not None:  # drop k from the other end: x[k:] <-> x[:-k]
            yield Edit(part, part.with_changes(lower=upper and mirrored, upper=lower and mirrored), "slice-index", 2)
    for bound in (lower, upper):
        negated = _negated(bound) if bound is not None else None
        if negated is not None:
            yield Edit(bound, negated, "slice-index", 2)  # type: ignore[arg-type]
    if part.step is None:
        whole = lower is None and upper is None  # x[k::-1] reverses a prefix: seldom what was meant
        yield Edit(
            part, part.with_changes(step=_minus_one(), second_colon=cst.Colon()), "slice-index", 2 if whole else 3
        )


def _reversible(site: Site) -> list[cst.Name]:
    """Local lists the line concatenates, returns or iterates: each could be meant reversed."""
    found: list[cst.BaseExpression] = []
    found += [
        side for n in site.of_type(cst.BinaryOperation) if isinstance(n.operator, cst.Add) for side in (n.left, n.right)
    ]
    found += [n.value for n in site.of_type(cst.Return) if n.value is not None]
    found += [n.iter for n in site.of_type(cst.For)] + [n.iter for n in site.of_type(cst.CompFor)]
    return [e for e in found if isinstance(e, cst.Name) and site.is_local(e)]


def slice_index(site: Site) -> Iterator[Edit]:
    """Index ↔ slice, bounds moved or negated, a step added (tier 2); a local list reversed (tier 3)."""
    for element in site.of_type(cst.SubscriptElement):
        part = element.slice
        if isinstance(part, cst.Index) and part.star is None:
            yield from _from_index(part)
        elif isinstance(part, cst.Slice):
            yield from _from_slice(part)
    for name in dict.fromkeys(_reversible(site)):
        reverse = cst.Slice(lower=None, upper=None, step=_minus_one(), second_colon=cst.Colon())
        yield Edit(name, cst.Subscript(value=name, slice=[cst.SubscriptElement(reverse)]), "slice-index", 3)


def _one_sided(sub: cst.Subscript) -> cst.Slice | None:
    """The slice of ``x[a:]`` / ``x[:b]`` (one bound, no step) on a plain name ``x``, else ``None``."""
    if not isinstance(sub.value, cst.Name) or len(sub.slice) != 1:
        return None
    part = sub.slice[0].slice
    if isinstance(part, cst.Slice) and part.step is None and (part.lower is None) != (part.upper is None):
        return part
    return None


def _consumed(site: Site) -> list[tuple[cst.Name, list[cst.Slice]]]:
    """Local names the line passes to a call or iterates whole, each with the slices of its sibling arguments."""
    found: list[tuple[cst.Name, list[cst.Slice]]] = []
    for call in site.of_type(cst.Call):
        values = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
        siblings = [part for v in values if isinstance(v, cst.Subscript) and (part := _one_sided(v)) is not None]
        found += [(v, siblings) for v in values if isinstance(v, cst.Name)]
    iterated = [loop.iter for loop in site.of_type(cst.For)] + [loop.iter for loop in site.of_type(cst.CompFor)]
    found += [(name, []) for name in iterated if isinstance(name, cst.Name)]
    return [(name, siblings) for name, siblings in found if site.is_local(name)]


def sliced_names(site: Site) -> Iterator[Edit]:
    """A sequence the line passes or iterates whole gets the slice of a sibling argument, or the slice (or the
    other side of the slice) its function takes of it elsewhere (tier 2)."""
    if site.function is None:
        return
    taken = [(sub.value, part) for sub in nodes_in(site.function, cst.Subscript) if (part := _one_sided(sub))]
    for name, siblings in _consumed(site):
        own = [part for value, part in taken if isinstance(value, cst.Name) and value.value == name.value]
        other_side = [part.with_changes(lower=part.upper, upper=part.lower) for part in own]
        slices = {cst.Module([]).code_for_node(part): part for part in [*siblings, *own, *other_side]}
        for part in list(slices.values())[:_MAX_SLICES]:
            new = cst.Subscript(value=name, slice=[cst.SubscriptElement(part)])
            if resolvable(site, new):
                yield Edit(name, new, "slice-index", 2)
