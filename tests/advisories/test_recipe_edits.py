"""The recipe's manifest edits: the right specifier, the same layout, hashes of the new release."""

from __future__ import annotations

import tomllib

import pytest

from agentfleet.flow.fixers.recipes.edit_pyproject import upgrade_pyproject
from agentfleet.flow.fixers.recipes.edit_requirements import upgrade_requirements
from agentfleet.flow.fixers.recipes.specifiers import replace_specifier

LOCKED = """\
#
# pip-compile --generate-hashes requirements.in
#
django==3.2.0 \\
    --hash=sha256:0aa4 \\
    --hash=sha256:0bb5
    # via -r requirements.in
requests==2.19.0 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
    # via -r requirements.in
"""


def test_pip_compile_output_keeps_its_layout_with_the_new_hashes() -> None:
    new, changed = upgrade_requirements(LOCKED, "Requests", "2.31.0", ["sha256:1111", "sha256:2222", "sha256:3333"])
    assert changed == 1
    assert new == LOCKED.replace(
        "requests==2.19.0 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\n",
        "requests==2.31.0 \\\n    --hash=sha256:1111 \\\n    --hash=sha256:2222 \\\n    --hash=sha256:3333\n",
    )


def test_inline_hashes_stay_inline_and_other_lines_are_untouched() -> None:
    text = "flask==0.12.2 --hash=sha256:aaaa --hash=sha256:bbbb  # web\r\nPyYAML==5.3 --hash=sha256:dddd\r\n"
    new, changed = upgrade_requirements(text, "flask", "2.2.5", ["sha256:cccc", "sha256:eeee"])
    assert changed == 1
    assert new == "flask==2.2.5 --hash=sha256:cccc --hash=sha256:eeee  # web\r\nPyYAML==5.3 --hash=sha256:dddd\r\n"


def test_a_hashed_declaration_without_new_hashes_is_refused() -> None:
    with pytest.raises(ValueError, match="line 8: requests 2.31.0 has no sha256 hashes on the index"):
        upgrade_requirements(LOCKED, "requests", "2.31.0", [])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("django==3.2.0", "django==3.2.25"),
        (
            "Django[bcrypt] >= 3.0, < 4 ; python_version >= '3.8'",
            "Django[bcrypt] >=3.2.25, <4 ; python_version >= '3.8'",
        ),
        ("django~=3.2.0  # lts", "django>=3.2.25,==3.2.*  # lts"),
        ("django>3.0,!=3.2.1", "django>=3.2.25,!=3.2.1"),
        ("django===3.2.0", "django===3.2.25"),
        ("django (>=3.0)", "django (>=3.2.25)"),
    ],
)
def test_specifiers_are_raised_to_the_target_keeping_other_constraints(before: str, after: str) -> None:
    assert replace_specifier(before, "django", "3.2.25") == after


def test_only_the_named_package_is_touched() -> None:
    assert replace_specifier("django-extensions==3.0", "django", "3.2.25") is None


def test_pyproject_strings_are_edited_in_place() -> None:
    text = """[project]
name = "svc"
dependencies = [
    "Django>=3.0,<4",   # the web framework
    'requests==2.19.0',
]

[project.optional-dependencies]
yaml = ["pyyaml==5.3; python_version >= '3.8'"]
"""
    new, changed = upgrade_pyproject(text, "pyyaml", "5.4")
    assert changed == 1
    assert new == text.replace("pyyaml==5.3;", "pyyaml==5.4;")
    new, _ = upgrade_pyproject(text, "django", "3.2.25")
    assert '"Django>=3.2.25,<4",   # the web framework' in new
    assert tomllib.loads(new)["project"]["dependencies"][1] == "requests==2.19.0"
