"""Which of a patch's own proof tests prove nothing production runs, read from real patches on a real repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import git, make_repo

from agentfleet.flow.gate.hollow import hollow_tests
from agentfleet.flow.gate.patchset import PatchSet

PRICING = '''"""Pricing."""

__all__ = ["total"]


def rate(quantity):
    if quantity < 0:
        raise ValueError("quantity must be >= 0")
    return RATES[quantity // 10]


def total(quantity):
    return quantity * (1 - rate(quantity))


RATES = (0.0, 0.1)
'''
BASE = {"shop/__init__.py": "", "shop/pricing.py": PRICING, "shop/report.py": "def line():\n    return 1\n"}
TEST = "tests/test_fix.py"


def _patchset(tmp_path: Path, files: dict[str, str]) -> PatchSet:
    """``files`` written over the base repo, as a real diff applied by git."""
    repo = tmp_path / "shop"
    base = make_repo(repo, BASE)
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    git(repo, "add", "-A")
    diff = git(repo, "diff", "--cached", "HEAD") + "\n"
    return PatchSet.apply(repo / ".git", base, diff, 100_000)


def _code(old: str, new: str, tail: str = "") -> str:
    assert old in PRICING
    return PRICING.replace(old, new) + tail


FLAG = _code("RATES = (0.0, 0.1)\n", "RATES = (0.0, 0.1)\nFIXED = True\n")
CONVERTED = _code(
    "    return RATES[quantity // 10]\n",
    "    if quantity >= 20:\n        raise ValueError('too many')\n    return RATES[quantity // 10]\n",
)
SUBCLASS = _code(
    "    return RATES[quantity // 10]\n",
    "    if quantity >= 20:\n        raise TooMany(quantity)\n    return RATES[quantity // 10]\n",
    "\n\nclass TooMany(LookupError):\n    pass\n",
)
HELPER = _code(
    "    return RATES[quantity // 10]\n",
    "    return RATES[_tier(quantity)]\n",
    "\n\ndef _tier(quantity):\n    return min(quantity // 10, len(RATES) - 1)\n",
)
CLASS_FLAG = _code("RATES = (0.0, 0.1)\n", "RATES = (0.0, 0.1)\n\n\nclass Settings:\n    fixed = True\n")
HOOK = _code(
    "RATES = (0.0, 0.1)\n",
    "RATES = (0.0, 0.1)\n\n\nclass Form:\n    def clean(self):\n        return rate(0)\n\n\n"
    "FORMS = {'default': Form}\n",
)
"""A new method only a framework calls (by protocol), on a class production registers."""
EXPORTED_FLAG = _code('__all__ = ["total"]\n', '__all__ = ["total", "FIXED"]\n', "FIXED = True\n")


@pytest.mark.parametrize(
    ("code", "test", "says"),
    [
        (FLAG, "from shop import pricing\n\n\ndef test_fixed():\n    assert pricing.FIXED\n", "reads FIXED"),
        (
            FLAG,
            "from shop import pricing\n\n\ndef test_fixed():\n    assert getattr(pricing, 'FIXED', 0)\n",
            "reads FIXED",
        ),
        (
            FLAG,
            "from shop.pricing import FIXED as F\n\nDONE = F\n\n\ndef test_fixed():\n    assert DONE\n",
            "reads FIXED",
        ),
        (EXPORTED_FLAG, "from shop.pricing import FIXED\n\n\ndef test_fixed():\n    assert FIXED\n", "reads FIXED"),
        (CLASS_FLAG, "from shop import pricing\n\n\ndef test_fixed():\n    assert pricing.Settings.fixed\n", "reads"),
        (
            CONVERTED,
            "import pytest\n\nfrom shop.pricing import rate\n\n\ndef test_many():\n"
            "    with pytest.raises(ValueError):\n        rate(25)\n",
            "expects ValueError",
        ),
        (
            CONVERTED,
            "from shop.pricing import rate\n\n\nclass TestRate:\n    def test_many(self):\n        try:\n"
            "            rate(25)\n        except ValueError:\n            return\n        raise AssertionError\n",
            "expects ValueError",
        ),
        (
            SUBCLASS,
            "import unittest\n\nfrom shop.pricing import rate\n\n\nclass T(unittest.TestCase):\n"
            "    def test_many(self):\n        self.assertRaises(LookupError, rate, 25)\n",
            "expects LookupError",
        ),
    ],
    ids=["attribute", "getattr", "aliased", "only-exported", "class-attribute", "raises", "except", "subclass"],
)
def test_a_proof_that_reads_the_patchs_own_flag_or_expects_its_new_exception_is_hollow(
    tmp_path: Path, code: str, test: str, says: str
) -> None:
    patchset = _patchset(tmp_path, {"shop/pricing.py": code, TEST: test})
    [(test_id, why)] = hollow_tests(patchset, [TEST], "IndexError").items()
    assert test_id.startswith(f"{TEST}::")
    assert says in why


@pytest.mark.parametrize(
    ("files", "test"),
    [
        (
            {"shop/pricing.py": HELPER},
            "from shop.pricing import _tier, total\n\n\ndef test_many():\n    assert total(25) == 22.5\n"
            "    assert _tier(25) == 1\n",
        ),
        (
            {"shop/pricing.py": HELPER},
            "import pytest\n\nfrom shop.pricing import rate\n\n\ndef test_many():\n    assert rate(25) == 0.1\n"
            "    with pytest.raises(ValueError):\n        rate(-1)\n",
        ),
        (
            {"shop/pricing.py": FLAG, "shop/report.py": "def line():\n    return 1\n"},
            "from shop import pricing\n\n\ndef test_fixed():\n    assert pricing.total(25) == 22.5\n",
        ),
        (
            {"shop/pricing.py": HOOK},
            "from shop.pricing import Form, total\n\n\ndef test_clean():\n    assert total(25) == 22.5\n"
            "    assert Form().clean() == 0.0\n",
        ),
    ],
    ids=["new-helper-production-calls", "exception-it-already-raised", "flag-not-read", "method-a-framework-calls"],
)
def test_an_honest_proof_is_not_hollow(tmp_path: Path, files: dict[str, str], test: str) -> None:
    patchset = _patchset(tmp_path, {**files, TEST: test})
    assert hollow_tests(patchset, [TEST], "IndexError") == {}


def test_a_name_production_code_elsewhere_already_reads_is_not_the_tests_alone(tmp_path: Path) -> None:
    # Given a module elsewhere that reads pricing.FIXED (it crashed without it), and the fix that adds it
    repo_files = {
        "shop/pricing.py": FLAG,
        TEST: "from shop import pricing\n\n\ndef test_fixed():\n    assert pricing.FIXED\n",
    }
    repo = tmp_path / "shop"
    base = make_repo(
        repo, {**BASE, "shop/report.py": "from shop import pricing\n\n\ndef line():\n    return pricing.FIXED\n"}
    )
    for path, text in repo_files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    git(repo, "add", "-A")
    patchset = PatchSet.apply(repo / ".git", base, git(repo, "diff", "--cached", "HEAD") + "\n", 100_000)
    # Then a test reading it is not hollow
    assert hollow_tests(patchset, [TEST], "AttributeError") == {}
