"""`safehaven export-changes --since CHANGE_ID|ISO_TIME --out FILE.csv`: the change feed
for the MIS (LET-5), the same CSV as GET /api/changes.csv. Prints the last change id: pass it
as --since next time to get only newer changes."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safehaven.records.changes import SinceError, changes_csv, changes_since, parse_since


class Command(BaseCommand):
    help = "Write the amendments since a change id or a time to a CSV file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            required=True,
            help="a change id (changes after it) or an ISO 8601 time (changes at or after it); "
            "0 for everything",
        )
        parser.add_argument("--out", required=True, type=Path, help="CSV file to write")

    def handle(self, *args, **options):
        try:
            since = parse_since(options["since"])
        except SinceError as exc:
            raise CommandError(str(exc)) from None
        out: Path = options["out"]
        changes = list(changes_since(since))
        tmp = out.with_name(out.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                changes_csv(changes, handle)
            tmp.replace(out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CommandError(f"Cannot write {out}: {exc.strerror}.") from None
        if changes:
            self.stdout.write(
                f"Wrote {len(changes)} change(s), ids {changes[0].pk} to {changes[-1].pk}, to "
                f"{out}. Next time use --since {changes[-1].pk}."
            )
        else:
            self.stdout.write(f"No changes since {options['since']}; wrote the header to {out}.")
