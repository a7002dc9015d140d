"""Groups and collective actors found by rule: peoples and lobbies built on a demonym or a state's name ("the
Armenian lobby", "Syrian mercenaries", "the Israel lobby"), ethnic peoples, clans and regional blocs ("ethnic
Albanians", "the Hawiye clan", "the Arab states"), diasporas ("its diaspora"); appositions ("Hezbollah, the
Lebanese militia,") and anaphors ("the alliance" after NATO, "the rebels" after the M23, "the junta" after
"Galtieri's junta") as mentions of the actor meant; armed men named only collectively ("the militias") as one
actor; a people's population groups as the people named whole ("Hoa refugees"), and a people named beside a body
named for it as that body ("the Kachin" beside "the Kachin Independence Army")."""

from __future__ import annotations

import re
from functools import cache

from realpolitik.draft.candidates import Candidate
from realpolitik.draft.evidence import Sentence
from realpolitik.draft.gazetteer import Entity, Gazetteer, load_gazetteer

_GROUP_NOUNS = {
    "lobby": "non_state", "lobbies": "non_state", "diaspora": "group", "community": "group", "communities": "group",
    "mercenaries": "armed_group", "militia": "armed_group", "militias": "armed_group", "rebels": "armed_group",
    "separatists": "armed_group", "fighters": "armed_group", "insurgents": "armed_group", "jihadists": "armed_group",
    "minority": "group", "minorities": "group", "journalists": "group", "refugees": "group", "settlers": "group",
    "volunteers": "armed_group", "nationalists": "group", "opposition": "non_state", "oligarchs": "group",
    "exiles": "group", "clergy": "group", "church": "non_state", "businessmen": "group",
    "mujahideen": "armed_group", "militants": "armed_group", "guerrillas": "armed_group",
    "paramilitaries": "armed_group", "clan": "group", "clans": "group", "tribe": "group", "tribes": "group",
    "tribesmen": "group", "people": "group",
}
# group nouns that make a group only with a people's adjective, not a state's demonym ("the Kurdish people" is a
# group, "the Syrian people" the state's population, as the annotators read "the Sudanese")
_PEOPLE_ONLY = {"people", "clan", "clans", "tribe", "tribes", "tribesmen"}


@cache
def _people_adjectives() -> frozenset[str]:
    gaz = load_gazetteer()
    return frozenset([*gaz.demonyms(), *gaz.peoples])


_GROUP_AFTER = re.compile(r"(?:-origin|-born|-speaking)?\s+(?P<noun>" + "|".join(sorted(_GROUP_NOUNS, key=len,
                                                                                    reverse=True)) + r")\b")
_GROUP_BEFORE = re.compile(r"(?:(?<![\w-])[Tt]he\s+)?(?:(?:some|many|several|prominent|powerful|influential|local|"
                           r"ethnic|strong)\s+)*$")
_DIASPORA = re.compile(r"(?:[Tt]he\s+)?(?:largest\s+|biggest\s+|main\s+)?(?:[\w-]+\s+)?diaspora\s+in\s+[A-Z]\w+"
                       r"\s+is\s+(?:the\s+)?(?P<dem>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\b")


