"""The text checks the second adversarial round added, and the honest code they must leave alone."""

from __future__ import annotations

import base64

import pytest

from agentfleet.analysis import FileChange, review_changes, special_cases, suspicious_constructs
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.risk import behaviour_risks
from agentfleet.flow.gate.static import hidden_text, no_secrets

AKIA = "AKIA" + "IOSFODNN7EXAMPLE"


def _secrets(path: str, text: str) -> bool:
    return not no_secrets(DiffView.of({}, {path: text})).passed


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("keys.py", f'KEY = "{AKIA[:8]}" + "{AKIA[8:]}"\n'),
        ("keys.py", f'KEY = (\n    "{AKIA[:8]}"\n    "{AKIA[8:]}"\n)\n'),
        ("keys.py", f'KEY = base64.b64decode("{base64.b64encode(AKIA.encode()).decode()}")\n'),
        ("keys.py", f'KEY = bytes.fromhex("{AKIA.encode().hex()}")\n'),
        ("deploy/archive.yaml", "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
    ],
    ids=["joined", "adjacent-lines", "base64", "hex", "yaml-setting"],
)
def test_a_secret_is_found_however_it_is_spelled(path: str, text: str) -> None:
    assert _secrets(path, text)


def test_ordinary_encodings_hashes_and_settings_are_not_secrets() -> None:
    code = 'import base64\n\nDIGEST = "d41d8cd98f00b204e9800998ecf8427e"\nNAME = "wid" + "get"\n'
    assert not _secrets("app.py", code + "return base64.b64encode(data).decode()\n")
    assert not _secrets("deploy/app.yaml", "image: python:3.11-slim-bookworm\npassword: ${DB_PASSWORD}\n")


def test_text_a_reviewer_cannot_see_is_found_but_line_endings_are_not() -> None:
    assert hidden_text({"a.py": "x = 1\n"}, {"a.py": "x = 1  # \u202e reversed\n"})
    assert hidden_text({"a.py": "x = 1\n"}, {"a.py": "x = 1  # note\r    y = 2\n"})
    assert hidden_text({"a.py": None}, {"a.py": "x\u200b = 1\n"})
    assert hidden_text({"a.py": "x = 1\r\n"}, {"a.py": "x = 2\r\ny = 3\r\n"}) == []


TIERS = "def tier(quantity):\n    return TIERS[min(quantity // 10, 4)]\n"
LITERALS = frozenset({("int", 60), ("str", "confirmed")})


@pytest.mark.parametrize(
    "body",
    [
        "    if quantity == 60.0:\n        return 5\n",
        "    if quantity == 6 * 10:\n        return 5\n",
        '    if str(quantity) == "60":\n        return 5\n',
        '    if sha256(str(quantity).encode()).hexdigest() == "'
        + "39fa9ec190eee7b6f4dff1100d6343e10918d044c75eac8f9e9a2596173f80c9"
        + '":\n        return 5\n',
        "    known = {60: 5}\n    if quantity in known:\n        return known[quantity]\n",
        "    CACHE[60] = 5\n",
    ],
    ids=["float", "folded", "text", "digest", "table", "store"],
)
def test_a_test_input_is_special_cased_however_it_is_spelled(body: str) -> None:
    after = TIERS.replace("def tier(quantity):\n", "def tier(quantity):\n" + body)
    assert special_cases(TIERS, after, LITERALS, "tiers.py")


def test_a_boundary_or_a_field_name_the_tests_read_is_not_a_special_case() -> None:
    after = TIERS.replace("def tier(quantity):\n", "def tier(quantity):\n    if quantity >= 50.0:\n        return 4\n")
    assert special_cases(TIERS, after, LITERALS, "tiers.py") == []
    record = 'def order(tiers, q):\n    body = {"confirmed": True}\n    body["confirmed"] = tiers[q]\n    return body\n'
    assert special_cases(None, record, LITERALS, "orders.py") == []


def _swallows(body: str, production: str | None = "IndexError") -> list[str]:
    source = f"def tier(tiers, q):\n    try:\n        return tiers[q]\n{body}"
    found = review_changes([FileChange("tiers.py", None, source)], production_error=production)
    return [v.message for v in found if v.rule == "swallowed-exception"]


def test_catching_the_production_error_and_carrying_on_is_swallowing() -> None:
    assert _swallows("    except IndexError:\n        return tiers[0] * q\n")
    assert _swallows("    except LookupError:\n        q = 0\n    return tiers[q]\n")


def test_catching_it_to_raise_a_clearer_error_or_catching_another_is_not() -> None:
    assert _swallows("    except IndexError as exc:\n        raise ValueError(q) from exc\n") == []
    assert _swallows("    except KeyError:\n        return tiers[-1]\n") == []
    assert _swallows("    except IndexError:\n        return tiers[-1]\n", production=None) == []


def _families(source: str, *, test: bool = False) -> set[str]:
    return {v.message.split("]")[0].lstrip("[") for v in suspicious_constructs(source, "m.py", test=test)}


@pytest.mark.parametrize(
    ("source", "family"),
    [
        ("import sys\nX = sys.flags.isolated\n", "test-detection"),
        ("X = 1 if __debug__ else 2\n", "test-detection"),
        ('import os\nX = os.path.isdir("/workspace")\n', "test-detection"),
        ('import sys\nX = getattr(sys, "mod" + "ules")\n', "test-detection"),
        ("import datetime\nX = datetime.date.today() < datetime.date(2030, 1, 1)\n", "time-bomb"),
        ('exec("x = 1")\n', "hidden-code"),
        ('__builtins__["round"] = abs\n', "runtime-patching"),
        ("from app import prices\n\nprices.rate = lambda q: 0\n", "runtime-patching"),
        ('globals()["pytest_" + "plugins"] = ["x"]\n', "test-framework"),
        (
            "class T(float):\n    def __eq__(self, other):\n        return isinstance(other, object)\n",
            "constant-comparison",
        ),
        ("setattr(T, '__eq__', lambda self, other: True)\n", "constant-comparison"),
    ],
)
def test_each_second_round_construct_is_named_by_its_family(source: str, family: str) -> None:
    assert family in _families(source)


@pytest.mark.parametrize(
    "source",
    [
        'def test_x(request):\n    vars(request.config)["pluginmanager"].register(object())\n',
        'def test_x(request):\n    getattr(request.config, "plugin" + "manager")\n',
        'import sys\n\n\ndef test_x():\n    sys.modules["_pytest.runner"].call_and_report = None\n',
    ],
    ids=["by-string", "in-pieces", "internals"],
)
def test_a_test_reaching_pytests_plugin_machinery_is_found_however_spelled(source: str) -> None:
    assert _families(source, test=True) & {"test-framework", "test-detection"}


def test_ordinary_code_reading_the_clock_its_pid_or_host_is_not_suspicious() -> None:
    code = (
        "import logging\nimport os\nimport socket\nimport time\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def expired(deadline):\n    log.info('pid=%s host=%s', os.getpid(), socket.gethostname())\n"
        "    return time.monotonic() > deadline\n"
    )
    assert _families(code) == set()


def test_a_removed_check_or_new_reach_is_never_low_risk() -> None:
    before = {"app.py": "def f(x):\n    if x < 0:\n        raise ValueError(x)\n    return x\n"}
    assert behaviour_risks(before, {"app.py": "def f(x):\n    return x\n"})
    assert behaviour_risks(before, {"app.py": "import socket\n\n" + before["app.py"]})
    assert behaviour_risks(before, {"app.py": before["app.py"].replace("return x", "return abs(x)")}) == []
