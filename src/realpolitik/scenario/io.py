"""Reading and writing scenarios: TOML (human-edited), JSON (machines), CSV (the single-issue table).

`load_scenario(name_or_path)` is the one entry point: a built-in name or a file path. Every failure is a
`ScenarioError` (or `RealpolitikError`) naming the file, the line or field, and the fix. Load → save → load is
lossless for TOML and JSON.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from realpolitik.errors import Problem, RealpolitikError, ScenarioError
from realpolitik.scenario.builtins import builtin_names, builtin_text
from realpolitik.scenario.csv_table import parse_csv_table
from realpolitik.scenario.decide import looks_like_decide, parse_decide
from realpolitik.scenario.errors_map import problems_from
from realpolitik.scenario.ktab import dumps_ktab_csv, looks_like_ktab_csv, parse_ktab_csv, parse_ktab_xml
from realpolitik.scenario.limits import MAX_BYTES, check_text, guarded
from realpolitik.scenario.locate import json_line_of, toml_line_of
from realpolitik.scenario.model import Scenario

FORMATS = ("toml", "json", "csv", "xml")
EXPORT_FORMATS = ("toml", "json", "ktab-csv")


def scenario_from_dict(data: Any, file: str | None = None, line_of=None) -> Scenario:
    """Validate a parsed document (dict) into a `Scenario`; raise `ScenarioError` listing every problem."""
    if not isinstance(data, dict):
        raise ScenarioError([Problem((), f"the document must be a table of keys, not {type(data).__name__}",
                                     "start from the commented example in docs/scenario-format.md")], file)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from(exc, data)).located(file or "<scenario>", line_of) from None
    except ScenarioError as exc:
        raise exc.located(file or "<scenario>", line_of) from None


def parse_toml(text: str, file: str = "<toml>") -> Scenario:
    """Parse TOML text into a `Scenario`."""
    check_text(text, file, toml=True)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(where.group(1)) if where else None
        raise ScenarioError([Problem((), f"malformed TOML: {exc}", line=line, fix=
                                     "correct the syntax at that line (strings in quotes, one key per line, "
                                     "[[actors]] headers for lists of tables)")], file) from None
    return scenario_from_dict(data, file, lambda loc: toml_line_of(text, loc))


def parse_json(text: str, file: str = "<json>") -> Scenario:
    """Parse JSON text into a `Scenario`; a key given twice in one object is refused."""
    check_text(text, file)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise ScenarioError([Problem((), f"malformed JSON: {exc.msg} (column {exc.colno})",
                                     "correct the JSON syntax at that line", line=exc.lineno)], file) from None
    except _DuplicateKey as dup:
        raise ScenarioError([Problem((), f"the key {dup.key!r} appears twice in one object (JSON keeps only the "
                                     "last one, silently)", f"keep one {dup.key!r} key in that object",
                                     line=_json_key_line(text, dup.key))], file) from None
    return scenario_from_dict(data, file, lambda loc: json_line_of(text, loc))


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        raise _DuplicateKey(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return data


def _json_key_line(text: str, key: str) -> int | None:
    # The line of the key's second occurrence: good enough to point the user at the repeat.
    quoted = json.dumps(key, ensure_ascii=False)
    first = text.find(quoted)
    second = text.find(quoted, first + 1) if first >= 0 else -1
    return text.count("\n", 0, second) + 1 if second >= 0 else None


def parse_text(text: str, fmt: str, file: str | None = None, issue: str | None = None) -> Scenario:
    """Parse scenario text in `fmt` (toml, json, csv or KTAB's xml); `issue` names the issue of a single-issue CSV.

    A CSV with KTAB's SMP layout (row 2 starting ``Actor, Description``) is read as KTAB's format; a CSV (or
    ``.txt``) whose first row starts with a Decide row key (``#A``, ``#P``, ``#O``, ...) as a Decide input file.
    """
    file = file or f"<{fmt}>"
    with guarded(file):
        return _parse_text(text, fmt, file, issue)


def _parse_text(text: str, fmt: str, file: str, issue: str | None) -> Scenario:
    if fmt == "xml":
        return parse_ktab_xml(text, file)
    if fmt == "csv" and looks_like_ktab_csv(text):
        return parse_ktab_csv(text, file)
    if fmt in ("csv", "txt") and looks_like_decide(text):
        return parse_decide(text, file)
    if fmt == "toml":
        return parse_toml(text, file)
    if fmt == "json":
        return parse_json(text, file)
    if fmt == "csv":
        table = parse_csv_table(text, file, issue=issue)
        return scenario_from_dict(table.document, file, table.line_of)
    raise RealpolitikError(f"unknown scenario format {fmt!r}. Fix: use one of {', '.join(FORMATS)}")


def format_of(path: Path) -> str:
    """Return the scenario format implied by a file's extension."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise RealpolitikError(f"{path}: cannot tell the scenario format from the extension {path.suffix!r}. "
                               f"Fix: name the file *.toml, *.json, *.csv or (KTAB) *.xml")
    return suffix


def read_text(path: Path) -> str:
    """Read a scenario file as UTF-8 text, with clear errors for missing, huge or binary files."""
    if not path.is_file():
        raise RealpolitikError(f"{path}: no such scenario file. Fix: check the path, or use a built-in scenario "
                               f"({', '.join(builtin_names())}; see `realpolitik scenarios`)")
    if path.stat().st_size > MAX_BYTES:
        raise RealpolitikError(f"{path}: the file is larger than the limit of {MAX_BYTES // 2**20} MiB. "
                               "Fix: split it into smaller scenarios")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RealpolitikError(f"{path}: not UTF-8 text (byte {exc.start}). Fix: save the file as UTF-8") from None


def load_scenario(name_or_path: str | Path, issue: str | None = None) -> Scenario:
    """Return the scenario named (a built-in such as ``"south-caucasus-2020"``) or stored at a path.

    `issue` names the issue of a single-issue CSV table (default: the file's stem).

    >>> from realpolitik import load_scenario
    >>> scenario = load_scenario("south-caucasus-2020")
    >>> scenario.id, len(scenario.actors), [issue.id for issue in scenario.issues]
    ('south-caucasus-2020', 12, ['karabakh', 'russian_presence', 'turkish_role'])
    """
    text_name = str(name_or_path)
    path = Path(name_or_path)
    if not path.exists() and text_name in builtin_names():
        return parse_toml(builtin_text(text_name), f"<built-in {text_name}>")
    if not path.exists() and not path.suffix:
        raise RealpolitikError(f"no built-in scenario or file named {text_name!r}. Fix: use one of "
                               f"{', '.join(builtin_names())} or a path to a .toml/.json/.csv (or KTAB .xml) file")
    if path.is_dir():
        raise RealpolitikError(f"{path}: is a folder, not a scenario file. Fix: give the path of a .toml, .json or "
                               ".csv file inside it")
    if path.suffix.lower() == ".txt":
        text = read_text(path)
        if not looks_like_decide(text):
            raise RealpolitikError(f"{path}: a .txt scenario must be a Decide input file (rows starting #A, #P, #M, "
                                   "#D). Fix: name other scenario files *.toml, *.json, *.csv or (KTAB) *.xml")
        return parse_decide(text, str(path))
    fmt = format_of(path)
    return parse_text(read_text(path), fmt, str(path), issue=issue or path.stem)


def to_document(scenario: Scenario) -> dict[str, Any]:
    """Return the scenario as a plain dict (the JSON/TOML document), without empty optional fields."""
    return scenario.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=False,
                               exclude=scenario.empty_optional_blocks())


