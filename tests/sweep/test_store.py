"""The store: idempotent upserts by identity, stale members marked gone, no content kept."""

from __future__ import annotations

import pytest

from safehaven.sweep.model import ItemResult, Source, SourceResult
from safehaven.sweep.store import StoreError, store_open


def _result(path: str, members: list[str], *, size=10, mtime_ns=1, status="done") -> SourceResult:
    source = Source(path=path, size=size, mtime_ns=mtime_ns, owner="alice")
    items = [
        ItemResult(
            path=path,
            member=m,
            kind="txt",
            size=1,
            mtime_ns=mtime_ns,
            classification="personal",
            counts={"PERSON": 2},
        )
        for m in members
    ]
    return SourceResult(source=source, status=status, items=items, size=size, mtime_ns=mtime_ns)


@pytest.fixture
def store(tmp_path):
    s = store_open(str(tmp_path / "sweep.sqlite"))
    yield s
    s.close()


def test_recording_the_same_result_twice_does_not_double_count(store):
    run = store.run_begin(roots=["/share"])
    for _ in range(2):
        store.results_record(run_id=run, results=[_result("/share/a.zip", ["x", "y"])])
    assert len(list(store.items_live())) == 2
    assert store.execute("SELECT COUNT(*) FROM sweep_source") == [(1,)]


def test_members_missing_from_a_rescanned_archive_are_marked_gone(store):
    run = store.run_begin(roots=["/share"])
    store.results_record(run_id=run, results=[_result("/share/a.zip", ["x", "y"])])
    store.results_record(run_id=run, results=[_result("/share/a.zip", ["y"], mtime_ns=2)])
    assert [i["member"] for i in store.items_live()] == ["y"]
    assert store.execute("SELECT status FROM sweep_item WHERE member = 'x'") == [("gone",)]


def test_fingerprints_match_roots_by_folder_not_by_string_prefix(store):
    run = store.run_begin(roots=["/share"])
    store.results_record(
        run_id=run, results=[_result("/share/a.txt", [""]), _result("/shared/b.txt", [""])]
    )
    assert set(store.fingerprints(["/share"])) == {"/share/a.txt"}
    assert set(store.fingerprints(["/share/a.txt"])) == {"/share/a.txt"}


def test_unreadable_source_is_remembered_but_never_matches_a_fingerprint(store):
    run = store.run_begin(roots=["/share"])
    store.results_record(run_id=run, results=[_result("/share/locked.txt", [], status="error")])
    fp = store.fingerprints(["/share"])["/share/locked.txt"]
    assert fp.status == "error"
    assert (fp.size, fp.mtime_ns) == (-1, -1)


def test_sources_marked_gone_leave_the_live_items(store):
    run = store.run_begin(roots=["/share"])
    store.results_record(run_id=run, results=[_result("/share/a.txt", [""])])
    assert store.sources_mark_gone(run_id=run, paths=["/share/a.txt"]) == 1
    assert list(store.items_live()) == []
    assert store.sources_mark_gone(run_id=run, paths=["/share/a.txt"]) == 0


