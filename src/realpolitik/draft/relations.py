"""Relations: typed ties the text asserts between actors, from cue lexicons over sentences with actor mentions.

Each cue names a relation kind (the scenario format's kinds), whether the tie is directed, and how its arguments
are found ("orientation"): ``forward`` (source before the cue, the subject or a possessive; target(s) after it:
"X supplies Y", "X's base in Y"), ``reverse`` (the subject is the target, the source(s) follow: "Y buys its arms
from X", "X finances Y"), ``relations`` ("X's relations with Y ... so bad"), ``emotive`` ("Cairo is furious":
the other actor of the sentence), ``orbit`` ("keeps Y within its orbit"). Coordinated lists ("from the West,
especially America and Germany") give one relation per actor.

Only what the text asserts is drafted. Skipped, and listed in `Draft.skipped` with the reason:
- ``negated``: a negation between the source and the cue ("Russia will not favour Azerbaijan", "no forces in");
- ``conditional``: the sentence or clause is an if/unless conditional ("If the West cuts off ... support");
- ``hypothetical``: would/could/might before the cue;
- ``denied``: a verbal cue inside a frame the author rejects ("thinking that Russia will ... favour Azerbaijan
  is a mistake"); nominal ties presupposed in such a frame ("its Orthodox Christian solidarity with Armenia")
  are kept.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

from realpolitik.draft import collective, mediation
from realpolitik.draft.actors import DraftActor, Mention, side
from realpolitik.draft.clauses import clause
from realpolitik.draft.cues import (
    CONDITIONAL,
    CUES,
    DENIAL_CLOSE,
    DENIAL_OPEN,
    GEAR,
    HEDGE,
    INTENTION,
    MODAL,
    Cue,
    negated,
)
from realpolitik.draft.evidence import Evidence, Sentence


@dataclass
class DraftRelation:
    """A drafted relation with the sentence that asserts it."""

    kind: str
    source: str
    target: str
    directed: bool
    cue: str
    evidence: Evidence


@dataclass
class Skipped:
    """A cue the drafter saw but did not draft, and why (negated, conditional, hypothetical, denied)."""

    what: str
    kind: str
    reason: str
    evidence: Evidence


Orphan = tuple[Cue, re.Match[str], list[Mention]]  # a verbal cue whose clause names no object


# "on Houthi leaders and on Saleh himself": a coordination may repeat the preposition
_COORDINATION = re.compile(r"^(?:\s|,|(?:and|or)(?:\s+(?:also\s+)?(?:on|upon|to|against|from)(?=\s))?|&|especially|"
                           r"including|notably|as\s+well\s+as|in\s+particular|"
                           r"above\s+all|mainly|chiefly|along\s+with)*$", re.IGNORECASE)


def find_relations(sentences: list[Sentence], mentions: list[Mention],
                   actors: dict[str, DraftActor]) -> tuple[list[DraftRelation], list[Skipped]]:
    """Return the relations the sentences assert between mentioned actors, and the cues skipped (with why)."""
    found: list[DraftRelation] = []
    skipped: list[Skipped] = []
    previous: tuple[Sentence, list[Mention]] | None = None
    _TEXT.set((sentences, mentions))
    for sentence in sentences:
        in_sentence = [m for m in mentions if m.sentence == sentence.index]
        if in_sentence:
            names = [_rel(m, sentence) for m in in_sentence]
            names += _roles(sentence, in_sentence, found)
            orphans: list[Orphan] = []
            frames = [m.span() for cue in CUES if cue.orientation == "under"
                      for m in cue.pattern.finditer(sentence.text)]
            # "look to Kigali as their protector": the role noun is read once, by the reverse cue
            protectors = [m.span() for m in _LOOK_TO_AS.pattern.finditer(sentence.text)]
            for cue in CUES:
                for match in cue.pattern.finditer(sentence.text):
                    if any(s <= match.start() < e for s, e in names):
                        continue  # inside a name ("the Collective Security Treaty Organization")
                    if cue.orientation != "under" and any(s <= match.start() < e for s, e in frames):
                        continue  # "under a UN embargo": read once, by the frame
                    if cue is not _LOOK_TO_AS and any(s <= match.start() < e for s, e in protectors):
                        continue
                    _apply(cue, match, sentence, in_sentence, found, skipped, actors, previous, orphans)
            for cue, match, local in orphans:
                gapped = _gapped(cue, sentence, local, match.start(), found)
                _apply(cue, match, sentence, in_sentence, found, skipped, actors, previous, None, gapped)
                shared = [] if gapped or cue.kind not in ("sanctions", "arms_supplier") else \
                    _shared_target(cue.kind, sentence, local, match.start(), found, actors)
                if shared:
                    _apply(cue, match, sentence, in_sentence, found, skipped, actors, previous, None, shared)
                elif not gapped and cue.kind == "sanctions":
                    _apply(cue, match, sentence, in_sentence, found, skipped, actors, previous)
            _flown_in(sentence, in_sentence, found, skipped, actors)
            _adopted_measures(sentence, in_sentence, found, skipped, actors)
            _gapped_passive(sentence, in_sentence, found)
            _lobby_places(sentence, in_sentence, actors, found)
            _memberships(sentence, in_sentence, found)
            _joined(sentence, in_sentence, found, skipped, actors)
            _joined_pact(sentence, in_sentence, found, skipped, actors)
            _deployed_where(sentence, in_sentence, found, skipped)
            _the_two(sentences, sentence, in_sentence, mentions, found, skipped, actors)
            _so_is(sentence, in_sentence, previous, found)
            _affiliates(sentence, in_sentence, found)
        previous = (sentence, in_sentence)
    return _deduplicate(_severed_with_measures(found, actors), actors), skipped


# the whole text's sentences and mentions, for arguments that refer back beyond the sentence ("both countries")
_TEXT: ContextVar[tuple[list[Sentence], list[Mention]]] = ContextVar("_TEXT", default=([], []))
_LOOK_TO_AS = next(c for c in CUES if c.kind == "alliance" and "protector" in c.pattern.pattern
                   and c.orientation == "reverse")
# "X's patron": the role noun, the relation kind, and whether the holder of the role is the source
_ROLES: tuple[tuple[str, str, bool], ...] = (
    (r"patrons?|protectors?|backers?|sponsors?|guarantors?|defenders?|allies|ally|champions?|friends?", "alliance",
     True),
    (r"clients?|prot[eé]g[eé]s?|prox(?:y|ies)|vassals?|satellites?", "alliance", False),
    # a donor named in apposition gives aid, which is no dependence (the annotators' Kargil and Vietnam calls)
    (r"bankers?|financiers?|paymasters?|creditors?|lenders?", "economic_dependency", False),
    (r"affiliates?|branch(?:es)?|offshoots?|franchises?", "alliance", True),  # "Jabhat al-Nusra, al-Qaeda's affiliate"
    (r"(?:arms\s+|weapons\s+|main\s+|chief\s+)?suppliers?|armou?rers?|arsenals?", "arms_supplier", True),
)
_ANY_ROLE = "|".join(noun for noun, _, _ in _ROLES)
_ROLE_HOLDER = re.compile(r"(?:,\s+|\s+(?:is|are|was|were|remains?|remained|has\s+been|have\s+been|became|becomes?)\s+"
                          r"(?:also\s+|still\s+|now\s+|long\s+)?)(?:the\s+|an?\s+)?"
                          r"(?:(?:Mr|Mrs|Ms|Dr|President|General|Prime\s+Minister|King|Emir|Sheikh)\.?\s+)?$")


def _roles(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation]) -> list[tuple[int, int]]:
    """"France, Lebanon's old patron", "Doha is the rebels' banker": a role noun owned by one actor and held by
    another (in apposition or after a copula). Returns the spans of the role nouns it used, which no other cue
    reads again."""
    used: list[tuple[int, int]] = []
    text = sentence.text
    for k, owner in enumerate(mentions):
        o_start, o_end = _rel(owner, sentence)
        for noun, kind, holder_is_source in _ROLES:
            role = re.match(rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{noun})\b", text[o_end:], re.IGNORECASE) or \
                re.match(rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{_ANY_ROLE})\s+and\s+(?:[\w-]+\s+)?(?:{noun})\b",
                         text[o_end:], re.IGNORECASE)  # "the RCD's armourer and paymaster": each role noun
            if role is None:
                continue
            holders = [m for m in mentions[:k] if m.actor != owner.actor
                       and _ROLE_HOLDER.search(text[_rel(m, sentence)[1]:o_start])]
            if not holders:
                continue
            holder = holders[-1]
            coholders = [*_coordinated_before(mentions[:k], sentence, holder), holder]  # "Russia and China, X's"
            for one in coholders:
                source, target = (one, owner) if holder_is_source else (owner, one)
                start, end = _rel(one, sentence)[0], o_end + role.end()
                found.append(DraftRelation(kind, source.actor, target.actor, True, role.group(0).strip(" '’s"),
                                           Evidence(sentence, sentence.span(start, end))))
            used.append((o_end, end))
    return used


def _rel(m: Mention, sentence: Sentence) -> tuple[int, int]:
    return m.start - sentence.start, m.end - sentence.start


def _apply(cue: Cue, match: re.Match[str], sentence: Sentence, mentions: list[Mention],
           found: list[DraftRelation], skipped: list[Skipped], actors: dict[str, DraftActor],
           previous: tuple[Sentence, list[Mention]] | None = None, orphans: list[Orphan] | None = None,
           pairs: list[tuple[Mention, Mention | str]] | None = None) -> None:
    c_start, c_end = match.span()
    if cue.kind == "sanctions" and _MEASURE_NOUN.fullmatch(match.group(0)) and \
            _THE_MEASURES.search(sentence.text[:c_start]):
        return
    lo, hi = clause(sentence, c_start, mentions)
    local = [m for m in mentions if lo <= _rel(m, sentence)[0] < hi]
    if pairs is not None:
        pass  # given (an orphan's arguments found by `_gapped`)
    elif cue.orientation == "under":
        pairs = _under(cue, sentence, local, lo, c_start, c_end, found)
    elif cue.kind == "mediation":
        pairs = _mediation(sentence, local, mentions, c_start, c_end, lo, found, actors)
    else:
        passive = _passive(cue, sentence, local, c_start, c_end, hi)
        pairs = list(passive if passive is not None else
                     _arguments(cue, sentence, local, c_start, c_end, mentions, found, actors))
        if not pairs and orphans is not None and cue.kind in _GAPPED and not cue.nominal \
                and cue.orientation == "forward":
            orphans.append((cue, match, local))  # its object may be shared with an earlier clause (`_gapped`)
            return
        if not pairs and cue.kind == "sanctions":
            pairs = _sanctioned_from_context(sentence, local, mentions, c_start, c_end, lo, previous, actors)
    for source, target in pairs:
        target_id = target if isinstance(target, str) else target.actor
        if side(source.actor, actors) == side(target_id, actors):
            continue  # "Boris Yeltsin's Russia": a leader and his state are one side
        ends = [_rel(source, sentence)] + ([] if isinstance(target, str) else [_rel(target, sentence)])
        start = min(*(a for a, _ in ends), c_start)
        end = max(*(b for _, b in ends), c_end)
        both = collective.after_cue(sentence.text, c_end) if isinstance(target, str) else None
        if both is not None and both.end() <= hi:  # the collective phrase the target was read from
            end = max(end, both.end())
        evidence = Evidence(sentence, sentence.span(start, end))
        reason = _blocked(cue, sentence, lo, source, c_start, c_end)
        if reason:
            skipped.append(Skipped("relation", cue.kind, reason, evidence))
            continue
        found.append(DraftRelation(cue.kind, source.actor, target_id, cue.directed, match.group(0), evidence))


_GAPPED = ("arms_supplier", "sanctions", "economic_dependency", "alliance")


def _gapped(cue: Cue, sentence: Sentence, local: list[Mention], c_start: int,
            found: list[DraftRelation]) -> list[tuple[Mention, Mention | str]]:
    """"Israel sold Georgia drones, Ukraine supplied tanks": a clause with its own subject and no object, after a
    clause of the same sentence with a relation of the same kind, shares that relation's object."""
    before = [m for m in local if _rel(m, sentence)[1] <= c_start]
    subject = _source(before, sentence, c_start)
    earlier = [r for r in found if r.kind == cue.kind and r.evidence.sentence.index == sentence.index
               and r.evidence.span.end - sentence.start < _rel(subject, sentence)[0]] if subject else []
    if subject is None or not earlier or not subject.is_subject(sentence) or earlier[-1].target == subject.actor:
        return []
    if not re.search(r",\s+(?:and\s+)?(?:the\s+)?$", sentence.text[:_rel(subject, sentence)[0]]):
        return []  # the subject opens a clause coordinated with the earlier one
    return [(subject, earlier[-1].target)]


