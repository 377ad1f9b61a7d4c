"""Questions asked of the machine instead of the input: a file at a fixed path outside the repository, a program on
``PATH``, an environment variable's presence or fixed value deciding a branch.

The gate's sandbox differs from a deployment in exactly these: a minimal environment (no ``TERM``, no ``USER``), no
system services' files (``/etc/machine-id``), a read-only system. A fix whose new branch asks
``not os.path.exists("/etc/machine-id")`` or ``"TERM" not in os.environ`` holds in the sandbox and is off in
production. Reading a variable for its value (``os.environ.get("HOME", "~")``) or a path the code was given is no
such question; a variable compared with another variable (a configured value) is not either.
"""

from __future__ import annotations

import ast

from agentfleet.analysis._syntax import branch_operands, dotted_name
from agentfleet.analysis.constants import is_constant_expr

__all__ = ["machine_probes"]

_PATH_PROBES = frozenset(
    {"exists", "isfile", "isdir", "islink", "lexists", "ismount", "getsize", "getmtime", "samefile"}
    | {"os.access", "os.stat", "os.lstat", "os.listdir", "os.scandir", "glob.glob", "glob.iglob"}
)
"""Calls that ask whether or how a path exists (``os.path``'s by their last name, the rest by their full name)."""
_PATH_METHODS = frozenset({"exists", "is_file", "is_dir", "is_symlink", "is_mount", "stat", "iterdir", "glob"})
_PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "Path", "PosixPath"})
_ENVIRON = frozenset({"os.environ", "os.environb"})
_ENV_GETS = frozenset({"os.getenv", "os.environ.get", "os.getenvb", "os.environb.get"})
_ASKED_ENV = "asks whether an environment variable is set: a sandbox and a deployment answer differently"


def _fixed_path(node: ast.expr) -> str | None:
    """A constant absolute or home path outside the repository (``"/etc/machine-id"``, ``"~/.config"``), also joined
    from constants at run time (``os.path.join("/etc", "machine-id")``, ``"/etc" + "/machine-id"``)."""
    if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("path.join") and node.args:
        parts = [p.value if isinstance(p, ast.Constant) else None for p in node.args]
        joined = "/".join(p for p in parts if isinstance(p, str)) if all(isinstance(p, str) for p in parts) else None
        return joined if joined is not None and joined.startswith(("/", "~")) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _fixed_path(node.left), node.right
        return left + right.value if left and isinstance(right, ast.Constant) and isinstance(right.value, str) else None
    value = node.value if isinstance(node, ast.Constant) else None
    return value if isinstance(value, str) and value.startswith(("/", "~")) else None


def _path_probe(call: ast.Call, aliases: dict[str, str]) -> str | None:
    name = dotted_name(call.func, aliases)
    if name == "shutil.which" and call.args and isinstance(call.args[0], ast.Constant):
        return f"looks for the program {call.args[0].value!r} on this machine"
    module, _, last = name.rpartition(".")
    probe = name in _PATH_PROBES or (module in ("os.path", "posixpath") and last in _PATH_PROBES)
    if probe and call.args and (path := _fixed_path(call.args[0])) is not None:
        return f"looks at {path!r} on this machine"
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _PATH_METHODS and isinstance(func.value, ast.Call):
        made = func.value
        if dotted_name(made.func, aliases) in _PATH_TYPES and made.args and (path := _fixed_path(made.args[0])):
            return f"looks at {path!r} on this machine"
    return None


def _env_read(node: ast.expr, aliases: dict[str, str]) -> bool:
    """``os.environ.get("X")``, ``os.getenv("X")``, ``os.environ["X"]`` for a fixed name."""
    if isinstance(node, ast.Call) and dotted_name(node.func, aliases) in _ENV_GETS and node.args:
        return isinstance(node.args[0], ast.Constant)
    if isinstance(node, ast.Subscript) and dotted_name(node.value, aliases) in _ENVIRON:
        return isinstance(node.slice, ast.Constant)
    return False


def _env_question(node: ast.Compare, aliases: dict[str, str]) -> bool:
    """``"X" in os.environ``, ``os.getenv("X") is None``, ``os.environ.get("X") == "1"``: a fixed variable's
    presence or fixed value asked."""
    operands = [node.left, *node.comparators]
    if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
        return isinstance(node.left, ast.Constant) and dotted_name(node.comparators[-1], aliases) in _ENVIRON
    reads = [o for o in operands if _env_read(o, aliases)]
    return bool(reads) and all(o in reads or is_constant_expr(o) for o in operands)


def machine_probes(tree: ast.Module, aliases: dict[str, str]) -> list[tuple[ast.expr, str]]:
    """Each question ``tree`` asks of the machine (see the module's docstring), with what it asks."""
    found: list[tuple[ast.expr, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (what := _path_probe(node, aliases)) is not None:
            found.append((node, what))
        elif isinstance(node, ast.Compare) and _env_question(node, aliases):
            found.append((node, _ASKED_ENV))
    found += [(t, _ASKED_ENV) for t in branch_operands(tree) if _env_read(t, aliases)]
    return found
