"""The target imported from the package that exports it, not from its private module.

webcolors keeps ``names`` in ``webcolors/_definitions.py`` and exports it as ``webcolors.names``
(``from ._definitions import names`` in its ``__init__``): a test written ``from webcolors._definitions import names``
reads as the maintainers' never would, and breaks when they move the module (24.6 renamed every module private). A
``from <module> import <name>`` line of the target's private module becomes ``from <package> import <name>`` when
the package's ``__init__.py`` (the module's parent, itself public) imports that name from that module.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import PurePosixPath

from agentfleet.analysis import module_name
from agentfleet.core.errors import PermanentError

__all__ = ["public_imports"]


def _private(part: str) -> bool:
    return part.startswith("_") and not part.endswith("__")


def _exported(init: str, package: str, module: str) -> set[str]:
    """Names ``init`` (``package``'s ``__init__.py``) imports under their own name from ``module``."""
    try:
        tree = ast.parse(init)
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        source = node.module if not node.level else f"{package}.{node.module}" if node.level == 1 else None
        if node.module and source == module:
            found |= {a.name for a in node.names if a.asname in (None, a.name)}
    return found


def public_imports(imports: list[str], path: str, read: Callable[[str], str]) -> list[str]:
    """``imports`` with the lines importing names from the private module at ``path`` rewritten to import them from
    its package, for the names the package's ``__init__.py`` (read with ``read``) re-exports."""
    module = module_name(path)
    if module is None or "." not in module or not _private(module.rpartition(".")[2]):
        return imports
    package = module.rpartition(".")[0]
    if any(_private(part) for part in package.split(".")):
        return imports
    try:
        exported = _exported(read(str(PurePosixPath(path).parent / "__init__.py")), package, module)
    except PermanentError:  # no readable __init__.py (a namespace package): nothing is re-exported
        return imports
    rewritten: list[str] = []
    for line in imports:
        node = ast.parse(line).body[0]
        if isinstance(node, ast.ImportFrom) and node.module == module and not node.level:
            names = [a.name for a in node.names]
            if all(a.asname is None for a in node.names) and set(names) <= exported:
                line = f"from {package} import {', '.join(names)}"
        rewritten.append(line)
    return list(dict.fromkeys(rewritten))
