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
- Enlargement-era proposals: DEU records the positions of the states that took part in the decision, so a
  proposal introduced before an enlargement and decided after it carries positions of the new members (e.g.
  Bulgaria on a 2005 proposal decided in 2007). When a state with a position was not a member on the
  introduction date but was on the decision date (``finact_date_iso``), the issue is read with the Council in
  force on the decision date (the Council that voted), and the issue is listed in `DeuData.decision_dated` and
  marked ``meta["council_date"] = "decision"``. A position of a state that was a member on neither date is an
  error.
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
    decision_dated: tuple[str, ...] = ()  # issues read with the Council of the decision date (enlargement era)


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
    decision_dated = tuple(c.case_id for c in cases if c.meta.get("council_date") == "decision")
    return DeuData(tuple(cases), tuple(skipped), str(file), scheme, decision_dated)


def _number(file: Path, line: int, row: dict, column: str) -> float | None:
    text = row.get(column)
    if text is None or not str(text).strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise RealpolitikError(f"{file}:{line}: column {column} of issue {row['isnr']} is {text!r}, not a number. "
                               "Fix: write a number on the 0-100 scale or leave it blank") from None


def _date(file: Path, line: int, row: dict, column: str = "intro_date_iso") -> dt.date:
    try:
        return dt.date.fromisoformat(row.get(column) or "")
    except (TypeError, ValueError):
        what = "introduction" if column == "intro_date_iso" else "final act (decision)"
        raise RealpolitikError(f"{file}:{line}: {column} of issue {row['isnr']} is {row.get(column)!r}. "
                               f"Fix: give the proposal's {what} date as YYYY-MM-DD") from None


def _council_date(file: Path, line: int, row: dict, positioned: list[str]) -> tuple[dt.date, str]:
    """Return the date whose Council gives the capabilities, and ``"introduction"`` or ``"decision"``."""
    intro = _date(file, line, row)
    members = set(regime_on(intro).members) | set(INSTITUTIONS)
    newcomers = [a for a in positioned if a not in members]
    if not newcomers:
        return intro, "introduction"
    names = ", ".join(f"{ACTOR_NAMES[a]} ({a})" for a in newcomers)
    if not (row.get("finact_date_iso") or "").strip():
        raise RealpolitikError(f"{file}:{line}: {names} ha{'s' if len(newcomers) == 1 else 've'} a position on "
                               f"issue {row['isnr']} but {'was' if len(newcomers) == 1 else 'were'} not a member on "
                               f"{intro} (intro_date_iso), and the issue has no finact_date_iso to read it at the "
                               "decision. Fix: check intro_date_iso, or give finact_date_iso")
    decided = _date(file, line, row, "finact_date_iso")
    never = [a for a in newcomers if decided < intro or a not in regime_on(decided).members]
    if never:
        names = ", ".join(f"{ACTOR_NAMES[a]} ({a})" for a in never)
        raise RealpolitikError(f"{file}:{line}: {names} ha{'s' if len(never) == 1 else 've'} a position on issue "
                               f"{row['isnr']} but {'was' if len(never) == 1 else 'were'} not a member on {intro} "
                               f"(intro_date_iso) nor on {decided} (finact_date_iso). Fix: check the dates and "
                               "the position columns")
    return decided, "decision"


def _case(file: Path, line: int, row: dict, actors: list[str], scheme: str,
          institutions: dict[str, dict[str, float]] | None) -> BacktestCase:
    positioned = [a for a in actors if _number(file, line, row, f"p{a}") is not None]
    date, basis = _council_date(file, line, row, positioned)
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
        if actor not in capability:  # a member at the introduction that left before the decision
            raise RealpolitikError(f"{file}:{line}: {ACTOR_NAMES[actor]} ({actor}) has a position on issue "
                                   f"{row['isnr']} but was not a member on {date} ({basis} date). Fix: check "
                                   "the dates and the position columns")
        salience = _number(file, line, row, f"s{actor}") or 0.0
        rows.append({"actor": actor, "capability": capability[actor], "position": position,
                     "salience": salience / 100.0})
    kinds: dict[str, str] = dict.fromkeys(INSTITUTIONS, "organisation")
    meta = {"proposal": row["prnr"], "procedure": procedure, "voting_rule": rule,
            "date": _date(file, line, row).isoformat(), "council": regime_on(date).name, "council_date": basis,
            "council_on": date.isoformat(), "name": row.get("prname") or ""}
    outcome = _number(file, line, row, "out")
    assert outcome is not None, "rows without an outcome are skipped before this"
    return case_from_rows(row["isnr"], row["prnr"], rows, float(outcome),
                          _number(file, line, row, "rp"), DECISION_RULES[rule],
                          title=f"{row.get('prname') or row['prnr']}: {row['isnr']}", kinds=kinds,
                          names=ACTOR_NAMES, meta=meta)
