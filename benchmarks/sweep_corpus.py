"""Generate a mixed discovery-sweep corpus (text, .eml, mbox, Maildir, PDF, DOCX, zip) outside
the repository.

Usage (from the repository root):
    .venv/bin/python -m benchmarks.sweep_corpus --out /tmp/sweep-corpus --size-gb 2

Content comes from the engine team's UK children's-services generator (benchmarks.corpus):
realistic letters, referrals and case notes with valid UPNs, NHS numbers, postcodes and phone
numbers, and neutral documents with none. A pool of a few thousand documents is generated once
and files are composed from it (a case file is many notes), so bytes are cheap. PDFs and DOCX
files are slow to draw, so a few hundred distinct ones are made and then copied (real copies,
not links: the sweep counts a hard link once) under varied names and folders.
The same --seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import email.message
import email.utils
import json
import os
import random
import shutil
import sys
import time
import zipfile
from pathlib import Path

from benchmarks.corpus.generate_uk import generate

MB = 1024 * 1024
TEAMS = [
    "Children in Need",
    "Child Protection",
    "Looked After Children",
    "Early Help",
    "SEND",
    "Admissions",
    "Attendance",
    "Fostering",
    "Youth Justice",
    "Finance",
]
SHARE = {"text": 0.50, "mail": 0.25, "pdf": 0.12, "docx": 0.13}


def _pool(n: int, seed: int) -> list[str]:
    docs = generate("dev", n, seed=seed)
    return [d["text"] for d in docs]


def _compose(rng: random.Random, pool: list[str], target: int) -> str:
    out, size = [], 0
    while size < target:
        doc = rng.choice(pool)
        out.append(doc)
        size += len(doc) + 2
    return "\n\n".join(out)


def _folder(rng: random.Random, root: Path) -> Path:
    team = rng.choice(TEAMS)
    year = rng.randint(2014, 2026)
    case = f"case-{rng.randint(1, 4000):05d}"
    folder = root / "shares" / team / str(year) / case
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_size(rng: random.Random, low: int, high: int) -> int:
    """A size between low and high bytes, most of them small, as on a real share."""
    import math

    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def _message(rng: random.Random, pool: list[str], i: int) -> bytes:
    msg = email.message.EmailMessage()
    msg["From"] = f"worker{rng.randint(1, 80)}@county.gov.uk"
    msg["To"] = rng.choice(["referrals@county.gov.uk", "duty@school.sch.uk", "mash@county.gov.uk"])
    msg["Subject"] = rng.choice(["Referral", "Update", "Case note", "Meeting", "Re: query"])
    msg["Date"] = email.utils.formatdate(1_600_000_000 + i * 977, usegmt=True)
    msg["Message-ID"] = f"<sweep-{i}@corpus.invalid>"
    msg.set_content(_compose(rng, pool, _log_size(rng, 1_000, 60_000)))
    if rng.random() < 0.15:
        attachment = _compose(rng, pool, _log_size(rng, 2_000, 40_000)).encode()
        msg.add_attachment(attachment, maintype="text", subtype="plain", filename="notes.txt")
    return bytes(msg)


def _pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in text.splitlines():
        for start in range(0, max(len(line), 1), 95):
            c.drawString(40, y, line[start : start + 95])
            y -= 14
            if y < 50:
                c.showPage()
                y = 800
    c.save()


def _docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para)
    document.save(str(path))


def _distinct(kind: str, n: int, rng, pool, work: Path) -> list[Path]:
    work.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        path = work / f"{kind}-{i:04d}.{kind}"
        text = _compose(rng, pool, _log_size(rng, 2_000, 60_000))
        (_pdf if kind == "pdf" else _docx)(path, text)
        made.append(path)
    return made


def build(out: Path, size_gb: float, seed: int, distinct: int, pool_size: int) -> dict:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    pool = _pool(pool_size, seed)
    print(f"pool of {len(pool)} documents in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    target = int(size_gb * 1024 * MB)
    counts = {"text": 0, "eml": 0, "mbox": 0, "maildir": 0, "pdf": 0, "docx": 0, "zip": 0}
    written = {k: 0 for k in SHARE}

    # Binary documents: a few hundred distinct ones, copied under varied names.
    work = out / ".distinct"
    for kind in ("pdf", "docx"):
        sources = _distinct(kind, distinct, rng, pool, work)
        print(f"{distinct} distinct {kind} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        while written[kind] < target * SHARE[kind]:
            src = rng.choice(sources)
            stem = rng.choice(["report", "minutes", "plan", "assessment", "letter"])
            dest = _folder(rng, out) / f"{stem}-{counts[kind]:06d}.{kind}"
            shutil.copyfile(src, dest)
            written[kind] += src.stat().st_size
            counts[kind] += 1
    shutil.rmtree(work)

    # Mail: loose .eml files, mbox archives and one Maildir per team.
    msg_no = 0
    while written["mail"] < target * SHARE["mail"]:
        roll = rng.random()
        if roll < 0.5:
            raw = _message(rng, pool, msg_no)
            msg_no += 1
            (_folder(rng, out) / f"message-{msg_no:07d}.eml").write_bytes(raw)
            written["mail"] += len(raw)
            counts["eml"] += 1
        elif roll < 0.8:
            path = out / "mail" / "archives" / f"archive-{counts['mbox']:04d}.mbox"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                for _ in range(rng.randint(20, 300)):
                    raw = _message(rng, pool, msg_no)
                    msg_no += 1
                    fh.write(b"From sweep@corpus.invalid Thu Jan  1 00:00:00 2026\n")
                    fh.write(raw.replace(b"\nFrom ", b"\n>From ") + b"\n")
                    written["mail"] += len(raw)
            counts["mbox"] += 1
        else:
            box = out / "mail" / "maildir" / rng.choice(TEAMS).replace(" ", "-")
            for part in ("cur", "new", "tmp"):
                (box / part).mkdir(parents=True, exist_ok=True)
            for _ in range(rng.randint(10, 100)):
                raw = _message(rng, pool, msg_no)
                msg_no += 1
                (box / "cur" / f"{1_600_000_000 + msg_no}.M{msg_no}P1.corpus:2,S").write_bytes(raw)
                written["mail"] += len(raw)
                counts["maildir"] += 1

    # Text: notes, exports and logs, a few zipped.
    while written["text"] < target * SHARE["text"]:
        text = _compose(rng, pool, _log_size(rng, 2_000, 4 * MB)).encode()
        folder = _folder(rng, out)
        if rng.random() < 0.03:
            with zipfile.ZipFile(
                folder / f"export-{counts['zip']:05d}.zip", "w", compression=zipfile.ZIP_DEFLATED
            ) as zf:
                zf.writestr("notes.txt", text)
                zf.writestr("summary.txt", _compose(rng, pool, 5_000))
            counts["zip"] += 1
        else:
            (folder / f"notes-{counts['text']:06d}.txt").write_bytes(text)
            counts["text"] += 1
        written["text"] += len(text)

    # Owners: spread files over a few real accounts so the report's owner view means something.
    uids = [u for u in (1, 2, 3, 34, 65534)]
    for dirpath, _dirs, files in os.walk(out):
        for name in files:
            try:
                os.chown(os.path.join(dirpath, name), rng.choice(uids), -1)
            except PermissionError:
                break
    info = {
        "seed": seed,
        "size_gb_target": size_gb,
        "bytes": sum(written.values()),
        "bytes_by_kind": written,
        "counts": counts,
        "distinct_pdf_docx": distinct,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out.parent / (out.name + ".json")).write_text(json.dumps(info, indent=2))
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1125)
    parser.add_argument("--distinct", type=int, default=200, help="distinct PDFs and DOCX each")
    parser.add_argument("--pool", type=int, default=1500, help="distinct text documents")
    args = parser.parse_args(argv)
    repo = Path(__file__).resolve().parent.parent
    if repo in args.out.resolve().parents or args.out.resolve() == repo:
        print("Write the corpus outside the repository (e.g. /tmp/sweep-corpus).", file=sys.stderr)
        return 2
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty: remove it or pick another --out.", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    info = build(args.out, args.size_gb, args.seed, args.distinct, args.pool)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
