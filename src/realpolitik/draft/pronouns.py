"""Personal pronouns read as mentions of the actor they stand for (relation cues and quantity holders).

Each pronoun has a class and a role. Classes: "it"/"its"/"itself" stand for a singular actor (a state, an
organisation, a non-state actor with a singular name: "Hezbollah", not "the Houthis"; a leader's body such as "the
Reagan administration"); "they"/"them"/"their"/"themselves" for a group named in the plural ("the Houthis", "ethnic
Albanians"); "he"/"him"/"his"/"she"/"her" for a leader. Roles: subject ("it acted"), object ("sold it drones",
"with them"), possessive ("its oil sector"), reflexive ("sees itself as", "the UAE itself"). The antecedent is
searched in the pronoun's sentence and the two before it, among names, descriptions (`anaphora.py`) and pronouns
resolved before (so "Georgia was not beaten because it lacked friends. Israel sold it drones" carries Georgia on):

- in a subject relative clause ("France, which has sold it jets"), the relative pronoun's head is the clause's
  subject: a subject or reflexive pronoun is the head (none when the head is a thing), an object pronoun is never
  the head and may be the main clause's subject ("Iraq is turning to France, which has sold it jets": Iraq);
- a reflexive is the mention right before it, else the subject of its own clause;
- an object pronoun is never the subject of its own clause nor an apposition to it ("Israel sold it drones": not
  Israel; "Britain, America's closest ally, has endorsed it": neither), nor an actor led by the same state; it is
  the latest fitting actor before it;
- a possessive opening an apposition is never the apposition's head ("Turkey, its closest ally,": not Turkey);
- a possessive in a noun predicated of the subject is not the subject ("China is Myanmar's largest investor and its
  biggest trading partner": Myanmar);
- a possessive is the first subject of its own clause ("Washington has not cut its aid"); else, deep in its clause,
  the latest fitting actor ("American sanctions on its oil sector": a demonym adjective is no antecedent); else,
  opening its clause ("Its fighters are ..."), it is read as a subject;
- a subject pronoun is the subject of its own clause before it ("..., and the junta insists it"), else the first
  subject of its sentence ("Moscow says it acted", "NATO promised ..., but it did not"), else of the sentence
  before (the subject of its last clause when one joined by "and"/"but" ends it: "India says it acted ..., and
  Thimphu has protested. Its foreign ministry": Bhutan), then of the one before that.

Left unresolved, because something else is what the pronoun more likely stands for: a singular thing between the
antecedent and "it" ("brokered the ceasefire between Moscow and Tbilisi. Medvedev signed it", "a resolution against
Iran ... vetoed it"), or the subject of an earlier antecedent's sentence when the antecedent is not ("The African
force authorised by the Security Council is arriving. ECOWAS has pledged troops to it": the force, the more salient),
or opening a clause as its subject ("The coalition is thinner than it looks", "..., and the
port at Tartus is ... . It is now joined"); a name the drafter does not know ("The Vatican has said it", "Mr
Guaidó ... recognised him"); plural things before "they"/"them" ("imposed sanctions ... lifted them"); actors named
together ("Berlin and Paris", "Tanzania and South Africa say they"), which are never one antecedent. Skipped:
expletive "it" ("it is clear that", "it seems", "it was in 1992 that", "it took NATO 78 days to", "made it clear"),
partitives ("many of them", "much of it") and pronouns inside a name or an actor's mention.

A pronoun's mention has ``how`` `PRONOUN`, or `BOUND` for a possessive or reflexive standing for an actor of its own
clause with no comma between ("Russia moved its troops"): it tells a relation cue nothing its clause does not say,
so the relation extractor is given `PRONOUN` mentions only and the quantity holders both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realpolitik.draft.actors import VERBISH, DraftActor, Mention, side
from realpolitik.draft.clauses import clause
from realpolitik.draft.evidence import Sentence

_PRONOUN = re.compile(r"\b(?:(?P<it>it|its|itself)|(?P<they>they|them|their|themselves)|"
                      r"(?P<he>he|him|his|himself|she|her|herself))\b", re.IGNORECASE)
_ROLES = {"its": "possessive", "their": "possessive", "his": "possessive", "itself": "reflexive",
          "themselves": "reflexive", "himself": "reflexive", "herself": "reflexive", "they": "subject",
          "he": "subject", "she": "subject", "them": "object", "him": "object"}
_ADVERBS = (r"(?:\s+(?:not|also|now|still|only|hardly|surely|already|clearly|perhaps|therefore|thus|equally|"
            r"no\s+longer))*")
_BE = r"(?:is|was|'s|’s|has\s+been|had\s+been|will\s+be|would\s+be|may\s+be|might\s+be|could\s+be|must\s+be)"
_PREDICATE = (r"(?:clear|unclear|likely|unlikely|possible|impossible|true|false|obvious|evident|doubtful|certain|"
              r"uncertain|plain|apparent|striking|remarkable|ironic|notable|telling|worth|time|hard|easy|difficult|"
              r"necessary|important|tempting|wise|fair|naive|premature|vital|essential|crucial|no\s+\w+|"
              r"an?\s+(?:mistake|myth|pity|shame|question|matter|fact)|too\s+\w+|said|believed|thought|reported|"
              r"feared|expected|argued|understood|known|rumou?red|claimed|estimated|assumed|alleged|hoped|agreed|"
              r"up\s+to)\b")
# "it is clear that", "it seems", "it remains to be seen", "it was in 1992 that", "it was France's Sarkozy who",
# "it took NATO 78 days to", "It was wrong." (a verdict on what was said, not an actor)
_EXPLETIVE = re.compile(
    rf"{_ADVERBS}\s+(?:{_BE}{_ADVERBS}\s+{_PREDICATE}|"
    rf"(?:seems?|seemed|appears?|appeared|remains?|remained|looks?|looked){_ADVERBS}\s+(?:that|as\s+if|as\s+though|"
    rf"to\s+be\s+seen|to\s+me|clear|likely|unlikely|unclear|true|possible|impossible)\b|"
    rf"(?:is|was){_ADVERBS}\s+(?:in|on|at|during|after|before|only|because|here|there|then|not\s+until|(?-i:[A-Z]))"
    r"[^.;]{0,100}?\b(?:that|who)\b|"
    r"(?:takes?|took|taken)\b[^.;]{0,60}?\bto\b|"
    r"(?:matters|mattered|follows|turns?\s+out|turned\s+out|makes?\s+(?:no\s+)?sense)\b|"
    r"(?:is|was)\s+\w+\s*[.!]?$)", re.IGNORECASE)
_RAISING = re.compile(r"\b(?:make|makes|made|making|find|finds|found|finding|consider\w*|deem\w*|think|thinks|"
                      r"thought|believe|believes|believed|take|takes|took)\s+$", re.IGNORECASE)
# "many of them", "2,000 of them", "much of it": a part of a counted thing
_PARTITIVE = re.compile(r"\b(?:many|most|some|all|few|none|one|two|three|several|each|both|much|part|half|any|"
                        r"\d[\d,.]*)\s+of\s+$", re.IGNORECASE)
_PREPOSITIONS = {"for", "to", "with", "from", "of", "in", "on", "by", "against", "about", "at", "into", "over",
                 "than", "like", "toward", "towards", "between", "among", "off", "within", "as", "through",
                 "across", "under", "behind", "beyond", "upon", "without", "after", "before", "along", "near",
                 "around", "inside", "outside", "via", "throughout", "past", "beside"}
# words after which "it" opens a clause (a subject), not the object of a verb
_OPENERS = {"that", "because", "and", "but", "or", "as", "since", "if", "when", "while", "though", "although",
            "so", "where", "whereas", "unless", "until", "once", "yet", "now", "says", "said", "say", "claims",
            "claimed", "insists", "insisted", "argues", "argued", "fears", "feared", "hopes", "hoped", "believes",
            "believed", "knows", "knew", "announced", "warned", "warns", "sure", "thinks", "thought", "then",
            "whether", "also", "still", "than"}
_SUBJECT_VERB = re.compile(r"\s+(?:\w+ly\s+|also\s+|still\s+|now\s+|never\s+|not\s+|already\s+)*(?:has|have|had|"
                           r"is|are|was|were|will|would|can|could|may|might|must|should|shall|does|did|doesn['’]t|"
                           r"didn['’]t|won['’]t|wouldn['’]t|can['’]t|[a-z]+ed)\b")
# a singular thing that "it" may stand for instead of an actor ("the ceasefire", "a deal", "Venezuela's claim")
_THING = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|['’]s)\s+(?=[a-z])")
# plural things "they"/"them" may stand for instead of a group ("the sanctions", "40 drones", "Georgian brigades")
_THINGS = re.compile(r"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]hese|[Tt]hose|such|other|some|many|several|"
                     r"\d[\d,.]*|\w+ed)\s+(?:[a-z][\w-]*\s+){0,2}?)(?P<noun>[a-z][\w-]*[^su\W]s)\b")
_NOT_THINGS = {"year", "month", "week", "day", "night", "time", "decade", "century", "while", "number", "lot",
               "bit", "few", "other", "one", "same", "most", "last", "first", "second", "third", "rest", "way",
               "kind", "sort", "member", "party", "country", "state", "government", "regime", "capital",
               "neighbour", "neighbor", "ally", "partner", "patron", "client", "rival", "enemy", "power",
               "nation", "republic", "kingdom", "island", "group", "movement", "president", "leader", "junta",
               "alliance", "bloc", "militia", "part", "own", "chairman", "secretary", "minister", "premier",
               "emir", "king", "chancellor", "prime", "foreign", "defence", "defense", "donor", "creditor",
               "lender", "backer", "sponsor", "protector", "supplier", "investor", "customer", "banker", "friend"}
_NOT_PLURAL_THINGS = {"years", "months", "weeks", "days", "decades", "times", "others", "members", "allies",
                      "neighbours", "neighbors", "rivals", "partners", "leaders", "people"}
_MONTHS = set("January February March April May June July August September October November December Monday Tuesday "
              "Wednesday Thursday Friday Saturday Sunday".split())
_PLURAL_KINDS = {"non_state", "group", "armed_group"}


@dataclass(frozen=True)
class _Pronoun:
    word: str
    cls: str  # it | they | he
    role: str  # subject | object | possessive | reflexive
    start: int  # sentence-relative
    end: int


PRONOUN = "pronoun"
BOUND = "pronoun-bound"  # a possessive or reflexive standing for an actor of its own clause ("Russia moved its troops")


def pronouns(sentences: list[Sentence], mentions: list[Mention], actors: dict[str, DraftActor]) -> list[Mention]:
    """`mentions` and a mention for every personal pronoun resolved as the module says, sorted by offset. A pronoun's
    mention has ``how`` `PRONOUN`, or `BOUND` for a possessive or reflexive standing for an actor of its own clause
    (it tells a relation cue nothing the clause does not: the relation extractor is given the others only)."""
    pool = sorted(mentions, key=lambda m: m.start)
    added: list[Mention] = []
    text = _Text(sentences, actors, pool)
    for sentence in sentences:
        for pronoun in _pronouns(sentence, pool):
            antecedent = _antecedent(pronoun, sentence, pool, text)
            if antecedent is None:
                continue
            lo, _ = clause(sentence, pronoun.start, [m for m in pool if m.sentence == sentence.index])
            bound = pronoun.role in ("possessive", "reflexive") and antecedent.sentence == sentence.index \
                and antecedent.start - sentence.start >= lo \
                and not re.search(r"[,:;]", sentence.text[antecedent.end - sentence.start:pronoun.start])
            found = Mention(antecedent.actor, sentence.start + pronoun.start, sentence.start + pronoun.end,
                            sentence.text[pronoun.start:pronoun.end], sentence.index, BOUND if bound else PRONOUN)
            added.append(found)
            pool.append(found)
            pool.sort(key=lambda m: m.start)
    return sorted([*mentions, *added], key=lambda m: m.start)


def subjects(mentions: list[Mention]) -> list[Mention]:
    """The resolved subject pronouns among `mentions` ("It will not fight", "he says he will negotiate"): the ones
    a stance cue may take for its actor (a possessive or an object names no one taking a stance)."""
    return [m for m in mentions if m.how == PRONOUN and m.text.lower() in ("it", "he", "she", "they")]


@dataclass(frozen=True)
class _Text:
    """The sentences, the actors and the mentions so far (names, descriptions, pronouns resolved before)."""

    sentences: list[Sentence]
    actors: dict[str, DraftActor]
    pool: list[Mention]

    def sentence(self, index: int) -> Sentence | None:
        return self.sentences[index] if 0 <= index < len(self.sentences) and \
            self.sentences[index].index == index else next((s for s in self.sentences if s.index == index), None)

    def level(self, actor_id: str) -> str:
        return side(actor_id, self.actors)


def _pronouns(sentence: Sentence, mentions: list[Mention]) -> list[_Pronoun]:
    """The sentence's personal pronouns with class and role, less expletive "it", partitives ("many of them") and
    pronouns inside names."""
    text = sentence.text
    found = []
    for m in _PRONOUN.finditer(text):
        word = m.group(0)
        start, end = m.span()
        if any(x.start < sentence.start + end and sentence.start + start < x.end for x in mentions):
            continue
        if word[0].isupper() and start > 0 and re.match(r"\s+[A-Z]", text[end:]) \
                and re.search(r"[A-Z][\w'’-]*\s+(?:and\s+|of\s+)?$", text[:start]):
            continue  # "the Party and Its Allies": inside a name
        if word.lower() in ("it", "them") and _PARTITIVE.search(text[:start]):
            continue
        cls = next(k for k in ("it", "they", "he") if m.group(k))
        role = _role(word.lower(), text, start, end)
        if role is not None:
            found.append(_Pronoun(word, cls, role, start, end))
    return found


def _role(word: str, text: str, start: int, end: int) -> str | None:
    """The pronoun's role, or None for an expletive "it"."""
    if word in _ROLES:
        return _ROLES[word]
    before = re.findall(r"[\w'’-]+|[,;:]", text[:start])
    previous = before[-1].lower() if before else ""
    if word == "her":
        after = re.match(r"\s+([a-z][\w-]*)", text[end:])
        return "possessive" if after and after.group(1) not in _PREPOSITIONS | _OPENERS else "object"
    if word == "she":
        return "subject"
    if _RAISING.search(text[:start]) or previous == "what":
        return None  # "made it clear that", "took it for granted"
    if previous in _PREPOSITIONS:
        return "object"
    opens = not before or previous in (",", ";", ":") or previous in _OPENERS
    verb = bool(_SUBJECT_VERB.match(text[end:]) or VERBISH.match(text[end:]))
    if opens or (_SUBJECT_VERB.match(text[end:]) and not before[-1][0].isupper()):
        if _EXPLETIVE.match(text, end):
            return None
        return "subject" if verb else None
    return "object"


