"""One fingerprint per patch, whatever template wrote it: two rewrites that differ only in layout or in the
order of ``min``/``max`` arguments (``clamp`` writes ``max(e, 0)``, ``missing-term`` writes ``max(0, e)``)
are the same patch and run once."""

from __future__ import annotations

import ast
import hashlib

__all__ = ["fingerprint"]

_SYMMETRIC = frozenset({"min", "max"})


class _Ordered(ast.NodeTransformer):
    """Sorts the positional arguments of ``min``/``max`` calls (no keywords, no ``*``) by their dump."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        symmetric = isinstance(node.func, ast.Name) and node.func.id in _SYMMETRIC
        if symmetric and not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args):
            node.args = sorted(node.args, key=ast.dump)
        return node


def fingerprint(path: str, source: str) -> bytes:
    """A digest of ``source`` at ``path`` that equal patches share (the text's own when it does not parse)."""
    try:
        text = ast.dump(_Ordered().visit(ast.parse(source)))
    except (SyntaxError, ValueError):  # not Python (yet): the compile check refuses it next
        text = source
    return hashlib.sha256(f"{path}\0{text}".encode()).digest()
