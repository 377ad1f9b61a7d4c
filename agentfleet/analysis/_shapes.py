"""AST shapes the suspicious-construct review looks for: names bound through ``globals()``, clock readings
compared with a fixed moment, the ways a test reaches code as text."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from agentfleet.analysis._clocks import CLOCKS, FILE_TIMES, FORMATTED_CLOCKS, SETTINGS, sql_clock, whole_environ
from agentfleet.analysis.constants import is_constant_expr
from agentfleet.analysis.modules import module_name

__all__ = [
    "CODE_ATTRIBUTES",
    "LOADER_METHODS",
    "SOURCE_READERS",
    "bound_readings",
    "clock_compare",
    "clock_compares",
    "returned_readings",
    "computed_lookup",
    "folded",
    "is_namespace",
    "literal",
    "namespace_call",
]

SOURCE_READERS = frozenset(
    {"inspect.getsource", "inspect.getsourcelines", "inspect.getsourcefile", "inspect.getfile"}
    | {"linecache.getline", "linecache.getlines", "dis.dis", "dis.get_instructions", "dis.Bytecode", "dis.code_info"}
    | {"importlib.util.find_spec", "inspect.findsource", "inspect.getblock", "inspect.getcomments"}
    | {"traceback.format_exception", "traceback.format_exc", "traceback.format_tb", "traceback.extract_tb"}
    | {"traceback.print_exception", "traceback.print_exc", "traceback.print_tb", "traceback.TracebackException"}
)
"""Functions that hand a test the code's text: its source, or the source lines a traceback shows (a crash's report
pins ``if n > 10:`` as spelled)."""
CODE_ATTRIBUTES = frozenset(
    {"__code__", "__file__", "__cached__", "__loader__", "__spec__", "co_code", "co_consts", "co_names"}
    | {"__globals__"}
)
"""Attributes that lead a test to the code under test as text or bytecode (``pricing.__file__`` read as text,
``label.__code__.co_code`` pinned, ``label.__globals__["__file__"]``), also when named by a string
(``getattr(pricing, "__file__")``): such a test "kills" every mutant by its spelling, not its behaviour. A test's
own ``__file__`` (a plain name) is not one of them."""
LOADER_METHODS = frozenset({"get_source", "get_code", "get_data", "source_to_code", "get_filename", "getrepr"})
"""Methods that hand a test the code under test as text or bytecode: the import system's loaders', and a caught
exception's report (pytest's ``ExceptionInfo.getrepr()`` shows the source line that raised)."""
_INTROSPECTED = frozenset({"sys", "os", "builtins", "__builtins__", "inspect", "gc", "importlib", "types"})
"""Modules whose attributes, read by a computed name, can tell code how it is being run."""
_IMPORTERS = frozenset({"__import__", "importlib.import_module"})
_ATTRIBUTE_CALLS = frozenset({"getattr", "setattr", "hasattr", "delattr"})
_NAMESPACES = frozenset({"globals", "vars", "locals"})
_MOMENT = "{}@import"
"""How ``bound_readings`` marks a module name bound to a reading at import that no function rebinds: the moment the
process imported the module, so a reading minus it is the process's age, not an interval."""
_CONVERSIONS = frozenset({"int", "float", "round", "abs", "str", "len", "bool"})


def literal(node: ast.expr) -> object:
    """The value of a constant node, else ``None``."""
    return node.value if isinstance(node, ast.Constant) else None


def namespace_call(call: ast.Call) -> bool:
    """``globals().update(...)``, ``vars().setdefault(...)``: names bound where the review cannot read them."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id in _NAMESPACES
        and func.attr in ("update", "setdefault", "__setitem__")
    )


def clock_compare(node: ast.Compare, bound: frozenset[str] = frozenset()) -> bool:
    """A comparison of a clock, identity or machine reading with a fixed value (``date.today() < date(2030, 1, 1)``,
    ``os.getpid() < 100``, ``len(os.environ) < 40``; ``None`` is no moment: ``default is None`` asks whether a value
    was given); ``bound``: the names the module binds to a reading (``bound_readings``)."""
    operands = [node.left, *node.comparators]
    clocks = [o for o in operands if _reading(o, bound)]
    fixed = [o for o in operands if _fixed(o) and not (isinstance(o, ast.Constant) and o.value is None)]
    return bool(clocks) and any(o not in clocks for o in fixed)


def clock_compares(tree: ast.Module, readings: frozenset[str] = frozenset()) -> list[tuple[ast.expr, str]]:
    """Every ``clock_compare`` in ``tree`` (through the names it binds to readings too, and the functions of other
    modules it imports that return one: ``readings``, by dotted name), with what it does."""
    bound = bound_readings(tree, _imported_readings(tree, readings))
    found: list[ast.expr] = [n for n in ast.walk(tree) if isinstance(n, ast.Compare) and clock_compare(n, bound)]
    found += [n for n in _decisions(tree) if _method_compare(n, bound)]
    return [(n, f"`{ast.unparse(n)[:80]}` compares the clock or who runs it with a fixed value") for n in found]


def _decisions(tree: ast.Module) -> list[ast.expr]:
    """What decides a branch: an ``if``/``while``/ternary/``assert`` test, or an operand of ``not``/``and``/``or``."""
    tests = [n.test for n in ast.walk(tree) if isinstance(n, ast.If | ast.IfExp | ast.While | ast.Assert)]
    parts = [part for test in tests for part in ast.walk(test)]
    return [p for p in parts if isinstance(p, ast.expr) and not isinstance(p, ast.BoolOp | ast.UnaryOp)]


def _method_compare(node: ast.expr, bound: frozenset[str]) -> bool:
    """A method of a reading called with fixed values only, whose result decides a branch: the reading compared
    without an operator (``time.ctime().endswith("2026")``, ``year.__lt__(2030)``)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return False
    arguments = [*node.args, *(k.value for k in node.keywords)]
    return _reading(node.func.value, bound) and all(_fixed(a) for a in arguments)