def _antecedent(p: _Pronoun, sentence: Sentence, pool: list[Mention], text: _Text) -> Mention | None:
    """The mention the pronoun stands for (the rules in the module's docstring), or None."""
    at = sentence.start + p.start
    window = [m for m in pool if sentence.index - 2 <= m.sentence <= sentence.index and m.end <= at
              and _fits(m, p, text)]
    if not window:
        return None
    here = [m for m in pool if m.sentence == sentence.index]
    lo, _ = clause(sentence, p.start, here)
    clause_mentions = [m for m in here if lo <= m.start - sentence.start and m.end <= at]
    own = [m for m in window if m in clause_mentions]
    relative = _relative(sentence, lo, p.start, here) if p.role != "possessive" else None
    if relative is not None:
        return _in_relative(p, relative, window, at, text)
    if p.role == "reflexive":  # "the UAE itself": the mention right before; "sees itself as": the subject
        right = [m for m in own if not sentence.text[m.end - sentence.start:p.start].strip()]
        subjects = _subjects(own, sentence)
        return right[-1] if right else subjects[0] if subjects else None
    if p.role == "object":
        barred = {text.level(m.actor) for m in _subjects(clause_mentions, sentence)}
        barred |= {text.level(m.actor) for m in _apposed(clause_mentions, sentence, barred, text)
                   if m.how not in (PRONOUN, BOUND)}  # "Turkey, its closest ally, sold it": "its" is not barred
        fitting = [m for m in window if text.level(m.actor) not in barred and not _modifier(m, p, text)]
        return _checked(p, fitting[-1], at, text, subject=False) if fitting else None
    if p.role == "possessive":
        described = {m.actor for m in here if m.end <= at
                     and re.fullmatch(r",\s+", sentence.text[m.end - sentence.start:p.start])}
        if described:  # "Turkey, its closest ally,": an apposition describes its head by another actor
            subjects = [m for m in _subjects(clause_mentions, sentence) if m in own and not _modifier(m, p, text)
                        and m.actor not in described]
            free = [m for m in window if not _modifier(m, p, text) and m.actor not in described]
            return subjects[0] if subjects else _checked(p, free[-1], at, text, subject=False) if free else None
        subjects = [m for m in _subjects(clause_mentions, sentence) if m in own and not _modifier(m, p, text)]
        if subjects and _predicate(subjects[0], p, sentence):  # "China is Myanmar's largest investor and its ..."
            free = [m for m in window if not _modifier(m, p, text) and m.actor != subjects[0].actor
                    and m.start > subjects[0].start]
            return free[-1] if free and not _names_between(p, free[-1], at, text) else None
        if subjects:
            return subjects[0]
        if len(re.findall(r"[\w'’-]+", sentence.text[lo:p.start])) > 3:  # not opening the clause: the latest actor
            free = [m for m in window if not _modifier(m, p, text)]
            return _checked(p, free[-1], at, text, subject=False) if free else None
    for index in (sentence.index, sentence.index - 1, sentence.index - 2):
        where = text.sentence(index)
        if where is None:
            continue
        subjects = [m for m in _subjects([m for m in window if m.sentence == index], where)
                    if not _modifier(m, p, text)]
        if index == sentence.index:  # "..., and the junta insists it": the own clause's subject first
            subjects = [m for m in subjects if m in own] or subjects
        if subjects:
            if p.cls == "it" and _thing_subject(sentence, lo, p.start, text):
                return None
            return _checked(p, _prominent(subjects, where, index < sentence.index), at, text, subject=True)
        if index == sentence.index and p.cls == "it" and any(
                text.actors.get(m.actor) is not None and text.actors[m.actor].kind == "leader" and m.how != "demonym"
                for m in _subjects([m for m in here if m.end <= at], sentence)):
            return None  # "Waldheim has reinforced the force, but its mandate": a person's act, not a state's
    return None


