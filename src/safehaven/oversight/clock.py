"""The 72-hour clock of UK GDPR Art. 33(1) and the one-month subject access clock of
Art. 12(3), as plain Python (no Django), so they can be tested with any "now" and reused outside
the web app. `today()` and `now()` are the clock functions the services read: tests move time by
patching `django.utils.timezone.now`, which both follow."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
from dataclasses import dataclass
from importlib import resources

REPORTING_WINDOW = dt.timedelta(hours=72)


def now() -> dt.datetime:
    """The server's time (Django's `timezone.now`, patched in time-travel tests)."""
    from django.utils import timezone

    return timezone.now()


def today() -> dt.date:
    """Today's date in the server's time zone (Europe/London), from `now()`."""
    from django.utils import timezone

    return timezone.localdate(now())


@dataclass(frozen=True)
class Clock:
    deadline: dt.datetime
    remaining: dt.timedelta  # negative once overdue
    overdue: bool
    stopped: bool  # a decision has been recorded
    text: str  # plain words, never colour alone


def _duration(delta: dt.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def breach_clock(
    *,
    aware_at: dt.datetime,
    now: dt.datetime,
    decided_at: dt.datetime | None = None,
    stopped_by: str = "Decided",
) -> Clock:
    """Time left to report to the ICO, counted from when the organisation became aware.
    Once stopped (a decision not to report, or the report made) it says whether that came
    within 72 hours; `stopped_by` names what stopped it."""
    deadline = aware_at + REPORTING_WINDOW
    if decided_at is not None:
        on_time = decided_at <= deadline
        return Clock(
            deadline=deadline,
            remaining=deadline - decided_at,
            overdue=not on_time,
            stopped=True,
            text=(
                f"{stopped_by} within 72 hours"
                if on_time
                else f"{stopped_by} {_duration(decided_at - deadline)} after the 72 hours ran out"
            ),
        )
    remaining = deadline - now
    if remaining > dt.timedelta(0):
        text = f"{_duration(remaining)} left"
        overdue = False
    else:
        text = f"Overdue by {_duration(remaining)}"
        overdue = True
    return Clock(deadline=deadline, remaining=remaining, overdue=overdue, stopped=False, text=text)


# The one-month clock for subject access requests (UK GDPR Art. 12(3)), as the ICO counts it:
# from the day the request is received to the corresponding calendar date in the next month;
# the last day of that month when there is no such date; the next working day when it falls on
# a weekend or a bank holiday. An extension adds up to two further months. Waiting for proof of
# identity means the clock has not started (it starts on the day the proof arrives); waiting
# for a clarification pauses it, and the days paused are added.

BANK_HOLIDAY_FILE = "bank_holidays_england_wales.json"


@functools.cache
def bank_holidays() -> frozenset[dt.date]:
    """England and Wales bank holidays shipped with the package (2024-2028)."""
    text = resources.files("safehaven.oversight.data").joinpath(BANK_HOLIDAY_FILE)
    data = json.loads(text.read_text("utf-8"))
    return frozenset(dt.date.fromisoformat(e["date"]) for e in data["events"])


@functools.cache
def bank_holiday_years() -> tuple[int, int]:
    text = resources.files("safehaven.oversight.data").joinpath(BANK_HOLIDAY_FILE)
    data = json.loads(text.read_text("utf-8"))
    return int(data["first_year"]), int(data["last_year"])


def is_working_day(day: dt.date, holidays: frozenset[dt.date] | None = None) -> bool:
    holidays = bank_holidays() if holidays is None else holidays
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: dt.date, holidays: frozenset[dt.date] | None = None) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def working_days_between(start: dt.date, end: dt.date, holidays=None) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, holidays)
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            n += 1
    return n


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding calendar date `months` later, or that month's last day if it has none
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Pause:
    kind: str  # "identity" or "clarification"
    start: dt.date
    end: dt.date | None  # None: still waiting


@dataclass(frozen=True)
class SarClock:
    started_on: dt.date | None  # None while waiting for proof of identity
    due: dt.date | None  # None while the clock is stopped or not started
    paused: bool
    days_left: int | None  # calendar days; negative once overdue
    working_days_left: int | None
    overdue: bool
    text: str


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def sar_due_date(
    *,
    received_on: dt.date,
    identity_received_on: dt.date | None = None,
    clarification_days: int = 0,
    extension_months: int = 0,
    holidays: frozenset[dt.date] | None = None,
) -> dt.date:
    """The date a response is due. `identity_received_on`: when the clock waited for proof of
    identity, the day it arrived (the clock starts then). `clarification_days`: days the clock
    was paused for a clarification. `extension_months`: 0, 1 or 2 (Art. 12(3))."""
    if extension_months not in (0, 1, 2):
        raise ValueError("an extension is one or two further months")
    start = identity_received_on or received_on
    due = add_months(start, 1 + extension_months) + dt.timedelta(days=clarification_days)
    return next_working_day(due, holidays)


def sar_clock(
    *,
    received_on: dt.date,
    today: dt.date,
    pauses: list[Pause] = (),
    extension_months: int = 0,
    completed_on: dt.date | None = None,
    holidays: frozenset[dt.date] | None = None,
) -> SarClock:
    """The clock for one request, in words. A pause for identity that is still open means the
    clock has not started; an open clarification pause stops it (days paused so far are not
    counted against the requester's time)."""
    identity = [p for p in pauses if p.kind == "identity"]
    waiting = next((p for p in pauses if p.end is None), None)
    if identity and identity[-1].end is None:
        return SarClock(
            started_on=None, due=None, paused=True, days_left=None, working_days_left=None,
            overdue=False, text="Not started: waiting for proof of identity",
        )  # fmt: skip
    started = identity[-1].end if identity else received_on
    clarification_days = sum(
        ((p.end or today) - p.start).days for p in pauses if p.kind == "clarification"
    )
    due = sar_due_date(
        received_on=received_on,
        identity_received_on=started if identity else None,
        clarification_days=clarification_days,
        extension_months=extension_months,
        holidays=holidays,
    )
    if completed_on is not None:
        late = (completed_on - due).days
        text = "Answered on time" if late <= 0 else f"Answered {_days(late)} late"
        return SarClock(
            started_on=started, due=due, paused=False, days_left=(due - completed_on).days,
            working_days_left=None, overdue=late > 0, text=text,
        )  # fmt: skip
    left = (due - today).days
    working = working_days_between(today, due, holidays)
    if waiting is not None:
        text = f"Paused: waiting for clarification (due {due:%d/%m/%Y} if it arrived today)"
        return SarClock(
            started_on=started, due=due, paused=True, days_left=left, working_days_left=working,
            overdue=False, text=text,
        )  # fmt: skip
    if left > 0:
        plural = "s" if working != 1 else ""
        text = f"{_days(left)} left ({working} working day{plural}), due {due:%d/%m/%Y}"
    elif left == 0:
        text = f"Due today, {due:%d/%m/%Y}"
    else:
        text = f"Overdue by {_days(-left)} (was due {due:%d/%m/%Y})"
    return SarClock(
        started_on=started, due=due, paused=False, days_left=left, working_days_left=working,
        overdue=left < 0, text=text,
    )  # fmt: skip