def _shared_target(kind: str, sentence: Sentence, local: list[Mention], c_start: int, found: list[DraftRelation],
                   actors: dict[str, DraftActor]) -> list[tuple[Mention, Mention | str]]:
    """"Egypt has sold Mogadishu spare parts. Iran has also sent weapons.", "The EU has also frozen its budget
    support, and the World Bank has paused disbursements.": a supply or measure with no recipient in its clause
    goes to the target of the latest relation of its kind by another side drafted in this sentence, or in the
    three sentences before when the clause says "also" (`_recent_target`)."""
    before = [m for m in local if _rel(m, sentence)[1] <= c_start]
    source = _antecedent(before, sentence, c_start) or _source(_outside_parentheticals(before, sentence, c_start),
                                                                sentence, c_start)
    if source is None:
        return []
    target = _recent_target(kind, sentence, side(source.actor, actors), found, actors,
                            bool(_ALSO.search(sentence.text, _rel(source, sentence)[1], c_start + 1)))
    return [(s, target) for s in [*_coordinated_before(before, sentence, source), source]] if target else []


_ALSO = re.compile(r"\b(?:also|too|as\s+well|likewise|similarly)\b", re.IGNORECASE)


def _recent_target(kind: str, sentence: Sentence, source: str, found: list[DraftRelation],
                   actors: dict[str, DraftActor], also: bool = True) -> str | None:
    """The target of the latest relation of `kind` by another side in this sentence or, when the clause says
    "also" ("has also sent weapons"), in the three sentences before."""
    reach = 3 if also else 0
    for r in reversed([r for r in found if r.kind == kind
                       and sentence.index - reach <= r.evidence.sentence.index <= sentence.index]):
        if side(r.source, actors) != source and side(r.target, actors) != source:
            return r.target
    return None


# "Soviet arms have been flown in": the maker named as a demonym supplies whoever recent supplies went to
_FLOWN_IN = re.compile(rf"\s+(?:[\w-]+\s+)?{GEAR}\s+(?:have|has|had|were|was|are|is)\s+(?:\w+ly\s+|also\s+)?"
                       r"(?:been\s+)?(?:flown|shipped|sent|delivered|airlifted|rushed|smuggled|funnell?ed|poured|"
                       r"trucked|ferried)\s+in\b", re.IGNORECASE)


_ADOPTED = re.compile(r"\b(?:adopt(?:s|ed|ing)?|join(?:s|ed|ing)?|follow(?:s|ed|ing)?|match(?:es|ed|ing)?|"
                      r"copi(?:es|ed)|copy(?:ing)?|align(?:s|ed|ing)?\s+(?:itself\s+|themselves\s+)?with|"
                      r"appl(?:y|ies|ied|ying))\s+(?:the\s+|these\s+|those\s+)?(?:(?P<owner>[^,;.]{2,40}?)['’]s?\s+)?"
                      r"(?:[\w-]+\s+){0,2}?(?:measures|sanctions|embargo|restrictions)\b", re.IGNORECASE)


def _adopted_measures(sentence: Sentence, local: list[Mention], found: list[DraftRelation],
                      skipped: list[Skipped], actors: dict[str, DraftActor]) -> None:
    """"Even neutral Switzerland has adopted the EU's measures", "Norway joined the sanctions": the subject takes
    the measures of their owner (each target the text has drafted of the owner's sanctions), or, with no owner
    named, those of the latest sanctions drafted in this or the three sentences before."""
    for cue in _ADOPTED.finditer(sentence.text):
        before = [m for m in local if _rel(m, sentence)[1] <= cue.start()]
        subject = _antecedent(before, sentence, cue.start()) or _source(before, sentence, cue.start())
        if subject is None:
            continue
        owner = next((m for m in local if cue.group("owner") and _rel(m, sentence)[1] == cue.end("owner")
                      and _rel(m, sentence)[0] <= cue.start("owner")), None)
        if cue.group("owner") and owner is None:
            continue  # "adopted the ministry's measures": an owner the drafter does not know
        mine = side(subject.actor, actors)
        if owner is not None:
            targets = [r.target for r in found if r.kind == "sanctions"
                       and side(r.source, actors) == side(owner.actor, actors)]
        else:
            recent = [r for r in found if r.kind == "sanctions" and sentence.index - 3 <= r.evidence.sentence.index]
            targets = [recent[-1].target] if recent else []
        evidence = Evidence(sentence, sentence.span(_rel(subject, sentence)[0], cue.end()))
        reason = _blocked(_ADOPT_CUE, sentence, clause(sentence, cue.start(), local)[0], subject, cue.start(),
                          cue.end())
        for target in dict.fromkeys(t for t in targets if side(t, actors) != mine):
            if reason:
                skipped.append(Skipped("relation", "sanctions", reason, evidence))
            else:
                found.append(DraftRelation("sanctions", subject.actor, target, True, cue.group(0), evidence))


_ADOPT_CUE = Cue("sanctions", _ADOPTED, True)


def _ally_of(maker: str, found: list[DraftRelation], actors: dict[str, DraftActor]) -> str | None:
    """The side the latest alliance or defence pact drafted so far binds to `maker`."""
    for r in reversed([r for r in found if r.kind in ("alliance", "defence_pact")]):
        ends = [side(r.source, actors), side(r.target, actors)]
        if maker in ends and ends[0] != ends[1]:
            return ends[1] if ends[0] == maker else ends[0]
    return None


