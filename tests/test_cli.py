"""The `safehaven` entry point: no traceback when the reader of its output goes away."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_output_pipe_ends_quietly(tmp_path):
    eml = tmp_path / "d.eml"
    eml.write_bytes(
        b"From: officer@ashby.sch.uk\r\nTo: sarah.jones@leics.gov.uk\r\nSubject: t\r\n\r\n"
        b"Jayden Smith has a child protection plan.\r\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "safehaven", "check-email", str(eml), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # as `| head -0` would, before the command writes anything
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    assert proc.returncode == 141