@dataclass(frozen=True)
class _Relative:
    """A subject relative clause around a pronoun ("France, which has sold it jets"): `head` is the mention the
    relative pronoun stands for (None when it is a thing: "a treaty, which obliges it to")."""

    head: Mention | None


_RELATIVE = re.compile(r"(?:,\s*|\s+)(?:which|who|that)\s+(?=(?:\w+ly\s+|also\s+|still\s+|now\s+|never\s+|not\s+|"
                       r"already\s+|once\s+)*(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|"
                       r"should|does|did|[a-z]+ed|[a-z]+s|sold|sent|made|gave|kept|built|bought|fought|led|won|lent|paid|brought|"
                       r"took|told|lost|left|cut|put|sought|make|hold|"
                       r"control|form|give|keep|provide|supply|link|connect|serve|run|remain|want|need)\b)")


def _relative(sentence: Sentence, lo: int, at: int, here: list[Mention]) -> _Relative | None:
    """The subject relative clause the pronoun stands in, when no comma comes between its relative pronoun and the
    pronoun: its head is the relative clause's subject (not the main clause's)."""
    found = None
    for m in _RELATIVE.finditer(sentence.text, lo, at):
        found = m
    if found is None or re.search(r"[,;:]", sentence.text[found.end():at]):
        return None
    before = sentence.text[:found.start()]
    head = next((m for m in here if m.end - sentence.start == len(before.rstrip())
                 and not re.search(r"['’]s$", m.text)), None)
    apposed = re.search(r",\s+(?:the\s+|an?\s+)?[^,;]+['’]s?\s+(?:[\w-]+\s+){0,3}[\w-]+\s*,?\s*$", before)
    if head is None and apposed:  # "Japan, Myanmar's largest donor, which lent it": the apposition's head
        head = next((m for m in here if m.end - sentence.start == apposed.start()), None)
    word = re.search(r"([A-Za-z][\w-]*)$", before.rstrip())
    if head is None and (word is None or word.group(1).lower() in _STOP | _PRONOUNS | {"so", "now", "such"}
                         or found.group(0).strip(", ") == "that" and word.group(1).endswith("ed")):
        return None  # "says that", "so that", "agreed that": a complement, not a relative clause
    return _Relative(head)


