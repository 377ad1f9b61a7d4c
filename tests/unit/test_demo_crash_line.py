"""The demo names the production crash by its exception line, even when sentry-sdk's exit notice follows it."""

from __future__ import annotations

from agentfleet.demo.run import crash_line

TRACEBACK = """Traceback (most recent call last):
  File "app.py", line 17, in <module>
    print(handle_checkout(order), flush=True)
IndexError: tuple index out of range
"""


def test_the_crash_is_the_exception_line() -> None:
    assert crash_line(TRACEBACK) == "IndexError: tuple index out of range"


def test_sentry_flushing_at_exit_does_not_hide_the_crash() -> None:
    # Given a loaded host, where sentry-sdk is still sending when the service exits
    notice = "Sentry is attempting to send 2 pending events\nWaiting up to 2 seconds\nPress Ctrl-C to quit\n"
    stderr = TRACEBACK + notice
    # Then the crash is still the exception, not sentry's notice
    assert crash_line(stderr) == "IndexError: tuple index out of range"


def test_no_traceback_is_a_question_mark() -> None:
    assert crash_line("") == "?"
