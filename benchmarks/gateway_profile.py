"""Where a message's CPU goes in the gateway, part by part, apart from the sensitivity engine.

    .venv/bin/python -m benchmarks.gateway_profile [--kind text|pdf] [--messages 60]
                                                  [--records django|files] [--cprofile]

One process, no SMTP clients competing for the CPU: the same steps `safehaven gateway` takes for
each message, in order, each timed with time.process_time (CPU of this process):

- `pickle`: the hand-off to a check worker and back (arguments and the result dict);
- `check`: `check_raw` in the worker, split into the engine (`core.email.engine.analyse`), the
  records (time inside database queries, and their number) and the rest (MIME, trails, checks);
- `relay`: the verdict header and the SMTP conversation with the relay (a sink in another
  process, so only our side is counted), over the gateway's connection pool;
- `after`: the send history and the register entry for a disclosure (relayed mail), or the
  quarantine write and the near-miss entries (held mail).

The records are those of `gateway_throughput` (a fresh SQLite database with the demo county).
`--cprofile` prints the functions with the most own time outside the engine.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pickle
import pstats
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.gateway_throughput import (
    POLICY,
    django_env,
    free_port,
    make_messages,
    wait_for_port,
)


class Clock:
    """CPU seconds by part (time.process_time)."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)

    def add(self, part: str, seconds: float) -> None:
        self.parts[part] += seconds


def main() -> None:  # noqa: PLR0915 - a benchmark script, step by step
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["text", "pdf"], default="text")
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--records", choices=["django", "files"], default="django")
    parser.add_argument(
        "--html",
        choices=["none", "same", "extra", "outlook", "table", "quote", "accents", "broken"],
        default="none",
        help="text messages with an HTML alternative: 'same' words, or 'extra' (a sentence only "
        "the HTML has), or a real-world shape (Outlook, table, quote, accents, broken markup) "
        "from benchmarks.gateway_verdicts",
    )
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--pstats", help="with --cprofile: also save the raw profile here")
    args = parser.parse_args()

    messages = make_messages(args.kind, args.messages)
    if args.html != "none":
        from benchmarks import gateway_verdicts as gv

        if args.html in {"same", "extra"}:
            extra = "<p>PS: Jane Doe (DOB 01/02/2015) was seen by CAMHS.</p>"
            messages = [gv._with_html(m, extra if args.html == "extra" else "") for m in messages]  # noqa: SLF001
        else:
            messages = [
                gv._html_message(m, args.html, i, with_plain=True)  # noqa: SLF001
                for i, m in enumerate(messages)
            ]
    tmp = tempfile.TemporaryDirectory()
    root = Path(tmp.name)
    sink_port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.gateway_throughput", "--serve-sink", str(sink_port)]
    )
    try:
        wait_for_port(sink_port)
        if args.records == "django":
            os.environ.update(django_env(str(root / "data")))
            import logging

            from safehaven.email.gateway import DjangoBackend

            backend = DjangoBackend()
            logging.getLogger("safehaven").setLevel(logging.WARNING)
        else:
            from safehaven.gateway.backends import files_backend

            policy = root / "policy.json"
            policy.write_text(json.dumps(POLICY))
            backend = files_backend(
                policy_path=str(policy), directory_path=None, spool=root / "spool"
            )
        result = run(backend, messages, root / "spool", sink_port, args)
    finally:
        sink.terminate()
        sink.wait(timeout=30)
        tmp.cleanup()
    print(json.dumps(result, indent=1))


