"""Personal pronouns and definite descriptions read as mentions (draft/pronouns.py, draft/anaphora.py).

Every sentence is written for these tests; the antecedent each pronoun stands for (or that it stands for no actor)
is read off the sentence by hand, as are the relations and quantity holders the mentions let the extractor draft.
"""

from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.draft import anaphora, draft, pronouns
from realpolitik.draft.actors import find_actors
from realpolitik.draft.evidence import split_sentences

AS_OF = "2020-01-01"


def resolved(text: str, as_of: str = AS_OF) -> list[tuple[str, str]]:
    """(pronoun as written, actor id) for every pronoun the drafter resolves, in text order."""
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date.fromisoformat(as_of), use_ner=False)
    by_id = {a.id: a for a in actors}
    found = pronouns.pronouns(sentences, anaphora.descriptions(sentences, mentions, by_id), by_id)
    return [(m.text, m.actor) for m in found if m.how in (pronouns.PRONOUN, pronouns.BOUND)]


def hows(text: str) -> dict[str, str]:
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date.fromisoformat(AS_OF), use_ner=False)
    by_id = {a.id: a for a in actors}
    return {m.text: m.how for m in pronouns.pronouns(sentences, mentions, by_id)
            if m.how in (pronouns.PRONOUN, pronouns.BOUND)}


def relations(text: str, as_of: str = AS_OF) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in draft(text, as_of, use_ner=False).relations}


def test_subject_it_of_a_reported_clause_is_the_speaker() -> None:
    assert resolved("Ankara says it will defend Baku.", "2020-10-01") == [("it", "turkey")]


def test_object_pronoun_is_never_the_subject_of_its_own_clause() -> None:
    # "it" is the object of "sold": India sells to Armenia, the only other state within reach
    text = "Armenia needs air defences. India has sold it radars and rockets."
    assert resolved(text) == [("it", "armenia")]
    assert ("arms_supplier", "india", "armenia") in relations(text)
    # without the pronoun read, the cue has no recipient: the relation comes from "it"
    assert not relations("India has sold it radars and rockets.")


def test_object_pronoun_skips_the_subject_and_the_leader_of_the_subject_state() -> None:
    # Beijing (China) is the subject, Xi leads China: "him" is Putin
    assert resolved("Putin met Xi in May. Beijing has since sold him nothing.") == [("him", "putin")]


@pytest.mark.parametrize("text", [
    "Egypt is isolated. It is clear that Cairo wants a deal.",
    "Egypt is isolated. It seems that Libya agrees.",
    "Egypt signed the treaty. It was in 1979 that the Sinai was returned.",
    "Egypt waited. It took Moscow three weeks to respond.",
    "Egypt is isolated. Washington made it clear that Cairo must wait.",
    "Kenya is ready. It is now likely that Nairobi will send police to Haiti.",
])
def test_expletive_it_stands_for_no_actor(text: str) -> None:
    assert resolved(text) == []


def test_they_them_their_stand_for_a_plural_group_not_a_state() -> None:
    text = "The Houthis control Sanaa. Tehran has supplied them with drones."
    assert resolved(text) == [("them", "houthis")]
    assert ("arms_supplier", "iran", "houthis") in relations(text)


def test_a_group_named_in_the_plural_is_no_antecedent_of_it_and_a_singular_one_is() -> None:
    # "the Houthis'" is plural: "it" is Iran; "Hamas" is singular: "it" is Hamas
    assert resolved("Iran is the Houthis' patron, though how much it supplies is unclear.") == [("it", "iran")]
    assert resolved("Hamas rules Gaza. Iran funds it.") == [("it", "hamas")]
    assert ("economic_dependency", "hamas", "iran") in relations("Hamas rules Gaza. Iran funds it.")


def test_he_him_his_stand_for_a_leader() -> None:
    assert resolved("Erdogan faces an election. Moscow has courted him for years.") == [("him", "erdogan")]