def find_groups(sentence: Sentence, gaz: Gazetteer) -> list[Candidate]:
    """Groups built on a demonym, a people or a state's name, ethnic peoples, blocs and diasporas in `sentence`."""
    adjectives = _people_adjectives()
    text = sentence.text
    found = []
    for word in re.finditer(r"(?<![\w-])(?=([A-Z]\w*(?:\s[A-Z]\w*)?))", text):
        for dem in (word.group(1), word.group(1).split()[0]):
            if dem in adjectives or dem in _state_names():
                after = _GROUP_AFTER.match(text, word.start() + len(dem))
                before = _GROUP_BEFORE.search(text[:word.start()])
                named = after and after.group("noun") in _NAME_GROUPS and before and before.group(0).strip()
                if after and after.group("noun") in _PEOPLE_ONLY and dem not in gaz.peoples:
                    break  # "the Syrian people": a state's population, no group
                if after and (dem in adjectives or named):  # "the Israel lobby", not "France lobbies Paris"
                    start = before.start() if before else word.start()
                    start, dem = _coordinated(text, start, dem, adjectives)
                    group = _group_candidate(sentence, start, after.end(), dem, after.group("noun"))
                    if _owned_minority(text, start, dem, after.group("noun"), gaz):
                        group.name = "venue"  # "Iran's own Azeri minority": part of Iran's population, no actor
                    found.append(group)
                break
    for m in _ETHNIC.finditer(text):  # "ethnic Albanians", "the Arab states": people and blocs, not states
        if m.group("ethnic") and m.group("people") not in gaz.demonyms():
            continue
        label = m.group(0).removeprefix("the ").removeprefix("The ")
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_"), label, "group")
        found.append(Candidate(sentence.start + m.start(), sentence.start + m.end(), entity, "group"))
    found += _communities(sentence, gaz)
    found += _peoples_of_places(sentence, gaz)
    if "diaspora" in text:
        for m in _DIASPORA.finditer(text):
            if m.group("dem") in adjectives:
                found.append(_group_candidate(sentence, m.start(), m.end(), m.group("dem"), "diaspora"))
        for m in _OWN_DIASPORA.finditer(text):  # "remittances from its diaspora": the state's emigrants, a group
            found.append(Candidate(sentence.start + m.start(), sentence.start + m.end(),
                                   Entity("diaspora", "diaspora", "group"), "group"))
    return found


_OWN_DIASPORA = re.compile(r"(?<![\w-])(?:its|their)\s+(?:(?:own|large|vast|wealthy|big|global)\s+)?diaspora\b")


_NAME_GROUPS = {"lobby", "diaspora"}
_OWNER = re.compile(r"(?:['’]s|\b(?:its|their|his|her))\s+(?:own\s+)?(?:[a-z]+\s+){0,2}$")


def _owned_minority(text: str, start: int, demonym: str, noun: str, gaz: Gazetteer) -> bool:
    """A minority named by another state's demonym and owned by a state ("its own large Azeri minority", "Iran's
    Azeri minority") is part of that state's population, not an actor (ties between populations of two states
    are the states' ties); a stateless people's minority ("the Kurdish minority") stays a group."""
    return noun.startswith("minorit") and demonym in gaz.demonyms() and demonym not in gaz.peoples \
        and bool(_OWNER.search(text[:start]))


def _coordinated(text: str, start: int, demonym: str, adjectives: frozenset[str]) -> tuple[int, str]:
    """"Chadian and Malian mercenaries": a demonym coordinated before the group's own is part of the group (one
    group; neither state is an actor)."""
    m = re.search(r"(?<![\w-])(?:[Tt]he\s+)?(?P<first>[A-Z][\w-]*)(?:\s+and\s+|\s+or\s+|,\s+)$", text[:start])
    if m and m.group("first") in adjectives:
        return m.start(), f"{m.group('first')} and {demonym}"
    return start, demonym
_COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"}
_COMMUNITY = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?P<adj>[A-Z][a-z]+)\s+(?P<people>[A-Z][a-z]+s)\b")


@cache
def _plural_peoples() -> frozenset[str]:
    gaz = load_gazetteer()
    return frozenset([*(p for p in gaz.peoples.values() if p), *(d for d in gaz.demonyms() if d.endswith("s"))])


def _communities(sentence: Sentence, gaz: Gazetteer) -> list[Candidate]:
    """A people named with the adjective of another people or a compass point ("the Turkish Cypriots", "South
    Ossetians", "Crimean Tatars"): one group, not a state and a people; names the gazetteer knows ("the Bosnian
    Serbs") are left to it."""
    found = []
    adjectives = _people_adjectives()
    for m in _COMMUNITY.finditer(sentence.text):
        adj, people = m.group("adj"), m.group("people")
        if people not in _plural_peoples() or not (adj in _COMPASS or adj in adjectives or adj.endswith("ean")):
            continue
        if gaz.peoples.get(adj) == people or any(n.entity.kind != "state" for start, end, names in _scan(m.group(0))
                                                 if start == 0 and end == len(m.group(0)) for n in names):
            continue
        label = f"{adj} {people}"
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", label.lower()), label, "group")
        found.append(Candidate(sentence.start + m.start(), sentence.start + m.end(), entity, "group"))
    return found


