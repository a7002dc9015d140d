"""Candidates and features for the statistical relation classifier (`relation_model.py`).

A candidate is an ordered pair of distinct sides (`actors.side`: a leader counts as the state he represents)
named in one sentence, by the mentions the relation rules read (names, descriptions, resolved pronouns). Of all
the mention pairs of two sides in a sentence the closest one is kept. Its features are sparse strings:

- ``b:``/``bo:`` word stems between the two mentions (``bo:`` also says which comes first), ``bb:`` their bigrams,
  ``m1:``/``m-1:`` the first and last word between them, ``l:``/``r:`` up to three words before the first and after
  the second mention, ``l1:``/``r1:`` the nearest one on each side;
- ``order:``, ``ks:``/``kt:``/``kk:`` the actors' kinds, ``hs:``/``ht:`` how they are mentioned (name, demonym,
  pronoun ...), ``d:`` a distance bucket, ``nb:`` how many other actors stand between, ``clause:`` whether a clause
  break separates them;
- markers: negation, hedge, modal, conditional and intention words between the mentions (``neg:b``) or anywhere in
  the sentence (``neg:s``);
- the rules' cue lexicon (`cues.py`) read as words only, without its argument heuristics: ``cue_b:KIND`` for a cue
  of that kind between the mentions, ``cue_l:``/``cue_r:`` before the first or after the second, ``cue_s:``
  anywhere in the sentence (each also with the cue's orientation);
- the rules' own reading: ``rule:KIND`` for a rule relation from the first to the second side in this sentence,
  ``rule_rev:KIND`` for one the other way, ``rule:none`` when the rules relate them in neither direction here,
  ``skip:REASON`` for each cue the rules skipped in this sentence.

No proper noun is a feature: actor mentions become placeholders (``<S>`` the source, ``<T>`` the target, ``<A>`` any
other actor), other capitalised words (but a sentence's first) become ``<CAP>``, numbers ``<NUM>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import DraftActor, Mention, side
from realpolitik.draft.clauses import breaks
from realpolitik.draft.cues import CONDITIONAL, CUES, HEDGE, INTENTION, MODAL, negated
from realpolitik.draft.evidence import Sentence
from realpolitik.draft.relations import DraftRelation, Skipped

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[;:—–()]|,")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s")
_WINDOW = 3
_MARKERS = (("neg", None), ("hedge", HEDGE), ("modal", MODAL), ("cond", CONDITIONAL), ("intent", INTENTION))


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of sides named in one sentence, with the mentions that name them and its features."""

    sentence: Sentence
    source: Mention
    target: Mention
    source_side: str
    target_side: str
    features: tuple[str, ...]


@dataclass(frozen=True)
class _Token:
    word: str  # normalised: a stem, <S>/<T>/<A>, <CAP> or <NUM>
    start: int  # sentence-relative
    end: int
    mention: int | None  # index into the sentence's mentions