def run(backend, messages, spool: Path, sink_port: int, args) -> dict:  # noqa: ANN001
    from safehaven.core.email import engine
    from safehaven.gateway import server
    from safehaven.gateway.server import Gateway, GatewayConfig, GatewayHandler

    clock = Clock()
    queries = [0]
    real_analyse = engine.analyse

    def timed_analyse(text):  # noqa: ANN001, ANN202
        t0 = time.process_time()
        try:
            return real_analyse(text)
        finally:
            clock.add("engine", time.process_time() - t0)

    engine.analyse = timed_analyse
    detail: dict[str, float] = defaultdict(float)
    if backend.kind == "django":
        from safehaven.email import directory as dmod

        cls = dmod.DjangoDirectory
        for name in ("contact", "known_domains", "has_written_to", "has_written_to_domain",
                     "service_users_in", "linked_service_users", "restrictions",
                     "generic_consent"):  # fmt: skip
            setattr(cls, name, _timed(getattr(cls, name), f"directory.{name}", detail))
        backend.policy = _timed(backend.policy, "backend.policy", detail)
        backend.directory = _timed(backend.directory, "backend.directory", detail)
        from safehaven.email import gateway as gmod
        from safehaven.email import sinks as smod

        smod._oversight_capture = _timed(
            smod._oversight_capture, "after.oversight_near_miss", detail
        )
        smod.insert_row = _timed(smod.insert_row, "after.email_near_miss", detail)
        gmod.DjangoHistory.record_sent = _timed(
            gmod.DjangoHistory.record_sent, "after.history", detail
        )
        smod.DjangoRegisterSink.disclosure_record = _timed(
            smod.DjangoRegisterSink.disclosure_record, "after.register", detail
        )
    from safehaven.core.email import checks, mime
    from safehaven.gateway import spool as spool_module

    spool_module.Quarantine.store = _timed(
        spool_module.Quarantine.store, "after.quarantine_store", detail
    )

    checks.mime.parse = _timed(mime.parse, "mime.parse", detail)
    checks.mime.extract = _timed(mime.extract, "mime.extract", detail)
    checks.html_to_text = _timed(checks.html_to_text, "checks.html_to_text", detail)
    if hasattr(checks, "html_says_more"):  # absent from trees before session 5b
        checks.html_says_more = _timed(checks.html_says_more, "checks.html_says_more", detail)
    in_query = [0.0]
    if backend.kind == "django":
        from django.db import connection

        def wrapper(execute, sql, params, many, context):  # noqa: ANN001, ANN202
            t0 = time.process_time()
            try:
                return execute(sql, params, many, context)
            finally:
                in_query[0] += time.process_time() - t0
                queries[0] += 1

        connection.execute_wrappers.append(wrapper)

    config = GatewayConfig(
        listen=("127.0.0.1", free_port()),
        relay=("127.0.0.1", sink_port),
        spool=spool,
        records=backend.kind,
        executor="thread",
        workers=1,
    )
    gateway = Gateway(config, backend=backend)
    handler = GatewayHandler(
        config=config,
        backend=backend,
        quarantine=gateway.quarantine,
        sinks=gateway.sinks,
        outbox=gateway.outbox,
    )
    # Everything below runs in this thread so that the database wrapper sees every query.
    handler.io.shutdown()

    sender, rcpts = "officer@ashby.sch.uk", ["sarah.jones@leics.gov.uk"]
    verdicts: dict[str, int] = defaultdict(int)
    check_queries = [0]

    def one(raw: bytes) -> None:
        t0 = time.process_time()
        blob = pickle.dumps((server.check_raw, raw, sender, rcpts))
        pickle.loads(blob)
        clock.add("pickle", time.process_time() - t0)
        e0, q0, n0 = clock.parts["engine"], in_query[0], queries[0]
        t0 = time.process_time()
        res = server.check_raw(raw, sender, rcpts)
        spent = time.process_time() - t0
        clock.add("check_records", in_query[0] - q0)
        clock.add("check_other", spent - (clock.parts["engine"] - e0) - (in_query[0] - q0))
        check_queries[0] += queries[0] - n0
        t0 = time.process_time()
        pickle.loads(pickle.dumps(res))
        clock.add("pickle", time.process_time() - t0)
        verdicts[res["verdict"]] += 1
        rules = tuple(dict.fromkeys(f["rule"] for f in res["findings"]))
        cid = os.urandom(16).hex()
        if res["verdict"] == "hold":
            t0 = time.process_time()
            meta = {
                "correlation_id": cid,
                "sender": sender,
                "recipients": rcpts,
                "findings": res["findings"],
                "policy_version": res["policy_version"],
            }
            qid = handler.quarantine.store(raw, meta)
            entry = handler._near_miss_entry(cid, "held", res, sender, rcpts, rules, qid)  # noqa: SLF001
            handler._record(entry)  # noqa: SLF001
            clock.add("after_hold", time.process_time() - t0)
        elif res["verdict"] != "block":
            t0 = time.process_time()
            header = f"{res['verdict']}; policy={res['policy_version']}; id={cid}"
            out = handler.relay_pool.send(
                server.with_verdict_header(raw, header), sender=sender, recipients=rcpts
            )
            assert out.ok, out
            clock.add("relay", time.process_time() - t0)
            t0 = time.process_time()
            handler._after_relay(cid, res, sender, rcpts, server.message_id(raw))  # noqa: SLF001
            clock.add("after_relay", time.process_time() - t0)

    server._init_worker(backend)  # noqa: SLF001
    for raw in messages[:4]:  # warm: the engine's tables, the connections, the caches
        one(raw)
    clock.parts.clear()
    detail.clear()
    verdicts.clear()
    queries[0] = check_queries[0] = 0
    profile = cProfile.Profile() if args.cprofile else None
    t0 = time.process_time()
    if profile:
        profile.enable()
    for raw in messages:
        one(raw)
    if profile:
        profile.disable()
    total = time.process_time() - t0
    handler.relay_pool.close()
    n = len(messages)
    per = {k: round(v * 1000 / n, 2) for k, v in sorted(clock.parts.items())}
    out = {
        "kind": args.kind,
        "html": args.html,
        "records": backend.kind,
        "messages": n,
        "verdicts": dict(verdicts),
        "load_average": os.getloadavg(),
        "cpu_ms_per_msg": per,
        "total_ms_per_msg": round(total * 1000 / n, 2),
        "non_engine_ms_per_msg": round((total - clock.parts["engine"]) * 1000 / n, 2),
        "detail_ms_per_msg": {k: round(v * 1000 / n, 2) for k, v in sorted(detail.items())},
        "queries_per_check": round(check_queries[0] / n, 2),
        "queries_per_msg": round(queries[0] / n, 2),
        "note": "receiving over SMTP is not included (see gateway_throughput's receiver CPU)",
    }
    if backend.kind == "django":
        from django.db.models import Count

        from safehaven.email.models import EmailNearMiss
        from safehaven.register.models import Disclosure

        out["written"] = {
            "register_entries": Disclosure.objects.filter(channel="email").count(),
            **dict(EmailNearMiss.objects.values_list("event").annotate(n=Count("id"))),
        }
    if profile:
        if args.pstats:
            profile.dump_stats(args.pstats)
        print_outside_engine(pstats.Stats(profile), n)
    return out


def _timed(fn, label: str, detail: dict[str, float]):  # noqa: ANN001, ANN202
    def wrapper(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        t0 = time.process_time()
        try:
            return fn(*a, **kw)
        finally:
            detail[label] += time.process_time() - t0

    return wrapper


def print_outside_engine(stats: pstats.Stats, n: int) -> None:
    """Own and cumulative CPU per message of the functions outside core/detect."""
    rows = []
    for (path, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "/core/detect/" in path:
            continue
        short = path.split("/src/")[-1].split("/lib/python3.11/")[-1]
        rows.append((tt, ct, f"{short}:{line}({name})"))
    print("own ms/msg  cum ms/msg  function (outside the engine)")
    for tt, ct, where in sorted(rows, reverse=True)[:45]:
        print(f"{tt * 1000 / n:9.2f}  {ct * 1000 / n:9.2f}  {where}")
    print("by cumulative:")
    for tt, ct, where in sorted(rows, key=lambda r: -r[1])[:60]:
        print(f"{tt * 1000 / n:9.2f}  {ct * 1000 / n:9.2f}  {where}")


if __name__ == "__main__":
    main()
