"""Size, depth and number limits that every scenario loader checks before it parses anything.

A scenario of any realistic size is far inside these limits (the built-in one is ~60 KB, 4 levels deep). They
exist so that no input can make a parser slow, recurse without bound or fail with something other than a
`ScenarioError`: a parser is only ever handed text that passed `check_text`, and `guarded` turns whatever a
parser still raises on hostile input into a `ScenarioError` naming the file.

`check_text` makes one linear pass (a regular expression with possessive quantifiers, so no backtracking) over
the text, skipping strings and comments, and measures the bracket nesting, the longest bare token and the longest
dotted key. Dotted keys matter because Python's TOML parser builds a key of k parts in O(k²) time: a 120 KB header
``[x.x.x…]`` takes seconds.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from realpolitik.errors import Problem, RealpolitikError, ScenarioError

MAX_BYTES = 4 * 1024 * 1024  # a scenario file or upload, as UTF-8
MAX_DEPTH = 32  # nested arrays / tables / XML elements
MAX_TOKEN = 400  # characters in one bare number or key outside quotes (a float has at most ~25)
MAX_KEY_PARTS = 16  # parts of one dotted TOML key, e.g. ``model_params.smp.pce_model`` has 3
MAX_CSV_FIELD = 10_000  # characters in one CSV cell
MAX_TOML_ITEMS = 25_000  # keys, values, brackets and lines of a TOML file (the built-in scenario has 4,411)
MAX_XML_ELEMENTS = 50_000  # elements of a KTAB XML file (a 300-actor, 10-dimension scenario has ~10,000)
MAX_ACTORS = 10_000  # actors declared by a KTAB file
MAX_DIMENSIONS = 1_000  # issues declared by a KTAB file

_TOKENS = re.compile(
    r'(?P<mlbasic>"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""' + r'"{0,2})'
    r"|(?P<mlliteral>'''[^']*+(?:'(?!'')[^']*+)*+'''" + r"'{0,2})"
    r'|(?P<basic>"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+")'
    r"|(?P<literal>'[^'\n]*+')"
    r"|(?P<comment>\#[^\n]*+)"
    r"|(?P<word>[A-Za-z0-9_\-+]++)"
    r"|(?P<open>[\[{])|(?P<close>[\]}])|(?P<dot>\.)|(?P<punct>[,=:])"
)
_KEY_PARTS = frozenset({"word", "basic", "literal"})
_TEXTS = frozenset({"basic", "literal", "mlbasic", "mlliteral", "comment"})


def _fail(file: str, what: str, fix: str, line: int | None = None) -> ScenarioError:
    return ScenarioError([Problem((), what, fix, line=line)], file)


def check_size(size: int, file: str) -> None:
    """Refuse a scenario of more than `MAX_BYTES` bytes."""
    if size > MAX_BYTES:
        raise _fail(file, f"the scenario is {size:,} bytes, more than the limit of {MAX_BYTES // 2**20} MiB",
                    "split it into smaller scenarios (a scenario of 1,000 actors and 10 issues is under 2 MiB)")


def check_text(text: str, file: str, toml: bool = False) -> None:
    """Refuse TOML or JSON text that exceeds a limit (size, nesting depth, token length, dotted-key parts and, for
    TOML, `MAX_TOML_ITEMS`), naming the limit, the line and the fix. One linear pass; strings and comments are
    skipped. Python's TOML parser is pure Python (~5-10 µs an item), hence the item limit for TOML only."""
    check_size(len(text.encode("utf-8", "surrogatepass")), file)
    depth, items, parts, after_dot = 0, text.count("\n"), 0, False
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        items += 1
        if kind in _TEXTS:  # tomllib reads strings a character at a time: ~1/20 of an item's time each
            items += len(match.group()) // 20 + match.group().count("\\")
        if toml and items > MAX_TOML_ITEMS:
            raise _fail(file, f"the TOML file has more than {MAX_TOML_ITEMS:,} items (keys, values, "
                        "lines, escapes and each 20 characters of text: the limit that keeps reading it under a "
                        "second)", "write a scenario this large as JSON "
                        "(the format for machine-made scenarios, up to the size limit)", _line(text, match.start()))
        if kind in _KEY_PARTS:
            parts = parts + 1 if after_dot else 1
            if parts > MAX_KEY_PARTS:
                raise _fail(file, f"a dotted key has more than {MAX_KEY_PARTS} parts", "use a key with fewer "
                            "dots, e.g. [model_params.smp]", _line(text, match.start()))
        after_dot = kind == "dot"
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail(file, f"brackets are nested more than {MAX_DEPTH} deep", "flatten the document: a "
                            "scenario needs at most 4 levels", _line(text, match.start()))
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word" and len(match.group()) > MAX_TOKEN:
            raise _fail(file, f"a number or key of {len(match.group()):,} characters (the limit is {MAX_TOKEN})",
                        "write numbers with at most a few dozen digits", _line(text, match.start()))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def csv_rows(text: str, file: str) -> list[list[str]]:
    """Return the rows of CSV `text`; refuse a cell over `MAX_CSV_FIELD` characters or malformed quoting."""
    check_size(len(text.encode("utf-8", "surrogatepass")), file)
    rows = []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            for cell in row:
                if len(cell) > MAX_CSV_FIELD:
                    raise _too_long_cell(file, reader.line_num)
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _too_long_cell(file, reader.line_num) from None
        raise _fail(file, f"malformed CSV: {exc}", "check the quoting on that line", reader.line_num) from None
    return rows


def _too_long_cell(file: str, line: int) -> ScenarioError:
    return _fail(file, f"a cell is longer than {MAX_CSV_FIELD:,} characters (often an unclosed quote)",
                 "close the quote, or shorten the cell", line)


def whole_count(raw: str, what: str, high: int, file: str, line: int) -> int:
    """Return `raw` read as a whole number from 1 to `high` (``"3"`` or ``"3.0"``); refuse anything else."""
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not (1 <= value <= high) or value != int(value):
        raise _fail(file, f"the number of {what} {raw.strip()[:40]!r} is not a whole number from 1 to {high:,}",
                    f"write the number of {what} as a whole number (at most {high:,})", line)
    return int(value)


@contextmanager
def guarded(file: str) -> Iterator[None]:
    """Turn what a parser raises on hostile input (deep recursion, huge numbers, bad encodings) into a
    `ScenarioError` naming `file`. The limits above keep these from happening; this is the second line."""
    try:
        yield
    except RealpolitikError:
        raise
    except RecursionError:
        raise _fail(file, "the document is nested too deeply", f"flatten it (at most {MAX_DEPTH} levels)") from None
    except (ValueError, OverflowError, UnicodeError, MemoryError) as exc:
        raise _fail(file, f"the document cannot be read ({type(exc).__name__}: {str(exc)[:200]})",
                    "check the numbers and text near the end of the message; numbers must be plain and finite, "
                    "text valid UTF-8") from None

