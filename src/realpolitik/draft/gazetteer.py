"""The gazetteer: COW states (with membership spells), their other names, leaders with terms, officials who speak
for an organisation or a state (``officials.csv``), international organisations, states outside the COW system and
named groups, read from the data files shipped in ``realpolitik/draft/data``.

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
    org: str | None = None  # for a leader: the id of the organisation or body it speaks for (UN Secretary-General)
    role: str | None = None
    source: str | None = None
    spells: tuple[tuple[dt.date, dt.date | None], ...] = ()
    periods: tuple[tuple[dt.date, dt.date | None, str], ...] = ()  # a state's names by period

    def valid_at(self, date: dt.date | None) -> bool:
        """Whether the state is a system member (or the leader in office) at `date`; any spell if `date` is None."""
        if date is None or not self.spells:
            return True
        return any(_within(date, start, end) for start, end in self.spells)

    def ended_before(self, date: dt.date | None) -> bool:
        """Whether every spell ended before `date` (a state of the past: history in a text of `date`)."""
        if date is None or not self.spells:
            return False
        return all(end is not None and end < date for _, end in self.spells)

    def begins_after(self, date: dt.date | None) -> bool:
        """Whether the state joins the system only after `date` (a territory then: "Cyprus" in 1956)."""
        if date is None or not self.spells:
            return False
        return all(date < start for start, _ in self.spells)

    def name_at(self, date: dt.date | None) -> str:
        """The state's name at `date` (names by period), its current name when `date` is None, else `name`."""
        if not self.periods:
            return self.name
        if date is None:
            return self.periods[-1][2] if self.periods[-1][1] is None else self.name
        return next((name for start, end, name in self.periods if _within(date, start, end)), self.name)


def _within(date: dt.date, start: dt.date, end: dt.date | None) -> bool:
    return start <= date and (end is None or date <= end)


@dataclass(frozen=True)
class Name:
    """One surface form of an entity and how it names it (name, demonym, metonym)."""

    form: str
    entity: Entity
    how: str
    period: tuple[dt.date, dt.date | None] | None = None  # a historical form names the state only in its period
    confirm: bool = False  # an ambiguous capital ("Georgetown"): the state only if the text names it otherwise

    def valid_at(self, date: dt.date | None) -> bool:
        """Whether the form names its entity at `date`: the entity is valid and the form is of the period."""
        if date is not None and self.period is not None and not _within(date, *self.period):
            return False
        return self.entity.valid_at(date)

    def historical_at(self, date: dt.date | None) -> bool:
        """Whether the form names no state at `date`: a period form outside its period, a state whose membership
        ended before `date` ("the Soviet Union" or "Czechoslovakia" in a 2020 text) or begins after it (a
        territory then: "Cyprus" in 1956, "Kosovo" in 1999)."""
        if self.entity.kind != "state" or date is None:
            return False
        if self.period is not None and (self.period[1] is not None and self.period[1] < date or date < self.period[0]):
            return True  # a form of a later period names no state yet ("Vietnam" in 1967: North or South?)
        return self.entity.ended_before(date) or self.entity.begins_after(date)


@dataclass
class Gazetteer:
    """All the names the drafter matches, with a look-up from surface form to entities."""

    names: list[Name] = field(default_factory=list)
    states: dict[int, Entity] = field(default_factory=dict)

    peoples: dict[str, str] = field(default_factory=dict)  # adjective → plural, for stateless peoples and faiths
    organisations: dict[str, Entity] = field(default_factory=dict)  # id → organisation

    def demonyms(self) -> dict[str, Entity]:
        """Return demonym → state."""
        return {n.form: n.entity for n in self.names if n.how == "demonym"}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("realpolitik.draft").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _req_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower().removeprefix("the ")).strip("_")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@cache