def _flown_in(sentence: Sentence, local: list[Mention], found: list[DraftRelation], skipped: list[Skipped],
              actors: dict[str, DraftActor]) -> None:
    """"Soviet arms have been flown in": the demonym's state supplies the recipient of the latest arms supply in
    this or the three sentences before, else its latest drafted ally."""
    for m in local:
        if m.how != "demonym":
            continue
        flown = _FLOWN_IN.match(sentence.text, _rel(m, sentence)[1])
        if flown is None:
            continue
        recipient = _recent_target("arms_supplier", sentence, side(m.actor, actors), found, actors) or \
            _ally_of(side(m.actor, actors), found, actors)
        if recipient is None:
            continue
        evidence = Evidence(sentence, sentence.span(_rel(m, sentence)[0], flown.end()))
        lo = clause(sentence, _rel(m, sentence)[0], local)[0]
        if negated(sentence.text[lo:flown.end()]) or HEDGE.search(sentence.text[lo:flown.end()]):
            skipped.append(Skipped("relation", "arms_supplier", "negated", evidence))
            continue
        found.append(DraftRelation("arms_supplier", m.actor, recipient, True, flown.group(0).strip(), evidence))


# "Kyiv's stock of Javelins has been topped up by Estonia, and its stock of Stingers by Lithuania and Latvia": the
# verb of the first passive is elided in the second, whose agents supply the same owner
_GAPPED_PASSIVE = re.compile(r",?\s+and\s+(?:its|their|his|her)\s+(?:[\w-]+\s+){1,4}?by\s+(?:the\s+)?$",
                             re.IGNORECASE)


def _gapped_passive(sentence: Sentence, local: list[Mention], found: list[DraftRelation]) -> None:
    """Agents of an elided passive after a drafted passive supply of the same sentence supply its recipient."""
    earlier = [r for r in found if r.kind == "arms_supplier" and r.evidence.sentence.index == sentence.index
               and re.search(r"\bby\b", r.evidence.span.quote)]
    if not earlier:
        return
    first = earlier[-1]
    for k, m in enumerate(local):
        gap = _GAPPED_PASSIVE.search(sentence.text, first.evidence.span.end - sentence.start, _rel(m, sentence)[0])
        if gap is None or gap.end() != _rel(m, sentence)[0]:
            continue
        agents = [m, *_coordinated(local[k + 1:], sentence, m)]
        for agent in agents:
            if agent.actor != first.target:
                found.append(DraftRelation("arms_supplier", agent.actor, first.target, True, first.cue,
                                           Evidence(sentence, sentence.span(gap.start(), _rel(agent, sentence)[1]))))
        return


def _sanctioned_from_context(sentence: Sentence, local: list[Mention], mentions: list[Mention], c_start: int,
                             c_end: int, lo: int, previous: tuple[Sentence, list[Mention]] | None,
                             actors: dict[str, DraftActor]) -> list[tuple[Mention, Mention | str]]:
    """"Donors have begun to punish Rwanda. The United States cut $200,000 of military aid": a measure with no
    target in its clause falls on the latest actor named before it as an object (not a subject), in this sentence
    or the one before; "sanctions on its oil sector": the latest actor other than a person named before."""
    before = [m for m in local if _rel(m, sentence)[1] <= c_start]
    source = _possessor(before, sentence, c_start) or \
        _source(_outside_parentheticals(before, sentence, c_start), sentence, c_start)
    if source is None:
        return []
    sources = [*_coordinated_before(before, sentence, source), source]
    earlier = [(sentence, m) for m in mentions if _rel(m, sentence)[1] <= lo]
    if previous is not None:
        earlier = [(previous[0], m) for m in previous[1]] + earlier
    # "Japan, Myanmar's largest donor, has suspended new aid": an owner named in the subject's apposition
    earlier += [(sentence, m) for m in before if m.start > source.start
                and re.match(r"['’]s\b", sentence.text[_rel(m, sentence)[1]:])
                and re.fullmatch(r",\s+", sentence.text[_rel(source, sentence)[1]:_rel(m, sentence)[0]])]
    if _ITS.match(sentence.text, c_end):  # "American sanctions on its oil sector": the latest non-person named
        named = earlier + [(sentence, m) for m in before if _rel(m, sentence)[1] > lo]
        for _, m in reversed(named):
            if getattr(actors.get(m.actor), "kind", "leader") != "leader" and \
                    side(m.actor, actors) != side(source.actor, actors):
                return [(s, m.actor) for s in sources]
        return []
    for where, m in reversed(earlier):
        if not m.is_subject(where) and side(m.actor, actors) != side(source.actor, actors):
            return [(s, m.actor) for s in sources]
    return []


def _under(cue: Cue, sentence: Sentence, local: list[Mention], lo: int, c_start: int, c_end: int,
           found: list[DraftRelation]) -> list[tuple[Mention, Mention | str]]:
    """"Belgrade has been under a UN embargo", "a truce with them under Omani mediation", "under the auspices of
    Qatar": the actor named in the frame (or right after "auspices of") acts on the subject of the clause; a
    mediator mediates between that subject and whoever it deals "with" in the clause, else the other side of the
    subject's latest drafted hostility."""
    inside = [m for m in local if c_start <= _rel(m, sentence)[0] < c_end]
    if not inside:
        inside = [m for m in local if _rel(m, sentence)[0] >= c_end
                  and re.fullmatch(r"\s*(?:of\s+)?(?:the\s+|an?\s+)?", sentence.text[c_end:_rel(m, sentence)[0]])][:1]
    if not inside:
        return []
    holder = inside[0]
    if cue.kind == "mediation":  # "talks between A and B under Omani mediation"
        listed = [m for m in mediation.listed_between(sentence, local, lo) if m.actor != holder.actor]
        if len(listed) > 1:
            return [(holder, m) for m in listed]
    before = [m for m in local if _rel(m, sentence)[1] <= c_start and m not in inside]
    subject = _owner_of_object(before, sentence, c_start) or _antecedent(before, sentence, c_start) or \
        _source(before, sentence, c_start)
    if subject is None:
        return []
    subjects = [*_coordinated_before(before, sentence, subject), subject]
    if cue.kind != "mediation":
        return [(holder, s) for s in subjects if s.actor != holder.actor]
    parties: list[Mention | str] = [m for m in subjects if m.actor != holder.actor]
    for m in local:
        at = _rel(m, sentence)[0]
        if m.start > subject.start and m not in inside and re.search(r"\b(?:with|between|and)\s+(?:the\s+)?$",
                                                                   sentence.text[:at], re.IGNORECASE):
            parties.append(m)
    if len(parties) == 1:
        mine = parties[0].actor if isinstance(parties[0], Mention) else parties[0]
        for r in reversed([r for r in found if r.kind == "hostility"
                           and sentence.index - 3 <= r.evidence.sentence.index]):
            if mine in (r.source, r.target):
                parties.append(r.target if r.source == mine else r.source)
                break
    return [(holder, p) for p in parties]


def _owner_of_object(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """"placed the Jordanian army under", "put Syria's air force under": the owner of the noun right before the
    frame, named as a demonym or a possessive."""
    if not before:
        return None
    last = before[-1]
    gap = sentence.text[_rel(last, sentence)[1]:c_start]
    if last.how == "demonym" and re.fullmatch(r"\s+(?:[a-z-]+\s+){1,2}", gap) or \
            re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+){1,2}", gap):
        return last
    return None


_ITS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:on|against|targeting|at)\s+(?:its|their)\b", re.IGNORECASE)


def _memberships(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation]) -> None:
    """"Greece, a NATO member", "Greece is a member of NATO": the member is allied to the organisation."""
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        gap = sentence.text[_rel(m, sentence)[1]:_rel(nxt, sentence)[0]]
        after = sentence.text[_rel(nxt, sentence)[1]:]
        apposed = re.fullmatch(r",\s+an?\s+(?:founding\s+|full\s+|fellow\s+)?", gap) and \
            re.match(r"\s+member\b", after)
        stated = re.fullmatch(r",?\s+(?:is|was|remains|became|has\s+been)\s+an?\s+(?:founding\s+|full\s+)?member\s+"
                              r"of\s+(?:the\s+)?", gap) or \
            re.fullmatch(r"\s+(?:\w+ly\s+)?(?:belongs|belonged|has\s+belonged)\s+to\s+(?:the\s+)?", gap)
        relative = re.fullmatch(r",\s+(?:to\s+which|of\s+which)\s+", gap) and \
            re.match(r"\s+(?:\w+ly\s+)?(?:belongs|belonged|has\s+belonged|is\s+an?\s+(?:founding\s+)?member)\b",
                     after)  # "the CSTO, to which Armenia belongs", "NATO, of which Turkey is a member"
        if apposed or stated or relative:
            member, body = (nxt, m) if relative else (m, nxt)
            start, end = _rel(m, sentence)[0], _rel(nxt, sentence)[1] + (relative.end() if relative else 0)
            found.append(DraftRelation("alliance", member.actor, body.actor, True, "member of",
                                       Evidence(sentence, sentence.span(start, end))))