_PEOPLE_OF = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?P<people>[A-Z][a-z]+s?)\s+of\s+(?:the\s+)?"
                        r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _peoples_of_places(sentence: Sentence, gaz: Gazetteer) -> list[Candidate]:
    """A stateless people of a region ("the Arabs of Khuzestan", "the Kurds of Syria"): one group, not the
    people at large; demonyms of states ("the Armenians of Karabakh") are left to the other rules."""
    found = []
    plurals = {p for p in gaz.peoples.values() if p}
    for m in _PEOPLE_OF.finditer(sentence.text):
        if m.group("people") not in plurals:
            continue
        label = f"{m.group('people')} of {m.group('place')}"
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", label.lower()), label, "group")
        found.append(Candidate(sentence.start + m.start(), sentence.start + m.end(), entity, "group"))
    return found


def _scan(form: str):
    from realpolitik.draft.actors import scan

    return scan(form)


@cache
def _state_names() -> frozenset[str]:
    return frozenset(n.form for n in load_gazetteer().names if n.entity.kind == "state" and n.how == "name")


_ANAPHORS = (
    # (words, which earlier candidate they stand for)
    (re.compile(r"(?<![\w-])(?:[Tt]he\s+)?alliance(?![\w-])"),
     lambda c, text: c.entity.kind == "organisation" and re.search(r"Alliance|Treaty|Pact|Defen[cs]e", c.entity.name)),
    (re.compile(r"(?<![\w-])[Tt]he\s+(?:rebels|insurgents|militants|guerrillas|guerillas|militias)(?![\w-])"),
     lambda c, text: c.entity.kind == "non_state" or
     c.entity.kind == "armed_group" and _ARMED_MEN.search(c.entity.name)),
    (re.compile(r"(?<![\w-])[Tt]he\s+(?:junta|regime)(?![\w-])"),
     lambda c, text: re.match(r"(?:['’]s)?\s+(?:military\s+)?(?:junta|regime)\b", text[c.end:]) or
     re.search(r"(?:junta|regime)$", text[c.start:c.end])),
)


def anaphors(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"the alliance" after NATO is named, "the rebels" after the M23, "the junta" after "Galtieri's junta": a
    mention of the actor of that kind named last before it (never across a gap of no such actor). "the rebels of
    the RCD" names the body right after it, and every later bare "the rebels" stays with the body the text so
    called; an actor of the same clause, with no punctuation between ("accuses UNITA of fighting beside the
    rebels"), is another participant, not the antecedent."""
    extra = []
    own: dict[str, Entity] = {}  # armed men the text names only collectively, by noun
    for pattern, fits in _ANAPHORS:
        called: Candidate | None = None  # the body the text called "the rebels of ..."
        for m in pattern.finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in chosen):
                continue
            after = [c for c in chosen if c.start >= m.end() and fits(c, text)
                     and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[m.end():c.start])]
            if after:
                called = after[0]
                extra.append(Candidate(m.start(), m.end(), called.entity, "metonym", called.name))
                continue
            before = [c for c in chosen if c.end <= m.start() and c.name not in ("history", "venue")
                      and c.entity.kind != "place" and fits(c, text)]
            if called is not None:
                before = [called]
            elif before and not re.search(r"[,;:.]", text[before[-1].end:m.start()]) and \
                    m.start() - before[-1].end < 60:
                continue
            if before:
                extra.append(Candidate(m.start(), m.end(), before[-1].entity, "metonym", before[-1].name))
            elif _ARMED_MEN.search(m.group(0)) and not _names_them(pattern, fits, text, chosen):
                # "the militias" with no body named before, nor "the militias of X" later: armed men of their own
                noun = m.group(0).split()[-1].lower()
                own.setdefault(noun, _collective(noun))
                extra.append(Candidate(m.start(), m.end(), own[noun], "group"))
    return sorted(chosen + extra, key=lambda c: c.start)