def load_gazetteer() -> Gazetteer:
    """Return the shipped gazetteer (read once)."""
    gaz = Gazetteer()
    others = {int(r["cow"]): r for r in _rows("names.csv")}
    periods: dict[int, list[dict[str, str]]] = {}
    for r in _rows("period_names.csv"):
        periods.setdefault(int(r["cow"]), []).append(r)
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
        by_period = periods.get(code, [])
        state = Entity(_slug(aliases[0] if aliases else r["name"]), r["name"], "state", cow=code,
                       source="Correlates of War State System Membership v2016", spells=tuple(spells[code]),
                       periods=tuple((_req_date(p["start"]), _date(p["end"]), p["name"]) for p in by_period))
        gaz.states[code] = state
        for p in by_period:
            period = (_req_date(p["start"]), _date(p["end"]))
            gaz.names += [Name(form, state, "name", period) for form in _split(p["forms"])]
            gaz.names += [Name(form, state, "demonym", period) for form in _split(p["demonyms"])]
        capitals = [c for c in _split(r["capitals"])[-1:] if not extra or c in _AMBIGUOUS_CAPITALS]
        dated = {form for p in by_period for form in _split(p["forms"])}
        for form in {r["name"], *aliases} - dated:
            gaz.names.append(Name(form, state, "name"))
        for form in _split(extra.get("demonyms")):
            gaz.names.append(Name(form, state, "demonym"))
        for form in [*_split(extra.get("metonyms")), *capitals]:
            if form not in _AMBIGUOUS_CAPITALS:
                gaz.names.append(Name(form, state, "metonym"))
            elif form not in {r["name"], *aliases}:
                gaz.names.append(Name(form, state, "metonym", confirm=True))
    _add_leaders(gaz)
    _add_officials(gaz)
    for r in _rows("organisations.csv"):
        org = Entity(r["id"], r["name"], "organisation", source=r["source"])
        gaz.organisations[org.id] = org
        gaz.names += [Name(form, org, "name") for form in _spellings(_split(r["names"]))]
        gaz.names += [Name(form, org, "metonym") for form in _split(r["metonyms"])]
    for r in _rows("other_states.csv"):  # states outside the COW system: actors of kind state, no COW code
        other = Entity(r["id"], r["name"], "state", source=r["source"])
        gaz.names += [Name(form, other, "name") for form in _split(r["names"])]
    for r in _rows("places.csv"):
        place = Entity(_slug(r["name"]), r["name"], "place")
        gaz.names.append(Name(r["name"], place, "name"))
    for file, source in (("peoples.csv", "realpolitik gazetteer (public knowledge)"),
                         ("ethnic_groups.csv", "CIA World Factbook; MRG World Directory of Minorities")):
        for r in _rows(file):
            gaz.peoples.setdefault(r["adjective"], r["plural"])
            if r["plural"]:
                people = Entity(_slug(r["plural"]), r["plural"], "group", source=source)
                gaz.names += [Name(form, people, "name") for form in (r["plural"], f"the {r['plural']}")]
    for r in _rows("groups.csv"):
        group = Entity(r["id"], r["name"], r["kind"], source="realpolitik gazetteer (public knowledge)")
        gaz.names += [Name(form, group, "name") for form in _split(r["names"])]
    return gaz


# British and American spellings of organisations' names: a text may use either.
_SPELLINGS = (("Cooperation", "Co-operation"), ("Organization", "Organisation"), ("Defense", "Defence"),
              ("Program", "Programme"))


def _spellings(forms: list[str]) -> list[str]:
    """`forms` and their other spellings ("the Gulf Cooperation Council" → also "the Gulf Co-operation Council")."""
    out = list(forms)
    for form in forms:
        for a, b in _SPELLINGS:
            for old, new in ((a, b), (b, a)):
                if old in form and not (old == "Program" and "Programme" in form):
                    variant = form.replace(old, new)
                    if variant not in out:
                        out.append(variant)
    return out


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
    _add_regnal_names(gaz)


_REGNAL = re.compile(r"(?:King|Queen|Emir|Sultan|Shah)\s+(?P<name>[A-Z][a-z]+)")


def _add_regnal_names(gaz: Gazetteer) -> None:
    """A monarch's regnal name alone ("Faisal" for King Faisal) names him only during his reign (the form's
    period): never a name another leader bears as a surname ("Hussein": Saddam Hussein) or two monarchs share."""
    leaders = [n for n in gaz.names if n.entity.kind == "leader"]
    surnames = {n.form.split()[-1] for n in leaders if " " in n.form and not _REGNAL.fullmatch(n.form)}
    forms = {n.form for n in leaders}
    regnal: dict[str, list[Entity]] = {}
    for n in leaders:
        m = _REGNAL.fullmatch(n.form)
        if m and n.entity not in regnal.get(m.group("name"), []):
            regnal.setdefault(m.group("name"), []).append(n.entity)
    for name, monarchs in regnal.items():
        if len(monarchs) > 1 or name in surnames or name in forms:
            continue
        spells = monarchs[0].spells
        period = (min(start for start, _ in spells), None if any(end is None for _, end in spells)
                  else max(end for _, end in spells if end is not None))
        if any(n.entity is not monarchs[0] and name in n.form.split() and _overlaps(n.entity.spells, period)
               for n in leaders):
            continue  # "Hamad": King Hamad of Bahrain reigns while Qatar's Hamad bin Khalifa is emir
        gaz.names.append(Name(name, monarchs[0], "name", period))


def _overlaps(spells: tuple[tuple[dt.date, dt.date | None], ...], period: tuple[dt.date, dt.date | None]) -> bool:
    end = period[1] or dt.date.max
    return any(start <= end and period[0] <= (stop or dt.date.max) for start, stop in spells)


def _add_officials(gaz: Gazetteer) -> None:
    """Office-holders of officials.csv: `represents` is a COW code (a state) or an organisation's id."""
    terms: dict[str, list[dict[str, str]]] = {}
    for r in _rows("officials.csv"):
        terms.setdefault(r["id"], []).append(r)
    for official_id, rows in terms.items():
        first = rows[0]
        names = _split(first["names"])
        code = int(first["represents"]) if first["represents"].isdigit() else None
        official = Entity(official_id, names[0], "leader", represents=code,
                          org=None if code is not None else first["represents"], role=rows[-1]["role"],
                          source=first["source"],
                          spells=tuple((_req_date(r["start"]), _date(r["end"])) for r in rows))
        gaz.names += [Name(form, official, "name") for form in names]
