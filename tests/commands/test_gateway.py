"""`safehaven gateway` as a process: starts, relays, stops cleanly; bad options are refused."""

from __future__ import annotations

import signal
import smtplib
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from safehaven.cli import main
from tests.gateway.conftest import Sink
from tests.ports import free_port

SAFEHAVEN = str(Path(sys.executable).with_name("safehaven"))


def _wait(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gateway did not start")


def test_gateway_command_relays_and_stops_on_sigterm(tmp_path):
    sink = Sink()
    sink_port, port = free_port(), free_port()
    ctl = Controller(sink, hostname="127.0.0.1", port=sink_port)
    ctl.start()
    proc = subprocess.Popen(
        [
            SAFEHAVEN,
            "gateway",
            "--records",
            "files",
            "--listen",
            f"127.0.0.1:{port}",
            "--relay",
            f"127.0.0.1:{sink_port}",
            "--spool",
            str(tmp_path / "spool"),
            "--executor",
            "thread",
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait(port, proc)
        m = EmailMessage()
        m["From"] = "officer@ashby.sch.uk"
        m["To"] = "colleague@ashby.sch.uk"
        m["Subject"] = "Room"
        m.set_content("Room 4 on Thursday.")
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.send_message(m)
        assert len(sink.messages) == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        out = proc.stdout.read()
        assert "listening on" in out
        assert "colleague@ashby.sch.uk" not in out  # no addresses in the log
        assert (tmp_path / "spool" / "gateway.json").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
        ctl.stop()


def test_bad_listen_address_is_one_plain_line(tmp_path, capsys):
    code = main(
        ["gateway", "--listen", "nonsense", "--relay", "127.0.0.1:25", "--spool", str(tmp_path)]
    )
    err = capsys.readouterr().err
    assert code == 4
    assert "HOST:PORT" in err
    assert "Traceback" not in err
