"""The corpus is data for benchmarks/tests.py and tests/coverage: pytest must not collect it."""

collect_ignore_glob = ["*"]