def _names_them(pattern: re.Pattern[str], fits, text: str, chosen: list[Candidate]) -> bool:
    """Whether the text names the body its "the rebels" are, anywhere: "the rebels of the RCD", or a body the
    gazetteer knows that fits ("the rebels took Konna" before Ansar Dine and AQIM are named)."""
    if any(fits(c, text) and c.entity.source != "named by the text" and c.name not in ("history", "venue")
           for c in chosen):
        return True
    return any(fits(c, text) and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[m.end():c.start])
               for m in pattern.finditer(text) for c in chosen if c.start >= m.end() and c.start - m.end() < 10)


def _collective(noun: str) -> Entity:
    """The armed men a text names only collectively ("the militias", "the rebels"): one non-state actor."""
    return Entity(noun, f"the {noun}", "non_state", source="named by the text")


_POPULATION = ("refugees", "minority", "minorities", "community", "communities", "people", "clan", "clans", "tribe",
               "tribes", "tribesmen")


def peoples_named_whole(chosen: list[Candidate]) -> list[Candidate]:
    """"the Hoa ... 160,000 Hoa refugees": a population group of a people ("X refugees", "the X minority", "X
    community") in a text that also names the people whole is that people, one group; armed men of it ("Kurdish
    rebels") stay a group of their own."""
    gaz = load_gazetteer()
    plurals = set(gaz.peoples.values())
    whole = {c.entity.name: c.entity for c in chosen if c.entity.kind == "group" and c.name is None
             and c.entity.name in plurals}
    out = []
    for c in chosen:
        words = c.entity.name.split()
        if c.how == "group" and len(words) == 2 and words[1] in _POPULATION and gaz.peoples.get(words[0]) in whole:
            c = Candidate(c.start, c.end, whole[gaz.peoples[words[0]]], c.how, c.name)
        out.append(c)
    return out


