"""Small changes that still need a human: what a passing patch does to security, which no test observes.

A one-line change can turn TLS verification off, weaken a hash, compare a secret with ``==``, or point
the code at a new host; the suite passes either way. None of these is refused (an honest fix may need
one), but a patch with any of them is never low-risk, so phase 4 leaves it a ready PR:

- ruff's flake8-bandit rules (``S``, but ``S101``: a new ``assert`` adds a check) on a line the patch adds;
- a security guard called less often than before in a file (``hmac.compare_digest``, permission and
  authentication checks, ``verify``);
- a URL to a host the file did not name before, in code (where errors, data or requests go);
- a setting that weakens security (``WEAKENED``: TLS verification off, ``send_default_pii=True``, debug on,
  CSRF exempt…) the file did not have.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

from agentfleet.analysis import is_test_file
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.review import ruff_added_lines

__all__ = ["WEAKENED", "new_hosts", "security_risks"]

_BANDIT = ["S"]
_NOT_RISKS = ("S101",)
_GUARDS = frozenset(
    {"compare_digest", "check_password", "verify_password", "has_perm", "has_permission", "is_authenticated"}
    | {"login_required", "permission_required", "csrf_protect", "verify", "authenticate", "authorize"}
)
"""Names of calls and decorators that guard something: a file using them less often lost a guard."""
WEAKENED = re.compile(
    r"verify\s*=\s*False|HTTPSVERIFY\W*\s*=?\s*\W*0|TLS_REJECT_UNAUTHORIZED\W*\s*=?\s*\W*0|CERT_NONE|--insecure\b"
    r"|--no-verify\b|check_hostname\s*=\s*False|chmod\s+(?:-R\s+)?0?777|\bsudo\s|send_default_pii\s*=\s*True"
    r"|\bDEBUG\s*=\s*True|autoescape\s*=\s*False|csrf_exempt|CORS_ORIGIN_ALLOW_ALL|ALLOWED_HOSTS\s*=\s*\[\s*['\"]\*",
    re.IGNORECASE,
)
"""Settings and advice that weaken security (TLS verification off, personal data sent, debug on, CSRF off…),
in code and in docs."""
_URL_HOST = re.compile(r"\b[a-z][a-z0-9+.-]*://(?:[^@/\s'\"]*@)?([^/\s'\"`:?#)>\]]+)", re.IGNORECASE)
_BARE_HOST = re.compile(r"(?:^|(?<=[\s(<\[\"'=]))(?://|(?=www\.))([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]+)", re.I)
"""A host named without a scheme: a protocol-relative link (``//host/path``) or a name forges autolink
(``www.host``)."""


def new_hosts(line: str, before: str) -> list[str]:
    """Hosts of the URLs in ``line`` that the text ``before`` does not name (code or docs)."""
    hosts = [*_URL_HOST.findall(line), *_BARE_HOST.findall(line)]
    return [host for host in dict.fromkeys(hosts) if host.lower() not in before.lower()]


def _guards(text: str | None) -> Counter[str]:
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return Counter()
    names = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]
    names += [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
    return Counter(name for name in names if name in _GUARDS)


def _code_files(view: DiffView) -> list[str]:
    return sorted(p for p in view.paths if p.endswith(".py") and not is_test_file(p) and view.after.get(p) is not None)


def security_risks(view: DiffView) -> list[str]:
    """Why a passing patch's changes to code touch security (empty: they do not, as far as the texts show)."""
    code = _code_files(view)
    after = {path: view.after.get(path) for path in code}
    risks = [f"security: {hit}" for hit in ruff_added_lines(view, after, _BANDIT) if not _is_allowed(hit)]
    for path in code:
        old, new = _guards(view.before.get(path)), _guards(view.after.get(path))
        if lost := sorted(name for name in old if new[name] < old[name]):
            risks.append(f"security: {path}: calls {', '.join(lost)} less often (a guard removed)")
        before = (view.before.get(path) or "").lower()
        changed = next(f for f in view.files if f.path == path)
        hosts = {h for _, line in changed.added for h in new_hosts(line, before)}
        if hosts:
            risks.append(f"security: {path}: names a new host ({', '.join(sorted(hosts)[:3])})")
        weakened = sorted({m.group() for _, line in changed.added for m in WEAKENED.finditer(line)} - {""})
        if weakened := [w for w in weakened if w not in (view.before.get(path) or "")]:
            risks.append(f"security: {path}: weakens a setting ({', '.join(weakened[:3])})")
    return risks


def _is_allowed(hit: str) -> bool:
    return any(f": {code} " in hit for code in _NOT_RISKS)
