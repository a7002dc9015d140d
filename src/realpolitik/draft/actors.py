"""Actors: find the states, leaders, organisations and groups a text names, gazetteer first.

Order of steps (each claims its words before the next; overlaps go to the earlier step, then the longer span):
1. rule-based groups (`groups.py`): built on a demonym or a state's name ("the Armenian lobby", "Syrian
   mercenaries", "the Israel lobby"), ethnic peoples and blocs ("ethnic Albanians", "the Arab states");
2. title + name ("Foreign Minister Sergei Lavrov", "Prime Minister Anthony Eden of Britain"), leaders and other
   persons the text introduces by a frame (`leaders.py`: "Nicolas Sarkozy, the French president", "General Ratko
   Mladic", "Wu Qian, the defence ministry's spokesman", "US envoy Richard Holbrooke"), bodies it defines or names
   (`acronyms.py`: "the March 23 Movement (M23)", "the Baghdad Pact", "the Badr Brigade"; armed men named by a
   person's possessive, "Khalifa Haftar's forces", and names described as armed bodies, "Falintil, the guerrilla
   army of ..."), persons named by a given name ("Michael Blumenthal") and monarchs by their title alone ("the
   Shah", "Jordan's King");
3. every gazetteer name: state names and forms valid at the as-of date, demonyms (with an organ: "the Turkish
   military"), capitals and seats used as metonyms ("Ankara", "the Kremlin", "Brussels" → EU; not as a venue),
   leaders and officials (`officials.csv`: "U Thant" speaks for the UN; with an organ: "the Reagan
   administration"), organisations, named groups, states outside the COW system; states of the past or not
   yet members, and historical forms out of their period, claim their words but are no actors;
4. optionally a spaCy NER proposes names nothing above knows (marked ``unknown``; see `ner.py`).
Then: unknown leaders are merged by surname (later mentions included), a form two states share follows the state
the text names otherwise, appositions and "the alliance" become mentions of the actor meant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from realpolitik.draft import acronyms, groups, leaders
from realpolitik.draft.candidates import Candidate
from realpolitik.draft.evidence import Evidence, Sentence
from realpolitik.draft.gazetteer import Entity, Gazetteer, Name, load_gazetteer
from realpolitik.draft.leaders import PLACE_AFTER, THING_NAMED

_ORGANS = (r"(?:\s+(?:Air\s+Force|Army|Navy|military|armed\s+forces|forces|troops|government|state|regime|"
           r"leadership|authorities|parliament|foreign\s+ministry|defence\s+ministry|defense\s+ministry|"
           r"security\s+services|intelligence))?")
_ORGAN_RE = re.compile(_ORGANS)
_POSSESSED_ORGAN = re.compile(r"['’]s\s+(?:military\s+)?(?:junta|government|regime|army|military|armed\s+forces|"
                              r"leadership|generals|foreign\s+ministry|defen[cs]e\s+ministry|parliament)\b")
_TITLES = (r"President|Prime\s+Minister|Foreign\s+Minister|Defen[cs]e\s+Minister|Chancellor|King|Emir|"
           r"Crown\s+Prince|Supreme\s+Leader|Premier|Secretary\s+of\s+State|Secretary[\s-]General|Ayatollah|Sheikh|"
           r"Sultan|Emperor|Empress|Shah|Tsar|Czar|Kaiser|Queen|Negus")
_PREPOSITIONS = {"for", "to", "with", "from", "of", "in", "on", "by", "against", "about", "at", "into", "over",
                 "than", "like", "toward", "towards", "between", "among", "off", "within", "as"}
# Plural nouns that often follow an actor's name and are not verbs ("the US access", "Turkish relations").
_NOT_VERBS = (r"(?!(?:[a-z]+ss|relations|forces|troops|interests|arms|ties|weapons|officials|leaders|authorities|"
              r"policies|ambitions|allies|news|gas|means|series|economics|politics|affairs|exports|imports|"
              r"sanctions|talks|bases|borders|elections|forces|generals|diplomats|efforts|demands|claims)\b)")
VERBISH = re.compile(r"^(?:['’]s\s+\w+\s+)?\s*(?:,\s*(?:who|which)\s+|(?:who|which)\s+)?"
                      r"(?:also\s+|still\s+|now\s+|already\s+|even\s+|practically\s+|has\s+been\s+)?(?:has|have|had|is|are|was|were|will|would|won['’]t|"
                      r"wouldn['’]t|can|could|may|might|must|should|does|did|doesn['’]t|didn['’]t|"
                      r"sold|told|took|kept|gave|sent|held|made|said|built|bought|brought|won|lost|led|left|put|set|"
                      r"began|struck|fought|sought|met|spent|paid|thought|ran|saw|knew|grew|drew|threw|broke|chose|"
                      r"rose|stood|became|gets|got|cut|hit|shut|quit|" + _NOT_VERBS + r"[a-z]+s|[a-z]+ed)\b")


_PLURAL_VERB = re.compile(r"\s+(?:also\s+|still\s+|now\s+)?(?:make|hold|control|want|need|fear|say|claim|seek|refuse|"
                          r"reject|accept|fight|face|keep|hope|plan|insist|demand|remain|see|believe|support|oppose|"
                          r"back|dominate|run|rule|receive|get|live|lead|form|number|represent|share|speak|"
                          r"depend|rely|buy|sell|supply|host|threaten|attack)\b")


@dataclass(frozen=True)
class Mention:
    """One place the text names an actor."""

    actor: str
    start: int  # text offsets
    end: int
    text: str
    sentence: int
    how: str  # name | demonym | metonym | title | group | ner

    def is_subject(self, sentence: Sentence) -> bool:
        """Heuristic: the mention is followed by a verb and not governed by a preposition."""
        before = sentence.text[:self.start - sentence.start].split()
        if before and before[-1].lower().strip(",") in _PREPOSITIONS:
            return False
        if self.how == "demonym" and " " not in self.text and not self.text.endswith("s"):
            return False  # an adjective ("Turkish relations"), not a subject; "the Turkish military" can be
        rest = sentence.text[self.end - sentence.start:]
        if self.text.endswith("s") and _PLURAL_VERB.match(rest):  # "ethnic Albanians make up", "the Houthis hold"
            return True
        return bool(VERBISH.match(rest))


@dataclass
class DraftActor:
    """A drafted actor with every mention; `evidence` is its first mention."""

    id: str
    name: str
    kind: str  # state | leader | organisation | non_state | group | armed_group
    cow: int | None
    represents: str | None
    mentions: list[Mention] = field(default_factory=list)
    origin: str = "gazetteer"  # gazetteer | rule | ner
    unknown: bool = False
    note: str | None = None
    evidence: Evidence | None = None
    led_cow: int | None = None  # for a leader: the COW code of the state it leads
    led_org: str | None = None  # for a leader: the id of the organisation or body it speaks for
    implies_state: bool = True  # False for a former office holder: represents the state only if the text names it


def side(actor_id: str, actors: dict[str, DraftActor]) -> str:
    """The side an actor stands for: the state or body a leader represents, else the actor itself ("Erdogan" and
    "Turkey" are one side)."""
    actor = actors.get(actor_id)
    return (actor.represents if actor is not None and actor.represents else None) or actor_id


def _form_pattern(form: str) -> str:
    body = re.escape(form).replace(r"\ ", r"\s+")
    if form.startswith("the "):
        body = "[Tt]he" + body[3:]
    return body


@cache
def _index() -> dict[str, list[tuple[re.Pattern[str], list[Name]]]]:
    """Gazetteer forms by their first word (\\w+), longest form first: a scan looks up only the forms that can
    start at a word (much faster than one alternation of every form)."""
    gaz = load_gazetteer()
    by_form: dict[str, list[Name]] = {}
    for name in gaz.names:
        by_form.setdefault(name.form, []).append(name)
    index: dict[str, list[tuple[re.Pattern[str], list[Name]]]] = {}
    for form in sorted(by_form, key=len, reverse=True):
        first = re.match(r"\w+", form)
        if not first:
            continue
        keys = {first.group(0), "The"} if first.group(0) == "the" else {first.group(0)}
        pattern = re.compile(_form_pattern(form) + r"(?![\w$])")  # "US$" is a currency, not the US
        for key in keys:
            index.setdefault(key, []).append((pattern, by_form[form]))
    return index


def scan(text: str) -> list[tuple[int, int, list[Name]]]:
    """Return (start, end, names) for the longest gazetteer form starting at each word of `text`."""
    index = _index()
    found = []
    for word in re.finditer(r"(?<![\w-])\w+", text):
        for pattern, names in index.get(word.group(0), ()):
            m = pattern.match(text, word.start())
            if m:
                if not _part_of_longer_name(text, m, names, index):
                    found.append((m.start(), m.end(), names))
                break
    return found


def _part_of_longer_name(text: str, m: re.Match[str], names: list[Name], index: dict) -> bool:
    """Whether a one-word form of a person is the first word of another person's name the gazetteer does not know:
    "Vlad" is Putin's nickname, "Vlad Filat" someone else."""
    if " " in m.group(0) or not all(n.entity.kind == "leader" for n in names):
        return False
    after = re.match(r"[ \t]+([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w'’-]*)", text[m.end():m.end() + 60])
    return bool(after) and after.group(1) not in index and after.group(1) not in _NOT_NAME_AFTER