def test_a_file_that_is_not_a_database_gets_a_plain_message(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database " * 100)
    with pytest.raises(StoreError, match="give another --store path"):
        store_open(str(bad)).run_begin(roots=[])


def test_store_in_a_missing_folder_gets_a_plain_message(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        store_open(str(tmp_path / "no" / "sweep.sqlite"))


def test_parquet_store_keeps_resume_state_and_writes_deduplicated_items(tmp_path):
    import pyarrow.parquet as pq

    target = str(tmp_path / "results.parquet")
    store = store_open(target)
    run = store.run_begin(roots=["/share"])
    for _ in range(2):
        store.results_record(run_id=run, results=[_result("/share/a.zip", ["x", "y"])])
    store.finish()
    store.close()
    table = pq.read_table(target)
    assert table.num_rows == 2
    assert sorted(table.column("member").to_pylist()) == ["x", "y"]
    again = store_open(target)
    assert set(again.fingerprints(["/share"])) == {"/share/a.zip"}
    again.close()


@pytest.mark.postgres
def test_postgresql_store_resumes_like_sqlite(postgresql, tmp_path):
    """The same sweep twice into a real PostgreSQL server started by the test session."""
    from safehaven.sweep.runner import SerialExecutor, sweep_run
    from tests.sweep.helpers import NEUTRAL, PERSONAL, write

    info = postgresql.info
    url = f"postgresql://{info.user}:{info.password or ''}@{info.host}:{info.port}/{info.dbname}"
    write(tmp_path / "share" / "a.txt", PERSONAL)
    write(tmp_path / "share" / "b.txt", NEUTRAL)
    for expected_scanned in (2, 0):
        store = store_open(url)
        summary = sweep_run(roots=[str(tmp_path / "share")], store=store, executor=SerialExecutor())
        rows = store.execute("SELECT classification FROM sweep_item ORDER BY path")
        store.close()
        assert summary.sources_scanned == expected_scanned
        assert rows == [("personal",), ("none",)]
    # The streaming walk's end-of-walk pass: a deleted file is marked gone, on PostgreSQL too.
    (tmp_path / "share" / "b.txt").unlink()
    store = store_open(url)
    summary = sweep_run(roots=[str(tmp_path / "share")], store=store, executor=SerialExecutor())
    rows = store.execute("SELECT path, status, seen_run FROM sweep_source ORDER BY path")
    store.close()
    assert (summary.sources_scanned, summary.sources_skipped, summary.gone) == (0, 1, 1)
    a, b = str(tmp_path / "share" / "a.txt"), str(tmp_path / "share" / "b.txt")
    assert rows == [(a, "done", summary.run_id), (b, "gone", 2)]


def test_store_from_before_the_streaming_walk_gets_its_seen_run_column(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE sweep_source (path TEXT PRIMARY KEY, size BIGINT NOT NULL,"
            " mtime_ns BIGINT NOT NULL, owner TEXT NOT NULL, status TEXT NOT NULL,"
            " items INTEGER NOT NULL, run_id INTEGER NOT NULL,"
            " scanned_at DOUBLE PRECISION NOT NULL)"
        )
        conn.execute(
            "INSERT INTO sweep_source VALUES ('/share/a.txt', 10, 1, 'alice', 'done', 1, 1, 0)"
        )
    store = store_open(str(path))
    run = store.run_begin(roots=["/share"])
    found = store.sources_lookup(run_id=run, paths=["/share/a.txt", "/share/new.txt"])
    assert list(found) == ["/share/a.txt"]
    assert store.sources_mark_unseen(run_id=run, roots=["/share"]) == 0
    assert store.sources_mark_unseen(run_id=run + 1, roots=["/share"]) == 1
    store.close()


def _item(path: str, member: str, classification: str, identifiers: int, status="ok"):
    return ItemResult(
        path=path,
        member=member,
        kind="txt",
        size=1,
        mtime_ns=1,
        classification=classification,
        counts={"PERSON": identifiers} if identifiers else {},
        status=status,
    )


def test_items_live_worst_first_is_sorted_by_the_database(store):
    """Sensitive, personal, nothing found, errors; most identifiers first; then path, member:
    the order items.csv is written in, without holding the items in memory."""
    run = store.run_begin(roots=["/share"])
    items = [
        _item("/share/b.txt", "", "none", 0),
        _item("/share/z.zip", "m2", "personal", 3),
        _item("/share/c.txt", "", "", 0, status="error"),
        _item("/share/z.zip", "m1", "personal", 3),
        _item("/share/a.txt", "", "sensitive", 1),
        _item("/share/é.txt", "", "sensitive", 9),
        _item("/share/d.txt", "", "personal", 7),
        _item("/share/E.txt", "", "sensitive", 9),
    ]
    results = []
    for it in items:
        source = Source(path=it.path, size=10, mtime_ns=1, owner="alice")
        results.append(SourceResult(source=source, status="done", items=[it], size=10, mtime_ns=1))
    # Two members of one zip come from one source result.
    zip_items = [r.items[0] for r in results if r.source.path == "/share/z.zip"]
    results = [r for r in results if r.source.path != "/share/z.zip"]
    zip_source = Source(path="/share/z.zip", size=10, mtime_ns=1, owner="alice")
    results.append(SourceResult(zip_source, "done", items=zip_items, size=10, mtime_ns=1))
    store.results_record(run_id=run, results=results)
    order = [(i["path"], i["member"]) for i in store.items_live(worst_first=True)]
    assert order == [
        ("/share/E.txt", ""),
        ("/share/é.txt", ""),
        ("/share/a.txt", ""),
        ("/share/d.txt", ""),
        ("/share/z.zip", "m1"),
        ("/share/z.zip", "m2"),
        ("/share/b.txt", ""),
        ("/share/c.txt", ""),
    ]
    assert len(list(store.items_live())) == 8


def test_problems_of_run_streams_the_latest_run_sorted(store):
    from safehaven.sweep.model import Problem

    first = store.run_begin(roots=["/share"])
    store.results_record(
        run_id=first, results=[], extra_problems=[Problem("unreadable", "/share/old.txt")]
    )
    second = store.run_begin(roots=["/share"])
    store.results_record(
        run_id=second,
        results=[],
        extra_problems=[
            Problem("walk-error", "/share/b"),
            Problem("unreadable", "/share/z.txt", reason="permission denied"),
            Problem("unreadable", "/share/a.txt", reason="permission denied"),
        ],
    )
    assert list(store.problems_of_run()) == [
        ("unreadable", "/share/a.txt", "", "permission denied"),
        ("unreadable", "/share/z.txt", "", "permission denied"),
        ("walk-error", "/share/b", "", ""),
    ]
    assert list(store.problems_of_run(first)) == [("unreadable", "/share/old.txt", "", "")]
