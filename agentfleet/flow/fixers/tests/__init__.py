"""The ``tests`` fixer: pytest tests for code no test runs, verified before they are proposed; no LLM.

- ``fixer``: ``TestsFixer`` (``FIXERS["tests"]``): generate → curate → minimise → mutation check → patch.
- ``toolenv`` + ``pynguin``: Pynguin (DynaMOSA) in its own tool environment inside the sandbox.
- ``characterise``: the built-in characterisation writer (calls from the repo's test literals and type hints,
  return values recorded as assertions); ``characterise_runner`` runs inside the sandbox. Reusable:
  differential tests for refactors call ``characterise.characterise``.
- ``candidates``: split generated files into single tests, drop non-deterministic assertions, rename.
- ``curate``: keep tests that pass every run (fresh process, random order) and have no side effects, then
  the fewest that keep the coverage gain on the target.
- ``mutants``: the repair engine's templates as mutation operators on the target lines; kills per test set.
- ``placement`` + ``writer``: where the repo keeps tests, and one file with one import block (ruff-formatted).
- ``report``: the patch rationale and the PR body section.
"""
