"""Helpers for the gateway tests on the web app's database (fixtures in conftest.py)."""

from __future__ import annotations

import smtplib
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from safehaven.gateway.server import Gateway, GatewayConfig
from tests.gateway.conftest import free_port

CONSENTED = (
    "Dear Sarah,\n\nAmelia Whitworth has asthma and needs her inhaler at school camp.\n\nThanks\n"
)
SENSITIVE = "Amelia Whitworth (DOB 12/03/2014) has a child protection plan and sees CAMHS."


def start_gateway(
    spool, sink_port, *, executor="thread", relay_timeout: float = 5, **options
) -> Gateway:
    gw = Gateway(
        GatewayConfig(
            listen=("127.0.0.1", free_port()),
            relay=("127.0.0.1", sink_port),
            spool=spool,
            records="django",
            executor=executor,
            workers=2,
            relay_timeout=relay_timeout,
            **options,
        )
    )
    gw.start()
    return gw


def message(body: str, to: str, subject: str = "Amelia") -> EmailMessage:
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = to
    m["Subject"] = subject
    m.set_content(body)
    return m


def send(gw: Gateway, m: EmailMessage) -> None:
    with smtplib.SMTP(*gw.config.listen, timeout=30) as client:
        client.send_message(m)


def header_id(raw: bytes) -> str:
    value = message_from_bytes(raw, policy=default)["X-SafeHaven-Verdict"]
    return value.rsplit("id=", 1)[1].strip()
