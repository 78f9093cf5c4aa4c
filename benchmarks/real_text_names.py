"""False names on real English text with few real people: how many chunks the engine calls
personal, and which spans a change adds or removes.

    .venv/bin/python benchmarks/real_text_names.py /tmp/names-new.jsonl
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/real_text_names.py /tmp/names-old.jsonl
    .venv/bin/python benchmarks/real_text_names.py --compare /tmp/names-old.jsonl \
        /tmp/names-new.jsonl

The text: every README*, *.txt and *.md file under /usr/share/doc, the installed packages'
METADATA files and ../shared/*.md and guidance, cut at paragraph breaks into chunks of about
1.5 KB. The engine is imported as installed, so PYTHONPATH can put another tree first. It has
no labels: a span found there is most often a false name (package authors are the
exception), so it is read as a comparison of two trees, not as a precision figure. It is what
found the session-4 speaker and "name is" false names that the development families did not show
(docs/engine-spans.md).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1500


def sources() -> list[str]:
    files = [
        f
        for f in glob.glob("/usr/share/doc/**/*", recursive=True)
        if os.path.isfile(f)
        and not f.endswith(".gz")
        and (f.endswith((".txt", ".md")) or "README" in os.path.basename(f))
    ]
    files += glob.glob(str(ROOT.parent / "shared" / "guidance" / "*.txt"))
    files += glob.glob(str(ROOT.parent / "shared" / "*.md"))
    site = os.path.join(sys.prefix, "lib", "python3*", "site-packages")
    files += glob.glob(os.path.join(site, "*", "METADATA"))
    return sorted(files)


def chunks():
    for path in sources():
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        buf, n = "", 0
        for para in text.split("\n\n"):
            buf += para + "\n\n"
            if len(buf) > CHUNK:
                yield f"{path}#{n}", buf
                buf, n = "", n + 1
        if buf.strip():
            yield f"{path}#{n}", buf


def run(out: Path) -> None:
    from safehaven.core.detect import analyse

    docs = personal = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc_id, text in chunks():
            result = analyse(text)
            docs += 1
            personal += result.classification != "none"
            spans = [
                [s.start, s.end, s.text, s.explanation] for s in result.spans if s.type == "PERSON"
            ]
            record = {"id": doc_id, "classification": result.classification, "persons": spans}
            fh.write(json.dumps(record) + "\n")
    print(f"{docs} chunks, {personal} called personal or sensitive; spans written to {out}")


def load(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.open(encoding="utf-8"))}


def compare(old_path: Path, new_path: Path, examples: int) -> None:
    old, new = load(old_path), load(new_path)
    added, removed = [], []
    for doc_id, rec in new.items():
        before = {(a, b) for a, b, _, _ in old.get(doc_id, {}).get("persons", [])}
        after = {(a, b) for a, b, _, _ in rec["persons"]}
        added += [(doc_id, *s) for s in rec["persons"] if (s[0], s[1]) not in before]
        earlier = old.get(doc_id, {}).get("persons", [])
        removed += [(doc_id, *s) for s in earlier if (s[0], s[1]) not in after]
    changes = Counter(
        (old[k]["classification"], new[k]["classification"])
        for k in new
        if k in old and old[k]["classification"] != new[k]["classification"]
    )
    print(f"spans added {len(added)}, removed {len(removed)}")
    print("classification changes:", dict(changes))
    why = Counter(s[4].split(";")[0] for s in added)
    for reason, n in why.most_common(15):
        print(f"  {n:5d} added: {reason}")
    for s in random.Random(1).sample(added, min(examples, len(added))):
        print(f"  {s[3]!r}  ({s[4][:70]})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="write this tree's spans here (JSONL)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--examples", type=int, default=20)
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare, args.examples)
    elif args.out:
        run(args.out)
    else:
        parser.error("give OUT, or --compare OLD NEW")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
