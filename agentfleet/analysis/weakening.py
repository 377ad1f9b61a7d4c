"""Test weakening: deleted tests, fewer effective assertions, new skips, new early returns.

Tests are ``test*`` functions (module level or in a class), and so are assertion helpers (``assert*``,
``check*``, ``verify*``): neutering a helper weakens every test that calls it. Assertions are ``assert``
statements whose condition can be false (not ``assert True``, ``assert x or True``,
``assert (x, "msg")``, ``assert r == r``), ``assert*`` method calls on something computed and not compared with
itself (not ``assertTrue(True)``, ``assertEqual(r, r)``) and ``raises``/``warns`` context managers (or given the
callable to call), outside
branches that can never run (``if False:``). Skips are skip/xfail markers and calls in any spelling the AST shows
(``pytest.skip``, ``raise unittest.SkipTest``, ``skipTest``), and ``__test__`` set anywhere, which stops
pytest from collecting. A test also weakens when a decorator other than a ``mark`` wraps it (it may
replace or stub the test) or when its name is rebound or deleted after its definition. This is the
second signal: the gate's first is what its own runs saw pass.

``silent_tests`` reads the same counts the other way: the tests a file gains that assert nothing at all (they
pass whatever the code returns, and "kill" a mutant only when it raises).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from agentfleet.analysis._syntax import is_literal, parse
from agentfleet.analysis.constants import is_constant_expr, is_falsy_constant, is_truthy_constant
from agentfleet.analysis.violations import Violation

__all__ = ["silent_tests", "weakened_tests"]

RULE = "test-weakened"
SILENT = "test-asserts-nothing"
_SKIPS = frozenset(
    {"skip", "skipif", "xfail", "skipIf", "skipUnless", "expectedFailure", "skipTest", "importorskip"}
    | {"SkipTest", "Skipped", "__test__"}
)
_RAISES = frozenset({"raises", "warns", "deprecated_call"})
_BROAD = frozenset({"Exception", "BaseException"})
_TRACKED = ("test", "assert", "check", "verify")
"""Function name prefixes whose assertions are tracked: tests and assertion helpers."""
_HELPERS = ("assert", "check", "verify")
_MODULE = "<module>"


@dataclass
class _Test:
    line: int
    asserts: int = 0
    skips: int = 0
    returns: int = 0
    wrappers: int = 0
    rebound: int = 0
    calls: list[str] = field(default_factory=list)
    """The last names of the functions it calls (``self.check_total`` → ``check_total``), but an ``assert*``
    call that checks nothing (``assertTrue(True)``)."""
    named: int = 0
    """Of ``asserts``, the calls counted by an ``assert*`` name (a helper the file may define as doing nothing)."""


def _last_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _reachable(nodes: Sequence[ast.AST], nested: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under ``nodes`` except those in a branch whose condition is always false, each with
    whether it sits in a function nested in the test (its ``return`` does not end the test)."""
    for root in nodes:
        if isinstance(root, ast.If | ast.While) and is_falsy_constant(root.test):
            yield root.test, nested
            yield from _reachable(root.orelse, nested)
            continue
        yield root, nested
        inner = nested or isinstance(root, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from _reachable(list(ast.iter_child_nodes(root)), inner)


def _same(operands: Sequence[ast.expr]) -> bool:
    """Every operand is the same expression (``r == r``, ``assertEqual(f(1), f(1))``): true of any result."""
    return len(operands) > 1 and len({ast.dump(o) for o in operands}) == 1


def _checks(node: ast.Call, name: str, managed: set[int]) -> bool:
    """Whether the call asserts: an ``assert*`` call on something computed and not compared with itself, or
    ``raises``/``warns`` as a ``with`` context or given the callable to call (a bare ``pytest.raises(E)`` does
    nothing), of something narrower than any exception (``pytest.raises(Exception)`` holds of every crash, even an
    ``AssertionError`` inside it: flake8-bugbear's B017)."""
    if name in _RAISES:
        return (id(node) in managed or len(node.args) > 1) and not (node.args and _any_error(node.args[0]))
    operands = [*node.args, *(k.value for k in node.keywords)]
    fixed = bool(operands) and all(is_constant_expr(a) for a in operands)
    return name.startswith("assert") and not fixed and not _same(node.args)


def _any_error(node: ast.expr) -> bool:
    """``Exception``/``BaseException``, alone or in a tuple: an expectation every crash meets."""
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    return any(_last_name(item) in _BROAD for item in items)


def _effective(node: ast.Assert) -> bool:
    test = node.test
    same = isinstance(test, ast.Compare) and _same([test.left, *test.comparators])
    return not (is_literal(test) or is_truthy_constant(test) or same)


def _count(nodes: Sequence[ast.AST], test: _Test) -> None:
    managed: set[int] = set()
    for node, nested in _reachable(nodes):
        if isinstance(node, ast.With | ast.AsyncWith):
            managed |= {id(item.context_expr) for item in node.items}
        if isinstance(node, ast.Assert):
            test.asserts += _effective(node)
        elif isinstance(node, ast.Return):
            test.returns += not nested
        elif isinstance(node, ast.Call):
            name = _last_name(node)
            counted = _checks(node, name, managed)
            test.asserts += counted
            test.named += counted and name.startswith("assert")
            if counted or not name.startswith("assert"):
                test.calls.append(name)
        elif isinstance(node, ast.Attribute | ast.Name):
            test.skips += _last_name(node) in _SKIPS
        elif isinstance(node, ast.Constant):
            test.skips += node.value == "__test__"


def _skips(decorators: list[ast.expr]) -> int:
    return sum(_last_name(d) in _SKIPS for d in decorators)


def _wrappers(decorators: list[ast.expr]) -> int:
    """Decorators that are not ``mark``s: they may replace the test function."""
    return sum("mark" not in ast.unparse(d).split("(")[0].split(".") for d in decorators)


def _rebind(statements: list[ast.stmt], found: dict[str, _Test], prefix: str = "") -> None:
    """Count the names of tests that ``statements`` assign, delete or name in a string (``setattr``)."""
    for statement in statements:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for node in ast.walk(statement):
            name = node.id if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) else None
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value
            if name is not None and prefix + name in found:
                found[prefix + name].rebound += 1


