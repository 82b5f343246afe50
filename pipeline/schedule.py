"""Crontab expressions → APScheduler triggers, with standard cron's weekday numbers.

APScheduler 3 numbers weekdays from Monday = 0; standard crontab (and our
settings) from Sunday = 0 (7 is Sunday too). The day-of-week field is
translated into APScheduler's weekday names before the trigger is made.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from pipeline.errors import ConfigError

_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_NAME_TO_NUM = {name: i for i, name in enumerate(_DOW_NAMES)}


def _dow_value(token: str) -> int:
    token = token.strip().lower()
    if token in _NAME_TO_NUM:
        return _NAME_TO_NUM[token]
    if token.isdigit() and 0 <= int(token) <= 7:
        return int(token) % 7
    raise ValueError(f"bad day of week {token!r}")


def _expand_dow(field: str) -> str:
    """A cron day-of-week field (0/7 = Sunday; lists, ranges, steps) as APScheduler names."""
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        rng, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError("step must be at least 1")
        if rng == "*":
            lo, hi = 0, 6
        elif "-" in rng:
            a, b = rng.split("-", 1)
            lo, hi = _dow_value(a), _dow_value(b)
            if b.strip() == "7":
                hi = 7
        else:
            lo = hi = _dow_value(rng)
            if step_text:
                hi = 6
        if hi < lo:
            raise ValueError(f"range {rng!r} runs backwards")
        days.update(d % 7 for d in range(lo, hi + 1, step))
    # APScheduler wants mon..sun order; order does not change the set
    return ",".join(_DOW_NAMES[d] for d in sorted(days, key=lambda d: (d - 1) % 7))


def cron_trigger(expression: str, timezone: str, *, setting: str = "schedule") -> CronTrigger:
    """A trigger for a 5-field crontab line in ``timezone``; ConfigError naming ``setting`` if bad."""
    fields = expression.split()
    if len(fields) != 5:
        raise ConfigError(f"{setting}: {expression!r} needs 5 fields (minute hour day month weekday)")
    minute, hour, day, month, dow = fields
    try:
        return CronTrigger(
            minute=minute, hour=hour, day=day, month=month, day_of_week=_expand_dow(dow), timezone=ZoneInfo(timezone)
        )
    except ValueError as exc:
        raise ConfigError(f"{setting}: {expression!r}: {exc}") from None


def next_run(expression: str, timezone: str, *, after: datetime, setting: str = "schedule") -> datetime | None:
    """When the schedule next fires after ``after``."""
    trigger = cron_trigger(expression, timezone, setting=setting)
    return trigger.get_next_fire_time(None, after)
