"""Reader for DEU-format tables (Decision-making in the European Union): each issue becomes a backtest case.

DEU (Thomson, Stokman, Achen & König eds. 2006, *The European Union Decides*, CUP; Thomson et al. 2012, JEPP
19(4); Arregui & Perarnaud 2022, JEPP 29(1), DEU III) records contested issues of EU legislative proposals on a
0-100 scale: the initial positions and saliences (0-100) of the Commission, the Parliament and the member
states, the reference point and the decided outcome. The wide table has one row per issue with columns
``p<actor>``, ``s<actor>``, ``rp``, ``out``, the proposal (``prnr``), procedure (``proc``: COD / CNS), Council
voting rule (``counvte``: QMV / Unan / QMV(10)) and the proposal's introduction date (``intro_date_iso``).

Choices where the data leave room:
- The actors of an issue are those with a recorded position (a blank position means the actor took none, e.g. it
  was not yet a member). A blank salience beside a position counts as 0.
- Saliences are divided by 100 (the toolkit's 0-1 scale); the reference point becomes the issue's status quo.
- Capabilities come from `capability.py` under the chosen scheme, for the Council in force on the proposal's
  introduction date; DEU itself has none.
- Issues without a recorded outcome are left out (`read_deu` reports how many in `DeuData.skipped`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.capability import actor_capabilities, check_scheme
from realpolitik.evaluate.council import regime_on
from realpolitik.evaluate.dataset import BacktestCase, case_from_rows

ACTOR_NAMES = {
    "com": "European Commission", "ep": "European Parliament", "at": "Austria", "be": "Belgium",
    "bu": "Bulgaria", "cr": "Croatia", "cy": "Cyprus", "cz": "Czech Republic", "dk": "Denmark", "ee": "Estonia",
    "fi": "Finland", "fr": "France", "de": "Germany", "el": "Greece", "hu": "Hungary", "ie": "Ireland",
    "it": "Italy", "lv": "Latvia", "lt": "Lithuania", "lu": "Luxembourg", "mt": "Malta", "nl": "Netherlands",
    "pl": "Poland", "pt": "Portugal", "ro": "Romania", "si": "Slovenia", "sk": "Slovakia", "es": "Spain",
    "se": "Sweden", "uk": "United Kingdom",
}
INSTITUTIONS = ("com", "ep")
DECISION_RULES = {"QMV": "qualified_majority", "QMV(10)": "qualified_majority", "Unan": "unanimity"}
REQUIRED = ("prnr", "isnr", "proc", "counvte", "intro_date_iso", "rp", "out")
ISSUES_FILE = "_issues.csv"


@dataclass(frozen=True)
class DeuData:
    """The cases read from a DEU table, and the ids of issues left out for want of an outcome."""

    cases: tuple[BacktestCase, ...]
    skipped: tuple[str, ...]
    source: str
    scheme: str


def find_issues_file(path: str | Path) -> Path:
    """Return the DEU wide issues table at `path`: the file itself, or the one ``*_issues.csv`` in a folder."""
    path = Path(path)
    if path.is_dir():
        found = sorted(path.glob(f"*{ISSUES_FILE}"))
        if len(found) != 1:
            raise RealpolitikError(f"{path}: expected one *{ISSUES_FILE} file, found {len(found)}. "
                                   "Fix: pass the issues table itself")
        return found[0]
    if not path.exists():
        raise RealpolitikError(f"DEU table {path} does not exist. Fix: check the path")
    return path


def is_deu_table(path: str | Path) -> bool:
    """Return whether `path` is (or is a folder holding) a DEU wide issues table (it has a ``prnr`` column)."""
    try:
        file = find_issues_file(path)
        return file.suffix.lower() == ".csv" and "prnr" in pl.read_csv(file, n_rows=0).columns
    except (RealpolitikError, pl.exceptions.PolarsError, OSError):
        return False


def read_deu(path: str | Path, scheme: str = "shapley",
             institutions: dict[str, dict[str, float]] | None = None) -> DeuData:
    """Read a DEU wide issues table into backtest cases (one per issue with an outcome), capabilities under
    `scheme` (see `capability.SCHEMES`), grouped by proposal."""
    check_scheme(scheme)
    file = find_issues_file(path)
    frame = pl.read_csv(file, infer_schema_length=0)  # all text: blanks stay null, codes keep leading zeros
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise RealpolitikError(f"{file}: not a DEU issues table, missing column(s) {', '.join(missing)}. "
                               "Fix: pass the wide table (one row per issue with p<actor>, s<actor>, rp, out)")
    actors = [a for a in ACTOR_NAMES if f"p{a}" in frame.columns]
    cases, skipped = [], []
    for line, row in enumerate(frame.iter_rows(named=True), start=2):
        if row["out"] is None or not row["out"].strip():
            skipped.append(row["isnr"])
            continue
        cases.append(_case(file, line, row, actors, scheme, institutions))
    return DeuData(tuple(cases), tuple(skipped), str(file), scheme)


def _number(file: Path, line: int, row: dict, column: str) -> float | None:
    text = row.get(column)
    if text is None or not str(text).strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise RealpolitikError(f"{file}:{line}: column {column} of issue {row['isnr']} is {text!r}, not a number. "
                               "Fix: write a number on the 0-100 scale or leave it blank") from None


def _date(file: Path, line: int, row: dict) -> dt.date:
    try:
        return dt.date.fromisoformat(row["intro_date_iso"])
    except (TypeError, ValueError):
        raise RealpolitikError(f"{file}:{line}: intro_date_iso of issue {row['isnr']} is {row['intro_date_iso']!r}. "
                               "Fix: give the proposal's introduction date as YYYY-MM-DD") from None


def _case(file: Path, line: int, row: dict, actors: list[str], scheme: str,
          institutions: dict[str, dict[str, float]] | None) -> BacktestCase:
    date = _date(file, line, row)
    rule, procedure = row["counvte"], row["proc"]
    if rule not in DECISION_RULES:
        raise RealpolitikError(f"{file}:{line}: counvte of issue {row['isnr']} is {rule!r}. "
                               f"Fix: use one of {', '.join(DECISION_RULES)}")
    capability = actor_capabilities(scheme, date, rule, procedure, institutions)
    rows = []
    for actor in actors:
        position = _number(file, line, row, f"p{actor}")
        if position is None:
            continue
        if actor not in capability:
            raise RealpolitikError(f"{file}:{line}: {ACTOR_NAMES[actor]} ({actor}) has a position on issue "
                                   f"{row['isnr']} but was not a member on {date}. Fix: check intro_date_iso")
        salience = _number(file, line, row, f"s{actor}") or 0.0
        rows.append({"actor": actor, "capability": capability[actor], "position": position,
                     "salience": salience / 100.0})
    kinds = dict.fromkeys(INSTITUTIONS, "organisation")
    meta = {"proposal": row["prnr"], "procedure": procedure, "voting_rule": rule, "date": date.isoformat(),
            "council": regime_on(date).name, "name": row.get("prname") or ""}
    return case_from_rows(row["isnr"], row["prnr"], rows, float(_number(file, line, row, "out")),
                          _number(file, line, row, "rp"), DECISION_RULES[rule],
                          title=f"{row.get('prname') or row['prnr']}: {row['isnr']}", kinds=kinds,
                          names=ACTOR_NAMES, meta=meta)
