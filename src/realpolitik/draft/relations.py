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
from dataclasses import dataclass

from realpolitik.draft.actors import DraftActor, Mention
from realpolitik.draft.evidence import Evidence, Sentence


@dataclass(frozen=True)
class Cue:
    """A cue phrase for one relation kind."""

    kind: str
    pattern: re.Pattern[str]
    directed: bool
    orientation: str = "forward"  # forward | reverse | relations | emotive | orbit
    nominal: bool = False  # a noun phrase (presupposed), not a verb (asserted)


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


def _c(kind: str, pattern: str, directed: bool = True, orientation: str = "forward", nominal: bool = False) -> Cue:
    return Cue(kind, re.compile(pattern, re.IGNORECASE), directed, orientation, nominal)


_GEAR = r"(?:arms|weapons|jets|fighters|aircraft|tanks|drones|missiles|submarines|warships|equipment|hardware)"
CUES: tuple[Cue, ...] = (
    _c("arms_supplier", r"\bsuppl(?:y|ies|ied|ying)\b(?!\s+(?:chains?|lines?|routes?))"),
    _c("arms_supplier", r"\b(?:main|chief|largest|biggest|top|key)?\s*(?:arms|weapons)\s+(?:supplier|seller|"
                        r"exporter)s?\b", nominal=True),
    _c("arms_supplier", rf"\b(?:sells?|sold|selling|delivers?|delivered|ships?|shipped)\b[^.;]{{0,40}}?\b{_GEAR}\b"),
    _c("arms_supplier", rf"\b(?:buys?|bought|buying|purchas\w+|imports?|imported|acquir\w+|gets?|got|obtain\w*|"
                        rf"sources?)\b[^.;]{{0,60}}?\b{_GEAR}\b[^.;]{{0,40}}?\bfrom\b", orientation="reverse"),
    _c("arms_supplier", r"\b(?:arms|weapons)\s+(?:sales|deliveries|transfers|exports|shipments)\s+to\b",
       nominal=True),
    _c("basing", r"\b(?:military\s+|air\s+|naval\s+)?bases?\s+(?:in|at)\b", nominal=True),
    _c("basing", r"\b(?:based|stationed|garrisoned|deployed)\s+in\b", nominal=True),
    _c("basing", r"\bmilitary\s+(?:forces|presence|bases?|facilit(?:y|ies))\s+in\b", nominal=True),
    _c("basing", r"\b(?:operat(?:e|es|ed|ing)|deployed|fighting)\s+in\b", nominal=True),
    _c("basing", r"\bhost(?:s|ed|ing)?\b(?=[^.;]{0,40}\b(?:troops|forces|bases?|soldiers|military|personnel|fleet|"
                 r"garrison|airbase|naval))", orientation="reverse", nominal=True),
    _c("alliance", r"\b(?:allies|ally|allied\s+with|alliance\s+with|all-weather\s+friend|strategic\s+partner(?:s|ship)?"
                   r"|close\s+friend|closest\s+friend|protector|patron)\b", directed=False, nominal=True),
    _c("alliance", r"\b(?:supports?|supporting|supported|backs|backed|backing|favou?rs?|favou?red|favou?ring|"
                   r"sides?\s+with|sided\s+with|stands?\s+(?:by|with)|protects?|defends?|"
                   r"guarantee\w*\s+(?:\w+\s+){0,2}security)\b"),
    _c("alliance", r"\b(?:turn(?:s|ed|ing)?|look(?:s|ed|ing)?)\s+to\b(?!\s+(?:be|do|the\s+(?:issue|question)))"),
    _c("defence_pact", r"\b(?:defen[cs]e\s+(?:pact|treaty|agreement)|mutual[\s-]defen[cs]e|mutual\s+assistance|"
                       r"security\s+(?:pact|treaty)|collective\s+defen[cs]e|military\s+pact|"
                       r"treaty\s+of\s+(?:alliance|friendship))\b", directed=False, nominal=True),
    _c("ethnic_tie", r"\bethnic(?:\s+\w+)?\s+(?:ties|tie|bonds?|kin(?:ship)?|links?|affinity|brethren)\b|\bkinsmen\b|"
                     r"\bone\s+nation,?\s+two\s+states\b", directed=False, nominal=True),
    _c("ethnic_tie", r"\b(?:has|had|with)\s+an?\s+(?:\w+\s+)?(?=[A-Z])\w+\s+(?:father|mother|parents?|grandfather|"
                     r"grandmother|roots|ancestry|heritage|origins?|blood)\b", directed=False, nominal=True),
    _c("religious_tie", r"\b(?:(?:orthodox|christian|muslim|islamic|catholic|shia|shiite|sunni|jewish|buddhist|"
                        r"hindu|religious|confessional)\s+){1,2}(?:solidarity|ties?|bonds?|kinship|brotherhood|"
                        r"affinity|links?)\b|\bco-?religionists?\b", directed=False, nominal=True),
    _c("hostility", r"\b(?:hostil\w*|enem(?:y|ies)|arch-?rivals?|rivals?|rivalry|feuds?|at\s+war\s+with|"
                    r"wars?\s+(?:with|against|on)|attack(?:s|ed|ing)?|invad\w+|invasion\s+of|clash\w*\s+with|"
                    r"fight(?:s|ing)?\s+(?:with|against)|tough\s+(?:with|on)|confront\w*|threat\s+to|threatens?|"
                    r"absorb\w*|annex\w*|seiz\w+|conquer\w*|occup(?:y|ies|ied|ying|ation\s+of)|blockad\w+)\b",
       directed=False),
    _c("hostility", r"\brelations?(?:hips?)?\s+with\b", directed=False, orientation="relations", nominal=True),
    _c("hostility", r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:furious|angry|outraged|incensed|livid)\b",
       directed=False, orientation="emotive"),
    _c("sanctions", r"\b(?:sanction(?:s|ed|ing)?|embargo\w*|kick\w*\s+(?:\S+\s+){0,3}(?:off|out)|expel\w*|"
                    r"suspend\w*\s+(?:\S+\s+){0,4}(?:aid|assistance|arms|sales|membership|cooperation|loans?)|"
                    r"cuts?\s+off|freez\w+\s+(?:\w+\s+)?assets|tariffs\s+on|blacklist\w*|"
                    r"ban(?:s|ned)?\s+(?:\w+\s+)?(?:imports|exports))\b"),
    _c("economic_dependency", r"\b(?:depends?|depended|dependent|reliant|relies|relied|dependence|dependency)\s+"
                              r"(?:heavily\s+|largely\s+|entirely\s+)?(?:on|upon)\b"),
    _c("economic_dependency", r"\b(?:financ(?:es|ed|ing)|bankroll\w*|funds|funded|subsidi[sz](?:es|ed)|props?\s+up|"
                              r"bails?\s+out)\b", orientation="reverse"),
    _c("mediation", r"\b(?:mediat\w+|broker(?:s|ed|ing)?|facilitat\w+\s+talks|good\s+offices|co-?chairs?)\b"),
    _c("influence", r"\blobb(?:y|ies|ied|ying)\b(?!\s+(?:in|is|was|are|has))"),
    _c("influence", r"\b(?:influence|leverage|sway|clout)\s+(?:over|on)\b", nominal=True),
    _c("influence", r"\b(?:in|within|into)\s+(?:its|their|his|her)\s+(?:own\s+)?(?:political\s+|economic\s+)?"
                    r"(?:orbit|sphere\s+of\s+influence|fold|camp)\b", orientation="orbit"),
)

