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
    """Return the 1-based line of the field at `loc` in JSON `text`, or of the deepest part of it that exists.

    Walks the document's nesting (string-aware), so nested objects such as an actor's components do not throw the
    count off. Assumes `text` is valid JSON (it is only called after parsing succeeded).
    """
    position, found = _skip_space(text, 0), None
    for part in loc:
        try:
            child = _child(text, position, part)
        except IndexError:  # not valid JSON after all: no line rather than a crash
            child = None
        if child is None:
            break
        key_position, position = child
        found = key_position
    return None if found is None else text.count("\n", 0, found) + 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _end_of_string(text: str, i: int) -> int:
    """Return the index just past the JSON string starting at `i` (a quote)."""
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _end_of_value(text: str, i: int) -> int:
    """Return the index just past the JSON value starting at `i`."""
    if text[i] == '"':
        return _end_of_string(text, i)
    if text[i] in "[{":
        depth = 0
        while True:
            if text[i] == '"':
                i = _end_of_string(text, i)
                continue
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                return i
    while i < len(text) and text[i] not in ",]} \t\r\n":
        i += 1
    return i


def _child(text: str, i: int, part: str | int) -> tuple[int, int] | None:
    """Return (position of the member or item, position of its value) for key/index `part` of the container at i."""
    if i >= len(text) or text[i] not in "[{" or (text[i] == "{") != isinstance(part, str):
        return None
    i, index = _skip_space(text, i + 1), 0
    while i < len(text) and text[i] not in "]}":
        start = i
        if isinstance(part, str):
            key_end = _end_of_string(text, i)
            key = text[i + 1:key_end - 1]
            i = _skip_space(text, _skip_space(text, key_end) + 1)  # past the colon
            if key == part:
                return start, i
        elif index == part:
            return start, i
        i = _skip_space(text, _end_of_value(text, i))
        if i < len(text) and text[i] == ",":
            i = _skip_space(text, i + 1)
        index += 1
    return None
