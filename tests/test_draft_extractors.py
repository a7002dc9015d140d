"""Unit tests of the drafting steps on sentences written for the test (the expected items are read off each
sentence by hand, including the negated, conditional and denied ones that must not become relations)."""

from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.draft import draft
from realpolitik.draft.evidence import split_sentences


def relations(text: str) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in draft(text, "2020-09-27").relations}


def actors(text: str, as_of: str | None = "2020-09-27") -> dict[str, tuple]:
    return {a.id: (a.kind, a.cow, a.represents) for a in draft(text, as_of).actors}


# -- sentences and evidence ---------------------------------------------------------------------------------------

def test_sentences_keep_offsets_and_abbreviations():
    text = "The U.S. sold jets. Russia said no!\n\nA new paragraph without a stop\nNext line."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["The U.S. sold jets.", "Russia said no!",
                                           "A new paragraph without a stop\nNext line."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


# -- actors -------------------------------------------------------------------------------------------------------

def test_states_by_name_demonym_capital_and_metonym():
    found = actors("Ankara and the Kremlin disagree; Washington watches, Brussels frets and the Azeris celebrate.")
    assert found["turkey"][1] == 640 and found["russia"][1] == 365 and found["united_states"][1] == 2
    assert found["azerbaijan"][1] == 373
    assert found["eu"][0] == "organisation"  # Brussels stands for the EU, not Belgium
    assert "belgium" not in found


def test_leaders_map_to_the_state_they_lead_and_bring_it_in():
    found = actors("President Aliyev met Pashinyan while Erdogan's Turkey looked on.")
    assert found["ilham_aliyev"] == ("leader", None, "azerbaijan")  # 2020: Ilham, not his father Heydar
    assert found["pashinyan"] == ("leader", None, "armenia")
    assert found["azerbaijan"][1] == 373 and found["armenia"][1] == 371  # implied by their leaders


def test_same_surname_resolved_by_as_of_date():
    assert "heydar_aliyev" in actors("President Aliyev signed the ceasefire.", "1994-05-12")
    assert "ilham_aliyev" in actors("President Aliyev signed the ceasefire.", "2020-11-10")


def test_cow_code_only_when_a_system_member_at_the_date():
    # COW: Czechoslovakia (315) ended 1992-12-31 (in 2020 it is history, no actor: tests/test_draft_rules.py);
    # Kosovo (347) joined 2008-02-17 (in 2000 a territory, no actor); Germany (255) was no member 1945-1990
    # (a gap: still an actor, without a code); West Germany (260) was a member 1955-1990.
    assert "czechoslovakia" not in actors("Czechoslovakia protested.", "2020-01-01")
    assert "kosovo" not in actors("Kosovo protested.", "2000-01-01")
    assert actors("Kosovo protested.", "2010-01-01")["kosovo"][1] == 347
    assert actors("Germany protested.", "1950-01-01")["germany"][1] is None
    assert actors("Czechoslovakia protested.", "1980-01-01")["czechoslovakia"][1] == 315
    assert actors("West Germany protested.", "1980-01-01")["west_germany"][1] == 260


def test_organisations_and_groups():
    found = actors("The OSCE Minsk Group and the CSTO met; Syrian mercenaries and the Armenian diaspora were "
                   "discussed, as was the Kurdish minority.")
    assert {"osce_minsk", "csto", "syrian_mercenaries", "armenian_diaspora", "kurdish_minority"} <= set(found)
    assert found["syrian_mercenaries"][0] == "armed_group"
    assert "syria" not in found  # "Syrian mercenaries" is a group, not the state


def test_unknown_titled_leader_is_marked_and_tied_to_the_state_before_the_title():
    d = draft("Freedonia's President Rufus Firefly rejected the deal, said Russia.", "2020-01-01")
    leader = next(a for a in d.actors if a.kind == "leader")
    assert leader.name == "Rufus Firefly" and leader.unknown


# -- relations ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Russia supplies Armenia with tanks.", {("arms_supplier", "russia", "armenia")}),
    ("Turkey buys its drones from Israel and Ukraine.",
     {("arms_supplier", "israel", "turkey"), ("arms_supplier", "ukraine", "turkey")}),
    ("Russia's base in Armenia is its last in the region.", {("basing", "russia", "armenia")}),
    ("France mediated between Armenia and Azerbaijan.",
     {("mediation", "france", "armenia"), ("mediation", "france", "azerbaijan")}),
    ("Georgia depends on Russia for gas.", {("economic_dependency", "georgia", "russia")}),
    ("Qatar finances Hamas.", {("economic_dependency", "hamas", "qatar")}),
    ("Washington sanctioned Ankara over the S-400.", {("sanctions", "united_states", "turkey")}),
    ("Iran's relations with Israel are hostile.", {("hostility", "iran", "israel")}),
    ("Azerbaijan has strong ethnic ties with Turkey.", {("ethnic_tie", "azerbaijan", "turkey")}),
    ("Greece shares Orthodox Christian solidarity with Serbia.", {("religious_tie", "greece", "serbia")}),
    ("Egypt signed a defence pact with Sudan.", {("defence_pact", "egypt", "sudan")}),
])
def test_asserted_relations(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("Russia will not favour Azerbaijan.", "negated"),
    ("Russia has no military forces in Azerbaijan.", "negated"),
    ("If the West cuts off support to Turkey, Ankara will suffer.", "conditional"),
    ("Thinking that Russia will favour Azerbaijan is a mistake.", "denied"),
    ("Israel could supply Azerbaijan with more drones.", "hypothetical"),
])
def test_negated_conditional_denied_and_hypothetical_cues_are_skipped(text, reason):
    d = draft(text, "2020-09-27")
    assert d.relations == []
    assert reason in {s.reason for s in d.skipped}


