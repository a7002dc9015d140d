"""Relation wordings of issue 17's fifth round, each in sentences written for the test: coordinated role nouns,
joining a drafted pact, a relative "where" clause of deployed troops, memberships by "belongs to", object
relatives, command frames, aircraft flying from a base, "the two" as the latest two subjects, titles inside
mediation lists; and the readings that must not draft a tie (hedged reports, demands for a measure, promises,
withheld deliveries, trading or former partners, attack aircraft, unknown passive agents, opened airspace). The
expected relations are read off each sentence by hand."""

from __future__ import annotations

import pytest

from realpolitik.draft import draft


def relations(text: str, as_of: str = "2024-01-01") -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in draft(text, as_of, use_ner=False).relations}


def kinds_between(text: str, as_of: str = "2024-01-01") -> set[tuple[str, frozenset[str]]]:
    """(kind, unordered pair) of every relation: for ties whose direction the test does not fix."""
    return {(r.kind, frozenset((r.source, r.target))) for r in draft(text, as_of, use_ner=False).relations}


@pytest.mark.parametrize(("text", "expected"), [
    # a copular or apposed role noun coordinated with another: one relation per role
    ("Iran is Syria's armourer and paymaster.",
     {("arms_supplier", "iran", "syria"), ("economic_dependency", "syria", "iran")}),
    ("Qatar, Hamas's banker and protector, said nothing.",
     {("economic_dependency", "hamas", "qatar"), ("alliance", "qatar", "hamas")}),
])
def test_coordinated_role_nouns_each_draft_a_relation(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(text)


def test_joining_a_drafted_pact_binds_the_newcomer_to_each_party() -> None:
    found = kinds_between("Syria signed a mutual defence treaty with Egypt in 1966. Jordan has now joined the pact.",
                          "1967-06-01")
    assert ("defence_pact", frozenset({"jordan", "syria"})) in found
    assert ("defence_pact", frozenset({"jordan", "egypt"})) in found


def test_joining_a_pact_that_was_never_drafted_or_is_negated_draws_nothing() -> None:
    assert not any(k == "defence_pact" for k, _ in kinds_between("Iraq has joined the pact.", "1967-06-01"))
    found = kinds_between("Syria signed a mutual defence treaty with Egypt. Iraq has not joined the pact.",
                          "1967-06-01")
    assert not any(k == "defence_pact" and "iraq" in pair for k, pair in found)


@pytest.mark.parametrize(("text", "expected"), [
    # a relative "where" clause: the demonym's state is based in the place it is said of
    ("Cuba lost many men in Angola, where some 30,000 Cuban troops are stationed.", ("basing", "cuba", "angola")),
    ("Syria withdrew from Lebanon, where Syrian soldiers had been based since 1976.", ("basing", "syria", "lebanon")),
    # sending men, units or monitors somewhere
    ("Chad has sent 2,000 men to Mali.", ("basing", "chad", "mali")),
    ("The European Union has sent monitors to Georgia.", ("basing", "eu", "georgia")),
    ("Russia keeps 3,000 observers in Moldova.", ("basing", "russia", "moldova")),
    # letting another's aircraft shelter, land or refuel at one's bases
    ("Saudi Arabia let Iraqi jets shelter at its airfields.", ("basing", "iraq", "saudi_arabia")),
    ("Oman allows American tankers to refuel at Masirah.", ("basing", "united_states", "oman")),
    # aircraft flying or operating from a base abroad
    ("British Tornados are flying from Akrotiri in Cyprus.", ("basing", "united_kingdom", "cyprus")),
    ("American drones operate from an airstrip in Niger.", ("basing", "united_states", "niger")),
])
def test_basing_wordings(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_a_where_clause_with_no_troops_or_a_negation_is_no_basing() -> None:
    assert not any(k == "basing" for k, *_ in relations("Egypt left Yemen, where no Egyptian soldiers are now "
                                                         "deployed.", "1970-01-01"))
    assert not any(k == "basing" for k, *_ in relations("Turkey opened its airspace to American jets."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Armenia belongs to the CSTO.", ("alliance", "armenia", "csto")),
    ("The Collective Security Treaty Organisation, to which Belarus belongs, met in Minsk.",
     ("alliance", "belarus", "csto")),
    ("NATO, of which Turkey is a member, protested.", ("alliance", "turkey", "nato")),
])
def test_membership_wordings(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


@pytest.mark.parametrize(("text", "pair"), [
    # object relatives: the antecedent is the object of the relative clause's verb
    ("Angola's army is tired of UNITA, which Luanda has been fighting for two decades.", {"angola", "unita"}),
    ("The PKK, which Turkey has been fighting since 1984, declared a truce.", {"turkey", "pkk"}),
    # chasing and hunting down an armed group
    ("Uganda is chasing the Allied Democratic Forces across the border.", {"uganda", "adf"}),
    ("Kenya has hunted down al-Shabaab in the south.", {"kenya", "al_shabaab"}),
    ("Israel, which hates the regime in Iran, said nothing.", {"israel", "iran"}),
])
def test_hostility_wordings(text: str, pair: set[str]) -> None:
    assert ("hostility", frozenset(pair)) in kinds_between(text, "1998-09-15" if "Angola" in text or
                                                            "Uganda" in text else "2024-01-01")


def test_chasing_something_else_or_attack_aircraft_are_no_hostility() -> None:
    assert not relations("Uganda is chasing investors from the Gulf.")
    assert ("hostility", frozenset({"united_states", "israel"})) not in kinds_between(
        "The United States sold Israel 48 Skyhawk attack aircraft.", "1967-06-01")
    assert not any(k == "hostility" for k, _ in kinds_between("Egypt is at war in Yemen.", "1967-06-01"))


@pytest.mark.parametrize(("text", "expected"), [
    # "under the command/control of": the commander's side influences the owner of the placed force
    ("Hussein placed the Jordanian army under the command of an Egyptian general.", ("influence", "egypt", "jordan")),
    ("Syria put Lebanon's militias under the control of Iran.", ("influence", "iran", "lebanon")),
])
def test_command_frames(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text, "1967-06-01" if "Hussein" in text else "1990-01-01")


def test_the_two_names_the_two_latest_subjects() -> None:
    found = relations("China has blocked a statement at the UN. Russia will send a minister to the parade. "
                      "Myanmar buys most of its arms from the two.")
    assert {("arms_supplier", "china", "myanmar"), ("arms_supplier", "russia", "myanmar")} <= found
    assert not relations("Myanmar buys most of its arms from the two.")  # no antecedents: nothing


@pytest.mark.parametrize(("text", "expected"), [
    ("Kofi Annan mediated between Mr Kabila and President Museveni.",
     {("mediation", "annan", "ld_kabila"), ("mediation", "annan", "museveni")}),
    ("Indonesia's foreign minister has tried shuttle diplomacy between Myanmar and Thailand.",
     {("mediation", "indonesia", "myanmar"), ("mediation", "indonesia", "thailand")}),
])
def test_mediation_lists_with_titles_and_shuttle_diplomacy(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(text, "1998-09-15" if "Kabila" in text else "2021-03-20")


def test_a_mediator_after_by_the_and_a_demonym() -> None:
    found = relations("Azerbaijan attacked Armenia. A ceasefire was brokered by the Russian peacekeeping command.",
                      "2023-09-22")
    assert {("mediation", "russia", "azerbaijan"), ("mediation", "russia", "armenia")} <= found


def test_a_friendship_treaty_is_an_alliance_not_a_defence_pact() -> None:
    found = kinds_between("The Soviet Union signed a treaty of friendship and co-operation with Iraq.", "1980-01-01")
    assert ("alliance", frozenset({"russia", "iraq"})) in found
    assert not any(k == "defence_pact" for k, _ in found)


@pytest.mark.parametrize(("text", "kind"), [
    # hedged reports: the author does not assert the tie
    ("Libyan planes are said to be flying arms to Iran.", "arms_supplier"),
    ("Sudan is reported to be bombing Uganda.", "hostility"),
    ("Iran reportedly supplies the Houthis with missiles.", "arms_supplier"),
    # a demand for a measure is not the measure
    ("The diaspora in France is pressing for sanctions on Azerbaijan.", "sanctions"),
    ("Poland has called for an embargo on Russia.", "sanctions"),
    # a promise or an offer is not yet a deployment
    ("Chad has promised to send 2,000 men to Mali.", "basing"),
    ("Nigeria offered to send troops to Mali.", "basing"),
    # withheld deliveries are a sanction, not a supply
    ("Moscow has held back new arms deliveries to Baghdad.", "arms_supplier"),
    # a trading partner or a former ally is no alliance
    ("China is Myanmar's biggest trading partner.", "alliance"),
    ("Libya, a former ally of Chad, protested.", "alliance"),
])
def test_readings_that_draft_no_tie(text: str, kind: str) -> None:
    assert not any(k == kind for k, *_ in relations(text, "1990-01-01"))


def test_an_unknown_passive_agent_is_not_replaced_by_a_later_name() -> None:
    found = relations("France has 2,500 troops in Mali, backed by Rafale jets flying from N'Djamena.", "2013-01-25")
    assert ("alliance", "chad", "france") not in found
    assert {("basing", "france", "mali"), ("basing", "france", "chad")} <= found
    assert not relations("The rebels were chased out of the towns by their former partners and now offer to help "
                         "the French.", "2013-01-25")


def test_a_new_subject_after_and_ends_the_object_list() -> None:
    found = relations("Britain has sanctioned nine generals and the European Union is preparing its own measures.")
    assert ("sanctions", "united_kingdom", "eu") not in found
    assert ("sanctions", "united_kingdom", "cambodia") in relations("Britain has sanctioned Myanmar and Cambodia.")


def test_unlawful_association_designations_are_sanctions() -> None:
    assert ("sanctions", "turkey", "pkk") in relations("Turkey has declared the PKK an illegal organisation.")


def test_a_leader_and_his_state_give_one_relation_of_a_kind() -> None:
    found = [r for r in draft("Havana depends on Moscow. Moscow is Fidel Castro's banker.", "1962-10-25",
                              use_ner=False).relations if r.kind == "economic_dependency"]
    assert len(found) == 1


@pytest.mark.parametrize(("text", "expected"), [
    # "them" right after a verbal cue: the latest group or movement named before it in the sentence
    ("The Interahamwe fled to Congo, and Mr Kabila is now arming them.", ("arms_supplier", "ld_kabila", "interahamwe")),
    ("Hezbollah is strong in Lebanon and Iran arms them.", ("arms_supplier", "iran", "hezbollah")),
])
def test_them_after_a_verbal_cue_is_the_latest_group(text: str, expected: tuple[str, str, str]) -> None:
    found = relations(text, "1998-09-15")
    assert expected in found
    assert ("arms_supplier", "lebanon", "hezbollah") not in found  # a place after "in" is no co-subject
    assert ("arms_supplier", "hezbollah", "iran") not in found  # the name before the verb is its subject


def test_them_with_only_states_before_it_draws_nothing() -> None:
    assert not any(k == "arms_supplier" for k, *_ in relations("Rwanda and Uganda fear Congo, and Kabila is arming "
                                                                "them.", "1998-09-15"))


@pytest.mark.parametrize(("text", "expected"), [
    # "look/turn to X as its protector": X protects the subject
    ("Serbia looks to Russia as its protector.", ("alliance", "russia", "serbia")),
    ("The Crimean Tatars look to Turkey as their protector.", ("alliance", "turkey", "crimean_tatars")),
])
def test_looking_to_a_protector_reverses_the_tie(text: str, expected: tuple[str, str, str]) -> None:
    found = relations(text, "2014-03-01")
    assert expected in found
    assert ("alliance", expected[2], expected[1]) not in found


def test_a_measure_falls_on_the_owner_named_in_the_subjects_apposition() -> None:
    found = relations("Japan, Myanmar's largest donor, has suspended new aid.", "2021-03-20")
    assert ("sanctions", "japan", "myanmar") in found
    assert not any(k == "sanctions" for k, *_ in relations("Japan has suspended new aid.", "2021-03-20"))


@pytest.mark.parametrize(("text", "expected"), [
    # troops that "are in" a place; "their"/"its" stands for the sentence's opening subjects
    ("Rwanda and Uganda deny it, but their troops are in eastern Congo.",
     {("basing", "rwanda", "congo"), ("basing", "uganda", "congo")}),
    ("Rwanda denies it, but its soldiers are still in Congo.", {("basing", "rwanda", "congo")}),
    ("Ugandan soldiers are now inside Congo.", {("basing", "uganda", "congo")}),
])
def test_troops_that_are_in_a_place(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(text, "1998-09-15")


def test_no_troops_in_a_place_is_no_basing() -> None:
    assert not relations("No Rwandan troops are in Congo.", "1998-09-15")


@pytest.mark.parametrize(("text", "expected"), [
    # "so is X": the elided predicate repeats the last clause's relations with X in its subject's place
    ("Syria is armed by the Soviet Union. So is Egypt.", ("arms_supplier", "russia", "egypt")),
    ("Britain sanctioned Iran, and so did France.", ("sanctions", "france", "iran")),
])
def test_so_is_x_repeats_the_elided_relation(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text, "1967-06-01")


def test_so_is_x_does_not_repeat_a_relative_clause() -> None:
    found = relations("Britain, which sanctioned Iran, protested, and so did France.", "1967-06-01")
    assert ("sanctions", "france", "iran") not in found


def test_a_maker_named_after_a_sum_supplies_the_receiver() -> None:
    assert ("arms_supplier", "russia", "egypt") in relations("Egypt has received some $2bn worth of Soviet weapons "
                                                             "since 1955.", "1967-06-01")


def test_a_when_clause_after_a_comma_has_its_own_subject() -> None:
    found = relations("Britain had drawn up plans to reinforce its troops in Cyprus, when Norway flew an envoy to "
                      "Colombo as a mediator between Sri Lanka and India.", "2006-01-01")
    assert {("mediation", "norway", "sri_lanka"), ("mediation", "norway", "india")} <= found
    assert not any(k == "mediation" and s == "united_kingdom" for k, s, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    # extending or granting a state credit: the recipient depends on the lender
    ("Iran has extended Syria a credit line of $3.6bn.", ("economic_dependency", "syria", "iran")),
    ("China granted Pakistan a $2bn loan last year.", ("economic_dependency", "pakistan", "china")),
    ("Bahrain, where some 7,000 American sailors are based, protested.", ("basing", "united_states", "bahrain")),
])
def test_credit_granted_and_sailors_based(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text, "2015-10-01")


def test_granting_rights_is_no_credit() -> None:
    assert not relations("Egypt granted Israel overflight rights.", "2015-10-01")


def test_a_passive_after_then_and_former_partners_with_an_adjective() -> None:
    text = ("The rebels of the MNLA were then chased out of the towns by their former Islamist partners and now "
            "offer to help the French.")
    assert not relations(text, "2013-01-25")
    assert not relations("Libya's former ally Chad protested.", "2013-01-25")


def test_a_demonym_naming_an_enclave_or_minority_is_not_its_state() -> None:
    assert not relations("Baku launched an offensive against the Armenian enclave of Nagorno-Karabakh.", "2023-09-22")
    assert ("hostility", "azerbaijan", "armenia") in relations("Baku launched an offensive against Armenia.",
                                                               "2023-09-22")
