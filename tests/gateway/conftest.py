"""Real SMTP on loopback: an smtplib client, the gateway, and an aiosmtpd sink as the relay."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from safehaven.gateway import server
from safehaven.gateway.server import Gateway, GatewayConfig
from tests.ports import free_port  # noqa: F401  (re-exported for the email tests)

POLICY = {
    "version": "test-policy-1",
    "internal_domains": ["ashby.sch.uk"],
    "partner_domains": ["leics.gov.uk"],
    "secure_domains": [{"domain": "leics.gov.uk", "source": "local"}],
}
DIRECTORY = {
    "contacts": [{"address": "sarah.jones@leics.gov.uk", "name": "Sarah Jones"}],
    "history": {"officer@ashby.sch.uk": ["sarah.jones@leics.gov.uk"]},
    "service_users": [
        {
            "id": "su-1",
            "display": "J.S.",
            "names": ["Jane Smith"],
            "linked": ["@leics.gov.uk"],
        }
    ],
    "restrictions": [{"target": "@banned.example.org", "reason": "court order"}],
}


class Sink:
    """The onward mail server: keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(
                (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 OK"


@pytest.fixture
def sink_port() -> int:
    return free_port()


@pytest.fixture
def sink(sink_port):
    s = Sink()
    c = Controller(s, hostname="127.0.0.1", port=sink_port)
    c.start()
    yield s
    c.stop()


@pytest.fixture
def gateway_files(tmp_path: Path) -> dict[str, Path]:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(POLICY))
    directory = tmp_path / "directory.json"
    directory.write_text(json.dumps(DIRECTORY))
    return {"policy": policy, "directory": directory, "spool": tmp_path / "spool"}


def make_gateway(
    files, sink_port: int, *, executor: str = "thread", port: int | None = None, **options
):
    config = GatewayConfig(
        listen=("127.0.0.1", port or free_port()),
        relay=("127.0.0.1", sink_port),
        spool=files["spool"],
        records="files",
        policy_path=str(files["policy"]),
        directory_path=str(files["directory"]),
        executor=executor,
        workers=2,
        relay_timeout=5,
        **options,
    )
    gw = Gateway(config)
    gw.start()
    return gw


@pytest.fixture
def gateway(gateway_files, sink_port):
    gw = make_gateway(gateway_files, sink_port)
    yield gw
    gw.stop()


@pytest.fixture
def started(monkeypatch):
    """The configurations `safehaven gateway` builds, caught where it would start serving."""
    configs = []

    class Caught(server.Gateway):
        def __init__(self, config):
            configs.append(config)
            super().__init__(config)

        def start(self):
            raise OSError("not started by this test")

    monkeypatch.setattr(server, "Gateway", Caught)
    return configs
