"""Values for optional parameters, from shapes met on real libraries (mistune 3.1's ``markdown``)."""

from __future__ import annotations

from agentfleet.flow.fixers.tests.calls import plan_calls

RENDER = """from typing import Any, Optional

RendererRef = Any


def render(text: str, escape: bool = True, renderer: Optional[RendererRef] = "html", plugins=None):
    if renderer == "ast":
        renderer = None
    key = (escape, renderer, plugins)
    return key, text
"""


def test_an_optional_parameter_compared_with_a_constant_is_passed_that_constant() -> None:
    # Given an optional parameter whose branch needs the constant it is compared with (`renderer == "ast"`),
    # a value no test of the suite holds, and an annotation naming an alias no literal fits
    tests = ["def test_r():\n    assert render('a') == ((True, 'html', None), 'a')\n"]
    # When calls are planned
    calls = {c.args for c in plan_calls(RENDER, "render", tests, 60)}
    # Then "ast" reaches `renderer`, in its place
    assert any(len(a) >= 3 and a[2] == "'ast'" for a in calls)
