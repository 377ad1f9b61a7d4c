"""Spliced rewrites are exactly what reprinting the whole module gives, on real files of this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentfleet.flow.fixers.repair.precedence import fit, parenthesize
from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.splice import rebuilt
from agentfleet.flow.fixers.repair.templates import edits_at

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "agentfleet/flow/fixers/repair/candidates.py",
    "agentfleet/flow/investigation/suspects.py",
    "tests/repair_corpus/88_lru_cache/repo/lru.py",
    "tests/repair_corpus/40_shop_package/repo/shop/cart.py",
]


def _whole_module(src: SourceFile, edits: list) -> str:
    table = {e.old: fit(src.parents.get(e.old), e.old, parenthesize(e.new, src.positions)) for e in edits}
    on_path = {id(n) for e in edits for n in [e.old, *_ancestors(src, e.old)]}
    return rebuilt(src.module, table, on_path).code  # type: ignore[attr-defined,no-any-return]


def _dedented(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines())


def _ancestors(src: SourceFile, node) -> list:
    found = []
    while (node := src.parent(node)) is not None:
        found.append(node)
    return found


@pytest.mark.parametrize("path", FILES)
def test_a_spliced_edit_reads_as_the_whole_module_reprinted(path: str) -> None:
    # Given a real file and the edits the templates propose on its lines (every fifth in a long one)
    src = SourceFile(path, (ROOT / path).read_text())
    lines = range(1, src.text.count("\n") + 1, 5 if src.text.count("\n") > 60 else 1)
    edits = [e for n in lines for e in edits_at(Site(src, n))[:6]]
    assert len(edits) > 20
    for edit in edits:
        # When one is applied, Then the splice equals the reprinted module, and the changed function (or
        # top-level statement) comes alone, before and after, for the analyses
        rewrite = src.rewrite([edit])
        assert rewrite.text == _whole_module(src, [edit]), (edit.template, src.positions[edit.old].start.line)
        assert len(rewrite.chunks) == 1
        before, after = rewrite.chunks[0]
        assert _dedented(before) in _dedented(src.text)
        assert _dedented(after) in _dedented(rewrite.text)
    # And two edits far apart are applied together just as well
    first, last = edits[0], edits[-1]
    assert src.apply_all([first, last]) == _whole_module(src, [first, last])
