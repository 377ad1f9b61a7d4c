"""The demo's service: a small checkout service whose latest commit broke bulk pricing for 50+ units."""

from __future__ import annotations

import shutil
from pathlib import Path

from agentfleet.core.git import author, commit_all

__all__ = ["BUGGY_LINE", "create_service_repo"]

SOURCE = Path(__file__).with_name("checkout_service")

GOOD_LINES = "    tier = min(quantity // 10, len(TIERS) - 1)\n    return TIERS[tier]\n"
BUGGY_LINE = "    return TIERS[min(quantity // 10, len(TIERS))]\n"
"""Bob's one-line "simplification": the tier index can now run one past the last tier."""

ALICE = ("Alice Moreau", "alice@checkout.example")
BOB = ("Bob Tanaka", "bob@checkout.example")


def create_service_repo(path: Path) -> str:
    """Create the checkout repo at ``path``: Alice's working service, then Bob's buggy commit. Returns HEAD."""
    shutil.copytree(SOURCE, path, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    commit_all(path, "Checkout service: carts, bulk discounts, order handler", author(*ALICE))
    pricing = path / "checkout" / "pricing.py"
    pricing.write_text(pricing.read_text().replace(GOOD_LINES, BUGGY_LINE))
    return commit_all(path, "Inline the bulk discount tier lookup", author(*BOB))
