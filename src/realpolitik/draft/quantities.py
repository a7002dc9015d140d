"""Quantities: numbers with their unit, holder and place ("3,300 troops based in Armenia", "$48.17bn").

Values are normalised: digits with separators ("3,300" → 3300), number words ("two" → 2), scale words
("$2.9 trillion" → 2900 in "US$ bn"; "$272 million" → 272 in "US$ m"), percentages ("97 per cent" → 97
"per cent"). A counted number needs a unit noun (troops, tanks, batteries, megawatts ...) or a model designator
("18 MiG-29s" → 18 "MiG-29"), so years and stray numbers are not drafted. The holder is a possessive right before
the number ("India's $2.9 trillion"), else the nearest subject before it in the sentence, else the last subject
of the previous sentence; the place is an actor after in/at/into/along, else a place the text names there or before
", where" (a snake id such as ``south_ossetia``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import Mention
from realpolitik.draft.evidence import Evidence, Sentence

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12, "trn": 1e12}
_CURRENCIES = {"$": "US$", "us$": "US$", "usd": "US$", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
_HEADS = (r"troops|soldiers|servicemen|personnel|men|fighters|fighter\s+jets|tanks?|helicopters?|aircraft|jets?|"
          r"planes?|warplanes?|drones?|missiles?|rockets?|launchers?|batter(?:y|ies)|ships?|warships?|submarines?|"
          r"vessels?|artillery\s+pieces|guns|howitzers?|warheads?|nuclear\s+weapons|bases?|brigades?|divisions?|"
          r"battalions?|regiments?|peacekeepers?|observers?|monitors?|mercenaries|casualties|refugees|people|"
          r"civilians|dead|killed|barrels|tonnes|tons|megawatts|gigawatts|MW|GW|kilometres|kilometers|km|miles|"
          r"cubic\s+metres|bcm|tcm|villages|districts|armoured\s+vehicles|APCs|IFVs|mines|satellites|"
          r"trainers|advisers|advisors|instructors|contractors|allies|diplomats|officers|sailors|airmen|marines|"
          r"reservists|conscripts|militiamen|vehicles|peacekeepers|police|policemen|guards|rounds|shells|"
          r"munitions|bombers|sorties|acres|hectares|members|carriers|destroyers|frigates|corvettes|gunboats|"
          r"interceptors|square\s+kilometres|square\s+miles")
# words that end a counted noun phrase before its head ("five weeks after", "tanks and"): never modifiers
_NOT_MODS = (r"(?:and|or|of|in|at|to|from|for|with|by|on|after|before|since|ago|than|as|the|a|an|its|their|his|her|"
             r"weeks?|days?|months?|years?|hours?|times|per|cent|percent|is|are|was|were|has|have|had)")
_QUANTIFIERS = {"more", "additional", "extra", "further", "new", "other", "some", "about", "roughly", "around",
                "nearly", "over", "only", "just", "fewer", "less", "many", "few", "own", "latest", "last", "first",
                "military"}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_ANY_WORD = "|".join(sorted([*_SMALL, *_MULTIPLIERS], key=len, reverse=True))
# "forty-two", "two hundred and fifty", "a dozen", "two thousand": a run of number words, parsed as a whole.
_WORD = (rf"(?:a\s+(?=(?:{'|'.join(_MULTIPLIERS)})\b))?(?:{_ANY_WORD})\b"
         rf"(?:(?:-|\s+|\s+and\s+)(?:{_ANY_WORD})\b)*")
_DESIGNATOR = r"[A-Z][A-Za-z]{0,3}-\d+[A-Z0-9]*"
_MONEY = re.compile(rf"(?<![\w$€£])(?P<cur>US\$|\$|€|£|USD\s?|EUR\s?|GBP\s?){_NUMBER}\s?(?P<scale>trillion|trn|tn|"
                    r"billion|bn|b|million|mn|m|thousand|k)?(?![\w])", re.IGNORECASE)
_MONEY_WORDS = re.compile(rf"(?<![\w$-])(?:{_NUMBER}|(?P<word>{_WORD}))\s"
                          rf"(?P<scale>trillion|billion|million)\s(?:US\s)?(?P<cur>dollars|euros"
                          r"|pounds)\b", re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\w-]){_NUMBER}\s?(?:%|per\s?cent|percent)(?![\w])")
_COUNTED = re.compile(rf"(?<![\w$€£.,-])(?:{_NUMBER}|(?P<word>{_WORD}))(?:\s(?P<scale>thousand|million|billion))?"
                      rf"\s+(?P<mods>(?:(?!{_NOT_MODS}\b)(?:{_DESIGNATOR}|[A-Za-z\u00C0-\u017F]+(?:-[A-Za-z]+)*)\s+){{0,3}})"
                      rf"(?P<head>(?:{_HEADS})\b|{_DESIGNATOR}s?(?![\w-])(?!\s+(?:[A-Z]{{2,}}\s+)?(?:{_HEADS})\b))",
                      re.IGNORECASE)
_CASING = {"mig": "MiG"}
_TRANSFER = re.compile(r"\b(?:sold|sells|selling|supplied|supplies|supplying|gave|gives|giving|delivered|delivers|"
                       r"delivering|sent|sends|sending|provided|provides|providing|offered|offers|offering|promised|"
                       r"promises|promising)\s+$")


@dataclass
class DraftQuantity:
    """A drafted quantity: normalised value, unit, what it counts, holder and place (actor ids) and evidence."""

    value: float
    unit: str
    what: str
    holder: str | None
    where: str | None
    evidence: Evidence


def find_quantities(sentences: list[Sentence], mentions: list[Mention]) -> list[DraftQuantity]:
    """Return the quantities stated in the sentences, with holders and places from the actor mentions."""
    found: list[DraftQuantity] = []
    last_subject: Mention | None = None
    for sentence in sentences:
        local = [m for m in mentions if m.sentence == sentence.index]
        taken: list[tuple[int, int]] = []
        for start, end, value, unit, what in _numbers(sentence.text):
            if any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            inside = [m for m in local if start <= m.start - sentence.start and m.end - sentence.start <= end]
            if inside:  # "54,000 US troops": the state named in the unit holds them
                named = set(inside[0].text.split()) - set(unit.split()[-1:])
                unit = " ".join(w for w in unit.split() if w not in named) or unit
            facility = bool(inside) and re.search(r"\b(?:bases?|airfields?|airbases?|ports?|facilit(?:y|ies))$", unit)
            if facility:  # "five Philippine bases": the state named is where they are, not who uses them
                inside = []
            holder = (inside[0] if inside else _recipient(sentence, local, start, end) or
                      _of_holder(sentence, local, end) or _holder(sentence, local, start) or last_subject)
            where = (_place(sentence, local, end) or _host(sentence, local, start) or
                     (_inside(sentence, local, start, end) if facility else None))
            place = where.actor if isinstance(where, Mention) else where
            if place is None and what not in ("money", "share") and holder:
                place = _enumerated_place(found, holder.actor, sentence.index)
            found.append(DraftQuantity(value, unit, what, holder.actor if holder else None, place,
                                       Evidence(sentence, sentence.span(start, end))))
        subjects = [m for m in local if m.is_subject(sentence)]
        last_subject = subjects[-1] if subjects else last_subject
    return found


def _enumerated_place(found: list[DraftQuantity], holder: str, index: int) -> str | None:
    """An enumeration goes on ("3,300 troops based in Armenia. A brigade with 74 tanks"): the place of the
    previous counted quantity of the same holder in this or the previous sentence."""
    last = found[-1] if found else None
    if last and last.where and last.holder == holder and last.evidence.sentence.index >= index - 1:
        return last.where
    return None


def _numbers(text: str) -> list[tuple[int, int, float, str, str]]:
    out = []
    for m in _MONEY.finditer(text):
        out.append((m.start(), m.end(), *_money(m.group("num"), m.group("scale"), m.group("cur")), "money"))
    for m in _MONEY_WORDS.finditer(text):
        cur = {"dollars": "$", "euros": "€", "pounds": "£"}[m.group("cur").lower()]
        number = m.group("num") or _words_value(m.group("word"))
        if number is not None:
            out.append((m.start(), m.end(), *_money(str(number), m.group("scale"), cur), "money"))
    for m in _PERCENT.finditer(text):
        out.append((m.start(), m.end(), _plain(m.group("num")), "per cent", "share"))
    for m in _COUNTED.finditer(text):
        value = _plain(m.group("num")) if m.group("num") else _words_value(m.group("word"))
        if value is None:
            continue  # "forty fifty tanks": never a partial value
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        unit, what = _unit(m.group("mods"), m.group("head"))
        out.append((m.start(), m.end(), value, unit, what))
    return sorted(out, key=lambda q: (q[0], -(q[1] - q[0])))


def _words_value(words: str) -> float | None:
    """The value of a run of number words ("forty-two" 42, "two hundred and five" 205, "a dozen" 12), or None when
    the words do not make one number ("two three", "forty fifty")."""
    total, current, small = 0.0, 0.0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "and"):
            continue
        if word in _SMALL:
            value = _SMALL[word]
            if small and not (small >= 20 and small % 10 == 0 and value < 10):
                return None
            small += value
            current += value
        elif word in ("dozen", "hundred"):
            current = (current or 1) * _MULTIPLIERS[word]
            small = 0
        else:
            total += (current or 1) * _MULTIPLIERS[word]
            current, small = 0.0, 0
    return total + current


def _plain(number: str) -> float:
    return float(number.replace(",", ""))


def _money(number: str, scale: str | None, currency: str) -> tuple[float, str]:
    value = _plain(number)
    code = _CURRENCIES.get(currency.strip().lower(), "US$")
    factor = _SCALES.get((scale or "").lower(), 1.0)
    if factor >= 1e9 or value * factor >= 1e9:
        return round(value * factor / 1e9, 6), f"{code} bn"
    if factor >= 1e6 or value * factor >= 1e5:  # "$200,000" is 0.2 US$ m
        return round(value * factor / 1e6, 6), f"{code} m"
    return value * factor, code


def _unit(mods: str, head: str) -> tuple[str, str]:
    kept = [w for w in mods.split() if w.lower() not in _QUANTIFIERS]
    if re.fullmatch(rf"{_DESIGNATOR}s?", head):
        head = re.sub(r"s$", "", head)
        prefix, _, rest = head.partition("-")
        head = f"{_CASING.get(prefix.lower(), prefix)}-{rest}"
    unit = " ".join([*kept, re.sub(r"\s+", " ", head)])
    return unit, " ".join([*mods.split(), head])


def _inside(sentence: Sentence, local: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in local if start <= m.start - sentence.start and m.end - sentence.start <= end), None)


def _recipient(sentence: Sentence, local: list[Mention], start: int, end: int) -> Mention | None:
    """"Paris has delivered some 60 jets to the Israelis": the recipient of a transfer holds what it was given."""
    if not re.search(r"\b(?:sold|sells|supplied|supplies|delivered|delivers|sent|sends|provided|provides|gave|gives|"
                     r"shipped|ships|transferred|transfers|donated|donates)\s+(?:some\s+|about\s+|around\s+|"
                     r"roughly\s+|nearly\s+|over\s+|more\s+than\s+)?$", sentence.text[:start]):
        return None
    return next((m for m in local if re.fullmatch(r"\s+to\s+(?:the\s+)?", sentence.text[end:m.start - sentence.start])),
                None)


def _of_holder(sentence: Sentence, local: list[Mention], end: int) -> Mention | None:
    """"1,500 peacekeepers of MONUSCO": the actor after "of" holds them ("$272 million of aid to Ethiopia" stays
    the donor's: the subject's)."""
    return next((m for m in local if re.fullmatch(r"\s+of\s+(?:the\s+)?", sentence.text[end:m.start - sentence.start])),
                None)


def _holder(sentence: Sentence, local: list[Mention], start: int) -> Mention | None:
    before = [m for m in local if m.end - sentence.start <= start]
    if not before:
        return None
    gap = sentence.text[before[-1].end - sentence.start:start]
    if re.fullmatch(r"['’]s\s+(?:\w+\s+){0,2}", gap):
        return before[-1]
    lead = sentence.text[:before[-1].start - sentence.start]
    if re.fullmatch(r"\s+", gap) and _TRANSFER.search(lead):
        return before[-1]  # "Washington sold Taipei 66 fighters": the recipient holds them
    if re.fullmatch(r",\s+with\s+(?:\w+\s+)?", gap):  # "MINUSMA, with roughly 13,000 personnel"
        free = [m for m in before if not _governed(sentence, m)]
        return free[-1] if free else before[-1]
    subjects = [m for m in before if m.is_subject(sentence)]
    if subjects:
        return subjects[-1]
    free = [m for m in before if not _governed(sentence, m)]
    return free[0] if free else None  # the subject position; only governed mentions: the previous subject


def _governed(sentence: Sentence, m: Mention) -> bool:
    return bool(re.search(r"\b(?:in|at|from|of|to|with|by|on|against|for|into|over|than)\s+(?:the\s+)?$",
                          sentence.text[:m.start - sentence.start]))


_PLACE_WORD = r"[A-Z][\w'’-]+"
_PLACE_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,3}}?\s+(?P<prep>in|at|into|along|inside|to|near|across|on)\s+"
                          rf"(?:the\s+)?(?P<place>{_PLACE_WORD}(?:\s+(?:of\s+)?{_PLACE_WORD}){{0,2}})")
_PLACE_BEFORE = re.compile(rf"(?P<place>{_PLACE_WORD}(?:\s+(?:of\s+)?{_PLACE_WORD}){{0,2}}),\s+where\b"
                           r"(?:[^,;]|,(?=\d))*$")
_NOT_PLACES = frozenset("January February March April May June July August September October November December "
                        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That Its Their".split())


def _place(sentence: Sentence, local: list[Mention], end: int) -> Mention | str | None:
    """Where the counted things are: an actor after in/at/into/along/inside ("troops based in Armenia"), else a
    place the text names after in/at/to/along/near ("sent 28 vehicles to Roraima", "in South Ossetia") or before
    ", where" ("South Ossetia, where 4,000 troops are stationed"); a place that is no actor gets a snake id."""
    for m in local:
        gap = sentence.text[end:m.start - sentence.start]
        if m.start - sentence.start >= end and re.fullmatch(r"(?:\s+[\w-]+){0,3}\s+(?:in|at|into|along|inside)\s+",
                                                          gap):
            return m
    after = _PLACE_AFTER.match(sentence.text, end)
    if after and not _is_actor(sentence, local, after.start("place")):
        return _place_id(after.group("place"))
    before = _PLACE_BEFORE.search(sentence.text[:end])
    if before:
        hit = _is_actor(sentence, local, before.start("place"))
        return hit or _place_id(before.group("place"))
    return None


_HOSTS = re.compile(r"\bhost(?:s|ed|ing)?\s+(?:some\s+|about\s+|around\s+|roughly\s+|nearly\s+|over\s+)?$")


def _host(sentence: Sentence, local: list[Mention], start: int) -> Mention | None:
    """"Japan, which hosts 54,000 US troops": the host is where they are."""
    if not _HOSTS.search(sentence.text[:start]):
        return None
    before = [m for m in local if m.end - sentence.start <= start]
    subjects = [m for m in before if m.is_subject(sentence)]
    return subjects[-1] if subjects else (before[0] if before else None)


def _is_actor(sentence: Sentence, local: list[Mention], at: int) -> Mention | None:
    return next((m for m in local if m.start - sentence.start <= at < m.end - sentence.start), None)


def _place_id(place: str) -> str | None:
    words = place.split()
    if words[0] in _NOT_PLACES:
        return None
    return re.sub(r"[^a-z0-9]+", "_", place.lower()).strip("_")
