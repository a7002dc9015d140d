"""Evidence: sentences of a text with their character offsets, and the spans every drafted item points at.

Offsets are into the text exactly as given (no normalisation), so ``text[span.start:span.end] == span.quote``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import RealpolitikError

_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "St", "vs", "etc", "e.g", "i.e", "U.S", "U.K",
                  "U.N", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")


def read_text(path: Path) -> str:
    """The UTF-8 text of `path` exactly as stored (no newline translation, so CRLF offsets and hashes match the
    file); a clear error when it is missing, a folder or not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RealpolitikError(f"{path}: no such file. Fix: give the path of the commentary's text file") from None
    except IsADirectoryError:
        raise RealpolitikError(f"{path} is a folder. Fix: give the path of a text file") from None
    except OSError as exc:
        raise RealpolitikError(f"{path}: cannot read the file ({exc.strerror}). Fix: check its permissions") from None
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> str:
    """The UTF-8 text of the bytes `raw` exactly as stored: a byte-order mark stays (U+FEFF, character 0) and CRLF
    stays, so offsets count what the file holds and the text's sha256 is the file's; a clear error naming `name`
    when it is not UTF-8. The one decoding of a text's bytes: the CLI (`read_text`), the Python API
    (``realpolitik.draft(bytes)``) and the web upload (``POST /api/drafts/upload``) all go through it."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise RealpolitikError(f"{name} is not UTF-8 text (byte {err.start}). Fix: save the commentary as plain "
                               "UTF-8 text") from None


@dataclass(frozen=True)
class Span:
    """A stretch of the text: `quote` is ``text[start:end]``."""

    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, object]:
        """Return the span as JSON-ready data."""
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index in the text, its offsets and its text."""

    index: int
    start: int
    end: int
    text: str

    def span(self, start: int, end: int) -> Span:
        """Return the span of sentence-relative offsets `start`..`end` as text offsets."""
        return Span(self.start + start, self.start + end, self.text[start:end])

    @property
    def whole(self) -> Span:
        """The whole sentence as a span."""
        return Span(self.start, self.end, self.text)


@dataclass(frozen=True)
class Evidence:
    """Why an item was drafted: the sentence that asserts it and the exact words (`span`) within it."""

    sentence: Sentence
    span: Span

    def to_dict(self) -> dict[str, object]:
        """Return the evidence as JSON-ready data (text offsets of the words and of the sentence)."""
        return {**self.span.to_dict(), "sentence": self.sentence.text, "sentence_start": self.sentence.start,
                "sentence_end": self.sentence.end}


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with their offsets; paragraph breaks always end a sentence."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _after_abbreviation(text, match.start()):
            continue
        end = match.start() + len(match.group(0).rstrip())
        _add(sentences, text, start, end if match.group(0).strip() else match.start())
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


def _after_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 6):dot])
    return bool(word) and text[dot] == "." and word.group(1).rstrip(".") in _ABBREVIATIONS


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
