"""The durable quarantine on disk."""

from __future__ import annotations

import pytest

from safehaven.gateway.spool import Quarantine, QuarantineError


def test_stored_message_is_listed_with_metadata_and_its_exact_bytes(tmp_path):
    q = Quarantine(tmp_path)
    qid = q.store(b"Subject: x\r\n\r\nbody\r\n", {"rules": ["EMAIL-1"], "sender": "a@b"})
    [held] = q.list()
    assert held.id == qid
    assert held.status == "held"
    assert held.meta["rules"] == ["EMAIL-1"]
    assert q.raw(qid) == b"Subject: x\r\n\r\nbody\r\n"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_update_changes_status_and_listing_filters(tmp_path):
    q = Quarantine(tmp_path)
    a = q.store(b"a", {})
    b = q.store(b"b", {})
    q.update(a, status="rejected", reason="wrong recipient")
    assert [h.id for h in q.list()] == [b]
    assert {h.id for h in q.list(status=None)} == {a, b}


@pytest.mark.parametrize("bad", ["../../etc/passwd", "", "x" * 100, "a/b"])
def test_ids_that_could_escape_the_folder_are_refused(tmp_path, bad):
    with pytest.raises(QuarantineError):
        Quarantine(tmp_path).get(bad)


def test_lock_refuses_a_second_holder(tmp_path):
    q = Quarantine(tmp_path)
    qid = q.store(b"a", {})
    with q.lock(qid), pytest.raises(QuarantineError, match="someone else"), q.lock(qid):
        pass
    with q.lock(qid):
        pass  # released after the first block


def test_stale_temporary_files_are_cleared_on_recovery(tmp_path):
    q = Quarantine(tmp_path)
    (q.tmp / "half.eml.1234.tmp").write_bytes(b"partial")
    assert q.recover() == []
    assert list(q.tmp.iterdir()) == []
