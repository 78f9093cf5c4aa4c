"""Transport drivers: how a fax job reaches a machine, and how confirmations and incoming faxes
come back. Chosen by `SAFEHAVEN_FAX["DRIVER"]` ("outbox", the default, or "email")."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from safehaven.fax.drivers.base import (
    Confirmation,
    FaxDriver,
    FaxDriverError,
    IncomingDocument,
    Submission,
)
from safehaven.fax.drivers.email import EmailFaxDriver
from safehaven.fax.drivers.outbox import OutboxDriver

__all__ = [
    "Confirmation",
    "EmailFaxDriver",
    "FaxDriver",
    "FaxDriverError",
    "IncomingDocument",
    "OutboxDriver",
    "Submission",
    "driver_current",
]


def _config() -> dict:
    return dict(getattr(settings, "SAFEHAVEN_FAX", {}) or {})


def driver_current() -> FaxDriver:
    """The configured driver. Folders default to <data dir>/fax/{outbox,confirmations,inbox}."""
    config = _config()
    base = Path(config.get("DIR") or Path(settings.DATA_DIR) / "fax")
    outbox = Path(config.get("OUTBOX_DIR") or base / "outbox")
    confirmations = Path(config.get("CONFIRMATIONS_DIR") or base / "confirmations")
    inbox = Path(config.get("INBOX_DIR") or base / "inbox")
    name = config.get("DRIVER", "outbox")
    if name == "outbox":
        return OutboxDriver(outbox=outbox, confirmations=confirmations, inbox=inbox)
    if name == "email":
        email = config.get("EMAIL", {})
        return EmailFaxDriver(
            host=email.get("HOST", "127.0.0.1"),
            port=int(email.get("PORT", 25)),
            sender=email.get("FROM", "fax@localhost"),
            gateway_domain=email.get("GATEWAY_DOMAIN", ""),
            confirmations=confirmations,
            inbox=inbox,
        )
    raise FaxDriverError(f'Unknown fax driver {name!r} in SAFEHAVEN_FAX: use "outbox" or "email".')
