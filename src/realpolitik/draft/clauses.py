"""Clauses of a sentence: a relation cue takes its arguments from its own clause.

A clause ends at ";", at a dash, before while/whereas/but/although/though/however, after a leading subordinate
clause ("Although X ..., Y ..."; not after a bare name, which opens a list: "When Saudi Arabia, the UAE and ..."),
and at ", and" when a new subject follows it (at ":" only before an actor as subject): an actor followed by a
verb ("..., and Russia has sent troops"), a capitalised name followed by a verb ("..., and Maduro threatened") or a
determiner, a noun and a verb ("..., and the alliance did not"). A list ("Russia, Iran and Turkey") is no break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from realpolitik.draft.actors import VERBISH, Mention
from realpolitik.draft.evidence import Sentence

_CLAUSE_BREAK = re.compile(r";|\s+—\s+|,?\s+(?:while|whereas|but|although|though|however)\s+|,\s+(?=and\s+(?:its|"
                           r"their|his|her)\b)|,\s+(?:as\s+(?=an?\b|the\b)|according\s+to\b)|,\s+when\s+(?=(?:the\s+)?[A-Z])")
_LEADING_SUBORDINATE = re.compile(r"^(?:Although|Though|While|Whereas|When|As|Because|Since|Despite)\b[^,]*,")
_BARE_NAME = re.compile(r"\w+\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*)+,")
_APPOSITION = re.compile(r"^,\s+[^,;]{1,60}?,")  # "..., and the United States, Tbilisi's main patron, has spent"
_AND = re.compile(r",\s+(?:and\s+)?|:\s+")  # ", and", ", " or ":" before a new subject and its verb
_CAPS = r"(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
# a new subject: capitalised words (a list of them: "Bahrain, Kuwait and Sudan") or a determiner and a noun
_NEW_SUBJECT = re.compile(rf"(?:{_CAPS}(?:(?:\s*,\s*|\s+and\s+){_CAPS})*|(?:the|its|their|his|her)\s+[a-z]+)(?=\s)")
_NAME = re.compile(_CAPS)


def breaks(sentence: Sentence, mentions: Sequence[Mention] = ()) -> list[tuple[int, int]]:
    """(start, end) of every clause break in the sentence (sentence-relative)."""
    text = sentence.text
    found = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    starts = {m.start - sentence.start: m for m in mentions}
    for m in _AND.finditer(text):
        mention = starts.get(m.end())
        if mention is not None and mention.is_subject(sentence):
            found.append(m.span())
            continue
        if "and" not in m.group(0):
            continue  # ", Britain has suspended", ": Clinton has demanded": only before an actor as subject
        subjects = (_NEW_SUBJECT.match(text, m.end()), _NAME.match(text, m.end()))
        if any(s and VERBISH.match(_APPOSITION.sub("", text[s.end():], count=1)) for s in subjects):
            found.append(m.span())
    return sorted(found)


def clause(sentence: Sentence, at: int, mentions: Sequence[Mention] = ()) -> tuple[int, int]:
    """Sentence-relative bounds of the clause around offset `at`."""
    text = sentence.text
    cuts = breaks(sentence, mentions)
    bounds = [0] + [end for _, end in cuts]
    lead = _LEADING_SUBORDINATE.match(text)
    if lead and _BARE_NAME.fullmatch(lead.group(0)):
        lead = None  # "When Saudi Arabia, the UAE and Egypt cut ...": a list of subjects, no clause yet
    if lead:
        bounds.append(lead.end())
    start = max(b for b in bounds if b <= at)
    after = [s for s, _ in cuts if s > at]
    if lead and lead.end() > at:
        after.append(lead.end())
    return start, min(after, default=len(text))