# capitalised words that may follow a person's one-word name without extending it
_NOT_NAME_AFTER = frozenset("""The A An And But Or On In At By For From With To Of As If So Yet Is Was Has Had Said Says
Monday Tuesday Wednesday Thursday Friday Saturday Sunday I He She It We They""".split())


def _choose(names: list[Name], as_of: dt.date | None) -> Name:
    """Pick among entities sharing a surface form: valid at the as-of date first, then the most recent term."""
    def key(n: Name) -> tuple[bool, bool, dt.date]:
        last = max((end or dt.date.max for _, end in n.entity.spells), default=dt.date.max)
        return (n.valid_at(as_of), not n.historical_at(as_of), last)
    return max(names, key=key)


def find_actors(text: str, sentences: list[Sentence], as_of: dt.date | None = None,
                use_ner: bool = True) -> tuple[list[DraftActor], list[Mention]]:
    """Return the actors named in `text` (states, bodies and groups in order of first mention, then persons in that
    order) and every mention, by offset."""
    gaz = load_gazetteer()
    candidates: list[Candidate] = []
    for sentence in sentences:
        candidates += groups.find_groups(sentence, gaz)
        candidates += _titled(sentence, gaz, as_of)
        candidates += _proposed_leaders(sentence, as_of)
        candidates += _gazetteer_names(sentence, as_of)
    forces, force_leaders = acronyms.possessed_forces(text, _is_known)
    named = [*acronyms.defined(text, _is_known),
             *acronyms.bodies(text, _is_known, _is_state_form, frozenset(gaz.peoples)),
             *acronyms.led_bodies(text, _is_known), *forces,
             *acronyms.described_bodies(text, _is_known)]
    candidates += [Candidate(start, end, entity, "title", "rule") for start, end, entity in named]
    candidates += [Candidate(start, end, entity, "title", "unknown")
                   for start, end, entity in force_leaders]
    candidates += _bare_titles(text, sentences, candidates, as_of)
    _apposed_to_titles(text, candidates)
    candidates = _unify_unknown_leaders(candidates, sentences)
    _resolve_shared_forms(candidates)
    _confirm_capitals(candidates)
    if use_ner:
        from realpolitik.draft.ner import propose

        candidates += [Candidate(s, e, ent, "ner") for s, e, ent in propose(text, [(c.start, c.end)
                                                                                     for c in candidates])]
    chosen = groups.appositions(text, _non_overlapping(candidates))
    chosen = groups.peoples_named_whole(groups.blocs(groups.anaphors(text, chosen)))
    chosen = groups.peoples_as_bodies(text, chosen)
    return _assemble(text, sentences, chosen, gaz, as_of)


