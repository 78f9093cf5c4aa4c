"""The DPO's report: where sensitive data lies, worst places first, as HTML and CSV.

The HTML is one self-contained file: inline CSS and SVG charts drawn here, no script, no fonts
or styles fetched from anywhere. Every chart has its numbers in a table beside it, so nothing
relies on colour or on seeing the chart.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import html
import itertools
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from safehaven.sweep.store import SqlStore

TOP = 25
AREA_DEPTH = 2


@dataclass
class Place:
    """A folder or an owner: how many items of each class, which categories and identifiers."""

    name: str
    items: int = 0
    sensitive: int = 0
    personal: int = 0
    errors: int = 0
    bytes: int = 0
    identifiers: int = 0
    categories: Counter = field(default_factory=Counter)

    def add(self, item: dict[str, Any]) -> None:
        self.items += 1
        self.bytes += int(item["size"])
        self.identifiers += int(item["identifiers"])
        if item["status"] == "error":
            self.errors += 1
        elif item["classification"] == "sensitive":
            self.sensitive += 1
        elif item["classification"] == "personal":
            self.personal += 1
        for category in filter(None, item["categories"].split(",")):
            self.categories[category] += 1

    def rank(self) -> tuple:
        return (-self.sensitive, -self.personal, -self.identifiers, self.name)


@dataclass
class ReportData:
    items: int = 0
    sensitive: int = 0
    personal: int = 0
    none: int = 0
    errors: int = 0
    folders: list[Place] = field(default_factory=list)
    areas: list[Place] = field(default_factory=list)  # folders rolled up AREA_DEPTH below a root
    owners: list[Place] = field(default_factory=list)
    categories: Counter = field(default_factory=Counter)
    identifier_totals: Counter = field(default_factory=Counter)
    identifier_items: Counter = field(default_factory=Counter)
    worst_items: list[dict[str, Any]] = field(default_factory=list)
    problems: dict[str, int] = field(default_factory=dict)
    runs: list[dict[str, Any]] = field(default_factory=list)


def report_data(*, store: SqlStore, worst: int = 200) -> ReportData:
    """Aggregate the live items of a store (gone items are left out)."""
    data = ReportData()
    folders: dict[str, Place] = {}
    owners: dict[str, Place] = {}
    flagged: list[tuple[_Reversed, int, dict[str, Any]]] = []  # a min-heap of the best of the worst
    tiebreak = itertools.count()
    data.runs = store.runs()
    roots = sorted({r for run in data.runs for r in run["roots"]}, key=len, reverse=True)
    areas: dict[str, Place] = {}
    for item in store.items_live():
        data.items += 1
        if item["status"] == "error":
            data.errors += 1
        elif item["classification"] == "sensitive":
            data.sensitive += 1
        elif item["classification"] == "personal":
            data.personal += 1
        else:
            data.none += 1
        folders.setdefault(item["folder"], Place(item["folder"])).add(item)
        owners.setdefault(item["owner"], Place(item["owner"])).add(item)
        area = area_of(item["folder"], roots)
        areas.setdefault(area, Place(area)).add(item)
        for category in filter(None, item["categories"].split(",")):
            data.categories[category] += 1
        counts = json.loads(item["counts"])
        for kind, n in counts.items():
            data.identifier_totals[kind] += n
            data.identifier_items[kind] += 1
        if item["classification"] in ("sensitive", "personal"):
            # Keep only the worst `worst` items in memory, however many there are.
            entry = (_worst_key(item), next(tiebreak), item)
            if len(flagged) < worst:
                heapq.heappush(flagged, entry)
            elif entry[0].key < flagged[0][0].key:
                heapq.heapreplace(flagged, entry)
    data.folders = sorted(folders.values(), key=Place.rank)
    data.owners = sorted(owners.values(), key=Place.rank)
    data.areas = sorted(areas.values(), key=Place.rank)
    data.worst_items = [e[2] for e in sorted(flagged, key=lambda e: (e[0].key, e[1]))]
    data.problems = store.problems_by_kind()
    return data


def area_of(folder: str, roots: list[str], depth: int = AREA_DEPTH) -> str:
    """`folder` cut to `depth` levels below the sweep root that holds it (longest root first)."""
    for root in roots:
        base = root.rstrip(os.sep)
        if folder == base or folder.startswith(base + os.sep):
            rest = [p for p in folder[len(base) :].split(os.sep) if p]
            return os.path.join(base, *rest[:depth]) if rest else base
    return folder


class _Reversed:
    """Orders items so the heap's smallest is the least bad of those kept."""

    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return self.key > other.key


def _worst_key(item: dict[str, Any]) -> _Reversed:
    return _Reversed(
        (
            item["classification"] != "sensitive",
            -int(item["identifiers"]),
            item["path"],
            item["member"],
        )
    )


