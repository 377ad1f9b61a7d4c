"""Generated test files → single candidate tests, with what cannot be trusted taken out.

- A test marked ``xfail`` (Pynguin's way of recording an exception it did not expect) is dropped.
- An assertion on a repr with a memory address, on time, randomness, identities, hashes or the environment
  is removed; a test that *calls* such things is dropped (its outcome depends on when and where it runs).
- A test that asserts nothing (Pynguin's call-only tests, or one whose only assertions were unstable) is dropped:
  the gate refuses a new test with no assertion (``tests_assert``).
- An assertion on a module's own value (Pynguin's ``assert mod_.flags == {...}`` beside the call's result) is
  removed: it pins what the module holds, not what the call computed, and such a value may differ by platform.
- ``alias = sys.modules["pkg.mod"]`` (Pynguin's import idiom) becomes ``import pkg.mod as alias``.

Nothing here runs code: generated tests are parsed, never imported, on the host.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from agentfleet.analysis import silent_tests

__all__ = ["Candidate", "CandidateSet", "split"]

_UNSTABLE = re.compile(
    r"0x[0-9a-fA-F]{4,}|\bobject at\b|\btime\.|\bdatetime\b|\brandom\b|\buuid\d?\b|\bos\.environ\b|\bgetenv\b"
    r"|\bid\(|\bhash\(|\bgetpid\b|\btempfile\b|\bsecrets\b|/tmp/|\bmonotonic\b|\bperf_counter\b"
)
"""What an assertion or call must not depend on: it would change from run to run or machine to machine."""


@dataclass(frozen=True)
class Candidate:
    """One generated test: its function source (``def test_…``) and where it came from."""

    name: str
    source: str
    origin: str
    """``pynguin`` or ``characterise``."""


@dataclass
class CandidateSet:
    """Tests from one generated file, the imports they need, and what was dropped (name → why)."""

    imports: list[str] = field(default_factory=list)
    tests: list[Candidate] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)

    def extend(self, other: CandidateSet) -> None:
        """Add ``other``'s tests, imports and drops."""
        self.imports += [i for i in other.imports if i not in self.imports]
        self.tests += other.tests
        self.dropped.update(other.dropped)


def _import_of(node: ast.stmt) -> str | None:
    """The import statement ``node`` is (or stands for), as one line."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return ast.unparse(node)
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return None
    value = node.value
    if not (isinstance(value, ast.Subscript) and ast.unparse(value.value) == "sys.modules"):
        return None
    key = value.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return f"import {key.value} as {node.targets[0].id}"
    return None


def _modules(imports: list[str]) -> set[str]:
    """The names ``import`` lines bind to modules."""
    nodes = [n for line in imports for n in ast.parse(line).body if isinstance(n, ast.Import)]
    return {a.asname or a.name.split(".", 1)[0] for n in nodes for a in n.names}


def _is_xfail(func: ast.FunctionDef) -> bool:
    return any("xfail" in ast.unparse(d) for d in func.decorator_list)


class _Scrub(ast.NodeTransformer):
    """Removes unstable assertions; notes unstable calls (the test is then dropped)."""

    def __init__(self, modules: set[str]) -> None:
        self.modules = modules
        self.removed = 0
        self.unstable: str | None = None

    def _module_value(self, node: ast.Assert) -> bool:
        left = node.test.left if isinstance(node.test, ast.Compare) else node.test
        return isinstance(left, ast.Attribute) and isinstance(left.value, ast.Name) and left.value.id in self.modules

    def visit_Assert(self, node: ast.Assert) -> ast.AST | None:
        if _UNSTABLE.search(ast.unparse(node)) or self._module_value(node):
            self.removed += 1
            return None
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        self._check(node)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        self._check(node)
        return node

    def _check(self, node: ast.stmt) -> None:
        match = _UNSTABLE.search(ast.unparse(node))
        if match and self.unstable is None:
            self.unstable = match.group(0)


def _empty_blocks_filled(func: ast.FunctionDef) -> None:
    for node in ast.walk(func):
        if isinstance(node, ast.With | ast.FunctionDef) and not node.body:
            node.body = [ast.Pass()]


def _candidate(func: ast.FunctionDef, origin: str, dropped: dict[str, str], modules: set[str]) -> Candidate | None:
    if _is_xfail(func):
        dropped[func.name] = "marked xfail: the call raised an exception the generator did not expect"
        return None
    scrub = _Scrub(modules)
    func = scrub.visit(func)
    if scrub.unstable is not None:
        dropped[func.name] = f"depends on {scrub.unstable!r}, which changes between runs"
        return None
    _empty_blocks_filled(func)
    func.decorator_list = [d for d in func.decorator_list if "pytest.mark" not in ast.unparse(d)]
    source = ast.unparse(ast.fix_missing_locations(func))
    if silent_tests(None, source, f"<{origin}>"):
        dropped[func.name] = "asserts nothing: it only calls the code (the gate refuses such a test)"
        return None
    return Candidate(func.name, source, origin)


def split(source: str, origin: str) -> CandidateSet:
    """The candidate tests in a generated file (an unparsable file gives none, with the reason)."""
    found = CandidateSet()
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        found.dropped[f"<{origin} file>"] = f"does not parse (line {exc.lineno})"
        return found
    for node in tree.body:
        if (line := _import_of(node)) is not None:
            if line not in found.imports:
                found.imports.append(line)
        elif isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            candidate = _candidate(node, origin, found.dropped, _modules(found.imports))
            if candidate is not None:
                found.tests.append(candidate)
    return found
