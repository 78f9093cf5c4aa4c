"""SafeHaven's engine and Microsoft Presidio side by side, same texts, same run, same machine.

    .venv/bin/python benchmarks/engine_vs_presidio.py --dataset all

Datasets: ``synth`` (../shared/data/presidio-research-synth-v2.jsonl, scored on PERSON,
PHONE_NUMBER, EMAIL_ADDRESS, STREET_ADDRESS), ``dev`` (benchmarks/data/uk-cs-dev.jsonl) and
``holdout`` (generated now into a temporary folder outside the repository, deleted afterwards).
Systems, each in its own child process fed the same JSONL on stdin, timed from process start to
exit both by the wall clock and by the CPU time the child used (user + system, from os.wait4's
rusage), peak memory from that child's rusage: ``engine`` (``safehaven scan --jsonl -``),
``engine-api`` (``safehaven.core.detect.analyse`` called from a small runner, no CLI) and
``presidio`` (presidio-analyzer + en_core_web_sm, UK NINO and postcode recognisers enabled).
Markdown goes to stdout, JSON to benchmarks/results/engine_vs_presidio.json.

The speed ratio is given two ways. The wall-clock ratio divides two rates measured at different
moments on a shared machine, so other work on it moves it (12x to 26x on the same day). The CPU
ratio divides documents per CPU-second of each child (process start included in both): CPU time
is what the child itself used, so it moves much less with the load. Each system is run
`--repeats` times per dataset (default 1) and the best wall and best CPU time are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import scoring  # noqa: E402
from benchmarks.corpus.generate_uk import generate  # noqa: E402

SYNTH = REPO.parent / "shared" / "data" / "presidio-research-synth-v2.jsonl"
DEV = REPO / "benchmarks" / "data" / "uk-cs-dev.jsonl"
RESULTS = REPO / "benchmarks" / "results" / "engine_vs_presidio.json"
# Development template families generated at run time (open to engine developers, unlike holdout).
GENERATED_DEV = ("dev-spans", "dev-categories", "dev-kinds", "dev-names", "dev-cats2", "dev-names2")

UK_TYPES = [
    "PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS",
    "UK_NHS", "UK_UPN", "UK_ULN", "UK_NINO",
]  # fmt: skip
SYNTH_TYPES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS"]

# How each system's types become the benchmark's. Presidio has no DATE_OF_BIRTH and no street
# address: its DATE_TIME and LOCATION count only where they overlap a labelled birth date or
# street address (lenient); elsewhere they are left out of the per-type scores (not charged as
# false positives) but still count as redaction for the leak.
ENGINE_MAP = {"direct": {t: t for t in UK_TYPES}, "lenient": {}}
PRESIDIO_MAP = {
    "direct": {
        "PERSON": "PERSON",
        "PHONE_NUMBER": "PHONE_NUMBER",
        "EMAIL_ADDRESS": "EMAIL_ADDRESS",
        "UK_NHS": "UK_NHS",
        "UK_NINO": "UK_NINO",
        "UK_POSTCODE": "UK_POSTCODE",
    },
    "lenient": {"DATE_TIME": "DATE_OF_BIRTH", "LOCATION": "STREET_ADDRESS"},
}
SYSTEM_LABELS = {
    "engine": "SafeHaven (CLI)",
    "engine-api": "SafeHaven (API)",
    "presidio": "Presidio + spaCy sm",
    "presidio-default": "Presidio as shipped",
}


def venv_bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


ENGINE_CMD: list[str] | None = None  # --engine-cmd


def command(system: str) -> list[str]:
    if system == "engine" and ENGINE_CMD:
        return ENGINE_CMD
    if system == "engine":
        exe = venv_bin("safehaven")
        if not Path(exe).exists():
            exe = shutil.which("safehaven") or exe
        return [exe, "scan", "--jsonl", "-"]
    return [sys.executable, "-m", "benchmarks.runners", system]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_child(cmd: list[str], docs: list[dict], workdir: Path) -> dict:
    """Run one system over ``docs`` in a fresh process; wall time includes process start."""
    inp = workdir / "in.jsonl"
    out = workdir / "out.jsonl"
    err = workdir / "err.txt"
    with inp.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    with inp.open("rb") as fin, out.open("wb") as fout, err.open("wb") as ferr:
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr, cwd=REPO)
        except OSError as exc:
            return {"error": f"could not start {cmd[0]}: {exc.strerror}"}
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    # `safehaven scan` exits 1 when it found personal data: that is an answer, not a failure.
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not out.stat().st_size):
        last = stderr[-1] if stderr else "no message"
        return {"error": f"exit status {proc.returncode}: {last}"}
    results = {}
    try:
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                results[rec["id"]] = rec
    except (json.JSONDecodeError, KeyError) as exc:
        return {"error": f"output is not the scan --jsonl contract ({exc})"}
    missing = [d["id"] for d in docs if d["id"] not in results]
    if missing:
        return {"error": f"no output for {len(missing)} of {len(docs)} documents"}
    inner = {}
    if stderr:
        try:
            inner = json.loads(stderr[-1])
        except json.JSONDecodeError:
            inner = {}
    return {
        "results": results,
        "wall_s": wall,
        # CPU time of the child alone (user + system), process start included: steadier than the
        # wall clock on a shared machine.
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "inner": inner if isinstance(inner, dict) else {},
    }


def probe(system: str, workdir: Path) -> str | None:
    """None when the system answers one document; otherwise why not."""
    run = run_child(command(system), [{"id": "probe", "text": "Hello"}], workdir)
    if "error" in run:
        return run["error"]
    if "probe" not in run["results"]:
        return "no output line for the probe document"
    return None


def startup(system: str, workdir: Path, repeats: int = 3) -> dict:
    """Median and best of ``repeats`` runs over one short document (the machine is shared)."""
    runs = [
        run_child(command(system), [{"id": "s", "text": "Dear Mrs Khan"}], workdir)
        for _ in range(repeats)
    ]
    times = sorted(r["wall_s"] for r in runs if "wall_s" in r)
    if not times:
        return {
            "startup_s": None,
            "startup_best_s": None,
            "startup_cpu_s": None,
            "startup_rss_mb": None,
        }
    cpu = sorted(r["cpu_s"] for r in runs if "cpu_s" in r)
    return {
        "startup_s": times[len(times) // 2],
        "startup_best_s": times[0],
        "startup_cpu_s": cpu[len(cpu) // 2],
        "startup_rss_mb": max(r["peak_rss_mb"] for r in runs if "peak_rss_mb" in r),
    }


def evaluate(
    name: str, docs: list[dict], system: str, run: dict, types: list[str], examples: bool
) -> dict:
    mapping = PRESIDIO_MAP if system.startswith("presidio") else ENGINE_MAP
    raw = {i: r.get("findings", []) for i, r in run["results"].items()}
    by_doc = {d["id"]: d for d in docs}
    mapped = {
        i: scoring.map_predictions(f, by_doc[i]["spans"], mapping["direct"], mapping["lenient"])
        for i, f in raw.items()
        if i in by_doc
    }
    out: dict = {"docs": len(docs), "answered": sum(1 for d in docs if d["id"] in raw)}
    for rule in scoring.RULES:
        s = scoring.score_spans(docs, mapped, types, rule, keep_examples=5 if examples else 0)
        out[rule] = s.as_dict()
        if examples and rule == "overlap":
            out["examples"] = {"missed": s.misses, "false": s.false_alarms}
    if system.startswith("presidio") and "DATE_OF_BIRTH" in types:
        # The strict reading: every DATE_TIME is a claimed birth date.
        strict = {
            i: scoring.map_predictions(f, by_doc[i]["spans"], {"DATE_TIME": "DATE_OF_BIRTH"})
            for i, f in raw.items()
            if i in by_doc
        }
        out["dob_if_every_date_counts"] = (
            scoring.score_spans(docs, strict, ["DATE_OF_BIRTH"], "overlap")
            .per_type["DATE_OF_BIRTH"]
            .as_dict()
        )
    out["leak"] = scoring.leak(docs, raw, types)
    out["leak_by_type"] = {t: scoring.leak(docs, raw, [t]) for t in types}
    out["raw_types"] = dict(Counter(f["type"] for fs in raw.values() for f in fs).most_common())
    out["confusions"] = scoring.confusions(docs, raw)
    if not system.startswith("presidio") and "classification" in docs[0]:
        out["classification"] = scoring.classification_accuracy(
            docs, {i: r.get("classification") for i, r in run["results"].items()}
        )
        out["special_categories"] = scoring.category_scores(
            docs, {i: r.get("special_categories") or [] for i, r in run["results"].items()}
        )
    if examples and "template" in docs[0]:
        # Per-template figures for the dev corpus only (never for the holdout).
        out["by_template"] = by_template(docs, mapped, run["results"], types, system)
    out["wall_s"] = run["wall_s"]
    out["docs_per_s"] = len(docs) / run["wall_s"]
    out["cpu_s"] = run["cpu_s"]
    out["docs_per_cpu_s"] = len(docs) / run["cpu_s"] if run["cpu_s"] > 0 else None
    if "wall_runs" in run:
        out["wall_runs_s"] = run["wall_runs"]
        out["cpu_runs_s"] = run["cpu_runs"]
    out["peak_rss_mb"] = run["peak_rss_mb"]
    inner = run["inner"]
    if inner.get("analyse_s"):
        out["warm_docs_per_s"] = len(docs) / inner["analyse_s"]
        out["load_s"] = inner.get("load_s")
    if inner.get("analyse_cpu_s"):
        out["warm_docs_per_cpu_s"] = len(docs) / inner["analyse_cpu_s"]
    return out


def by_template(
    docs: list[dict], mapped: dict, results: dict, types: list[str], system: str
) -> dict:
    groups: dict[str, list[dict]] = {}
    for d in docs:
        groups.setdefault(d["template"], []).append(d)
    out = {}
    for name, group in sorted(groups.items()):
        row = {
            "docs": len(group),
            "micro_f1": scoring.score_spans(group, mapped, types, "overlap").micro.f1,
        }
        if not system.startswith("presidio"):
            row["classification"] = scoring.classification_accuracy(
                group, {i: r.get("classification") for i, r in results.items()}
            )["accuracy"]
            row["category_f1"] = scoring.category_scores(
                group, {i: r.get("special_categories") or [] for i, r in results.items()}
            )["micro"]["f1"]
        out[name] = row
    return out


def fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def markdown(name: str, types: list[str], systems: list[str], res: dict) -> str:
    cols = [s for s in systems if s in res]
    head = "| " + name + " | " + " | ".join(SYSTEM_LABELS[s] for s in cols) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]

    def row(label: str, fn) -> None:
        lines.append(f"| {label} | " + " | ".join(fn(res[s]) for s in cols) + " |")

    for t in types:

        def cell(r, t=t):
            c = r["overlap"]["per_type"][t]
            if c["tp"] + c["fn"] == 0 and c["fp"] == 0:
                return "-"
            return f"{fmt(c['f1'], 2)} ({fmt(c['precision'], 2)}/{fmt(c['recall'], 2)})"

        row(f"{t} F1 (P/R)", cell)
    row("micro-F1, overlap >= 0.5", lambda r: fmt(r["overlap"]["micro"]["f1"]))
    row("micro-F1, exact", lambda r: fmt(r["exact"]["micro"]["f1"]))
    row(
        "leak (identifying chars left readable)",
        lambda r: "-" if r["leak"]["leak"] is None else f"{100 * r['leak']['leak']:.1f}%",
    )
    row(
        "classification accuracy",
        lambda r: fmt(r["classification"]["accuracy"]) if "classification" in r else "n/a",
    )
    row(
        "special-category F1",
        lambda r: fmt(r["special_categories"]["micro"]["f1"])
        if "special_categories" in r
        else "n/a",
    )
    row("docs/s (process start included)", lambda r: f"{r['docs_per_s']:.1f}")
    row(
        "docs per CPU-second (process start included)",
        lambda r: f"{r['docs_per_cpu_s']:.1f}" if r.get("docs_per_cpu_s") else "-",
    )
    row(
        "docs/s (warm, after loading)",
        lambda r: f"{r['warm_docs_per_s']:.1f}" if "warm_docs_per_s" in r else "-",
    )
    row(
        "docs per CPU-second (warm, after loading)",
        lambda r: f"{r['warm_docs_per_cpu_s']:.1f}" if "warm_docs_per_cpu_s" in r else "-",
    )
    row("peak RSS (MB)", lambda r: f"{r['peak_rss_mb']:.0f}")
    if "presidio" in res:
        base = res["presidio"]["docs_per_s"]
        row("speed vs Presidio, wall clock", lambda r: f"{r['docs_per_s'] / base:.1f}x")
        base_cpu = res["presidio"].get("docs_per_cpu_s")
        if base_cpu:

            def cpu_ratio(r):
                rate = r.get("docs_per_cpu_s")
                return f"{rate / base_cpu:.1f}x" if rate else "-"

            row("speed vs Presidio, CPU time", cpu_ratio)
    return "\n".join(lines)


def embed(doc: Path, tables: str) -> None:
    """Replace what lies between the results markers of ``doc`` with ``tables``."""
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    text = doc.read_text(encoding="utf-8")
    if start not in text or end not in text:
        print(f"{doc} has no {start} ... {end} markers: not updated.", file=sys.stderr)
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(f"{head}{start}\n{tables.strip()}\n{end}{tail}", encoding="utf-8")
    print(f"results written into {doc}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dataset", default="all", help="all, or a comma list of synth, dev, holdout (default all)"
    )
    parser.add_argument(
        "--systems",
        default="engine,engine-api,presidio",
        help="comma list of engine, engine-api, presidio, presidio-default",
    )
    parser.add_argument(
        "--dev-n",
        type=int,
        default=600,
        help="documents to generate for dev-spans / dev-categories (default 600)",
    )
    parser.add_argument(
        "--holdout-n", type=int, default=1000, help="holdout documents to generate (default 1000)"
    )
    parser.add_argument(
        "--holdout-seed",
        type=int,
        default=None,
        help="seed for the holdout (default: the family's fixed seed, comparable across runs; "
        "any other seed gives fresh documents from the same templates)",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=0,
        help="use only the first N documents of each dataset (quick check)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument(
        "--doc",
        type=Path,
        help="also put the tables between the results markers of this Markdown file "
        "(e.g. docs/benchmarks-engine.md)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="run each system this many times per dataset and keep the best wall and the best "
        "CPU time (default 1)",
    )
    parser.add_argument(
        "--engine-cmd",
        help="command line for the engine CLI (default: the venv's `safehaven scan --jsonl -`)",
    )
    args = parser.parse_args(argv)
    if args.engine_cmd:
        global ENGINE_CMD
        ENGINE_CMD = shlex.split(args.engine_cmd)

    names = ["synth", "dev", "holdout"] if args.dataset == "all" else args.dataset.split(",")
    systems = args.systems.split(",")
    for n in names:
        if n not in ("synth", "dev", "holdout", *GENERATED_DEV):
            parser.error(
                f"unknown dataset {n!r}: use synth, dev, holdout, {', '.join(GENERATED_DEV)} or all"
            )
    for s in systems:
        if s not in SYSTEM_LABELS:
            parser.error(f"unknown system {s!r}: use one of {', '.join(SYSTEM_LABELS)}")

    report: dict = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "matching": "same type; overlap = Jaccard of character ranges >= 0.5, one-to-one; "
        "exact = same start and end",
        "presidio_mapping": PRESIDIO_MAP,
        "systems": {},
        "datasets": {},
    }
    lines: list[str] = [
        f"Run {report['generated_at']}, {report['machine']['cpus']} CPUs, Python "
        f"{report['machine']['python']}, load average at start "
        f"{report['machine']['load_average_at_start'][0]:.1f} (the machine is shared: timings vary)"
    ]

    def emit(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="safehaven-bench-") as tmp:
        work = Path(tmp)
        active = []
        for s in systems:
            why = probe(s, work)
            if why:
                print(
                    f"{SYSTEM_LABELS[s]} is not available ({why}); left out of this run.",
                    file=sys.stderr,
                )
                report["systems"][s] = {"available": False, "reason": why}
            else:
                active.append(s)
                report["systems"][s] = {"available": True, **startup(s, work)}
        if not active:
            print("No system could be run: nothing to compare.", file=sys.stderr)
            return 1

        for name in names:
            if name == "synth":
                if not SYNTH.exists():
                    print(
                        f"{SYNTH} not found: skipping the presidio-research set.", file=sys.stderr
                    )
                    continue
                docs, types = read_jsonl(SYNTH), SYNTH_TYPES
            elif name == "dev":
                docs, types = read_jsonl(DEV), UK_TYPES
            elif name in GENERATED_DEV:
                # Development families: generated in memory, open to engine developers.
                docs, types = generate(name, args.dev_n, None), UK_TYPES
            else:
                # Generated here, in memory and a temporary folder: never written to the repo.
                docs = generate("holdout", args.holdout_n, args.holdout_seed)
                types = UK_TYPES
                report["holdout_seed"] = args.holdout_seed
            if args.limit:
                docs = docs[: args.limit]
            res = {}
            for s in active:
                print(
                    f"running {SYSTEM_LABELS[s]} on {name} ({len(docs)} docs)...", file=sys.stderr
                )
                run = run_child(command(s), docs, work)
                if "error" in run:
                    print(f"  {SYSTEM_LABELS[s]} failed on {name}: {run['error']}", file=sys.stderr)
                    continue
                if args.repeats > 1:
                    walls, cpus = [run["wall_s"]], [run["cpu_s"]]
                    for _ in range(args.repeats - 1):
                        again = run_child(command(s), docs, work)
                        if "error" not in again:
                            walls.append(again["wall_s"])
                            cpus.append(again["cpu_s"])
                    run["wall_s"], run["cpu_s"] = min(walls), min(cpus)
                    run["wall_runs"], run["cpu_runs"] = walls, cpus
                # Examples of misses are kept for the public sets only, never for the holdout.
                res[s] = evaluate(name, docs, s, run, types, examples=name != "holdout")
            report["datasets"][name] = {"types": types, "n": len(docs), "results": res}
            emit(f"\n### {name} ({len(docs)} documents)\n")
            emit(markdown(name, types, active, res))
            if "presidio" in res:
                conf = res["presidio"]["confusions"]
                top = ", ".join(f"{k} {v}" for k, v in list(conf.items())[:4])
                emit(f"\nPresidio type confusions (raw type -> labelled type): {top or 'none'}")
                strict = res["presidio"].get("dob_if_every_date_counts")
                if strict:
                    emit(
                        "Presidio DATE_OF_BIRTH if every DATE_TIME counted as one: "
                        f"F1 {fmt(strict['f1'], 2)} (P {fmt(strict['precision'], 2)}, "
                        f"R {fmt(strict['recall'], 2)})"
                    )
    parts = []
    for s in active:
        st = report["systems"][s]
        if st["startup_s"] is None:
            parts.append(f"{SYSTEM_LABELS[s]} failed")
        else:
            parts.append(
                f"{SYSTEM_LABELS[s]} {st['startup_s']:.2f} s (best {st['startup_best_s']:.2f} s, "
                f"CPU {st['startup_cpu_s']:.2f} s, {st['startup_rss_mb']:.0f} MB)"
            )
    emit("\nStart-up, one short document, process start to exit, median of 3: " + "; ".join(parts))
    emit(
        "\nSpeed ratios: wall clock divides two rates measured at different moments on a shared "
        "machine; CPU time divides documents per CPU-second used by each child process (user + "
        "system, process start included in both), which the load on the machine moves much less."
        f" Load average at end {os.getloadavg()[0]:.1f}."
    )
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    args.json.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nJSON and Markdown written to {args.json} and .md", file=sys.stderr)
    if args.doc:
        embed(args.doc, "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
