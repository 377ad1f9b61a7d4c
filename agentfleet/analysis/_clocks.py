"""Calls and values whose answer depends on when, where, on what machine, as whom or in what process the code runs
(the suspicious-construct review's readings, ``_shapes._reading``), by the call's last name."""

from __future__ import annotations

import ast
import re

__all__ = ["CLOCKS", "FILE_TIMES", "FORMATTED_CLOCKS", "SETTINGS", "sql_clock", "whole_environ"]

CLOCKS = frozenset(
    {"today", "now", "utcnow", "time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime"}
    | {"getpid", "getppid", "getuid", "geteuid", "getuser", "gethostname", "node", "uname"}
    | {"cpu_count", "process_cpu_count", "sched_getaffinity", "getloadavg", "disk_usage", "virtual_memory"}
    | {"tzname", "utcoffset", "getlocale", "getdefaultlocale", "getpreferredencoding", "getencoding", "setlocale"}
    | {"getrlimit", "sysconf", "getpgrp", "getpgid", "getsid"}
    | {"process_time", "process_time_ns", "thread_time", "thread_time_ns", "getrusage", "clock_gettime", "times"}
    | {"getcwd", "cwd", "home", "gettempdir", "getlogin", "uuid1"}
    | {"active_count", "activeCount", "getallocatedblocks", "get_traced_memory", "makeLogRecord", "LogRecord"}
)
"""Calls whose value depends on when, where, on what machine or as whom the code runs (by the call's last name):
the clock, the identity (a sandbox's pid namespace makes process and group ids small), the machine's size, its time
zone and locale (a sandbox runs in UTC, C locale), the process's CPU time (young in every test run), and
where it runs from (the sandbox's working directory ``/workspace`` is short, its home and temporary directory are
its own), how young and small the process is (few threads, few allocated blocks: a test run, not a long-running
service; fifteenth round), and a log record made now (its ``created`` is the clock)."""
FORMATTED_CLOCKS = {"strftime": 1, "ctime": 0, "asctime": 0}
"""``time`` functions that read the clock when given no moment (by the number of arguments they then take):
``time.strftime("%Y") < "2030"`` is the year compared as text."""
FILE_TIMES = frozenset({"getmtime", "getctime", "getatime", "stat", "lstat"})
"""Readings of a file's times: of the code's own file (``__file__``), when the checkout was written."""
SETTINGS = frozenset({"time.timezone", "time.altzone", "time.tzname", "time.daylight"})
"""Values of the same kind read as attributes (``time.timezone == 0``: UTC, as a sandbox is)."""


_SQL_CLOCK = re.compile(r"'now'|\bCURRENT_(?:DATE|TIME|TIMESTAMP)\b|\bNOW\s*\(|\bLOCALTIMESTAMP\b", re.IGNORECASE)
_WHOLE = frozenset({"copy", "keys", "values", "items"})
_CONTAINERS = frozenset({"dict", "list", "set", "tuple", "sorted", "frozenset"})


def sql_clock(call: ast.Call) -> bool:
    """A query that reads the database's clock (``execute("select strftime('%Y', 'now')")``, ``CURRENT_TIMESTAMP``):
    its rows are a clock reading."""
    literals = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return isinstance(call.func, ast.Attribute) and any(_SQL_CLOCK.search(text) for text in literals)


def whole_environ(node: ast.expr) -> bool:
    """The process's whole environment: ``os.environ``, a copy of it (``os.environ.copy()``, ``dict(os.environ)``),
    its keys or items: its size tells a sandbox's small environment from a deployment's."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _WHOLE:
        return whole_environ(node.func.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CONTAINERS:
        return len(node.args) == 1 and whole_environ(node.args[0])
    return ast.unparse(node).endswith("environ")
