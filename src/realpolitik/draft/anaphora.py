"""Definite descriptions read as mentions for the relation extractor.

"the North" is the "North X" the text names (North Korea, North Yemen); "the country" the latest state; "the
kingdom", "the emirate" the latest monarchy (a state whose ruler the text titles king, emir, sultan ...); "the
movement", "the militia", "the rebels" the latest non-state actor; "the alliance" the latest organisation; each
named before the description in its sentence or the three before, skipping the subjects (or states of leaders as
subjects) of the description's own clause and actors listed with them: "Egypt and Syria sent troops to defend the
kingdom" is neither Egypt nor Syria, but "Iraq invaded Kuwait and annexed the country" is Kuwait. "the regime", "the
junta", "the government", "the island", "the republic" are the state the text is about so far: the one named most
often before as other than a subject ("in Syria", "invaded Cyprus"), at least twice and more often than any other,
and not in the description's own clause. Personal pronouns are read by `pronouns.py` after these descriptions (which
they may stand for). These mentions serve the relation cues only: the actors and their mention lists are not
changed."""

from __future__ import annotations

import re

from realpolitik.draft.actors import DraftActor, Mention, side
from realpolitik.draft.clauses import clause
from realpolitik.draft.evidence import Sentence

_ROYAL = re.compile(r"(?:King|Queen|Emir|Sultan|Crown\s+Prince|Shah)\b")
_COMPASS = re.compile(r"\bthe\s+(North|South)\b(?!\s+[A-Z])")
_NOUNS = {
    "state": re.compile(r"\bthe\s+country\b(?!\s+of\b)"),
    "monarchy": re.compile(r"\bthe\s+(?:kingdom|emirate|sultanate|monarchy)\b(?!\s+of\b)"),
    "non_state": re.compile(r"\bthe\s+(?:movement|militia|group|rebels|insurgents|guerrillas|militants|"
                            r"separatists|party)\b(?![\w'’-]*\s+[A-Z])"),
    "organisation": re.compile(r"\bthe\s+(?:alliance|bloc|organi[sz]ation)\b(?!\s+[A-Z])"),
}
# "the regime", "the junta", "the island": the state the text is about so far, not the latest one named
_PRINCIPAL = re.compile(r"\b[Tt]he\s+(?:island|regime|government|junta|republic)\b(?!\s+(?:of|in)\b)"
                        r"(?![\w'’-]*\s+[A-Z])")
_KINDS = {"state": {"state"}, "monarchy": {"state"}, "non_state": {"non_state", "armed_group"},
          "organisation": {"organisation"}}


def descriptions(sentences: list[Sentence], mentions: list[Mention],
                 actors: dict[str, DraftActor]) -> list[Mention]:
    """Mentions made of definite descriptions, resolved as the module says; sorted with the others."""
    added: list[Mention] = []
    compass = {a.name.split()[0]: a.id for a in actors.values() if a.kind == "state"
               and re.match(r"(?:North|South)\s+\S+$", a.name)}
    monarchies = {actors[m.actor].represents for m in mentions if m.how == "title" and _ROYAL.match(m.text)
                  and m.actor in actors} | {a.id for a in actors.values() if a.kind == "state"
                                            and re.search(r"Kingdom|Emirate|Sultanate", a.name)} | \
        _titled_rulers(sentences, mentions, actors)
    for sentence in sentences:
        for m in _COMPASS.finditer(sentence.text):
            actor = compass.get(m.group(1))
            if actor is not None and not _overlaps(mentions, sentence, m.span(1)):
                added.append(_mention(actor, sentence, m.span(), "anaphor"))
        for kind, pattern in _NOUNS.items():
            for m in pattern.finditer(sentence.text):
                if _overlaps(mentions, sentence, m.span()):
                    continue
                fitting = [x for x in mentions if kind != "monarchy" or x.actor in monarchies]
                if kind == "monarchy":  # "the emirate": a state whose ruler is an emir, if the text names one
                    styled = _styled(m.group(0), sentences, mentions, actors)
                    fitting = [x for x in fitting if x.actor in styled] or fitting
                actor = _antecedent(mentions, fitting, actors, sentence, m.start(), _KINDS[kind])
                if actor is not None:
                    added.append(_mention(actor, sentence, m.span(), "anaphor"))
        for m in _PRINCIPAL.finditer(sentence.text):
            actor = None if _overlaps(mentions, sentence, m.span()) else _principal(mentions, actors, sentences,
                                                                                     sentence, m.start())
            if actor is not None:
                added.append(_mention(actor, sentence, m.span(), "anaphor"))
    return sorted(mentions + added, key=lambda x: x.start)


