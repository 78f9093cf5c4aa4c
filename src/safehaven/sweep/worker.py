"""What runs inside a worker: turn a batch of sources into item results.

A source is one file on disk. It becomes one item (a document, an .eml), or many (the members of
a zip, the messages of an mbox). Every failure is caught here and turned into a problem with a
fixed phrase, so a bad file never stops a batch and no content leaves the worker.
"""

from __future__ import annotations

import io
import lzma
import mailbox
import os
import socket
import time
import zipfile
import zlib
from dataclasses import dataclass, field

from safehaven.sweep.engine import Engine, ExtractFailed, Tally
from safehaven.sweep.model import BatchResult, ItemResult, Problem, Source, SourceResult

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Zip-bomb limits, applied to bytes actually read (headers can lie)."""

    max_members: int = 10_000
    max_total_bytes: int = 1024 * MB
    max_ratio: float = 200.0  # uncompressed/compressed, checked for members over 1 MB
    max_depth: int = 1  # a zip inside a zip is opened; one inside that is not


@dataclass(frozen=True, slots=True)
class ScanOptions:
    max_bytes: int = 64 * MB  # per item: larger files are scanned up to this many bytes
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    engine: Engine = field(default_factory=Engine)
    # The DPO's extra special-category terms ((category, (term, ...)), ...): carried with each
    # batch so that a worker on another machine uses them without a file of its own.
    extra_terms: tuple = ()


MBOX_SUFFIXES = (".mbox", ".mbx")
MESSAGE_SUFFIXES = (".eml",)
ZIP_SUFFIXES = (".zip",)
# Files whose type the extractor decides by suffix; anything else is sniffed for an mbox.
_KNOWN = ".txt .text .csv .tsv .log .md .rtf .html .htm .xml .json .pdf .docx .doc .xlsx .xls"
KNOWN_SUFFIXES = frozenset((_KNOWN + " .odt .pptx .msg .eml .zip .mbox .mbx").split(" "))


def scan_batch(sources: list[Source], options: ScanOptions) -> BatchResult:
    """Scan every source in the batch; the timing is measured here, inside the worker."""
    started = time.time()
    t0 = time.perf_counter()
    c0 = time.process_time()
    if options.extra_terms:
        from safehaven.core.detect.extra_terms import activate

        activate(options.extra_terms)  # once per worker process: cheap when already in force
    results = [scan_source(source, options) for source in sources]
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    return BatchResult(
        results=results,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        started=started,
        seconds=seconds,
        bytes=sum(r.bytes_read for r in results),
        cpu_seconds=cpu_seconds,
    )


def scan_source(source: Source, options: ScanOptions) -> SourceResult:
    result = SourceResult(source=source, status="done")
    try:
        before = os.stat(source.path)
    except FileNotFoundError:
        result.status = "vanished"
        result.problems.append(Problem("vanished", source.path, reason="deleted before scanning"))
        return result
    except OSError as exc:
        return _unreadable(result, exc)
    result.size, result.mtime_ns = before.st_size, before.st_mtime_ns
    try:
        _scan_by_kind(source, before, options, result)
    except FileNotFoundError:
        result.status = "vanished"
        result.items.clear()
        result.problems.append(Problem("vanished", source.path, reason="deleted while scanning"))
        return result
    except OSError as exc:
        result.items.clear()
        return _unreadable(result, exc)
    try:
        after = os.stat(source.path)
    except FileNotFoundError:
        result.status = "vanished"
        result.items.clear()
        result.problems.append(Problem("vanished", source.path, reason="deleted while scanning"))
        return result
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        # What was read may be half old, half new: keep nothing and let the next run rescan.
        result.status = "changed"
        result.items.clear()
        result.problems.append(Problem("changed", source.path, reason="modified while scanning"))
    return result


def _unreadable(result: SourceResult, exc: OSError) -> SourceResult:
    result.status = "error"
    reason = exc.strerror or type(exc).__name__
    result.problems.append(Problem("unreadable", result.source.path, reason=reason))
    return result


def _scan_by_kind(
    source: Source, st: os.stat_result, options: ScanOptions, result: SourceResult
) -> None:
    engine = options.engine
    name = os.path.basename(source.path).lower()
    suffix = os.path.splitext(name)[1]
    if source.kind == "maildir":
        item = _new_item(source.container, source.member, "message", st)
        raw = _read_bounded(source.path, options.max_bytes, item, result)
        if raw is not None:
            _fill(item, options, result, lambda: engine.chunks_message(raw, options.max_bytes))
    elif suffix in ZIP_SUFFIXES:
        _scan_zip(source, st, options, result)
    elif (
        suffix in MBOX_SUFFIXES
        or name == "mbox"
        or (suffix not in KNOWN_SUFFIXES and _looks_like_mbox(source.path))
    ):
        _scan_mbox(source, st, options, result)
    elif suffix in MESSAGE_SUFFIXES:
        item = _new_item(source.path, "", "message", st)
        raw = _read_bounded(source.path, options.max_bytes, item, result)
        if raw is not None:
            _fill(item, options, result, lambda: engine.chunks_message(raw, options.max_bytes))
    else:
        item = _new_item(source.path, "", suffix.lstrip(".") or "file", st)
        result.bytes_read += min(st.st_size, options.max_bytes)
        _fill(item, options, result, lambda: engine.chunks_file(source.path, options.max_bytes))


def _new_item(path: str, member: str, kind: str, st: os.stat_result) -> ItemResult:
    return ItemResult(path=path, member=member, kind=kind, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _fill(item: ItemResult, options: ScanOptions, result: SourceResult, chunks) -> None:
    """Extract, detect and record one item; extraction or detection failures become problems.
    OS errors propagate: the whole source is then unreadable and retried next run."""
    tally = Tally()
    try:
        for chunk in chunks():
            try:
                analysis = options.engine.analyse(chunk.text)
            except Exception as exc:  # noqa: BLE001 - a detector bug must not stop the sweep
                _item_error(item, result, "scan-failed", type(exc).__name__)
                return
            tally.add(analysis, chunk.overlap)
    except ExtractFailed as exc:
        _item_error(item, result, exc.kind, exc.reason)
        return
    except (OSError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a parser's bug must not stop the sweep
        _item_error(item, result, "extraction-failed", type(exc).__name__)
        return
    verdict = tally.verdict()
    item.classification = verdict.classification
    item.categories = verdict.categories
    item.counts = verdict.counts
    result.items.append(item)


def _item_error(item: ItemResult, result: SourceResult, kind: str, reason: str) -> None:
    item.status = "error"
    item.reason = reason[:200]
    result.items.append(item)
    result.problems.append(Problem(kind, item.path, item.member, item.reason))


TOO_LARGE = "larger than --max-size: not scanned"


def _read_bounded(
    path: str, max_bytes: int, item: ItemResult, result: SourceResult
) -> bytes | None:
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        _item_error(item, result, "too-large", TOO_LARGE)
        return None
    result.bytes_read += len(data)
    return data


def _looks_like_mbox(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(5) == b"From "


def _scan_mbox(
    source: Source, st: os.stat_result, options: ScanOptions, result: SourceResult
) -> None:
    try:
        box = mailbox.mbox(source.path, create=False)
        keys = box.keys()
    except (mailbox.Error, UnicodeError, ValueError) as exc:
        _item_error(
            _new_item(source.path, "", "mbox", st), result, "broken-archive", type(exc).__name__
        )
        return
    if not keys and st.st_size > 0:
        box.close()
        item = _new_item(source.path, "", "mbox", st)
        _item_error(item, result, "broken-archive", "no messages found in the mbox file")
        return
    try:
        for key in keys:
            try:
                raw = box.get_bytes(key)
            except (mailbox.Error, KeyError, ValueError) as exc:
                item = _new_item(source.path, str(key), "message", st)
                _item_error(item, result, "broken-archive", type(exc).__name__)
                continue
            item = _new_item(source.path, str(key), "message", st)
            item.size = len(raw)
            if len(raw) > options.max_bytes:
                _item_error(item, result, "too-large", TOO_LARGE)
                continue
            result.bytes_read += len(raw)
            _fill(
                item,
                options,
                result,
                lambda raw=raw: options.engine.chunks_message(raw, options.max_bytes),
            )
    finally:
        box.close()


def _scan_zip(
    source: Source, st: os.stat_result, options: ScanOptions, result: SourceResult
) -> None:
    try:
        with zipfile.ZipFile(source.path) as zf:
            budget = [options.zip_limits.max_total_bytes]
            _scan_zip_members(zf, source.path, "", 0, st, options, result, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError) as exc:
        reason = (
            "not a valid ZIP archive"
            if isinstance(exc, zipfile.BadZipFile)
            else (type(exc).__name__)
        )
        _item_error(_new_item(source.path, "", "zip", st), result, "broken-archive", reason)


def _scan_zip_members(
    zf: zipfile.ZipFile,
    path: str,
    prefix: str,
    depth: int,
    st: os.stat_result,
    options: ScanOptions,
    result: SourceResult,
    budget: list[int],
) -> None:
    limits = options.zip_limits
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        result.problems.append(
            Problem("archive-limit", path, prefix, f"more than {limits.max_members} members")
        )
        infos = infos[: limits.max_members]
    for info in infos:
        member = prefix + info.filename
        item = _new_item(path, member, _member_kind(info.filename), st)
        item.size = info.file_size
        item.mtime_ns = _zip_mtime_ns(info, st)
        if info.flag_bits & 0x1:
            _item_error(item, result, "unreadable", "encrypted archive member")
            continue
        is_zip = info.filename.lower().endswith(ZIP_SUFFIXES)
        if is_zip and depth >= limits.max_depth:
            _item_error(item, result, "archive-limit", "zip nested too deep: not opened")
            continue
        if (
            info.file_size > MB
            and info.compress_size > 0
            and info.file_size / info.compress_size > limits.max_ratio
        ):
            _item_error(item, result, "archive-limit", "compression ratio too high (zip bomb?)")
            continue
        cap = min(options.max_bytes, budget[0])
        if cap <= 0:
            result.problems.append(
                Problem("archive-limit", path, member, "archive total size limit reached")
            )
            return
        try:
            with zf.open(info) as fh:
                data = fh.read(cap + 1)
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
            NotImplementedError,
            ValueError,
            zlib.error,
            lzma.LZMAError,
        ) as exc:
            if isinstance(exc, FileNotFoundError | PermissionError):
                raise
            _item_error(item, result, "broken-archive", type(exc).__name__)
            continue
        except RuntimeError:
            _item_error(item, result, "unreadable", "encrypted archive member")
            continue
        if len(data) > cap:
            if cap == options.max_bytes:
                _item_error(item, result, "too-large", TOO_LARGE)
            else:
                _item_error(item, result, "archive-limit", "archive total size limit reached")
            continue
        budget[0] -= len(data)
        result.bytes_read += len(data)
        if is_zip:
            try:
                inner = zipfile.ZipFile(io.BytesIO(data))
            except (zipfile.BadZipFile, ValueError) as exc:
                _item_error(item, result, "broken-archive", type(exc).__name__)
                continue
            with inner:
                _scan_zip_members(
                    inner, path, member + "!/", depth + 1, st, options, result, budget
                )
            continue
        _fill(
            item,
            options,
            result,
            lambda data=data, name=info.filename: options.engine.chunks_bytes(
                data, name, options.max_bytes
            ),
        )


def _member_kind(name: str) -> str:
    return os.path.splitext(name.lower())[1].lstrip(".") or "file"


def _zip_mtime_ns(info: zipfile.ZipInfo, st: os.stat_result) -> int:
    import datetime as dt

    try:
        stamp = dt.datetime(*info.date_time, tzinfo=dt.UTC)
    except ValueError:
        return st.st_mtime_ns
    return int(stamp.timestamp()) * 1_000_000_000
