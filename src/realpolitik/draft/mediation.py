"""Mediation: the mediator is the source and the parties it mediates between are the targets.

- the mediator: the agent after "by" ("talks brokered by Qatar", "a truce mediated by Egypt"), else the subject
  before the cue ("Norway mediated ...");
- the parties: the actors after "between"/"among" in the clause ("mediated between Armenia and Azerbaijan",
  "Talks between A and B were brokered by X"); else the actors the cue governs after it ("mediated talks with
  Iran", "bring Venezuela and Guyana to the table"), leaving out co-negotiators named after "by" and whoever they
  represent ("a ceasefire negotiated by Nicolas Sarkozy, the French president"); else, when the sentence names no
  party, the two sides of the latest hostility drafted in this or the three sentences before ("Georgia was
  attacked by Russia. ... The EU mediated").
The mediator is never its own target (compared at the level of the state a leader represents).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from realpolitik.draft.actors import Mention
from realpolitik.draft.evidence import Sentence

_REACH = 50  # characters after the cue within which its phrase governs a party
_BY_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)  # "brokered by the Russian"
_BETWEEN = re.compile(r"\b(?:between|among|amongst)\s+", re.IGNORECASE)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|President|General|King|Queen|Emir|Prime\s+Minister)\.?\s+)?"  # "between Mr Kabila"
_JOIN = re.compile(rf"\s*(?:[a-z]+\s+)?(?:,\s*)?(?:and|&|,)\s+(?:the\s+)?{_TITLE}")  # "Iranian envoys and American"


def mediator(sentence: Sentence, local: Sequence[Mention], c_end: int) -> Mention | None:
    """The agent named by "by" right after the cue, if any."""
    for m in local:
        at = m.start - sentence.start
        if at >= c_end and _BY_AFTER.fullmatch(" " + sentence.text[c_end:at]):
            return m
    return None


def parties(sentence: Sentence, local: Sequence[Mention], lo: int, c_end: int, source: Mention,
            level: Callable[[str], str], recent_hostility: Sequence[Any]) -> list[Mention | str]:
    """The parties mediated between: mentions of this clause, or actor ids of the latest hostility."""
    mine = level(source.actor)
    listed = listed_between(sentence, local, lo)
    if listed:
        return [m for m in listed if level(m.actor) != mine]
    excluded = {mine}
    objects = []
    for m in local:
        at = m.start - sentence.start
        if at < c_end or m is source:
            continue
        if re.search(r"\bby\s+$", sentence.text[:at], re.IGNORECASE):
            excluded.add(level(m.actor))  # a co-negotiator, and below whoever it represents
            continue
        phrase = sentence.text[c_end:at]
        governed = re.search(r"\b(?:with|between|among|in|of|for)\s+(?:the\s+)?$", phrase, re.IGNORECASE) or \
            re.search(r"\b(?:with|between|among|for)\s+(?:the\s+)?[\w-]+\s+and\s+(?:the\s+)?$", phrase, re.IGNORECASE)
        if len(phrase) <= _REACH and governed or re.fullmatch(r"\s+(?:the\s+)?", phrase):
            objects.append(m)  # governed by the cue's phrase ("mediated talks with Iran", "a go-between for the
            # junta and ECOWAS", "bring Iran to the table")
    objects = [m for m in objects if level(m.actor) not in excluded]
    if objects:
        return objects[:1] + [m for m in _list_from(sentence, local, objects[0].start - sentence.start)[1:]
                              if level(m.actor) not in excluded]
    for relation in reversed(recent_hostility):
        sides = [relation.source, relation.target]
        if mine not in (level(s) for s in sides):
            return list(sides)
    return []


def listed_between(sentence: Sentence, local: Sequence[Mention], lo: int) -> list[Mention]:
    """The actors listed after the first "between"/"among" of the clause starting at `lo` ("talks between A and
    B"), or none."""
    between = _BETWEEN.search(sentence.text, lo)
    return _list_from(sentence, local, between.end()) if between else []


def _list_from(sentence: Sentence, local: Sequence[Mention], at: int) -> list[Mention]:
    """The mention starting at `at` (after a determiner) and those coordinated with it."""
    listed: list[Mention] = []
    pos = at
    for m in sorted(local, key=lambda m: m.start):
        start = m.start - sentence.start
        if start < pos:
            continue
        gap = sentence.text[pos:start]
        if listed and not _JOIN.fullmatch(gap) or not listed and not re.fullmatch(rf"(?:the\s+)?{_TITLE}", gap):
            break
        listed.append(m)
        pos = m.end - sentence.start
    return listed
