"""The ``quality`` monitor: code-quality debt — complexity, nesting, length, duplication, maintainability, ruff.

- ``config``: fleet-file ``[repos.quality]`` (monitor thresholds, refactor fixer and gate options).
- ``lint``: ruff on many files at once: McCabe complexity per function, the enabled rules' findings.
- ``shape``: statement lines, nesting depth, functions never to refactor (dynamic code), generated files.
- ``clones``: duplicated statement sequences, identical modulo names.
- ``audit``: files → every function's ``QualityMetrics`` and the clone groups; ``metric``: one rule's number.
- ``debts``: what is debt (``worst``) or new debt since the last audit (``new``), ranked.
- ``covered``: a debt's line coverage from the coverage monitor's last measurement (``coverage.lines``).
- ``findings``: debt → ``Finding`` (one per place); ``state``: audited commit and open findings per repo.
- ``monitor``: ``QualityMonitor`` (``MONITORS["quality"]``).
"""
