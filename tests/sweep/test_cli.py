"""`safehaven sweep` and `safehaven sweep-report` from the command line."""

from __future__ import annotations

import json

from safehaven.cli import main
from tests.sweep.helpers import NEUTRAL, PERSONAL, write


def test_sweep_with_report_then_resume_reports_unchanged(tmp_path, capsys):
    write(tmp_path / "share" / "a.txt", PERSONAL)
    write(tmp_path / "share" / "b.txt", NEUTRAL)
    store = str(tmp_path / "s.sqlite")
    args = ["sweep", str(tmp_path / "share"), "--store", store, "--workers", "0", "--no-progress"]
    assert main([*args, "--report", str(tmp_path / "r")]) == 0
    err = capsys.readouterr().err
    assert "Swept 2 files" in err
    assert "1 personal" in err
    assert "Report written" in err
    assert (tmp_path / "r" / "report.html").exists()
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["sources_skipped"], summary["sources_scanned"]) == (2, 0)


def test_sweep_report_command_writes_html_and_csv(tmp_path, capsys):
    write(tmp_path / "share" / "a.txt", PERSONAL)
    store = str(tmp_path / "s.sqlite")
    main(["sweep", str(tmp_path / "share"), "--store", store, "--workers", "0", "--no-progress"])
    assert main(["sweep-report", store, "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "areas.csv",
        "categories.csv",
        "folders.csv",
        "identifiers.csv",
        "items.csv",
        "owners.csv",
        "problems.csv",
        "report.html",
    ]


def test_bad_input_gets_one_plain_line_and_exit_2(tmp_path, capsys):
    assert main(["sweep", str(tmp_path / "nowhere"), "--workers", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "None of the paths given exists: check the spelling or the mount."
    )
    write(tmp_path / "a.txt", NEUTRAL)
    bad_store = str(tmp_path / "missing" / "s.sqlite")
    assert main(["sweep", str(tmp_path), "--store", bad_store, "--workers", "0"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["sweep-report", str(tmp_path / "none.sqlite"), "--out", str(tmp_path)]) == 2
    assert "run `safehaven sweep` first" in capsys.readouterr().err
    args = [
        "sweep",
        str(tmp_path),
        "--store",
        str(tmp_path / "s.sqlite"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--no-progress",
    ]
    assert main(args) == 2
    assert "Cannot reach the Dask scheduler" in capsys.readouterr().err


def test_default_sweep_starts_a_local_cluster_and_scans_on_it(tmp_path, capsys):
    """The default path: the CLI starts its own LocalCluster (here of one worker process)."""
    write(tmp_path / "share" / "a.txt", PERSONAL)
    write(tmp_path / "share" / "b.txt", NEUTRAL)
    store = str(tmp_path / "s.sqlite")
    argv = ["sweep", str(tmp_path / "share"), "--store", store, "--workers", "1"]
    assert main([*argv, "--no-progress", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["workers"] == 1
    assert summary["by_classification"] == {"none": 1, "personal": 1}
    assert summary["task_seconds"] > 0


def test_store_failing_mid_sweep_gets_a_plain_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    """A database error while recording (disk full, server gone) ends the run with one line."""
    import sqlite3

    from safehaven.sweep.store import SqlStore

    write(tmp_path / "share" / "a.txt", PERSONAL)
    original = SqlStore.results_record

    def failing(self, *, run_id, results, extra_problems=()):
        if results:
            raise sqlite3.OperationalError("database or disk is full")
        return original(self, run_id=run_id, results=results, extra_problems=extra_problems)

    monkeypatch.setattr(SqlStore, "results_record", failing)
    argv = ["sweep", str(tmp_path / "share"), "--store", str(tmp_path / "s.sqlite")]
    assert main([*argv, "--workers", "0", "--no-progress"]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "The sweep stopped (OperationalError). What was finished is saved: fix the cause and "
        "run the same command again to continue."
    )


def test_extra_terms_reach_the_sweep_workers_and_bad_files_are_refused(tmp_path, capsys):
    """`--extra-terms FILE`: the DPO's terms travel with each batch to the worker processes."""
    from safehaven.core.detect.extra_terms import activate

    write(tmp_path / "share" / "a.txt", "Amelia Whitworth was referred to the zorblax clinic.\n")
    terms = write(tmp_path / "terms.toml", '[health]\nterms = ["zorblax clinic"]\n')
    argv = ["sweep", str(tmp_path / "share"), "--no-progress", "--json"]
    assert main([*argv, "--store", str(tmp_path / "plain.sqlite"), "--workers", "1"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["by_classification"] == {"personal": 1}
    try:
        for workers in ("1", "0"):  # a LocalCluster worker process, then this process
            store = str(tmp_path / f"terms{workers}.sqlite")
            args = [*argv, "--store", store, "--workers", workers, "--extra-terms", str(terms)]
            assert main(args) == 0
            summary = json.loads(capsys.readouterr().out)
            assert summary["by_classification"] == {"sensitive": 1}, workers
    finally:
        activate({})
    write(tmp_path / "bad.toml", '[healht]\nterms = ["zorblax clinic"]\n')
    bad_terms = str(tmp_path / "bad.toml")
    bad = [*argv, "--store", str(tmp_path / "x.sqlite"), "--extra-terms", bad_terms]
    assert main(bad) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("--extra-terms ")
    assert "no special category \u201chealht\u201d" in err
    assert not (tmp_path / "x.sqlite").exists()  # refused before anything was written
