"""Stance cues: an actor for or against an outcome, as suggestions for a position and salience (ranges).

Rule-based: verbs of support ("supports", "insists", "wants", "guarantees", "has ambitions of", "accepts",
"endorsed", "voted for", "is willing to", "urged X to act") and of opposition ("opposes", "rejects", "resisted",
"vetoed", "boycotted", "called ... a threat", "urged X to avoid", "ordered X not to", a refusal "will not / won't
VERB" followed by what is refused, unless the verb is one of saying or the refusal is conditional), neutrality
("sided with neither", "stays out", "abstained", "offered to mediate", "will not be dragged into"), and the passive
"stoked/driven by X" (X is for it). The actor may be a subject pronoun resolved by `pronouns.py` ("It will not
fight for the peninsula"); possessives and objects are not given to the cues. A
pledge or promise of a sum or a force ("pledged $12 billion") is a quantity, not a stance; a verb of support after
one of opposition is opposition ("has resisted calls for a ceasefire"). A negation between actor and cue turns *for*
into *against* ("will not accept", "doesn't trust", "wouldn't want"); a cue in a frame the author rejects ("thinking
that Russia will ... favour Azerbaijan is a mistake") also counts as *against*. Conditional sentences are skipped.
The actor is the subject before the cue, or the actor a relative "which"/"who" right before it stands for ("Chile,
which will not send troops"); `about` is the outcome in the text's words. Ranges, never final numbers:
*for* suggests 65-100 on a scale whose 100 end is the outcome, *against* 0-35, *neutral* 35-65; salience 0.7-1.0
when the wording is intense ("existential", "staked everything", "furious"), else 0.3-0.7.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import Mention
from realpolitik.draft.clauses import clause as _clause
from realpolitik.draft.cues import CONDITIONAL, DENIAL_CLOSE, DENIAL_OPEN, negated
from realpolitik.draft.evidence import Evidence, Sentence

# asking another to act ("urged Kenya to talk"): for the act, or against it when the act is to hold back
_REQUEST = r"urg(?:es?|ed)|ask(?:s|ed)?|told|tells?|press(?:es|ed)|call(?:s|ed)\s+on"
_HOLD_BACK = r"avoid|refrain|stop|halt|end|cease|abandon|drop"
_FOR = re.compile(r"\b(?:supports?|supporting|backs|favou?r(?:s|ed|ing)?|wants?|want\s+to|insist(?:s|ed)?|"
                  r"demand(?:s|ed|ing)?|seek(?:s|ing)?|sought|push(?:es|ed)?\s+for|call(?:s|ed|ing)?\s+for|"
                  r"champion(?:s|ed)?|(?:has|have)\s+ambitions?\s+of|aim(?:s|ed)?\s+to|"
                  r"(?:is|are|was|were)\s+determined\s+to|staked\s+(?:\w+\s+){0,2}?(?:everything\s+)?on|"
                  r"likes?\s+to|guarantee\w*|defends?|accept(?:s|ed)?|welcom(?:es?|ed)|endors(?:es?|ed)|"
                  r"vot(?:es?|ed)\s+for(?!\s+the\s+(?:first|second|third|last|\w+th)\s+time)|trusts?|trust|mediate|"
                  r"intention\s+to|intend(?:s|ed)?\s+to|"
                  r"plan(?:s|ned)?\s+to|vow(?:s|ed)?\s+to|pledg(?:es?|ed)|promis(?:es?|ed)|declared\s+for|"
                  r"(?:is|are|was|were)\s+open\s+to|(?:is|are|was|were)\s+(?:willing|ready|prepared)\s+to|"
                  r"(?:is|are)\s+betting\s+(?:that|on)|bets\s+on|(?:has|have|had)\s+taken\s+\S+\s+side|"
                  r"tabled?\s+(?:an?\s+)?(?:\w+\s+){0,2}(?:resolution|motion|plan|proposal)|(?:was|were)\s+meant\s+to|"
                  r"negotiat(?:e|es|ed|ing)|propos(?:e|es|ed|ing)|(?:could|would|can|will)\s+(?:provide|send|"
                  r"contribute|offer)|(?:" + _REQUEST + ")"
                  r"\s+(?:(?!(?:not|never|how|whether|what|when|where|why|if|it|he|she|we|they|you|i)\b)[\w'’-]+\s+)"
                  r"{1,4}?to\b(?!\s+(?:" + _HOLD_BACK + r"|the|an?|his|her|its|their)\b)"
                  r"(?!\s+(?-i:[A-Z])))\b",
                  re.IGNORECASE)
_AGAINST = re.compile(r"\b(?:oppos(?:es?|ed|ing)|opposed\s+to|reject(?:s|ed|ing)?|refus(?:es?|ed|ing)(?:\s+to)?|"
                      r"resist(?:s|ed|ing)?|condemn(?:s|ed|ing)?|denounc(?:es?|ed|ing)|"
                      r"(?:called|calls?|branded|brands?|sees?|views?|regards?|regarded)\s+(?:\S+\s+){0,8}?"
                      r"(?:an?\s+)?(?:existential\s+|direct\s+|grave\s+)?threat|distrusts?|veto(?:es|ed)?|"
                      r"(?:is|are|was|were)\s+against|warn(?:s|ed|ing)?\s+(?:that|against|of)|"
                      r"dismiss(?:es|ed|ing)?|rul(?:es|ed|ing)\s+out|null\s+and\s+void|hostility\s+(?:to|towards)|"
                      r"boycott(?:s|ed|ing)?|"
                      r"protest(?:s|ed|ing)?(?=\s+(?:(?:against|at|over)\s+)?(?:(?:the|an?|his|her|its|their)\b|(?-i:[A-Z])))|"
                      r"blam(?:es?|ed|ing)|fears?\s+that|"
                      r"(?:" + _REQUEST + r")\s+(?:[\w'’-]+\s+){1,4}?to\s+(?:" + _HOLD_BACK + ")|"
                      r"(?:ordered|orders|" + _REQUEST + r")\s+(?:[\w'’-]+\s+){1,3}?not\s+to|"
                      r"(?:(?:will|would|shall)\s+not|won['’]t)\s+(?!only\b|hesitate\b|stand\b|rule\b|be\s+(?:dragged|drawn)\b)"
                      r"[a-z]+)\b",
                      re.IGNORECASE)
_NEUTRAL = re.compile(r"\b(?:sided\s+with\s+neither|sides\s+with\s+neither|neutrality|(?:is|are|remains?|stays?|"
                      r"stayed|remained)\s+neutral|stays?\s+out\s+of|abstain(?:s|ed|ing)?|"
                      r"offer(?:s|ed)?\s+to\s+(?:mediate|broker)|stayed\s+out\s+of|on\s+the\s+fence|"
                      r"(?:(?:will|would|shall)\s+not|won['’]t)\s+be\s+(?:dragged|drawn)\s+into)\b",
                      re.IGNORECASE)
# "resisted calls for": one verb governs the other; "condemned Russia and supports Ukraine": two verbs
_GOVERNS = re.compile(_AGAINST.pattern + r"\s+(?:(?!(?:and|but|or|yet|while|then)\b)\w+\s+){0,2}$", re.IGNORECASE)
# "has pledged $12 billion", "promised 4,000 troops": a sum or a force offered is a quantity, not a stance
_OFFERED_AMOUNT = re.compile(r"\s+(?:(?:about|some|another|a\s+further|up\s+to|nearly|almost|over|more\s+than)\s+)?"
                             r"(?:an?\s+)?[$€£¥]?\d", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:stoked|fuelled|fueled|driven|instigated|orchestrated|engineered|pushed)\s+by\s+$",
                      re.IGNORECASE)
_INTENSE = re.compile(r"\b(?:existential|everything|vital|furious|determined|red\s+line|never|at\s+all\s+costs|"
                      r"ambitions?|whole)\b", re.IGNORECASE)
_SAYING = re.compile(r"insist|demand|say|said|vow|pledge|promis", re.IGNORECASE)
_NOT_A_VERB = re.compile(r"(?:\b(?:of|budget|logistical|political|financial|military|full|his|her|its|their|our|"
                         r"the|a)|\w['’]s)\s+$", re.IGNORECASE)
RANGES = {"for": (65.0, 100.0), "against": (0.0, 35.0), "neutral": (35.0, 65.0)}


@dataclass
class DraftStanceCue:
    """A drafted stance suggestion: actor, outcome, direction, suggested ranges and evidence."""

    actor: str
    about: str
    direction: str
    position_range: tuple[float, float]
    salience_range: tuple[float, float]
    evidence: Evidence


def find_stance_cues(sentences: list[Sentence], mentions: list[Mention]) -> list[DraftStanceCue]:
    """Return the stance cues of every sentence (one per actor, direction and sentence)."""
    found: list[DraftStanceCue] = []
    for sentence in sentences:
        local = [m for m in mentions if m.sentence == sentence.index]
        if not local or re.match(r"^\s*(?:If|Unless)\b", sentence.text):
            continue
        for direction, pattern in (("for", _FOR), ("against", _AGAINST), ("neutral", _NEUTRAL)):
            for match in pattern.finditer(sentence.text):
                if re.match(r"support|back", match.group(0), re.IGNORECASE) and \
                        _NOT_A_VERB.search(sentence.text[:match.start()]) or \
                        re.match(r"\s+by\b", sentence.text[match.end():]):
                    continue  # "budget support": a noun; "a ceasefire negotiated by": a passive participle
                if re.match(r"pledg|promis", match.group(0), re.IGNORECASE) and \
                        _OFFERED_AMOUNT.match(sentence.text, match.end()):
                    continue
                if _empty_refusal(match, sentence.text):
                    continue
                if direction == "for" and re.match(r"mediate", match.group(0), re.IGNORECASE) and \
                        re.search(r"\boffer(?:s|ed)?\s+to\s+$", sentence.text[:match.start()], re.IGNORECASE):
                    continue  # "offered to mediate": neutral
                found += _active(sentence, local, match, direction)
        found += _passive(sentence, local)
    return _one_per_sentence(found)


_REFUSAL = re.compile(r"(?:(?:will|would|shall)\s+not|won['’]t)\s+(?P<verb>[a-z]+)$", re.IGNORECASE)
_SAYING_VERBS = {"say", "comment", "confirm", "deny", "speculate", "admit", "reveal", "disclose", "bother", "last",
                 "matter", "happen"}


def _empty_refusal(match: re.Match[str], text: str) -> bool:
    """"will not VERB" is a refusal of what follows: not when nothing follows ("he will not bother.", "that Washington
    will not tolerate, and"), when the verb says or tells nothing of a stance ("will not say so aloud", "will not
    last"), when its subject is a relative pronoun standing for a thing ("the army, which will not arrive before
    February") or the refusal is conditional ("will not leave unless he is thrown out")."""
    refusal = _REFUSAL.search(match.group(0))
    if refusal is None:
        return False
    rest = re.split(r"[.;:!?]", text[match.end():], maxsplit=1)[0]
    if re.search(r"\b(?:that|which|who)\s+$", text[:match.start()]) and not re.search(
            r"[A-Z][\w'’-]*,?\s+(?:which|who)\s+$", text[:match.start()]):
        return True  # "a mission, which will not arrive": the refusal is a thing's ("Russia, which will not ...": kept)
    return refusal.group("verb").lower() in _SAYING_VERBS or len(rest.split()) < 2 or rest.startswith(",") or bool(
        re.search(r"\b(?:unless|if|until)\b", rest, re.IGNORECASE))


def _active(sentence: Sentence, local: list[Mention], match: re.Match[str], direction: str) -> list[DraftStanceCue]:
    c_start, c_end = match.span()
    lo, hi = _clause(sentence, c_start)
    text = sentence.text
    before = [m for m in local if lo <= m.start - sentence.start and m.end - sentence.start <= c_start]
    subjects = [m for m in before if m.is_subject(sentence)] or [
        m for m in before[:1] if _subject_position(m, text[:m.start - sentence.start])]
    head = _relative_head(before, sentence, c_start)
    if head is not None:
        subjects = [head]  # "Turkey, which sees itself as their protector, has protested": the head
    if not subjects or CONDITIONAL.search(text[lo:c_start]):
        return []
    actor = subjects[-1]
    a_end = actor.end - sentence.start
    if direction == "for" and re.search(r"\byet\s+to\s+(?:\w+\s+){0,3}$", text[a_end:c_start], re.IGNORECASE):
        direction = "neutral"  # "has yet to endorse", "has yet to decide whether to back"
    elif direction == "for" and (negated(text[a_end:c_start]) or _GOVERNS.search(text[a_end:c_start])):
        direction = "against"  # "will not accept"; "has resisted calls for a ceasefire"
    elif direction == "for" and _SAYING.match(match.group(0)) and negated(text[c_end:min(hi, c_end + 40)]):
        direction = "against"  # "insists it will not withdraw"
    elif direction == "for" and any(m.start() < c_start for m in DENIAL_OPEN.finditer(text)) \
            and DENIAL_CLOSE.search(text[c_end:]):
        direction = "against"
    elif direction == "against" and negated(text[a_end:c_start]):
        direction = "neutral"
    denial = DENIAL_CLOSE.search(text, c_end)
    stop = min(hi, denial.start()) if denial else hi
    about = " ".join(text[c_end:stop].split()[:10]).strip(" ,.;!?") or match.group(0)
    end = max(c_end, min(stop, c_end + len(about) + 1))
    return [_cue(m.actor, about, direction, sentence, m.start - sentence.start, end)
            for m in _coordinated_run(before, actor, sentence)]


def _relative_head(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """The actor a subject relative pronoun right before the cue stands for ("Chile, which will not send troops")."""
    text = sentence.text
    found = list(re.finditer(r",?\s+(?:which|who)\s+", text[:c_start]))
    rel = found[-1] if found else None
    if rel is None or re.search(r"[,;:]", text[rel.end():c_start]) or len(text[rel.end():c_start].split()) > 3:
        return None
    return next((m for m in before if m.end - sentence.start == rel.start()), None)


def _coordinated_run(before: list[Mention], actor: Mention, sentence: Sentence) -> list[Mention]:
    """The subject and the mentions joined to it by "and" or commas ("Kenya and Ghana say ...")."""
    k = before.index(actor)
    lo = hi = k
    def joined(a: Mention, b: Mention) -> bool:
        return bool(re.fullmatch(r"\s*(?:,\s*)?(?:and|,)\s+(?:the\s+)?",
                                 sentence.text[a.end - sentence.start:b.start - sentence.start]))
    while lo > 0 and joined(before[lo - 1], before[lo]):
        lo -= 1
    while hi + 1 < len(before) and joined(before[hi], before[hi + 1]):
        hi += 1
    return before[lo:hi + 1]


def _subject_position(m: Mention, preceding: str) -> bool:
    """A mention that can be a subject though no verb follows it at once: not an adjective ("Turkish relations"),
    not governed by a preposition."""
    if m.how == "demonym" and " " not in m.text:
        return False
    return not re.search(r"\b(?:in|at|from|of|to|with|by|on|for|against|than)\s+(?:the\s+)?$", preceding,
                         re.IGNORECASE)


def _passive(sentence: Sentence, local: list[Mention]) -> list[DraftStanceCue]:
    out = []
    for m in local:
        start = m.start - sentence.start
        verb = _PASSIVE.search(sentence.text[:start])
        if verb:
            about = " ".join(sentence.text[:verb.start()].split()[-6:]).strip(" ,") or "this"
            about = re.sub(r"\s+(?:is|are|was|were|has|have)(?:\s+been|\s+being)?$", "", about)
            out.append(_cue(m.actor, about, "for", sentence, 0, m.end - sentence.start))
    return out


def _cue(actor: str, about: str, direction: str, sentence: Sentence, start: int, end: int) -> DraftStanceCue:
    span = sentence.span(start, end)
    salience = (0.7, 1.0) if _INTENSE.search(sentence.text) else (0.3, 0.7)
    return DraftStanceCue(actor, about, direction, RANGES[direction], salience, Evidence(sentence, span))


def _one_per_sentence(found: list[DraftStanceCue]) -> list[DraftStanceCue]:
    seen: set[tuple[str, str, int]] = set()
    kept = []
    for cue in found:
        key = (cue.actor, cue.direction, cue.evidence.sentence.index)
        if key not in seen:
            seen.add(key)
            kept.append(cue)
    return sorted(kept, key=lambda c: c.evidence.span.start)
