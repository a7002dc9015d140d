"""Text pasted from a web page or a word processor: HTML tags, HTML entities and scare quotes.

The drafter reads a cleaned copy of the text (block tags such as ``<p>``, ``<br>``, ``</div>``, ``<li>`` become
paragraph breaks, other tags vanish, ``&amp;`` ``&nbsp;`` ``&#8217;`` are decoded, quotes around a few lowercase
words are dropped so ``Russia “supplies” Armenia`` reads as a verb) and every offset of the result is mapped back
onto the text as given, so each span still quotes the original: ``text[span.start:span.end] == span.quote``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

from realpolitik.draft.evidence import Evidence, Sentence, Span

_T = TypeVar("_T")
_BLOCK = (r"(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|thead|tbody|blockquote|section|article|header|footer|hr|dd|"
          r"dt|dl|pre)")
_MARKUP = re.compile(
    rf"(?P<block><\s*/?\s*{_BLOCK}\b[^<>]*>)"
    r"|(?P<tag><\s*/?\s*[A-Za-z][\w:-]*(?:\s[^<>]*)?/?\s*>|<!--.*?-->)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    # scare quotes: a quote opening after a space or bracket around one to four lowercase words
    r"|(?:(?<=[\s(])|^)(?P<open>[\"“‘'])(?=[a-z][a-z-]*(?:\s[a-z][a-z-]*){0,3}[\"”’'](?![\w]))"
    r"|(?<=[a-z])(?P<close>[\"”’'])(?![\w])",
    re.DOTALL)


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text and, for each of its characters, where it comes from in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map cleaned offsets [start, end) onto the original text."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]


def clean(text: str) -> Cleaned | None:
    """The cleaned copy of `text`, or None when it holds no markup, entity or scare quote."""
    if not _MARKUP.search(text):
        return None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    open_quote = False
    for m in _MARKUP.finditer(text):
        if m.group("close") is not None and not open_quote:
            continue  # an apostrophe ("the Kurds' allies"), kept as text
        _keep(text, pos, m.start(), pieces, starts, ends)
        pos = m.end()
        if m.group("block") is not None:
            _put("\n\n", m.start(), m.end(), pieces, starts, ends)
        elif m.group("entity") is not None:
            decoded = html.unescape(m.group(0)).replace("\xa0", " ")
            _put(decoded, m.start(), m.end(), pieces, starts, ends)
        open_quote = m.group("open") is not None
    _keep(text, pos, len(text), pieces, starts, ends)
    cleaned = "".join(pieces)
    return None if cleaned == text else Cleaned(cleaned, tuple(starts), tuple(ends))


def _keep(text: str, start: int, end: int, pieces: list[str], starts: list[int], ends: list[int]) -> None:
    pieces.append(text[start:end])
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))


def _put(replacement: str, start: int, end: int, pieces: list[str], starts: list[int], ends: list[int]) -> None:
    pieces.append(replacement)
    starts.extend([start] * len(replacement))
    ends.extend([end] * len(replacement))


def restore(item: _T, cleaned: Cleaned, original: str) -> _T:
    """Return `item` (a sentence, span, evidence, mention or any drafted item holding them, or a list of these)
    with every offset and quote mapped from the cleaned text onto `original`."""
    return _restore(item, cleaned, original)


def _restore(item: Any, cleaned: Cleaned, original: str) -> Any:
    if isinstance(item, list):
        return [_restore(x, cleaned, original) for x in item]
    if isinstance(item, Sentence | Span):
        start, end = cleaned.to_original(item.start, item.end)
        if isinstance(item, Span):
            return Span(start, end, original[start:end])
        return Sentence(item.index, start, end, original[start:end])
    if isinstance(item, Evidence):
        return Evidence(_restore(item.sentence, cleaned, original), _restore(item.span, cleaned, original))
    if not is_dataclass(item) or isinstance(item, type):
        return item
    changes: dict[str, Any] = {}
    names = {f.name for f in fields(item)}
    if {"start", "end", "text"} <= names:  # a mention
        changes["start"], changes["end"] = cleaned.to_original(item.start, item.end)  # type: ignore[attr-defined]
        changes["text"] = original[changes["start"]:changes["end"]]
    for name in names - {"start", "end", "text"}:
        value = getattr(item, name)
        if isinstance(value, Evidence | list) or is_dataclass(value) and not isinstance(value, type):
            changes[name] = _restore(value, cleaned, original)
    return replace(item, **changes)