def _in_relative(p: _Pronoun, rel: _Relative, window: list[Mention], at: int, text: _Text) -> Mention | None:
    """A subject or reflexive pronoun inside a subject relative clause is the head ("Turkey, which sees itself as";
    a thing head: none); an object pronoun is never the head ("Iraq is turning to France, which has sold it jets":
    Iraq). A possessive is left to the other rules ("China, which takes 40% of its exports": Taiwan's)."""
    if p.role != "object":
        return rel.head if rel.head is not None and rel.head in window else None
    barred = {text.level(rel.head.actor)} if rel.head is not None else set()
    fitting = [m for m in window if text.level(m.actor) not in barred and not _modifier(m, p, text)]
    return _checked(p, fitting[-1], at, text, subject=False) if fitting else None


def _prominent(subjects: list[Mention], where: Sentence, earlier: bool) -> Mention:
    """The first subject; in an earlier sentence that ends with a clause of its own subject joined by "and" or "but"
    ("India says it acted ..., and Thimphu has protested. Its foreign ministry"), that last clause's subject."""
    last = subjects[-1]
    if earlier and len(subjects) > 1 and last.actor != subjects[0].actor and re.search(
            r"(?:,\s+(?:and|but)|;)\s+(?:\w+\s+)?$", where.text[:last.start - where.start]) and \
            not re.search(r"[,;]", where.text[last.end - where.start:]):
        return last
    return subjects[0]


