"""The gateway process's own per-message costs that `gateway_profile` does not see: receiving
over SMTP, and handing a message to a check worker and its verdict back.

    .venv/bin/python -m benchmarks.gateway_receive [--messages 400] [--clients 8] [--tasks 2000]

- `receive`: the gateway's SMTP server (`BulkDataController`) with a handler that answers 250 at
  once, in a process of its own; `--clients` smtplib clients send `--messages` 20 KB benchmark
  messages (as `gateway_throughput`). The server process's CPU (user + system, from /proc) a
  message: aiosmtpd's command loop, the DATA reader, MAIL FROM / RCPT TO parsing, the sockets.
- `hand_off`: the gateway's process pool as the gateway uses it (forkserver, 2 workers,
  `loop.run_in_executor` from an event loop, 8 in flight): a 20 KB message in, a 2 KB result
  dict out, no work in the worker. This process's CPU a task.

Run it from a tree with `PYTHONPATH=<tree>/src` to compare code versions.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import subprocess
import sys
import time

from benchmarks.gateway_throughput import (
    free_port,
    make_messages,
    run_clients,
    tree_cpu_split,
    wait_for_port,
)

_PAYLOAD = os.urandom(20_000)
_RESULT = {
    "verdict": "hold",
    "findings": [
        {"rule": f"EMAIL-{i}", "severity": "warn", "message": "x" * 150, "evidence": {"n": i}}
        for i in range(6)
    ],
    "summary": {"entities": {"PERSON": 200}},
}


def _no_work(raw: bytes, sender: str, recipients: list[str]) -> dict:
    return _RESULT


def receive(messages: int, clients: int) -> dict:
    raws = make_messages("text", messages)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.gateway_throughput", "--serve-sink", str(port)]
    )
    try:
        wait_for_port(port)
        run_clients(port, raws[: min(50, messages)], clients)  # warm
        before = tree_cpu_split(server.pid)
        elapsed, _lat, errors = run_clients(port, raws, clients)
        after = tree_cpu_split(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    def per_message(key: str) -> float:
        return round((after[key] - before[key]) * 1000 / messages, 3)

    return {
        "receive_cpu_ms_per_msg": per_message("receiver"),
        "receive_system_ms_per_msg": per_message("receiver_system"),
        "msg_per_s": round(messages / elapsed, 1),
        "errors": errors,
    }


def hand_off(tasks: int) -> dict:
    pool = concurrent.futures.ProcessPoolExecutor(
        2, mp_context=multiprocessing.get_context("forkserver")
    )
    try:
        list(pool.map(_no_work, [_PAYLOAD] * 10, ["a"] * 10, [["b"]] * 10))

        async def run() -> None:
            loop = asyncio.get_running_loop()
            in_flight = asyncio.Semaphore(8)

            async def one() -> None:
                async with in_flight:
                    await loop.run_in_executor(pool, _no_work, _PAYLOAD, "a", ["b"])

            await asyncio.gather(*[one() for _ in range(tasks)])

        t0 = time.process_time()
        asyncio.run(run())
        cpu = time.process_time() - t0
    finally:
        pool.shutdown()
    return {"hand_off_cpu_ms_per_task": round(cpu * 1000 / tasks, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--tasks", type=int, default=2000)
    args = parser.parse_args()
    out = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average": os.getloadavg()[0],
        **receive(args.messages, args.clients),
        **hand_off(args.tasks),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
