"""CPU time of one check, broken down, independent of SMTP and of other load on the machine.

    .venv/bin/python -m benchmarks.gateway_check_cost [--kind text|pdf] [--messages 30]

Uses time.process_time (CPU seconds of this process), so other processes on the machine affect
it far less than wall-clock figures. Parts: MIME parse + extraction (incl. PDF text), trail
detection, the sensitivity engine (analyse), and the whole check_message call.
"""

from __future__ import annotations

import argparse
import json
import time

from benchmarks.gateway_throughput import POLICY, make_messages
from safehaven.core.email import InMemoryDirectory, check_message, engine, mime, policy_from_dict
from safehaven.core.email.trails import find_trail_text


def cpu_ms(fn, items) -> float:
    t0 = time.process_time()
    for item in items:
        fn(item)
    return (time.process_time() - t0) * 1000 / len(items)


def check(raw: bytes, policy, directory):  # noqa: ANN001
    return check_message(raw, policy=policy, directory=directory, offer_rewrites=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["text", "pdf"], default="text")
    parser.add_argument("--messages", type=int, default=30)
    args = parser.parse_args()
    raws = make_messages(args.kind, args.messages)
    policy = policy_from_dict(POLICY)
    directory = InMemoryDirectory()
    check_message(raws[0], policy=policy, directory=directory, offer_rewrites=False)  # warm
    extracted = [mime.extract(mime.parse(r)) for r in raws]
    texts = [e.plain or "" for e in extracted]
    all_text = [
        t + "\n".join(a.text for a in e.attachments) for t, e in zip(texts, extracted, strict=True)
    ]
    result = {
        "kind": args.kind,
        "engine": engine.ENGINE,
        "messages": len(raws),
        "avg_message_bytes": int(sum(map(len, raws)) / len(raws)),
        "avg_text_chars": int(sum(map(len, all_text)) / len(all_text)),
        "parse_extract_ms": round(cpu_ms(lambda r: mime.extract(mime.parse(r)), raws), 1),
        "trails_ms": round(cpu_ms(find_trail_text, texts), 1),
        "analyse_ms": round(cpu_ms(engine.analyse, all_text), 1),
        "check_message_ms": round(
            cpu_ms(
                lambda r: check_message(
                    r, policy=policy, directory=directory, offer_rewrites=False
                ),
                raws,
            ),
            1,
        ),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
