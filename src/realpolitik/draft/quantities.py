"""Quantities: numbers with their unit, holder and place ("3,300 troops based in Armenia", "$48.17bn").

The phrases and their normalised values and units come from `quantity_phrases` (money in "US$ m"/"US$ bn",
percentages in "%", counted noun phrases with their designators), the holder from `quantity_holders` (by role:
possessor, recipient named or implied, people's group or place, the clause's subject unless it only reports the
number; then the text's theatre and main recipient from `quantity_roles`); numbers the text does not assert
(hedged, anonymous talk, charges, intentions, hypotheses, wishes) are left out;
the place (`where`) is the host of bases named with their state ("five Philippine bases"), the actor that "hosts"
them ("Japan, which hosts 54,000 US troops"), an actor after in/at/into/along/inside, else a place the text names
after in/at/to/along/near or before ", where" (a snake id such as ``south_ossetia``), else, for an enumeration, the
place of the holder's previous counted quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import DraftActor, Mention
from realpolitik.draft.evidence import Evidence, Sentence
from realpolitik.draft.quantity_holders import ALLIANCES, HolderContext, holder_and_place, sentence_subject
from realpolitik.draft.quantity_phrases import Phrase, build_unit, find_phrases
from realpolitik.draft.quantity_roles import TextRoles, text_roles


@dataclass
class DraftQuantity:
    """A drafted quantity: normalised value, unit, what it counts, holder and place (actor ids) and evidence."""

    value: float
    unit: str
    what: str
    holder: str | None
    where: str | None
    evidence: Evidence


def find_quantities(sentences: list[Sentence], mentions: list[Mention],
                    actors: dict[str, DraftActor] | None = None) -> list[DraftQuantity]:
    """Return the quantities stated in the sentences, with holders and places from the actor mentions; with the
    drafted `actors` (by id), holders the sentence does not name may come from the text's roles
    (`quantity_roles`: its theatre and main recipient)."""
    found: list[DraftQuantity] = []
    previous: list[Mention] = []
    alliance: Mention | None = None
    roles = text_roles(sentences, mentions, actors) if actors else TextRoles()
    for sentence in sentences:
        local = [m for m in mentions if m.sentence == sentence.index]
        ctx = HolderContext(sentence, local, _previous_subject(previous, sentences), previous, alliance,
                            roles=roles)
        for phrase in find_phrases(sentence.text):
            if _unasserted(sentence.text, phrase):
                continue  # "mercenaries are said to be paid $1,000 a day": a hedged claim states no number
            inside = [m for m in local if phrase.start <= m.start - sentence.start
                      and m.end - sentence.start <= phrase.end]
            named = phrase.tokens and any(m.start - sentence.start >= phrase.tokens[-1][0] for m in inside)
            if named and not (_hosted_people(phrase) and _host(sentence, local, phrase.start)):
                continue  # "5,000 Russians": people named by an actor's demonym, unless a host holds them
            unit = phrase.unit or (phrase.what if named else build_unit(phrase.tokens, _dropped(phrase, inside,
                                                                                            sentence)))
            holder, host = holder_and_place(ctx, phrase, inside)
            hosted = _host(sentence, local, phrase.start) if _hosted_people(phrase) else None
            holder = hosted or holder  # "Colombia, which hosts a million Venezuelan migrants": the host's
            ctx.found.append((phrase, holder))
            expended = bool(_EXPENDED.search(sentence.text[:phrase.start]))
            where = None if hosted or expended else (host or _host(sentence, local, phrase.start)
                                         or _place(sentence, local, phrase.end)
                                         or _there(sentence, local, phrase.start, phrase.end, holder))
            place = where.actor if isinstance(where, Mention) else where
            if place is None and phrase.kind == "count" and holder:
                place = _enumerated_place(found, holder.actor, sentence.index)
            found.append(DraftQuantity(phrase.value, unit, phrase.what, holder.actor if holder else None, place,
                                       Evidence(sentence, sentence.span(phrase.start, phrase.end))))
        previous = local
        alliance = next((m for m in reversed(local) if m.actor in ALLIANCES), alliance)
    return found


# Things fired or flown at a target have no place where they are held ("fired 3,000 rockets into Israel").
_EXPENDED = re.compile(r"\b(?:fired|fires|firing|launched|launches|launching|flown|flew|flies|flying|dropped|drops|"
                       r"dropping|hit|hits|struck|shot|lobbed)\s+(?:[\w-]+\s+){0,2}$")
_CLAUSE_CUT = re.compile(r";|:|,\s+(?:and|but|while|whereas|yet)\s")
_HEDGED = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:said|rumou?red|alleged|thought|believed|reported|understood)"
                     r"\s+to|reportedly|allegedly)\b", re.IGNORECASE)
# Anonymous talk of a number ("Gulf diplomats talk of $5bn in loans promised"); a source that says a number, named
# or not, still states it ("The UN says 25 million people need aid", "according to Western officials, about $10m")
_ANONYMOUS = re.compile(r"\b(?:diplomats|officials|sources|insiders|analysts|observers|rumours|rumors)\s+"
                        r"(?:[a-z]+\s+){0,2}?(?:talk|speak)\s+of\b", re.IGNORECASE)
# What an actor intends to hand over or send is no holding yet ("has promised to send some 2,000 men"; a pledge
# of a number is one: "has pledged 3,300 soldiers")
_INTENDED = re.compile(r"\b(?:promised|promises|offered|offers|pledged|pledges|plans|planned|planning|intends|intended|"
                       r"threatened|threatens|ready|agreed|agrees|vowed|vows|hopes|wants)\s+to\s+(?:send|deploy|"
                       r"dispatch|provide|supply|deliver|give|sell|buy|lend|contribute|raise|spend|commit)\s+"
                       r"(?:(?:some|about|around|roughly|nearly|up\s+to|as\s+many\s+as|another|more\s+than)\s+)?$",
                       re.IGNORECASE)
# Charges and accusations ("faces charges ranging from ... to taking $600,000 in bribes")
_CHARGED = re.compile(r"\b(?:charges?\s+(?:of|ranging|that)|charged\s+with|faces?\s+charges|on\s+charges|"
                      r"accus(?:ed|es|ing)\s+(?:\w+\s+){0,3}?of|accusations?\s+(?:of|that)|allegations?\s+(?:of|that))\b",
                      re.IGNORECASE)
# Numbers in what might be or is wished for: "which would give them 35% of the island", "wants a federation of two
# regions" (a planned force's ceiling is `quantity_phrases._PLANNED`)
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might)\s+(?:\w+\s+){0,3}$|\b(?:wants?|wanted|demands?|demanded|"
                           r"proposes?|proposed|seeks?|sought)\s+(?:\w+\s+){0,4}$", re.IGNORECASE)
# ... unless the number is what the actor already holds: "wants to keep its 3,000 troops", "could not hide its 3,000
# centrifuges" (the possessive presupposes the holding)
# A transfer the text denies: "did not sell Taiwan 66 jets", "has never sent troops", "refused to lend $2bn"
_NEGATED_TRANSFER = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|will|would|could|was|were|is|are)\s*(?:not|n['’]t)|never|no\s+longer|"
    r"refused\s+to|declined\s+to)\s+(?:\w+\s+)??(?:sell|sold|send|sent|deliver|delivered|supply|supplied|give|"
    r"gave|given|provide|provided|ship|shipped|transfer|transferred|lend|lent|pledge|pledged|grant|granted|donate|"
    r"donated|buy|bought|receive|received|deploy|deployed|dispatch|dispatched)\b(?!\s+up\b)", re.IGNORECASE)
_POSSESSED = re.compile(r"\b(?:its|their|his|our)\s+$", re.IGNORECASE)  # not "her": also an object


def _unasserted(text: str, phrase: Phrase) -> bool:
    """A number the text does not assert: a hedged claim or anonymous talk of it, a charge, an intention, a
    denied transfer, a hypothesis or a wish."""
    clause = _CLAUSE_CUT.split(text[:phrase.start])[-1]
    tail = clause.rpartition(",")[2]  # "Russia, accused of war crimes, has 3,000 troops": the charge is closed
    return bool(_HEDGED.search(clause) or _ANONYMOUS.search(tail) or _CHARGED.search(tail)
                or _INTENDED.search(clause) or _NEGATED_TRANSFER.search(tail)
                or (_HYPOTHETICAL.search(tail) and not _POSSESSED.search(clause)))


def _dropped(phrase: Phrase, inside: list[Mention], sentence: Sentence) -> set[int]:
    """Indices of the unit's words that name an actor ("US troops", "Philippine bases"); a group named by the whole
    phrase keeps its words ("700,000 ethnic Koreans")."""
    head_start = phrase.tokens[-1][0]
    spans = [(m.start - sentence.start, m.end - sentence.start) for m in inside
             if m.how != "group" or m.end - sentence.start <= head_start]
    return {k for k, (s, e, _) in enumerate(phrase.tokens[:-1]) if any(s < me and e > ms for ms, me in spans)}


def _previous_subject(previous: list[Mention], sentences: list[Sentence]) -> Mention | None:
    """The previous sentence's subject when its subjects are one actor."""
    if not previous:
        return None
    return sentence_subject(next(s for s in sentences if s.index == previous[0].sentence), previous)