def report_write(*, store: SqlStore, out_dir: str) -> dict[str, str]:
    """Write report.html and the CSV files into `out_dir`; returns what was written."""
    os.makedirs(out_dir, exist_ok=True)
    data = report_data(store=store)
    written = {"html": os.path.join(out_dir, "report.html")}
    _csv_places(os.path.join(out_dir, "folders.csv"), "folder", data.folders)
    _csv_places(os.path.join(out_dir, "owners.csv"), "owner", data.owners)
    _csv_places(os.path.join(out_dir, "areas.csv"), "area", data.areas)
    _csv_rows(
        os.path.join(out_dir, "categories.csv"),
        ["category", "items"],
        data.categories.most_common(),
    )
    _csv_rows(
        os.path.join(out_dir, "identifiers.csv"),
        ["identifier_type", "occurrences", "items"],
        [(k, n, data.identifier_items[k]) for k, n in data.identifier_totals.most_common()],
    )
    _csv_items(os.path.join(out_dir, "items.csv"), store)
    _csv_rows(
        os.path.join(out_dir, "problems.csv"),
        ["kind", "path", "member", "reason"],
        store.problems_of_run(),
    )
    for name in ("areas", "folders", "owners", "categories", "identifiers", "items", "problems"):
        written[name] = os.path.join(out_dir, f"{name}.csv")
    with open(written["html"], "w", encoding="utf-8") as fh:
        fh.write(render_html(data))
    return written


