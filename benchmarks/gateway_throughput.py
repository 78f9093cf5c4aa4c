"""Gateway throughput and added latency over real SMTP on loopback.

    .venv/bin/python -m benchmarks.gateway_throughput --kind text --messages 400
    .venv/bin/python -m benchmarks.gateway_throughput --kind pdf --messages 120
    .venv/bin/python -m benchmarks.gateway_throughput --records files ...   # standalone mode
    SAFEHAVEN_EMAIL_ENGINE=fallback .venv/bin/python -m benchmarks.gateway_throughput ...

`--records django` (the default, as `safehaven gateway`): a fresh SQLite database in a temporary
SAFEHAVEN_DATA_DIR, migrated, with the demo county (300 service users, their contacts and
register), the partner domain marked secure and the school's domain internal; the gateway's
check workers read the records and the DPO policy from it and it writes its send history there.
`--records files`: the standalone mode (policy JSON, SQLite directory, JSONL logs).

8 client threads (--clients) each keep one SMTP connection and send messages back to back. Every
message goes client -> gateway -> an aiosmtpd sink (the relay). The same clients are first run
straight at the sink, so the gateway's added latency is the difference. "text" messages are 20 KB
of the UK children's-services dev corpus (names, DOBs, addresses, special categories) sent to a
secure partner, so they are relayed (allow/warn), not held; "pdf" adds a 1 MB PDF: two pages of
corpus text plus an incompressible image (a scanned-document shape).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import smtplib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

CORPUS = Path(__file__).resolve().parent / "data" / "uk-cs-dev.jsonl"
POLICY = {
    "version": "bench-1",
    "internal_domains": ["ashby.sch.uk"],
    "partner_domains": ["leics.gov.uk"],
    "secure_domains": [{"domain": "leics.gov.uk", "source": "local"}],
}


class Sink:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus_text(size: int, rng: random.Random) -> str:
    docs = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()]
    out = ""
    while len(out) < size:
        out += rng.choice(docs) + "\n\n"
    return out[:size]


def make_pdf(rng: random.Random, size: int = 1024 * 1024) -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _page in range(2):
        text = corpus_text(2500, rng)
        y = 800
        for line in text.splitlines()[:45]:
            c.drawString(40, y, line[:95])
            y -= 16
        c.showPage()
    # An incompressible image (noise) standing in for a scanned page.
    side = int((size * 0.95 / 3) ** 0.5)
    noise = os.urandom(side * side * 3)
    from PIL import Image

    img = Image.frombytes("RGB", (side, side), noise)
    c.drawImage(ImageReader(img), 40, 100, width=500, height=500)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_messages(kind: str, n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    pdf = make_pdf(rng) if kind == "pdf" else None
    out = []
    for i in range(n):
        m = EmailMessage()
        m["From"] = "officer@ashby.sch.uk"
        m["To"] = "sarah.jones@leics.gov.uk"
        m["Subject"] = f"Case update {i}"
        m.set_content(corpus_text(20 * 1024 if kind == "text" else 2 * 1024, rng))
        if pdf is not None:
            m.add_attachment(pdf, maintype="application", subtype="pdf", filename="report.pdf")
        out.append(m.as_bytes(policy=m.policy.clone(linesep="\r\n")))
    return out


def run_clients(
    port: int, messages: list[bytes], clients: int, *, fast: bool = False
) -> tuple[float, list[float], int]:
    """`fast`: the clients dot-stuff with bytes.replace (the gateway's own relay client, same
    bytes on the wire for these CRLF messages) instead of smtplib's regular expression, ~15 ms
    of this process's CPU for each 1.7 MB PDF message, taken from the cores the gateway runs on
    (a real sending MTA does this in C)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    chunks = [messages[i::clients] for i in range(clients)]
    if fast:
        from safehaven.gateway.relay import _SMTP as smtp_class
    else:
        smtp_class = smtplib.SMTP

    def client(chunk: list[bytes]) -> None:
        mine = []
        with smtp_class("127.0.0.1", port, timeout=300) as s:
            for raw in chunk:
                t0 = time.perf_counter()
                try:
                    s.sendmail("officer@ashby.sch.uk", ["sarah.jones@leics.gov.uk"], raw)
                except smtplib.SMTPException:
                    with lock:
                        errors[0] += 1
                mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies, errors[0]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(label: str, elapsed: float, lat: list[float], errors: int) -> dict:
    return {
        "run": label,
        "messages": len(lat),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "msg_per_s": round(len(lat) / elapsed, 1),
        "p50_ms": round(pct(lat, 50) * 1000, 1),
        "p95_ms": round(pct(lat, 95) * 1000, 1),
        "p99_ms": round(pct(lat, 99) * 1000, 1),
        "mean_ms": round(statistics.mean(lat) * 1000, 1),
    }


