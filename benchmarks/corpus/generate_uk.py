"""Generate the UK children's-services corpora (JSONL contract with labelled spans).

Usage (from the repository root):
    .venv/bin/python -m benchmarks.corpus.generate_uk --family dev \
        --out benchmarks/data/uk-cs-dev.jsonl
    .venv/bin/python -m benchmarks.corpus.generate_uk --family holdout --out /tmp/holdout.jsonl

Each line: {"id", "text", "spans": [{"type", "start", "end"}], "classification",
"special_categories", "template"}. The same family, count and seed always give the same file.
The holdout family is generated at benchmark time outside the repository and never committed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import sys
from pathlib import Path

from benchmarks.corpus.builder import build, finish
from benchmarks.corpus.common import standard_ctx
from benchmarks.corpus.world import World

FAMILIES = {
    "dev": ("benchmarks.corpus.dev_templates", 20261125),
    "holdout": ("benchmarks.corpus.holdout_templates", 90417),
    # Further development families, written after the holdout's figures showed the first dev
    # family was too easy: harder name/address writing, and harder special-category writing.
    "dev-spans": ("benchmarks.corpus.dev_spans_templates", 31415),
    "dev-categories": ("benchmarks.corpus.dev_categories_templates", 27182),
    "dev-names": ("benchmarks.corpus.dev_names_templates", 14142),
    "dev-kinds": ("benchmarks.corpus.dev_kinds_templates", 16180),
    "dev-cats2": ("benchmarks.corpus.dev_cats2_templates", 27828),
    "dev-names2": ("benchmarks.corpus.dev_names2_templates", 57721),
}
DOC_CATEGORIES = re.compile(r"§([a-z_,]+)$")


def generate(family: str, n: int, seed: int | None = None) -> list[dict]:
    module_name, default_seed = FAMILIES[family]
    module = importlib.import_module(module_name)
    rng = random.Random(default_seed if seed is None else seed)
    world = World(rng, family, module)
    names = sorted(module.TEMPLATES)
    docs = []
    for i in range(n):
        name = names[i % len(names)] if i < len(names) else rng.choice(names)
        template = module.TEMPLATES[name]
        match = DOC_CATEGORIES.search(template)
        cats: tuple[str, ...] = ()
        if match:
            cats = tuple(match.group(1).split(","))
            template = template[: match.start()]
        ctx = standard_ctx(world, young=name in getattr(module, "YOUNG", ()))
        extra = getattr(module, "extra_ctx", None)
        if extra:
            ctx.update(extra(world, ctx))
        doc = build(template, ctx, rng)
        record = finish(f"uk-{family}-{i:04d}", doc, cats)
        if name in module.NEGATIVE:
            assert record["classification"] == "none", (name, record)
        record["template"] = name
        docs.append(record)
    return docs


def write_jsonl(docs: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=sorted(FAMILIES), required=True)
    parser.add_argument("--n", type=int, default=600, help="number of documents (default 600)")
    parser.add_argument("--seed", type=int, default=None, help="default: the family's own seed")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    docs = generate(args.family, args.n, args.seed)
    write_jsonl(docs, args.out)
    print(f"wrote {len(docs)} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
