"""`safehaven sweep-report STORE --out DIR`: the DPO's HTML and CSV report of a sweep store."""

from __future__ import annotations

import argparse
import os
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", metavar="STORE", help="the sweep store (.sqlite, .parquet or URL)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the report")


def run(args: argparse.Namespace) -> int:
    from safehaven.sweep.report import report_write
    from safehaven.sweep.store import StoreError, store_open

    is_url = args.store.startswith(("postgresql://", "postgres://"))
    state = args.store + ".state.sqlite" if args.store.endswith(".parquet") else args.store
    if not is_url and not os.path.exists(state):
        print(f"No sweep store at {args.store}: run `safehaven sweep` first.", file=sys.stderr)
        return 2
    try:
        store = store_open(args.store)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        written = report_write(store=store, out_dir=args.out)
    finally:
        store.close()
    print(f"Report written: {written['html']} (and CSV files beside it)", file=sys.stderr)
    return 0