def prepare_django(data_dir: str) -> None:
    """Runs in a subprocess: migrate, demo county, the benchmark's partner and school domains."""
    os.environ["SAFEHAVEN_DATA_DIR"] = data_dir
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import logging

    import django

    django.setup()
    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.core.management import call_command

    from safehaven.accounts.models import Unit, User
    from safehaven.records.demo import demo_load
    from safehaven.records.models import EmailDomain, Organisation

    call_command("migrate", verbosity=0)
    demo_load()
    org = Organisation.objects.create(name="Leicestershire County Council", kind="la_team")
    EmailDomain.objects.create(organisation=org, domain="leics.gov.uk", security="secure")
    unit = Unit.objects.order_by("pk").first()
    Unit.objects.filter(pk=unit.pk).update(email="office@ashby.sch.uk")
    officer = User.objects.filter(username="demo.officer1").get()
    User.objects.filter(pk=officer.pk).update(email="officer@ashby.sch.uk")


def django_env(data_dir: str) -> dict[str, str]:
    """The environment of a gateway on a fresh web-app database in `data_dir` (migrated and
    filled by `--prepare-django` in a child process, so this process loads no Django)."""
    env = dict(
        os.environ,
        SAFEHAVEN_DATA_DIR=data_dir,
        SAFEHAVEN_REGISTER_KEY="benchmark-key",
        DJANGO_SETTINGS_MODULE="safehaven.settings.local",
    )
    subprocess.run(
        [sys.executable, "-m", "benchmarks.gateway_throughput", "--prepare-django", data_dir],
        check=True, env=env,
    )  # fmt: skip
    return env