_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|nobody|none|without|hardly|cannot|refus(?:e|es|ed|ing)|"
                       r"declin(?:e|es|ed|ing)\s+to|den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?)\b|n['’]t\b",
                       re.IGNORECASE)
# "has never hidden its intention": a negation of a verb of concealment or denial asserts, it does not negate.
_LITOTES = re.compile(r"\b(?:never|not|no\s+longer)\s+(?:\w+\s+)?(?:hidden|hid|hides|hide|concealed|conceals|denied|"
                      r"denies|disguised|disguises|made\s+a\s+secret\s+of)\b|n['’]t\s+(?:\w+\s+)?(?:hide|conceal|deny|"
                      r"disguise)\b", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|could|might|may)\b(?!\s+(?:well|also))", re.IGNORECASE)
_CONDITIONAL = re.compile(r"(?:^|[,;]\s*|\s)(?:if|unless|should\s+\w+\s+\w+|in\s+case)\b", re.IGNORECASE)
_DENIAL_OPEN = re.compile(r"\b(?:it\s+is|it's|it\s+was)\s+(?:untrue|false|not\s+true|a\s+myth)\s+that\b|"
                          r"\b(?:reports?|claims?|allegations?|rumou?rs?|suggestions?|"
                          r"thinking|believing|assuming|to\s+think|to\s+believe|expecting|the\s+(?:idea|notion|"
                          r"belief|assumption))\s+that\b", re.IGNORECASE)