_TIMES = {"year", "month", "week", "day", "night", "time", "decade", "century", "while", "rest", "first", "last"}


def _thing_subject(sentence: Sentence, lo: int, at: int, text: _Text) -> bool:
    """A thing opening the pronoun's clause before it ("the peninsula is back where it was", "But the blockade has
    pushed Qatar towards the friends it was meant to cost it")."""
    for opening in re.finditer(r"(?:^|[,;:]\s*|\b(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Tt]hat|[Bb]ecause|says|said|insists|"
                               r"insisted|argues|argued|warns|warned|claims|claimed|believes|thinks|fears)\s+)"
                               r"(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?=[a-z])",
                               sentence.text[lo:at]):
        start = lo + opening.end()
        head = _head(sentence.text, start)
        after = re.search(rf"\b{re.escape(head)}\b", sentence.text[start:]) if head else None
        if after is None or _inside_mention(sentence, start, text) or head in _TIMES:
            continue
        rest = re.sub(r"^\s+(?:at|in|of|on|from)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", "",
                      sentence.text[start + after.end():at])
        rest = re.sub(r"^\s*[\"“]", " ", rest)  # 'said the army "must relinquish'"
        if (_is_thing(head) or head in _NOT_THINGS) and VERBISH.match(rest):
            return True  # "the junta insists it": an actor the drafter did not name is a competitor too
    return False


def _subjects(mentions: list[Mention], sentence: Sentence) -> list[Mention]:
    """The mentions read as subjects: followed by a verb, or the first not governed by a preposition; a possessive
    pronoun ("its treaty") is none."""
    own = [m for m in mentions if m.sentence == sentence.index and m.text.lower() not in ("its", "their", "his",
                                                                                           "her")]
    found = [m for m in own if m.is_subject(sentence) or _as_subject(m, sentence)]
    for m in own:
        words = sentence.text[:m.start - sentence.start].split()
        if any(w.lower() in ("it", "he", "she", "they") or _SUBJECT_VERB.match(" " + w) for w in words):
            break  # "It neither controls Hezbollah": a subject came before
        if not words or words[-1].lower().strip(",") not in _PREPOSITIONS:
            if m not in found and not (m.how == "demonym" and " " not in m.text.strip()):
                found.append(m)
            break
    return sorted(found, key=lambda m: m.start)


def _apposed(mentions: list[Mention], sentence: Sentence, subjects: set[str], text: _Text) -> list[Mention]:
    """Mentions inside an apposition to the clause's subject ("Britain, America's closest ally, has endorsed it")."""
    found = []
    for m in mentions:
        before = sentence.text[:m.start - sentence.start]
        opening = before.rfind(",")
        head = [x for x in mentions if x.end - sentence.start <= opening and text.level(x.actor) in subjects]
        if opening >= 0 and head and not sentence.text[head[-1].end - sentence.start:opening].strip() \
                and re.fullmatch(r",\s+(?:the\s+|an?\s+)?", before[opening:]) \
                and re.match(r"(?:['’]s)?(?:\s+[\w-]+){0,4},", sentence.text[m.end - sentence.start:]):
            found.append(m)
    return found


def _as_subject(m: Mention, sentence: Sentence) -> bool:
    """"as the alliance calls it": the subject of an as-clause; "Britain, America's closest ally, has endorsed it":
    a subject with an apposition before its verb."""
    words = sentence.text[:m.start - sentence.start].split()
    rest = sentence.text[m.end - sentence.start:]
    apposed = re.match(r",\s+[^,;]{1,60},", rest)
    return bool(words) and words[-1].lower() == "as" and bool(VERBISH.match(rest)) or bool(
        apposed and re.match(r"\s+(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|does|"
                             r"did)\b", rest[apposed.end():]))


