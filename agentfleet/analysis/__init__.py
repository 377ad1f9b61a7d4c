"""Pure analyses of source and patches, shared by the repair engine and the verification gate.

- ``is_test_file(path)``: pytest/unittest naming conventions.
- ``swallowed_exceptions`` / ``new_swallowed_exceptions``: bare ``except``, ``except: pass``,
  handlers that return a default, ``suppress(Exception)``.
- ``weakened_tests(before, after, path)``: deleted tests, fewer assertions, new skip/xfail.
- ``rewritten_tests`` / ``cut_test_data``: existing tests or test data changed rather than added to.
- ``silent_tests(before, after, path)``: the tests a file gains that assert nothing.
- ``literals_in_tests`` + ``special_cases``: new comparisons against a test's input literal.
- ``suspicious_constructs``: process exits, test detection, constant comparisons, runtime patching,
  test-framework rewiring and reaching for the gate's recorder (``RUNNER_FAMILIES``); ``returned_readings``: the
  functions of a patch's modules that return a clock or machine reading, for the others' comparisons.
- ``is_constant_expr`` / ``is_truthy_constant``: expressions whose value no program state can change.
- ``review_changes([FileChange(path, before, after)], ...)``: all of the above in one call.
- ``parse_each(sources)``: the ASTs of the sources that parse; ``always_exits(body)``: every path returns or raises.
- ``introduced(before_keys, after_items)``: the findings of a text after a patch that it did not have before.
- ``module_name(path)``: the import name of a repository's Python file.
- ``effects(text)`` / ``reach(text)``: what code changes beyond a call's return value, and what it calls outside
  itself (``state.py``); ``wrappers(text)``: the decorators and rebindings that change what a defined name is.

Every function takes source text and returns ``Violation`` s; nothing here runs code or touches disk.
"""

from agentfleet.analysis._shapes import returned_readings
from agentfleet.analysis._syntax import always_exits, introduced, parse_each, statement_blocks
from agentfleet.analysis.constants import is_constant_expr, is_truthy_constant
from agentfleet.analysis.modules import module_name
from agentfleet.analysis.review import FileChange, review_changes
from agentfleet.analysis.rewritten import cut_test_data, rewritten_tests
from agentfleet.analysis.special_case import Literal, literals_in_tests, special_cases
from agentfleet.analysis.state import effects, reach
from agentfleet.analysis.suspicious import RUNNER_FAMILIES, suspicious_constructs
from agentfleet.analysis.swallow import new_swallowed_exceptions, swallowed_exceptions
from agentfleet.analysis.testfiles import is_test_file, is_test_support
from agentfleet.analysis.violations import Violation
from agentfleet.analysis.weakening import silent_tests, weakened_tests
from agentfleet.analysis.wrapping import wrappers

__all__ = [
    "RUNNER_FAMILIES",
    "always_exits",
    "FileChange",
    "Literal",
    "Violation",
    "cut_test_data",
    "effects",
    "introduced",
    "is_constant_expr",
    "is_test_file",
    "is_test_support",
    "is_truthy_constant",
    "literals_in_tests",
    "module_name",
    "new_swallowed_exceptions",
    "parse_each",
    "reach",
    "returned_readings",
    "statement_blocks",
    "review_changes",
    "rewritten_tests",
    "special_cases",
    "suspicious_constructs",
    "swallowed_exceptions",
    "silent_tests",
    "weakened_tests",
    "wrappers",
]