_JOIN_CUE = Cue("alliance", re.compile(r"\bjoin(?:s|ed)\b", re.IGNORECASE), True)


def _joined(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation], skipped: list[Skipped],
            actors: dict[str, DraftActor]) -> None:
    """"Sweden joined NATO", "the GCC, which Qatar joined in 1981": a state that joined an organisation is allied
    to it (skipped when negated, wished for or conditional: "Ukraine wants to join NATO" has no "joined")."""
    text = sentence.text
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        gap = text[_rel(m, sentence)[1]:_rel(nxt, sentence)[0]]
        forward = re.fullmatch(r"\s+(?:\w+ly\s+)?(?:has\s+|have\s+|had\s+)?(?:also\s+|not\s+|never\s+)?"
                               r"join(?:s|ed)\s+(?:the\s+)?", gap)
        relative = re.fullmatch(r"(?:\s+\w+)?,?\s+which\s+", gap) and \
            re.match(r"\s+(?:\w+ly\s+)?(?:has\s+|had\s+)?join(?:s|ed)\b", text[_rel(nxt, sentence)[1]:])
        member, body = (m, nxt) if forward else (nxt, m)
        if not (forward or relative) or getattr(actors.get(body.actor), "kind", None) != "organisation" or \
                member.actor == body.actor:
            continue
        cue = _JOIN_CUE.pattern.search(text, _rel(m, sentence)[1])
        if cue is None:
            continue
        start, end = min(_rel(m, sentence)[0], cue.start()), max(_rel(nxt, sentence)[1], cue.end())
        evidence = Evidence(sentence, sentence.span(start, end))
        reason = _blocked(_JOIN_CUE, sentence, clause(sentence, cue.start(), mentions)[0], member, cue.start(),
                          cue.end())
        if reason:
            skipped.append(Skipped("relation", "alliance", reason, evidence))
        else:
            found.append(DraftRelation("alliance", member.actor, body.actor, True, cue.group(0), evidence))


_JOIN_PACT = re.compile(r"\b(?:join(?:s|ed|ing)?|acced(?:e|es|ed|ing)\s+to|sign(?:s|ed)\s+(?:on\s+)?to|"
                        r"adher(?:e|es|ed)\s+to)\s+(?:the|this|that|their|this\s+new|the\s+new)\s+"
                        r"(?:(?:defen[cs]e|military|security|mutual[\s-]defen[cs]e)\s+)?(?:pact|treaty|alliance)\b",
                        re.IGNORECASE)


def _joined_pact(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation], skipped: list[Skipped],
                 actors: dict[str, DraftActor]) -> None:
    """"Iraq has joined the pact": a state joining a defence pact drafted in this or the three sentences before is
    bound by it to each of its parties."""
    for cue in _JOIN_PACT.finditer(sentence.text):
        pacts = [r for r in found if r.kind == "defence_pact" and sentence.index - 3 <= r.evidence.sentence.index
                 and r.evidence.span.end <= sentence.start + cue.start()]
        lo = clause(sentence, cue.start(), mentions)[0]
        before = [m for m in mentions if lo <= _rel(m, sentence)[0] and _rel(m, sentence)[1] <= cue.start()]
        member = _antecedent(before, sentence, cue.start()) or _source(before, sentence, cue.start())
        if not pacts or member is None:
            continue
        pact = pacts[-1]
        for party in (pact.source, pact.target):
            if side(party, actors) == side(member.actor, actors):
                continue
            evidence = Evidence(sentence, sentence.span(min(_rel(member, sentence)[0], cue.start()), cue.end()))
            reason = _blocked(_JOIN_CUE, sentence, lo, member, cue.start(), cue.end())
            if reason:
                skipped.append(Skipped("relation", "defence_pact", reason, evidence))
            else:
                found.append(DraftRelation("defence_pact", member.actor, party, False, cue.group(0), evidence))


_SO_IS = re.compile(r"(?:^|[,;]\s+and\s+|[,;]\s+)so\s+(?:is|are|was|were|does|do|did|has|have|had)\s+(?:the\s+)?$",
                    re.IGNORECASE)


def _so_is(sentence: Sentence, local: list[Mention], previous: tuple[Sentence, list[Mention]] | None,
           found: list[DraftRelation]) -> None:
    """"Syria is armed by the Soviet Union. So is Egypt.": the elided predicate of "so is X" repeats the previous
    sentence's relations of its subject, with X in the subject's place."""
    for m in local:
        so = _SO_IS.search(sentence.text[:_rel(m, sentence)[0]])
        if not so:
            continue
        if so.start() == 0:
            if previous is None:
                continue
            before, earlier = previous
        else:
            before, earlier = sentence, [e for e in local if _rel(e, sentence)[1] <= so.start()]
        subjects = [e for e in earlier if e.is_subject(before)]
        if not subjects:
            continue
        subject = subjects[-1]  # the subject of the last clause, whose predicate is elided
        main = [r for r in found if r.evidence.sentence.index == before.index and subject.actor in (r.source, r.target)
                and r.evidence.span.start >= subject.start and not _RELATIVE.search(
                    before.text[_rel(subject, before)[1]:r.evidence.span.end - before.start])]
        for r in main:
            source, target = (m.actor, r.target) if r.source == subject.actor else (r.source, m.actor)
            if source != target:
                found.append(DraftRelation(r.kind, source, target, r.directed, "so " + r.cue,
                                           Evidence(sentence, sentence.span(0, _rel(m, sentence)[1]))))


_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose|where)\b", re.IGNORECASE)
_THE_TWO = re.compile(r"\s+(?:the\s+two|both\s+of\s+them|them\s+both)\s*[.;,]")


def _the_two(sentences: list[Sentence], sentence: Sentence, local: list[Mention], mentions: list[Mention],
             found: list[DraftRelation], skipped: list[Skipped], actors: dict[str, DraftActor]) -> None:
    """"The junta buys most of its arms from the two.": "the two" closing a clause names the two latest actors
    named as subjects in the three sentences before (other than the clause's own subject)."""
    for cue in CUES:
        if cue.nominal or cue.orientation not in ("forward", "reverse"):
            continue
        for match in cue.pattern.finditer(sentence.text):
            the_two = _THE_TWO.match(sentence.text, match.end())
            if the_two is None:
                continue
            before = [m for m in local if _rel(m, sentence)[1] <= match.start()]
            subject = _antecedent(before, sentence, match.start()) or _source(before, sentence, match.start())
            if subject is None:
                continue
            two: list[Mention] = []
            for m in reversed([m for m in mentions if sentence.index - 3 <= m.sentence < sentence.index]):
                levels = {side(t.actor, actors) for t in two} | {side(subject.actor, actors)}
                if side(m.actor, actors) not in levels and m.is_subject(sentences[m.sentence]):
                    two.append(m)
                if len(two) == 2:
                    break
            if len(two) < 2:
                continue
            evidence = Evidence(sentence, sentence.span(_rel(subject, sentence)[0], the_two.end() - 1))
            reason = _blocked(cue, sentence, clause(sentence, match.start(), local)[0], subject, match.start(),
                              match.end())
            for other in reversed(two):
                source, target = (other, subject) if cue.orientation == "reverse" else (subject, other)
                if reason:
                    skipped.append(Skipped("relation", cue.kind, reason, evidence))
                else:
                    found.append(DraftRelation(cue.kind, source.actor, target.actor, cue.directed, match.group(0),
                                               evidence))


_DEPLOYED = re.compile(r",\s+where\s+(?:(?:some|about|around|nearly|perhaps|more\s+than|at\s+least|over)\s+)?"
                       r"(?:[\d,.]+|\w+)?\s*(?P<who>(?-i:[A-Z])[\w-]+)\s+(?:troops|soldiers|forces|peacekeepers|"
                       r"marines|units|advis[eo]rs|personnel|servicemen|sailors|airmen)\s+(?:are|were|remain|remained|have\s+been|had\s+been)\s+"
                       r"(?:still\s+|now\s+|already\s+)?(?:deployed|stationed|based|garrisoned|fighting)\b",
                       re.IGNORECASE)


def _deployed_where(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation],
                    skipped: list[Skipped]) -> None:
    """"Yemen, where some 50,000 Egyptian soldiers are still deployed": the troops' state is based in the place
    the relative clause is said of."""
    for cue in _DEPLOYED.finditer(sentence.text):
        hosts = [m for m in mentions if _rel(m, sentence)[1] == cue.start()]
        guests = [m for m in mentions if _rel(m, sentence)[0] == cue.start("who")]
        if not hosts or not guests or hosts[0].actor == guests[0].actor:
            continue
        host, guest = hosts[0], guests[0]
        evidence = Evidence(sentence, sentence.span(_rel(host, sentence)[0], cue.end()))
        if negated(sentence.text[cue.start():cue.end()]):
            skipped.append(Skipped("relation", "basing", "negated", evidence))
        else:
            found.append(DraftRelation("basing", guest.actor, host.actor, True, cue.group(0).strip(", "), evidence))