def _class_level(cls: ast.ClassDef) -> int:
    """Skips a class declares for all its tests: decorators and class-body statements (``__test__ = False``)."""
    marks = _Test(line=cls.lineno, skips=_skips(cls.decorator_list))
    _count([n for n in cls.body if not isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)], marks)
    return marks.skips


def _tests(tree: ast.Module) -> dict[str, _Test]:
    found = {_MODULE: _Test(line=1)}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            _count([node], found[_MODULE])
        classes = [node] if isinstance(node, ast.ClassDef) else []
        functions = [(node, "", 0)] if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else []
        for cls in classes:
            functions += [
                (item, f"{cls.name}.", _class_level(cls))
                for item in cls.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
        for func, prefix, inherited in functions:
            if func.name.startswith(_TRACKED):
                test = found[prefix + func.name] = _Test(func.lineno, skips=inherited + _skips(func.decorator_list))
                test.wrappers = _wrappers(func.decorator_list)
                _count(func.body, test)
        for cls in classes:
            _rebind(cls.body, found, f"{cls.name}.")
    _rebind(tree.body, found)
    return found


def _compare(name: str, was: _Test, now: _Test, path: str) -> list[Violation]:
    problems = []
    if now.asserts < was.asserts:
        problems.append(Violation(RULE, path, now.line, f"{name}: assertions {was.asserts} -> {now.asserts}"))
    if now.skips > was.skips:
        problems.append(Violation(RULE, path, now.line, f"{name}: new skip/xfail marker"))
    if now.returns > was.returns:
        problems.append(Violation(RULE, path, now.line, f"{name}: new return: the rest of the test may never run"))
    if now.wrappers > was.wrappers:
        problems.append(Violation(RULE, path, now.line, f"{name}: new decorator that may replace or stub the test"))
    if now.rebound > was.rebound:
        problems.append(Violation(RULE, path, now.line, f"{name}: rebound or deleted after its definition"))
    return problems


def weakened_tests(before: str | None, after: str | None, path: str) -> list[Violation]:
    """How the test file ``path`` got weaker from ``before`` to ``after`` (``None``: absent)."""
    if before is None:
        return []
    old = _tests(parse(before, path))
    new = _tests(parse(after, path)) if after is not None else {}
    problems = []
    for name, was in old.items():
        now = new.get(name)
        if now is None:
            if name != _MODULE:
                problems.append(Violation(RULE, path, was.line, f"test {name} was deleted"))
            continue
        problems += _compare(name, was, now, path)
    return problems


def _functions(tree: ast.Module) -> dict[str, _Test]:
    """Every function of the module and of its classes, by its own name, with what its body counts."""
    found: dict[str, _Test] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found[node.name] = counted = _Test(node.lineno)
            _count(node.body, counted)
    return found


def _asserts(name: str, functions: dict[str, _Test], seen: set[str]) -> bool:
    """Whether the function ``name`` of the file asserts, itself or through the helpers it calls: a helper of
    the file counts by what its body does, an imported one (``assert*``, ``check*``, ``verify*``) by its name."""
    if name in seen:
        return False
    seen.add(name)
    own = functions[name]
    if own.asserts > own.named:
        return True
    return any(
        _asserts(c, functions, seen) if c in functions else c.startswith(_HELPERS) for c in dict.fromkeys(own.calls)
    )


def silent_tests(
    before: str | None, after: str | None, path: str, others: Mapping[str, str | None] | None = None
) -> list[Violation]:
    """The tests the file ``path`` gains from ``before`` to ``after`` (``None``: absent) that assert nothing: no
    effective ``assert``, no ``raises``/``warns`` context, and no call to a helper that asserts — one the file
    (or a file of ``others``, path → text: the rest of the patch) defines, judged by its body, or an imported
    ``assert*``/``check*``/``verify*`` one."""
    if after is None:
        return []
    tree = parse(after, path)
    old = _tests(parse(before, path)) if before is not None else {}
    functions: dict[str, _Test] = {}
    for other, text in sorted((others or {}).items()):
        functions |= _functions(parse(text, other)) if text is not None and other != path else {}
    functions |= _functions(tree)
    problems = []
    for name, test in _tests(tree).items():
        own = name.rpartition(".")[2]
        if not own.startswith("test") or name in old or _asserts(own, {**functions, own: test}, set()):
            continue
        problems.append(Violation(SILENT, path, test.line, f"{name} asserts nothing: it passes whatever the code does"))
    return problems
