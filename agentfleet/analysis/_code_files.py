"""How a test reaches the code under test as files: a string naming a Python file, also built at run time, and a
listing of the repository's tree. Such a test "kills" mutants by the code's spelling, not its behaviour."""

from __future__ import annotations

import ast
import re

from agentfleet.analysis._shapes import literal

__all__ = ["LISTINGS", "PYTHON_FILE", "lists_the_tree", "python_file_paths"]

LISTINGS = frozenset({"iterdir", "glob", "rglob", "walk", "listdir", "scandir", "iglob"})
"""Calls that list a directory: in a test, of the repository's own tree (a relative path, or one climbing above
the test's directory), they hand it the code as files to read."""
PYTHON_FILE = re.compile(r"[\w./-]*\w\.pyc?")
"""A string naming a Python file (``"shop/pricing.py"``): a test opening it reads code as text."""


def python_file_paths(tree: ast.Module) -> list[ast.expr]:
    """Strings built at run time whose last piece names a Python file (``label.__module__ + ".py"``, ``"shop/pricing"
    + ext`` with ``ext = ".py"``, ``f"{name}.py"``, ``"%s.py" % name``, ``path.with_suffix(".py")``): a path to code
    whatever its other pieces. A literal alone is ``PYTHON_FILE``'s."""
    constants: dict[str, object] = {}
    for node in (n for n in ast.walk(tree) if isinstance(n, ast.Assign)):
        for target in (t for t in node.targets if isinstance(t, ast.Name)):
            constants[target.id] = literal(node.value) if target.id not in constants else None
    built = (ast.BinOp, ast.JoinedStr, ast.Call)
    return [n for n in ast.walk(tree) if isinstance(n, built) and _python_tail(n, constants, top=True)]


def _python_tail(node: ast.expr, constants: dict[str, object], top: bool = False) -> bool:
    """``node``'s value ends in ``.py``/``.pyc`` by its last piece (``constants``: names bound once to a literal)."""
    value: object = None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _python_tail(node.right if isinstance(node.op, ast.Add) else node.left, constants)
    if isinstance(node, ast.JoinedStr) and node.values:
        last = node.values[-1]
        return _python_tail(last.value if isinstance(last, ast.FormattedValue) else last, constants)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        suffix = node.func.attr == "with_suffix" and bool(node.args) and _python_tail(node.args[0], constants)
        return suffix or (node.func.attr == "format" and _python_tail(node.func.value, constants))
    if top:
        return False
    value = constants.get(node.id) if isinstance(node, ast.Name) else literal(node)
    return isinstance(value, str) and value.endswith((".py", ".pyc"))


def lists_the_tree(call: ast.Call, name: str) -> bool:
    """A directory listing (``name``: the call's resolved dotted name) of the working copy's tree: a path rooted
    in a relative string (``Path("shop").iterdir()``, ``os.listdir("shop")``) or climbing above the test's own
    directory (``Path(__file__).parents[1].rglob("*")``); a test's data beside it (``Path(__file__).parent /
    "data"``) and its temporary directories are not."""
    if name.rsplit(".", 1)[-1] not in LISTINGS:
        return False
    func = call.func
    if isinstance(func, ast.Attribute) and not (name.partition(".")[0] in ("os", "glob") and "." in name):
        path: ast.expr | None = func.value  # a method: the path it is called on (``Path("shop").iterdir()``)
    else:
        path = call.args[0] if call.args else None
    if path is None:
        return False
    climbs = any(_climbs(node) for node in ast.walk(path))
    return climbs or _relative_root(path)


def _climbs(node: ast.AST) -> bool:
    """``x.parent.parent`` or ``x.parents[k]``: above the directory a path starts in."""
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        return isinstance(node.value, ast.Attribute) and node.value.attr == "parent"
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents"


def _relative_root(node: ast.expr) -> bool:
    """The path starts from a relative string: the working directory, which is the repository's root."""
    while True:
        if isinstance(node, ast.BinOp):
            node = node.left
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call) and node.args and not isinstance(node.func, ast.Attribute):
            node = node.args[0]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            break
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.startswith("/")