def _titled(sentence: Sentence, gaz: Gazetteer, as_of: dt.date | None) -> list[Candidate]:
    found = []
    up = "A-ZÀ-ÖØ-Þ"
    titled = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>[{up}][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?"
                        rf"[{up}][\w'’-]+){{0,3}}(?:\s+(?:Al|Bin)\s+[{up}][\w'’-]+)?)")
    for m in titled.finditer(sentence.text):
        name = re.sub(r"['’]s?$", "", m.group("name"))  # "King Fahd's blessing": the possessive is no part
        end = m.start("name") + len(name)
        if name.split()[-1] in PLACE_AFTER or THING_NAMED.match(sentence.text, end):
            continue  # "Martin Luther King Boulevard", "the King Fahd airport": a place named for a person
        if re.match(r"(?:Jr|Sr|Junior|Senior)\b", name):
            continue  # "Martin Luther King Jr.": the title is a surname
        leaders = _leader_names()
        titled_form = re.sub(r"\s+", " ", f"{m.group('title')} {name}")  # "King Hussein" is a form of its own
        known = leaders.get(titled_form) or leaders.get(name) or [
            n for form, names in leaders.items() if name.endswith(form) and len(form) > 3 for n in names]
        if known:
            entity = _choose(known, as_of).entity
            found.append(Candidate(sentence.start + m.start(), sentence.start + end, entity, "title"))
            continue
        if _index_has(name):
            continue  # "President Trump"-style forms of known non-leaders are left to the name step
        state = _state_before(sentence, m.start(), as_of) or _state_after(sentence, end, as_of)
        entity = Entity(re.sub(r"[^a-z0-9]+", "_", name.lower()), name, "leader",
                        represents=state.cow if state else None, role=m.group("title"))
        found.append(Candidate(sentence.start + m.start(), sentence.start + end, entity, "title", "unknown"))
    return found