# "Qatar's emir", "the Saudi king": a state whose ruler the text titles in lower case
_RULER = re.compile(r"(?:['’]s|\s)\s*(?:young\s+|old\s+|ageing\s+|aging\s+|new\s+)?(?:king|queen|emir|amir|sultan|"
                    r"monarch|crown\s+prince|royal\s+family)\b", re.IGNORECASE)


_STYLES = {"emirate": r"emir|amir|Emirate", "kingdom": r"king|queen|Kingdom", "sultanate": r"sultan|Sultanate"}


def _styled(description: str, sentences: list[Sentence], mentions: list[Mention],
            actors: dict[str, DraftActor]) -> set[str]:
    """The monarchies of the description's own style ("the emirate": states with an emir), by a ruler's title the
    text gives them or by their name."""
    style = next((v for k, v in _STYLES.items() if k in description.lower()), None)
    if style is None:
        return set()
    found = {a.id for a in actors.values() if a.kind == "state" and re.search(style, a.name)}
    for m in mentions:
        where = sentences[m.sentence]
        rest = where.text[m.end - where.start:]
        if m.how == "title" and re.match(rf"(?i:{style})\b", m.text):
            found.add((actors[m.actor].represents if m.actor in actors else None) or m.actor)
        elif re.match(rf"(?:['’]s|\s)\s*(?:\w+\s+)?(?i:{style})\b", rest):
            found.add(m.actor)
    return found


def _titled_rulers(sentences: list[Sentence], mentions: list[Mention], actors: dict[str, DraftActor]) -> set[str]:
    """States named right before a ruler's title ("Qatar's emir", "the Saudi king")."""
    found = set()
    for m in mentions:
        actor = actors.get(m.actor)
        where = sentences[m.sentence]
        if actor is not None and actor.kind == "state" and _RULER.match(where.text, m.end - where.start):
            found.add(m.actor)
    return found


def _principal(mentions: list[Mention], actors: dict[str, DraftActor], sentences: list[Sentence], sentence: Sentence,
               at: int) -> str | None:
    """The state named most often before `at` as other than a subject (the place and object of the others' acts:
    "in Syria", "invaded Cyprus"; its leaders counting for it), when it is so named at least twice and more often
    than any other, and is not named in the description's own clause."""
    lo, _ = clause(sentence, at, [m for m in mentions if m.sentence == sentence.index])
    own = {side(m.actor, actors) for m in mentions if m.sentence == sentence.index
           and lo <= m.start - sentence.start < at}
    counts: dict[str, int] = {}
    for m in mentions:
        state = side(m.actor, actors)
        if m.end <= sentence.start + at and state in actors and actors[state].kind == "state" \
                and m.how != "demonym" and not m.is_subject(sentences[m.sentence]):
            counts[state] = counts.get(state, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1] or ranked[0][0] in own:
        return None
    return ranked[0][0]


def _antecedent(mentions: list[Mention], fitting: list[Mention], actors: dict[str, DraftActor], sentence: Sentence,
                at: int, kinds: set[str]) -> str | None:
    lo, hi = clause(sentence, at, [m for m in mentions if m.sentence == sentence.index])
    here = [m for m in mentions if m.sentence == sentence.index and lo <= m.start - sentence.start < hi]
    own = {side(m.actor, actors) for m in _clause_subjects(here, sentence)}
    window = [m for m in fitting if sentence.index - 3 <= m.sentence <= sentence.index
              and m.end <= sentence.start + at]
    for m in reversed(window):
        actor = actors.get(m.actor)
        if actor is not None and actor.kind in kinds and side(m.actor, actors) not in own:
            return m.actor
    return None


def _clause_subjects(here: list[Mention], sentence: Sentence) -> list[Mention]:
    """The clause's subjects and the mentions listed with them ("Egypt and Iraq have sent troops"): a description
    in the clause is never one of them, but may be an object named before it ("closed their borders with Niger,
    frozen the country's assets": Niger)."""
    found = [m for m in here if m.is_subject(sentence)]
    for m in reversed(here):
        nxt = next((x for x in here if x.start >= m.end), None)
        if nxt in found and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+|,\s*)(?:the\s+)?",
                                         sentence.text[m.end - sentence.start:nxt.start - sentence.start]):
            found.append(m)
    return found


def _overlaps(mentions: list[Mention], sentence: Sentence, span: tuple[int, int]) -> bool:
    start, end = sentence.start + span[0], sentence.start + span[1]
    return any(m.start < end and start < m.end for m in mentions)


def _mention(actor: str, sentence: Sentence, span: tuple[int, int], how: str) -> Mention:
    start, end = span
    return Mention(actor, sentence.start + start, sentence.start + end, sentence.text[start:end], sentence.index, how)
