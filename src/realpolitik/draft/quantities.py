"""Quantities: numbers with their unit, holder and place ("3,300 troops based in Armenia", "$48.17bn").

The phrases and their normalised values and units come from `quantity_phrases` (money in "US$ m"/"US$ bn",
percentages in "%", counted noun phrases with their designators), the holder from `quantity_holders` (possessive,
"of X", the recipient of a transfer, the clause's subject, then the sentence's or previous sentence's subject);
the place is an actor after in/at/to/along.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import Mention
from realpolitik.draft.evidence import Evidence, Sentence
from realpolitik.draft.quantity_holders import ALLIANCES, HolderContext, holder_and_place, sentence_subject
from realpolitik.draft.quantity_phrases import Phrase, build_unit, find_phrases


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
    previous: list[Mention] = []
    alliance: Mention | None = None
    for sentence in sentences:
        local = [m for m in mentions if m.sentence == sentence.index]
        ctx = HolderContext(sentence, local, _previous_subject(previous, sentences), previous, alliance)
        for phrase in find_phrases(sentence.text):
            inside = [m for m in local if phrase.start <= m.start - sentence.start
                      and m.end - sentence.start <= phrase.end]
            if phrase.tokens and any(m.start - sentence.start >= phrase.tokens[-1][0] for m in inside):
                continue  # "5,000 Russians": people named by an actor's demonym are not a drafted quantity
            unit = phrase.unit or build_unit(phrase.tokens, _dropped(phrase, inside, sentence))
            holder, host = holder_and_place(ctx, phrase, inside)
            ctx.found.append((phrase, holder))
            where = host or _place(sentence, local, phrase.end)
            found.append(DraftQuantity(phrase.value, unit, phrase.what, holder.actor if holder else None,
                                       where.actor if where else None,
                                       Evidence(sentence, sentence.span(phrase.start, phrase.end))))
        previous = local
        alliance = next((m for m in reversed(local) if m.actor in ALLIANCES), alliance)
    return found


def _dropped(phrase: Phrase, inside: list[Mention], sentence: Sentence) -> set[int]:
    """Indices of the unit's words that name an actor ("US troops", "Philippine bases")."""
    spans = [(m.start - sentence.start, m.end - sentence.start) for m in inside]
    return {k for k, (s, e, _) in enumerate(phrase.tokens[:-1]) if any(s < me and e > ms for ms, me in spans)}


def _previous_subject(previous: list[Mention], sentences: list[Sentence]) -> Mention | None:
    """The previous sentence's subject when its subjects are one actor."""
    if not previous:
        return None
    return sentence_subject(next(s for s in sentences if s.index == previous[0].sentence), previous)


def _place(sentence: Sentence, local: list[Mention], end: int) -> Mention | None:
    for m in local:
        gap = sentence.text[end:m.start - sentence.start]
        if m.start - sentence.start >= end and re.fullmatch(r"(?:\s+[\w-]+){0,3}\s+(?:in|at|into|along|inside)\s+",
                                                          gap):
            return m
    return None
