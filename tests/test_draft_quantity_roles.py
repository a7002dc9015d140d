"""Quantity holders by semantic role (docs/drafting.md, quantities: holder roles and fallbacks). Sentences written
for these tests, several wordings per construction and the cases where a rule must not fire; each expected holder
is the reading a person gives the sentence under the annotators' convention (a transfer's holder is its recipient,
people sent stay the sender's, stocks their possessor's, people counted their group's or place's, a reporting
source holds nothing)."""

from __future__ import annotations

import pytest

from realpolitik.draft import draft
from realpolitik.draft.actors import find_actors
from realpolitik.draft.evidence import split_sentences
from realpolitik.draft.quantity_roles import text_roles


def holders(text: str, as_of: str = "2020-09-27") -> list[tuple[float, str | None]]:
    return [(q.value, q.holder) for q in draft(text, as_of).quantities]


# -- a reporting source is never the holder ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya has 20,000 troops, the UN says.", (20000.0, "kenya")),
    ("According to the UN, Kenya has 20,000 troops.", (20000.0, "kenya")),
    ("The IMF estimates that Egypt spent $3bn on arms.", (3.0, "egypt")),
    ("NATO reports that Serbia has moved 300 tanks.", (300.0, "serbia")),
    # ... while an actor that admits or says what it has itself still holds it
    ("Azerbaijan admits losing 192 soldiers.", (192.0, "azerbaijan")),
    ("Russia says it has sent 3,000 troops.", (3000.0, "russia")),
])
def test_a_reporting_source_is_not_the_holder(text, expected):
    assert holders(text) == [expected]


def test_people_a_source_reports_are_the_theatres():
    text = ("The war in Sudan has entered its second month. Egypt backs the army in Sudan, and the UAE arms the RSF "
            "against Sudan. The UN says 25 million people need food aid.")
    assert holders(text, "2023-05-25")[-1] == (25e6, "sudan")


# -- possessor frames ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "holder"), [
    ("Germany froze the $40bn in reserves held by the Central Bank of Iran.", "iran"),
    ("Britain seized the $2bn in gold held by Venezuela's central bank.", "venezuela"),
    ("The EU has frozen the $300bn owned by Russia.", "russia"),
    ("Washington froze $7bn of Iran's assets.", "iran"),  # "of X's": the owner, not the one who freezes
    ("Canada seized $40bn in foreign assets of Russia.", "russia"),  # a stock "of X"
    ("Britain holds $2bn of gold belonging to Venezuela.", "venezuela"),
    ("Britain holds $2bn in London.", "united_kingdom"),  # a place, no owner named: the subject
])
def test_frozen_or_held_money_is_its_owners(text, holder):
    assert [h for _, h in holders(text)] == [holder]


def test_a_pronoun_read_back_to_the_one_who_freezes_is_no_owner():
    # Nobody freezes its own assets: with no owner named, the holder is the text's theatre, else no one.
    assert [h for _, h in holders("Washington froze $7bn of its assets in America.")] == [None]
    text = "Sanctions on Iran are biting. Exports from Iran have halved. Washington has frozen $7bn of its assets."
    assert [h for _, h in holders(text)] == ["iran"]


@pytest.mark.parametrize(("text", "holder"), [
    ("Hezbollah, a militia of some 20,000 fighters, controls the south.", "hezbollah"),
    ("The Houthis, a movement of perhaps 100,000 fighters, hold Sanaa.", "houthis"),
    ("Bhutan, a kingdom of fewer than 800,000 people, sits between two giants.", "bhutan"),
    ("Iran arms the Houthis, a force with some 200,000 men.", "houthis"),
])
def test_a_number_in_an_apposition_describes_the_name_before_it(text, holder):
    assert [h for _, h in holders(text)] == [holder]


@pytest.mark.parametrize(("text", "holder"), [
    ("Washington has sanctioned Nicolas Maduro and 12 other officials.", "maduro"),
    ("The EU listed Nicolas Maduro and about 20 other officers.", "maduro"),
])
def test_people_counted_with_a_named_person_are_of_his_side(text, holder):
    assert [h for _, h in holders(text, "2019-03-01")] == [holder]


def test_people_a_measure_targets_are_not_the_sanctioners():
    text = ("The generals of Myanmar seized power in February. Protests in Myanmar go on, and strikes in Myanmar "
            "have closed the banks. Britain has sanctioned nine generals.")
    assert holders(text, "2021-03-20")[-1] == (9.0, "myanmar")
    # With no state the text is about, no one: not Britain.
    assert holders("Britain has sanctioned nine generals.", "2021-03-20") == [(9.0, None)]


