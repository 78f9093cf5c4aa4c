"""`safehaven scan` and `safehaven desensitise` run as real processes."""

import json
import subprocess
import sys

import pytest


def run_cli(*args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "safehaven", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_jsonl_contract_one_output_line_per_input_line():
    lines = [
        {"id": "a", "text": "Jayden Smith (DOB 03/04/2015) has a child protection plan."},
        {"id": 2, "text": "The health and safety inspection is on Monday."},
        {"id": "c", "text": "UPN B801200005001"},
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines).encode()
    proc = run_cli("scan", "--jsonl", "-", stdin=stdin)
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 3
    assert [o["id"] for o in out] == ["a", 2, "c"]
    assert out[0]["classification"] == "sensitive"
    assert out[0]["special_categories"] == ["safeguarding"]
    assert out[1] == {"id": 2, "classification": "none", "special_categories": [], "findings": []}
    for o, doc in zip(out, lines, strict=True):
        assert set(o) == {"id", "classification", "special_categories", "findings"}
        for f in o["findings"]:
            assert set(f) == {"type", "start", "end", "score"}
            assert 0 <= f["start"] < f["end"] <= len(doc["text"])
    finding = out[2]["findings"][0]
    assert lines[2]["text"][finding["start"] : finding["end"]] == "B801200005001"
    assert proc.returncode == 1


def test_jsonl_offsets_are_python_string_indices_for_non_ascii_text():
    text = "Ünïcödé 😀 note: Zofia Wiśniewska, NHS number 943 476 5870"
    proc = run_cli(
        "scan", "--jsonl", "-", stdin=(json.dumps({"id": 1, "text": text}) + "\n").encode()
    )
    (out,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    spans = {text[f["start"] : f["end"]] for f in out["findings"]}
    assert "943 476 5870" in spans


def test_jsonl_bad_lines_give_error_lines_not_a_crash():
    stdin = b'not json\n\xff\xfe\n{"id": 7}\n[1, 2]\n{"id": 8, "text": "nothing here"}\n'
    proc = run_cli("scan", "--jsonl", "-", stdin=stdin)
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 5
    assert all("error" in o for o in out[:4])
    assert out[2]["id"] == 7
    assert out[4]["classification"] == "none"
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 2


def test_jsonl_empty_input_gives_no_output_and_exit_zero():
    proc = run_cli("scan", "--jsonl", "-")
    assert proc.stdout == b""
    assert proc.returncode == 0


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "letter.txt").write_text("Dear Mrs Patel, Amelia's NHS number is 943 476 5870.")
    (tmp_path / "clean.txt").write_text("The hall is booked for Monday.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 menu".encode("latin-1"))
    return tmp_path


def test_scan_folder_reports_files_and_one_line_errors(folder):
    proc = run_cli("scan", "--json", str(folder))
    doc = json.loads(proc.stdout)
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in doc["files"]}
    assert by_name["letter.txt"]["classification"] == "personal"
    assert by_name["clean.txt"]["classification"] == "none"
    assert by_name["empty.txt"]["classification"] == "none"
    errors = {e["path"].rsplit("/", 1)[-1] for e in doc["errors"]}
    assert "binary.bin" in errors
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr


def test_scan_table_says_what_was_not_read(folder):
    """The table's "none" for an empty file is explained on stderr, one line naming the file;
    the exit status is unchanged (an empty file is not an error)."""
    proc = run_cli("scan", str(folder / "empty.txt"), str(folder / "clean.txt"))
    err = proc.stderr.decode()
    assert "empty.txt: note: empty file: nothing to scan" in err
    assert "clean.txt" not in err
    assert proc.returncode == 0


def test_scan_table_output_and_error_lines(folder):
    proc = run_cli("scan", str(folder), str(folder / "missing.txt"))
    out = proc.stdout.decode()
    err = proc.stderr.decode()
    assert "letter.txt" in out
    assert "personal" in out
    assert "missing.txt: no such file or folder" in err
    assert "binary.bin:" in err
    assert all(line.startswith("safehaven scan: ") for line in err.splitlines())
    assert proc.returncode == 1


def test_scan_exit_status_zero_when_nothing_personal(tmp_path):
    (tmp_path / "clean.txt").write_text("The hall is booked for Monday.")
    assert run_cli("scan", str(tmp_path / "clean.txt")).returncode == 0


def test_scan_exit_status_two_for_missing_path_or_no_arguments():
    assert run_cli("scan", "/no/such/path").returncode == 2
    assert run_cli("scan").returncode == 2


def test_scan_oversized_file_is_an_error_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    proc = run_cli("scan", "--max-size", "1", str(big))
    assert "too large" in proc.stderr.decode()
    assert proc.returncode == 2


@pytest.mark.rule("EMAIL-2")
def test_desensitise_command_prints_the_rewritten_text_and_changes():
    text = "Jayden Smith (UPN B801200005001) phoned from 07700 900123. Jayden is fine.\n"
    proc = run_cli("desensitise", "-", "--show-changes", stdin=text.encode())
    out = proc.stdout.decode()
    assert "J.S. (UPN B801200005001) phoned from [phone]. J.S. is fine." in out
    assert "PHONE_NUMBER" in proc.stderr.decode()
    assert proc.returncode == 0


def test_desensitise_command_bad_input(tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    proc = run_cli("desensitise", str(binary))
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1
    assert run_cli("desensitise", str(tmp_path / "nope.txt")).returncode == 2
    proc = run_cli("desensitise", "-", stdin=b"caf\xe9 \xfa not utf8 \xc3")
    assert proc.returncode == 2
    assert b"not valid UTF-8" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_jsonl_from_a_file_path(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "UPN B801200005001"}\n{"id": 2, "text": "hello"}\n')
    proc = run_cli("scan", "--jsonl", str(source))
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [o["classification"] for o in out] == ["personal", "none"]
    assert proc.returncode == 1


@pytest.mark.rule("SENS-2")
def test_scan_reads_the_dpo_extra_terms_file(tmp_path):
    text = "Amelia Whitworth was referred to the zorblax clinic."
    stdin = (json.dumps({"id": 1, "text": text}) + "\n").encode()
    proc = run_cli("scan", "--jsonl", "-", stdin=stdin)
    (plain,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert plain["classification"] == "personal"
    terms = tmp_path / "terms.toml"
    terms.write_text('[health]\nterms = ["zorblax clinic"]\n', encoding="utf-8")
    proc = run_cli("scan", "--jsonl", "-", "--extra-terms", str(terms), stdin=stdin)
    (out,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert (out["classification"], out["special_categories"]) == ("sensitive", ["health"])
    doc = tmp_path / "note.txt"
    doc.write_text(text, encoding="utf-8")
    files = run_cli("scan", str(doc), "--json", "--no-progress", "--extra-terms", str(terms))
    assert json.loads(files.stdout)["files"][0]["special_categories"] == ["health"]
    missing = run_cli("scan", str(doc), "--extra-terms", str(tmp_path / "none.toml"))
    assert missing.returncode == 2
    assert missing.stdout == b""
    assert b"no such file; write it with `safehaven policy export-terms" in missing.stderr
    assert b"Traceback" not in missing.stderr