_AFFILIATE = re.compile(r"\s+(?:[\w-]+\s+)?(?:affiliate|branch|offshoot|franchise|wing)\s*,?\s+(?:the\s+)?$",
                        re.IGNORECASE)


def _affiliates(sentence: Sentence, mentions: list[Mention], found: list[DraftRelation]) -> None:
    """"the al-Qaeda affiliate Jabhat al-Nusra", "the Islamic State's Libyan branch, Wilayat Tarabulus": the
    affiliate is allied to the organisation named before the noun."""
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        gap = sentence.text[_rel(m, sentence)[1]:_rel(nxt, sentence)[0]]
        if m.actor != nxt.actor and _AFFILIATE.fullmatch(re.sub(r"^['’]s?", "", gap)):
            start, end = _rel(m, sentence)[0], _rel(nxt, sentence)[1]
            found.append(DraftRelation("alliance", nxt.actor, m.actor, True, "affiliate",
                                       Evidence(sentence, sentence.span(start, end))))


def _mediation(sentence: Sentence, local: list[Mention], everyone: list[Mention], c_start: int, c_end: int,
               lo: int, found: list[DraftRelation],
               actors: dict[str, DraftActor]) -> list[tuple[Mention, Mention | str]]:
    """The mediator and each party it mediates between (`mediation.py`)."""
    before = _outside_parentheticals([m for m in local if _rel(m, sentence)[1] <= c_start], sentence, c_start)
    source = (mediation.mediator(sentence, local, c_end) or _possessor(before, sentence, c_start) or
              _person_antecedent(before, sentence, c_start, actors) or _antecedent(before, sentence, c_start) or
              _source(before, sentence, c_start) or _carried_subject(sentence, everyone, local, c_start))
    if source is None or (re.match(r"\s+by\b", sentence.text[c_end:]) and mediation.mediator(sentence, local, c_end)
                          is None):
        return []  # "was brokered by" someone the drafter does not know: not the subject

    def level(actor_id: str) -> str:
        return side(actor_id, actors)

    recent = [r for r in found if r.kind == "hostility" and sentence.index - 3 <= r.evidence.sentence.index]
    parties = mediation.parties(sentence, local, lo, c_end, source, level, recent)
    sources = [*_coordinated_before(before, sentence, source), source]  # "Brazil and Colombia are trying to bring"
    if not parties:  # "shuttled between the two capitals", "hosted the two sides' envoys"
        parties = _both_sides(sentence, c_end, sources, found, actors,
                              bool(collective.COLLECTIVE.search(sentence.text, c_start, c_end)
                                   or _TRUCE.search(sentence.text, c_start, c_end)))
    return [(s, t) for s in sources for t in parties
            if level(s.actor) != level(t if isinstance(t, str) else t.actor)]


# a truce or talks proposed, brokered or hosted are between the war's sides ("has proposed a ceasefire")
_TRUCE = re.compile(r"\b(?:ceasefire|cease-fire|truce|armistice|peace\s+(?:plan|deal|talks)|talks)\b", re.IGNORECASE)
# "is armed and paid by": the second of two coordinated participles shares the auxiliary
_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being|gets?|got|gotten)\s+(?:\w+ly\s+|then\s+|also\s+|now\s+|"
                          r"still\s+|later\s+|soon\s+|already\s+|first\s+)?(?:\w+ed,?\s+(?:and\s+)?){0,3}$",
                          re.IGNORECASE)
_AGENT = re.compile(r"\bby\s+", re.IGNORECASE)
# "backed by jets flying from N'Djamena": a name governed by a later preposition is not the agent
# "bound to Washington by a security treaty": an instrument, not an agent
_INSTRUMENT = re.compile(r"(?:an?\s|[^.;,]{0,40}\b(?:treaty|treaties|pact|agreement|accord|declaration|deal|"
                         r"charter)\b)",
                         re.IGNORECASE)
_PAST_AGENT = re.compile(r"\b(?:from|in|at|to|into|with|over|on|against|for)\s", re.IGNORECASE)


def _passive(cue: Cue, sentence: Sentence, local: list[Mention], c_start: int, c_end: int,
             hi: int) -> list[tuple[Mention, Mention]] | None:
    """"Armenia is supplied with arms by Russia": the agent after "by" is the active subject, the grammatical
    subject the object; None when the cue is not a passive with a "by" agent."""
    if cue.nominal or cue.orientation != "forward" and cue.orientation != "reverse":
        return None
    reduced = cue.orientation == "forward" and re.search(rf"(?:\b{GEAR}\s+|,\s+(?:\w+ly\s+)?)$",
                                                          sentence.text[:c_start], re.IGNORECASE) \
        and not re.match(r"\w+ing\b", sentence.text[c_start:])  # ", freezing its assets": active, not passive
    if not _PASSIVE_AUX.search(sentence.text[:c_start]) and not reduced:
        return None
    by = _AGENT.search(sentence.text, c_end, hi)
    if by is None:
        return None
    agents = [m for m in local if _rel(m, sentence)[0] >= by.end()
              and not _NEW_VERB_PHRASE.search(sentence.text, by.end(), _rel(m, sentence)[0])
              and not _PAST_AGENT.search(sentence.text, by.end(), _rel(m, sentence)[0])]
    if agents and _MAKER.match(sentence.text, _rel(agents[0], sentence)[1]):
        return []  # "is supported by American-supplied jets": the jets are the agent, their maker is no party
    patients = [m for m in local if _rel(m, sentence)[1] <= c_start]
    if not agents and patients and by.start() - c_end < 40 and not _INSTRUMENT.match(sentence.text, by.end()):
        return []  # "were chased out of the towns by their former partners": an agent the drafter does not know
    if not agents or not patients:
        return None
    agent = agents[0]
    patient = _antecedent(patients, sentence, c_start) or _source(patients, sentence, c_start)
    if patient is None:
        return None
    return [(patient, agent)] if cue.orientation == "reverse" else [(agent, patient)]


