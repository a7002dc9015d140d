"""Find the line of a field in scenario source text, so errors can point at it.

The TOML locator follows ``[[section]]`` headers and ``key =`` lines; the JSON locator follows the nesting of
keys and list items. Both are best effort: ``None`` when the field cannot be found (e.g. a missing key, which is
then reported at its table's header line).
"""

from __future__ import annotations

import re


def toml_line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Return the 1-based line of the field at `loc` in TOML `text` (or of its table), or ``None``."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    path: list[str] = []
    found: int | None = None
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if isinstance(part, int):
            continue
        path.append(part)
        index = parts[0] if parts and isinstance(parts[0], int) else None
        if index is not None:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(path)) + r"\s*\]\]")
            hits = [k for k in range(start, end) if header.match(lines[k])]
            if index >= len(hits):
                return found
            start = hits[index] + 1
            found = start
            nxt = [k for k in range(start, end) if re.match(r"^\s*\[", lines[k])
                   and not re.match(r"^\s*\[\[?\s*" + re.escape(".".join(path)) + r"\.", lines[k])]
            end = nxt[0] if nxt else end
        else:
            key = re.compile(r"^\s*\"?" + re.escape(part) + r"\"?\s*=")
            hits = [k for k in range(start, end) if key.match(lines[k])]
            return hits[0] + 1 if hits else found
    return found


def json_line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Return the 1-based line of the field at `loc` in JSON `text`, or ``None`` (best effort, by key search)."""
    position = 0
    for part in loc:
        if isinstance(part, int):
            for _ in range(part + 1):
                nxt = text.find("{", position + 1)
                if nxt < 0:
                    return None
                position = nxt
            continue
        match = re.compile(r'"' + re.escape(part) + r'"\s*:').search(text, position)
        if not match:
            break
        position = match.start()
    return text.count("\n", 0, position) + 1 if position else None
