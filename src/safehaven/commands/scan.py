"""`safehaven scan`: find personal and sensitive data in files, folders or a JSONL stream.

Exit status (for scripts):
  0  everything was read and nothing personal was found
  1  personal or sensitive data was found (in at least one file or line)
  2  a usage error, or nothing was found but at least one file could not be read

Machine contract, `safehaven scan --jsonl -`: each input line {"id": ..., "text": ...} gives
exactly one output line {"id", "classification", "special_categories": [...],
"findings": [{"type", "start", "end", "score"}]} (offsets are Python string indices). A line that
cannot be used gives {"id": <id or null>, "error": "..."} instead. Blank input lines are skipped.
Each output line is flushed as soon as it is written, so memory stays bounded.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
DEFAULT_MAX_MB = 20.0
MAX_LINE_CHARS = 5_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Exit status: 0 everything was read and nothing personal was found; 1 personal or "
        "sensitive data was found; 2 a usage error, or nothing was found but a file or line "
        'could not be read. JSONL contract: each input line {"id", "text"} gives one output '
        'line {"id", "classification", "special_categories", "findings"} or '
        '{"id", "error"}.'
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders ('-' with --jsonl)"
    )
    parser.add_argument(
        "--jsonl", action="store_true", help="read JSONL lines {id, text} from PATH or '-' (stdin)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document, not a table")
    parser.add_argument(
        "--threshold", type=float, default=0.5, help="report findings scoring at least this (0.5)"
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"skip files larger than this, with an error line ({DEFAULT_MAX_MB:g} MB)",
    )
    parser.add_argument("--explain", action="store_true", help="list each finding and why")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--extra-terms",
        metavar="FILE",
        help="the DPO's extra special-category terms (written by `safehaven policy export-terms`)",
    )


def run(args: argparse.Namespace) -> int:
    if not 0.0 <= args.threshold <= 1.0:
        print("safehaven scan: --threshold must be between 0 and 1.", file=sys.stderr)
        return EXIT_ERROR
    if args.extra_terms:
        from safehaven.core.detect.extra_terms import ExtraTermsError, activate, load_terms_file

        try:
            activate(load_terms_file(args.extra_terms))
        except ExtraTermsError as exc:
            print(f"safehaven scan: --extra-terms {exc}", file=sys.stderr)
            return EXIT_ERROR
    if args.jsonl:
        sources = args.paths or ["-"]
        status = EXIT_CLEAN
        for source in sources:
            status = max(status, _run_jsonl(source, threshold=args.threshold))
        return status
    if not args.paths:
        print(
            "safehaven scan: name at least one file or folder (or use --jsonl -).", file=sys.stderr
        )
        return EXIT_ERROR
    return _run_files(args)


# --- JSONL ---------------------------------------------------------------------------------------


def _policy(threshold: float):
    from safehaven.core.detect.model import Policy

    return Policy(threshold=threshold)


_ANALYSE: list = []  # the engine's `analyse`, imported at the first line (not per line)


def _load_analyse():
    from safehaven.core.detect import analyse

    _ANALYSE.append(analyse)
    return analyse


def jsonl_record(raw: bytes, line_no: int, *, policy=None) -> dict:
    """The output object for one input line (never raises)."""
    analyse = _ANALYSE[0] if _ANALYSE else _load_analyse()
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"id": None, "error": f"line {line_no}: not valid UTF-8"}
    try:
        doc = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"line {line_no}: not valid JSON ({exc.msg})"}
    if not isinstance(doc, dict):
        return {"id": None, "error": f"line {line_no}: expected an object with 'id' and 'text'"}
    doc_id = doc.get("id")
    text = doc.get("text")
    if not isinstance(text, str):
        return {"id": doc_id, "error": f"line {line_no}: 'text' is missing or not a string"}
    if len(text) > MAX_LINE_CHARS:
        return {"id": doc_id, "error": f"line {line_no}: text longer than {MAX_LINE_CHARS} chars"}
    try:
        result = analyse(text, policy=policy)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the stream
        return {"id": doc_id, "error": f"line {line_no}: could not analyse ({type(exc).__name__})"}
    return {
        "id": doc_id,
        "classification": result.classification,
        "special_categories": list(result.special_categories),
        "findings": [
            {"type": s.type, "start": s.start, "end": s.end, "score": round(s.score, 3)}
            for s in result.spans
        ],
    }


# What `json.dumps(record, ensure_ascii=False)` calls, made once: dumps builds a new encoder for
# every line when an argument differs from its defaults.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _run_jsonl(source: str, *, threshold: float) -> int:
    policy = _policy(threshold)
    if source == "-":
        stream = sys.stdin.buffer
        close = False
    else:
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            print(f"safehaven scan: {source}: cannot open ({exc.strerror})", file=sys.stderr)
            return EXIT_ERROR
        close = True
    out = sys.stdout
    status = EXIT_CLEAN
    # The engine's start (imports, word lists, indexes: built at the first document) allocates
    # hundreds of thousands of long-lived objects, and the cyclic garbage collector scanned
    # them again and again: ~60 ms of CPU per process, ~1/8 of the start. Collection waits
    # until the first document is done, and what was built by then is frozen (never scanned
    # again; it lives as long as the process). Results do not depend on collection. (A stream
    # of bad lines turns collection back on by its 100th line: error paths make cycles.)
    warming = gc.isenabled()
    if warming:
        gc.disable()
    try:
        for line_no, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            record = jsonl_record(raw.rstrip(b"\r\n"), line_no, policy=policy)
            if "error" in record:
                status = max(status, EXIT_ERROR) if status != EXIT_FOUND else status
            elif record["classification"] != "none":
                status = EXIT_FOUND
            out.write(_encode(record) + "\n")
            out.flush()
            if warming and ("error" not in record or line_no > 100):
                warming = _warmed()
    except BrokenPipeError:
        return status
    finally:
        if warming:
            _warmed()
        if close:
            stream.close()
    return status


def _warmed() -> bool:
    """Collection back on after the first document, with what was built until then frozen."""
    gc.freeze()
    gc.enable()
    return False


# --- files ---------------------------------------------------------------------------------------


@dataclass
class FileResult:
    path: str
    classification: str = "none"
    special_categories: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    error: str | None = None


def _walk(paths: list[str], errors: list[FileResult]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(FileResult(raw, error="no such file or folder"))
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name
        else:
            yield path


# A large export can hold millions of findings: count them all, keep the first ones for display.
MAX_FINDINGS_KEPT = 1000
CHUNK_CHARS = 200_000
CHUNK_OVERLAP = 400


def _scan_file(path: Path, max_bytes: int, policy) -> FileResult:
    """Scan one file in chunks (plain text is streamed), so memory stays bounded."""
    from safehaven.core import textio
    from safehaven.core.detect import analyse

    result = FileResult(str(path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        result.error = f"cannot read ({exc.strerror})"
        return result
    if size > max_bytes:
        result.error = (
            f"too large ({size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:g} MB, "
            "see --max-size)"
        )
        return result
    rank = {"none": 0, "personal": 1, "sensitive": 2}
    categories: set[str] = set()
    reasons: list[str] = []
    try:
        chunks = textio.iter_text_chunks(
            path,
            chunk_chars=CHUNK_CHARS,
            overlap=CHUNK_OVERLAP,
            max_bytes=max_bytes,
            max_stream_bytes=max_bytes,
        )
        for chunk in chunks:
            if chunk.notes:
                result.notes.extend(chunk.notes)
            analysis = analyse(chunk.text, policy=policy)
            for span in analysis.spans:
                if chunk.start and span.end <= chunk.overlap:
                    continue  # already seen at the end of the previous chunk
                result.counts[span.type] += 1
                if len(result.findings) < MAX_FINDINGS_KEPT:
                    result.findings.append(
                        replace(span, start=span.start + chunk.start, end=span.end + chunk.start)
                    )
            categories.update(analysis.special_categories)
            if rank[analysis.classification] > rank[result.classification]:
                result.classification = analysis.classification
            reasons.extend(r for r in analysis.reasons if r not in reasons)
    except textio.ExtractionError as exc:
        return FileResult(str(path), error=exc.reason)
    except Exception as exc:  # noqa: BLE001 - a broken file must not stop the scan
        return FileResult(str(path), error=f"could not read ({type(exc).__name__})")
    result.special_categories = sorted(categories)
    result.reasons = reasons[:6]
    return result


def _run_files(args: argparse.Namespace) -> int:
    policy = _policy(args.threshold)
    max_bytes = int(args.max_size * 1_048_576)
    errors: list[FileResult] = []
    files = list(_walk(args.paths, errors))
    results: list[FileResult] = []
    show_progress = (
        not args.no_progress
        and not args.json
        and sys.stderr.isatty()
        and any(Path(p).is_dir() for p in args.paths)
    )
    if show_progress:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("Scanning", total=len(files))
            for path in files:
                results.append(_scan_file(path, max_bytes, policy))
                progress.advance(task)
    else:
        results = [_scan_file(path, max_bytes, policy) for path in files]
    errors.extend(r for r in results if r.error)
    ok = [r for r in results if not r.error]
    if args.json:
        _print_json(ok, errors)
    else:
        for e in errors:
            print(f"safehaven scan: {e.path}: {e.error}", file=sys.stderr)
        _print_table(ok, explain=args.explain)
        # What was not (fully) read: an empty file, pages without text, a skipped attachment.
        # A "none" in the table means nothing was found in what could be read.
        for r in ok:
            for note in dict.fromkeys(r.notes):
                print(f"safehaven scan: {r.path}: note: {note}", file=sys.stderr)
    if any(r.classification != "none" for r in ok):
        return EXIT_FOUND
    return EXIT_ERROR if errors else EXIT_CLEAN


def _print_json(ok: list[FileResult], errors: list[FileResult]) -> None:
    doc = {
        "files": [
            {
                "path": r.path,
                "classification": r.classification,
                "special_categories": r.special_categories,
                "reasons": r.reasons,
                "notes": r.notes,
                "finding_counts": dict(sorted(r.counts.items())),
                "findings_truncated": sum(r.counts.values()) > len(r.findings),
                "findings": [
                    {
                        "type": s.type,
                        "start": s.start,
                        "end": s.end,
                        "score": round(s.score, 3),
                        "explanation": s.explanation,
                    }
                    for s in r.findings
                ],
            }
            for r in ok
        ],
        "errors": [{"path": e.path, "error": e.error} for e in errors],
    }
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _summary(r: FileResult) -> str:
    counts = r.counts
    return ", ".join(f"{t} x{n}" if n > 1 else t for t, n in sorted(counts.items())) or "-"


def _print_table(ok: list[FileResult], *, explain: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    # Piped output is read by people later or by grep: do not wrap long paths at 80 columns.
    console = (
        Console(highlight=False) if sys.stdout.isatty() else Console(width=240, highlight=False)
    )
    table = Table(show_lines=False)
    table.add_column("File", overflow="fold")
    table.add_column("Classification")
    table.add_column("Special categories")
    table.add_column("Findings", overflow="fold")
    style = {"none": "green", "personal": "yellow", "sensitive": "bold red"}
    for r in ok:
        table.add_row(
            r.path,
            f"[{style[r.classification]}]{r.classification}[/]",
            ", ".join(r.special_categories) or "-",
            _summary(r),
        )
    console.print(table)
    found = sum(r.classification != "none" for r in ok)
    console.print(f"{len(ok)} file(s) scanned, {found} with personal data.")
    if explain:
        for r in ok:
            if not r.findings and not r.reasons:
                continue
            console.print(f"\n[bold]{r.path}[/]")
            for reason in r.reasons:
                console.print(f"  {reason}", markup=False)
            for s in r.findings:
                console.print(
                    f"  {s.type} {s.start}-{s.end} score {s.score:.2f}: {s.explanation}",
                    markup=False,
                )
