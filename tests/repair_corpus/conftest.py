"""The corpus is data for tests/repair and benchmarks/repair.py: pytest must not collect it."""

collect_ignore_glob = ["*"]
