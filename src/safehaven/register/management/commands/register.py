"""`safehaven register verify|checkpoint|export-sar`: check and export the disclosure register."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safehaven.register.chain import ChainKeyMissing, CheckpointInvalid


class Command(BaseCommand):
    help = "Verify the disclosure register's hash chain, write a signed checkpoint, or export SAR."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="recompute every entry's hash; exit 1 on the first bad entry"
        )
        verify.add_argument(
            "--checkpoint", type=Path, help="a checkpoint file: also detect truncation"
        )
        verify.add_argument("--chunk-size", type=int, default=20_000)
        verify.add_argument(
            "--workers",
            type=int,
            default=0,
            help="processes verifying ranges in parallel (default: one per CPU, up to 4, "
            "for registers over 100,000 entries)",
        )
        cp = sub.add_parser("checkpoint", help="write the signed chain head (JSON)")
        cp.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
        sar = sub.add_parser("export-sar", help="every disclosure about one service user")
        sar.add_argument("reference", help="the service user's reference or UPN")
        sar.add_argument("--format", choices=["pdf", "csv"], default="pdf")
        sar.add_argument("--output", "-o", type=Path, required=True)

    def handle(self, *args, **options):
        try:
            return getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except ChainKeyMissing as exc:
            raise CommandError(str(exc)) from None

    def _verify(self, options):
        from safehaven.register.selectors import register_verify

        checkpoint = None
        if options["checkpoint"]:
            try:
                checkpoint = json.loads(options["checkpoint"].read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(
                    f"Cannot read the checkpoint file {options['checkpoint']}: {exc}"
                ) from None
        workers = options["workers"]
        if workers <= 0:
            from safehaven.register.selectors import register_head

            big = register_head()[0] > 100_000
            workers = min(os.cpu_count() or 1, 4) if big else 1
        started = time.perf_counter()
        try:
            result = register_verify(
                chunk_size=options["chunk_size"], checkpoint=checkpoint, workers=workers
            )
        except CheckpointInvalid as exc:
            raise CommandError(str(exc)) from None
        elapsed = time.perf_counter() - started
        rate = result.checked / elapsed if elapsed > 0 else 0
        if not result.ok:
            self.stderr.write(
                f"Register verification FAILED at entry {result.bad_sequence}: {result.problem}. "
                f"{result.checked} entries before it are intact."
            )
            sys.exit(1)
        extra = ""
        if result.checkpoint_sequence is not None:
            extra = f"; checkpoint entry {result.checkpoint_sequence} present and unchanged"
        self.stdout.write(
            f"Register OK: {result.checked} entries verified, head {result.head_sequence} "
            f"{result.head_hash[:16]}...{extra} ({elapsed:.2f} s, {rate:,.0f} entries/s)."
        )

    def _checkpoint(self, options):
        from safehaven.register.selectors import register_checkpoint, register_verify

        result = register_verify()
        if not result.ok:
            self.stderr.write(
                f"Not writing a checkpoint: verification failed at entry {result.bad_sequence}: "
                f"{result.problem}."
            )
            sys.exit(1)
        data = json.dumps(register_checkpoint(), indent=2) + "\n"
        if options["output"]:
            options["output"].write_text(data, encoding="utf-8")
            self.stdout.write(
                f"Checkpoint of entry {result.head_sequence} written to {options['output']}."
            )
        else:
            self.stdout.write(data, ending="")

    def _export_sar(self, options):
        from django.db.models import Q

        from safehaven.core.identifiers import is_valid_upn, normalise_upn
        from safehaven.records.models import ServiceUser
        from safehaven.register.sar import sar_export

        ref = options["reference"].strip()
        q = Q(reference=ref)
        if is_valid_upn(ref):
            q |= Q(upn=normalise_upn(ref))
        service_user = ServiceUser.objects.filter(q).first()
        if service_user is None:
            raise CommandError("No service user has that reference or UPN.")
        data = sar_export(service_user=service_user, fmt=options["format"])
        options["output"].write_bytes(data)
        self.stdout.write(f"Subject access export written to {options['output']}.")
