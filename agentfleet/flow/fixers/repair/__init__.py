"""The offline repair engine: search-based program repair for Python, validated in sandboxes, no LLM.

- ``engine.repair(boxes, RepairRequest, RepairConfig) -> RepairResult``: the plain API.
- ``fixer.RepairFixer``: the ``repair`` fixer (``FIXERS``) for ``fix_error`` work.
- ``localize``: Ochiai over per-test coverage plus crash frames; ``spectrum``/``runner``/
  ``sandbox_runner``: the probe and the batch runner that execute inside the sandbox.
- ``source`` + ``templates/``: libcst edits at a suspicious line (formatting kept byte for byte);
  ``precedence``: brackets a built expression needs where it lands; ``splice``: an edit reprints
  only the statement it is in; ``pairs``: two tier-1 edits at once.
- ``candidates``: search order, dedupe (``canonical``: one fingerprint per patch) and the filters
  (``analysis`` rules, ``essentials``: what a function cannot lose, ``oddities``: arithmetic that does
  nothing); ``validate``: parallel validation with a deadline (``hang_limit``: a shorter limit on
  tests that hung in the probe, once finished runs show a margin); ``contenders``: after the first
  plausible patch, only candidates that could still outrank it run, ``window``: and at most so many of them
  (counted in candidates by a replay in search order, so the load does not decide); ``rank``: plausible patches best
  first; ``behaviour``: the behavioural distance that breaks ties among them.
- ``seeds`` + ``reproduce``: a call that crashes like production when no test fails.
- ``suite``, ``reaching``: the tests a patch must keep green (the command's selection; with ``--tests``, the
  test files that can reach the edited files).

Imports nothing heavy here: ``settings`` imports ``repair.config``.
"""
