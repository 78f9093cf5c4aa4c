"""The DPO's report: worst folders first, self-contained HTML, CSV matching the store."""

from __future__ import annotations

import csv
import re

import pytest

from safehaven.sweep.report import report_data, report_write
from safehaven.sweep.runner import SerialExecutor, sweep_run
from safehaven.sweep.store import store_open
from tests.sweep.helpers import NEUTRAL, PERSONAL, SENSITIVE, make_zip, write


@pytest.fixture
def swept(tmp_path):
    root = tmp_path / "share"
    write(root / "admin" / "menu.txt", NEUTRAL)
    write(root / "admin" / "rota.txt", NEUTRAL)
    write(root / "cp" / "a.txt", SENSITIVE)
    write(root / "cp" / "b.txt", SENSITIVE)
    write(root / "cp" / "c.txt", PERSONAL)
    write(root / "sen" / "d.txt", PERSONAL)
    make_zip(root / "sen" / "export.zip", {"x.txt": SENSITIVE})
    write(root / "broken" / "bad.zip", "not a zip")
    store = store_open(str(tmp_path / "s.sqlite"))
    sweep_run(roots=[str(root)], store=store, executor=SerialExecutor())
    yield root, store
    store.close()


def test_folders_are_ranked_worst_first(swept):
    root, store = swept
    data = report_data(store=store)
    assert [p.name for p in data.folders][:3] == [
        str(root / "cp"),
        str(root / "sen"),
        str(root / "admin"),
    ]
    assert [a.name for a in data.areas][:2] == [str(root / "cp"), str(root / "sen")]
    cp = data.folders[0]
    assert (cp.sensitive, cp.personal, cp.items) == (2, 1, 3)
    assert (data.sensitive, data.personal, data.none, data.errors) == (3, 2, 2, 1)
    assert data.categories["safeguarding"] == 3
    assert data.worst_items[0]["classification"] == "sensitive"
    assert data.problems == {"broken-archive": 1}


