"""Repair templates: they reach the known fixes of the corpus, byte for byte, and touch nothing else."""

from __future__ import annotations

import difflib
import textwrap

import pytest
from corpus_kit import TUNING, bugs

from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at

NOT_BYTE_FOR_BYTE = {
    "18_merge_settings": "the templates write `overrides[key]`, equivalent to the known `value`",
    "37_paragraphs": "the copied `elif` also carries its `current = []`",
    "42_queue_attribute": "the known fix replaces an expression, not a name",
    "45_median_sorted": "needs a new statement; no template writes one (the honest no-fix case)",
    "57_exam_tally": "two edits: the pair search reaches it, no single template does",
    "103_merge_sort": "two edits (`== 0` → `<= 1`): the pair search reaches it, no single template does",
    "121_wrap_text": "the guarded flush is written from the loop's `lines.append(line)` (line 10), not where it lands",
}


def _candidates(path: str, text: str, line: int) -> list[str]:
    src = SourceFile(path, text)
    return [src.apply(edit) for edit in edits_at(Site(src, line))]


@pytest.mark.parametrize(
    "bug", [b for b in bugs(split=TUNING) if b.name not in NOT_BYTE_FOR_BYTE], ids=lambda b: b.name
)
def test_the_known_fix_is_a_candidate_at_the_true_line(bug) -> None:
    files = bug.repo_files()
    assert bug.fixed_source() in _candidates(bug.file, files[bug.file], bug.line)


SOURCE = textwrap.dedent(
    '''
    """Odd but valid formatting: every byte outside the edit must survive."""


    def  clamp( value ,low,high ):   # keep this comment
        # and this one
        if value<low :
            return low    # low side
        return min( value , high )  if value >= low else low


    TABLE = {  "a" : 1,
               "b":2 }
    '''
)


def test_expression_edits_change_only_their_own_line() -> None:
    src = SourceFile("clamp.py", SOURCE)
    old = SOURCE.splitlines(keepends=True)
    for line in (7, 9):
        edits = [e for e in edits_at(Site(src, line)) if e.tier == 1]
        assert edits
        for edit in edits:
            new = src.apply(edit).splitlines(keepends=True)
            changed = [
                i + 1
                for op, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new).get_opcodes()
                if op != "equal"
                for i in range(i1, i2)
            ]
            assert changed == [line], (edit.template, changed)


def test_statement_edits_keep_comments_and_indentation() -> None:
    src = SourceFile("clamp.py", SOURCE)
    moved = [src.apply(e) for e in edits_at(Site(src, 9)) if e.template == "move-statement"]
    swapped_up = next(text for text in moved if text.index("return min(") < text.index("if value<low"))
    assert "    return min( value , high )  if value >= low else low\n    # and this one\n" in swapped_up
    assert "\ndef  clamp( value ,low,high ):   # keep this comment\n" in swapped_up
    assert "    # and this one\n    if value<low :\n        return low    # low side\n" in swapped_up


def test_chained_comparisons_keep_their_direction() -> None:
    src = SourceFile("r.py", "def ok(n):\n    return 3 <= n <= 20\n")
    edits = [e for e in edits_at(Site(src, 2)) if e.template == "comparison-operator"]
    outcomes = {text.splitlines()[1].strip() for text in map(src.apply, edits)}
    assert "return 3 <= n < 20" in outcomes
    assert "return 3 < n <= 20" in outcomes
    assert not {o for o in outcomes if ">" in o or "==" in o}


def test_guards_return_the_annotated_type_and_base_cases_follow_the_docstring() -> None:
    text = 'def mean(xs: list[float]) -> float:\n    """Mean."""\n    return sum(xs) / len(xs)\n'
    guarded = [t for t in _candidates("m.py", text, 3) if "if not xs:" in t]
    assert 'def mean(xs: list[float]) -> float:\n    """Mean."""\n    if not xs:\n        return 0.0\n' in "".join(
        guarded
    )
    fact = 'def fact(n):\n    """n!"""\n    return n * fact(n - 1)\n'
    assert 'def fact(n):\n    """n!"""\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n' in _candidates(
        "f.py", fact, 3
    )


def test_a_new_base_case_goes_after_the_existing_guard_clauses() -> None:
    # Given a recursive function whose first statements guard its input
    fact = (
        'def fact(n):\n    """n!"""\n    if n < 0:\n        raise ValueError("negative")\n'
        "    assert isinstance(n, int)\n    return n * fact(n - 1)\n"
    )
    # When base cases are proposed at its recursive line
    based = [text for text in _candidates("f.py", fact, 6) if "if n <= 1:" in text]
    # Then each comes after the guards, which keep doing what they did
    assert based
    guards = '    if n < 0:\n        raise ValueError("negative")\n    assert isinstance(n, int)\n'
    assert all(f"{guards}    if n <= 1:\n" in text for text in based)


def test_shifting_a_shifted_index_folds_the_constant() -> None:
    outcomes = {t.splitlines()[1].strip() for t in _candidates("w.py", "def f(xs, i):\n    return xs[i + 1]\n", 2)}
    assert {"return xs[i + 2]", "return xs[i]"} <= outcomes
    assert not {o for o in outcomes if "+ 1 + 1" in o or "+ 1 - 1" in o}
