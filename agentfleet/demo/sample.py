"""The demo's service: a small checkout service whose latest commit broke bulk pricing for 50+ units."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["BUGGY_LINE", "create_service_repo"]

SOURCE = Path(__file__).with_name("checkout_service")

GOOD_LINES = "    tier = min(quantity // 10, len(TIERS) - 1)\n    return TIERS[tier]\n"
BUGGY_LINE = "    return TIERS[min(quantity // 10, len(TIERS))]\n"
"""Bob's one-line "simplification": the tier index can now run one past the last tier."""

ALICE = ("Alice Moreau", "alice@checkout.example")
BOB = ("Bob Tanaka", "bob@checkout.example")


def _commit(repo: Path, author: tuple[str, str], message: str) -> str:
    name, email = author
    identity = ["-c", f"user.name={name}", "-c", f"user.email={email}", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", *identity, "commit", "-q", "-m", message], cwd=repo, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True)
    return head.stdout.strip()


def create_service_repo(path: Path) -> str:
    """Create the checkout repo at ``path``: Alice's working service, then Bob's buggy commit. Returns HEAD."""
    shutil.copytree(SOURCE, path, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True)
    _commit(path, ALICE, "Checkout service: carts, bulk discounts, order handler")
    pricing = path / "checkout" / "pricing.py"
    pricing.write_text(pricing.read_text().replace(GOOD_LINES, BUGGY_LINE))
    return _commit(path, BOB, "Inline the bulk discount tier lookup")