def dumps_json(scenario: Scenario) -> str:
    """Return the scenario as JSON text."""
    return json.dumps(to_document(scenario), indent=2, ensure_ascii=False) + "\n"


def dumps_toml(scenario: Scenario) -> str:
    """Return the scenario as TOML text (dates as TOML dates)."""
    data = scenario.model_dump(mode="python", by_alias=True, exclude_none=True,
                               exclude=scenario.empty_optional_blocks())
    return tomli_w.dumps(_toml_ready(data))


def _toml_ready(value: Any) -> Any:
    # TOML has no tuples or enums: lists and plain strings.
    if isinstance(value, dict):
        # Empty lists are left out (they are defaults), except a spread's `alternatives = []`, its only key.
        return {k: _toml_ready(v) for k, v in value.items()
                if k == "alternatives" or not (isinstance(v, list | tuple) and not v)}
    if isinstance(value, list | tuple):
        return [_toml_ready(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def dumps(scenario: Scenario, fmt: str) -> str:
    """Return the scenario serialised as `fmt`: toml, json or ktab-csv (KTAB's SMP table, `dumps_ktab_csv`)."""
    if fmt == "toml":
        return dumps_toml(scenario)
    if fmt == "json":
        return dumps_json(scenario)
    if fmt == "ktab-csv":
        return dumps_ktab_csv(scenario)
    raise RealpolitikError(f"cannot write scenarios as {fmt!r}. Fix: use one of {', '.join(EXPORT_FORMATS)}")


def check_save_path(path: str | Path) -> Path:
    """Check that a scenario can be written to `path` (a .toml or .json file in an existing, writable folder)
    before any work is done; return the path. Raise `RealpolitikError` with the fix otherwise."""
    path = Path(path)
    fmt = format_of(path)
    if fmt not in ("toml", "json"):
        raise RealpolitikError(f"{path}: a scenario is saved as TOML or JSON ({fmt.upper()} would lose data). "
                               "Fix: name the file *.toml or *.json")
    folder = path.parent
    if not folder.is_dir():
        raise RealpolitikError(f"{path}: cannot write the scenario: the folder {folder} does not exist. "
                               f"Fix: create it (mkdir -p {folder}) or choose another path")
    if path.is_dir():
        raise RealpolitikError(f"{path}: cannot write the scenario: it is a folder. Fix: name a file, e.g. "
                               f"{path / 'scenario.toml'}")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise RealpolitikError(f"{path}: cannot write the scenario: permission denied. Fix: choose a path in a "
                               "folder you can write to")
    return path


def save_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write the scenario to `path` in the format its extension names (.toml or .json); return the path. A path
    that cannot be written raises `RealpolitikError` naming it and the fix."""
    path = check_save_path(path)
    text = dumps(scenario, format_of(path))
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves a half-written scenario
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RealpolitikError(f"{path}: cannot write the scenario ({exc.strerror}). Fix: check that the folder "
                               f"{path.parent} exists and is writable, or choose another path") from None
    return path
