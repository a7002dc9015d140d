"""Plural and collective arguments of a relation cue: "both countries", "the two armies", "the two capitals",
"the two sides' envoys", "the two" (closing a phrase) stand for two actors the text has already named.

The pair is, first rule that applies:
1. the two sides of the latest hostility drafted so far (in this sentence before the cue or earlier) in which the
   cue's own source takes no part: a text that names a war and then "both countries" means its belligerents;
2. the last two actors named together ("A and B", "between A and B") in this sentence before the cue or in the
   three sentences before, neither of them on the source's side;
3. the two sides the text has named most often before the cue, each at least three times (its protagonists:
   "Sudan has rival armies ... hosted the two sides' envoys").

A relation to such an argument gives one relation per member ("imposed an arms embargo on both countries": two
sanctions). When no pair is found the argument stays unresolved (no relation rather than a guess).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from realpolitik.draft.actors import Mention
from realpolitik.draft.evidence import Sentence

_NOUNS = (r"countries|states|nations|governments|regimes|powers|sides|capitals|neighbours|neighbors|rivals|parties|"
          r"belligerents|adversaries|armies|militaries|forces|camps|combatants|enemies|foes|juntas|administrations")
_QUALIFIER = r"(?:warring\s+|rival\s+|feuding\s+|neighbouring\s+|neighboring\s+|hostile\s+|opposing\s+)?"
# a preposition or object slot after the cue, then the collective noun phrase
COLLECTIVE = re.compile(
    rf"\b(?:both|the\s+two)\s+{_QUALIFIER}(?:{_NOUNS}|generals|factions)\b|"
    r"\bthe\s+(?:warring|rival|opposing|feuding)\s+(?:parties|sides|factions|camps|armies|generals)\b|"
    r"\bthe\s+(?:belligerents|combatants)\b|"
    r"\bthe\s+two\b(?=\s*(?:[.;,:)]|$)|\s+(?:in|since|for|on|at|over|and|after|before|until|during|from|to|"
    r"alike|a\s+dozen|several|twice|again)\b)|"
    r"\bboth\b(?=\s*(?:[.;,:]|$)|\s+(?:in|since|for|alike)\b)",
    re.IGNORECASE)
# right after a cue: up to three words (the cue's object: "an arms embargo", "artillery and ammunition") and a
# preposition before the collective phrase ("on both countries", "to the two armies", "between the two capitals")
AFTER_CUE = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:on|against|to|with|from|between|among|for|upon)?\s*"
                       rf"(?:{COLLECTIVE.pattern})", re.IGNORECASE)
_TOGETHER = re.compile(r"\s*,?\s+(?:and|&)\s+(?:the\s+)?")


def after_cue(text: str, c_end: int) -> re.Match[str] | None:
    """The collective phrase governed by a cue ending at `c_end`, if one follows it."""
    return AFTER_CUE.match(text, c_end)


def pair(sentences: Sequence[Sentence], sentence: Sentence, c_start: int, mentions: Sequence[Mention],
         excluded: set[str], level: Callable[[str], str], found: Sequence[Any]) -> list[str]:
    """The two actor ids a collective argument stands for (rules in the module docstring), or none; `excluded`
    holds the sides of the cue's own sources."""
    at = sentence.start + c_start
    for r in reversed([r for r in found if r.kind == "hostility" and r.evidence.span.start < at]):
        sides = {level(r.source), level(r.target)}
        if not sides & excluded and len(sides) == 2:
            return [r.source, r.target]
    earlier = [m for m in mentions if sentence.index - 3 <= m.sentence <= sentence.index and m.end <= at]
    for first, second in reversed(list(zip(earlier, earlier[1:], strict=False))):
        if first.sentence != second.sentence:
            continue
        where = sentences[first.sentence]
        gap = where.text[first.end - where.start:second.start - where.start]
        levels = {level(first.actor), level(second.actor)}
        if _TOGETHER.fullmatch(gap) and len(levels) == 2 and not levels & excluded and \
                not re.match(r"['’]s\b", where.text[second.end - where.start:]):
            return [first.actor, second.actor]
    return main_sides([m for m in mentions if m.end <= at], excluded, level)


def main_sides(earlier: Sequence[Mention], excluded: set[str], level: Callable[[str], str], n: int = 2) -> list[str]:
    """The `n` sides the text has named most often before the cue (each at least three times, ties to the first
    named), outside `excluded`: the text's protagonists."""
    counts: dict[str, int] = {}
    for m in earlier:
        if level(m.actor) not in excluded:
            counts[level(m.actor)] = counts.get(level(m.actor), 0) + 1
    ranked = sorted(counts, key=lambda side: -counts[side])  # stable: first named first among equals
    return ranked[:n] if len(ranked) >= n and counts[ranked[n - 1]] >= _MAIN_PAIR_MIN else []


_MAIN_PAIR_MIN = 3
