"""The outbox keeps register and near-miss entries the database could not take."""

from __future__ import annotations

import pytest

from safehaven.gateway.outbox import Outbox
from safehaven.gateway.sinks import DisclosureEntry, NearMissEntry


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.entries: list = []

    def disclosure_record(self, *, entry):
        if self.fail:
            raise RuntimeError("database down")
        self.entries.append(entry)

    def near_miss_record(self, *, entry):
        if self.fail:
            raise RuntimeError("database down")
        self.entries.append(entry)


DISCLOSURE = DisclosureEntry(
    correlation_id="c1", at="2026-11-25T10:00:00+00:00", sender="a@ashby.sch.uk",
    recipients=("b@leics.gov.uk",), service_user_ids=("7",), classification="personal",
    special_categories=(), message_id="<m@x>", verdict="warn", policy_version="v1",
)  # fmt: skip
NEAR_MISS = NearMissEntry(
    correlation_id="c2", at="2026-11-25T10:00:01+00:00", event="held", sender="a@ashby.sch.uk",
    recipients=("p@gmail.com",), verdict="hold", rules=("EMAIL-1",), messages=("m",),
    policy_version="v1", quarantine_id="q1",
)  # fmt: skip


@pytest.mark.rule("TEL-9")
def test_entries_survive_until_the_database_takes_them_in_order(tmp_path):
    box = Outbox(tmp_path)
    box.put(DISCLOSURE)
    box.put(NEAR_MISS)
    down = Recorder(fail=True)
    assert box.drain(register=down, near_miss=down) == (0, 2)
    again = Outbox(tmp_path)  # after a restart
    up = Recorder()
    assert again.drain(register=up, near_miss=up) == (2, 0)
    assert up.entries == [DISCLOSURE, NEAR_MISS]  # same values, tuples restored
    assert again.pending() == []


def test_an_unreadable_entry_is_set_aside_not_lost_and_does_not_block_the_rest(tmp_path):
    box = Outbox(tmp_path)
    (box.dir / "0000-broken.json").write_text("{not json")
    box.put(DISCLOSURE)
    up = Recorder()
    assert box.drain(register=up, near_miss=up) == (1, 0)
    assert up.entries == [DISCLOSURE]
    assert (box.dir / "0000-broken.unreadable").exists()
