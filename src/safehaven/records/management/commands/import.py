"""`safehaven import service-users|addresses|contacts FILE.csv [--dry-run] [--accept-valid]`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safehaven.records.imports import KINDS, ImportFileError, import_csv


class Command(BaseCommand):
    help = "Import a CSV export from the primary database (all or nothing per file)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report; write nothing"
        )
        parser.add_argument(
            "--accept-valid",
            action="store_true",
            help="write the valid rows even when some rows are rejected",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        try:
            report = import_csv(
                kind=options["kind"],
                data=data,
                dry_run=options["dry_run"],
                accept_valid=options["accept_valid"],
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        w = self.stdout.write
        if report.encoding_note:
            w(report.encoding_note)
        w(
            f"{path.name}: {report.rows} rows; {report.created} new, {report.updated} changed"
            + (
                f" ({report.addresses_closed} old addresses kept as history)"
                if options["kind"] == "addresses"
                else ""
            )
            + f", {report.unchanged} unchanged, {len(report.rejected)} rejected."
        )
        for problem in report.rejected:
            w(f"  row {problem.row}: {problem.message}")
        if report.likely_duplicates:
            w("Likely duplicates (check these records):")
            for line_no, ref, other, why in report.likely_duplicates:
                w(f"  row {line_no}: {ref} and {other}: {why}")
        if report.dry_run:
            w("Dry run: nothing was written.")
        elif report.written:
            w("Imported." + (" Rejected rows were skipped." if report.rejected else ""))
        else:
            w(
                "Nothing was written: fix the rejected rows and import the file again "
                "(or use --accept-valid to import the valid rows only)."
            )
        if report.rejected:
            sys.exit(1)