def _enumerated_place(found: list[DraftQuantity], holder: str, index: int) -> str | None:
    """An enumeration goes on ("3,300 troops based in Armenia. A brigade with 74 tanks"): the place of the
    previous counted quantity of the same holder in this or the previous sentence."""
    last = found[-1] if found else None
    if last and last.where and last.holder == holder and last.evidence.sentence.index >= index - 1:
        return last.where
    return None


_PLACE_WORD = r"[A-Z][\w'’-]+"
# later words of a name may carry a lowercase particle: "Bab el-Mandeb", "Sharm el-Sheikh", "Ras al-Khaimah"
_PLACE_NEXT = rf"\s+(?:of\s+|(?:el|al|ad|ash|as|ar|an|ibn|bin)-)?{_PLACE_WORD}"
_PLACE_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,3}}?\s+(?P<prep>in|at|into|along|inside|to|near|across|on)\s+"
                          rf"(?:the\s+)?(?P<place>{_PLACE_WORD}(?:{_PLACE_NEXT}){{0,2}})")
_PLACE_BEFORE = re.compile(rf"(?P<place>{_PLACE_WORD}(?:{_PLACE_NEXT}){{0,2}}),\s+where\b"
                           r"(?:[^,;]|,(?=\d))*$")
_ACTOR_PLACE = re.compile(r"(?:\s+[\w-]+){0,3}\s+(?:in|at|into|along|inside|across)\s+")
_THERE = re.compile(r"(?:\s+[\w'’-]+){0,6}?\s+(?:based|stationed|deployed|posted|garrisoned|kept)\s+there\b")
_NOT_PLACES = frozenset("January February March April May June July August September October November December "
                        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That Its Their".split())


def _place(sentence: Sentence, local: list[Mention], end: int) -> Mention | str | None:
    """Where the counted things are: an actor after in/at/into/along/inside/across ("troops based in Armenia"), else a
    place the text names after in/at/to/along/near ("sent 28 vehicles to Roraima", "in South Ossetia") or before
    ", where" ("South Ossetia, where 4,000 troops are stationed"); a place that is no actor gets a snake id."""
    for m in local:
        gap = sentence.text[end:m.start - sentence.start]
        if m.start - sentence.start >= end and _ACTOR_PLACE.fullmatch(gap):
            return m
    after = _PLACE_AFTER.match(sentence.text, end)
    if after and not _is_actor(sentence, local, after.start("place")):
        return _place_id(after.group("place"))
    before = _PLACE_BEFORE.search(sentence.text[:end])
    if before:
        hit = _is_actor(sentence, local, before.start("place"))
        return hit or _place_id(before.group("place"))
    return None


def _there(sentence: Sentence, local: list[Mention], phrase_start: int, phrase_end: int,
           holder: Mention | None) -> Mention | None:
    """"Albania lets NATO use its airfields; some 8,000 troops of the alliance are based there": "there" is the
    state that is the sentence's first subject, when it is not the holder."""
    if not _THERE.match(sentence.text, phrase_end):
        return None
    before = [m for m in local if m.end - sentence.start <= phrase_start]
    held = {holder.actor} if holder else set()
    subjects = [m for m in before if m.is_subject(sentence) and m.actor not in held]
    return subjects[0] if subjects else None


_HOSTS = re.compile(r"\b(?:host(?:s|ed|ing)?|home\s+to)\s+(?:some\s+|about\s+|around\s+|roughly\s+|nearly\s+|over\s+|"
                    r"more\s+than\s+|almost\s+|perhaps\s+|an\s+estimated\s+)?$")
_DISPLACED = frozenset({"refugee", "migrant", "exile", "immigrant", "asylum-seeker", "displaced", "evacuee"})


def _hosted_people(phrase: Phrase) -> bool:
    """People a state hosts rather than sends: refugees, migrants, or a people named by its name ("Koreans")."""
    if phrase.kind != "count":
        return False
    word = phrase.tokens[-1][2]
    return phrase.head in _DISPLACED or (word[0].isupper() and word.endswith("s") and "-" not in word)


def _host(sentence: Sentence, local: list[Mention], start: int) -> Mention | None:
    """"Japan, which hosts 54,000 US troops": the host is where they are."""
    if not _HOSTS.search(sentence.text[:start]):
        return None
    before = [m for m in local if m.end - sentence.start <= start]
    for m in reversed(before):  # "Macedonia, where ethnic Albanians make up 23 per cent, hosts": not the Albanians
        gap = _RELATIVE.sub("", sentence.text[m.end - sentence.start:start])
        # "Algeria, which arms and finances the movement and hosts some 170,000 refugees": a relative clause's
        # coordinated verb still has the antecedent as subject
        if re.fullmatch(r"(?:,\s+(?:which|that|who)\s+(?:[^,;]*?\s+and\s+)?|\s+|,\s+)(?:[a-z]+\s+){0,2}"
                        r"(?:host(?:s|ed|ing)?|home\s+to)\s+(?:\w+\s+){0,2}", gap):
            return m
    subjects = [m for m in before if m.is_subject(sentence)]
    return subjects[-1] if subjects else (before[0] if before else None)


_RELATIVE = re.compile(r",\s+(?:where|which|who|whose)\b[^,]*,")


def _is_actor(sentence: Sentence, local: list[Mention], at: int) -> Mention | None:
    return next((m for m in local if m.start - sentence.start <= at < m.end - sentence.start), None)


def _place_id(place: str) -> str | None:
    words = place.split()
    if words[0] in _NOT_PLACES:
        return None
    return re.sub(r"[^a-z0-9]+", "_", place.lower()).strip("_")
