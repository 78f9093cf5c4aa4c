"""The sweep's link to the core engine: text extraction (core.textio) and detection (core.detect).

The sweep has no detection or extraction of its own. `Engine` bundles the calls a worker makes
so a test or a benchmark can swap one; the default is the real core, imported when first used so
the driver process stays light.

Text is analysed in chunks of `CHUNK_CHARS` with a small overlap (textio's TextChunk contract):
memory stays bounded on a large file, and a span in an overlap is counted once, in the chunk
where it ends past the overlap.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CHUNK_CHARS = 50_000
OVERLAP = 400

_RANK = {"none": 0, "personal": 1, "sensitive": 2}


class ExtractFailed(Exception):
    """The extractor refused the input. `kind` is a sweep problem kind, `reason` the
    extractor's own phrase (it never quotes content)."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    overlap: int  # leading characters repeated from the previous chunk


@dataclass(frozen=True, slots=True)
class Verdict:
    classification: str
    categories: tuple[str, ...]
    counts: dict[str, int]


class Engine:
    """Extraction and detection through the core. Subclass to swap either half."""

    def check(self) -> None:
        """Import the core now, so a broken install fails once, plainly, not on every file."""
        from safehaven.core import textio  # noqa: F401
        from safehaven.core.detect import analyse  # noqa: F401

    def chunks_file(self, path: str, max_bytes: int) -> Iterator[Chunk]:
        from safehaven.core import textio

        with _translated(textio):
            for chunk in textio.iter_text_chunks(
                path,
                chunk_chars=CHUNK_CHARS,
                overlap=OVERLAP,
                max_bytes=max_bytes,
                max_stream_bytes=max_bytes,
            ):
                yield Chunk(chunk.text, chunk.overlap)

    def chunks_message(self, raw: bytes, max_bytes: int) -> Iterator[Chunk]:
        from safehaven.core import textio

        with _translated(textio):
            text = textio.extract_message_bytes(raw, max_bytes=max_bytes).text
        yield from split(text)

    def chunks_bytes(self, data: bytes, name: str, max_bytes: int) -> Iterator[Chunk]:
        """Text of an archive member, through the same extractor as a file on disk."""
        from safehaven.core import textio

        with _translated(textio):
            text = textio.extract_bytes(data, name=name, max_bytes=max_bytes).text
        yield from split(text)

    def analyse(self, text: str) -> Any:
        from safehaven.core.detect import analyse

        return analyse(text)


def split(text: str) -> Iterator[Chunk]:
    """Slices of `text` of CHUNK_CHARS new characters, each led by OVERLAP old ones."""
    if not text:
        return
    emitted = 0
    while emitted < len(text):
        lead = min(OVERLAP, emitted)
        yield Chunk(text[emitted - lead : emitted + CHUNK_CHARS], lead)
        emitted += CHUNK_CHARS


class Tally:
    """Combines per-chunk analyses as they come: worst classification, union of categories,
    counts of the spans that end past each chunk's overlap (so none is counted twice)."""

    def __init__(self) -> None:
        self.classification = "none"
        self.categories: set[str] = set()
        self.counts: Counter[str] = Counter()

    def add(self, analysis: Any, overlap: int) -> None:
        if _RANK.get(analysis.classification, 0) > _RANK[self.classification]:
            self.classification = analysis.classification
        self.categories.update(analysis.special_categories)
        self.counts.update(span.type for span in analysis.spans if span.end > overlap)

    def verdict(self) -> Verdict:
        return Verdict(
            self.classification, tuple(sorted(self.categories)), dict(sorted(self.counts.items()))
        )


class _translated:
    """Turn textio's ExtractionError into what the worker counts: OS errors stay OS errors (so
    the file is retried next run), a refusal becomes ExtractFailed with a problem kind."""

    def __init__(self, textio: Any) -> None:
        self.error = textio.ExtractionError

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or not isinstance(exc, self.error):
            return False
        reason = str(getattr(exc, "reason", "") or type(exc).__name__)[:200]
        if reason.startswith("permission denied"):
            raise PermissionError(13, "Permission denied") from None
        if reason.startswith("no such file"):
            raise FileNotFoundError(2, "No such file or directory") from None
        kind = "too-large" if reason.startswith("file larger than") else "extraction-failed"
        raise ExtractFailed(kind, reason) from None


def suffix_of(name: str) -> str:
    return os.path.splitext(name.lower())[1]
