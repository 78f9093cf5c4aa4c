"""Email-to-fax: the PDF goes by SMTP to the provider's gateway address for the number
(`<digits>@<gateway domain>`, e.g. 01164960999@fax.example.net). Providers report back by
email; a mail rule (or the provider's webhook) writes those reports as JSON files into the
confirmations folder, the same format as the outbox driver's."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path

from safehaven.fax.drivers import folders
from safehaven.fax.drivers.base import (
    Confirmation,
    FaxDriverError,
    IncomingDocument,
    Submission,
)


class EmailFaxDriver:
    name = "email"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        gateway_domain: str,
        confirmations: Path,
        inbox: Path,
        timeout: float = 30.0,
    ):
        self.host = host
        self.port = port
        self.sender = sender
        self.gateway_domain = gateway_domain.strip().lstrip("@")
        self.confirmations_dir = Path(confirmations)
        self.inbox_dir = Path(inbox)
        self.timeout = timeout

    def address_for(self, number: str) -> str:
        if not self.gateway_domain:
            raise FaxDriverError(
                "The email-to-fax gateway domain is not set: set SAFEHAVEN_FAX['EMAIL']"
                "['GATEWAY_DOMAIN'] to your provider's fax domain."
            )
        digits = number.replace("+44", "0", 1) if number.startswith("+44") else number
        digits = "".join(ch for ch in digits if ch.isdigit())
        return f"{digits}@{self.gateway_domain}"

    def message_for(self, submission: Submission) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = self.address_for(submission.number)
        # The reference lets the provider's report be matched; no personal data in headers.
        message["Subject"] = f"Fax {submission.reference}"
        message["X-SafeHaven-Fax-Reference"] = submission.reference
        message.set_content(
            f"Fax {submission.reference}: {submission.pages} page(s) attached, cover sheet first."
        )
        message.add_attachment(
            submission.pdf,
            maintype="application",
            subtype="pdf",
            filename=f"{submission.reference}.pdf",
        )
        return message

    def submit(self, submission: Submission) -> None:
        message = self.message_for(submission)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise FaxDriverError(
                "The fax gateway refused the number's address: check the number and the "
                "gateway domain."
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise FaxDriverError(
                f"Could not hand the fax to the email-to-fax gateway at {self.host}:{self.port} "
                f"({type(exc).__name__}). Try again, or check the mail settings."
            ) from exc

    def confirmations(self) -> list[Confirmation]:
        return folders.read_confirmations(self.confirmations_dir)

    def inbox(self) -> list[IncomingDocument]:
        return folders.read_inbox(self.inbox_dir)

    def inbox_done(self, name: str) -> None:
        folders.inbox_done(self.inbox_dir, name)
