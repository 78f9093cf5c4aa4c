"""The sweep's link to the core engine: text extraction (core.textio) and detection (core.detect).

The sweep writes no detection or extraction of its own. `Engine` bundles the three calls a worker
makes so a test or a benchmark can pass another one; the default is the real core, imported when
first used so the driver process stays light.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

# Text longer than this is analysed in pieces split at line ends, so one huge file cannot hold a
# worker's memory hostage. Counts add up; classification takes the worst piece.
CHUNK_CHARS = 1_000_000

_RANK = {"none": 0, "personal": 1, "sensitive": 2}


class ExtractFailed(Exception):
    """The extractor refused the input; `reason` is the extractor's own phrase (no content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Verdict:
    classification: str
    categories: tuple[str, ...]
    counts: dict[str, int]


class Engine:
    """Extraction and detection through the core. Subclass to swap either half."""

    def extract_file(self, path: str, max_bytes: int) -> str:
        from safehaven.core import textio

        try:
            return textio.extract_text(path, max_bytes=max_bytes).text
        except textio.ExtractionError as exc:
            raise ExtractFailed(_reason_of(exc)) from None

    def extract_message(self, raw: bytes) -> str:
        from safehaven.core import textio

        try:
            return textio.extract_message_bytes(raw).text
        except textio.ExtractionError as exc:
            raise ExtractFailed(_reason_of(exc)) from None

    def extract_bytes(self, data: bytes, name: str, max_bytes: int) -> str:
        """Text of an archive member, through the same extractor as a file on disk."""
        if name.lower().endswith(".eml"):
            return self.extract_message(data)
        suffix = os.path.splitext(name)[1][:16]
        with tempfile.NamedTemporaryFile(suffix=suffix, prefix="safehaven-sweep-") as tmp:
            tmp.write(data)
            tmp.flush()
            return self.extract_file(tmp.name, max_bytes)

    def analyse(self, text: str) -> Any:
        from safehaven.core.detect import analyse

        return analyse(text)

    def verdict(self, text: str) -> Verdict:
        classification = "none"
        categories: set[str] = set()
        counts: Counter[str] = Counter()
        for piece in _pieces(text):
            analysis = self.analyse(piece)
            if _RANK.get(analysis.classification, 0) > _RANK[classification]:
                classification = analysis.classification
            categories.update(analysis.special_categories)
            counts.update(span.type for span in analysis.spans)
        return Verdict(classification, tuple(sorted(categories)), dict(sorted(counts.items())))


def _pieces(text: str):
    if len(text) <= CHUNK_CHARS:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        yield text[start:end]
        start = end


def _reason_of(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason) if reason else type(exc).__name__