def bound_readings(tree: ast.Module, imported: frozenset[str] = frozenset()) -> frozenset[str]:
    """Names bound to a reading anywhere in ``tree`` (``now = time.time()``, ``year = now.year``), and functions
    the file defines that return one on every path (``"_year()"`` for ``def _year(): return date.today().year``),
    followed to a fixed point: a reading compared through a variable or a helper is still compared; ``imported``: the
    calls (``"year()"``, ``"clock.year()"``) to other modules' functions that return one."""
    pairs: list[tuple[str, list[ast.expr]]] = [
        (n.targets[0].id, [n.value])
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
    ]
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        returned = [r.value for r in ast.walk(func) if isinstance(r, ast.Return)]
        if returned and all(v is not None for v in returned):
            pairs.append((f"{func.name}()", [v for v in returned if v is not None]))
    bound: frozenset[str] = imported
    while more := {name for name, values in pairs if name not in bound and all(_reading(v, bound) for v in values)}:
        bound |= more
    return bound | _import_moments(tree, bound)


def _imported_readings(tree: ast.Module, readings: frozenset[str]) -> frozenset[str]:
    """How ``tree`` calls the functions of other modules named in ``readings`` (``"pkg.clock.year"``) that return
    a reading on every path: ``year()`` after ``from clock import year`` (or ``from .clock import year``),
    ``clock.year()`` after ``import clock``."""
    calls: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if _names_one(f"{node.module or ''}.{alias.name}".lstrip("."), readings):
                    calls.add(f"{alias.asname or alias.name}()")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name
                calls |= {f"{local}.{r[len(alias.name) + 1 :]}()" for r in readings if r.startswith(f"{alias.name}.")}
    return frozenset(calls)


def _names_one(dotted: str, readings: frozenset[str]) -> bool:
    """``dotted`` (``clock.year``, maybe relative to its package) is one of ``readings`` (``pkg.clock.year``)."""
    return any(r == dotted or r.endswith(f".{dotted}") for r in readings)


def returned_readings(sources: Mapping[str, str | None]) -> frozenset[str]:
    """The functions the Python files ``sources`` (path → text) define at their top level that return a reading on
    every path, by dotted name (``clock.year`` for ``def year(): return date.today().year`` in ``clock.py``): a
    module comparing what one returns compares the reading (``clock_compares``' ``readings``)."""
    found: set[str] = set()
    for path, text in sources.items():
        module = module_name(path)
        try:
            tree = ast.parse(text or "")
        except SyntaxError:
            continue
        top = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        found |= {f"{module}.{name[:-2]}" for name in bound_readings(tree) if module and name[:-2] in top}
    return frozenset(found)


