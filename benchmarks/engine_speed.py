"""Speed of the sensitivity engine: in-process docs/s, CPU per 20 KB text, CLI start-up.

CPU time (time.process_time, resource.getrusage for child processes) is the figure to compare:
the development machine is shared and loaded, so wall-clock times are shown beside it only.

    .venv/bin/python benchmarks/engine_speed.py                 # all measurements
    .venv/bin/python benchmarks/engine_speed.py --json out.json # also write the figures

Start-up is measured as run (environment as is) and with a warm bytecode cache (`_pyc`).

The 20 KB text is the dev corpus's documents concatenated (blank line between them) up to
20,000 characters: one long mixed message, like a gateway email with a forwarded thread. The same
is built at 5 KB and 100 KB to show how the cost grows with length (`ms_cpu_per_kb_*`: flat means
linear), and the 20 KB text's CPU time is split by step (names, patterns, special categories,
the orchestration around them; patterns also on the text with typographic apostrophes and dashes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "benchmarks" / "data" / "uk-cs-dev.jsonl"
CLI = ROOT / ".venv" / "bin" / "safehaven"


def _texts() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def text_20k(texts: list[str], size: int = 20_000) -> str:
    out: list[str] = []
    n = 0
    for t in texts:
        out.append(t)
        n += len(t) + 2
        if n >= size:
            break
    return "\n\n".join(out)[:size]


def in_process(texts: list[str], rounds: int) -> dict:
    from safehaven.core.detect import analyse

    analyse(texts[0])  # lists loaded once, as in a long-running process
    cpu_rates, wall_rates = [], []
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        for t in texts:
            analyse(t)
        c1, w1 = time.process_time(), time.perf_counter()
        cpu_rates.append(len(texts) / (c1 - c0))
        wall_rates.append(len(texts) / (w1 - w0))
    big = text_20k(texts)
    big_cpu = []
    for _ in range(rounds * 5):
        c0 = time.process_time()
        analyse(big)
        big_cpu.append((time.process_time() - c0) * 1000)
    scaling = {}
    for size in (5_000, 20_000, 100_000):
        text = text_20k(texts, size)
        best = min(_cpu_ms(analyse, text) for _ in range(max(2, rounds if size < 100_000 else 2)))
        scaling[f"ms_cpu_{size // 1000}kb_min"] = round(best, 1)
        scaling[f"ms_cpu_per_kb_{size // 1000}kb"] = round(best / (len(text) / 1000), 2)
    return {
        **scaling,
        **_steps(big, rounds),
        "docs": len(texts),
        "docs_per_s_cpu": round(max(cpu_rates), 1),
        "docs_per_s_cpu_median": round(statistics.median(cpu_rates), 1),
        "docs_per_s_wall_median": round(statistics.median(wall_rates), 1),
        "ms_cpu_per_20kb_min": round(min(big_cpu), 1),
        "ms_cpu_per_20kb_median": round(statistics.median(big_cpu), 1),
        "20kb_chars": len(big),
    }


def _cpu_ms(func, *args) -> float:
    c0 = time.process_time()
    func(*args)
    return (time.process_time() - c0) * 1000


def _steps(text: str, rounds: int) -> dict:
    """CPU time of each step of `analyse` on `text` (best of `rounds`)."""
    from safehaven.core.detect import analyse
    from safehaven.core.detect.categories import find_categories
    from safehaven.core.detect.names import find_names
    from safehaven.core.detect.patterns import find_patterns

    persons = [s for s in analyse(text).spans if s.type == "PERSON"]
    # The same text as mail clients write it: typographic apostrophes and dashes (a text with
    # characters beyond Latin-1 is stored two bytes a character, which some scans feel).
    typographic = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    out = {}
    for name, func, args in (
        ("names", find_names, (text,)),
        ("patterns", find_patterns, (text,)),
        ("categories", find_categories, (text, persons)),
        ("patterns_typographic", find_patterns, (typographic,)),
        ("orchestration", _orchestration, (text,)),
    ):
        out[f"ms_cpu_20kb_{name}"] = round(min(_cpu_ms(func, *args) for _ in range(rounds * 2)), 1)
    return out


def _orchestration(text: str) -> None:
    """What `analyse` does besides the three steps: drop names inside identifiers, dates in
    brackets after names, overlap resolution, towns. The steps' output is computed at the first
    call for a text and kept, so the best of several calls times this part alone."""
    from safehaven.core.detect import engine
    from safehaven.core.detect.names import find_names
    from safehaven.core.detect.patterns import dates_after_names, find_patterns

    key = hash(text)
    if _ORCHESTRATION_INPUT.get("key") != key:
        _ORCHESTRATION_INPUT.update(key=key, patterns=find_patterns(text), names=find_names(text))
    pattern_spans = list(_ORCHESTRATION_INPUT["patterns"])
    names = engine._protect_structured(text, pattern_spans, _ORCHESTRATION_INPUT["names"])
    pattern_spans.extend(dates_after_names(text, names))
    engine._drop_towns(text, engine._resolve(pattern_spans + names))


_ORCHESTRATION_INPUT: dict = {}


def _child(cmd: list[str], stdin: bytes, env: dict | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def startup(texts: list[str], rounds: int) -> dict:
    one = (json.dumps({"id": "1", "text": texts[0]}) + "\n").encode()
    cmd = [str(CLI), "scan", "--jsonl", "-"]
    # As run here (this tree's venv may have PYTHONDONTWRITEBYTECODE=1, so the project's modules
    # are compiled at every start), and with a warm bytecode cache in a temporary folder (as an
    # installed package, whose .pyc files pip writes at install time).
    pyc_env = dict(os.environ, PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="engine-speed-pyc-"))
    pyc_env.pop("PYTHONDONTWRITEBYTECODE", None)
    _child(cmd, one, pyc_env)  # fills the bytecode cache (and the lexicon cache)
    out = {}
    for label, data, env in (
        ("idle", b"", None),
        ("one_doc", one, None),
        ("idle_pyc", b"", pyc_env),
        ("one_doc_pyc", one, pyc_env),
    ):
        walls, cpus = [], []
        for _ in range(rounds):
            w, c = _child(cmd, data, env)
            walls.append(w)
            cpus.append(c)
        out[f"startup_{label}_cpu_s_median"] = round(statistics.median(cpus), 3)
        out[f"startup_{label}_cpu_s_min"] = round(min(cpus), 3)
        out[f"startup_{label}_wall_s_median"] = round(statistics.median(walls), 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    texts = _texts()
    figures = {"load_average_1min": round(os.getloadavg()[0], 1)}
    if not args.skip_startup:
        figures.update(startup(texts, args.rounds))
    figures.update(in_process(texts, args.rounds))
    figures["load_average_1min_end"] = round(os.getloadavg()[0], 1)
    for key, value in figures.items():
        print(f"{key:32} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
