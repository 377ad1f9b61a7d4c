"""The ``refactor`` fixer: behaviour-preserving rewrites of a function a quality rule flagged; no LLM.

- ``fixer``: ``RefactorFixer`` (``FIXERS["refactor"]``) and ``refactor_text``, the steps on a file's text.
- ``ruff_fixes``: ruff's safe fixes, applied inside the flagged function only.
- ``codemods`` + ``comprehension``: libcst rewrites (bool returns, merged ifs, else after exit, guard clauses,
  loops that build a list, set or dict); ``syntax``: the libcst helpers they share.
- ``flow`` + ``reads``: what a run of statements reads and writes, and why it cannot move; ``extract``: a helper made
  from it (duplicated blocks: every copy calls one helper); ``extract_steps``: extract function for
  complexity, nesting and length.
- ``report``: the patch rationale, the PR title and the PR body's section.
"""
