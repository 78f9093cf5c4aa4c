"""`safehaven quarantine list|show|release|reject` in the standalone mode (`--records files`)
over a real spool and a real SMTP sink; the web app's mode is tested in tests/gateway."""

from __future__ import annotations

import json

import pytest
from aiosmtpd.controller import Controller

from safehaven.cli import main
from safehaven.gateway.spool import Quarantine
from tests.gateway.conftest import Sink, free_port
from tests.ports import refused_port


@pytest.fixture
def spool(tmp_path):
    q = Quarantine(tmp_path / "spool")
    q.store(
        b"From: a@ashby.sch.uk\r\nTo: b@agency.org.uk\r\nSubject: x\r\n\r\nbody\r\n",
        {
            "sender": "a@ashby.sch.uk",
            "recipients": ["b@agency.org.uk"],
            "external_recipients": ["b@agency.org.uk"],
            "rules": ["EMAIL-1"],
            "service_user_ids": ["su-1"],
            "policy_version": "p1",
        },
    )
    return tmp_path / "spool"


def _id(spool):
    return Quarantine(spool).list()[0].id


def test_list_shows_held_messages(spool, capsys):
    assert main(["quarantine", "--records", "files", "--spool", str(spool), "list"]) == 0
    out = capsys.readouterr().out
    assert "EMAIL-1" in out
    assert main(["quarantine", "--records", "files", "--spool", str(spool), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["rules"] == ["EMAIL-1"]


def test_release_relays_and_records_who(spool, capsys):
    sink = Sink()
    port = free_port()
    ctl = Controller(sink, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        qid = _id(spool)
        code = main(
            [
                "quarantine",
                "--records",
                "files",
                "--spool",
                str(spool),
                "release",
                qid,
                "--by",
                "T. Ward",
                "--relay",
                f"127.0.0.1:{port}",
            ]
        )
        assert code == 0
        assert len(sink.messages) == 1
        assert Quarantine(spool).get(qid).meta["decided_by"] == "T. Ward"
        register = [json.loads(x) for x in (spool / "register.jsonl").read_text().splitlines()]
        assert register[0]["authorised_by"] == "T. Ward"
        # A second release is refused, not sent twice.
        code = main(
            [
                "quarantine",
                "--records",
                "files",
                "--spool",
                str(spool),
                "release",
                qid,
                "--by",
                "T. Ward",
                "--relay",
                f"127.0.0.1:{port}",
            ]
        )
        assert code == 4
        assert "already released" in capsys.readouterr().err
        assert len(sink.messages) == 1
    finally:
        ctl.stop()


def test_release_with_the_relay_down_keeps_it_held(spool, capsys):
    qid = _id(spool)
    with refused_port() as relay_port:
        code = main(
            [
                "quarantine",
                "--records",
                "files",
                "--spool",
                str(spool),
                "release",
                qid,
                "--by",
                "T. Ward",
                "--relay",
                f"127.0.0.1:{relay_port}",
            ]
        )
    assert code == 4
    assert "still held" in capsys.readouterr().err
    assert Quarantine(spool).get(qid).status == "held"


def test_reject_needs_a_reason_and_is_logged(spool, capsys):
    qid = _id(spool)
    assert (
        main(
            [
                "quarantine",
                "--records",
                "files",
                "--spool",
                str(spool),
                "reject",
                qid,
                "--by",
                "DPO",
                "--reason",
                "wrong recipient",
            ]
        )
        == 0
    )
    assert Quarantine(spool).get(qid).status == "rejected"
    near = [json.loads(x) for x in (spool / "near-miss.jsonl").read_text().splitlines()]
    assert near[-1]["event"] == "rejected"
    assert near[-1]["reason"] == "wrong recipient"


def test_unknown_id_and_missing_spool_give_plain_errors(spool, tmp_path, capsys):
    assert (
        main(
            [
                "quarantine",
                "--records",
                "files",
                "--spool",
                str(spool),
                "show",
                "20990101T000000Z-00000000",
            ]
        )
        == 4
    )
    assert "no held message" in capsys.readouterr().err
    assert (
        main(["quarantine", "--records", "files", "--spool", str(tmp_path / "none"), "list"]) == 4
    )
    assert "not a gateway spool" in capsys.readouterr().err
