"""The gazetteer: COW states (with membership spells), their other names, leaders with terms, international
organisations and named groups, read from the data files shipped in ``realpolitik/draft/data``.

Sources are named in each file's header and in docs/drafting.md. The tables are facts compiled for the project;
`Gazetteer.entries_at(date)` keeps only states that are system members and leaders in office at the date.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# Capitals whose names are common words or other places; never read as a state.
_AMBIGUOUS_CAPITALS = {"Male", "Victoria", "Kingston", "Georgetown", "Santiago", "San Jose", "Valletta", "Nassau",
                       "Vaduz", "Monaco", "Luxembourg", "Singapore", "Kuwait", "Panama", "Guatemala", "Mexico",
                       "Djibouti", "San Marino", "Andorra la Vella", "Praia", "Victoria City", "Roseau", "Castries",
                       "Kingstown", "Basseterre", "Saint John's", "Bridgetown", "Port Louis", "Apia", "Palikir",
                       "Tarawa", "Majuro", "Funafuti", "Yaren", "Honiara", "Port Vila", "Nuku'alofa", "Moroni",
                       "Belmopan", "Paramaribo", "Port of Spain", "Bern"}


@dataclass(frozen=True)
class Entity:
    """Something the gazetteer knows: a state, a leader, an organisation or a group."""

    id: str
    name: str
    kind: str  # state | leader | organisation | non_state | group | place (claims its words, never an actor)
    cow: int | None = None
    represents: int | None = None  # for a leader: the COW code of the state led
    role: str | None = None
    source: str | None = None
    spells: tuple[tuple[dt.date, dt.date | None], ...] = ()

    def valid_at(self, date: dt.date | None) -> bool:
        """Whether the state is a system member (or the leader in office) at `date`; any spell if `date` is None."""
        if date is None or not self.spells:
            return True
        return any(start <= date and (end is None or date <= end) for start, end in self.spells)


@dataclass(frozen=True)
class Name:
    """One surface form of an entity and how it names it (name, demonym, metonym)."""

    form: str
    entity: Entity
    how: str


@dataclass
class Gazetteer:
    """All the names the drafter matches, with a look-up from surface form to entities."""

    names: list[Name] = field(default_factory=list)
    states: dict[int, Entity] = field(default_factory=dict)

    peoples: dict[str, str] = field(default_factory=dict)  # adjective → plural, for stateless peoples and faiths

    def demonyms(self) -> dict[str, Entity]:
        """Return demonym → state."""
        return {n.form: n.entity for n in self.names if n.how == "demonym"}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("realpolitik.draft").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower().removeprefix("the ")).strip("_")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@cache
def load_gazetteer() -> Gazetteer:
    """Return the shipped gazetteer (read once)."""
    gaz = Gazetteer()
    others = {int(r["cow"]): r for r in _rows("names.csv")}
    spells: dict[int, list] = {}
    rows = _rows("cow_states.csv")
    for r in rows:
        spells.setdefault(int(r["cow"]), []).append((_date(r["start"]), _date(r["end"])))
    seen: set[int] = set()
    for r in rows:
        code = int(r["cow"])
        if code in seen:
            continue
        seen.add(code)
        extra = others.get(code, {})
        aliases = _split(extra.get("aliases"))
        state = Entity(_slug(aliases[0] if aliases else r["name"]), r["name"], "state", cow=code,
                       source="Correlates of War State System Membership v2016", spells=tuple(spells[code]))
        gaz.states[code] = state
        capitals = _split(r["capitals"])[-1:] if not extra else []
        for form in {r["name"], *aliases}:
            gaz.names.append(Name(form, state, "name"))
        for form in _split(extra.get("demonyms")):
            gaz.names.append(Name(form, state, "demonym"))
        for form in [*_split(extra.get("metonyms")), *capitals]:
            if form not in _AMBIGUOUS_CAPITALS:
                gaz.names.append(Name(form, state, "metonym"))
    _add_leaders(gaz)
    for r in _rows("organisations.csv"):
        org = Entity(r["id"], r["name"], "organisation", source=r["source"])
        gaz.names += [Name(form, org, "name") for form in _split(r["names"])]
        gaz.names += [Name(form, org, "metonym") for form in _split(r["metonyms"])]
    for r in _rows("places.csv"):
        place = Entity(_slug(r["name"]), r["name"], "place")
        gaz.names.append(Name(r["name"], place, "name"))
    for r in _rows("peoples.csv"):
        gaz.peoples[r["adjective"]] = r["plural"]
        if r["plural"]:
            people = Entity(_slug(r["plural"]), r["plural"], "group", source="realpolitik gazetteer (public knowledge)")
            gaz.names += [Name(form, people, "name") for form in (r["plural"], f"the {r['plural']}")]
    for r in _rows("groups.csv"):
        group = Entity(r["id"], r["name"], r["kind"], source="realpolitik gazetteer (public knowledge)")
        gaz.names += [Name(form, group, "name") for form in _split(r["names"])]
    return gaz


def _add_leaders(gaz: Gazetteer) -> None:
    terms: dict[str, list[dict[str, str]]] = {}
    for r in _rows("leaders.csv"):
        terms.setdefault(r["id"], []).append(r)
    for leader_id, rows in terms.items():
        first = rows[0]
        names = _split(first["names"])
        leader = Entity(leader_id, names[0], "leader", represents=int(first["cow"]), role=rows[-1]["role"],
                        source=first["source"],
                        spells=tuple((dt.date.fromisoformat(r["start"]), _date(r["end"])) for r in rows))
        gaz.names += [Name(form, leader, "name") for form in names]
