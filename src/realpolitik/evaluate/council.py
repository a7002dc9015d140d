"""The Council of the EU's voting rules by date: members, vote weights, quotas, and the voting game they define.

Sources (treaty articles; the weights and quotas are facts of the treaties):
- EU-15, 1 Jan 1995 – 30 Apr 2004: Art. 148(2) EC as amended by the 1994 Act of Accession (Art. 205(2) EC after the
  Amsterdam renumbering, in force 1 May 1999; Nice, in force 1 Feb 2003, kept these weights until 1 Nov 2004).
  87 votes; a qualified majority is 62 votes, cast by at least 10 members when the Council does not act on a
  Commission proposal (DEU's "QMV(10)").
- EU-25 interim, 1 May – 31 Oct 2004: 2003 Act of Accession, Art. 26: 124 votes, quota 88 (and 2/3 of members when
  not on a Commission proposal).
- Nice, from 1 Nov 2004 (Protocol on enlargement, Art. 3; Acts of Accession 2005 and 2012): EU-25 232 of 321 votes,
  EU-27 (from 1 Jan 2007) 255 of 345, EU-28 (from 1 Jul 2013) 260 of 352; and a majority of the members (two thirds
  when not on a Commission proposal).
- Lisbon double majority, from 1 Nov 2014 (Art. 16(4) TEU, Art. 238(3) TFEU): at least 55% of the members and at
  least 15 of them, representing 65% of the population; a blocking minority needs at least four members. When the
  Council does not act on a Commission proposal: 72% of the members and 65% of the population.
- Unanimity: every member must agree (each member is a veto player, so every power index is 1/n).

Choices where the rules leave room (documented in docs/backtests.md):
- Nice's population check (62%) applies only on a member's request; the voting game here leaves it out, as does
  the vote-weight scheme. The 2014–2017 option to ask for Nice rules under Lisbon is also left out.
- The Lisbon game counts population in units of 10,000 (see `population.py` for the figures).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.population import population_on
from realpolitik.evaluate.power import WeightedGame

EU15 = ("at", "be", "de", "dk", "el", "es", "fi", "fr", "ie", "it", "lu", "nl", "pt", "se", "uk")
ACCESSION_2004 = ("cy", "cz", "ee", "hu", "lt", "lv", "mt", "pl", "si", "sk")
ACCESSION_2007 = ("bu", "ro")
ACCESSION_2013 = ("cr",)

VOTES_1995 = {"de": 10, "fr": 10, "it": 10, "uk": 10, "es": 8, "be": 5, "el": 5, "nl": 5, "pt": 5, "at": 4, "se": 4,
              "dk": 3, "fi": 3, "ie": 3, "lu": 2}
VOTES_2004_INTERIM = {**VOTES_1995, "pl": 8, "cz": 5, "hu": 5, "ee": 3, "lt": 3, "lv": 3, "si": 3, "sk": 3,
                      "cy": 2, "mt": 2}
VOTES_NICE = {"de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13, "be": 12, "cz": 12,
              "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10, "dk": 7, "fi": 7, "ie": 7, "lt": 7,
              "sk": 7, "cr": 7, "cy": 4, "ee": 4, "lu": 4, "lv": 4, "si": 4, "mt": 3}

RULES = ("QMV", "QMV(10)", "Unan")
POPULATION_UNIT = 10  # thousands: the Lisbon game counts population in units of 10,000


@dataclass(frozen=True)
class Regime:
    """The Council's voting rules in force over a span of dates."""

    name: str
    treaty: str
    start: dt.date
    members: tuple[str, ...]
    votes: dict[str, int] | None  # None under Lisbon's double majority
    vote_quota: int | None
    source: str


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