def test_a_sanction_does_not_reach_past_the_next_verb():
    # "and sold" opens a new predicate: the tanks are sold to Ukraine, not targeted by the sanctions
    assert holders("Britain imposed sanctions on Russia and sold 14 tanks to Ukraine.") == [(14.0, "ukraine")]
    assert holders("Britain sanctioned Russia and shipped 14 tanks to Ukraine.") == [(14.0, "ukraine")]
    # the sanctioner's own holding after "and": as in "Britain has 14 tanks.", "Britain sent 14 tanks to Ukraine."
    assert holders("Britain imposed sanctions on Russia and has 14 tanks.") == [(14.0, "united_kingdom")]
    assert holders("Britain imposed sanctions on Russia and sent 14 tanks to Ukraine.") == \
        holders("Britain sent 14 tanks to Ukraine.")
    # ... while people coordinated with the target still are the target's (here: no theatre, no one; not Britain)
    assert holders("Britain sanctioned the defence minister and nine generals.", "2021-03-20") == [(9.0, None)]


# -- transfers: the recipient --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the recipient named before the things delivered
    ("An airlift has delivered to Ethiopia weapons worth more than $1 billion, including some 400 tanks.",
     [(1.0, "ethiopia"), (400.0, "ethiopia")]),
    ("Russia has shipped to Syria some 40 jets.", [(40.0, "syria")]),
    # the recipient as subject: receiving, or the passive of a transfer
    ("Ukraine has received $350m in military aid.", [(350.0, "ukraine")]),
    ("Taiwan was sold 66 jets.", [(66.0, "taiwan")]),
    # money spent "to arm X" or by a programme "to arm X"
    ("Washington has spent $500 million to arm the YPG.", [(500.0, "ypg")]),
    ("Washington spent $500 million to train and equip Hezbollah.", [(500.0, "hezbollah")]),
    ("The Pentagon's programme to arm the Kurds, which cost $500 million, has ended.", [(500.0, "kurds")]),
    # a demonym arsenal supplied, not the supplier's "its"
    ("Moscow has supplied most of the Iraqi arsenal, from its 2,750 tanks to its MiG-23 fighters.",
     [(2750.0, "iraq")]),
])
def test_the_recipient_named_in_the_transfer_frame(text, expected):
    assert holders(text, "2016-01-01") == expected


@pytest.mark.parametrize(("text", "as_of", "expected"), [
    # the things counted as the subject of a passive of giving: the recipient after "to", never the agent
    ("Some 400 tanks have been delivered to Ethiopia by Moscow.", "1978-02-01", [(400.0, "ethiopia")]),
    ("The war in Ukraine goes on. Russia shells Ukraine daily. Some 300 tanks have been delivered by Poland.",
     "2022-06-01", [(300.0, "ukraine")]),  # none named: the theatre, not Poland
    # an object relative right after the counted phrase: its subject holds, or the one it gives to
    ("Of the 40 jets Egypt bought from France, ten fly.", "2016-01-01", [(40.0, "egypt")]),
    ("The 24 Rafales that Qatar ordered have arrived.", "2016-01-01", [(24.0, "qatar")]),
    ("The 60 jets France sold Iraq have arrived.", "1981-01-01", [(60.0, "iraq")]),
    # "has" as the auxiliary of a verb of giving is no holding: the recipient after "to" holds
    ("Of the 40 jets Russia has sold to Syria, ten are grounded.", "2016-01-01", [(40.0, "syria")]),
    ("The 40 jets that Russia has delivered to Syria are old.", "2016-01-01", [(40.0, "syria")]),
    ("Of the 40 jets Egypt has, ten fly.", "2016-01-01", [(40.0, "egypt")]),  # "has" as a verb still holds
    # jets sent are a deployment as well as a gift: with no recipient role named, no holder is guessed
    ("Some 40 jets were sent to Syria.", "2016-01-01", [(40.0, None)]),
])
def test_passives_and_object_relatives_after_the_number(text, as_of, expected):
    assert holders(text, as_of) == expected


@pytest.mark.parametrize(("text", "holder"), [
    ("Japan, Vietnam's largest donor, has frozen a credit of 14 billion yen.", "vietnam"),
    ("Saudi Arabia is Egypt's paymaster: Riyadh has promised $300 million.", "egypt"),
    ("Qatar, the main backer of Hamas, has pledged $500m.", None),  # "backer of" is no owner's role: not Qatar
])
def test_an_implied_recipient_named_in_the_donors_role(text, holder):
    assert [h for _, h in holders(text, "2016-01-01")] == [holder]


