"""Check 2b, code examples: Python blocks in the docs parsed with ``ast``; each call of a changed symbol is bound
against its signature now, and each import or use of a removed, renamed or moved name is reported.

Names are resolved through the file's own imports and simple ``x = Class(...)`` assignments, block after
block; a block that is not Python is skipped (reported only when it was labelled Python).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from agentfleet.contracts import ApiChange, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.docfiles import Block, DocFile
from agentfleet.flow.monitors.docs_drift.issues import Edit, Issue, line_of
from agentfleet.flow.monitors.docs_drift.names import Stale, stale_names
from agentfleet.flow.monitors.docs_drift.surface import Surface, Symbol

__all__ = ["check_examples"]


def _col(block: Block, lineno: int, col: int) -> int:
    """File offset of an ``ast`` position (UTF-8 byte column) in ``block``."""
    line = block.code.split("\n")[lineno - 1]
    return block.offset(lineno, len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore")))


def _dotted(node: ast.expr, bindings: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return bindings.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, bindings)
        return f"{base}.{node.attr}" if base else None
    return None


@dataclass
class _Context:
    doc: DocFile
    changes: list[ApiChange]
    head: Surface
    stale: list[Stale]
    check: str = "example"
    bindings: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def noun(self) -> str:
        """How messages name the code: an example block, or inline code in prose."""
        return "example" if self.check == "example" else "inline code"

    def add(self, change: ApiChange, at: int, action: str, old: str, new: str, message: str, *edits: Edit) -> None:
        item = DocsInconsistency(
            check=self.check,
            symbol=change.symbol,
            file=self.doc.path,
            line=line_of(self.doc.text, at),
            old=old,
            new=new,
            action=action,
            message=message,  # type: ignore[arg-type]
        )
        self.issues.append(Issue(item=item, edits=edits))

    def symbol(self, dotted: str) -> tuple[Symbol, ApiChange] | None:
        """The changed symbol ``dotted`` names now, with its change."""
        found = self.head.find(dotted)
        if found is None and "." not in dotted:
            same = [s for s in self.head.symbols.values() if s.name == dotted and s.kind in {"function", "class"}]
            found = same[0] if len(same) == 1 else None
        if found is None:
            return None
        change = next((c for c in self.changes if c.symbol == found.path and c.params), None)
        return (found, change) if change else None


def _bind(ctx: _Context, tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                ctx.bindings[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                ctx.bindings[alias.asname or alias.name.partition(".")[0]] = (
                    alias.name if alias.asname else alias.name.partition(".")[0]
                )
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
            target, made = node.targets[0], _dotted(node.value.func, ctx.bindings)
            found = ctx.head.find(made) if made else None
            if isinstance(target, ast.Name) and found is not None and found.kind == "class":
                ctx.bindings[target.id] = found.path


def _stale_edit(ctx: _Context, block: Block, node: ast.AST, dotted: str, new: str) -> list[Edit]:
    """The edit that rewrites a stale use at ``node`` to ``new`` (none when the spelling is too indirect)."""
    short, old_short = new.rpartition(".")[2], dotted.rpartition(".")[2]
    if isinstance(node, ast.ImportFrom):
        alias = next(a for a in node.names if f"{node.module}.{a.name}" == dotted)
        if short != old_short:
            start = _col(block, alias.lineno, alias.col_offset)
            return [Edit(ctx.doc.path, start, start + len(old_short), short)]
        line = block.code.split("\n")[node.lineno - 1]
        at = line.find(node.module or "", len(line.encode()[: node.col_offset].decode(errors="ignore")))
        if len(node.names) != 1 or at < 0:
            return []
        start = block.offset(node.lineno, at)
        return [Edit(ctx.doc.path, start, start + len(node.module or ""), new.rpartition(".")[0])]
    segment = ast.get_source_segment(block.code, node) or ""
    start = _col(block, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    if segment == dotted and "\n" not in segment:
        return [Edit(ctx.doc.path, start, start + len(segment), new)]
    if short != old_short and segment.endswith(old_short) and "\n" not in segment:
        return [Edit(ctx.doc.path, start + len(segment) - len(old_short), start + len(segment), short)]
    return []


def _stale_use(ctx: _Context, block: Block, dotted: str, node: ast.AST) -> None:
    """Report ``dotted`` (spelled at ``node``) when it names a path the changes made stale."""
    for stale in ctx.stale:
        if not stale.named_by(dotted, ctx.head, code=True):
            continue
        start = _col(block, node.lineno, node.col_offset)  # type: ignore[attr-defined]
        new = stale.replacement(dotted)
        if new is None:
            ctx.add(stale.change, start, "review", dotted, "", f"{ctx.noun} uses `{dotted}`, which was removed")
            return
        edits = _stale_edit(ctx, block, node, dotted, new)
        ctx.add(
            stale.change,
            start,
            "reference" if edits else "review",
            dotted,
            new,
            f"{ctx.noun} uses `{dotted}`, now `{new}`",
            *edits,
        )
        return


def _keyword_span(block: Block, call: ast.Call, index: int) -> tuple[int, int] | None:
    """File offsets of keyword ``index`` with its separating comma, when it sits on one line."""
    kw = call.keywords[index]
    args: list[ast.expr | ast.keyword] = [*call.args, *call.keywords]
    position = args.index(kw)
    if kw.lineno != kw.end_lineno:
        return None
    if position > 0:
        prev = args[position - 1]
        if prev.end_lineno != kw.lineno or prev.end_col_offset is None:
            return None
        return _col(block, kw.lineno, prev.end_col_offset), _col(block, kw.lineno, kw.end_col_offset or 0)
    end = _col(block, kw.lineno, kw.end_col_offset or 0)
    if len(args) > 1:
        nxt = args[1]
        if nxt.lineno != kw.lineno:
            return None
        end = _col(block, nxt.lineno, nxt.col_offset)
    return _col(block, kw.lineno, kw.col_offset), end


def _check_call(ctx: _Context, block: Block, call: ast.Call, symbol: Symbol, change: ApiChange) -> None:
    params = symbol.params
    names = {p.name for p in params if p.kind != "positional-only"}
    positional = [p for p in params if p.kind in {"positional-only", "positional or keyword"}]
    variadic_kw = any(p.kind == "variadic keyword" for p in params)
    variadic_pos = any(p.kind == "variadic positional" for p in params)
    where = _col(block, call.lineno, call.col_offset)
    for index, kw in enumerate(call.keywords):
        if kw.arg is None or kw.arg in names or variadic_kw:
            continue
        pc = next(
            (p for p in change.params if kw.arg in {p.old_name, p.name} and p.change in {"renamed", "removed"}), None
        )
        start = _col(block, kw.lineno, kw.col_offset)
        if pc is not None and pc.change == "renamed":
            ctx.add(
                change,
                start,
                "rename",
                kw.arg,
                pc.name,
                f"{ctx.noun} passes `{kw.arg}=`, renamed to `{pc.name}`",
                Edit(ctx.doc.path, start, start + len(kw.arg), pc.name),
            )
        elif pc is not None:
            span = _keyword_span(block, call, index) if not block.doctest or kw.lineno == call.lineno else None
            edits = [Edit(ctx.doc.path, span[0], span[1], "")] if span else []
            ctx.add(
                change,
                start,
                "remove" if edits else "review",
                kw.arg,
                "",
                f"{ctx.noun} passes `{kw.arg}=`, which `{symbol.name}` no longer takes",
                *edits,
            )
    starred = any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords)
    if not starred and len(call.args) > len(positional) and not variadic_pos:
        ctx.add(
            change,
            where,
            "review",
            ast.unparse(call)[:120],
            symbol.signature(),
            f"{ctx.noun} passes {len(call.args)} positional arguments; `{symbol.name}` takes {len(positional)}",
        )
    given = {p.name for p in positional[: len(call.args)]} | {k.arg for k in call.keywords if k.arg}
    for pc in change.params:
        if not starred and pc.change == "added" and pc.default is None and pc.name not in given:
            ctx.add(
                change,
                where,
                "review",
                ast.unparse(call)[:120],
                pc.name,
                f"{ctx.noun} does not pass `{pc.name}`, a new required parameter of `{symbol.name}`",
            )


def _check_block(ctx: _Context, block: Block, tree: ast.Module) -> None:
    _bind(ctx, tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                _stale_use(ctx, block, f"{node.module}.{alias.name}", node)
        elif isinstance(node, ast.Attribute | ast.Name) and isinstance(getattr(node, "ctx", None), ast.Load):
            dotted = _dotted(node, ctx.bindings)
            if dotted and (isinstance(node, ast.Attribute) or node.id not in ctx.bindings):
                _stale_use(ctx, block, dotted, node)
        if isinstance(node, ast.Call):
            dotted = _dotted(node.func, ctx.bindings)
            found = ctx.symbol(dotted) if dotted else None
            if found is not None:
                _check_call(ctx, block, node, *found)


_TRACEBACK = "Traceback (most recent call last):"


def _parse(code: str) -> ast.Module:
    """The block's code; in a transcript without prompts, each traceback it shows (its header, indented frames
    and exception line) is output, blanked so the code around it keeps its line numbers."""
    try:
        return ast.parse(code)
    except SyntaxError:
        lines = code.split("\n")
        if not any(line.strip() == _TRACEBACK for line in lines):
            raise
    output = False
    for i, line in enumerate(lines):
        if line.strip() == _TRACEBACK:
            output = True
        elif output and line.strip() and line[:1] not in " \t":
            output, lines[i] = False, ""
        if output:
            lines[i] = ""
    return ast.parse("\n".join(lines))


def check_examples(
    doc: DocFile, changes: list[ApiChange], head: Surface, blocks: list[Block] | None = None, check: str = "example"
) -> tuple[list[Issue], list[str]]:
    """Inconsistencies in ``doc``'s Python examples (or in ``blocks``, e.g. inline code spans, reported as
    ``check``), and problems (blocks labelled Python that do not parse)."""
    ctx = _Context(doc=doc, changes=changes, head=head, stale=stale_names(changes), check=check)
    problems = []
    for block in doc.blocks if blocks is None else blocks:
        if not block.python and block.lang:
            continue
        try:
            tree = _parse(block.code)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            if block.python and block.lang not in {"pycon", "ipython"} and check == "example":
                problems.append(
                    f"{doc.path}:{block.line}: a {block.lang} block does not parse "
                    f"({exc.__class__.__name__}): not checked"
                )
            continue
        _check_block(ctx, block, tree)
    seen: set[tuple[str, int, str, str]] = set()
    unique = []
    for issue in ctx.issues:
        key = (issue.item.symbol, issue.item.line, issue.item.old, issue.item.action)
        if key not in seen:
            seen.add(key)
            unique.append(issue)
    return unique, problems
