"""Five-field cron expressions, validated without Celery (the fleet file is read by processes that never
schedule anything; beat turns the same expression into a Celery ``crontab``)."""

from __future__ import annotations

from croniter import CroniterError, croniter

__all__ = ["check_cron"]


_FIELDS = (
    ("minute", "0-59"),
    ("hour", "0-23"),
    ("day-of-month", "1-31"),
    ("month", "1-12 or jan-dec"),
    ("day-of-week", "0-6 or sun-sat"),
)


def check_cron(expr: str) -> list[str]:
    """The five fields of ``expr``; ``ValueError`` names the field that is wrong and its range."""
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(
            f"cron {expr!r} needs 5 fields (minute hour day-of-month month day-of-week), got {len(fields)}"
        )
    for i, (name, allowed) in enumerate(_FIELDS):
        alone = " ".join(field if j == i else "*" for j, field in enumerate(fields))
        try:
            croniter(alone)
        except CroniterError:
            raise ValueError(
                f"cron {expr!r}: the {name} field {fields[i]!r} is not valid ({name}: {allowed})"
            ) from None
    try:
        croniter(expr)
    except CroniterError as exc:
        raise ValueError(f"cron {expr!r} is not valid: {exc}") from None
    return fields