def _csv_rows(path: str, header: list[str], rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _csv_places(path: str, label: str, places: list[Place]) -> None:
    _csv_rows(
        path,
        [label, "items", "sensitive", "personal", "errors", "identifiers", "bytes", "categories"],
        (
            (
                p.name,
                p.items,
                p.sensitive,
                p.personal,
                p.errors,
                p.identifiers,
                p.bytes,
                ";".join(f"{k}:{n}" for k, n in p.categories.most_common()),
            )
            for p in places
        ),
    )


def _csv_items(path: str, store: SqlStore) -> None:
    header = [
        "path",
        "member",
        "owner",
        "kind",
        "size",
        "modified",
        "classification",
        "categories",
        "identifiers",
        "counts",
        "status",
        "reason",
    ]
    # Sorted by the database and written as read: memory stays flat however many items.
    rows = (
        (
            item["path"],
            item["member"],
            item["owner"],
            item["kind"],
            item["size"],
            _iso(item["mtime_ns"]),
            item["classification"],
            item["categories"].replace(",", ";"),
            item["identifiers"],
            item["counts"],
            item["status"],
            item["reason"],
        )
        for item in store.items_live(worst_first=True)
    )
    _csv_rows(path, header, rows)


def _iso(mtime_ns: int) -> str:
    return dt.datetime.fromtimestamp(int(mtime_ns) / 1e9, tz=dt.UTC).strftime("%Y-%m-%d %H:%M")


# -- HTML ---------------------------------------------------------------------------------------

CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:2rem;color:#0b0c0c;max-width:75rem}
h1{font-size:2rem}h2{margin-top:2.5rem;border-bottom:2px solid #0b0c0c}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:2px solid #0b0c0c;padding:.8rem 1.2rem}
.card b{display:block;font-size:1.8rem}.path{word-break:break-all}
.key span{display:inline-block;width:1rem;height:1rem;vertical-align:middle;margin:0 .3rem}
"""

SENSITIVE = "#d4351c"
PERSONAL = "#f47738"


def render_html(data: ReportData) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>SafeHaven discovery sweep report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Discovery sweep: where personal and sensitive data lies</h1>",
        f"<p>Generated {esc(dt.datetime.now(tz=dt.UTC).strftime('%Y-%m-%d %H:%M UTC'))} from "
        f"{len(data.runs)} sweep run(s). Counts only: the report holds no text from the files. "
        "Paths may themselves name people: keep this report as carefully as the data.</p>",
        "<div class='cards'>",
    ]
    for label, value in (
        ("items scanned", data.items),
        ("sensitive", data.sensitive),
        ("personal", data.personal),
        ("nothing found", data.none),
        ("could not be read", data.errors),
        ("problems in the last run", sum(data.problems.values())),
    ):
        parts.append(f"<div class='card'><b>{value:,}</b>{esc(label)}</div>")
    parts.append("</div>")

    parts.append("<h2>Worst areas first</h2>")
    parts.append(
        f"<p>Folders rolled up {AREA_DEPTH} levels below each swept root, ranked by sensitive "
        "items, then personal items, then identifiers found.</p>"
    )
    parts.append(
        _stacked_bars(
            [(p.name, p.sensitive, p.personal) for p in data.areas[:15]],
            "Sensitive and personal items in the worst 15 areas",
        )
    )
    parts.append(_places_table(data.areas[:TOP], "area", f"The worst {TOP} areas"))

    parts.append("<h2>Worst folders first</h2>")
    parts.append(
        "<p>Folders ranked by the number of sensitive items, then personal items, then "
        "identifiers found. <span class='key'><span style='background:"
        f"{SENSITIVE}'></span>sensitive<span style='background:{PERSONAL}'></span>personal"
        "</span></p>"
    )
    parts.append(
        _stacked_bars(
            [(p.name, p.sensitive, p.personal) for p in data.folders[:15]],
            "Sensitive and personal items in the worst 15 folders",
        )
    )
    parts.append(_places_table(data.folders[:TOP], "folder", f"The worst {TOP} folders"))

    parts.append("<h2>By owner</h2>")
    parts.append(
        _stacked_bars(
            [(p.name, p.sensitive, p.personal) for p in data.owners[:15]],
            "Sensitive and personal items by file owner",
        )
    )
    parts.append(_places_table(data.owners[:TOP], "owner", "Owners, worst first"))

    parts.append("<h2>Special categories</h2>")
    cats = data.categories.most_common()
    parts.append(_bars(cats, "Items by special category", SENSITIVE))
    parts.append(_simple_table(["Category", "Items"], cats, "Items by special category"))

    parts.append("<h2>Identifier types</h2>")
    ids = data.identifier_totals.most_common()
    parts.append(_bars(ids, "Identifiers found, by type", PERSONAL))
    parts.append(
        _simple_table(
            ["Identifier type", "Occurrences", "Items"],
            [(k, n, data.identifier_items[k]) for k, n in ids],
            "Identifiers found, by type",
        )
    )

    parts.append(f"<h2>The {len(data.worst_items)} worst items</h2>")
    parts.append(
        "<table><caption>Sensitive items first, then by identifiers found</caption>"
        "<thead><tr><th>Path</th><th>Member or message</th><th>Owner</th>"
        "<th>Class</th><th>Categories</th><th class='n'>Identifiers</th>"
        "<th>Modified</th></tr></thead><tbody>"
    )
    for item in data.worst_items:
        parts.append(
            f"<tr><td class='path'>{esc(item['path'])}</td><td class='path'>"
            f"{esc(item['member'])}</td><td>{esc(item['owner'])}</td>"
            f"<td>{esc(item['classification'])}</td>"
            f"<td>{esc(item['categories'].replace(',', ', '))}</td>"
            f"<td class='n'>{int(item['identifiers']):,}</td><td>{_iso(item['mtime_ns'])}</td></tr>"
        )
    parts.append("</tbody></table>")

    parts.append("<h2>Problems in the last run</h2>")
    parts.append(
        _simple_table(
            ["Kind", "Count"],
            sorted(data.problems.items()),
            "Problems by kind (paths in problems.csv)",
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def _places_table(places: list[Place], label: str, caption: str) -> str:
    esc = html.escape
    rows = [
        f"<table><caption>{esc(caption)}</caption><thead><tr><th>{esc(label.title())}</th>"
        "<th class='n'>Sensitive</th><th class='n'>Personal</th><th class='n'>Items</th>"
        "<th class='n'>Identifiers</th><th>Categories</th></tr></thead><tbody>"
    ]
    for p in places:
        cats = ", ".join(f"{k} ({n})" for k, n in p.categories.most_common())
        rows.append(
            f"<tr><td class='path'>{esc(p.name)}</td><td class='n'>{p.sensitive:,}</td>"
            f"<td class='n'>{p.personal:,}</td><td class='n'>{p.items:,}</td>"
            f"<td class='n'>{p.identifiers:,}</td><td>{esc(cats)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _simple_table(header: list[str], rows, caption: str) -> str:
    esc = html.escape
    head = "".join(f"<th{' class=n' if i else ''}>{esc(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='n'>{v:,}</td>" if isinstance(v, int) else f"<td>{esc(str(v))}</td>"
            for v in row
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _label(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def _bars(rows: list[tuple[str, int]], title: str, colour: str) -> str:
    """A horizontal bar chart as inline SVG, each bar labelled with its number."""
    return _stacked_bars([(name, n, 0) for name, n in rows], title, colours=(colour, colour))


def _stacked_bars(
    rows: list[tuple[str, int, int]], title: str, colours: tuple[str, str] = (SENSITIVE, PERSONAL)
) -> str:
    if not rows:
        return "<p>Nothing to chart.</p>"
    esc = html.escape
    label_w, bar_w, row_h = 380, 420, 22
    width, height = label_w + bar_w + 90, row_h * len(rows) + 10
    top = max((a + b for _, a, b in rows), default=0) or 1
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' aria-label='{esc(title)}'>"
        f"<title>{esc(title)}</title>"
    ]
    for i, (name, a, b) in enumerate(rows):
        y = 5 + i * row_h
        wa, wb = bar_w * a / top, bar_w * b / top
        out.append(
            f"<text x='{label_w - 6}' y='{y + 15}' text-anchor='end' font-size='12'>"
            f"{esc(_label(name))}</text>"
            f"<rect x='{label_w}' y='{y + 2}' width='{wa:.1f}' height='{row_h - 6}' "
            f"fill='{colours[0]}'/>"
            f"<rect x='{label_w + wa:.1f}' y='{y + 2}' width='{wb:.1f}' height='{row_h - 6}' "
            f"fill='{colours[1]}' fill-opacity='0.6'/>"
            f"<text x='{label_w + wa + wb + 6:.1f}' y='{y + 15}' font-size='12'>"
            f"{a:,}{f' + {b:,}' if b else ''}</text>"
        )
    out.append("</svg>")
    return "".join(out)