def test_an_implied_recipient_from_the_text():
    # The previous sentence's one actor.
    text = "France's allies have been generous with words. Britain lent two C-17 transport aircraft."
    assert holders(text, "2013-01-25") == [(2.0, "france")]
    # The latest recipient named in the two sentences before.
    text = "Moscow has lent Caracas at least $17bn. Beijing has lent about $60bn."
    assert holders(text, "2019-02-10") == [(17.0, "venezuela"), (60.0, "venezuela")]
    # The text's main recipient: Ukraine is named as a recipient twice, nobody else is.
    text = ("Turkey sold Kyiv the drones. Estonia has sent rifles to Ukraine. Russia and Belarus are isolated. The "
            "sanctions are biting. Britain has flown in more than 4,000 anti-tank weapons.")
    assert holders(text, "2022-03-10") == [(4000.0, "ukraine")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The UAE has sent 30 jets to the coalition.", [(30.0, "united_arab_emirates")]),  # its own jets, deployed
    ("The UAE has committed a dozen jets.", [(12.0, "united_arab_emirates")]),
    ("Nigeria has pledged 1,200 soldiers.", [(1200.0, "nigeria")]),  # people pledged stay the sender's
    ("Germany has promised €100bn for its own armed forces.", [(100.0, "germany")]),  # for its own use
    ("Egypt paid $2bn for 24 Rafale jets.", [(2.0, "egypt"), (24.0, "egypt")]),  # the buyer pays and holds
])
def test_the_giver_keeps_what_it_does_not_hand_over(text, expected):
    assert holders(text, "2022-03-10") == expected


def test_the_value_of_things_counted_goes_with_them():
    text = ("Rabat agreed to restore relations with Israel, and it came with a promised sale of four drones to "
            "Morocco worth about a billion dollars.")
    assert holders(text, "2020-12-20") == [(4.0, "morocco"), (1.0, "morocco")]


# -- people counts: their group, their place, the theatre ----------------------------------------------------------

@pytest.mark.parametrize(("text", "holder"), [
    ("Eight million people in Ethiopia need food aid.", "ethiopia"),  # the place they are in
    ("Israel killed 200 civilians in Lebanon.", "lebanon"),  # not the one who kills them
    ("Some 67,000 people of Eritrean origin have been expelled from Ethiopia.", "eritrea"),  # their origin
    ("Some 60,000 refugees have crossed into Sudan.", "sudan"),  # the host they fled to
    ("About 100,000 people fled to Chad last month.", "chad"),
    ("Albania has taken in more than 350,000 refugees.", "albania"),  # the one that has or shelters them
    ("Niger is poor, with some 26 million people.", "niger"),
])
def test_people_belong_to_their_group_or_place(text, holder):
    assert [h for _, h in holders(text, "2006-08-01")] == [holder]


def test_people_with_no_group_or_place_are_the_theatres_else_no_ones():
    text = ("Fighting in Sudan has spread. Egypt backs the army in Sudan. More than 1.3 million people have been "
            "displaced.")
    assert holders(text, "2023-05-25") == [(1.3e6, "sudan")]
    assert holders("More than 1.3 million people have been displaced.", "2023-05-25") == [(1.3e6, None)]
    # Not the actor that kills them.
    assert holders("Russian strikes killed 300 civilians.", "2022-03-10") == [(300.0, None)]


# -- not quantities: what the annotators leave out -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Bulgaria sold rifles to the two armies.",  # the parties themselves
    "The envoy shuttled between the two capitals.",
    "The island may be carved up between two NATO members.",
    "Putin insists that Russians and Ukrainians are one people.",
    "The two men were partners until this spring.",
    "France flies Rafale and Mirage 2000 jets from Chad.",  # a number in a name
    "Iraq's president made three bets.",  # moves of the argument or the war
    "The army is fighting on half a dozen ethnic fronts.",
    "The line would give them some 35% of the island.",  # hypothetical
    "Denktash wants a federation of two regions.",  # a wish
    "Britain would sell her 30 jets.",  # "her" after the modal is an object, not a possessive of the jets
    "Congo is thought to owe Harare more than $200m.",  # hedged
    "Gulf diplomats talk of $5bn in loans promised.",  # anonymous talk of a number
    "She faces charges of taking $600,000 in bribes.",  # a charge
    "Chad has promised to send some 2,000 men to Congo.",  # an intention
    # a transfer the text denies
    "The United States did not sell Taiwan 66 jets.",
    "France has never sent 500 advisers to Chad.",
    "Germany refused to lend Greece $2bn.",
    "Moscow didn't deliver the 40 tanks to Armenia.",
])
def test_numbers_the_annotators_leave_out(text):
    assert draft(text, "2000-01-01").quantities == []


