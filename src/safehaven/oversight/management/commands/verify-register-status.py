"""safehaven verify-register-status: verify the register and store the outcome for the
DPO's dashboard. Exits 1 naming the first bad entry, like `register verify`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from safehaven.oversight.verification import register_verification_run


class Command(BaseCommand):
    help = "Verify the disclosure register and record the result on the oversight dashboard."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=1, help="parallel processes (default 1)")

    def handle(self, *args, **options) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be 1 or more.")
        row = register_verification_run(source="command", workers=options["workers"])
        if row.ok:
            self.stdout.write(
                f"Register OK: {row.checked} entries checked (head {row.head_sequence})."
            )
            return
        where = f"entry {row.bad_sequence}: " if row.bad_sequence else ""
        raise CommandError(f"Register NOT OK: {where}{row.problem}")
