"""The offline repair engine: search-based program repair for Python, validated in sandboxes, no LLM.

- ``engine.repair(boxes, RepairRequest, RepairConfig) -> RepairResult``: the plain API.
- ``fixer.RepairFixer``: the ``repair`` fixer (``FIXERS``) for ``fix_error`` work.
- ``localize``: Ochiai over per-test coverage plus crash frames; ``spectrum``/``runner``/
  ``sandbox_runner``: the probe and the batch runner that execute inside the sandbox.
- ``source`` + ``templates/``: libcst edits at a suspicious line (formatting kept byte for byte);
  ``candidates``: search order, dedupe and the anti-overfitting filter; ``validate``: parallel
  validation with a deadline; ``rank``: plausible patches best first.

Imports nothing heavy here: ``settings`` imports ``repair.config``.
"""