def _checked(p: _Pronoun, chosen: Mention, at: int, text: _Text, subject: bool) -> Mention | None:
    """The chosen antecedent, or None when something else the pronoun could stand for comes between."""
    if p.cls == "they":
        return None if _plural_things(chosen, at, text) or _coordination(chosen, at, text) else chosen
    if _names_between(p, chosen, at, text) or p.cls == "he" and _titles_between(chosen, at, text):
        return None
    if p.cls == "it" and (_things(chosen, at, text, subject) or not subject and _headed(chosen, text)):
        return None
    if p.cls == "it" and not subject and _outranked(chosen, at, text):
        return None
    return chosen


def _outranked(chosen: Mention, at: int, text: _Text) -> bool:
    """An antecedent in an earlier sentence whose subject is a singular thing and not the antecedent ("The African
    force authorised by the Security Council is arriving. ECOWAS has pledged troops to it"): the subject, the more
    salient of the two, is what "it" stands for."""
    s = text.sentence(chosen.sentence)
    if s is None or s.end > at or chosen.is_subject(s):
        return False
    opening = _OPENING_THING.match(s.text)
    if opening is None or opening.end() > chosen.start - s.start or any(
            _inside_mention(s, k, text) for k in range(opening.start(1), opening.end(1))):
        return False  # "The Iraqi army ...": an actor's body, not a thing
    found = re.match(r"(?:[a-z][\w-]*\s*)*", s.text[opening.end():])
    run = found.group(0) if found else ""
    words = run.split()
    head, taken = None, 0
    for word in words:
        if word in _STOP or word in _PRONOUNS or head and re.search(r"ed$|[^s]s$", word):
            break  # "force authorised by", "force is"
        head, taken = word, taken + 1
    if not _is_thing(head) or head in _TIMES:
        return False
    rest = " " + " ".join(words[taken:]) + s.text[opening.end() + len(run):]
    return bool(VERBISH.match(rest) or re.match(r"\s+(?:[a-z]+ed|in|of|at|on|from|for|with)\b", rest))


# a sentence opening with a noun phrase: determiner, capitalised modifiers ("The African force"), a lower-case noun
_OPENING_THING = re.compile(r"\s*(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+"
                            r"((?:[A-Z][\w'’-]*\s+){0,2})(?=[a-z])")


def _fits(m: Mention, p: _Pronoun, text: _Text) -> bool:
    """Whether the mention's actor can be what the pronoun stands for (class and number)."""
    actor = text.actors.get(m.actor)
    if actor is None:
        return False
    plural = _plural(m, actor)
    if p.cls == "he":
        return actor.kind == "leader" and m.how != "demonym"
    if p.cls == "they":
        return plural
    if actor.kind == "leader" and re.search(r"^[Tt]he\s|\b(?:administration|government|junta|regime)\b", m.text):
        return True  # "the junta", "the Reagan administration": a body standing for the leader's state
    if actor.kind == "leader" or plural or m.how == "demonym" and " " not in m.text.strip():
        return False
    return not _coordinated(m, text)


def _plural(m: Mention, actor: DraftActor) -> bool:
    """A group named in the plural ("the Houthis", "ethnic Albanians", "the rebels"); "Hamas" is singular."""
    if actor.kind not in _PLURAL_KINDS and not (m.how == "demonym" and m.text.startswith(("the ", "The "))):
        return False
    words = m.text.split()
    return bool(words) and bool(re.search(r"[^su'’]s$", words[-1])) and not words[-1].endswith("as")


def _coordinated(m: Mention, text: _Text) -> bool:
    """"Berlin and Paris", "between Moscow and Tbilisi": one of several, not a singular antecedent."""
    sentence = text.sentence(m.sentence)
    if sentence is None:
        return False
    lo, hi = m.start - sentence.start, m.end - sentence.start
    before = re.search(r"[A-Z][\w'’-]*(?P<comma>,?)\s+(?:and|or)\s+(?:the\s+)?$", sentence.text[:lo])
    if before and before.group("comma") and m.is_subject(sentence):
        before = None  # ", and Berlin has pulled": a new clause, not a list
    after = re.match(r"\s+(?:and|or)\s+(?:the\s+)?[A-Z]|,\s+(?:and|or)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                     r"(?!\s+(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|does|did)\b)",
                     sentence.text[hi:])
    return bool(before or after)


def _modifier(m: Mention, p: _Pronoun, text: _Text) -> bool:
    """A mention that modifies a noun ("12,000 NATO soldiers", "a United Nations force", "Venezuela's claim"): the
    noun, not the actor, is what a singular pronoun after it may stand for."""
    if p.cls != "it":
        return False
    sentence = text.sentence(m.sentence)
    if sentence is None:
        return False
    rest = sentence.text[m.end - sentence.start:]
    owner = re.match(r"['’]s\s+", rest)
    if owner and p.role != "possessive" and _is_thing(_head(rest, owner.end())):
        return True
    lead = re.search(r"(?:\b(?:a|an|the)|\d)\s+$", sentence.text[:m.start - sentence.start])
    noun = re.match(r"\s+([a-z][\w-]*)\b", rest)
    return bool(lead and noun and noun.group(1) not in _PREPOSITIONS | _OPENERS
                and not _SUBJECT_VERB.match(rest) and not re.match(r"\s+(?:do|does|have|are|itself)\b", rest))


