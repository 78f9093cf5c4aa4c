"""CPU of the held-email detail page's attachment list (the "outline") for a large message.

    .venv/bin/python -m benchmarks.held_outline             # 18 MB attachment, 5 rounds
    .venv/bin/python -m benchmarks.held_outline --mb 5 --rounds 9
    .venv/bin/python -m benchmarks.held_outline --lf         # the same message with LF endings

A message with one random attachment of the given size, stored in a temporary quarantine as the
gateway stores it (CRLF line endings). Each round, interleaved: the outline as it was read on
every view before 26 November 2026 (the standard library's parser, each attachment decoded), the
first view now (`held_mail_outline` with nothing stored: the core's parser, sizes counted, then
stored in the metadata) and a later view (read from the metadata). CPU time
(`time.process_time`), best and median of the rounds; the load average is printed because the
machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy


def _before(raw: bytes) -> list[tuple[str, int]]:
    """The outline as the page read it on every view before the change."""
    msg = message_from_bytes(raw, policy=default_policy)
    rows = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        if not name and part.get_content_disposition() != "attachment":
            continue
        rows.append((str(name), len(part.get_payload(decode=True) or b"")))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=18.0, help="attachment size in MiB")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--lf", action="store_true", help="store the message with LF line endings (an .eml file)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safehaven.settings.test")
    import django

    django.setup()
    from safehaven.email.selectors import held_mail_outline
    from safehaven.gateway.spool import Quarantine

    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = "mum@gmail.com"
    msg["Subject"] = "Report"
    msg.set_content("See attached.")
    msg.add_attachment(
        os.urandom(int(args.mb * 2**20)),
        maintype="application",
        subtype="pdf",
        filename="report.pdf",
    )
    raw = msg.as_bytes(policy=SMTP)
    if args.lf:
        raw = raw.replace(b"\r\n", b"\n")
    quarantine = Quarantine(tempfile.mkdtemp(prefix="held-outline-"))
    times: dict[str, list[float]] = {"before (every view)": [], "first view": [], "later": []}
    for _ in range(args.rounds):
        qid = quarantine.store(raw, {"sender": "officer@ashby.sch.uk"})
        t = time.process_time()
        old = _before(raw)
        times["before (every view)"].append(time.process_time() - t)
        t = time.process_time()
        new = held_mail_outline(quarantine=quarantine, held=quarantine.get(qid))
        times["first view"].append(time.process_time() - t)
        t = time.process_time()
        held_mail_outline(quarantine=quarantine, held=quarantine.get(qid))
        times["later"].append(time.process_time() - t)
        assert old == [(a.name, a.size) for a in new.attachments], (old, new)
    ends = "LF" if args.lf else "CRLF"
    print(f"message {len(raw) / 2**20:.1f} MiB, {ends}, load average {os.getloadavg()}")
    for name, values in times.items():
        print(
            f"{name:22s} best {min(values) * 1000:8.2f} ms  "
            f"median {statistics.median(values) * 1000:8.2f} ms CPU"
        )


if __name__ == "__main__":
    main()
