"""Quantity extraction and unit matching on sentences written for these tests. Each expected value, unit and
holder is read off the sentence by hand under the conventions of docs/drafting.md (quantities)."""

from __future__ import annotations

import pytest

from realpolitik.draft import draft
from realpolitik.draft.unit_match import same_quantity, same_unit


def quantities(text: str, as_of: str = "2020-09-27") -> list[tuple[float, str, str | None]]:
    return [(q.value, q.unit, q.holder) for q in draft(text, as_of).quantities]


# -- units: the counted noun phrase ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("India sent two aircraft carriers.", 2.0, "aircraft carriers"),  # a compound, not "aircraft"
    ("Iran bought 40 Su-24 bombers.", 40.0, "Su-24 bombers"),
    ("Algeria ordered four Kilo-class submarines.", 4.0, "Kilo-class submarines"),
    ("Syria received 90 MiG-23s.", 90.0, "MiG-23"),  # a designator alone loses its plural
    ("Chile bought ten Super Puma transport helicopters.", 10.0, "Super Puma transport helicopters"),
    ("Greece ordered 24 Rafale&nbsp;F3 jets.", 24.0, "Rafale F3 jets"),  # an entity inside the phrase
    ("Egypt bought 30 Myst&egrave;re jets.", 30.0, "Mystère jets"),
    ("Poland ordered 250 new tanks.", 250.0, "tanks"),  # a qualifier is not part of the unit
    ("Egypt keeps 500 old tanks.", 500.0, "tanks"),
    ("Kenya keeps 300 military advisers.", 300.0, "advisers"),
    ("Germany flew 2,000 sorties.", 2000.0, "sorties"),  # a plural noun outside the drafter's list still counts
    ("India bought 36 Rafales.", 36.0, "Rafale"),  # a model name as the counted noun
])
def test_the_unit_is_the_counted_noun_phrase(text, value, unit):
    assert [(v, u) for v, u, _ in quantities(text)] == [(value, unit)]


def test_offsets_stay_in_the_raw_text_when_entities_are_decoded():
    text = "Egypt bought 30 Myst&egrave;re jets."
    q = draft(text, "2020-09-27").quantities[0]
    assert q.evidence.span.quote == "30 Myst&egrave;re jets" == text[q.evidence.span.start:q.evidence.span.end]


def test_a_demonym_in_the_phrase_is_dropped_from_the_unit_and_holds_troops():
    assert quantities("Georgia hosts 900 American troops.") == [(900.0, "troops", "united_states")]


@pytest.mark.parametrize("text", [
    "Five weeks after Russian troops crossed the border, Georgia asked for help.",  # a duration
    "Three days later Turkey closed the border.",
    "The pipeline from Iran runs 1,600 kilometres.",  # a distance (docs/drafting.md: not a quantity)
    "Egypt has waited 12 years for the deal.",
    "In 1998 India tested bombs.",  # a year
    "Resolution 242 demands that Israel withdraw.",  # a resolution number
    "On 2 May Israeli jets struck Syria.",  # a date
    "China insists on its \"one country, two systems\" formula.",  # a slogan in quotes
    "Russia kept three of them.",  # no counted noun
    "The two countries signed a treaty with Japan.",  # a reference to actors, not something they hold
])
def test_time_distance_years_and_numbered_things_are_not_quantities(text):
    assert quantities(text) == []


# -- money and shares ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Japan gave Vietnam $200,000.", 0.2, "US$ m"),  # 200,000 / 1,000,000
    ("Britain sold Oman jets worth £4 billion.", 4.0, "GBP bn"),
    ("France lent Serbia €400 million.", 400.0, "EUR m"),
    ("Turkey paid 1.5 billion dollars for the system.", 1.5, "US$ bn"),
    ("Iraq earns $12.5m a day.", 12.5, "US$ m"),
    ("Russia takes 30 percent of the market.", 30.0, "%"),
    ("Russia takes 30% of the market.", 30.0, "%"),
])
def test_money_is_scaled_to_millions_or_billions_and_shares_are_percent(text, value, unit):
    assert [(v, u) for v, u, _ in quantities(text)] == [(value, unit)]


# -- holders --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "holder"), [
    ("Moscow sold Cairo 24 helicopters.", "egypt"),  # recipient of a double-object transfer
    ("Israel is giving Kyiv four radars.", "ukraine"),
    ("France has delivered 12 jets to the Indians.", "india"),  # "delivered N ... to Y"
    ("India bought 36 jets from France.", "india"),  # the buyer
    ("Germany cut $50 million of aid to Tunisia.", "tunisia"),  # aid goes to its recipient
    ("Norway pays 20 per cent of Mali's budget.", "mali"),  # "N per cent of X's"
    ("Some 1,500 peacekeepers of the UN watched.", "un"),  # "N things of X"
    ("Iran sent 2,000 troops to Syria.", "iran"),  # a deployment is not a transfer: the sender holds its troops
    ("China extended $5bn in loans to Pakistan.", "pakistan"),
    ("Russia receives $1bn of aid a year.", "russia"),  # aid received: its subject is the recipient
    ("Britain will rotate troops through five bases in Kenya.", "united_kingdom"),  # the basing state
])
def test_the_holder_of_a_transfer_is_the_recipient(text, holder):
    assert [h for _, _, h in quantities(text)] == [holder]