def peoples_as_bodies(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"The Kachin Independence Army ... the Kachin have offered": a people named whole in a text that names a
    non-state body named for that people is that body (the annotators' reading: a metonym), also for peoples the
    tables list only as adjectives ("the Karen National Union ... the Karen")."""
    gaz = load_gazetteer()
    body_of: dict[str, Entity] = {}
    for c in chosen:
        first = re.sub(r"^(?:[Tt]he\s+)", "", c.entity.name).split()[0] if c.entity.name else ""
        if c.entity.kind == "non_state" and c.name in (None, "rule") and first in gaz.peoples:
            body_of.setdefault(first, c.entity)
    if not body_of:
        return chosen
    adjective_of = {plural: a for a, plural in gaz.peoples.items() if plural}
    out = []
    for c in chosen:
        adjective = adjective_of.get(c.entity.name)
        if c.entity.kind == "group" and adjective in body_of:
            c = Candidate(c.start, c.end, body_of[adjective], "metonym", c.name)
        out.append(c)
    for adjective, body in body_of.items():
        for m in re.finditer(rf"(?<![\w-])[Tt]he\s+{re.escape(adjective)}(?![\w'’-])(?!\s+[A-Z])", text):
            if not any(c.start < m.end() and m.start() < c.end for c in out) and not _attributive(text, m.end()):
                out.append(Candidate(m.start(), m.end(), body, "metonym"))
    return sorted(out, key=lambda c: c.start)


def _attributive(text: str, end: int) -> bool:
    from realpolitik.draft.actors import ATTRIBUTIVE

    return bool(ATTRIBUTIVE.match(text, end))


def blocs(chosen: list[Candidate]) -> list[Candidate]:
    """"The Arab armies ... the Arabs": a people named whole ("the Arabs") in a text that names a bloc of its
    states ("the Arab states", "the Arab armies") is that bloc, one group."""
    gaz = load_gazetteer()
    bloc_of: dict[str, Entity] = {}
    for c in chosen:
        words = c.entity.name.split()
        if c.how == "group" and len(words) == 2 and gaz.peoples.get(words[0]) and _ETHNIC.fullmatch(c.entity.name):
            bloc_of.setdefault(gaz.peoples[words[0]], c.entity)
    return [Candidate(c.start, c.end, bloc_of[c.entity.name], c.how, c.name)
            if c.entity.kind == "group" and c.entity.name in bloc_of else c for c in chosen]


def appositions(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"Hezbollah, the Lebanese militia, ..." (or "... militia that ..."): a group described in apposition to the
    actor before it is a mention of that actor, not an actor of its own; so is a body's name the text gives in
    apposition to a body just named ("Jaish al-Fatah, the Army of Conquest,"), a group the text names in
    apposition after it ("the Hutu militias who fled, the Interahamwe,"), and armed men "of" a body named
    right after ("the Tuareg rebels of the MNLA", "Kurdish fighters of the PKK")."""
    kept = list(chosen)
    for k in range(1, len(kept)):
        c, prev = kept[k], kept[k - 1]
        if c.how != "group" or prev.entity.kind == "place" or prev.name in ("history", "venue"):
            continue
        if re.fullmatch(r",\s+", text[prev.end:c.start]) and re.match(r"^[Tt]he\b", text[c.start:c.end]) \
                and re.match(r"\s*(?:,|\.|;|$|(?:that|which|who|whose)\b)", text[c.end:]):
            kept[k] = Candidate(c.start, c.end, prev.entity, "group", prev.name)
    for k in range(1, len(kept)):  # "the Hutu militias (who ...), the Interahamwe,": the group is the body named
        c, prev = kept[k], kept[k - 1]
        if prev.how == "group" and prev.entity.kind in ("group", "armed_group") and \
                c.entity.kind in ("non_state", "armed_group") and c.how != "group" and c.name is None and \
                re.fullmatch(r"(?:\s+(?:who|which|that)\s+[^,;:()]*)?,\s+", text[prev.end:c.start]) and \
                re.match(r"[Tt]he\s", text[c.start:]) and re.match(r"\s*(?:,|\.|;|$)", text[c.end:]):
            kept[k - 1] = Candidate(prev.start, prev.end, c.entity, "group", c.name)
    for k in range(1, len(kept)):  # "Jaish al-Fatah, the Army of Conquest,": a body's name in the text's language
        c, prev = kept[k], kept[k - 1]
        if c.entity.source == "named by the text" and prev.entity.kind in ("non_state", "organisation") and \
                prev.name not in ("history", "venue") and re.fullmatch(r",\s+", text[prev.end:c.start]) and \
                re.match(r"[Tt]he\s", text[c.start:]) and \
                re.match(r"\s*(?:,|\.|;|$)", text[c.end:]):
            kept[k] = Candidate(c.start, c.end, prev.entity, "title", prev.name)
    for k in range(len(kept) - 1):  # "the Tuareg rebels of the MNLA": the group is the body named after "of"
        c, nxt = kept[k], kept[k + 1]
        if c.how == "group" and c.entity.kind in ("armed_group", "group") and \
                nxt.entity.kind in ("non_state", "armed_group") and nxt.name not in ("history", "venue") and \
                re.fullmatch(r"\s+of\s+(?:the\s+)?", text[c.end:nxt.start]) and \
                _ARMED_MEN.search(text[c.start:c.end]):
            kept[k] = Candidate(c.start, c.end, nxt.entity, "group", nxt.name)
    return kept


_ARMED_MEN = re.compile(r"(?:rebels|fighters|militants|insurgents|guerrillas|guerillas|separatists|militias?)$")
_ETHNIC = re.compile(r"(?P<ethnic>\bethnic\s+)(?P<people>[A-Z][a-z]+s)\b|"
                     r"(?:\b[Tt]he\s+)?\b(?:Arab|Gulf|Baltic|Nordic|Balkan|Sahel|Sahelian|Central\s+Asian|Muslim|Islamic|Sunni|Persian\s+Gulf)\s+(?:states|countries|nations|"
                     r"monarchies|regimes|governments|neighbours|neighbors|armies)\b")


def _group_candidate(sentence: Sentence, start: int, end: int, demonym: str, noun: str) -> Candidate:
    kind = _GROUP_NOUNS[noun]
    label = f"{demonym} {noun}"
    entity = Entity(re.sub(r"[^a-z0-9]+", "_", label.lower()), label, kind)
    return Candidate(sentence.start + start, sentence.start + end, entity, "group")