def test_html_is_self_contained_and_csv_matches_the_store(swept, tmp_path):
    root, store = swept
    written = report_write(store=store, out_dir=str(tmp_path / "report"))
    with open(written["html"], encoding="utf-8") as fh:
        page = fh.read()
    assert "<svg" in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page)
    assert str(root / "cp") in page
    with open(written["folders"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["folder"] == str(root / "cp")
    assert (rows[0]["sensitive"], rows[0]["personal"]) == ("2", "1")
    with open(written["items"], encoding="utf-8") as fh:
        items = list(csv.DictReader(fh))
    assert len(items) == len(list(store.items_live())) == 8
    assert items[0]["classification"] == "sensitive"
    with open(written["problems"], encoding="utf-8") as fh:
        problems = list(csv.DictReader(fh))
    assert [(p["kind"], p["path"]) for p in problems] == [
        ("broken-archive", str(root / "broken" / "bad.zip"))
    ]


def test_store_and_report_hold_no_matched_text(swept, tmp_path):
    """Counts and category names only: no name, NHS number or postcode from inside a file."""
    _root, store = swept
    report_write(store=store, out_dir=str(tmp_path / "report"))
    store.close()
    secrets = ["Jane", "Smith", "943 476 5919", "9434765919", "LS6 4AZ", "Oak Road", "epilepsy"]
    files = [tmp_path / "s.sqlite", *sorted((tmp_path / "report").iterdir())]
    wal = tmp_path / "s.sqlite-wal"
    if wal.exists():
        files.append(wal)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (path.name, secret)


def test_worst_items_keeps_only_the_worst_in_order(swept):
    _root, store = swept
    everything = report_data(store=store).worst_items
    assert [i["classification"] for i in everything] == ["sensitive"] * 3 + ["personal"] * 2
    top = report_data(store=store, worst=2).worst_items
    assert [(i["path"], i["member"]) for i in top] == [
        (i["path"], i["member"]) for i in everything[:2]
    ]


def test_area_rolls_folders_up_below_the_longest_matching_root():
    from safehaven.sweep.report import area_of

    roots = ["/srv/share/sub", "/srv/share"]
    assert area_of("/srv/share/a/b/c/d", roots) == "/srv/share/a/b"
    assert area_of("/srv/share/sub/x/y/z", roots) == "/srv/share/sub/x/y"
    assert area_of("/srv/share", roots) == "/srv/share"
    assert area_of("/elsewhere/q", roots) == "/elsewhere/q"


def test_items_csv_is_worst_first_like_the_store_order(swept, tmp_path):
    """items.csv is written straight from the database's worst-first order."""
    _root, store = swept
    written = report_write(store=store, out_dir=str(tmp_path / "report"))
    with open(written["items"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["path"], r["member"]) for r in rows] == [
        (i["path"], i["member"]) for i in store.items_live(worst_first=True)
    ]
    rank = {"sensitive": 0, "personal": 1, "none": 2, "": 3}
    keys = [
        (rank[r["classification"]], -int(r["identifiers"]), r["path"], r["member"]) for r in rows
    ]
    assert keys == sorted(keys)
    assert [r["classification"] for r in rows] == ["sensitive"] * 3 + ["personal"] * 2 + [
        "none"
    ] * 2 + [""]


@pytest.fixture
def postgresql_icu_url(postgresql):
    """A PostgreSQL database whose default collation is ICU English (the sort order most
    servers have), where "b" < "B" < "Zed": unlike the test server's "C" default, it shows
    whether a query asks for code-point order itself."""
    import psycopg

    info = postgresql.info
    auth = f"host={info.host} port={info.port} user={info.user}"
    with psycopg.connect(f"{auth} dbname={info.dbname}", autocommit=True) as conn:
        conn.execute(
            "CREATE DATABASE sweep_icu LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
            " TEMPLATE template0"
        )
        with psycopg.connect(f"{auth} dbname=sweep_icu") as icu:
            order = icu.execute("SELECT x FROM (VALUES ('b'), ('B'), ('Zed')) v(x) ORDER BY x")
            assert [r[0] for r in order] == ["b", "B", "Zed"]  # not code-point order
        yield f"postgresql://{info.user}:{info.password or ''}@{info.host}:{info.port}/sweep_icu"
        conn.execute("DROP DATABASE sweep_icu WITH (FORCE)")


@pytest.mark.postgres
def test_report_on_postgresql_equals_the_sqlite_report(postgresql_icu_url, tmp_path):
    """The report's sorted queries (items.csv worst first, problems) on a real PostgreSQL store
    with an English collation give the same files as on SQLite (code-point order)."""
    root = tmp_path / "share"
    for name in ("b.txt", "B.txt", "_a.txt", "Zed.txt", "é.txt", "a b.txt"):
        write(root / "cp" / name, SENSITIVE)
        write(root / "Admin" / name, PERSONAL)
    write(root / "Admin" / "menu.txt", NEUTRAL)
    write(root / "broken" / "bad.zip", "not a zip")
    write(root / "broken" / "Bad.zip", "not a zip either")
    outputs = {}
    stores = (("sqlite", str(tmp_path / "s.sqlite")), ("postgresql", postgresql_icu_url))
    for name, location in stores:
        store = store_open(location)
        sweep_run(roots=[str(root)], store=store, executor=SerialExecutor())
        data = report_data(store=store, worst=5)
        written = report_write(store=store, out_dir=str(tmp_path / name))
        store.close()
        csvs = {
            key: open(path, encoding="utf-8").read()  # noqa: SIM115 - small files, read whole
            for key, path in written.items()
            if key != "html"
        }
        outputs[name] = (
            [(p.name, p.items, p.sensitive, p.personal) for p in data.folders],
            [(i["path"], i["member"]) for i in data.worst_items],
            data.problems,
            csvs,
        )
    assert outputs["postgresql"] == outputs["sqlite"]
    items = outputs["sqlite"][3]["items"].splitlines()
    cp_rows = [row.split(",")[0] for row in items[1:7]]
    assert cp_rows == sorted(cp_rows)  # code-point order: "B.txt" < "Zed.txt" < "_a.txt" < "b.txt"