def test_aid_whose_recipient_is_the_previous_sentence_actor():
    text = "Critics blame Rwanda. Japan suspended $3 million of budget support."
    assert quantities(text) == [(3.0, "US$ m", "rwanda")]
    # Two actors in the previous sentence: the recipient is unknown, and the donor is not the holder.
    text = "Critics blame Rwanda and Burundi. Japan suspended $3 million of budget support."
    assert quantities(text) == [(3.0, "US$ m", None)]


def test_bases_named_with_their_host_belong_to_the_basing_state():
    q = draft("Under the deal, American forces will use three Philippine bases.", "2020-09-27").quantities[0]
    assert (q.value, q.unit, q.holder, q.where) == (3.0, "bases", "united_states", "philippines")


def test_the_subject_of_the_clause_holds_not_the_nearest_name():
    # The appositive names Riyadh, the clause's subject is the UAE.
    assert quantities("The UAE, Riyadh's closest ally, has sent 20 jets.") == [(20.0, "jets", "united_arab_emirates")]
    # The object of a preposition is not the subject; "It" refers to the previous sentence's subject.
    text = "Vietnam remembers. It fought China in 1979 and lost 70 sailors."
    assert quantities(text) == [(70.0, "sailors", "vietnam")]
    # A list in the second clause does not take the first clause's quantity.
    text = "Oman sent 10 jets, and Qatar and Kuwait have joined the coalition."
    assert quantities(text) == [(10.0, "jets", "oman")]


def test_a_quantity_that_is_the_subject_lends_its_holder():
    text = "NATO is bombing Serbia. Some 500 alliance aircraft have flown 3,000 sorties."
    assert quantities(text, "1999-04-01") == [(500.0, "aircraft", "nato"), (3000.0, "sorties", "nato")]


def test_no_holder_from_an_earlier_sentence_when_the_subject_is_an_unknown_name():
    text = "Russia protested. The Central Bank of Ruritania has lost $50 million of reserves."
    assert quantities(text) == [(50.0, "US$ m", None)]
    text = "Russia protested. It has lost $50 million of reserves."
    assert quantities(text) == [(50.0, "US$ m", "russia")]


# -- unit matching of the evaluator ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("%", "per cent"), ("percent", "%"), ("Tanks", "tank"), ("SAM batteries", "SAM battery"),
    ("MiG-29", "MiG-29 fighters"), ("MiG-29", "MiG-29s"), ("Mystère IV jets", "Myst&egrave;re IV jets"),
])
def test_units_that_match(a, b):
    assert same_unit(a, b) and same_unit(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("aircraft", "aircraft carriers"), ("troops", "tanks"), ("MiG-29", "MiG-31 fighters"), ("US$ m", "EUR m"),
    ("%", "US$ m"), ("jets", "Rafale jets"),
])
def test_units_that_do_not_match(a, b):
    assert not same_unit(a, b)


def test_money_is_compared_after_scaling():
    # 0.2 million = 200,000 = 0.0002 billion (US$); the currency must still match.
    assert same_quantity(0.2, "US$ m", 200_000, "US$")
    assert same_quantity(0.2, "US$ m", 0.0002, "US$ bn")
    assert same_quantity(4, "GBP bn", 4000, "£ m")
    assert not same_quantity(0.2, "US$ m", 0.2, "US$ bn")
    assert not same_quantity(0.2, "US$ m", 0.2, "EUR m")
    assert not same_quantity(3, "tanks", 4, "tanks")


# -- units and non-quantities under the conventions of the second batch (descriptive adjectives, fractions) --------

@pytest.mark.parametrize(("text", "unit"), [
    ("Mali has 4,000 battle-hardened soldiers.", "soldiers"),  # a descriptive adjective is not part of the unit
    ("Chad fields some 2,000 well-trained fighters.", "fighters"),
    ("Iraq received 300 Russian-made tanks.", "tanks"),  # made by, not what they are
    ("Jordan shelters 90,000 Circassian refugees.", "refugees"),  # a people the gazetteer does not list
    ("Peru bought ten Sukhoi jets.", "Sukhoi jets"),  # a maker's name stays
])
def test_descriptive_adjectives_and_demonyms_are_dropped_from_the_unit(text, unit):
    assert [u for _, u, _ in quantities(text)] == [unit]


