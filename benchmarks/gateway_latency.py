"""Where a lone message's added latency goes, stage by stage (wall clock), in one gateway.

    .venv/bin/python -m benchmarks.gateway_latency [--messages 100]

One SMTP client sends 20 KB text messages one after another (as `gateway_throughput --clients
1`) to a gateway run in this process on the web app's database (the benchmark's SQLite records,
`--records django`) with its usual forkserver check workers, relaying to a sink in another
process. Each message's time is split into:

- `to_data`: client to the gateway's DATA handler (SMTP MAIL/RCPT/DATA and the bytes);
- `to_worker`: the hand-off to a check worker (process pool: loop -> manager thread -> pipe);
- `worker` (and `worker_cpu`, its CPU): the check in the worker;
- `back`: the verdict back to the event loop;
- `after`: the I/O thread's work before the answer: relay and register/history writes
  (allow/warn), or quarantine store and near-miss entry (hold); `store` (the message file;
  its metadata is written meanwhile) and `record` (the near-miss entry) time
  those two for held mail (wall and CPU of the I/O thread);
- `reply`: the answer back to the client.

Medians by verdict, the total's p50/p90/p99 and the five slowest messages are printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_check_raw(raw, sender, rcpts):  # noqa: ANN001, ANN201 - runs in the check worker
    from safehaven.gateway import server

    t0, c0 = time.time(), time.process_time()
    out = getattr(server, "_untimed_check_raw", server.check_raw)(raw, sender, rcpts)
    out["_t"] = (t0, time.time(), time.process_time() - c0)
    return out


def main() -> None:  # noqa: PLR0915 - a benchmark script, step by step
    from benchmarks.gateway_throughput import django_env, free_port, wait_for_port

    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.update(django_env(str(Path(tmp) / "data")))
    sink_port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.gateway_throughput", "--serve-sink", str(sink_port)]
    )
    try:
        wait_for_port(sink_port)
        result = run(sink_port, Path(tmp) / "spool", args.messages)
    finally:
        sink.terminate()
        sink.wait(timeout=30)
    print(json.dumps(result, indent=1))


def run(sink_port: int, spool: Path, n: int) -> dict:  # noqa: PLR0915
    from benchmarks.gateway_throughput import free_port, make_messages
    from safehaven.gateway import server
    from safehaven.gateway import spool as spool_module
    from safehaven.gateway.server import Gateway, GatewayConfig

    server._untimed_check_raw = server.check_raw  # noqa: SLF001
    server.check_raw = timed_check_raw
    marks: dict[str, list] = {"data": [], "worker": [], "store": [], "record": []}
    handler_cls = server.GatewayHandler
    original = {
        "handle_DATA": handler_cls.handle_DATA,
        "_hold": handler_cls._hold,  # noqa: SLF001
        "_relay": handler_cls._relay,  # noqa: SLF001
        "_record": handler_cls._record,  # noqa: SLF001
    }

    async def handle_data(self, srv, session, envelope):  # noqa: ANN001, ANN202
        t0 = time.time()
        reply = await original["handle_DATA"](self, srv, session, envelope)
        marks["data"].append((t0, time.time()))
        return reply

    def verdict_hook(kind: str):  # noqa: ANN202
        async def hook(self, cid, raw, res, *rest, **options):  # noqa: ANN001, ANN002, ANN003, ANN202
            # (options: the relay's `no_dot_lines`, passed on as given)
            marks["worker"].append((kind, res.pop("_t"), time.time()))
            return await original[f"_{kind}"](self, cid, raw, res, *rest, **options)

        return hook

    def timed(fn, label: str):  # noqa: ANN001, ANN202
        def wrapper(*a, **kw):  # noqa: ANN002, ANN003, ANN202
            t0, c0 = time.time(), time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                marks[label].append((time.time() - t0, time.thread_time() - c0))

        return wrapper

    handler_cls.handle_DATA = handle_data
    handler_cls._hold = verdict_hook("hold")  # noqa: SLF001
    handler_cls._relay = verdict_hook("relay")  # noqa: SLF001
    handler_cls._record = timed(original["_record"], "record")  # noqa: SLF001
    spool_module.Quarantine.store_message = timed(spool_module.Quarantine.store_message, "store")
    gw = Gateway(
        GatewayConfig(
            listen=("127.0.0.1", free_port()),
            relay=("127.0.0.1", sink_port),
            spool=spool,
            records="django",
            executor="process",
            workers=2,
        )
    )
    gw.start()
    logging.getLogger("safehaven").setLevel(logging.WARNING)
    messages = make_messages("text", n + 4)
    sent = []
    try:
        with smtplib.SMTP(*gw.config.listen) as client:
            for i, raw in enumerate(messages):
                t0 = time.time()
                client.sendmail("officer@ashby.sch.uk", ["sarah.jones@leics.gov.uk"], raw)
                if i >= 4:  # the first four warm the workers' copies
                    sent.append((t0, time.time()))
    finally:
        gw.stop()
    rows = []
    for (t0, t1), (d0, d1), (kind, (w0, w1, wcpu), back) in zip(
        sent, marks["data"][4:], marks["worker"][4:], strict=True
    ):
        rows.append(
            {
                "kind": kind,
                "total": t1 - t0,
                "to_data": d0 - t0,
                "to_worker": w0 - d0,
                "worker": w1 - w0,
                "worker_cpu": wcpu,
                "back": back - w1,
                "after": d1 - back,
                "reply": t1 - d1,
            }
        )
    ms = lambda v: round(v * 1000, 2)  # noqa: E731
    out: dict = {"messages": len(rows), "load_average": os.getloadavg(), "median_ms": {}}
    for kind in ("hold", "relay", "all"):
        sel = [r for r in rows if kind in ("all", r["kind"])]
        if sel:
            out["median_ms"][kind] = {
                "n": len(sel),
                **{k: ms(statistics.median(r[k] for r in sel)) for k in sel[0] if k != "kind"},
            }
    for label in ("store", "record"):
        values = marks[label][4:] or marks[label]
        if values:
            out[f"{label}_median_ms"] = {
                "wall": ms(statistics.median(w for w, _ in values)),
                "cpu": ms(statistics.median(c for _, c in values)),
            }
    totals = sorted(r["total"] for r in rows)

    def pct(p: float) -> float:
        return ms(totals[min(len(totals) - 1, int(round(p / 100 * (len(totals) - 1))))])

    out["total_ms"] = {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": ms(totals[-1])}
    out["slowest"] = [
        {k: (ms(v) if isinstance(v, float) else v) for k, v in r.items()}
        for r in sorted(rows, key=lambda r: -r["total"])[:5]
    ]
    return out


if __name__ == "__main__":
    main()