def _arguments(cue: Cue, sentence: Sentence, local: list[Mention], c_start: int, c_end: int,
               everyone: list[Mention], found: list[DraftRelation] | None = None,
               actors: dict[str, DraftActor] | None = None) -> list[tuple[Mention, Mention | str]]:
    match_text = sentence.text[c_start:c_end]
    before = _outside_parentheticals([m for m in local if _rel(m, sentence)[1] <= c_start], sentence, c_start)
    next_verb = _NEW_VERB_PHRASE.search(sentence.text, c_start)  # "embargoed deliveries and has declared for B"
    after = [m for m in local if _rel(m, sentence)[0] >= c_start
             and (next_verb is None or _rel(m, sentence)[0] < next_verb.start())
             and not (cue.orientation == "forward" and _agent(m, sentence))
             and not (cue.kind == "alliance" and cue.orientation != "from" and id(m) in _places(local, sentence))
             and not (not cue.directed and _after_word(m, sentence, ("over", "about")))  # what they quarrel over
             and not (cue.orientation != "maker" and _MAKER.match(sentence.text, _rel(m, sentence)[1]))
             and not (m.how == "demonym" and _PEOPLE_APART.match(sentence.text, _rel(m, sentence)[1]))
             and not _NEW_SUBJECT_PHRASE.search(sentence.text, c_end, _rel(m, sentence)[0])]
    heads = {id(a) for a, b in zip(after, after[1:], strict=False)  # "drove out Pol Pot's Khmer Rouge": the head
             if re.fullmatch(r"['’]s?\s+", sentence.text[_rel(a, sentence)[1]:_rel(b, sentence)[0]])}
    after = [m for m in after if id(m) not in heads]
    # "French-made missiles": the maker, a target only of a "maker" cue
    if re.search(r"\b(?:with|to|on|against)$", match_text, re.IGNORECASE) and \
            re.match(r"\s*(?:[,.;:]|$|(?:in|since|for|until|after|before)\s+(?:\d|the\s+\d|[a-z]))",
                     sentence.text[c_end:]):
        after = []  # "Sudan, which Eritrea severed relations with in 1994": a stranded preposition, whose object
        # is the relative clause's antecedent
    if re.search(r"\bfrom$", match_text, re.IGNORECASE):  # "bought Russian tanks from Ukraine": the seller
        after = [m for m in after if _rel(m, sentence)[0] >= c_end]
    if cue.orientation == "maker":  # "has bought Soviet and then Russian weapons": the makers supply the subject
        subject = _antecedent(before, sentence, c_start) or _source(before, sentence, c_start)
        gear = re.search(rf"\b{GEAR}\b", sentence.text[c_end:])
        makers = [m for m in local if gear and c_start <= _rel(m, sentence)[0]
                  and _rel(m, sentence)[1] <= c_end + gear.start()]
        return [(m, subject) for m in makers if subject and m.actor != subject.actor]
    if cue.orientation == "emotive":
        subject = _source(before, sentence, c_start)
        others = [m for m in after if subject and m.actor != subject.actor]
        if subject and others:  # "Washington is furious with both London and Paris"
            return [(subject, t) for t in _coordinated(others, sentence, subject)]
        others = [m for m in local if subject and m.actor != subject.actor]  # "A did X and B is furious"
        return [(subject, others[0])] if subject and others else []
    if cue.orientation == "between":  # "the front line between the regime and the rebels"
        listed = _coordinated(after, sentence, after[0]) if after else []
        return [(after[0], t) for t in listed] if after else []
    if cue.orientation == "orbit":
        if not before:
            return []
        target = before[-1]
        source = _source([m for m in before if m.actor != target.actor], sentence, c_start)
        return [(source, target)] if source else []
    if cue.orientation == "from":  # "aid from Washington and London covers 40 per cent of Rwanda's budget"
        providers = after[:1]
        for m in after[1:]:
            if not _COORDINATION.fullmatch(sentence.text[_rel(providers[-1], sentence)[1]:_rel(m, sentence)[0]]):
                break
            providers.append(m)
        later = [m for m in after if m not in providers and re.match(r"['’]s\b", sentence.text[_rel(m, sentence)[1]:])]
        dependent = later[0] if later else _source(before, sentence, c_start)
        sellers = {side(p.actor, actors or {}) for p in providers}
        if (dependent is None or side(dependent.actor, actors or {}) in sellers) and \
                re.search(r"\b(?:its|their)\b", match_text + " " + sentence.text[max(0, c_start - 30):c_start],
                          re.IGNORECASE):
            # "Moscow has lent Caracas $17bn, and its S-300 batteries were bought from Russia": the owner "its"
            # stands for is the latest actor named before, other than the seller
            named = [m for m in everyone if _rel(m, sentence)[1] <= c_start and side(m.actor, actors or {})
                     not in sellers]
            dependent = named[-1] if named else None
        if dependent is None:
            return []
        if cue.kind == "arms_supplier":  # "its rockets come from Iran": the provider supplies
            return [(p, dependent) for p in providers]
        return [(dependent, p) for p in providers]
    if cue.orientation == "relations":
        owner = _possessor(before, sentence, c_start) or _source(before, sentence, c_start)
        if re.search(r"between\s*$", sentence.text[:c_end], re.IGNORECASE) and after:  # "relations between A and B"
            owner, after = after[0], after[1:]
        bad = _BAD_RELATIONS.search(sentence.text)
        if not owner or not bad or _denied_state(sentence.text[c_end:bad.end()]):
            return []
        return [(owner, t) for t in _coordinated(after, sentence, owner)]
    if cue.nominal and not cue.directed and re.match(r"\s+between\s+(?:the\s+two|both)\b", sentence.text[c_end:]):
        return _between_the_two(sentence, c_end, found or [], actors or {})
    source = (_possessor(before, sentence, c_start) or _antecedent(before, sentence, c_start) or
              (None if cue.nominal else _adjacent_subject(before, sentence, c_start)) or
              _source(before, sentence, c_start))
    if source is None:
        source = _carried_subject(sentence, everyone, local, c_start)
    if source is None and cue.nominal:
        owners = _their_owners(sentence, everyone, c_start)
        if owners:  # "Rwanda and Uganda deny it, but their troops are in eastern Congo"
            places = _coordinated(after, sentence, owners[-1])
            kind = lambda m: getattr((actors or {}).get(m.actor), "kind", None)  # noqa: E731
            places = [p for p in places if kind(p) == kind(places[0])]  # "in Congo and the rebels ... are": no place
            return [(o, t) for o in owners for t in places if t.actor not in {x.actor for x in owners}]
    if source is None:
        if cue.nominal and not cue.directed and len(after) > 1:  # "Slav solidarity with the Serbs ... Russian"
            return [(after[0], after[1])]
        return []
    targets = _coordinated(after, sentence, source, verbal=not cue.nominal)
    if not targets and not cue.nominal and cue.orientation == "forward":
        targets = _pronoun_object([m for m in everyone if _rel(m, sentence)[1] <= c_start], sentence, c_end, source,
                                  actors or {})
    if cue.orientation == "forward" and collective.after_cue(sentence.text, c_end):  # "which hates both regimes":
        targets = []  # not a later name ("Israel, which hates both regimes, is thought by officials in Washington")
    if not targets:
        between = [m for m in before if m.actor != source.actor and m.start > source.start
                   and not _NEW_VERB_PHRASE.search(sentence.text[_rel(m, sentence)[1]:c_start])]
        targets = between[-1:] or _apposed(before, sentence, source) or _relativised(before, sentence, source)
    sources = [*_coordinated_before(before, sentence, source), source]
    if not targets and cue.orientation == "forward":
        sides = _both_sides(sentence, c_end, sources, found or [], actors or {})
        if sides:
            return [(src, side) for src in sources for side in sides]
    if not targets and not cue.directed and len(sources) > 1 and not _ONE_SIDED.search(match_text):
        # "Ankara and Athens are old rivals"; "Washington and London have struck" are co-agents, not foes
        return [(sources[0], other) for other in sources[1:]]
    if cue.orientation == "reverse":
        return [(t, src) for t in targets for src in sources]
    return [(src, t) for src in sources for t in targets]


# "before the sanctions empty Russia's treasury": measures the text named before, as a subject: no new tie
_THE_MEASURES = re.compile(r"(?<!\bimpos\w)(?<!\bimposed)(?<!\badopted)(?<!\bjoined)(?<!\bextended)(?<!\brenewed)"
                           r"(?<!\btightened)(?<!\benforced)(?<!\bapplied)(?<!\bfollowed)\s+(?:the|these|those|such)\s+$",
                           re.IGNORECASE)
_MEASURE_NOUN = re.compile(r"(?:sanctions|embargo|embargoes|measures|blockade)\b", re.IGNORECASE)
_BAD_RELATIONS = re.compile(r"\b(?:bad|worse|worst|breaking\s+point|sour\w*|strain\w*|hostile|tense|tensions?|"
                            r"deteriorat\w*|collaps\w*|frozen|broken|severed|ended|cut\s+off|broke\s+off|rupture\w*|"
                            r"poisoned|crisis|low\s+point)\b", re.IGNORECASE)
# "have never been worse", "never so bad": a comparison with every earlier time, which asserts, not negates
_NEVER_WORSE = re.compile(r"\bnever\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:so\s+|this\s+|as\s+|more\s+)?(?:bad|worse|"
                          r"tense|strained|hostile|poisoned|low)\b", re.IGNORECASE)


def _denied_state(window: str) -> bool:
    """Whether the verb phrase of the bad state negates it ("are not bad"), leaving aside "have never been
    worse" and a parenthetical before it."""
    return negated(_NEVER_WORSE.sub(" ", re.split(r"[,(]", window)[-1]))  # ", never warm, have collapsed": kept


# acts one side does to another: coordinated subjects of such a verb act together
_ONE_SIDED = re.compile(r"\b(?:threaten|rout|strik|struck|bomb|shell|attack|invad|invasion|hit|seiz|annex|absorb|"
                        r"conquer|occup|blockad|raid|campaign|offensive|operation|crusade|insurgency|tough|threat)",
                        re.IGNORECASE)


def _between_the_two(sentence: Sentence, c_end: int, found: list[DraftRelation],
                     actors: dict[str, DraftActor]) -> list[tuple[Mention, Mention | str]]:
    """"the 1995 security agreement between the two countries": a tie between the pair a collective phrase stands
    for; the first of the pair is given as the mention it was last named by."""
    sentences, mentions = _TEXT.get()
    two = _both_sides(sentence, c_end, [], found, actors)
    named = [m for m in mentions if m.actor == (two[0] if two else None) and m.start < sentence.start + c_end]
    return [(named[-1], two[1])] if len(two) == 2 and named else []


def _both_sides(sentence: Sentence, c_end: int, sources: list[Mention], found: list[DraftRelation],
                actors: dict[str, DraftActor], inside: bool = False) -> list[str]:
    """"imposed sanctions on both countries", "sold artillery to the two armies": the pair the collective phrase
    after the cue (or `inside` it: "hosted the two sides' envoys") stands for (`collective.py`), none of them on a
    source's side."""
    if not inside and not collective.after_cue(sentence.text, c_end):
        return []
    sentences, mentions = _TEXT.get()
    return collective.pair(sentences, sentence, c_end, mentions, {side(s.actor, actors) for s in sources},
                           lambda actor_id: side(actor_id, actors), found)


# "against the Armenian enclave of Nagorno-Karabakh", "the Russian minority": a people or territory apart from the
# state its demonym names
_PEOPLE_APART = re.compile(r"\s+(?:enclaves?|exclaves?|minority|minorities|diaspora|communit(?:y|ies))\b",
                           re.IGNORECASE)