_EU25 = EU15 + ACCESSION_2004
_EU27 = _EU25 + ACCESSION_2007
_EU28 = _EU27 + ACCESSION_2013
_ART148 = "Art. 148(2) EC as amended by the 1994 Act of Accession"
REGIMES: tuple[Regime, ...] = (
    Regime("EU-15, Maastricht", "Maastricht", _d("1995-01-01"), EU15, VOTES_1995, 62, _ART148),
    Regime("EU-15, Amsterdam", "Amsterdam", _d("1999-05-01"), EU15, VOTES_1995, 62, "Art. 205(2) EC (Amsterdam)"),
    Regime("EU-15, Nice (old weights)", "Nice", _d("2003-02-01"), EU15, VOTES_1995, 62,
           "Art. 205(2) EC; Nice Protocol on enlargement, Art. 3 (new weights from 1 Nov 2004)"),
    Regime("EU-25 interim", "Nice", _d("2004-05-01"), _EU25, VOTES_2004_INTERIM, 88,
           "2003 Act of Accession, Art. 26"),
    Regime("EU-25, Nice", "Nice", _d("2004-11-01"), _EU25, {k: VOTES_NICE[k] for k in _EU25}, 232,
           "Nice Protocol on enlargement, Art. 3; 2003 Act of Accession, Art. 12"),
    Regime("EU-27, Nice", "Nice", _d("2007-01-01"), _EU27, {k: VOTES_NICE[k] for k in _EU27}, 255,
           "2005 Act of Accession, Art. 10"),
    Regime("EU-28, Nice", "Lisbon", _d("2013-07-01"), _EU28, dict(VOTES_NICE), 260,
           "Protocol 36 on transitional provisions, Art. 3(3); 2012 Act of Accession, Art. 20"),
    Regime("EU-28, Lisbon double majority", "Lisbon", _d("2014-11-01"), _EU28, None, None,
           "Art. 16(4) TEU; Art. 238(3) TFEU"),
    Regime("EU-27 (after Brexit), Lisbon double majority", "Lisbon", _d("2020-02-01"),
           tuple(m for m in _EU28 if m != "uk"), None, None, "Art. 16(4) TEU; Art. 238(3) TFEU"),
)


def regime_on(date: dt.date) -> Regime:
    """Return the Council voting regime in force on `date` (from 1 Jan 1995, the first DEU year)."""
    if date < REGIMES[0].start:
        raise RealpolitikError(f"no Council voting rules are tabulated before {REGIMES[0].start} (got {date}). "
                               "Fix: use proposals from 1995 on, or the 'equal' capability scheme")
    return [r for r in REGIMES if r.start <= date][-1]


def _check_rule(rule: str) -> str:
    if rule not in RULES:
        raise RealpolitikError(f"unknown Council voting rule {rule!r}. Fix: use one of {', '.join(RULES)}")
    return rule


def council_game(regime: Regime, rule: str, date: dt.date) -> WeightedGame:
    """Return the Council's voting game under `regime` for a decision by `rule` (QMV, QMV(10), Unan), players in
    the order of `regime.members`."""
    members = regime.members
    n = len(members)
    if _check_rule(rule) == "Unan":
        return WeightedGame.quota(np.ones(n, dtype=int), n, description=f"{regime.name}: unanimity of {n}")
    not_on_proposal = rule == "QMV(10)"
    if regime.votes is not None:
        votes = [regime.votes[m] for m in members]
        if regime.vote_quota == 62:  # 1995-2004: 10 members when not acting on a Commission proposal
            min_members = 10 if not_on_proposal else 0
        elif regime.name == "EU-25 interim":
            min_members = math.ceil(2 * n / 3) if not_on_proposal else 0
        else:  # Nice: a majority of members, two thirds when not on a Commission proposal
            min_members = math.ceil(2 * n / 3) if not_on_proposal else n // 2 + 1
        return WeightedGame.quota(votes, regime.vote_quota, min_members,
                                  description=f"{regime.name}: {regime.vote_quota} of {sum(votes)} votes, "
                                              f"≥ {min_members} members")
    return lisbon_game(members, date, not_on_proposal)


def lisbon_game(members: tuple[str, ...], date: dt.date, not_on_proposal: bool = False) -> WeightedGame:
    """Return Lisbon's double-majority game: ≥ 55% of members (and ≥ 15) with ≥ 65% of the population, or any
    coalition that leaves fewer than four members outside; when not on a Commission proposal, 72% of members with
    65% of the population. Players are `members` in order; their weight is population in units of 10,000."""
    n = len(members)
    population = np.array([round(population_on(m, date) / POPULATION_UNIT) for m in members], dtype=np.int64)
    member_quota = math.ceil(0.72 * n) if not_on_proposal else max(15, math.ceil(0.55 * n))
    population_quota = math.ceil(0.65 * int(population.sum()))

    def rule(size: np.ndarray, sums: tuple[np.ndarray, ...]) -> np.ndarray:
        double_majority = (size >= member_quota) & (sums[0] >= population_quota)
        if not_on_proposal:  # Art. 238(2) TFEU has no blocking-minority clause
            return double_majority
        return double_majority | (size >= n - 3)

    return WeightedGame(population[:, None], rule,
                        f"Lisbon: ≥ {member_quota} of {n} members with ≥ 65% of population; blocking minority ≥ 4")