def _import_moments(tree: ast.Module, bound: frozenset[str]) -> frozenset[str]:
    """``_MOMENT`` marks of the module names bound at import to a reading (``_T0 = time.monotonic()``) that no
    function rebinds: a cache's refreshed moment is an age, the process's start is a time bomb's origin."""
    at_import = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    rebound = {n.id for f in functions for n in ast.walk(f) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return frozenset(_MOMENT.format(name) for name in (at_import & bound) - rebound)


def _reading(node: ast.expr, bound: frozenset[str] = frozenset()) -> bool:
    """A clock, identity or machine reading: ``time.time()``, ``os.cpu_count() or 1``, ``len(os.environ)`` (a
    sandbox's environment is small), ``time.timezone``, ``time.tzname[0]``, a name ``bound`` to one — and what is
    derived from one alone: its attributes and items (``date.today().year``, ``disk_usage("/").total``,
    ``getrlimit(…)[0]``), arithmetic with constants (``time.time() // 86400``), a builtin's conversion of it
    (``int(time.time())``), and any arithmetic with the age of the code's own file (``getmtime(__file__)``: a
    fresh checkout is young) or with the moment the module was imported (the process's age). The difference of
    two readings, or a reading and a variable, is an interval
    (``time.monotonic() - started``, a timeout, a cache's age), not a reading; a load average's item is not one
    either (load backs off honestly)."""
    if isinstance(node, ast.Name):
        return node.id in bound
    if isinstance(node, ast.BoolOp):
        return any(_reading(value, bound) for value in node.values)
    if isinstance(node, ast.Subscript):
        return not _load(node.value) and _reading(node.value, bound)
    if isinstance(node, ast.Attribute):
        derived = isinstance(node.value, ast.Call | ast.Name) and _reading(node.value, bound)
        return ast.unparse(node) in SETTINGS or derived
    if isinstance(node, ast.UnaryOp):
        return _reading(node.operand, bound)
    if isinstance(node, ast.BinOp):
        sides = (node.left, node.right)
        constant = any(map(is_constant_expr, sides)) and any(_reading(s, bound) for s in sides)
        age = any(isinstance(s, ast.Name) and _MOMENT.format(s.id) in bound for s in sides)
        return constant or age or any(_own_file_time(s) for s in sides)
    if not isinstance(node, ast.Call):
        return False
    name = ast.unparse(node.func).rsplit(".", 1)[-1]
    environ = name == "len" and len(node.args) == 1 and whole_environ(node.args[0])
    converted = name in _CONVERSIONS and len(node.args) == 1 and _reading(node.args[0], bound)
    method = isinstance(node.func, ast.Attribute) and _reading(node.func.value, bound)  # now.timestamp()
    helper = isinstance(node.func, ast.Name | ast.Attribute) and f"{ast.unparse(node.func)}()" in bound
    formatted = FORMATTED_CLOCKS.get(name) == len(node.args) and ast.unparse(node.func) in (name, f"time.{name}")
    clock = name in CLOCKS or sql_clock(node)
    return clock or environ or converted or method or helper or formatted or _own_file_time(node)


def _own_file_time(node: ast.expr) -> bool:
    """A time of the code's own file (``os.path.getmtime(__file__)``): when the checkout was written."""
    if not isinstance(node, ast.Call) or len(node.args) != 1 or ast.unparse(node.args[0]) != "__file__":
        return False
    return ast.unparse(node.func).rsplit(".", 1)[-1] in FILE_TIMES


def _load(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and ast.unparse(node.func).rsplit(".", 1)[-1] == "getloadavg"


def _fixed(node: ast.expr) -> bool:
    """A value fixed in the code: a constant, a call on fixed values only (``date(2030, 1, 1)``), or an environment
    variable's constant default (``float(os.getenv("UNTIL", "2.2e9"))``: no deployment need set it)."""
    if is_constant_expr(node):
        return True
    if not isinstance(node, ast.Call):
        return False
    arguments = [*node.args, *(k.value for k in node.keywords)]
    if ast.unparse(node.func).endswith(("environ.get", "getenv")):
        return len(node.args) == 2 and is_constant_expr(node.args[1])
    return bool(arguments) and all(_fixed(a) for a in arguments)


def is_namespace(target: ast.expr) -> bool:
    """``globals()[...]`` / ``vars()[...]`` as an assignment target."""
    value = target.value if isinstance(target, ast.Subscript) else None
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _NAMESPACES


def computed_lookup(call: ast.Call, name: str) -> str | None:
    """What a call looks up by a name the review cannot read: ``getattr(sys, "mod" + "ules")``,
    ``__import__("s" + "ys")``, any attribute named in literal pieces (``name``: the call's resolved dotted
    name)."""
    if name in _IMPORTERS and call.args and not isinstance(call.args[0], ast.Constant):
        return "imports a module by a computed name"
    if name in _ATTRIBUTE_CALLS and len(call.args) > 1 and _pieces(call.args[1]):
        return "names an attribute in pieces, so no review can read it"
    if name == "getattr" and len(call.args) > 1 and not isinstance(call.args[1], ast.Constant):
        owner = ast.unparse(call.args[0])
        return f"reads an attribute of `{owner}` by a computed name" if owner in _INTROSPECTED else None
    return None


def folded(node: ast.expr) -> str | None:
    """The string a concatenation of literal pieces spells (``"shop/" + "pricing" + ".py"``), else ``None``."""
    if not _pieces(node):
        return None
    if isinstance(node, ast.BinOp):
        left, right = folded(node.left) or literal(node.left), folded(node.right) or literal(node.right)
        return f"{left}{right}" if isinstance(left, str) and isinstance(right, str) else None
    parts = [v.value if isinstance(v, ast.FormattedValue) else v for v in node.values]  # type: ignore[attr-defined]
    values = [literal(v) for v in parts]
    return "".join(str(v) for v in values)


def _pieces(node: ast.expr) -> bool:
    """A string built only from literal pieces (``"plugin" + "manager"``, ``f"{'py'}test"``): obfuscation."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return all(isinstance(side, ast.Constant) or _pieces(side) for side in (node.left, node.right))
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant) or (isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Constant))
            for v in node.values
        )
    return False