def serve_sink(port: int, kind: str) -> None:
    from safehaven.gateway.smtpd import BulkDataController

    sink = Sink()
    cls = BulkDataController if kind == "bulk" else Controller
    ctl = cls(sink, hostname="127.0.0.1", port=port, data_size_limit=64 << 20)
    ctl.start()
    threading.Event().wait()


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its living descendants."""
    split = tree_cpu_split(root)
    return split["receiver"] + split["workers"]


def tree_cpu_split(root: int) -> dict[str, float]:
    """CPU seconds so far of the gateway process itself ("receiver": SMTP in, relay, writes;
    "receiver_system" is the kernel's part of it) and of its descendants ("workers": the
    forkserver and the check workers)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    system: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
        system[int(entry)] = int(fields[12]) / tick
    family = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                changed = True
    return {
        "receiver": times.get(root, 0.0),
        "receiver_system": system.get(root, 0.0),
        "workers": sum(times.get(pid, 0.0) for pid in family if pid != root),
    }


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine so far, all cores (/proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(v) for v in fh.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / tick, idle / tick


def wait_for_port(port: int, timeout: float = 120.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on {port}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["text", "pdf"], default="text")
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--executor", choices=["process", "thread"], default="process")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", help="append the JSON result to this file")
    parser.add_argument("--label", default="", help="recorded with the result (e.g. before/after)")
    parser.add_argument(
        "--sink",
        choices=["bulk", "aiosmtpd"],
        default="bulk",
        help="the relay stand-in: aiosmtpd with the gateway's bulk DATA reader, or stock",
    )
    parser.add_argument("--records", choices=["django", "files"], default="django")
    parser.add_argument(
        "--fast-clients",
        action="store_true",
        help="clients that dot-stuff with bytes.replace, not smtplib's regex (see run_clients)",
    )
    parser.add_argument("--serve-sink", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--prepare-django", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_sink:
        serve_sink(args.serve_sink, args.sink)
        return
    if args.prepare_django:
        prepare_django(args.prepare_django)
        return

    messages = make_messages(args.kind, args.messages)
    size = sum(map(len, messages)) / len(messages)
    sink_port = free_port()
    procs = []
    # The sink and the gateway are separate processes, as in production; only the SMTP clients
    # run in this one.
    procs.append(
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.gateway_throughput",
                "--serve-sink",
                str(sink_port),
                "--sink",
                args.sink,
            ]
        )
    )
    results = {
        "kind": args.kind,
        "avg_message_bytes": int(size),
        "clients": args.clients,
        "executor": args.executor,
        "workers": args.workers,
        "engine": os.environ.get("SAFEHAVEN_EMAIL_ENGINE", "safehaven.core.detect"),
        "sink": args.sink,
        "records": args.records,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "label": args.label,
        "fast_clients": args.fast_clients,
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    try:
        wait_for_port(sink_port)
        fast = args.fast_clients
        direct = run_clients(
            sink_port, messages[: min(200, len(messages))], args.clients, fast=fast
        )
        results["direct_to_sink"] = summary("direct", *direct)
        with tempfile.TemporaryDirectory() as tmp:
            gw_port = free_port()
            log = open(Path(tmp) / "gateway.log", "w+")  # noqa: SIM115
            command = [
                str(Path(sys.executable).with_name("safehaven")),
                "gateway",
                "--listen",
                f"127.0.0.1:{gw_port}",
                "--relay",
                f"127.0.0.1:{sink_port}",
                "--spool",
                str(Path(tmp) / "spool"),
                "--records",
                args.records,
                "--executor",
                args.executor,
                "--workers",
                str(args.workers),
            ]
            env = dict(os.environ)
            if args.records == "django":
                env = django_env(str(Path(tmp) / "data"))
            else:
                policy = Path(tmp) / "policy.json"
                policy.write_text(json.dumps(POLICY))
                command += ["--policy", str(policy)]
            procs.append(subprocess.Popen(command, stdout=log, stderr=log, env=env))
            wait_for_port(gw_port)
            run_clients(gw_port, messages[: args.clients * 2], args.clients, fast=fast)  # warm-up
            log.seek(0, 2)
            mark = log.tell()
            split0 = tree_cpu_split(procs[-1].pid)
            machine0, clients0 = machine_cpu_seconds(), time.process_time()
            via = run_clients(gw_port, messages, args.clients, fast=fast)
            machine1, clients1 = machine_cpu_seconds(), time.process_time()
            split1 = tree_cpu_split(procs[-1].pid)
            cpu = (split1["receiver"] + split1["workers"]) - (
                split0["receiver"] + split0["workers"]
            )
            results["gateway_cpu_ms_per_msg_by_process"] = {
                k: round((split1[k] - split0[k]) * 1000 / len(messages), 1) for k in split1
            }
            results["via_gateway"] = summary("gateway", *via)
            # How busy the machine's cores were during the run, and the gateway's share: cores
            # busy with other work (other sessions, the benchmark's clients) slow the wall clock.
            elapsed = via[0]
            results["machine_cores_busy"] = round((machine1[0] - machine0[0]) / elapsed, 2)
            results["machine_cores_idle"] = round((machine1[1] - machine0[1]) / elapsed, 2)
            results["gateway_cores"] = round(cpu / elapsed, 2)
            results["clients_cores"] = round((clients1 - clients0) / elapsed, 2)
            # Load-independent: CPU the gateway (receive, check workers, relay) spent per message,
            # and the rate that would give if it had the machine's cores to itself.
            results["gateway_cpu_ms_per_msg"] = round(cpu * 1000 / len(messages), 1)
            results["capacity_msg_per_s_if_cores_free"] = round(
                (os.cpu_count() or 1) * len(messages) / cpu, 1
            )
            log.seek(mark)
            verdicts: dict[str, int] = {}
            for line in log.read().splitlines():
                if " verdict=" in line:
                    v = line.split(" verdict=", 1)[1].split()[0]
                    verdicts[v] = verdicts.get(v, 0) + 1
            results["verdicts"] = verdicts
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=30)
    results["load_average_at_end"] = os.getloadavg()[0]
    d, g = results["direct_to_sink"], results["via_gateway"]
    results["added_latency_p50_ms"] = round(g["p50_ms"] - d["p50_ms"], 1)
    results["added_latency_p99_ms"] = round(g["p99_ms"] - d["p99_ms"], 1)
    print(json.dumps(results, indent=1))
    if args.out:
        with open(args.out, "a") as fh:
            fh.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