_DENIAL_CLOSE = re.compile(r"\b(?:is|are|was|would\s+be)\s+(?:a\s+|an\s+)?(?:big\s+|grave\s+)?(?:mistake|wrong|"
                           r"error|naive|myth|fantasy|false|untrue|baseless|unfounded|denied|"
                           r"wishful\s+thinking|nonsense|illusion|delusion)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\s+—\s+|,?\s+(?:while|whereas|but|although|though|however)\s+|,\s+(?=and\s+(?:its|"
                           r"their|his|her)\b)")
_LEADING_SUBORDINATE = re.compile(r"^(?:Although|Though|While|Whereas|When|As|Because|Since|Despite)\b[^,]*,")
_COORDINATION = re.compile(r"^(?:\s|,|and|or|&|especially|including|notably|as\s+well\s+as|in\s+particular|"
                           r"above\s+all|mainly|chiefly|along\s+with)*$", re.IGNORECASE)


def find_relations(sentences: list[Sentence], mentions: list[Mention],
                   actors: dict[str, DraftActor]) -> tuple[list[DraftRelation], list[Skipped]]:
    """Return the relations the sentences assert between mentioned actors, and the cues skipped (with why)."""
    found: list[DraftRelation] = []
    skipped: list[Skipped] = []
    for sentence in sentences:
        in_sentence = [m for m in mentions if m.sentence == sentence.index]
        if len(in_sentence) < 2:
            continue
        for cue in CUES:
            for match in cue.pattern.finditer(sentence.text):
                _apply(cue, match, sentence, in_sentence, found, skipped)
        _lobby_places(sentence, in_sentence, actors, found)
    return _deduplicate(found), skipped


def _clause(sentence: Sentence, at: int) -> tuple[int, int]:
    """Sentence-relative bounds of the clause around offset `at`."""
    text = sentence.text
    bounds = [0]
    lead = _LEADING_SUBORDINATE.match(text)
    if lead:
        bounds.append(lead.end())
    bounds += [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    start = max(b for b in bounds if b <= at)
    after = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() > at]
    if lead and lead.end() > at:
        after.append(lead.end())
    return start, min(after, default=len(text))


def _rel(m: Mention, sentence: Sentence) -> tuple[int, int]:
    return m.start - sentence.start, m.end - sentence.start


def _apply(cue: Cue, match: re.Match[str], sentence: Sentence, mentions: list[Mention],
           found: list[DraftRelation], skipped: list[Skipped]) -> None:
    c_start, c_end = match.span()
    lo, hi = _clause(sentence, c_start)
    local = [m for m in mentions if lo <= _rel(m, sentence)[0] < hi]
    pairs = _passive(cue, sentence, local, c_start, c_end, hi)
    if pairs is None:
        pairs = _arguments(cue, sentence, local, c_start, mentions)
    for source, target in pairs:
        if source.actor == target.actor:
            continue
        start = min(_rel(source, sentence)[0], _rel(target, sentence)[0], c_start)
        end = max(_rel(source, sentence)[1], _rel(target, sentence)[1], c_end)
        evidence = Evidence(sentence, sentence.span(start, end))
        reason = _blocked(cue, sentence, lo, source, c_start, c_end)
        if reason:
            skipped.append(Skipped("relation", cue.kind, reason, evidence))
            continue
        found.append(DraftRelation(cue.kind, source.actor, target.actor, cue.directed, match.group(0), evidence))