# a monarch's title alone, after "the", a state's possessive or "whose" ("the Shah", "Jordan's King", "Iran, whose
# Shah"); capitalised, so that "the king of the hill" is none
_BARE_TITLE = re.compile(r"(?:(?<![\w-])(?P<the>[Tt]he)|(?P<whose>\bwhose)|"
                         r"(?<![\w.'’-])(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,4})['’]s)"
                         r"\s+(?:(?:then|late|former|young|old|ailing|exiled)\s+)?"
                         r"(?P<title>Shah|Emperor|Empress|Emir|King|Queen|Sultan|Tsar|Czar|Kaiser|Negus)"
                         r"(?:\s+of\s+(?P<of>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))?(?![\w'’-]|\s+[A-Z])")


def _bare_titles(text: str, sentences: list[Sentence], candidates: list[Candidate],
                 as_of: dt.date | None) -> list[Candidate]:
    """A monarch named by his title alone ("the Shah", "Jordan's King", "Iran, whose Shah regards ..."): the
    gazetteer's holder of that title, at the as-of date, of the state the possessive or "whose" names, else of the
    one state the text names whose ruler bears that title, else the one ruler in the world who bears it then. A title
    no known ruler bears stays unread (a title is no name)."""
    named = {c.entity.cow for c in candidates if c.entity.kind == "state" and c.name is None and c.entity.cow}
    found = []
    for sentence in sentences:
        for m in _BARE_TITLE.finditer(sentence.text):
            holders = _title_holders(m.group("title"), as_of)
            if m.group("owner") or m.group("whose") or m.group("of"):
                words = m.group("owner") or m.group("of") or sentence.text[:m.start()]
                state = _state_named_last(words, as_of)
                holders = [h for h in holders if state is not None and h.represents == state]
            elif len(holders) > 1:
                holders = [h for h in holders if h.represents in named]
            if len(holders) == 1:
                start = sentence.start + m.start("the" if m.group("the") else "title")
                found.append(Candidate(start, sentence.start + m.end("title"), holders[0], "title"))
    return found


def _apposed_to_titles(text: str, candidates: list[Candidate]) -> None:
    """"the Emir of Kuwait, Sheikh Sabah al-Ahmad": a name the text introduces in apposition to a title the drafter
    resolved is the title's holder when the two share a word; else the title is left to the name."""
    titles = [c for c in candidates if c.how == "title" and c.name is None and c.entity.kind == "leader"
              and re.fullmatch(r"(?:[Tt]he\s+)?[A-Z][a-z]+", text[c.start:c.end])]
    for t in titles:
        after = re.match(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?,\s+", text[t.end:t.end + 80])
        if not after:
            continue
        at = t.end + after.end()
        for c in candidates:
            if c.name == "unknown" and c.entity.kind == "leader" and at <= c.start <= at + 12:
                shared = set(re.findall(r"[A-Z]\w{3,}", c.entity.name.lower().title())) & \
                    set(re.findall(r"[A-Z]\w{3,}", t.entity.name.lower().title()))
                if shared:
                    c.entity, c.name = t.entity, None
                else:
                    t.name = "venue"


def _title_holders(title: str, as_of: dt.date | None) -> list[Entity]:
    """The gazetteer's leaders in office at `as_of` whose role is `title` ("Shah", "King")."""
    people = {n.entity.id: n.entity for names in _leader_names().values() for n in names}
    return [e for e in people.values() if (e.role or "").split()[-1:] == [title] and as_of is not None
            and e.valid_at(as_of)]


def _state_named_last(words: str, as_of: dt.date | None) -> int | None:
    """The COW code of the last state `words` name (a possessive owner, or the words before "whose")."""
    code = None
    for _, _, names in scan(words):
        name = _choose(names, as_of)
        if name.entity.kind == "state" and name.valid_at(as_of):
            code = name.entity.cow
    return code


@cache
def _leader_names() -> dict[str, list[Name]]:
    names: dict[str, list[Name]] = {}
    for n in load_gazetteer().names:
        if n.entity.kind == "leader":
            names.setdefault(n.form, []).append(n)
    return names


def _index_has(form: str) -> bool:
    return any(start == 0 and end == len(form) and not all(n.confirm for n in names)
               for start, end, names in scan(form))


def _state_before(sentence: Sentence, at: int, as_of: dt.date | None) -> Entity | None:
    """The state named by a possessive or demonym just before a title ("Ethiopia's Prime Minister")."""
    window = sentence.text[max(0, at - 40):at]
    best = None
    for _, end, names in scan(window):
        if names[0].entity.kind == "state" and re.match(r"^(?:['’]s)?\s+(?:[a-z]+\s+)?$", window[end:]):
            best = _choose(names, as_of).entity
    return best


@cache
def _frame_forms(as_of: dt.date | None) -> tuple[dict[str, int], dict[str, int]]:
    """Demonyms and state names → the COW code they name at `as_of` (for the leader frames)."""
    by_form: dict[str, list[Name]] = {}
    for n in load_gazetteer().names:
        if n.entity.kind == "state" and n.how in ("demonym", "name") and n.entity.cow is not None:
            by_form.setdefault(n.form, []).append(n)
    demonyms: dict[str, int] = {}
    states: dict[str, int] = {}
    for form, names in by_form.items():
        chosen = _choose(names, as_of)
        if chosen.valid_at(as_of) and chosen.entity.cow is not None:
            (demonyms if chosen.how == "demonym" else states)[form] = chosen.entity.cow
    return demonyms, states


def _proposed_leaders(sentence: Sentence, as_of: dt.date | None) -> list[Candidate]:
    demonyms, states = _frame_forms(as_of)
    found = leaders.propose(sentence, demonyms, states, _is_known)
    found += leaders.persons(sentence, lambda words, last: _speaks_for(words, as_of, last), _is_known,
                             lambda words: _leaders_state(words, as_of))
    found += leaders.given_name_persons(sentence, _is_known)
    return [Candidate(start, end, entity, "title", "unknown") for start, end, entity in found]


def _speaks_for(words: str, as_of: dt.date | None, last: bool = True) -> tuple[int | None, str | None]:
    """The state (COW code) or the organisation/body (id) that `words` name, the last one (or the first) ("the UN's
    envoy", "Japan's ambassador", "the Bosnian Serb leader")."""
    found = scan(words)
    for _, _, names in (reversed(found) if last else found):
        name = _choose(names, as_of)
        if name.entity.kind == "state" and name.valid_at(as_of) and not name.historical_at(as_of):
            return name.entity.cow, None
        if name.entity.kind in ("organisation", "non_state"):
            return None, name.entity.id
    return None, None


def _leaders_state(words: str, as_of: dt.date | None) -> tuple[int | None, str | None]:
    """The state (or body) of the first leader `words` name who holds office at `as_of`, the subject "his" refers to
    ("Reagan met Gorbachev, and X, his envoy" → the USA)."""
    for _, _, names in scan(words):
        name = _choose(names, as_of)
        if name.entity.kind == "leader" and name.valid_at(as_of) and (name.entity.represents or name.entity.org):
            return name.entity.represents, name.entity.org
    return None, None


def _is_state_form(form: str) -> bool:
    """Whether `form` is, whole, a state's name, demonym or metonym in the gazetteer ("Lebanese", "Syrian")."""
    return any(start == 0 and end == len(form) and any(n.entity.kind == "state" for n in names)
               for start, end, names in scan(form))


def _is_known(form: str) -> bool:
    return bool(scan(form)) and (_index_has(form) or form in _leader_names() or
                                 any(form.endswith(" " + f) for f in _leader_names()))


def _unify_unknown_leaders(candidates: list[Candidate], sentences: list[Sentence]) -> list[Candidate]:
    """One actor per unknown leader (by surname), with the state any frame gave, and every later mention of its
    surname ("Sarkozy", "Vucic's") as a mention of it."""
    _surnames_of_known(candidates)
    unknown = [c for c in candidates if c.name == "unknown" and c.entity.kind == "leader"]
    if not unknown:
        return candidates
    people = leaders.merge([c.entity for c in unknown])
    for c in unknown:
        c.entity = people[leaders.surname(c.entity.name)]
    for sentence in sentences:
        candidates += [Candidate(start, end, person, "name", "unknown")
                       for start, end, person in leaders.surname_mentions(sentence, people)]
    return candidates


def _surnames_of_known(candidates: list[Candidate]) -> None:
    """"John Howard ... Mr Howard": a person the text names by one word after a title, that word the surname of a
    leader the gazetteer knows and the text names in full, is that leader (a frequent surname stands alone in no
    gazetteer form)."""
    known = {c.entity.name.split()[-1]: c.entity for c in candidates
             if c.entity.kind == "leader" and c.name is None and " " in c.entity.name}
    for c in candidates:
        if c.name == "unknown" and c.entity.kind == "leader" and c.entity.name in known and \
                c.entity.represents in (None, known[c.entity.name].represents):
            c.entity, c.name = known[c.entity.name], None


def _state_after(sentence: Sentence, at: int, as_of: dt.date | None) -> Entity | None:
    """The state named right after a titled name ("Prime Minister Anthony Eden of Britain")."""
    of = re.match(r"\s+of\s+", sentence.text[at:])
    if not of:
        return None
    for start, _, names in scan(sentence.text[at + of.end():at + of.end() + 60]):
        if start == 0 and names[0].entity.kind == "state":
            return _choose(names, as_of).entity
    return None


def _gazetteer_names(sentence: Sentence, as_of: dt.date | None) -> list[Candidate]:
    found = []
    for start, end, names in scan(sentence.text):
        name = _choose(names, as_of)
        if name.how == "demonym":
            organ = _ORGAN_RE.match(sentence.text, end)
            end = organ.end() if organ else end
        elif name.entity.kind == "leader":  # "the Carter administration" speaks for Carter
            organ = _LEADER_ORGAN.match(sentence.text, end)
            end = organ.end() if organ else end
        elif names[0].entity.kind == "state":  # "Mali's junta" speaks for Mali
            organ = _POSSESSED_ORGAN.match(sentence.text, end)
            end = organ.end() if organ else end
        history = "history" if name.historical_at(as_of) else None  # claims its words, never an actor
        if name.entity.kind == "leader" and _NAMED_FOR.match(sentence.text, end):
            history = "venue"  # "Hosni Mubarak Street", "the Jomo Kenyatta airport": a place named for the leader
        elif name.entity.kind == "leader" and name.period is not None and (
                not name.valid_at(as_of) or _in_a_longer_name(sentence.text, start, end)):
            history = "venue"  # a regnal name alone ("Faisal") outside the reign, or a part of a longer name
        elif name.entity.kind == "group" and name.entity.name in _people_names() and \
                ATTRIBUTIVE.match(sentence.text, end):
            history = "venue"  # "the Hausa language", "Hoa villages": the people's name qualifies a noun
        elif name.confirm:
            history = "unconfirmed"  # "Georgetown": Guyana only if the text names Guyana otherwise
        elif _is_venue(name, sentence.text, start, end):
            history = "venue"  # "when its ministers meet in Vientiane": a place, not Laos
        elif name.how == "demonym" and _DESCRIBES.match(sentence.text, end) and _OWNED.search(sentence.text[:start]):
            history = "venue"  # "Iran's Lebanese ally": the demonym describes another actor, names no state
        if history == "history" and name.how == "demonym" and name.entity.begins_after(as_of) and \
                not ATTRIBUTIVE.match(sentence.text, end) and not re.match(r"\s+[A-Z]", sentence.text[end:]):
            start, people = _territory_people(sentence.text, start, name)  # "the East Timorese" in 1999
            found.append(Candidate(sentence.start + start, sentence.start + end, people, "group"))
            continue
        others = tuple(n.entity for n in names if n.entity.kind == "state" and n.entity is not name.entity
                       and n.valid_at(as_of))
        found.append(Candidate(sentence.start + start, sentence.start + end, name.entity, name.how, history,
                                others))
    return found


def _territory_people(text: str, start: int, name: Name) -> tuple[int, Entity]:
    """The people of a territory that is no state at the date, named by its demonym as a noun ("the East Timorese"
    in 1999): one group (a compass word of the territory's name before the demonym is part of it)."""
    compass = name.entity.name.split()[0]
    if compass in ("East", "West", "North", "South") and text[:start].endswith(compass + " "):
        start -= len(compass) + 1
    label = (f"{compass} " if compass in ("East", "West", "North", "South") else "") + name.form
    return start, Entity(re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_"), label, "group",
                         source=f"the people of {name.entity.name}, not a state at the date")


# words after a person's name that make the words a place's or thing's name
# (places and buildings only: "the Reagan doctrine", "the Putin era" still name the leader)
_NAMED_FOR = re.compile(r"\s+(?:" + "|".join(sorted(PLACE_AFTER - {"Line", "Prize", "Foundation"})) +
                        r"|base|air\s*base|airbase|airport|airfield|port|harbour|harbor|mosque|church|camp|barracks|bridge|dam|"
                        r"university|hospital|stadium|square|street|road|highway)\b")


# a lowercase word after a people's name that is no verb, preposition, conjunction or relative: the name is an
# adjective there ("the Hausa language", "Masalit villages"), not the people
ATTRIBUTIVE = re.compile(r"(?:-speaking|-majority|-dominated|-populated|\s+(?!(?:and|or|but|nor|who|whom|whose|which|"
                          r"that|have|has|had|are|were|was|is|will|would|can|could|may|might|must|should|do|did|"
                          r"also|still|now|alone|themselves|too|remain|live|fear|say|want|fled|form|not|never|already|once|often|"
                          # verbs whose past or plural present ends in no -ed ("the Masalit fought", "the Kachin hold")
                          r"fought|took|held|hold|made|make|won|lost|left|sought|seek|ran|began|saw|went|came|rose|said|"
                          r"told|gave|kept|met|sent|struck|led|lead|built|became|control|demand|claim|reject|oppose|"
                          r"support|accuse|resist|"
                          r"[a-z]+ly)\b)"
                          r"(?!" + "|".join(sorted(_PREPOSITIONS)) + r"\b)(?![a-z]+ed\b)[a-z])")


@cache
def _people_names() -> frozenset[str]:
    return frozenset(p for p in load_gazetteer().peoples.values() if p)


# "Khalid bin Salman", "Salman Rushdie": a regnal name inside a longer name is not the monarch
_NAME_BEFORE = re.compile(r"(?:\b(?:bin|ibn|bint|ben|abu)\s+|\b(?:al|el)-|(?P<word>[A-Z][\w'’-]*)\s+)$")
_SURNAME_AFTER = re.compile(r"\s+(?:(?:bin|ibn|al|el|bint)[\s-]+)?[A-Z][a-z]")


def _in_a_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a name is part of a longer one: a particle or a name before it ("Khalid bin Salman"; not a
    sentence opener or title: "But Faisal"), or a capitalised word after it ("Salman Rushdie")."""
    before = _NAME_BEFORE.search(text[:start])
    if before and (before.group("word") is None or before.group("word") not in leaders.NOT_NAMES):
        return True
    return bool(_SURNAME_AFTER.match(text, end))
_LEADER_ORGAN = re.compile(r"(?:['’]s)?\s+(?:administration|government|regime|cabinet|camp)\b")
def _is_venue(name: Name, text: str, start: int, end: int) -> bool:
    """A place where something happens, not an actor: a capital after a verb and "in"/"at" ("NATO promised in
    Bucharest", "was received in Niamey"; not "the juntas in Bamako"), after a journey "from" ("flew home from
    Paris"; not "aid from Washington"), a state's name or capital after a meeting word ("talks in the Dominican
    Republic"), a state off whose coast something lies ("a dhow off Somalia"). A possessive keeps the actor
    ("in Moscow's view")."""
    if name.how not in ("metonym", "name") or name.entity.kind != "state" or re.match(r"['’]s?\b", text[end:]):
        return False
    before = text[:start]
    if name.how == "metonym" and (_DONE_IN.search(before) or _CAME_FROM.search(before)
                                  or _NAMES_A_DEAL.match(text, end)):
        return True
    return bool(_VENUE.search(before) or re.search(r"(?<![\w-])off\s+(?:the\s+coast\s+of\s+)?$", before))


_DONE_IN = re.compile(r"(?<![\w-])(?:[a-z]+ed|said|met|spoke|told|made|held|signed|agreed|gave|took|sat|won|"
                      r"lost|saw|stood|was|were|is|are|be|been)\s+(?:[a-z]+ly\s+)?(?:in|at)\s+$")
# "the 1975 Algiers agreement", "the Minsk accords": a capital naming a deal or meeting by where it was made
_NAMES_A_DEAL = re.compile(r"\s+(?:agreement|agreements|accord|accords|treaty|declaration|protocol|protocols|summit|"
                           r"conference|communiqu[eé]|memorandum|format|process|talks)\b")
_CAME_FROM = re.compile(r"(?<![\w-])(?:flew|flown|fly|flies|returned|returning|travell?ed|came|back|home|"
                        r"arrived|drove|sailed)\s+(?:\w+\s+)?from\s+$")
# "Iran's Lebanese ally", "Russia's Syrian client": a demonym before a noun of partnership describes the partner
_DESCRIBES = re.compile(r"\s+(?:ally|allies|proxy|proxies|client|clients|partner|partners|protégé|protege|"
                        r"surrogate|surrogates)\b")
_OWNED = re.compile(r"(?:['’]s|\b(?:its|their|his|her))\s+(?:\w+\s+)?$")
_VENUE = re.compile(r"\b(?:meet|meets|met|meeting|meetings|summit|talks|conference|held|hold|holds|gather\w*|"
                    r"conven\w*|negotiations|signed|convened)\s+(?:\w+\s+){0,3}?(?:in|at)\s+$")


def _resolve_shared_forms(candidates: list[Candidate]) -> None:
    """A form two states share ("Congo", "Congolese") names the one the text also names by a form of its own
    ("the Democratic Republic of Congo", "Kinshasa")."""
    plain = {c.entity.id for c in candidates if c.entity.kind == "state" and not c.alternatives}
    for c in candidates:
        if c.alternatives and c.entity.id not in plain:
            named = [e for e in c.alternatives if e.id in plain]
            if named:
                c.entity = named[0]


def _confirm_capitals(candidates: list[Candidate]) -> None:
    """An ambiguous capital ("Georgetown", "Kingston", "Victoria") names its state when the text names that state
    by another form; otherwise it claims its words as a place."""
    named = {c.entity.id for c in candidates if c.entity.kind == "state" and c.name is None}
    for c in candidates:
        if c.name == "unconfirmed":
            c.name = None if c.entity.id in named else "venue"


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    order = {"group": 0, "title": 1, "name": 2, "demonym": 2, "metonym": 2, "ner": 3}
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (order[c.how], -(c.end - c.start), c.start)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _assemble(text: str, sentences: list[Sentence], chosen: list[Candidate], gaz: Gazetteer,
              as_of: dt.date | None) -> tuple[list[DraftActor], list[Mention]]:
    actors: dict[str, DraftActor] = {}
    mentions: list[Mention] = []
    for c in chosen:
        if c.entity.kind == "place" or c.name in ("history", "venue"):
            continue
        sentence = next(s for s in sentences if s.start <= c.start < s.end)
        actor = actors.get(c.entity.id) or _new_actor(c, gaz, as_of)
        actors.setdefault(actor.id, actor)
        mention = Mention(actor.id, c.start, c.end, text[c.start:c.end], sentence.index, c.how)
        actor.mentions.append(mention)
        mentions.append(mention)
        if actor.evidence is None:
            actor.evidence = Evidence(sentence, sentence.span(c.start - sentence.start, c.end - sentence.start))
        if actor.kind == "leader" and (actor.led_cow, actor.led_org) != (None, None) and \
                _called_former(text, c.start, c.end):
            actor.led_cow = actor.led_org = None  # "Ali Abdullah Saleh, the former president": speaks for none now
            actor.note = (actor.note or "") + "; the text calls him a former office holder: represents no state"
    for actor in list(actors.values()):
        _link_leader(actor, actors, gaz, as_of)
    return sorted(actors.values(), key=lambda a: a.kind == "leader"), mentions


_FORMER_AFTER = re.compile(r",\s+(?:the\s+|a\s+|[A-Z]\w+['’]s\s+)?(?:former|ex-|deposed|ousted|exiled)\b")
_FORMER_BEFORE = re.compile(r"\b(?:former|ex-|deposed|ousted|exiled)\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _called_former(text: str, start: int, end: int) -> bool:
    return bool(_FORMER_AFTER.match(text, end) or _FORMER_BEFORE.search(text[max(0, start - 40):start]))


def _new_actor(c: Candidate, gaz: Gazetteer, as_of: dt.date | None) -> DraftActor:
    e = c.entity
    origin = {"group": "rule", "title": "rule" if c.name else "gazetteer", "ner": "ner"}.get(c.how, "gazetteer")
    actor = DraftActor(e.id, e.name_at(as_of), e.kind, e.cow, None, origin=origin,
                       unknown=c.name == "unknown" or c.how == "ner")
    if e.kind == "state" and not e.valid_at(as_of):
        actor.cow = None
        actor.note = f"{actor.name} (COW {e.cow}) is not a member of the state system at {as_of}"
    if e.kind == "leader":
        actor.led_cow = e.represents
        actor.led_org = e.org
        actor.note = f"{e.role}" + (f" (source: {e.source})" if e.source else "")
        if as_of is not None and e.spells and all(as_of < start for start, _ in e.spells):
            actor.note += f"; not yet in office at {as_of}, so neither represents nor implies the state"
            actor.led_cow = actor.led_org = None
        elif as_of is not None and e.spells and not e.valid_at(as_of):
            actor.note += (f"; a former office holder at {as_of}: represents the state the text names for him, "
                           "does not imply it")
            actor.implies_state = False
    if actor.unknown:
        actor.note = (actor.note + "; " if actor.note else "") + "name not in the gazetteer"
    return actor


def _link_leader(actor: DraftActor, actors: dict[str, DraftActor], gaz: Gazetteer, as_of: dt.date | None) -> None:
    """Tie a leader to the state it leads; the state joins the draft if only the leader was named."""
    if actor.kind != "leader":
        return
    if actor.led_cow is None and actor.led_org is not None:
        _link_to_body(actor, actors, gaz)
        return
    code = actor.led_cow
    if code is None or code not in gaz.states:
        return
    state = gaz.states[code]
    if state.id not in actors and not actor.implies_state:
        return
    if state.id not in actors:
        implied = DraftActor(state.id, state.name_at(as_of), "state", code if state.valid_at(as_of) else None, None,
                             origin="gazetteer", note=f"implied by {actor.name}, who leads it",
                             evidence=actor.evidence)
        actors[state.id] = implied
    actor.represents = state.id



def _link_to_body(actor: DraftActor, actors: dict[str, DraftActor], gaz: Gazetteer) -> None:
    """Tie an official to the organisation or body it speaks for ("U Thant" → the UN); a gazetteer official in
    office implies the organisation, a person the text introduces only speaks for a body the text names."""
    if actor.led_org in actors:
        actor.represents = actor.led_org
        return
    org = gaz.organisations.get(actor.led_org or "")
    if org is None or actor.unknown or not actor.implies_state:
        return
    actors[org.id] = DraftActor(org.id, org.name, "organisation", None, None, origin="gazetteer",
                                note=f"implied by {actor.name}, who speaks for it", evidence=actor.evidence)
    actor.represents = org.id
