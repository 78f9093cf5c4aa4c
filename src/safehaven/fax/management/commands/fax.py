"""`safehaven fax poll` reads transmission confirmations and the inbox and sends receipt
reminders; `safehaven fax speed-dials --export FILE` writes the tested speed dials (CSV)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safehaven.fax import services
from safehaven.fax.drivers import FaxDriverError
from safehaven.fax.drivers.folders import write_atomic
from safehaven.fax.selectors import incoming_unattended, speed_dials_usable


class Command(BaseCommand):
    help = "Fax: poll the driver for confirmations and incoming faxes; export speed dials."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("poll", help="read confirmations and the inbox, remind overdue receipts")
        dials = sub.add_parser("speed-dials", help="export tested speed dials for the machine")
        dials.add_argument("--export", metavar="FILE", required=True)

    def handle(self, *args, action: str, **options):
        if not services.fax_enabled():
            raise CommandError(
                "Fax is switched off. The DPO or an administrator can switch it on at "
                "/fax/settings/."
            )
        if action == "poll":
            try:
                result = services.fax_poll()
            except FaxDriverError as exc:
                raise CommandError(exc.message) from exc
            # Counts and references only: no names or numbers in the output (it may be logged).
            self.stdout.write(
                f"{len(result['confirmations'])} confirmation(s), "
                f"{len(result['received'])} incoming fax(es), "
                f"{len(result['reminded'])} receipt reminder(s)."
            )
            for job in result["reminded"]:
                self.stdout.write(f"Receipt overdue: {job.short_reference}")
            for fax in incoming_unattended():
                self.stdout.write(f"Not collected within 30 minutes: {fax.short_reference}")
            for fax in result["received"]:
                if fax.alert:
                    self.stdout.write(
                        f"Page count alert: {fax.short_reference} ({fax.reconciliation})"
                    )
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["position", "number", "dial", "name"])
        count = 0
        for dial in speed_dials_usable():
            number = dial.fax_number
            name = f"{number.organisation.name} {number.department}".strip()
            writer.writerow(
                [dial.position, number.number, number.number.replace("+44", "0", 1), name]
            )
            count += 1
        try:
            write_atomic(Path(options["export"]), buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            raise CommandError(f"Could not write {options['export']}: {exc.strerror}.") from exc
        self.stdout.write(f"{count} tested speed dial(s) written to {options['export']}.")