def test_a_presupposed_tie_survives_a_denied_verb():
    # The author denies that Russia will favour Azerbaijan but asserts the solidarity with Armenia.
    text = ("But thinking that Russia will ignore its Orthodox Christian solidarity with Armenia and favour Azerbaijan "
            "is a mistake.")
    assert relations(text) == {("religious_tie", "russia", "armenia")}


# -- quantities ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit", "holder"), [
    ("Azerbaijan's GDP was $48.17bn in 2019.", 48.17, "US$ bn", "azerbaijan"),
    ("India's economy is worth $2.9 trillion.", 2900.0, "US$ bn", "india"),
    ("Russia has 3,300 troops in Armenia.", 3300.0, "troops", "russia"),
    ("Russia keeps 18 MiG-29s there.", 18.0, "MiG-29", "russia"),
    ("Russia also has two SAM batteries.", 2.0, "SAM batteries", "russia"),
    ("Egypt gets 97 per cent of its water from the Nile.", 97.0, "%", "egypt"),
    ("Washington pays $272 million for the base.", 272.0, "US$ m", "united_states"),
])
def test_quantities_are_normalised(text, value, unit, holder):
    quantities = draft(text, "2020-09-27").quantities
    assert [(q.value, q.unit, q.holder) for q in quantities] == [(value, unit, holder)]


def test_years_and_model_names_are_not_quantities():
    assert draft("In 2016 America kicked Turkey off the F-35 programme.", "2020-01-01").quantities == []


def test_quantity_place():
    q = draft("Russia has 3,300 troops based in Armenia.", "2020-01-01").quantities[0]
    assert q.where == "armenia"


# -- stance cues --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "direction"), [
    ("Ethiopia will not accept a binding agreement.", "ethiopia", "against"),
    ("Egypt opposes the dam.", "egypt", "against"),
    ("Sudan has sided with neither.", "sudan", "neutral"),
    ("Russia supports Armenia.", "russia", "for"),
    ("The crisis is being stoked by Erdogan.", "erdogan", "for"),
])
def test_stance_cues(text, actor, direction):
    cues = draft(text, "2020-09-27").stance_cues
    assert [(c.actor, c.direction) for c in cues] == [(actor, direction)]
    assert cues[0].position_range == {"for": (65.0, 100.0), "against": (0.0, 35.0),
                                      "neutral": (35.0, 65.0)}[direction]


# -- errors -------------------------------------------------------------------------------------------------------

def test_bad_input_is_a_clear_error():
    from realpolitik.errors import RealpolitikError

    with pytest.raises(RealpolitikError, match="Fix:"):
        draft("   ")
    with pytest.raises(RealpolitikError, match="YYYY-MM-DD"):
        draft("Russia.", as_of="last year")
    assert draft("Russia.", as_of=dt.date(2020, 1, 1)).as_of == dt.date(2020, 1, 1)


# -- rules added after the blind held-out text showed their absence -------------------------------------------------

def test_litotes_is_not_a_negation():
    assert relations("Beijing has never hidden its intention to absorb Taiwan.") == {("hostility", "china", "taiwan")}


def test_hosting_troops_is_basing_of_the_guest():
    assert relations("Japan, which hosts some 54,000 US troops, is worried.") == {("basing", "united_states", "japan")}
    # hosting talks is not basing (since the second round it is mediation: tests/test_draft_rules.py)
    assert not {r for r in relations("Qatar hosted the talks with the Taliban.") if r[0] == "basing"}


def test_state_in_the_unit_holds_the_quantity_and_a_recipient_holds_what_it_was_sold():
    q = draft("Japan hosts 54,000 US troops.", "2020-01-01").quantities[0]
    assert (q.value, q.unit, q.holder) == (54000.0, "troops", "united_states")
    q = draft("Washington sold Taipei 66 F-16V fighters.", "2020-01-01").quantities[0]
    assert (q.value, q.unit, q.holder) == (66.0, "F-16V fighters", "taiwan")


def test_a_new_clause_ends_a_coordinated_list():
    found = relations("Beijing wants to absorb Taiwan, and Xi Jinping has told the army to be ready.")
    assert found == {("hostility", "china", "taiwan")}


# -- rules added after the second held-out text (Sahel) showed their absence ------------------------------------------

def test_coordinated_subjects_each_get_the_relation():
    found = relations("Burkina Faso and Niger, both run by soldiers, have signed a mutual defence pact with Mali.")
    assert found == {("defence_pact", "burkina_faso", "mali"), ("defence_pact", "niger", "mali")}


def test_turning_to_a_power_and_forces_operating_in_a_state():
    assert relations("Mali's junta turned to Moscow.") == {("alliance", "mali", "russia")}
    assert relations("Some 1,000 Wagner fighters now operate in Mali.") == {("basing", "wagner", "mali")}


def test_warning_is_against_and_the_subject_is_not_the_last_name_of_a_relative_clause():
    cues = draft("Algeria, which mediated between Bamako and the Tuareg rebels, warns that the deal will collapse.",
                 "2023-01-01").stance_cues
    assert [(c.actor, c.direction) for c in cues] == [("algeria", "against")]


def test_regions_media_and_currencies_are_not_actors():
    found = actors("Latin America watched the Black Sea while US$48bn flowed and the Washington Post reported it.")
    assert found == {}


@pytest.mark.parametrize("text, expected", [
    ("Georgia is supplied with arms by France.", ("arms_supplier", "france", "georgia")),
    ("Serbia was strongly backed by Russia.", ("alliance", "russia", "serbia")),
    ("Venezuela gets financed by China.", ("economic_dependency", "venezuela", "china")),
])
def test_passive_voice_makes_the_by_agent_the_source(text, expected):
    found = relations(text)
    assert expected in found
    kind, source, target = expected
    assert (kind, target, source) not in found


@pytest.mark.parametrize(("text", "reason"), [
    ("Neither Paris nor Berlin is allied with Beijing.", "negated"),
    ("France declined to sell jets to Egypt.", "negated"),
    ("China refuses to supply Iran with drones.", "negated"),
    ("Moscow denied supplying Syria with tanks.", "negated"),
    ("It is false that Germany supplies Israel with submarines.", "denied"),
    ("Claims that Belarus backs Serbia are baseless.", "denied"),
])
def test_denials_refusals_and_neither_nor_are_skipped(text, reason):
    d = draft(text, "2020-09-27")
    assert d.relations == []
    assert reason in {s.reason for s in d.skipped}


def test_a_refusal_in_another_clause_does_not_negate():
    assert relations("Russia supplies Armenia with arms, but Armenia refused to join the pact.") == {
        ("arms_supplier", "russia", "armenia")}


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Poland ordered ninety-six helicopters.", 96.0, "helicopters"),  # 90 + 6
    ("Poland ordered ninety six helicopters.", 96.0, "helicopters"),
    ("Japan sent three hundred and twelve observers.", 312.0, "observers"),  # 3 * 100 + 12
    ("Egypt bought a dozen warships.", 12.0, "warships"),
    ("Britain pledged three billion pounds.", 3.0, "GBP bn"),
    ("Ukraine fired 2.5 million shells.", 2_500_000.0, "shells"),
    ("India deployed twenty-one thousand soldiers.", 21_000.0, "soldiers"),  # (20 + 1) * 1000
])
def test_number_words_are_read_whole(text, value, unit):
    assert [(q.value, q.unit) for q in draft(text, "2020-09-27").quantities] == [(value, unit)]


def test_number_words_that_do_not_make_one_number_give_no_quantity():
    assert draft("Poland ordered six seven helicopters.", "2020-09-27").quantities == []


def test_a_leader_out_of_office_at_the_as_of_date_neither_represents_nor_implies_the_state():
    # Pashinyan became Armenia's prime minister in May 2018; in 2010 he was not in office.
    found = actors("Pashinyan spoke at a rally.", "2010-01-01")
    assert found["pashinyan"][2] is None
    assert "armenia" not in found
    assert actors("Pashinyan spoke at a rally.", "2020-01-01")["pashinyan"][2] == "armenia"


def test_a_former_leader_represents_the_state_the_text_names_but_does_not_imply_it():
    # Sarkozy was President of France 2007-2012: in 2024 a former office holder.
    assert actors("Sarkozy negotiated for France.", "2024-01-01")["sarkozy"][2] == "france"
    found = actors("Sarkozy negotiated a ceasefire.", "2024-01-01")
    assert found["sarkozy"][2] is None and "france" not in found