_PASSIVE_AUX = re.compile(r"\b(?:is|are|was|were|be|been|being|gets?|got|gotten)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_AGENT = re.compile(r"\bby\s+", re.IGNORECASE)


def _passive(cue: Cue, sentence: Sentence, local: list[Mention], c_start: int, c_end: int,
             hi: int) -> list[tuple[Mention, Mention]] | None:
    """"Armenia is supplied with arms by Russia": the agent after "by" is the active subject, the grammatical
    subject the object; None when the cue is not a passive with a "by" agent."""
    if cue.nominal or cue.orientation != "forward" and cue.orientation != "reverse":
        return None
    if not _PASSIVE_AUX.search(sentence.text[:c_start]):
        return None
    by = _AGENT.search(sentence.text, c_end, hi)
    if by is None:
        return None
    agents = [m for m in local if _rel(m, sentence)[0] >= by.end()]
    patients = [m for m in local if _rel(m, sentence)[1] <= c_start]
    if not agents or not patients:
        return None
    agent = agents[0]
    patient = _source(patients, sentence, c_start)
    if patient is None:
        return None
    return [(patient, agent)] if cue.orientation == "reverse" else [(agent, patient)]


def _arguments(cue: Cue, sentence: Sentence, local: list[Mention], c_start: int,
               everyone: list[Mention]) -> list[tuple[Mention, Mention]]:
    before = [m for m in local if _rel(m, sentence)[1] <= c_start]
    after = [m for m in local if _rel(m, sentence)[0] >= c_start]
    if cue.orientation == "emotive":
        subject = _source(before, sentence, c_start)
        others = [m for m in local if subject and m.actor != subject.actor]
        return [(subject, others[0])] if subject and others else []
    if cue.orientation == "orbit":
        if not before:
            return []
        target = before[-1]
        source = _source([m for m in before if m.actor != target.actor], sentence, c_start)
        return [(source, target)] if source else []
    if cue.orientation == "relations":
        owner = _possessor(before, sentence, c_start) or _source(before, sentence, c_start)
        if not owner or not re.search(r"\b(?:bad|worse|worst|breaking\s+point|sour\w*|strain\w*|hostile|tense|"
                                      r"tensions?|deteriorat\w*|collaps\w*|frozen|broken|severed|ended|cut\s+off|"
                                      r"broke\s+off|rupture\w*|poisoned|crisis|low\s+point)\b",
                                      sentence.text, re.IGNORECASE):
            return []
        return [(owner, t) for t in _coordinated(after, sentence, owner)]
    source = _possessor(before, sentence, c_start) or _source(before, sentence, c_start)
    if source is None:
        source = _carried_subject(sentence, everyone, local, c_start)
    if source is None:
        return []
    targets = _coordinated(after, sentence, source)
    if not targets:
        between = [m for m in before if m.actor != source.actor and m.start > source.start]
        targets = between[-1:]
    sources = [*_coordinated_before(before, sentence, source), source]
    if cue.orientation == "reverse":
        return [(t, src) for t in targets for src in sources]
    return [(src, t) for src in sources for t in targets]


def _coordinated_before(before: list[Mention], sentence: Sentence, source: Mention) -> list[Mention]:
    """Mentions joined to the source by "and" before it ("Burkina Faso and Niger have signed ...")."""
    joined: list[Mention] = []
    current = source
    for m in reversed([m for m in before if m.end <= source.start]):
        gap = sentence.text[_rel(m, sentence)[1]:_rel(current, sentence)[0]]
        if not re.fullmatch(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\s+", gap) or m.actor == source.actor:
            break
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


def _source(before: list[Mention], sentence: Sentence, c_start: int) -> Mention | None:
    subjects = [m for m in before if m.is_subject(sentence)]
    if subjects:
        return subjects[-1]
    return before[-1] if before else None


def _coordinated(after: list[Mention], sentence: Sentence, source: Mention) -> list[Mention]:
    targets: list[Mention] = []
    for m in after:
        if m.actor == source.actor:
            continue
        if targets:
            gap = sentence.text[_rel(targets[-1], sentence)[1]:_rel(m, sentence)[0]]
            if not _COORDINATION.fullmatch(gap) or ("," in gap and m.is_subject(sentence)):  # ", and Xi has told"
                break
        targets.append(m)
    return targets


def _blocked(cue: Cue, sentence: Sentence, lo: int, source: Mention, c_start: int, c_end: int) -> str | None:
    text = sentence.text
    if _CONDITIONAL.search(text[:c_start]) and re.match(r"^\s*(?:If|Unless|Should)\b", text) \
            or _CONDITIONAL.search(text[lo:c_start]):
        return "conditional"
    source_end = _rel(source, sentence)[1]
    window = text[max(source_end, lo) if source_end <= c_start else max(lo, 0):c_end]
    if negated(window) or re.search(r"\bneither\b", text[lo:_rel(source, sentence)[0]], re.IGNORECASE):
        return "negated"
    if not cue.nominal and _MODAL.search(window):
        return "hypothetical"
    if not cue.nominal:
        opened = [m for m in _DENIAL_OPEN.finditer(text) if m.start() < c_start]
        if opened and (_DENIAL_CLOSE.search(text[c_end:]) or re.match(r"it", opened[0].group(0), re.IGNORECASE)):
            return "denied"
    return None


def negated(window: str) -> bool:
    """Whether `window` holds a negation that is not a litotes ("never hidden", "does not deny")."""
    return bool(_NEGATION.search(_LITOTES.sub(" ", window)))


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


def _deduplicate(found: list[DraftRelation]) -> list[DraftRelation]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for r in found:
        first, second = (r.source, r.target) if r.directed else sorted((r.source, r.target))
        key = (r.kind, first, second)
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept
