"""Organisations and groups the text defines with an acronym: "the Southern African Development Community
(SADC)", "the March 23 Movement (M23)". The long form and every later use of the acronym are mentions of one
actor; its kind follows the head noun (Organisation, Union, Council ... → organisation; Front, Movement, Army,
Forces, Party ... → non_state). Only an acronym whose letters follow the capitalised words (or that holds their
initials in order) is taken, so "Russia (2014)" or "the deal (signed)" are not."""

from __future__ import annotations

import re
from collections.abc import Callable

from realpolitik.draft.gazetteer import Entity

_DEFINED = re.compile(r"(?<![\w'’-])(?P<long>(?:[Tt]he\s+)?[A-Z][\w'’-]*"
                      r"(?:\s+(?:(?:of|for|the|and|in|on|de|du|des)\s+)*"
                      r"[A-Z0-9][\w'’-]*){1,8})\s+\((?P<acr>[A-Z][A-Za-z0-9&-]{1,9})\)")
# the same, the acronym in apposition: "the Congolese Rally for Democracy, the RCD," / "..., RCD;"
_APPOSED = re.compile(r"(?<![\w'’-])(?P<long>(?:[Tt]he\s+)?[A-Z][\w'’-]*"
                      r"(?:\s+(?:(?:of|for|the|and|in|on|de|du|des)\s+)*"
                      r"[A-Z0-9][\w'’-]*){1,8}),\s+(?:the\s+)?(?P<acr>[A-Z][A-Z0-9&-]{1,9})(?=\s*[,;:.)]|\s+(?:which|who|"
                      r"that)\b)")
_CONNECTOR = re.compile(r"\s+(?:of|for|in|on)\s+(?=(?:the\s+)?[A-Z])")
_ORGANISATION = re.compile(r"\b(?:Organi[sz]ation|Union|Community|Council|Agency|Bank|Fund|Court|Commission|"
                           r"Conference|Association|League|Treaty|Pact|Forum|Bloc|Assembly|Cooperation|Alliance|"
                           r"Mission|Programme|Program|Office|Authority)\b")


def defined(text: str, is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of every acronym definition and later use of its acronym in `text`."""
    found: list[tuple[int, int, Entity]] = []
    for m in [*_DEFINED.finditer(text), *_APPOSED.finditer(text)]:
        acronym, at = m.group("acr"), m.start("long")
        for cut in reversed([0, *(c.end() for c in _CONNECTOR.finditer(m.group("long")))]):
            long = m.group("long")[cut:]  # "Fighters of the Popular Defence Union, the PDU": the shortest that fits
            words = [w for w in re.split(r"\s+", re.sub(r"^[Tt]he\s+", "", long)) if w[:1].isupper() or w[:1].isdigit()]
            if words and (_fits(acronym, words) or _fits_translated(acronym, words)):
                at = m.start("long") + cut
                break
        else:
            continue
        if is_known(acronym) or is_known(long):
            continue
        kind = "organisation" if _ORGANISATION.search(long) else "non_state"
        name = re.sub(r"^[Tt]he\s+", "", long)
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", acronym.lower()).strip("_"), name, kind,
                        source="defined in the text")
        found.append((at, m.end("long"), entity))
        for use in re.finditer(rf"(?<![\w-])(?:the\s+)?{re.escape(acronym)}(?![\w-])", text):
            found.append((use.start(), use.end(), entity))
    return found


def _fits(acronym: str, words: list[str]) -> bool:
    """The acronym's capitals are the words' initials in order (allowing digits and skipped words)."""
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    initials = [w[0] for w in words]
    k = 0
    for initial in initials:
        if k < len(letters) and initial == letters[k]:
            k += 1
            while k < len(letters) and letters[k].isdigit() and initial.isdigit():
                k += 1
    return len(letters) >= 2 and k >= max(2, len(letters) - 1) and letters[0] == initials[0]


def _fits_translated(acronym: str, words: list[str]) -> bool:
    """An acronym of the name in its own language, in another word order ("the Congolese Rally for Democracy
    (RCD)", from Rassemblement congolais pour la démocratie): every capital is a word's initial (one may lack
    when it has four or more), in any order."""
    letters = [c for c in acronym if c.isupper()]
    initials = [w[0] for w in words]
    missing = 0
    for letter in letters:
        if letter in initials:
            initials.remove(letter)
        else:
            missing += 1
    return len(letters) >= 3 and missing <= (1 if len(letters) >= 4 else 0) and len(words) >= len(letters) - 1


_HEADS = (r"Organi[sz]ation|Community|Conference|Court|Pact|Union|Council|League|Alliance|Commission|Agency|Bank|"
          r"Fund|Forum|Bloc|Assembly|Tribunal|Movement|Front|Army|Party|Brigade|Brigades|Forces|Militia|Battalion|"
          r"Battalions|Legion")
_CAP = r"[A-Z][\w'’-]+"
_BODY = re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?P<body>(?:{_CAP}\s+){{0,4}}(?:{_HEADS})"
                   rf"(?:\s+(?:of|on|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})?)(?![\w-])")


def bodies(text: str, is_known: Callable[[str], bool], is_state: Callable[[str], bool] | None = None,
           peoples: frozenset[str] = frozenset()) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of named bodies without an acronym: capitalised words ending in an organisation's
    head noun ("the Baghdad Pact", "the European Community", "the Permanent Court of Arbitration", "the
    Organization of American States"); one word before the head or a tail after it is needed, and names the
    gazetteer knows are left to it. An army or party is a state's own only when a word before it names a state
    (`is_state`; "the Lebanese Army"), not a people ("the Kachin Independence Army"); a body named for a people
    (`peoples`: "the Karen National Union") is non-state."""
    found: list[tuple[int, int, Entity]] = []
    for m in _BODY.finditer(text):
        body = m.group("body")
        words = body.split()
        if len(words) < 2 or is_known(body) or is_known(m.group(0)) or _not_a_body(words, is_state or is_known):
            continue
        kind = "non_state" if re.search(r"\b(?:Movement|Front|Army|Party|League\s+for|Brigades?|Forces|Militia|"
                                        r"Battalions?|Legion)\b", body) or \
            words[0] in peoples else "organisation"
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", body.lower()).strip("_"), body, kind, source="named by the text")
        found.append((m.start(), m.end(), entity))
    return found


# First words that make a capitalised phrase a sentence opening or a state organ, not a body's name.
_NOT_FIRST = frozenset("The A An This That Its Their His Her Our National Security Defence Defense State Federal "
                       "Supreme Constitutional High Central Foreign Interior".split())


# heads of a party or an armed movement's name: "National" may open it ("the National League for Democracy")
_PARTY_HEADS = frozenset("League Party Front Movement Army Alliance Union Congress".split())


def _not_a_body(words: list[str], is_known: Callable[[str], bool]) -> bool:
    """A sentence opening or a state organ, not a body's name: a first word of _NOT_FIRST (except "National" before
    a party's head with a tail: "National League for Democracy"), or an army or party named for a state or demonym
    ("the Lebanese Army", "the Syrian Arab Army", "the Chinese Communist Party": the state's own organ)."""
    head = next((w for w in words if w in _PARTY_HEADS), None)
    if words[0] in _NOT_FIRST and not (words[0] == "National" and head and words[-1] != head):
        return True
    if any(w in _ARMED_HEADS for w in words) and (words[0] in _GENERIC_MILITARY or words[-1] not in _ARMED_HEADS):
        return True  # "the Special Forces", "the Armed Forces", "Coalition Forces": a state's or an alliance's units
    organ = next((w for w in words if w in ("Army", "Party", *_ARMED_HEADS)), None)
    return organ is not None and (words[0] in _STATE_ARMY_FIRST or any(is_known(w) for w in words[:words.index(organ)]))


# heads of an armed body's name beyond Army ("the Badr Brigade", "the Allied Democratic Forces") and first words that
# make such a name a state's or an alliance's units ("the Special Forces", "Coalition Forces", "the Republican Guard")
_ARMED_HEADS = frozenset("Brigade Brigades Forces Militia Battalion Battalions Legion".split())
_GENERIC_MILITARY = frozenset("Special Armed Air Naval Ground Coalition Allied Border Government Regular Joint "
                              "Multinational Peacekeeping United International Rapid Reaction Expeditionary Marine "
                              "Airborne Mechanised Mechanized Armoured Armored Presidential Republican Foreign "
                              "Federal Interior Internal Royal Imperial Defence Defense Security National".split())
# First words of a state's own army's name ("the People's Liberation Army", "the Red Army", "the Royal Army")
_STATE_ARMY_FIRST = frozenset("People's People’s Red Royal Imperial Regular Continental Grand".split())


_LED = re.compile(r"(?<![\w-])(?P<body>(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+){0,2}?(?:group|faction|militia|"
                  r"splinter\s+group|brigade|network|movement|cell)\s+(?:led|headed|run|founded|commanded)\s+by\s+"
                  r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ag\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){1,3}))")


def led_bodies(text: str, is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of unnamed bodies a text names by their leader ("a group led by Mokhtar Belmokhtar",
    "a militia headed by Ivan Petrov"): one non-state actor named for the leader, mentioned by the words before
    the name ("a group led by"); the leader is a person of his own.
    A leader the gazetteer knows is left to it ("a coalition led by Putin" is not such a body)."""
    found: list[tuple[int, int, Entity]] = []
    for m in _LED.finditer(text):
        name = m.group("name")
        if is_known(name) or any(is_known(w) for w in name.split()):
            continue
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") + "_group", f"{name}'s group",
                        "non_state", source="named by the text")
        found.append((m.start("body"), m.start("name") - 1, entity))  # the leader stays a person of his own
    return found


_UP = "A-ZÀ-ÖØ-Þ"
# "Khalifa Haftar's forces", "Hussein Aideed's militia": armed men named by their leader's possessive
_POSSESSED_FORCE = re.compile(rf"(?<![\w'’-])(?P<name>[{_UP}][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ag\s+)?[{_UP}][\w-]+)"
                              rf"{{1,3}})['’]s\s+(?:(?:own|loyal|private|irregular|armed|rebel|tribal|clan)\s+)?"
                              r"(?P<noun>forces|militia|militias|militiamen|fighters|gunmen|loyalists|guerrillas|"
                              r"rebels|army|men)\b")
# "Falintil, the guerrilla army of the independence movement": a name the text describes as an armed body
_DESCRIBED = re.compile(rf"(?<![\w'’-])(?P<name>[{_UP}][\w'’-]+(?:\s+[{_UP}][\w'’-]+){{0,3}}),\s+"
                        r"(?:the|an?|its|their)\s+"
                        r"(?:[a-z][\w-]*\s+){0,2}?(?:guerrilla|rebel|armed|militant|separatist|insurgent|paramilitary|"
                        r"jihadist|Islamist|secessionist|underground)\s+(?:army|movement|militia|group|faction|wing|"
                        r"force|organi[sz]ation|outfit|coalition|front)(?!\s+(?:leader|commander|chief|member|"
                        r"spokes\w+|founder)s?\b)(?![\w-])")
_NOT_NAME = frozenset("The A An This That These Those It Its Their His Her Our We They He She But And Or So Yet Then "
                      "Now Today Meanwhile However In On At By For From With".split())


def possessed_forces(text: str, is_known: Callable[[str], bool]
                     ) -> tuple[list[tuple[int, int, Entity]], list[tuple[int, int, Entity]]]:
    """Armed men named by a person's possessive ("Khalifa Haftar's forces", "Omar Bongo's militia"), as two lists of
    (start, end, entity): the bodies (one non-state actor each, mentioned by the noun) and their leaders (the name,
    two words or more, none a gazetteer name: "Putin's forces" are Russia's; each speaks for its forces, ``org``)."""
    forces: list[tuple[int, int, Entity]] = []
    leaders: list[tuple[int, int, Entity]] = []
    for m in _POSSESSED_FORCE.finditer(text):
        name = m.group("name")
        if _not_a_person(name, is_known):
            continue
        body = Entity(_slug(name) + "_forces", f"{name}'s {m.group('noun')}", "non_state", source="named by the text")
        forces.append((m.start("noun"), m.end("noun"), body))
        leaders.append((m.start("name"), m.end("name"),
                        Entity(_slug(name), name, "leader", role="leader of armed men (named by the text)",
                               org=body.id)))
    return forces, leaders


def described_bodies(text: str, is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of a name the text describes in apposition as an armed body ("Falintil, the guerrilla army
    of the independence movement", "Sangare, a separatist militia"): a non-state actor; the description itself is
    read by the apposition rules."""
    found: list[tuple[int, int, Entity]] = []
    for m in _DESCRIBED.finditer(text):
        name = m.group("name")
        words = name.split()
        if words[0] in _NOT_NAME or is_known(name) or any(is_known(w) for w in words):
            continue
        found.append((m.start("name"), m.end("name"),
                      Entity(_slug(name), name, "non_state", source="named by the text")))
    return found


def _not_a_person(name: str, is_known: Callable[[str], bool]) -> bool:
    words = name.split()
    return words[0] in _NOT_NAME or is_known(name) or any(is_known(w) for w in words) or words[0].isupper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
