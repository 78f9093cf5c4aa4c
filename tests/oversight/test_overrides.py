"""The overrides report: every source's rows, newest first, filtered by window and channel."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.email.models import EmailNearMiss
from safehaven.oversight import overrides
from safehaven.oversight.overrides import OverrideRow, overrides_collected

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def test_a_quarantine_release_is_an_override_with_the_authorisers_reason(dpo):
    EmailNearMiss.objects.create(
        at=T0, event=EmailNearMiss.Event.RELEASED, rules=["EMAIL-4"], quarantine_id="q1",
        decided_by=dpo, decided_by_name=dpo.username, reason="Recipient confirmed by phone",
    )  # fmt: skip
    EmailNearMiss.objects.create(at=T0, event=EmailNearMiss.Event.HELD, quarantine_id="q2")
    rows = overrides_collected(sources=[overrides.email_quarantine_releases])
    assert rows == [
        OverrideRow(
            when=T0, channel="email", user=dpo.get_full_name() or dpo.username, rule="EMAIL-4",
            justification="Recipient confirmed by phone", reference="email:q1",
        )
    ]  # fmt: skip


def test_sources_are_merged_newest_first_and_filtered_even_if_they_ignore_the_window(db):
    def old_style():  # takes no arguments: the report filters for it
        yield OverrideRow(T0, "email", "a", "EMAIL-4", "first", "email:1")
        yield OverrideRow(T0 + dt.timedelta(days=2), "email", "b", "EMAIL-4", "third", "email:3")

    def new_style(*, since=None, until=None):
        yield OverrideRow(T0 + dt.timedelta(days=1), "fax", "c", "FAX-4", "second", "fax:2")

    rows = overrides_collected(sources=[old_style, new_style])
    assert [r.justification for r in rows] == ["third", "second", "first"]
    rows = overrides_collected(
        sources=[old_style, new_style], since=T0 + dt.timedelta(hours=1),
        until=T0 + dt.timedelta(days=2),
    )  # fmt: skip
    assert [r.justification for r in rows] == ["second"]
    assert [r.reference for r in overrides_collected(sources=[old_style, new_style],
                                                      channel="fax")] == ["fax:2"]  # fmt: skip


def test_the_registry_holds_a_source_for_each_channel_that_has_overrides():
    names = {f.__name__ for f in overrides.OVERRIDE_SOURCES}
    assert {"telephone_exemptions", "fax_overrides", "email_quarantine_releases",
            "letter_method_overrides"} <= names  # fmt: skip
