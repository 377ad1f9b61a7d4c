"""Write a regression test from a production error: replay the crashing call with production's arguments.

It qualifies when the crash site is a module-level Python function and every parameter it needs was
captured (numbers, booleans and None only — ``Frame.arguments``; the values are the locals at the
moment of the crash); a function that needs none is replayed as a bare call. The test asserts
nothing beyond the call: it fails while the error happens.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import PurePosixPath

from agentfleet.analysis import module_name
from agentfleet.contracts import FixError, InvestigationReport, RegressionTest, short_fingerprint
from agentfleet.flow.investigation.source import SourceRepo

__all__ = ["regression_test"]

TEMPLATE = '''"""Regression test written by agentfleet from a production error.

Production raised an exception in {module}.{function}; this replays the call with the arguments it had.
"""

# exception: {exception}
# finding: {fingerprint}

from {module} import {function}


def test_{function}_with_the_production_arguments() -> None:
    {call}
'''


def _call(func: ast.FunctionDef, arguments: Mapping[str, object]) -> str | None:
    """``name(a=1, b=2)`` when every required parameter has a captured value, else ``None``."""
    args = func.args
    if args.posonlyargs:
        return None
    required = [a.arg for a in args.args[: len(args.args) - len(args.defaults)]]
    required += [a.arg for a, default in zip(args.kwonlyargs, args.kw_defaults, strict=True) if default is None]
    if any(name not in arguments for name in required):
        return None
    names = [a.arg for a in (*args.args, *args.kwonlyargs) if a.arg in arguments]
    return f"{func.name}({', '.join(f'{name}={arguments[name]!r}' for name in names)})"


def _test_dir(report: InvestigationReport) -> str:
    if report.related_tests:
        return str(PurePosixPath(report.related_tests[0]).parent)
    return "tests"


def regression_test(source: SourceRepo, report: InvestigationReport, item: FixError) -> RegressionTest | None:
    """A test replaying the crashing call, or ``None`` when the crash site does not qualify."""
    site = report.crash_site
    if site is None or site.path is None or not site.path.endswith(".py"):
        return None
    arguments = item.error.frames[site.frame_index].arguments
    module = module_name(site.path)
    if module is None:
        return None
    try:
        tree = ast.parse("\n".join(source.lines(report.commit, site.path)))
    except SyntaxError:
        return None
    func = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == site.function), None)
    call = _call(func, arguments) if func is not None else None
    if func is None or call is None:
        return None
    name = f"test_regression_{func.name}_{short_fingerprint(item.fingerprint)[:8]}.py"
    # Only checked identifiers and repr()s reach the file: the exception type and the fingerprint come
    # from production (untrusted) and go into comments as repr()s, which no quote or newline escapes.
    content = TEMPLATE.format(
        fingerprint=repr(item.fingerprint),
        exception=repr(report.exception_type),
        module=module,
        function=func.name,
        call=call,
    )
    return RegressionTest(path=str(PurePosixPath(_test_dir(report)) / name), content=content, call=call)
