"""The 72-hour clock of UK GDPR Art. 33(1), as plain Python (no Django), so it can be tested
with any "now" and reused outside the web app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REPORTING_WINDOW = dt.timedelta(hours=72)


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