_MAKER = re.compile(r"-(?:made|built|designed|manufactured|produced|supplied|trained|equipped)\b", re.IGNORECASE)
_PARENTHETICAL = re.compile(r",\s+(?:where|which|who|whom|whose|an?|\w+ed\s+by|the\s+(?:former|then|ex-)\w*|"
                            r"(?:flying|operating|sailing|coming|acting|speaking|based|stationed)\s+(?:from|in|for|at|on)|"
                            r"(?-i:[A-Z])[\w-]*['’]s|the\s+[^,;]*?\b(?:that|which|who)\b)"
                            r"\b[^,;]*(?=,)")  # ", NATO's two bastions,", ", the militia that is paid by Tehran,"; the
# closing comma is left to open the next one (", Myanmar's largest donor, which lent it $1bn,")


# ", officials in Riyadh expected": a place inside a new clause's subject phrase, not the cue's object
_NEW_SUBJECT_PHRASE = re.compile(r",\s+(?:some\s+|many\s+|most\s+)?[a-z]+s\s+(?:in|of|from)\s+(?:the\s+)?$")
_NEW_VERB_PHRASE = re.compile(r",?\s+and\s+(?:\w+ly\s+)?(?:has|have|is|are|was|were|will|would|also|then|now|"
                              r"later)\b", re.IGNORECASE)


def _outside_parentheticals(before: list[Mention], sentence: Sentence, c_start: int) -> list[Mention]:
    """Mentions before the cue less those inside a parenthetical (", where ethnic Albanians ... ,", ", chaired by
    Uganda's Yoweri Museveni,"): the subject is outside it. Kept whole when nothing would remain."""
    text = sentence.text
    spans = [(m.start(), m.end() + 1) for m in _PARENTHETICAL.finditer(text, 0, c_start)
             if not (m.end() + 1 == len(text[:c_start].rstrip()) and re.search(r"\s\w+s$", m.group(0))
                     and re.match(r"\w+\s+and\b", text[c_start:]))]  # "that Mogadishu arms, pays and commands":
    # a list of verbs, not a closed parenthetical
    outside = [m for m in before if not any(s < _rel(m, sentence)[0] < e for s, e in spans)]
    return outside or before


def _apposed(before: list[Mention], sentence: Sentence, source: Mention) -> list[Mention]:
    """"The United Arab Emirates, Riyadh's closest partner": the head the cue's phrase is in apposition to."""
    earlier = [m for m in before if m.end <= source.start and m.actor != source.actor]
    if earlier and re.fullmatch(r",\s+(?:an?\s+|the\s+)?", sentence.text[_rel(earlier[-1], sentence)[1]:
                                                                         _rel(source, sentence)[0]]):
        return earlier[-1:]
    return []


_THEM = re.compile(r"\s+(?:\w+ly\s+)?them\b", re.IGNORECASE)


def _pronoun_object(before: list[Mention], sentence: Sentence, c_end: int, source: Mention,
                    actors: dict[str, DraftActor]) -> list[Mention]:
    """"the Interahamwe ... and Mr Kabila is now arming them": "them" right after a verbal cue stands for the
    latest group, movement or militia named before in the sentence (a plural antecedent, not a state)."""
    if not _THEM.match(sentence.text, c_end):
        return []
    mine = side(source.actor, actors)
    for m in reversed(before):
        kind = getattr(actors.get(m.actor), "kind", None)
        if kind in ("non_state", "group", "armed_group") and side(m.actor, actors) != mine:
            return [m]
    return []


_ADJACENT = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were|also|now|still|already|\w+ly)\s+)*")