def stem(word: str) -> str:
    """A crude suffix stripper: lower case, then the first of a few inflectional suffixes removed where at least
    three letters stay ("supplies" → "suppl", "supplied" → "suppl", "backing" → "back", "arms" → "arm")."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def candidates(sentences: list[Sentence], mentions: list[Mention], actors: dict[str, DraftActor],
               relations: list[DraftRelation], skipped: list[Skipped]) -> list[Candidate]:
    """Every ordered pair of distinct sides named in a sentence, with its features (module docstring)."""
    found: list[Candidate] = []
    for sentence in sentences:
        here = sorted((m for m in mentions if m.sentence == sentence.index and m.actor in actors),
                      key=lambda m: (m.start, m.end))
        if len({side(m.actor, actors) for m in here}) < 2:
            continue
        context = _Context(sentence, here, actors, relations, skipped)
        for a, b in _closest_pairs(here, actors):
            for source, target in ((a, b), (b, a)):
                found.append(Candidate(sentence, here[source], here[target], side(here[source].actor, actors),
                                       side(here[target].actor, actors), context.features(source, target)))
    return found


def _closest_pairs(here: list[Mention], actors: dict[str, DraftActor]) -> list[tuple[int, int]]:
    """For each unordered pair of sides, the indices (in text order) of its two closest mentions."""
    best: dict[frozenset[str], tuple[int, int, int]] = {}
    for i, m in enumerate(here):
        for j in range(i + 1, len(here)):
            n = here[j]
            sides = frozenset((side(m.actor, actors), side(n.actor, actors)))
            if len(sides) < 2:
                continue
            gap = max(0, n.start - m.end)
            if sides not in best or gap < best[sides][0]:
                best[sides] = (gap, i, j)
    return [(i, j) for _, i, j in sorted(best.values(), key=lambda t: (t[1], t[2]))]


class _Context:
    """One sentence's tokens, clause breaks, markers and rule readings, shared by its candidates."""

    def __init__(self, sentence: Sentence, here: list[Mention], actors: dict[str, DraftActor],
                 relations: list[DraftRelation], skipped: list[Skipped]) -> None:
        self.sentence, self.here, self.actors = sentence, here, actors
        self.tokens, self.token_of = _tokens(sentence, here)
        self.breaks = [s for s, _ in breaks(sentence, here)]
        self.rules = {(side(r.source, actors), side(r.target, actors)): r.kind for r in relations
                      if r.evidence.sentence.index == sentence.index}
        self.skips = sorted({f"skip:{s.reason}" for s in skipped if s.evidence.sentence.index == sentence.index})
        self.sentence_markers = _markers(sentence.text, "s")
        self.cues = sorted({(m.start(), m.end(), cue.kind, cue.orientation) for cue in CUES
                            for m in cue.pattern.finditer(sentence.text)})

    def features(self, source: int, target: int) -> tuple[str, ...]:
        """The features of the candidate from mention `source` to mention `target` (indices into the sentence's)."""
        first, second = sorted((source, target))
        order = "st" if source < target else "ts"
        role = {self.token_of[source]: "<S>", self.token_of[target]: "<T>"}
        words = [role.get(k, "<A>") if t.mention is not None else t.word for k, t in enumerate(self.tokens)]
        a, b = sorted((self.token_of[first], self.token_of[second]))
        between = words[a + 1:b]
        left, right = words[max(0, a - _WINDOW):a], words[b + 1:b + 1 + _WINDOW]
        others = {t.mention for t in self.tokens[a + 1:b] if t.mention is not None}
        m, n = self.here[source], self.here[target]
        feats = {f"order:{order}", f"d:{_bucket(len(between))}", f"d{order}:{_bucket(len(between))}",
                 f"nb:{min(3, len(others))}"}
        feats |= {f"b:{w}" for w in between} | {f"bo{order}:{w}" for w in between}
        feats |= {f"bb:{x}_{y}" for x, y in zip(between, between[1:], strict=False)}
        if between:
            feats |= {f"m1:{between[0]}", f"m-1:{between[-1]}"}
        feats |= {f"l:{w}" for w in left} | {f"r:{w}" for w in right}
        feats |= {f"l1:{left[-1]}" for _ in left[-1:]} | {f"r1:{right[0]}" for _ in right[:1]}
        ks, kt = self._kind(m), self._kind(n)
        feats |= {f"ks:{ks}", f"kt:{kt}", f"kk:{ks}_{kt}", f"hs:{m.how}", f"ht:{n.how}"}
        lo_c, hi_c = self.here[first].end - self.sentence.start, self.here[second].start - self.sentence.start
        feats.add("clause:" + ("diff" if any(lo_c <= b < hi_c for b in self.breaks) else "same"))
        feats |= _markers(self.sentence.text[lo_c:hi_c], "b")
        feats |= self.sentence_markers
        feats |= self._cue_features(lo_c, hi_c, self.here[first].start - self.sentence.start,
                                    self.here[second].end - self.sentence.start)
        sides = (side(m.actor, self.actors), side(n.actor, self.actors))
        forward, backward = self.rules.get(sides), self.rules.get((sides[1], sides[0]))
        feats |= {f"rule:{forward}"} if forward else set()
        feats |= {f"rule_rev:{backward}"} if backward else set()
        if not forward and not backward:
            feats.add("rule:none")
        feats |= set(self.skips)
        return tuple(sorted(feats))

    def _cue_features(self, lo: int, hi: int, first_start: int, second_end: int) -> set[str]:
        """The rules' cue lexicon read as words only: which kinds' cues stand between the two mentions, before the
        first or after the second (in the same clause window), or anywhere in the sentence."""
        feats = set()
        for start, end, kind, orientation in self.cues:
            if any(s <= start < e for s, e in ((m.start - self.sentence.start, m.end - self.sentence.start)
                                               for m in self.here)):
                continue  # inside a name
            where = "b" if lo <= start and end <= hi else "l" if end <= first_start else \
                "r" if start >= second_end else "s"
            feats |= {f"cue_{where}:{kind}", f"cue_{where}:{kind}:{orientation}", f"cue_s:{kind}"}
        return feats

    def _kind(self, m: Mention) -> str:
        kind = self.actors[m.actor].kind
        return "non_state" if kind == "armed_group" else kind


def _tokens(sentence: Sentence, here: list[Mention]) -> tuple[list[_Token], dict[int, int]]:
    """The sentence's tokens, and the token of each mention: a mention's words become one token (so a mention, even
    one with no word token such as "its", is one placeholder); a mention inside another shares its token."""
    spans = [(m.start - sentence.start, m.end - sentence.start) for m in here]
    out: list[_Token] = []
    token_of: dict[int, int] = {}
    events = [(s, 0, k) for k, (s, _) in enumerate(spans)]
    words = [(t.start(), 1, t) for t in _TOKEN.finditer(sentence.text)]
    for pos, _, item in sorted(events + words, key=lambda e: (e[0], e[1])):
        if isinstance(item, int):
            covering = next((k for k in token_of if spans[k][0] <= pos < spans[k][1]), None)
            if covering is not None:
                token_of[item] = token_of[covering]
            else:
                token_of[item] = len(out)
                out.append(_Token("", pos, spans[item][1], item))
            continue
        if any(s <= pos < e for s, e in spans):
            continue
        out.append(_Token(_normal(item.group(0), pos == 0 or _opens(sentence.text, pos)), pos, item.end(), None))
    return out, token_of


def _opens(text: str, pos: int) -> bool:
    """Whether the word at `pos` opens the sentence or follows a colon or opening quote (capitalised for that)."""
    return not text[:pos].strip(" \"'“‘(") or text[:pos].rstrip().endswith(":")


def _normal(word: str, initial: bool) -> str:
    if word[0].isdigit():
        return "<NUM>"
    if word[0].isupper() and not initial:
        return "<CAP>"
    return stem(word)


def _markers(window: str, where: str) -> set[str]:
    found = {f"neg:{where}"} if negated(window) else set()
    return found | {f"{name}:{where}" for name, pattern in _MARKERS[1:] if pattern.search(window)}


def _bucket(n: int) -> str:
    return "0-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"
