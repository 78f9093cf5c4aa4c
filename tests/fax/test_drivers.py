"""The transport drivers for real: a folder (outbox, confirmations, inbox) and SMTP over
loopback to an aiosmtpd sink standing in for the provider's email-to-fax gateway."""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from aiosmtpd.controller import Controller

from safehaven.fax.drivers import EmailFaxDriver, FaxDriverError, OutboxDriver, Submission
from tests.fax.conftest import blank_pdf
from tests.ports import free_port, refused_port


def submission(**overrides) -> Submission:
    values = {
        "reference": "FX-ABCD1234-1",
        "job_reference": "FX-ABCD1234",
        "number": "+441164960999",
        "pdf": blank_pdf(3),
        "pages": 3,
        "recipient_name": "Dr Priya Shah",
    }
    values.update(overrides)
    return Submission(**values)


def test_outbox_writes_pdf_and_metadata_and_no_temporary_files(tmp_path):
    driver = OutboxDriver(
        outbox=tmp_path / "out", confirmations=tmp_path / "conf", inbox=tmp_path / "in"
    )
    driver.submit(submission())
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["FX-ABCD1234-1.json", "FX-ABCD1234-1.pdf"]
    meta = json.loads((tmp_path / "out" / "FX-ABCD1234-1.json").read_text())
    assert meta["dial"] == "01164960999"
    assert meta["pages"] == 3
    assert (tmp_path / "out" / meta["pdf"]).read_bytes() == submission().pdf


def test_confirmations_are_read_once_and_bad_files_set_aside(tmp_path):
    driver = OutboxDriver(outbox=tmp_path / "o", confirmations=tmp_path / "c", inbox=tmp_path / "i")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.json").write_text(
        json.dumps({"reference": "R1", "status": "ok", "pages": 3})
    )
    (tmp_path / "c" / "b.json").write_text("{not json")
    (tmp_path / "c" / "c.json").write_text(json.dumps({"reference": "R3", "status": "maybe"}))
    found = driver.confirmations()
    assert [(c.reference, c.ok, c.pages) for c in found] == [("R1", True, 3)]
    assert driver.confirmations() == []
    assert sorted(p.name for p in (tmp_path / "c" / "rejected").iterdir()) == ["b.json", "c.json"]


def test_inbox_reads_pdf_with_sidecar_and_done_moves_it(tmp_path):
    driver = OutboxDriver(outbox=tmp_path / "o", confirmations=tmp_path / "c", inbox=tmp_path / "i")
    (tmp_path / "i").mkdir()
    (tmp_path / "i" / "x.pdf").write_bytes(blank_pdf(1))
    (tmp_path / "i" / "x.json").write_text(
        json.dumps({"from": "01164960100", "received_at": "2026-11-25T10:00:00", "to": "Sam"})
    )
    [doc] = driver.inbox()
    assert (doc.from_number, doc.addressed_to, doc.received_at.year) == ("01164960100", "Sam", 2026)
    driver.inbox_done("x.pdf")
    assert driver.inbox() == []
    with pytest.raises(FaxDriverError, match="no longer"):
        driver.inbox_done("x.pdf")


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if not address.endswith("@fax.example.net"):
            return "550 no such gateway"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((envelope.rcpt_tos, envelope.original_content))
        return "250 Message accepted"


@pytest.fixture
def sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def email_driver(tmp_path, port, domain="fax.example.net") -> EmailFaxDriver:
    return EmailFaxDriver(
        host="127.0.0.1", port=port, sender="fax@school.example", gateway_domain=domain,
        confirmations=tmp_path / "c", inbox=tmp_path / "i", timeout=5,
    )  # fmt: skip


def test_email_to_fax_sends_the_pdf_to_the_gateway_address_over_smtp(tmp_path, sink):
    handler, port = sink
    sent = submission(pdf=blank_pdf(40), pages=40)  # large enough to catch bare-LF bugs
    email_driver(tmp_path, port).submit(sent)
    [(rcpts, raw)] = handler.messages
    assert rcpts == ["01164960999@fax.example.net"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["X-SafeHaven-Fax-Reference"] == "FX-ABCD1234-1"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == sent.pdf
    assert "Priya" not in message["Subject"]


def test_email_to_fax_refused_address_and_no_server_give_plain_errors(tmp_path, sink):
    _handler, port = sink
    with pytest.raises(FaxDriverError, match="refused the number"):
        email_driver(tmp_path, port, domain="wrong.example").submit(submission())
    with refused_port() as port, pytest.raises(FaxDriverError, match="Could not hand the fax"):
        email_driver(tmp_path, port).submit(submission())
    with pytest.raises(FaxDriverError, match="gateway domain is not set"):
        email_driver(tmp_path, port, domain="").submit(submission())


@pytest.mark.rule("FAX-7")
@pytest.mark.django_db
def test_a_job_sent_through_the_email_driver_arrives_with_the_statement(
    ready_job, officer, settings, sink, tmp_path
):
    """End to end: the service builds the fax, the email driver hands it to the gateway over
    real SMTP, and the attachment's first page carries the statement word for word."""
    import io

    import pdfplumber

    from safehaven.core.fax import STATEMENT
    from safehaven.fax import services

    handler, port = sink
    settings.SAFEHAVEN_FAX = {
        **settings.SAFEHAVEN_FAX,
        "DRIVER": "email",
        "EMAIL": {"HOST": "127.0.0.1", "PORT": port, "FROM": "fax@school.example",
                  "GATEWAY_DOMAIN": "fax.example.net"},
    }  # fmt: skip
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    assert job.state == "sent"
    [(rcpts, raw)] = handler.messages
    assert rcpts == ["01164960999@fax.example.net"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    [attachment] = list(message.iter_attachments())
    with pdfplumber.open(io.BytesIO(attachment.get_content())) as pdf:
        assert len(pdf.pages) == 3
        assert STATEMENT in " ".join(pdf.pages[0].extract_text().split())
