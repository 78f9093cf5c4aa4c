"""The register's verification status for the dashboard.

`register_verification_run` runs the register app's own `register_verify` (its public function;
the register app is not changed) and stores the outcome as a `RegisterVerification` row: when,
how many entries, OK or the first bad entry and what is wrong with it. Run it from
`safehaven verify-register-status` (cron, nightly) or from the dashboard's button.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from safehaven.oversight import clock
from safehaven.oversight.models import RegisterVerification


def register_verification_run(
    *, user=None, source: str = "command", workers: int = 1
) -> RegisterVerification:
    from safehaven.register.selectors import register_verify

    try:
        result = register_verify(workers=workers)
    except ImproperlyConfigured as exc:  # the chain key is missing
        return RegisterVerification.objects.create(
            at=clock.now(), ok=False, problem=f"Could not verify: {exc}"[:2000], run_by=user,
            source=source,
        )  # fmt: skip
    return RegisterVerification.objects.create(
        at=clock.now(),
        ok=bool(result.ok),
        checked=result.checked,
        head_sequence=result.head_sequence,
        bad_sequence=result.bad_sequence,
        problem=(result.problem or "")[:2000],
        run_by=user,
        source=source,
    )


def register_verification_latest() -> RegisterVerification | None:
    return RegisterVerification.objects.order_by("-at", "-pk").first()