@pytest.mark.parametrize("text", [
    "Algeria sells three quarters of its gas to Europe.",  # a fraction in words
    "Libya lost two-thirds of its output.",
    "Washington urged the two governments to talk.",  # a reference to the actors
    "On the border two giants stare at each other.",
    "Cyprus has two communities and one state.",
])
def test_fractions_and_references_to_actors_are_not_quantities(text):
    assert quantities(text) == []


def test_a_word_for_the_actors_counts_as_a_modifier():
    assert quantities("Mali has 5,000 government troops in the north.") == [(5000.0, "troops", "mali")]


@pytest.mark.parametrize(("text", "unit"), [
    ("The rebels have launched more than 60 rockets and drones at the city.", "rockets and drones"),
    ("Russia sent 20 tanks and helicopters.", "tanks and helicopters"),
    ("Serbia keeps 40,000 troops and police in Kosovo.", "troops"),  # "police" is no plural counted noun
    ("Iran sent 300 missiles and trains pilots.", "missiles"),  # a verb, not a second counted noun
])
def test_a_coordination_of_counted_nouns_shares_the_number(text, unit):
    assert [u for _, u, _ in quantities(text)] == [unit]


@pytest.mark.parametrize(("text", "holder"), [
    ("Oil exports are worth some $900 million a year to Baku.", "azerbaijan"),  # money "to X": the recipient
    ("The floods cost Pakistan an estimated $3 billion.", "pakistan"),  # "cost X $N": X bears it
    ("The storm ruined Haiti, and Canada has promised a $50 million relief package.", "haiti"),  # aid compound
    ("The IMF has held back a $300 million tranche of its loan to Kyiv.", "ukraine"),  # "... of its loan to X"
    ("Turkey is preparing a loan of up to $2 billion to Tunisia.", "tunisia"),  # the aid noun before the number
    ("Washington has approved a $400 million arms package for Taipei.", "taiwan"),  # aid "for X"
    ("Turkey paid $2 billion for Russian missiles.", "turkey"),  # a price paid "for" things: not aid
])
def test_the_recipient_of_a_sum_holds_it(text, holder):
    assert [h for _, _, h in quantities(text)] == [holder]


def test_aid_goes_to_an_earlier_object_not_to_another_donor():
    # The earlier clause names the recipient as an object.
    text = "The war cost Lebanon $2 billion, and Qatar has pledged $500 million of aid."
    assert quantities(text) == [(2.0, "US$ bn", "lebanon"), (500.0, "US$ m", "lebanon")]
    # Only donors in the sentence: the recipient is the previous sentence's one actor.
    text = "Donors punish Rwanda. Sweden cut $5 million of aid, and Norway has frozen £2 million of budget support."
    assert [h for _, _, h in quantities(text)] == ["rwanda", "rwanda"]


@pytest.mark.parametrize(("text", "holder"), [
    ("Turkey, which hosts some 3 million Syrian refugees, wants money.", "turkey"),  # hosted people: the host's
    ("Peru, which already hosts more than 800,000 Venezuelan migrants, closed the border.", "peru"),
    ("Germany, which hosts 35,000 American troops, protested.", "united_states"),  # troops stay the sender's
])
def test_people_a_state_hosts_are_held_by_the_host(text, holder):
    assert [h for _, _, h in quantities(text)] == [holder]


def test_a_people_named_by_the_whole_phrase_keeps_its_words_and_goes_to_its_host():
    text = "Russia, home to some 500,000 ethnic Armenians, stays neutral."
    assert quantities(text) == [(500000.0, "ethnic Armenians", "russia")]


def test_a_parenthesis_opens_a_clause_with_its_own_subject():
    # "(the Chad Army ...": the name after "of (" is the parenthesis' subject, not an object of "of".
    text = "Bamako has little to boast of (the Niger Army numbers about 25,000 soldiers) and says so."
    assert quantities(text, "2023-08-01") == [(25000.0, "soldiers", "niger")]


@pytest.mark.parametrize(("text", "holder"), [
    ("Serbia, which once held 60 per cent of Croatia, holds less now.", "serbia"),  # a share of a place
    ("Norway pays 20 per cent of Mali's budget.", "mali"),  # a share of what X owns
    ("Armenia, some 98 per cent of whose people are Christians, fears Turkey.", "armenia"),
    ("The Kurds, about 18 per cent of the population, boycotted the vote.", "kurds"),  # a share in apposition
])
def test_the_holder_of_a_share(text, holder):
    assert [h for _, _, h in quantities(text)] == [holder]


@pytest.mark.parametrize("text", [
    "Belarusian volunteers are said to be fighting for Kyiv, paid $500 a week.",
    "Iran has reportedly shipped 200 missiles to Russia.",
    "Qatar allegedly paid $1bn to the militia.",
])
def test_hedged_claims_state_no_quantity(text):
    assert quantities(text) == []