_SINGULAR = re.compile(r"[a-z][\w-]*[^s\W]$|[a-z][\w-]*(?:ss|us|is)$")
_FUNCTION_CAPS = {"The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "His", "She", "Her", "They",
                  "Their", "But", "And", "Yet", "So", "If", "When", "While", "Although", "Though", "Since", "As",
                  "In", "On", "At", "For", "With", "After", "Before", "Few", "Some", "Most", "Many", "Even", "Still",
                  "Meanwhile", "Moreover", "However", "Now", "Then", "What", "Which", "Who", "Why", "How", "Under",
                  "By", "From", "To", "Within", "Without", "Over", "Only", "Not", "No", "Both", "Each", "All"}
_CAPS = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?|al-|el-|de\s+)?[A-Z][\w'’-]*)*")


def _spans(chosen: Mention, at: int, text: _Text) -> list[tuple[Sentence, int, int]]:
    """(sentence, start, end) of the text between the antecedent and the pronoun, sentence-relative."""
    spans = []
    for index in range(chosen.sentence, text.sentences[-1].index + 1):
        s = text.sentence(index)
        if s is None or s.start >= at:
            break
        spans.append((s, max(chosen.end, s.start) - s.start, min(at, s.end) - s.start))
    return spans


def _names_between(p: _Pronoun, chosen: Mention, at: int, text: _Text) -> bool:
    """A capitalised name that is no actor between the antecedent and the pronoun ("The Vatican", "PDVSA", a
    person the drafter does not know), not a place after a preposition."""
    mentions = {(m.start, m.end) for m in text.pool}
    for s, lo, hi in _spans(chosen, at, text):
        for m in _CAPS.finditer(s.text, lo, hi):
            words = m.group(0).split()
            while words and words[0] in _FUNCTION_CAPS:
                words = words[1:]
            if not words or all(w in _MONTHS for w in words) or not _person_or_body(words, p, m.group(0),
                                                                                   s.text[m.end():]):
                continue
            start = s.start + m.end() - len(" ".join(words))
            if any(a < s.start + m.end() and start < b for a, b in mentions):
                continue
            before = s.text[:m.start()].split()
            if m.start() == 0 and len(words) == len(m.group(0).split()) and len(words) == 1 and p.cls != "he":
                continue  # a sentence's first word
            if before and before[-1].lower().strip(",") in _PREPOSITIONS | {"the"} and (
                    before[-1].lower() != "the" or len(before) > 1 and before[-2].lower() in _PREPOSITIONS):
                continue  # a place: "in Gaza", "across the Red Sea"
            return True
    return False


_TITLE = re.compile(r"\b[Tt]he\s+(?:emir|king|queen|sultan|shah|president|prime\s+minister|premier|chancellor|general|"
                    r"colonel|dictator|commander|foreign\s+minister|defence\s+minister|minister|leader|secretary)\b")


def _titles_between(chosen: Mention, at: int, text: _Text) -> bool:
    """A person named by a title alone between the antecedent and "he"/"his" ("Gargash talks of a parting of ways. He
    may be right ..., and the emir, for his part"): the titled person competes; an apposition to a mention ("Erdogan,
    the president,") is that mention."""
    for s, lo, hi in _spans(chosen, at, text):
        for m in _TITLE.finditer(s.text, lo, hi):
            if not _inside_mention(s, m.start(), text) and not _apposition(s, m.start(), text):
                return True
    return False


def _things(chosen: Mention, at: int, text: _Text, subject: bool) -> bool:
    """A singular thing "it" may stand for: between the antecedent and the pronoun; for a subject pronoun whose
    antecedent is in an earlier sentence, a thing opening the pronoun's sentence or the antecedent's ("The coalition
    is thinner than it looks")."""
    spans = _spans(chosen, at, text)
    if subject:
        own = next(s for s in text.sentences if s.start <= at <= s.end)
        if own.index == chosen.sentence:
            return False
        if any(_thing_subject(s, lo, hi, text) for s, lo, hi in spans):
            return True  # "Damascus has bought ..., and the naval supply point at Tartus is ... . It is now joined"
        first = spans[0][0]
        spans = [(first, 0, chosen.start - first.start), (own, 0, at - own.start)]
    for s, lo, hi in spans:
        for m in _THING.finditer(s.text, lo, hi):
            if subject and _after_preposition(s.text, m.start()):
                continue
            if _is_thing(_head(s.text, m.end())) and not _inside_mention(s, m.end(), text) \
                    and not _apposition(s, m.start(), text):
                return True
    return False


_COPULA = re.compile(r"\b(?:is|are|was|were|has\s+become|have\s+become|had\s+become|becomes?|became|remains?|"
                     r"remained)\s+(?:(?:now|still|also|already|long|by\s+far)\s+)*")


def _predicate(subject: Mention, p: _Pronoun, sentence: Sentence) -> bool:
    """A possessive in the noun phrase predicated of the subject ("China is Myanmar's largest investor and its
    biggest trading partner", "India has become its main arms supplier"): the subject is not its own partner."""
    between = sentence.text[subject.end - sentence.start:p.start]
    copulas = list(_COPULA.finditer(between))
    copula = copulas[-1] if copulas else None
    if copula is None:
        return False
    predicate = between[copula.end():]
    noun = re.match(r"\s+[a-z][\w-]*", sentence.text[p.end:])
    if noun and VERBISH.match(sentence.text[p.end + noun.end():]):
        return False  # "Turkey is Azerbaijan's ally and its army trains ...": a new clause's subject
    return bool(re.fullmatch(r"(?:(?:an?|the|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*['’]s)\s+[^,;:]*?\s+(?:and|or)\s+)?",
                             predicate)) and not re.search(r"\b(?:to|that|which|who|if|when)\b", predicate)


def _apposition(s: Sentence, at: int, text: _Text) -> bool:
    """A noun phrase right after an actor and a comma ("France, its main supplier,"): it describes the actor."""
    lead = re.search(r",\s+$", s.text[:at])
    return bool(lead) and any(m.sentence == s.index and m.end - s.start == lead.start() for m in text.pool)


_STOP = _PREPOSITIONS | _OPENERS | {"and", "or", "is", "are", "was", "were", "has", "have", "had", "will", "would",
                                    "can", "could", "may", "might", "must", "should", "does", "did", "do", "who",
                                    "which", "whose", "whom", "not", "no"}


def _head(sentence_text: str, pos: int) -> str | None:
    """The last of the lower-case words from `pos` before a function word or anything else: a noun phrase's head."""
    head = None
    run = re.match(r"(?:[a-z][\w-]*\s*)*", sentence_text[pos:])
    words = run.group(0).split() if run else []
    for k, word in enumerate(words):
        following = words[k + 1] if k + 1 < len(words) else ""
        verb = head and re.search(r"[^s]s$|ed$", word) and (following in _PRONOUNS or not following)
        if word in _STOP or word in _PRONOUNS or verb:
            break  # a function word, a pronoun, or a verb after the noun ("the junta insists it")
        head = word
    return head


_PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "the", "a", "an", "that", "this"}