def test_a_possessive_is_not_the_state_of_a_demonym_adjective() -> None:
    # "American sanctions on its oil industry": its is Venezuela, whose exports the clause before is about
    text = "Venezuela's exports have collapsed, and American sanctions on its oil industry remain in force."
    assert resolved(text) == [("its", "venezuela")]
    assert ("sanctions", "united_states", "venezuela") in relations(text)


def test_a_possessive_of_its_own_clause_subject_is_bound_and_left_to_quantities() -> None:
    assert hows("Poland has moved its tanks to the border.") == {"its": pronouns.BOUND}
    assert hows("Bolivia has few friends, but Russia has lent it money.") == {"it": pronouns.PRONOUN}


@pytest.mark.parametrize("text", [
    "Serbia and Russia are close. Moscow supplies it with fighters.",  # two states named together: not "it"
    "Mali is isolated. Algeria and Morocco say they will mediate.",  # "they" are the two, no one group
    "A ceasefire between Sudan and Chad was signed in May. Egypt welcomed it.",  # the ceasefire
    "Washington drafted a resolution against Iran, and Moscow vetoed it.",  # the resolution, not Iran
    "Armenia lost the war. Russia did not send it troops.",  # the war comes between
    "Nigeria sent 3,000 soldiers to Gambia; many of them came home.",  # a part of the soldiers
])
def test_pronouns_with_another_reading_are_left_unresolved(text: str) -> None:
    assert resolved(text) == []


def test_a_quantity_takes_its_holder_from_a_possessive() -> None:
    quantities = draft("Chad depends on donors. Some 40% of its budget comes from France.", AS_OF,
                       use_ner=False).quantities
    assert [(q.value, q.unit, q.holder) for q in quantities] == [(40.0, "%", "chad")]


def test_the_regime_is_the_state_the_text_is_about() -> None:
    # Syria is named twice as a place, Russia and Turkey once each as subjects
    text = ("Russia has bombed rebel towns in Syria since 2015, and Turkey has shelled posts in Syria. "
            "Iran has lent the regime $3bn.")
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date.fromisoformat(AS_OF), use_ner=False)
    found = anaphora.descriptions(sentences, mentions, {a.id: a for a in actors})
    assert [(m.text, m.actor) for m in found if m.how == "anaphor"] == [("the regime", "syria")]
    # named once only: nobody
    text = "Russia has bombed rebel towns in Syria. Iran has lent the regime $3bn."
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date.fromisoformat(AS_OF), use_ner=False)
    assert not [m for m in anaphora.descriptions(sentences, mentions, {a.id: a for a in actors})
                if m.how == "anaphor"]


@pytest.mark.parametrize("text", [
    # the operation, named as the subject of an as-clause, is what the alliance calls "it"
    "NATO jets struck radar sites. Operation Allied Shield, as the alliance calls it, has lasted a week.",
    # an apposition to the subject is no object of its verb: Brazil endorses the plan, not Venezuela
    "Venezuela drafted a peace plan, and Brazil, Venezuela's largest neighbour, has endorsed it.",
    # the last clause before "It" has a thing for subject (the port), so "It" is not Damascus
    "Damascus has bought Soviet weapons for decades, and the port at Tartus is the only base Moscow keeps abroad. "
    "It is now joined by an air base.",
    # a thing opens the pronoun's own sentence
    "Iraq has lost the war. The ceasefire is weaker than it looks.",
])
def test_a_subject_or_apposition_that_is_no_antecedent_leaves_it_unresolved(text: str) -> None:
    assert resolved(text) == []


def test_a_body_standing_for_a_leaders_state_is_the_antecedent_of_it() -> None:
    # "The Reagan administration" is a mention of Reagan (who represents the United States): "it" is that body,
    # and the supply it announces is the United States' (a person would be "he")
    text = "Britain wants talks with Argentina. The Reagan administration says it will sell Britain missiles."
    assert resolved(text, "1982-05-01") == [("it", "reagan")]
    assert ("arms_supplier", "reagan", "united_kingdom") in relations(text, "1982-05-01")
    assert resolved("Reagan wants talks. Britain says it will wait.", "1982-05-01") == [("it", "united_kingdom")]


# --- relative clauses: the relative pronoun is its clause's subject ---------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # "which" stands for Russia: "it" (object) goes past it to the main clause's subject, Syria
    ("Syria is turning to Russia, which has already sold it 40 attack helicopters.", [("it", "syria")]),
    # an irregular past tense opens the relative clause as a regular one does
    ("Venezuela relies on China, which lent it five billion dollars.", [("it", "venezuela")]),
    ("Cuba leans on Moscow, which paid it in oil.", [("it", "cuba")]),
    ("Chad leans on France, who has trained it for years.", [("it", "chad")]),
    # a subject pronoun in the relative clause is its head, not the main clause's subject
    ("Serbia turned to Russia, which says it will veto the resolution.", [("it", "russia")]),
    # reflexive: the head
    ("Greece courted Cyprus, which sees itself as a bridge.", [("itself", "cyprus")]),
])
def test_relative_clause_head_is_the_subject_of_its_clause(text: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(text, "2010-01-01") == expected


def test_relative_clause_object_pronoun_gives_the_supplier_relation_and_the_holder() -> None:
    # the seller is Russia (the head of "which"); the buyer is Syria, whom "it" stands for
    text = "Syria is turning to Russia, which has already sold it 40 fighter jets."
    d = draft(text, "2010-01-01", use_ner=False)
    assert ("arms_supplier", "russia", "syria") in {(r.kind, r.source, r.target) for r in d.relations}
    assert [(q.value, q.holder) for q in d.quantities] == [(40.0, "syria")]


def test_possessive_in_a_relative_clause_is_left_to_the_clause_rules() -> None:
    # "its" = Japan's exports: the main clause's subject, not the head of "which"
    assert resolved("Japan depends on America, which buys a fifth of its exports.", "2010-01-01") == [
        ("its", "japan")]


# --- appositions: "Turkey, its closest ally," describes Turkey by another actor ------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Armenia did not fight alone. Russia, its closest ally, trained its officers and sold it tanks.",
     [("its", "armenia"), ("its", "russia"), ("it", "armenia")]),
    ("Vladimir Putin called it a provocation. Sergei Lavrov, his foreign minister, says Russia will wait.",
     [("his", "putin")]),
])
def test_possessive_opening_an_apposition_is_not_its_head(text: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(text, "2015-01-01") == expected


def test_possessive_in_an_apposition_still_takes_the_clause_subject_when_another_actor() -> None:
    # "his" in the apposition to Lavrov: not Lavrov; the clause's subject Kerry comes first
    assert resolved("John Kerry has been talking to Sergei Lavrov, his Russian counterpart.", "2015-01-01") == [
        ("his", "kerry")]


# --- a thing subject of an earlier sentence outranks an actor inside it --------------------------------------------
@pytest.mark.parametrize("text", [
    # "it" is the force (the subject), not the UN named in its modifier
    "The Asian mission approved by the United Nations in March is finally deploying. Japan has promised "
    "500 engineers to it.",
    "The blockade imposed on Qatar in June is slowly cracking. Turkey has sent 200 soldiers to it.",
])
def test_object_it_after_a_sentence_whose_subject_is_a_thing_stays_unresolved(text: str) -> None:
    assert resolved(text, "2017-01-01") == []


def test_object_it_after_a_sentence_whose_subject_is_the_actor_is_resolved() -> None:
    # the same construction with the actor as subject: "it" is Qatar
    assert resolved("Qatar is slowly cracking. Turkey has sent 200 soldiers to it.", "2017-01-01") == [
        ("it", "qatar")]


def test_a_person_named_by_a_title_alone_competes_with_the_antecedent_of_he() -> None:
    # "his" is the king's, whom the drafter cannot name: not Blinken's
    assert resolved("Antony Blinken flew to Amman. The king, for his part, said nothing.", "2022-01-01") == []
    # a title in apposition to a named leader is that leader
    assert resolved("Antony Blinken, the secretary of state, said his country would help.", "2022-01-01") == [
        ("his", "blinken")]


def test_it_in_a_sentence_whose_subject_is_a_person_does_not_reach_back() -> None:
    # the force Guterres (a person) reinforced owns the mandate; Ukraine, the subject of the sentence before, does not
    text = ("Ukraine has asked for help. Antonio Guterres has sent the UN force 4,000 more men, but its mandate does "
            "not allow it to fight.")
    assert resolved(text, "2022-01-01") == []
    # without the person as subject the state is what "its" stands for
    assert resolved("Ukraine has asked for help, but its army cannot wait.", "2022-01-01") == [("its", "ukraine")]


@pytest.mark.parametrize(("text", "expected"), [
    # Kuwait is the object of the description's own clause, not its subject: "the country" may be Kuwait
    ("Iraq invaded Kuwait and annexed the country within a week.", [("the country", "kuwait")]),
    ("Nigeria closed its border with Benin and froze the country's assets.", [("the country", "benin")]),
    # subjects of the clause, alone or listed together, are never the description
    ("Kenya and Uganda sent troops to defend the country.", []),
])
def test_a_description_skips_the_subjects_of_its_clause_not_its_objects(text, expected) -> None:
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date(1990, 10, 1), use_ner=False)
    found = anaphora.descriptions(sentences, mentions, {a.id: a for a in actors})
    assert [(m.text, m.actor) for m in found if m.how == "anaphor"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the subject is not its own partner or supplier: "its" in the predicate is the other actor
    ("Russia is Serbia's main creditor and its closest ally.", [("its", "serbia")]),
    ("Armenia needs arms. India, which sold Yerevan rocket launchers, has become its main supplier.",
     [("its", "armenia")]),
    # not a predicate: an infinitive after the copula, or a new clause whose subject "its army" is
    ("Russia is determined to protect its interests.", [("its", "russia")]),
    ("Turkey is Azerbaijan's ally and its army trains Baku's officers.", [("its", "turkey")]),
])
def test_a_possessive_in_a_noun_predicate_is_not_the_subject(text, expected) -> None:
    assert resolved(text, "2021-01-01") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the sentence before ends with a clause of its own subject: that subject is the latest topic
    ("Egypt says it acted alone, and Jordan has protested. Its army is on alert.",
     [("it", "egypt"), ("Its", "jordan")]),
    # one clause: its first subject
    ("Egypt has warned Jordan. Its army is on alert.", [("Its", "egypt")]),
])
def test_it_opening_a_sentence_is_the_subject_of_the_last_clause_before(text, expected) -> None:
    assert resolved(text, "1990-01-01") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the thing opening the reported clause ("the army") is what "it" stands for, not the speaker
    ('America has frozen funds; Joe Biden said the army "must return the power it has taken".', []),
    ("America has frozen funds; Washington says the embargo will stay until it has worked.", []),
    # no thing opens the reported clause: the speaker's state
    ("America has frozen funds; Washington says it will wait.", [("it", "united_states")]),
])
def test_a_thing_opening_a_reported_clause_competes_with_the_speaker(text, expected) -> None:
    assert resolved(text, "2021-03-01") == expected


@pytest.mark.parametrize("text, expected", [
    # "It is/was a ... that/who": a description of the antecedent, not a cleft; the cleft frame needs a capitalised
    # focus ("It was France's Sarkozy who"), and the pattern is case-insensitive, so "[A-Z]" once matched any letter
    ("Russia is Armenia's closest ally. It is also a power that supplies arms to Azerbaijan.",
     ("arms_supplier", "russia", "azerbaijan")),
    ("Turkey backs Azerbaijan. It was a reliable partner who sent drones to Baku.",
     ("arms_supplier", "turkey", "azerbaijan")),
])
def test_it_is_a_description_that_is_not_expletive(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in {(r.kind, r.source, r.target) for r in draft(text, as_of=AS_OF).relations}
