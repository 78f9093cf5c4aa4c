"""The worker: archives become items, bad input becomes counted problems, never a crash."""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import zipfile
from pathlib import Path

import pytest

from safehaven.sweep.engine import Engine
from safehaven.sweep.model import Source
from safehaven.sweep.walk import walk
from safehaven.sweep.worker import ScanOptions, ZipLimits, scan_batch, scan_source
from tests.sweep.helpers import NEUTRAL, PERSONAL, SENSITIVE, make_mbox, make_zip, write


def _source(path: Path) -> Source:
    (source,) = list(walk([str(path)]))
    return source


def _members(result):
    return {(i.member, i.status, i.classification) for i in result.items}


@pytest.mark.rule("SENS-1")
def test_zip_members_are_items_and_nested_zip_is_opened_one_level(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", PERSONAL)
        zf.writestr("deeper.zip", b"PK\x05\x06" + b"\0" * 18)
    path = make_zip(
        tmp_path / "export.zip",
        {"a.txt": NEUTRAL, "sub/b.txt": PERSONAL, "inner.zip": inner.getvalue()},
    )
    result = scan_source(_source(path), ScanOptions())
    assert result.status == "done"
    assert _members(result) == {
        ("a.txt", "ok", "none"),
        ("sub/b.txt", "ok", "personal"),
        ("inner.zip!/deep.txt", "ok", "personal"),
        ("inner.zip!/deeper.zip", "error", ""),
    }
    assert [p.kind for p in result.problems] == ["archive-limit"]


def test_broken_zip_is_one_error_item_and_a_problem(tmp_path):
    path = write(tmp_path / "bad.zip", "this is not a zip file")
    result = scan_source(_source(path), ScanOptions())
    assert result.status == "done"  # deterministic: not retried until the file changes
    assert [(i.member, i.status, i.reason) for i in result.items] == [
        ("", "error", "not a valid ZIP archive")
    ]
    assert [p.kind for p in result.problems] == ["broken-archive"]


def test_truncated_zip_member_is_broken_not_fatal(tmp_path):
    path = make_zip(tmp_path / "t.zip", {"a.txt": NEUTRAL * 500, "b.txt": PERSONAL})
    data = path.read_bytes()
    # Corrupt the first member's compressed bytes; the central directory still lists both.
    path.write_bytes(data[:40] + bytes(b ^ 0xFF for b in data[40:200]) + data[200:])
    result = scan_source(_source(path), ScanOptions())
    statuses = {i.member: i.status for i in result.items}
    assert statuses == {"a.txt": "error", "b.txt": "ok"}
    assert "broken-archive" in {p.kind for p in result.problems}


def test_zip_bomb_limits_stop_at_ratio_count_and_total(tmp_path):
    bomb = make_zip(tmp_path / "bomb.zip", {"zeros.txt": b"\0" * (8 * 1024 * 1024)})
    result = scan_source(_source(bomb), ScanOptions())
    assert [(i.status, i.reason) for i in result.items] == [
        ("error", "compression ratio too high (zip bomb?)")
    ]
    many = make_zip(tmp_path / "many.zip", {f"{i}.txt": NEUTRAL for i in range(12)})
    limits = ZipLimits(max_members=5, max_total_bytes=3 * len(NEUTRAL))
    result = scan_source(_source(many), ScanOptions(zip_limits=limits))
    assert len([i for i in result.items if i.status == "ok"]) == 3
    kinds = [p.kind for p in result.problems]
    assert kinds.count("archive-limit") == 2  # member count, then total bytes


def test_mbox_messages_are_items_keyed_by_message_key(tmp_path):
    path = make_mbox(tmp_path / "archive.mbox", [NEUTRAL, SENSITIVE, PERSONAL])
    result = scan_source(_source(path), ScanOptions())
    assert [(i.path, i.member, i.kind) for i in result.items] == [
        (str(path), "0", "message"),
        (str(path), "1", "message"),
        (str(path), "2", "message"),
    ]
    assert [i.classification for i in result.items] == ["none", "sensitive", "personal"]


def test_mbox_without_suffix_is_recognised_by_its_from_line(tmp_path):
    path = make_mbox(tmp_path / "Inbox", [PERSONAL, NEUTRAL])
    result = scan_source(_source(path), ScanOptions())
    assert [i.member for i in result.items] == ["0", "1"]


def test_eml_file_is_one_message_item(tmp_path):
    from tests.sweep.helpers import message_bytes

    path = tmp_path / "referral.eml"
    path.write_bytes(message_bytes("Referral", SENSITIVE))
    result = scan_source(_source(path), ScanOptions())
    assert [(i.member, i.kind, i.classification) for i in result.items] == [
        ("", "message", "sensitive")
    ]


def test_file_deleted_before_scanning_is_vanished(tmp_path):
    path = write(tmp_path / "gone.txt", PERSONAL)
    source = _source(path)
    path.unlink()
    result = scan_source(source, ScanOptions())
    assert result.status == "vanished"
    assert result.items == []
    assert [p.kind for p in result.problems] == ["vanished"]


class _Appending(Engine):
    """Appends to the file while it is being read, as a user saving it mid-sweep would."""

    def chunks_file(self, path: str, max_bytes: int):
        chunks = list(super().chunks_file(path, max_bytes))
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(NEUTRAL * 3)
        return iter(chunks)


def test_file_changed_while_scanning_keeps_no_result_and_is_retried(tmp_path):
    path = write(tmp_path / "busy.txt", PERSONAL)
    result = scan_source(_source(path), ScanOptions(engine=_Appending()))
    assert result.status == "changed"
    assert result.items == []
    assert [p.kind for p in result.problems] == ["changed"]


def test_file_over_max_size_is_a_counted_error_not_a_partial_scan(tmp_path):
    path = write(tmp_path / "big.txt", PERSONAL + NEUTRAL * 2000)
    result = scan_source(_source(path), ScanOptions(max_bytes=4096))
    assert result.status == "done"
    assert [(i.status, i.classification) for i in result.items] == [("error", "")]
    assert [p.kind for p in result.problems] == ["too-large"]


def test_large_text_is_analysed_in_chunks_and_spans_are_counted_once(tmp_path, monkeypatch):
    """Chunks overlap so a span on a boundary is seen whole; it must still count once."""
    from safehaven.sweep import engine

    monkeypatch.setattr(engine, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(engine, "OVERLAP", 300)
    text = (NEUTRAL * 30 + PERSONAL) * 10
    path = write(tmp_path / "long.txt", text)
    whole = Engine().analyse(text)
    result = scan_source(_source(path), ScanOptions())
    (item,) = result.items
    assert item.classification == "personal"
    assert item.counts["UK_NHS"] == sum(1 for s in whole.spans if s.type == "UK_NHS") == 10


def test_batch_result_pickles_and_times_itself(tmp_path):
    paths = [write(tmp_path / f"{i}.txt", PERSONAL) for i in range(3)]
    batch = scan_batch([_source(p) for p in paths], ScanOptions())
    again = pickle.loads(pickle.dumps(batch))
    assert len(again.results) == 3
    assert again.seconds > 0
    assert again.worker.endswith(f":{os.getpid()}")


def test_unreadable_file_is_counted_when_permissions_apply(tmp_path):
    """chmod 000 as an unprivileged user: root ignores file modes, so the scan runs in a forked
    child that has dropped to `nobody`. Proves the permission error path end to end in the
    worker; it does not prove behaviour on network shares with ACLs."""
    folder = tempfile.mkdtemp(prefix="sweep-perm-", dir="/tmp")
    try:
        os.chmod(folder, 0o755)
        secret = write(Path(folder) / "secret.txt", SENSITIVE)
        os.chmod(secret, 0o000)
        source = _source(secret)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: drop privileges, scan, report the outcome through the pipe
            try:
                os.setgid(65534)
                os.setuid(65534)
                result = scan_source(source, ScanOptions())
                payload = pickle.dumps((os.geteuid(), result))
                os.write(write_fd, payload)
            finally:
                os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as fh:
            euid, result = pickle.loads(fh.read())
        os.waitpid(pid, 0)
    finally:
        os.chmod(Path(folder) / "secret.txt", 0o600)
        import shutil

        shutil.rmtree(folder)
    assert euid == 65534
    assert result.status == "error"
    assert result.items == []
    assert [(p.kind, p.reason) for p in result.problems] == [("unreadable", "Permission denied")]


def test_mbox_without_messages_is_a_broken_archive(tmp_path):
    path = tmp_path / "archive.mbox"
    path.write_bytes(b"\x00\x01garbage that is not a mailbox\n" * 10)
    result = scan_source(_source(path), ScanOptions())
    assert [(i.status, i.reason) for i in result.items] == [
        ("error", "no messages found in the mbox file")
    ]
    assert [p.kind for p in result.problems] == ["broken-archive"]


def test_mbox_with_a_damaged_message_still_yields_the_others(tmp_path):
    path = make_mbox(tmp_path / "archive.mbox", [PERSONAL, NEUTRAL])
    with open(path, "ab") as fh:
        fh.write(b"From x Thu Jan  1 00:00:00 2026\nContent-Type: multipart/mixed; bo\n\n\xff\xfe")
    result = scan_source(_source(path), ScanOptions())
    assert len(result.items) == 3
    assert [i.classification for i in result.items[:2]] == ["personal", "none"]