def _is_thing(noun: str | None) -> bool:
    return bool(noun) and bool(_SINGULAR.match(noun)) and noun not in _NOT_THINGS and not noun.endswith("ly")


def _person_or_body(words: list[str], p: _Pronoun, whole: str, rest: str) -> bool:
    """Names that compete with an actor: for "he", a person ("Juan Guaidó", "Mr Guaidó"); for "it", a body or an
    operation ("The Vatican", "Operation Deliberate Force", "PDVSA")."""
    if p.cls == "he":  # a single word too when a subject: "Clerides says he", "Güneş, for his part"
        return len(words) > 1 or bool(re.match(r",|\s+(?:says|said|told|tells|has|had|is|was|will|would|insists|"
                                               r"argues|wants|warned|warns)\b", rest))
    if p.cls == "it":
        return len(words) > 1 or words[0].isupper() and len(words[0]) >= 3 or whole.startswith("The ")
    return False


def _plural_things(chosen: Mention, at: int, text: _Text) -> bool:
    """Plural things "they"/"them" may stand for between the antecedent and the pronoun."""
    for s, lo, hi in _spans(chosen, at, text):
        for m in _THINGS.finditer(s.text, lo, hi):
            if m.group("noun") not in _NOT_PLURAL_THINGS and not _inside_mention(s, m.start("noun"), text):
                return True
    demonyms = [m for a in text.actors.values() for m in a.mentions if m.how == "demonym"
                and chosen.end <= m.start and m.end <= at]
    return any(re.match(r"\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*[^su\W]s\b", _after(m, text)) for m in demonyms)


def _after(m: Mention, text: _Text) -> str:
    """The text of the mention's sentence after it ("Georgian brigades": " brigades ...")."""
    s = text.sentence(m.sentence)
    return s.text[m.end - s.start:] if s is not None else ""


def _coordination(chosen: Mention, at: int, text: _Text) -> bool:
    """Actors named together after the antecedent ("Tanzania and South Africa say they"): they are "they"."""
    later = [m for m in text.pool if chosen.end <= m.start and m.end <= at]
    return any(_coordinated(m, text) for m in later)


def _headed(chosen: Mention, text: _Text) -> bool:
    """An antecedent inside a phrase headed by a thing ("a full trade embargo on Iraq"): "it" is the thing."""
    s = text.sentence(chosen.sentence)
    if s is None:
        return False
    head = re.search(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z][\w-]*)\s+(?:on|of|against|with|to|for|from|"
                     r"over|in)\s+(?:the\s+)?$", s.text[:chosen.start - s.start], re.IGNORECASE)
    return bool(head and _is_thing(head.group("noun")))


def _after_preposition(sentence_text: str, at: int) -> bool:
    words = sentence_text[:at].split()
    return bool(words) and words[-1].lower().strip(",") in _PREPOSITIONS


def _inside_mention(s: Sentence, at: int, text: _Text) -> bool:
    pos = s.start + at
    return any(m.start <= pos < m.end for m in text.pool)