def test_the_subject_of_a_subordinate_clause_does_not_hold():
    text = "Kabul's new government, formed since Ashraf Ghani fled to Uzbekistan, has little: perhaps 9,000 soldiers."
    assert quantities(text, "2021-09-01") == [(9000.0, "soldiers", "afghanistan")]


def test_a_proper_name_compound_keeps_its_plural_head():
    assert [u for _, u, _ in quantities("Britain keeps two Sovereign Base Areas on the island.")] == [
        "Sovereign Base Areas"]


@pytest.mark.parametrize(("text", "holder"), [
    ("Kuwait has deposited $2 billion in Egypt's central bank.", "egypt"),  # a deposit: the bank's state
    ("Washington signed a $3bn deal to sell Warsaw 250 tanks.", "poland"),  # the sum of a sale: the buyer
    ("Kuwait keeps $2 billion in London.", "kuwait"),  # no deposit verb and no possessive: the subject
])
def test_where_a_sum_goes(text, holder):
    assert [h for _, _, h in quantities(text)][0] == holder


@pytest.mark.parametrize("text", [
    "Sanctions hit a few dozen Iranian officials.",  # no number is stated
    "Several thousand volunteers have joined the Kurds.",
    "A force of up to 8,000 soldiers has been discussed for Haiti.",  # the ceiling of a planned force
])
def test_vague_amounts_are_not_quantities(text):
    assert quantities(text) == []


def test_a_state_described_as_the_island_receives_what_is_shipped_to_it():
    text = "Moscow buys Cuban sugar and Havana needs Soviet oil. The Kremlin has shipped the island 30 bombers."
    assert quantities(text, "1962-10-20")[-1] == (30.0, "bombers", "cuba")
    # Two candidates before: the recipient is unknown, and the sender is not the holder.
    text = "Havana and Hanoi need Soviet oil. The Kremlin has shipped the country 30 bombers."
    assert quantities(text, "1962-10-20")[-1] == (30.0, "bombers", None)


def test_aid_to_a_leader_named_with_a_title():
    text = "Germany pledged $10m of aid to President Bazoum's government."
    assert quantities(text, "2023-05-01") == [(10.0, "US$ m", "bazoum")]


@pytest.mark.parametrize(("text", "holder"), [
    ("Qatar funds Hamas with some $30 million a month.", "hamas"),  # "funds X with N": X receives
    ("Hamas holds Gaza. Qatar, which funds the movement with some $30 million a month, denies it.", "hamas"),
    ("Saudi Arabia supplied Bahrain with 40 tanks.", "bahrain"),
])
def test_funding_with_a_sum_goes_to_the_funded(text, holder):
    assert [h for _, _, h in quantities(text, "2020-01-01")][-1] == holder


def test_what_a_trade_earns_goes_to_the_indirect_object():
    text = "Gas sold to European buyers earns Baku some 60% of its revenue."
    assert quantities(text) == [(60.0, "%", "azerbaijan")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey hosts 3.6m Syrians.", (3600000.0, "Syrians", "turkey")),  # a people a host holds, "m" for million
    ("Lebanon, home to some 200,000 Palestinians, refuses.", (200000.0, "Palestinians", "lebanon")),
    ("Since 2014 America has given Kyiv some $75bn in military aid.", (75.0, "US$ bn", "ukraine")),
])
def test_hosted_peoples_abbreviated_millions_and_given_aid(text, expected):
    assert quantities(text, "2024-03-01") == [expected]


def test_people_named_by_a_demonym_without_a_host_are_not_quantities():
    assert quantities("Some 5,000 Russians live in Riga.") == []


def test_a_payment_goes_to_the_payee_and_a_debt_stays_with_the_debtor():
    assert quantities("The EU pays Ankara €6bn a year.") == [(6.0, "EUR bn", "turkey")]
    assert quantities("Venezuela owes China some $20bn.") == [(20.0, "US$ bn", "venezuela")]


def test_a_hedge_in_another_clause_does_not_hide_a_quantity():
    text = "Putin is said to be furious, and Moscow has sent 3,000 troops to Minsk."
    assert quantities(text) == [(3000.0, "troops", "russia")]


def test_hosted_people_and_things_fired_at_a_target_have_no_place():
    q = draft("Peru, which hosts 800,000 Venezuelan migrants, closed the border.", "2020-09-27").quantities[0]
    assert (q.holder, q.where) == ("peru", None)  # the host is the holder, not a separate place
    q = draft("Hamas has fired more than 2,000 rockets at towns in Israel.", "2020-09-27").quantities[0]
    assert (q.holder, q.where) == ("hamas", None)  # expended at a target, not held there
    q = draft("Turkey keeps 3,000 troops in Qatar.", "2020-09-27").quantities[0]
    assert (q.holder, q.where) == ("turkey", "qatar")
