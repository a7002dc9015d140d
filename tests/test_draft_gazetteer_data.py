"""Checks of the gazetteer's data files against facts worked out independently of the drafter: the COW membership
spells in cow_states.csv, the ambiguity rules written in leaders.csv's header, and drafts of sentences written for
the test whose actors are read off each sentence by hand (term dates from the official lists cited per row)."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from importlib import resources

import pytest

from realpolitik.draft import draft
from realpolitik.draft.gazetteer import load_gazetteer

# Words that fire on ordinary English text (months, common words, frequent surnames, surnames several leaders share
# at once): leaders.csv lists them only inside full names or title forms, never alone.
AMBIGUOUS = {"May", "Major", "Eden", "Brown", "Rice", "Powell", "King", "Park", "Lee", "Kim", "Sharif", "Khan",
             "Singh", "Heath", "Wilson", "Ford", "Carter", "Johnson", "Begin", "Sharon", "Gandhi", "Bhutto", "Zia",
             "Amin", "Hussein", "Abdullah", "Marshall", "Baker", "Christopher", "Howard", "Fraser", "Harper",
             "Santos", "Lagos", "Hague", "Cook", "Straw", "Truss", "Jonathan", "Ramos", "Botha", "Rajapaksa",
             "Aoun", "Hariri", "Vance", "Rogers", "Schmidt", "Fischer", "Abe", "Sato", "Tanaka", "Morrison",
             "Abbott", "Fernandez", "Fernández", "Salam", "Saleh", "Ali", "Mohammed", "Hu", "Li", "Wang", "Ma",
             "Moon", "Yoon", "Chen", "Lai", "Roh", "Chun", "Faisal", "Fahd", "Khalid", "Saud", "Hamad", "Zayed",
             "Gul", "Keita", "Traoré", "Jagan", "Ghani", "Ahmed", "Mohamed"}

# Leaders whose state was not a COW system member during any part of the listed term, and why they are kept:
# Ibrahim Rugova led Kosovo under UN administration (UNMIK) 2002-2006; Kosovo (347) joins COW only in 2008-02.
NOT_MEMBER_DURING_TERM = {"rugova"}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("realpolitik.draft").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


def _date(value: str, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if value else default


LEADERS = _rows("leaders.csv")
OPEN = dt.date(2025, 12, 31)  # "in office as compiled": the end of the tables' coverage


def _spells() -> dict[int, list[tuple[dt.date, dt.date]]]:
    spells: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for r in _rows("cow_states.csv"):
        spells[int(r["cow"])].append((_date(r["start"], OPEN), _date(r["end"], OPEN)))
    return spells


def test_every_data_file_loads_and_has_the_breadth_the_drafter_needs():
    gaz = load_gazetteer()
    kinds = defaultdict(set)
    for n in gaz.names:
        kinds[n.entity.kind].add(n.entity.id)
    assert len(LEADERS) >= 600 and len(kinds["leader"]) >= 500
    assert len(kinds["organisation"]) >= 55 and len(kinds["non_state"]) >= 70


def test_every_row_has_a_source_and_a_term_that_starts_before_it_ends():
    for r in LEADERS:
        assert r["source"].strip(), r["id"]
        assert _date(r["start"], OPEN) <= _date(r["end"], OPEN), r["id"]


def test_rows_of_one_leader_agree_on_names_and_state():
    first: dict[str, dict[str, str]] = {}
    for r in LEADERS:
        f = first.setdefault(r["id"], r)
        assert (f["names"], f["cow"]) == (r["names"], r["cow"]), r["id"]


def test_each_leader_state_is_a_cow_member_during_the_term():
    spells = _spells()
    outside = set()
    for r in LEADERS:
        start, end = _date(r["start"], OPEN), _date(r["end"], OPEN)
        if not any(s <= end and start <= e for s, e in spells[int(r["cow"])]):
            outside.add(r["id"])
    assert outside == NOT_MEMBER_DURING_TERM


def test_no_two_leaders_share_a_form_while_both_in_office():
    terms: dict[str, list[tuple[str, dt.date, dt.date]]] = defaultdict(list)
    for r in LEADERS:
        for form in r["names"].split("|"):
            terms[form].append((r["id"], _date(r["start"], OPEN), _date(r["end"], OPEN)))
    clashes = {(form, a[0], b[0]) for form, ts in terms.items() for a in ts for b in ts
               if a[0] < b[0] and a[1] < b[2] and b[1] < a[2]}
    assert clashes == set()


def test_ambiguous_words_are_never_a_leader_form_on_their_own():
    forms = {form for r in LEADERS for form in r["names"].split("|")}
    assert forms & AMBIGUOUS == set()


def actors(text: str, as_of: str) -> dict[str, tuple]:
    return {a.id: (a.kind, a.cow, a.represents) for a in draft(text, as_of).actors}


def test_a_leader_named_by_surname_alone_represents_the_state_only_while_in_office():
    # Thatcher was UK prime minister 1979-05-04 to 1990-11-28 (GOV.UK: past prime ministers).
    assert actors("Thatcher sent a task force south.", "1982-04-05")["thatcher"] == ("leader", None,
                                                                                      "united_kingdom")
    found = actors("Thatcher spoke against the treaty.", "1995-01-01")
    assert found["thatcher"] == ("leader", None, None) and "united_kingdom" not in found


@pytest.mark.parametrize(("text", "as_of", "leader", "state"), [
    ("Nasser nationalised the canal company.", "1956-07-26", "nasser", "egypt"),
    ("Milosevic refused the terms.", "1999-03-24", "milosevic", "serbia"),
    ("Yeltsin warned against the bombing.", "1999-03-24", "yeltsin", "russia"),
    ("Kagame denied the charge.", "2012-11-20", "kagame", "rwanda"),
    ("Duterte set the ruling aside.", "2016-07-12", "duterte", "philippines"),
    ("Eisenhower demanded a withdrawal.", "1956-11-02", "eisenhower", "united_states"),
])
def test_post_1945_leaders_by_surname(text, as_of, leader, state):
    assert actors(text, as_of)[leader][2] == state


@pytest.mark.parametrize(("form", "as_of", "expected", "other"), [
    # Bush: George H. W. Bush 1989-1993, George W. Bush 2001-2009.
    ("Bush", "1991-01-17", "bush_sr", "bush"),
    ("Bush", "2003-03-20", "bush", "bush_sr"),
    # Kabila: Laurent-Desire Kabila 1997-2001, his son Joseph 2001-2019.
    ("Kabila", "1998-08-02", "ld_kabila", "j_kabila"),
    ("Kabila", "2012-11-20", "j_kabila", "ld_kabila"),
    # Trudeau: Pierre 1968-1979 and 1980-1984, Justin 2015-2025.
    ("Trudeau", "1970-10-16", "p_trudeau", "j_trudeau"),
    ("Trudeau", "2018-06-09", "j_trudeau", "p_trudeau"),
    # Assad: Hafez 1971-2000, Bashar 2000-2024.
    ("Assad", "1982-02-02", "hafez_assad", "assad"),
])
def test_a_surname_two_leaders_share_is_resolved_by_the_as_of_date(form, as_of, expected, other):
    found = actors(f"{form} rejected the proposal.", as_of)
    assert expected in found and other not in found


def test_a_month_or_a_common_surname_is_not_a_leader():
    found = actors("In May the Foreign Office asked Mr Brown and Major Powell to begin talks.", "2017-05-10")
    assert not {"t_may", "g_brown", "j_major", "c_powell", "begin"} & set(found)


def test_organisations_groups_and_places_from_the_tables():
    found = actors("The Baghdad Pact and the Organization of American States met; MONUSCO and the Security Council "
                   "watched the M23 rebels and the KLA.", "1999-03-24")
    assert found["cento"][0] == "organisation" and found["oas"][0] == "organisation"
    assert found["un"][0] == "organisation" and "unsc" not in found  # UN organs and missions are forms of the UN
    assert found["m23"][0] == "non_state" and found["kla"][0] == "non_state"
    places = actors("Ships crossed the Taiwan Strait, the Gulf of Aden and the Irish Sea near Northern Ireland.",
                    "2020-01-01")
    assert not {"taiwan", "south_yemen", "ireland"} & set(places)


def test_a_seat_two_states_shared_reads_as_the_member_at_the_date():
    # Bonn was West Germany's seat (COW 260, 1955-1990) and united Germany's (255) until the move to Berlin in 1999.
    assert actors("Bonn objected.", "1980-01-01")["west_germany"][1] == 260
    found = actors("Bonn objected.", "1995-01-01")
    assert found["germany"][1] == 255 and "west_germany" not in found
    # Aden was South Yemen's capital (680, 1967-1990) and is a city of united Yemen (679) after 1990.
    assert "south_yemen" not in actors("Fighting reached Aden.", "2015-03-26")