def _adjacent_subject(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """"Hezbollah is in Lebanon and Iran arms them": the name right before a verbal cue (auxiliaries and adverbs
    aside), not governed by a preposition, is its subject even when the verb is a word the subject heuristic
    does not know as a verb."""
    if not before:
        return None
    last = before[-1]
    if last.how == "demonym" or _governed(last, sentence) or \
            not _ADJACENT.fullmatch(sentence.text[_rel(last, sentence)[1]:c_start]):
        return None
    return last


def _their_owners(sentence: Sentence, everyone: list[Mention], c_start: int) -> list[Mention]:
    """"Rwanda and Uganda deny it, but their troops": a possessive "their"/"its" before the cue's noun stands for
    the sentence's opening subject and those coordinated with it."""
    if not re.search(r"\b(?:their|its)\s+(?:[\w-]+\s+)?$", sentence.text[:c_start], re.IGNORECASE) or not everyone:
        return []
    first = everyone[0]
    if not re.fullmatch(r"(?:The\s+)?", sentence.text[:_rel(first, sentence)[0]]) or \
            first.end - sentence.start > c_start:
        return []
    owners = [first]
    for m in everyone[1:]:
        if _rel(m, sentence)[1] > c_start or \
                not _COORDINATION.fullmatch(sentence.text[_rel(owners[-1], sentence)[1]:_rel(m, sentence)[0]]):
            break
        owners.append(m)
    return owners


def _relativised(before: list[Mention], sentence: Sentence, source: Mention) -> list[Mention]:
    """"UNITA, which Luanda has been fighting", "Serbia, whom Moscow arms": the antecedent of an object relative
    clause whose subject is the source."""
    earlier = [m for m in before if m.end <= source.start and m.actor != source.actor]
    if earlier and re.fullmatch(r",\s+(?:(?:the|an?)\s+(?:[\w-]+\s+){1,3}?that\s+|which\s+|whom\s+)(?:the\s+)?",
                                sentence.text[_rel(earlier[-1], sentence)[1]:_rel(source, sentence)[0]]):
        # "UNITA, which Luanda ...", "the WSLF, the guerrilla movement that Mogadishu arms"
        return earlier[-1:]
    return []


def _coordinated_before(before: list[Mention], sentence: Sentence, source: Mention) -> list[Mention]:
    """Mentions joined to the source by "and" before it ("Burkina Faso and Niger have signed ...")."""
    joined: list[Mention] = []
    current = source
    for m in reversed([m for m in before if m.end <= source.start]):
        gap = sentence.text[_rel(m, sentence)[1]:_rel(current, sentence)[0]]
        the = "" if current.how == "demonym" else r"(?:the\s+)?"  # "Haig, the American envoy": an apposition
        if not re.fullmatch(rf"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\s+{the}|\s*,\s*{the}", gap) or \
                m.actor == source.actor or _governed(m, sentence) and \
                any(b.is_subject(sentence) for b in before if b.end <= m.start):  # "Hezbollah is in Lebanon and
            break  # Iran arms them": Lebanon is no co-subject of Iran ("the juntas in Bamako and Ouagadougou" are)
        joined.insert(0, m)
        current = m
    return joined


def _carried_subject(sentence: Sentence, mentions: list[Mention], local: list[Mention],
                     c_start: int) -> Mention | None:
    """The subject of an earlier clause carried over a coordination ("Russia has no forces in A but has troops
    based in B"); only when the cue's own clause names no actor before the cue."""
    first_local = min((m.start for m in local), default=sentence.start + c_start)
    earlier = [m for m in mentions if m.end <= min(first_local, sentence.start + c_start) and m.is_subject(sentence)]
    return earlier[-1] if earlier else None


def _possessor(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """A mention right before the cue as a possessive or demonym ("Russia's base", "Turkish relations")."""
    if not before:
        return None
    last = before[-1]
    gap = sentence.text[_rel(last, sentence)[1]:c_start]
    if re.fullmatch(r"['’]s\s+(?:\w+\s+){0,2}", gap) or (last.how == "demonym" and re.fullmatch(r"\s*", gap)):
        return last
    return None


def _antecedent(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """The antecedent of a relative clause holding the cue ("Moscow, which has supplied Belgrade")."""
    if before and re.fullmatch(r",?\s+(?:which|who|that|whose\s+\w+)\s+(?:\w+\s+){0,3}",
                               sentence.text[_rel(before[-1], sentence)[1]:c_start]):
        return before[-1]
    return None


def _person_antecedent(before: list[Mention], sentence: Sentence, c_start: int,
                       actors: dict[str, DraftActor]) -> Mention | None:
    """"France's Nicolas Sarkozy, holding the rotating EU presidency, who brokered": "who" is said of a person, so
    the latest person named before it, across an apposition naming an organisation or a state."""
    who = re.search(r",\s+who\s+(?:\w+\s+){0,3}$", sentence.text[:c_start], re.IGNORECASE)
    if who is None:
        return None
    for m in reversed([m for m in before if _rel(m, sentence)[1] <= who.start()]):
        if getattr(actors.get(m.actor), "kind", None) == "leader":
            gap = sentence.text[_rel(m, sentence)[1]:who.start()]
            return m if (not gap.strip() or re.match(r"\s*,", gap)) and not re.search(r"[;.]", gap) else None
    return None


_ACCUSE = re.compile(r"\b(?:accus\w*|blam\w*|suspect\w*|charg\w*|condemn\w*|criticis\w*|criticiz\w*|prais\w*|"
                     r"thank\w*|credit\w*)\s+$", re.IGNORECASE)


def _source(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    """The subject nearest before the cue; "accused Egypt of backing": the object the gerund is said of."""
    if before:
        last = before[-1]
        lo, hi = _rel(last, sentence)
        if re.fullmatch(r"\s+of\s+", sentence.text[hi:c_start]) and _ACCUSE.search(sentence.text[:lo]):
            return last
    subjects = [m for m in before if m.is_subject(sentence)]
    if subjects:
        return subjects[-1]
    free = [m for m in before if not _governed(m, sentence)]  # "the diaspora in France lobbies": not France
    return free[-1] if free else (before[-1] if before else None)


def _places(mentions: list[Mention], sentence: Sentence) -> set[int]:
    """Ids of the mentions after "in"/"within" and of those listed with them ("the same side in Egypt, Libya and
    Syria"): places, not partners."""
    places: set[int] = set()
    previous: Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        listed = previous is not None and id(previous) in places and _COORDINATION.fullmatch(
            sentence.text[_rel(previous, sentence)[1]:_rel(m, sentence)[0]])
        if _after_word(m, sentence, ("in", "within")) or listed:
            places.add(id(m))
        previous = m
    return places


def _after_word(m: Mention, sentence: Sentence, words: tuple[str, ...]) -> bool:
    """Whether the mention follows one of `words` ("partner in the Baghdad Pact": a context, not a partner)."""
    before = sentence.text[:_rel(m, sentence)[0]].split()
    return bool(before) and before[-1].lower() in words or len(before) > 1 and before[-1].lower() == "the" \
        and before[-2].lower() in words


def _agent(m: Mention, sentence: Sentence) -> bool:
    """A mention after "by" is an agent ("seized Goma, backed by Rwanda"), never the object of a cue."""
    return bool(re.search(r"\bby\s+(?:the\s+)?$", sentence.text[:_rel(m, sentence)[0]], re.IGNORECASE))


def _governed(m: Mention, sentence: Sentence) -> bool:
    words = sentence.text[:_rel(m, sentence)[0]].split()
    return bool(words) and words[-1].lower().strip(",") in {"in", "at", "from", "of", "to", "with", "by", "on",
                                                              "against", "for", "into", "over", "than"}


_NEW_SINGULAR_SUBJECT = re.compile(r"\band\s+(?:the\s+)?$", re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"\s+(?:\w+ly\s+)?(?:is|has|was|does|says|said)\b")


def _coordinated(after: list[Mention], sentence: Sentence, source: Mention, verbal: bool = False) -> list[Mention]:
    targets: list[Mention] = []
    for m in after:
        if m.actor == source.actor:
            continue
        if (verbal or not targets) and _NEW_SINGULAR_SUBJECT.search(sentence.text[:_rel(m, sentence)[0]]) and \
                _SINGULAR_VERB.match(sentence.text, _rel(m, sentence)[1]):
            break  # "has sanctioned nine generals and the European Union is preparing", "suspended a mission to
            # Jakarta and the World Bank has frozen": a new clause's subject (not "relationship with NATO and the
            # West has", a noun phrase's list)
        if targets:
            gap = sentence.text[_rel(targets[-1], sentence)[1]:_rel(m, sentence)[0]]
            if not _COORDINATION.fullmatch(gap) or ("," in gap and m.is_subject(sentence)):  # ", and Xi has told"
                break
        targets.append(m)
    return targets


_BREACH = re.compile(r"\b(?:in\s+(?:breach|violation|defiance)\s+of|despite|breach\w*|violat\w+|defy\w*|defie[sd]|"
                     r"evad\w+|circumvent\w*|bust\w*|break(?:s|ing)?|broke|skirt\w*|dodg\w+)\s+"
                     r"(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


_OFFERED = re.compile(r"\b(?:promis|pledg|offer|vow|plan|intend|hop|want|wish)\w*\s+to\s+(?:\w+\s+)?$", re.IGNORECASE)
# "lifted its arms embargo", "has ended the sanctions": a lifting verb governing the measure named by the cue
_LIFTED = re.compile(r"\b(?:lift\w*|end(?:s|ed|ing)|remov\w+|scrap\w*|drop(?:s|ped|ping)?)\s+(?:\S+\s+){0,4}$",
                     re.IGNORECASE)
_WITHHELD = re.compile(r"\b(?:held|holds?|holding|withh[eo]ld\w*|halt\w*|suspend\w*|stop(?:s|ped|ping)?|cut|cuts|"
                       r"ban(?:s|ned|ning)?|"
                       r"froze|freez\w+|block\w*|delay\w*|paus\w+|postpon\w+)\s+(?:back\s+|off\s+)?(?:\S+\s+){0,3}$",
                       re.IGNORECASE)


def _blocked(cue: Cue, sentence: Sentence, lo: int, source: Mention, c_start: int, c_end: int) -> str | None:
    text = sentence.text
    if CONDITIONAL.search(text[:c_start]) and re.match(r"^\s*(?:If|Unless|Should)\b", text) \
            or CONDITIONAL.search(text[lo:c_start]):
        return "conditional"
    if re.search(r"\b(?:former|erstwhile|one-time|ex-)\s*(?:[\w-]+\s+){0,2}$", text[lo:c_start], re.IGNORECASE):
        return "ended"  # "their former Islamist partners", "its erstwhile arms supplier"
    if cue.nominal and re.search(r"\b(?:its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", text[:c_start], re.IGNORECASE):
        return None  # "could not leave its kinsmen": a tie the possessive presupposes, whatever is said of it
    source_end = _rel(source, sentence)[1]
    window = text[max(source_end, lo) if source_end <= c_start else max(lo, 0):c_end]
    if negated(window) or re.search(r"\bneither\b", text[lo:_rel(source, sentence)[0]], re.IGNORECASE):
        return "negated"
    if cue.kind == "sanctions" and _LIFTED.search(text[lo:c_start]):
        return "lifted"  # eased sanctions are still in force; "ended its aid programme" is a measure
    if cue.kind == "sanctions" and _BREACH.search(text[lo:c_start]):
        return "breached"  # "received arms in breach of the embargo": the subject defies it, does not impose it
    if not cue.nominal and MODAL.search(window) or re.match(r"\s+(?:would|could|might)\b", text[c_end:]):
        return "hypothetical"  # "sanctions would hurt": the measure is the subject of a modal
    if cue.kind != "mediation" and INTENTION.search(text[lo:c_start]) or \
            cue.kind == "mediation" and _OFFERED.search(text[lo:c_start]):
        return "intended"  # "have offered to mediate" (the dev3 call); "is trying to mediate" is an attempt, kept
    if HEDGE.search(text[lo:c_start]):
        return "hedged"
    if cue.kind == "arms_supplier" and _WITHHELD.search(text[lo:c_start]):
        return "withheld"  # "held back new arms deliveries to Baghdad": a sanction, read by its own cue
    if not cue.nominal:
        opened = [m for m in DENIAL_OPEN.finditer(text) if m.start() < c_start]
        if opened and (DENIAL_CLOSE.search(text[c_end:]) or re.match(r"it", opened[0].group(0), re.IGNORECASE)):
            return "denied"
    return None


def _lobby_places(sentence: Sentence, mentions: list[Mention], actors: dict[str, DraftActor],
                  found: list[DraftRelation]) -> None:
    """"The Armenian lobby in Moscow": a lobby influences the state where it sits."""
    for k, m in enumerate(mentions[:-1]):
        actor = actors.get(m.actor)
        if actor is None or "lobb" not in actor.name.lower():
            continue
        nxt = mentions[k + 1]
        gap = sentence.text[_rel(m, sentence)[1]:_rel(nxt, sentence)[0]]
        if re.fullmatch(r"\s+(?:in|at)\s+", gap):
            start, end = _rel(m, sentence)[0], _rel(nxt, sentence)[1]
            found.append(DraftRelation("influence", m.actor, nxt.actor, True, "lobby in",
                                       Evidence(sentence, sentence.span(start, end))))


_SEVERED = re.compile(r"\b(?:cut|cuts|cutting|sever|broke|break|downgrad|suspend|froze|freez|relations?\b)",
                      re.IGNORECASE)


def _severed_with_measures(found: list[DraftRelation], actors: dict[str, DraftActor]) -> list[DraftRelation]:
    """"cut diplomatic relations with Qatar and closed their links to it": relations broken off together with
    measures in the same sentence are read as those sanctions, not as a separate hostility (the annotators'
    Qatar call); broken off alone they are a hostility."""
    measures = {(r.evidence.sentence.index, side(r.source, actors), side(r.target, actors))
                for r in found if r.kind == "sanctions"}
    return [r for r in found if not (r.kind == "hostility" and _SEVERED.match(r.cue) and
                                     (r.evidence.sentence.index, side(r.source, actors), side(r.target, actors))
                                     in measures)]


def _deduplicate(found: list[DraftRelation], actors: dict[str, DraftActor]) -> list[DraftRelation]:
    """The first relation of each kind between two sides, a leader and the state he represents being one side
    ("Moscow is Fidel Castro's banker" after "Havana depends on Moscow")."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for r in found:
        source, target = side(r.source, actors), side(r.target, actors)
        first, second = (source, target) if r.directed else sorted((source, target))
        key = (r.kind, first, second)
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept
