"""The 72-hour clock (Art. 33(1)) in plain words, at any "now"."""

from __future__ import annotations

import datetime as dt

from safehaven.oversight.clock import breach_clock

AWARE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def test_time_left_is_counted_from_awareness_in_hours_and_minutes():
    clock = breach_clock(aware_at=AWARE, now=AWARE + dt.timedelta(hours=1, minutes=30))
    assert clock.deadline == AWARE + dt.timedelta(hours=72)
    assert clock.text == "70 hours 30 minutes left"
    assert not clock.overdue
    assert not clock.stopped


def test_one_minute_before_the_deadline_is_still_in_time():
    clock = breach_clock(aware_at=AWARE, now=AWARE + dt.timedelta(hours=71, minutes=59))
    assert clock.text == "1 minute left"
    assert not clock.overdue


def test_at_the_deadline_the_clock_is_overdue():
    clock = breach_clock(aware_at=AWARE, now=AWARE + dt.timedelta(hours=72))
    assert clock.overdue
    assert clock.text.startswith("Overdue by")


def test_after_the_deadline_it_says_by_how_much():
    clock = breach_clock(aware_at=AWARE, now=AWARE + dt.timedelta(hours=75, minutes=5))
    assert clock.overdue
    assert clock.text == "Overdue by 3 hours 5 minutes"


def test_a_decision_stops_the_clock_and_says_whether_it_was_in_time():
    in_time = breach_clock(
        aware_at=AWARE, now=AWARE + dt.timedelta(days=10), decided_at=AWARE + dt.timedelta(hours=5)
    )
    assert in_time.stopped
    assert not in_time.overdue
    assert in_time.text == "Decided within 72 hours"
    late = breach_clock(
        aware_at=AWARE, now=AWARE + dt.timedelta(days=10), decided_at=AWARE + dt.timedelta(hours=73)
    )
    assert late.overdue
    assert late.text == "Decided 1 hour 0 minutes after the 72 hours ran out"