@pytest.mark.parametrize(("text", "value"), [
    ("The five members of ASEAN met.", 5.0),  # a count of five is no reference to two parties
    ("The 3,400 blue helmets are packing up.", 3400.0),
    ("Israel bought 60 Mirage jets.", 60.0),
    ("ECOWAS has pledged some 3,300 soldiers.", 3300.0),  # a pledge is a number stated
    ("The Pentagon plans to reinforce the 37,000 American troops in Korea.", 37000.0),
    ("Some 2000 jets flew.", 2000.0),  # a quantifier, not a name, before the number
    ("The two aircraft carriers sailed.", 2.0),  # "the two" before things, not before the parties
    ("The two Israeli soldiers were captured.", 2.0),
    ("Gazprom charges Ukraine $400 for gas.", 0.0004),  # a price charged, not a charge laid ($400 = 0.0004 US$ m)
    # a charge or anonymous talk in a parenthesis before the number governs no number after it
    ("Russia, accused of war crimes by the UN, has 3,000 troops in Armenia.", 3000.0),
    ("Facing charges of corruption, the president of Kenya still commands 20,000 troops.", 20000.0),
    ("Russia, whose officials talk of peace, has 3,000 troops in Armenia.", 3000.0),
    # a wish or a modal about what an actor already holds still states the holding (the possessive presupposes it)
    ("Turkey wants to keep its 3,000 troops in Cyprus.", 3000.0),
    ("Turkey wants its 3,000 troops to stay in Cyprus.", 3000.0),
    ("Iran could not hide its 3,000 centrifuges.", 3000.0),
    ("Russia would never give up Syria's 40 airfields.", 40.0),
    # a denial of something else than handing the number over: the holding stands
    ("Russia has not withdrawn its 3,000 troops from Armenia.", 3000.0),
    ("Turkey did not hide that it sold 30 drones to Azerbaijan.", 30.0),
    ("Ankara did not deny it sold 30 drones to Baku.", 30.0),  # a denial denied: the sale is asserted
])
def test_counts_that_look_like_those_but_are_kept(text, value):
    assert [q.value for q in draft(text, "2000-01-01").quantities] == [value]


@pytest.mark.parametrize("measure", ["Annual inflation has reached 80 per cent.", "Inflation has reached 80 per cent.",
                                     "Exports have fallen to $2bn.", "Oil output has fallen to 60,000 barrels a day."])
def test_an_economy_measure_opening_a_sentence_is_the_theatres(measure):
    # the measure word is capitalised at the start of a sentence: it is the same measure
    text = "The war in Sudan goes on. Egypt backs the army in Sudan, and the UAE arms the RSF against Sudan. "
    assert [q.holder for q in draft(text + measure, "2023-05-25").quantities] == ["sudan"]


@pytest.mark.parametrize(("text", "expected"), [
    # a share of the sum before it: how much of it is funded, paid, spent
    ("An appeal of $2.6bn for Sudan is only 13% funded.", [(2.6, "sudan"), (13.0, "sudan")]),
    ("Japan promised Laos $3bn, of which 40% has been paid.", [(3.0, "laos"), (40.0, "laos")]),
    # a share of something else in the same clause is not the sum's
    ("Russia lent Syria $2bn and now holds 30% of the port.", [(2.0, "syria"), (30.0, "russia")]),
])
def test_a_share_of_the_sum_before_it(text, expected):
    assert holders(text) == expected


def test_a_number_in_a_name_after_a_count_is_no_count():
    # "Mirage 2000" is a name after the count 40, as after a word in "flies Rafale and Mirage 2000 jets"
    assert 2000.0 not in [q.value for q in draft("Pakistan bought 40 Mirage 2000 jets.", "2000-01-01").quantities]


# -- the text's roles -----------------------------------------------------------------------------------------------

def roles(text: str, as_of: str = "2020-09-27"):
    import datetime as dt
    sentences = split_sentences(text)
    actors, mentions = find_actors(text, sentences, dt.date.fromisoformat(as_of), use_ner=False)
    return text_roles(sentences, mentions, {a.id: a for a in actors})


def test_the_theatre_is_the_state_most_named_as_other_than_a_subject():
    text = "Russia invaded Ukraine. Troops poured into Ukraine. Belarus let Russia use its roads."
    r = roles(text)
    # Ukraine twice as object or place; Russia once (an object of "let"), Belarus never.
    assert r.theatre is not None and r.theatre.actor == "ukraine"
    # A tie, or a state named only once, gives none.
    assert roles("Russia invaded Ukraine. Turkey armed Georgia.").theatre is None


def test_the_main_recipient_is_the_actor_most_named_as_recipient():
    text = "Turkey sold Kyiv drones. Estonia sent rifles to Ukraine. Poland depends on Norway for gas."
    r = roles(text, "2022-03-10")
    # Ukraine twice (double object, "to"), Poland once (depends on): Ukraine.
    assert r.recipient is not None and r.recipient.actor == "ukraine"
    assert roles("Turkey sold Kyiv drones. Poland depends on Norway for gas.", "2022-03-10").recipient is None
