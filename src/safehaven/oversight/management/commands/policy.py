"""safehaven policy show | export-email -o FILE | export-terms -o FILE

`show` prints the DPO policy version in force and its settings (JSON). `export-email` writes
the email part as a policy file for the processes that run without the database: the SMTP
gateway (`--policy FILE`, or SAFEHAVEN_EMAIL_POLICY) and `safehaven check-email --policy FILE`.
`export-terms` writes the DPO's extra special-category terms for `safehaven scan` and
`safehaven sweep` (`--extra-terms FILE`).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from safehaven.core.email.policy import PolicyError
from safehaven.oversight.policy import email_policy_file, policy_in_force, terms_file


class Command(BaseCommand):
    help = "Show the DPO policy in force, or export its email settings for the gateway."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("show", help="print the version in force and its settings")
        export = sub.add_parser("export-email", help="write the email settings as a policy file")
        export.add_argument("-o", "--output", required=True, help="file to write")
        terms = sub.add_parser(
            "export-terms", help="write the extra special-category terms for scan and sweep"
        )
        terms.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args, **options) -> None:
        current = policy_in_force()
        if options["action"] == "show":
            self.stdout.write(json.dumps({"version": current.label, **current.data}, indent=2))
            return
        if options["action"] == "export-terms":
            try:
                path, count = terms_file(options["output"])
            except PolicyError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"Wrote {count} extra term{'s' if count != 1 else ''} of policy {current.label} "
                f"to {path}. Use it with `safehaven scan --extra-terms {path}` or "
                f"`safehaven sweep --extra-terms {path}`."
            )
            return
        try:
            path = email_policy_file(options["output"])
        except PolicyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wrote the email policy {current.label} to {path}.")
