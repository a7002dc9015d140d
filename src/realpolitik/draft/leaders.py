"""Leaders the gazetteer does not know, proposed from the frames a text introduces them with.

Frames (NAME is one to three capitalised words; ADJ a state's demonym; TITLE an office such as president, prime
minister, foreign or defence minister, king, emir, chancellor, leader):
- apposition after the name: "Nicolas Sarkozy, the French president", "Abiy Ahmed, Ethiopia's prime minister",
  "Aleksandar Vucic, president of Serbia";
- title before the name: "the Serbian president Aleksandar Vucic", "Russian leader Ivan Petrov",
  "Prime Minister Anthony Eden of Britain" (state after the name);
- an organ owned by the name: "Vucic's government", "Maduro's regime" (no state unless another frame gives one);
- looser frames that need a name of two words or more: a state's possessive ("Chile's Gabriel Boric"), an agent
  ("a panel chaired by Ellen Johnson Sirleaf", "a deal brokered by Henry Kissinger"), "STATE, under NAME," a
  title without a state ("Dean Acheson, the secretary of state", "its leader, Abdullah Ocalan") and the leader of
  an acronym ("Ahmad Shah Massoud's UIF").
The leader represents the state the demonym, possessive or "of STATE" names and is marked ``unknown``. Later
mentions of the same person by surname ("Sarkozy", "Vucic's") are mentions of that actor. Ordinary capitalised
words (sentence starts, months, days, compass adjectives, gazetteer names) are never proposed.

`persons` adds frames of office beyond heads of state and government: a title only a person bears before the name
("General Ratko Mladic", "Archbishop Makarios", "Mr Guaidó"; not "the General Belgrano", a ship, nor "General
Dynamics"), an office in apposition either side of the name ("Wu Qian, the defence ministry's spokesman", "Japan's
ambassador in Delhi, Kenji Hiramatsu", "US envoy Richard Holbrooke"), a name owning a body the gazetteer knows
("Radovan Karadzic's Republika Srpska"), the head of a state's organ ("Kiev's government, led by Arseniy
Yatsenyuk") and the leader of a body named before ("UNITA, the movement of Jonas Savimbi"); ranks ("Captain
Amadou Sanogo") and roles such as politician, activist or cleric in apposition count as offices, and name
particles stay inside a name ("Zia ul-Haq", "José Eduardo dos Santos", "Iyad ag Ghaly").
The person speaks for the state or body named in the frame, for "whose" the one named just before,
for "its"/"their" the name opening the sentence; else for none. Operations and plans ("Operation Storm") are no
persons.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from importlib import resources

from realpolitik.draft.evidence import Sentence
from realpolitik.draft.gazetteer import Entity

TITLES = (r"president|prime\s+minister|premier|foreign\s+minister|defen[cs]e\s+minister|foreign\s+secretary|"
          r"secretary\s+of\s+state|minister\s+of\s+(?:foreign\s+affairs|defen[cs]e)|chancellor|king|queen|emir|"
          r"crown\s+prince|supreme\s+leader|head\s+of\s+state|head\s+of\s+government|leader|strongman|dictator|"
          r"ruler|monarch|sultan|shah|vice[\s-]president")
_UPPER = "A-ZÀ-ÖØ-Þ"  # "Turgut Özal"
# Lowercase name particles before a capitalised word ("Zia ul-Haq", "José Eduardo dos Santos", "Iyad ag Ghaly").
_PARTICLE = (r"(?:al-|el-|ul-|ud-|bin\s+|ibn\s+|de\s+|da\s+|das\s+|do\s+|dos\s+|du\s+|del\s+|della\s+|di\s+|"
             r"van\s+(?:der\s+|den\s+)?|von\s+(?:der\s+)?|ter\s+|le\s+|la\s+|ag\s+)")
# Word runs are bounded ({0,40}): no name is longer, and an unbounded run backtracks over a whole long token.
_NAME = (rf"(?P<name>[{_UPPER}][\w'’.-]{{0,40}}[a-z][\w'’-]{{0,40}}"
         rf"(?:\s+(?:{_PARTICLE})?[{_UPPER}][\w'’-]+){{0,4}})")
_ORGANS = r"government|administration|regime|cabinet|coalition|junta|presidency|premiership|rule|reign|ministers"
# Capitalised words that start sentences or name times and directions, never a person.
NOT_NAMES = frozenset("""The A An This That These Those It Its Their His Her Our We They He She I You Yet But And Or
So Then Now Today Tonight Yesterday Tomorrow Meanwhile However Moreover Furthermore Indeed Instead Still Again Also
Thus Hence Nevertheless Nonetheless Later Earlier Last Next First Finally After Before When While Since Although
Though Because If Unless In On At By For From With Without Under Over Between Among During Despite Western Eastern
Northern Southern West East North South Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December Mr Mrs Ms Dr General Gen Colonel Col
Sheikh Ayatollah Archbishop Brigadier Admiral Mullah Cardinal Captain Lieutenant Sergeant Commodore
President Premier Minister King Queen Emir Sultan Chancellor Leader Parliament Congress Senate Government State
Labour Conservatives Tories Republicans Democrats Likud Islam God Christmas Easter Ramadan Europe Africa
Asia As Like Unlike Even Only Both Neither Either Whether Where Why How What Which Who Once Until Whereas Whatever
Not Nor Few Many Most Some Such Every Each Any No Perhaps Already Recently Soon Almost""".split())


def _frames(demonyms: str, states: str) -> list[re.Pattern[str]]:
    """The frame patterns; `demonyms` and `states` are alternations of the gazetteer's forms."""
    title = rf"(?i:{TITLES})"
    return [
        # NAME, the ADJ TITLE | NAME, STATE's TITLE | NAME, (the) TITLE of STATE
        re.compile(rf"(?<![\w'’-]){_NAME},\s+(?:the\s+)?(?:(?:then|former|current|new|late|incumbent|"
                   rf"interim|acting|veteran)\s+)?(?:(?P<adj>{demonyms})\s+{title}|(?P<owner>{states})['’]s\s+"
                   rf"(?:\w+\s+)?{title}|{title}\s+of\s+(?P<of>{states}))\b"),
        # the ADJ TITLE NAME | STATE's TITLE NAME
        re.compile(rf"(?:(?P<adj>{demonyms})|(?P<owner>{states})['’]s)\s+(?:(?:then|former|current|new|"
                   rf"interim|acting)\s+)?{title},?\s+{_NAME}(?![\w'’-])"),
    ]


# last words of a capitalised phrase that names a thing, not a person ("Russia's Black Sea Fleet")
_THINGS = frozenset("""Fleet Army Navy Air Force Forces Guard Guards Party Council Front Ministry Bank
Company Corporation Sea Ocean River Gulf Canal Strait Islands Island Peninsula Mountains Union Assembly Parliament
Congress Court Agency
Service Services Corps Brigade Brigades Division Airlines Group Movement Republic Kingdom State States Province
Region Pipeline Stream Field Fields Plan Doctrine Treaty Accord Accords Agreement Pact Initiative Project Fund
Authority Commission Organisation Organization Office Committee Board Institute University Port Airport Railway
Network Media News Times Post Review Staff Staffs Command Headquarters Secretariat Directorate Prosecutor
Speaker Secretary Dynamics Atomics Motors Electric Mills Election Elections Strike Strikes Intelligence Bureau Police
Gendarmerie International Inc Corporation Company Group Holdings Industries Airways Airlines
District Districts Territory Territories Zone Prefecture County Oblast Governorate Valley Desert Plateau
Highlands Basin Delta Coast Corridor Unity""".split())
# first words of a capitalised phrase that names an operation, plan or event, never a person ("Operation Storm")
_EVENTS = frozenset("Operation Exercise Plan Project Battle Siege Treaty Accord Accords Summit Conference Agreement "
                    "Pact Doctrine Resolution Mission Initiative".split())


def _loose_frames(states: str) -> list[re.Pattern[str]]:
    title = rf"(?i:{TITLES}|secretary\s+of\s+state|secretary-general|envoy|spokes(?:man|woman))"
    return [
        re.compile(rf"(?P<owner>{states})['’]s\s+{_NAME}(?![\w'’-])"),
        re.compile(rf"\b(?:led|headed|chaired|brokered|mediated|negotiated|run|ruled)\s+by\s+{_NAME}(?![\w'’-])"),
        re.compile(rf"\b(?P<owner>{states}),\s+(?:now\s+)?under\s+{_NAME},"),
        re.compile(rf"(?<![\w'’-]){_NAME},\s+the\s+(?:(?:then|former|current|new|interim|acting)\s+)?{title}\b"),
        re.compile(rf"\b(?:its|their|[\w-]+['’]s?)\s+(?:\w+\s+)?{title},\s+{_NAME}(?![\w'’-])"),
        re.compile(rf"(?<![\w'’-]){_NAME}['’]s\s+(?=[A-Z]{{2,}}\b)"),
    ]


def _loose(sentence: Sentence, states: dict[str, int],
           is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """Leaders from the looser frames: a name of two words or more that names no thing."""
    found: list[tuple[int, int, Entity]] = []
    for pattern in _loose_patterns(tuple(states)):
        for m in pattern.finditer(sentence.text):
            cleaned = _clean_name(m.group("name"), m.start("name"))
            if cleaned is None or continues_a_name(sentence.text, cleaned[0]) or is_known(cleaned[1]):
                continue
            at, name = cleaned
            words = name.split()
            if len(words) < 2 or words[-1] in _THINGS or words[0] in _EVENTS or re.search(r"['’]s\s", name) \
                    or any(is_known(w) for w in words):
                continue
            owner = m.groupdict().get("owner")
            start = sentence.start + at
            found.append((start, start + len(name), _entity(name, states.get(owner) if owner else None, None)))
    return found


_LOOSE: dict[tuple[str, ...], list[re.Pattern[str]]] = {}


def _loose_patterns(states: tuple[str, ...]) -> list[re.Pattern[str]]:
    if states not in _LOOSE:
        _LOOSE[states] = _loose_frames("|".join(re.escape(s) for s in sorted(states, key=len, reverse=True)))
    return _LOOSE[states]


def propose(sentence: Sentence, demonyms: dict[str, int], states: dict[str, int],
            is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """Return (start, end, entity) in text offsets for every unknown leader a frame introduces in `sentence`.

    `demonyms` and `states` map the gazetteer's forms to COW codes; `is_known(form)` says whether the gazetteer
    already knows a form (then the frame is left to the gazetteer)."""
    text = sentence.text
    found: list[tuple[int, int, Entity]] = []
    for pattern in _patterns(tuple(demonyms), tuple(states)):
        for m in pattern.finditer(text):
            cleaned = _clean_name(m.group("name"), m.start("name"))
            if cleaned is None or continues_a_name(sentence.text, cleaned[0]) or is_known(cleaned[1]):
                continue
            at, name = cleaned
            form = m.group("adj") or m.group("owner") or (m.groupdict().get("of") or "")
            code = demonyms.get(form) if m.group("adj") else states.get(form)
            role = re.search(TITLES, m.group(0), re.IGNORECASE)
            start = sentence.start + at
            found.append((start, start + len(name), _entity(name, code, role.group(0).lower() if role else None)))
    for m in re.finditer(rf"(?<![\w'’-]){_NAME}['’]s\s+(?:(?:new|own|current|former|ruling|military|coalition)\s+)?"
                         rf"(?:{_ORGANS})\b", text):
        cleaned = _clean_name(m.group("name"), m.start("name"))
        if cleaned is not None and not continues_a_name(text, cleaned[0]) and not is_known(cleaned[1]):
            start = sentence.start + cleaned[0]
            found.append((start, start + len(cleaned[1]), _entity(cleaned[1], None, None)))
    taken = {(a, b) for a, b, _ in found}
    found += [f for f in _loose(sentence, states, is_known) if (f[0], f[1]) not in taken]
    return found


# Offices and roles that only a person holds (lowercase, as in an apposition: "Wu Qian, the defence ministry's
# spokesman", "Richard Holbrooke, the US assistant secretary of state", "its founder, Yevgeny Prigozhin").
ROLES = (r"(?:(?:deputy|assistant|under|acting|special|chief|senior|top|former|then|new|interim)[\s-]+)*"
         r"(?:vice[\s-]president|president|prime\s+minister|premier|(?:[a-z]{1,40}\s+)?minister(?:\s+of\s+(?:state\s+"
         r"for\s+)?[a-z]{1,40}(?:\s+affairs)?)?|secretary[\s-]general|secretary(?:\s+of\s+(?:state|defen[cs]e))?|"
         r"(?:national\s+security\s+|security\s+|military\s+)?advis[eo]r|envoy|ambassador|emissary|"
         r"spokes(?:man|woman|person)|commander(?:[\s-]in[\s-]chief)?|chief\s+of\s+staff|army\s+chief|"
         r"leader|speaker|founder|counterpart|negotiator|chairman|chairwoman|governor|crown\s+prince|monarch|"
         r"ruler|dictator|strongman|warlord|gunman|general|admiral|field\s+marshal|defence\s+chief|"
         r"foreign\s+secretary|home\s+secretary|representative|rival|deputy|successor|predecessor|politician|"
         r"activist|dissident|cleric|militant|jihadist|rebel\s+commander|opposition\s+figure)")
# Titles written before a name that only a person bears ("General Ratko Mladic", "Archbishop Makarios", "Mr Guaido").
_PREFIX = (r"(?:(?:Lieutenant|Major|Brigadier)[\s-]+General|General|Gen\.|Brigadier|Colonel|Col\.|Admiral|"
           r"(?:Lieutenant[\s-]+)?Colonel|Captain|Capt\.|Lieutenant|Lt\.|Sergeant|Commodore|"
           r"Field\s+Marshal|Marshal|Archbishop|Patriarch|Cardinal|Ayatollah|Mullah|Sheikh|Mr|Mrs|Ms|Dr)\.?")
# "the General Belgrano", "the cruiser Admiral Kuznetsov": a ship named for a person, not the person
_VESSEL = re.compile(r"(?<![\w-])(?:[Tt]he|cruiser|carrier|ship|destroyer|frigate|submarine|vessel|warship|battleship|"
                     r"tanker)\s+$")
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Ww]hose|[A-Z][\w.-]{0,40}['’]s)"
_TAIL = r"(?:\s+(?:in|of|to|for|at)\s+(?:the\s+)?[A-Z][\w.-]{0,40}(?:\s+[A-Z][\w.-]{0,40}){0,3})?"


def _person_frames() -> list[tuple[re.Pattern[str], int, bool]]:
    """(pattern, fewest words of the name, whether the words before must name a state or body) of the frames
    that say a name is a person's."""
    return [
        # NAME, the ADJ ... ROLE   ("Turan Gunes, his Turkish counterpart", "Anwar Gargash, the Emirati minister")
        (re.compile(rf"(?<![\w'’-]){_NAME},\s+(?P<pre>{_DETERMINER}\s+(?:[\w'’.-]+\s+){{0,4}}?)(?i:{ROLES})"
                    r"(?![\w-])"), 2, False),
        # DET ... ROLE (in PLACE), NAME   ("Japan's ambassador in Tokyo, Kenji Sato", "its founder, Ivan Petrov")
        (re.compile(rf"(?P<pre>(?<![\w'’]){_DETERMINER}\s+(?:[\w'’.-]+\s+){{0,3}}?)(?:{ROLES}){_TAIL},\s+"
                    rf"(?:{_PREFIX}\s+)?{_NAME}(?![\w'’-])"), 2, False),
        # DET ... ROLE NAME   ("US envoy Richard Holbrooke", "the Bosnian Serb leader Radovan Karadzic")
        (re.compile(rf"(?P<pre>(?:(?<![\w'’]){_DETERMINER}\s+)?(?:[A-Z][\w.-]{{0,40}}['’]?s?\s+){{0,3}}"
                    rf"(?:[a-z][\w-]{{0,40}}\s+){{0,2}}?)(?:{ROLES})\s+{_NAME}(?![\w'’-])"), 2, False),
        # ORGAN under NAME   ("a new government under Hun Kaset", "the junta, now under Colonel X")
        (re.compile(rf"(?P<pre>)\b(?:{_ORGANS}|state|country|army|party|movement),?\s+(?:(?:now|then|still)\s+)?under\s+"
                    rf"(?:{_PREFIX}\s+)?{_NAME}(?![\w'’-])"), 2, False),
        # TITLE NAME   ("General Ratko Mladic", "Archbishop Makarios", "Mr Guaido")
        (re.compile(rf"(?<![\w'’-])(?P<pre>){_PREFIX}\s+{_NAME}(?![\w'’-])"), 1, False),
        # STATE's ORGAN, led by NAME   ("Kiev's interim government, led by Arseniy Yatsenyuk")
        (re.compile(rf"(?P<pre>(?<![\w'’])[A-Z][\w.-]{{0,40}}(?:\s+[A-Z][\w.-]{{0,40}})?(?:['’]s)?\s+"
                    rf"(?:[a-z][\w-]{{0,40}}\s+){{0,3}})"
                    rf"(?:{_ORGANS}|army|forces|party|movement|militia|rebels),?\s+(?:now\s+)?(?:led|headed|run|"
                    rf"ruled|commanded)\s+by\s+{_NAME}(?![\w'’-])"), 2, False),
        # BODY, the ... movement of NAME   ("UNITA, the movement of Jonas Savimbi", "Hamas, the Islamist group
        # founded by Ahmed Yassin"): the leader of the body named before the comma
        (re.compile(rf"(?P<pre>(?<![\w'’-])[A-Z][\w'’.-]{{0,40}}(?:\s+[A-Za-z][\w'’.-]{{0,40}}){{0,5}}),"
                    r"\s+(?:the|a|an)\s+"
                    rf"(?:[\w'’-]+\s+){{0,3}}?(?:movement|party|group|militia|faction|organi[sz]ation|army|front|"
                    rf"rebels|insurgency|guerrillas)\s+(?:of|led\s+by|headed\s+by|founded\s+by)\s+{_NAME}"
                    r"(?![\w'’-])"), 2, False),
        # NAME's BODY   ("Radovan Karadzic's Republika Srpska": the leader of a body the gazetteer knows)
        (re.compile(rf"(?<![\w'’-]){_NAME}['’]s\s+"
                    r"(?P<pre>(?:[Tt]he\s+)?[A-Z][\w-]{0,40}(?:\s+[A-Z][\w-]{0,40}){0,3})"),
         2, True),
    ]


_PERSON_FRAMES = _person_frames()
# the capitalised words that open a sentence as its subject ("But Bhutan, which ...", "Wagner, whose ...")
_SUBJECT = re.compile(r"\W*(?:(?:But|And|Yet|So|Now|Still|Meanwhile|However|Even|Then)\W+)?(?:[Tt]he\s+)?"
                      r"(?P<subject>[A-Z][\w'’.-]{0,40}(?:\s+[A-Z][\w'’.-]{0,40}){0,4})")


def persons(sentence: Sentence, speaks_for: Callable[[str, bool], tuple[int | None, str | None]],
            is_known: Callable[[str], bool],
            leaders_state: Callable[[str], tuple[int | None, str | None]] | None = None
            ) -> list[tuple[int, int, Entity]]:
    """Unknown persons a frame of office introduces in `sentence` ("General Ratko Mladic", "Wu Qian, the defence
    ministry's spokesman", "US envoy Richard Holbrooke"), as (start, end, entity) in text offsets. The state or
    body the words before the office name name (`speaks_for(words, last)` → (COW code, body id), the last or the
    first one named) is the one represented; for "whose"/"its"/"their" it is the one named before in the sentence,
    for "his"/"her" the state of the leader named before (`leaders_state(words)`)."""
    found: list[tuple[int, int, Entity]] = []
    for pattern, fewest, needs_body in _PERSON_FRAMES:
        for m in pattern.finditer(sentence.text):
            cleaned = _clean_name(m.group("name"), m.start("name"))
            if cleaned is None or continues_a_name(sentence.text, cleaned[0]) or is_known(cleaned[1]) or \
                    (fewest == 1 and _VESSEL.search(sentence.text[:m.start()])):
                continue
            at, name = cleaned
            words = name.split()
            if len(words) < fewest or words[-1] in _THINGS or words[0] in _EVENTS or any(is_known(w) for w in words):
                continue
            pre = m.group("pre") or ""
            code, body = speaks_for(pre, True)
            if needs_body and (code, body) == (None, None):
                continue
            if (code, body) == (None, None) and re.match(r"(?:[Hh]is|[Hh]er)\s", pre):
                # "Carter ... and Michael Blumenthal, his Treasury Secretary": the state of the leader named before
                code, body = leaders_state(sentence.text[:m.start()]) if leaders_state else (None, None)
            if (code, body) == (None, None) and re.match(r"(?:[Ww]hose|[Ii]ts|[Tt]heir)\s", pre):
                # "Togo, whose president Faure Gnassingbe": the nearest state or body before "whose"; "But Bhutan
                # ..., and its prime minister, Tshering Tobgay": the sentence's subject, when a name opens it
                if pre[0] in "Ww":
                    code, body = speaks_for(sentence.text[:m.start("pre")], True)
                else:
                    subject = _SUBJECT.match(sentence.text)
                    code, body = speaks_for(subject.group("subject"), False) if subject else (None, None)
            start = sentence.start + at
            found.append((start, start + len(name), replace(_entity(name, code, None), org=body)))
    return found


_CACHE: dict[tuple[tuple[str, ...], tuple[str, ...]], list[re.Pattern[str]]] = {}


def _patterns(demonyms: tuple[str, ...], states: tuple[str, ...]) -> list[re.Pattern[str]]:
    key = (demonyms, states)
    if key not in _CACHE:
        alternation = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
        state_alt = "|".join(re.escape(s) for s in sorted(states, key=len, reverse=True))
        _CACHE[key] = _frames(alternation, state_alt)
    return _CACHE[key]


def _clean_name(name: str, at: int) -> tuple[int, str] | None:
    """(offset, name) without leading non-name words ("Earlier Nicolas Sarkozy" → "Nicolas Sarkozy"); None when
    no name is left or a word is no name ("Western", an acronym, an adverb in -ly)."""
    words = name.split()
    if at == 0 and words[0].endswith("ly"):
        return None  # "Similarly, ..." opens a sentence, it is no name
    while words and words[0] in NOT_NAMES:
        if words[0] in _COMPASS:
            return None  # "Kenya's Northern Frontier District": a region's name, not "Frontier District"
        at = at + name.index(words[0]) + len(words[0])
        name = name[name.index(words[0]) + len(words[0]):]
        words = words[1:]
    if not words or any(w in NOT_NAMES for w in words) or words[0].isupper() or words[-1] in _PARTICLES:
        return None  # "Sheikh Mohammed bin Abdulrahman Al" is cut short: no name
    shift = len(name) - len(name.lstrip())
    return at + shift, re.sub(r"['’]s?$", "", name.strip())  # "Fahd's blessing": the possessive is no part


_PARTICLES = frozenset("Al Bin Ibn Abu Bint Ould De Da Van Von Del Della".split())
_COMPASS = frozenset("Western Eastern Northern Southern West East North South".split())
# the words before a name that make it the tail of a longer name ("the Organisation of African Unity")
_NAME_CONTINUES = re.compile(r"[A-Z][\w'’-]*\s+(?:of|for|de|du|des|del|di)\s+(?:the\s+)?$")


def continues_a_name(text: str, at: int) -> bool:
    """Whether the capitalised words at `at` end a longer name ("the Organisation of African Unity", "the Bank of
    England"): a capitalised word and "of"/"for" right before them."""
    return bool(_NAME_CONTINUES.search(text[max(0, at - 60):at]))


def _entity(name: str, code: int | None, role: str | None) -> Entity:
    return Entity(_slug(name), name, "leader", represents=code, role=role or "leader (named by the text)")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def surname(name: str) -> str:
    """The last word of a person's name ("Nicolas Sarkozy" -> "Sarkozy")."""
    return name.split()[-1]


def merge(entities: list[Entity]) -> dict[str, Entity]:
    """One entity per surname: the longest name and the first state any frame gave (keyed by surname)."""
    people: dict[str, Entity] = {}
    for e in entities:
        key = surname(e.name)
        old = people.get(key)
        if old is None:
            people[key] = e
            continue
        name = e.name if len(e.name) > len(old.name) else old.name
        role = old.role if old.represents is not None or e.represents is None else e.role
        people[key] = replace(old, id=_slug(name), name=name, represents=old.represents or e.represents, role=role,
                              org=old.org or e.org)
    return people


def surname_mentions(sentence: Sentence, people: dict[str, Entity]) -> list[tuple[int, int, Entity]]:
    """Every later mention of a proposed leader by surname or full name in `sentence` (text offsets)."""
    found = []
    for key, person in people.items():
        for form in {person.name, key}:
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", sentence.text):
                found.append((sentence.start + m.start(), sentence.start + m.end(), person))
    return found


@cache
def given_names() -> frozenset[str]:
    """The given names (and family names written first) of ``data/given_names.csv``."""
    text = resources.files("realpolitik.draft").joinpath("data", "given_names.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return frozenset(r["name"] for r in csv.DictReader(rows))


# a capitalised run of two to four words (name particles allowed inside): the candidate person's name
_RUN = re.compile(rf"(?<![\w'’.-])(?P<name>[{_UPPER}][\w'’-]{{0,40}}"
                  rf"(?:\s+(?:{_PARTICLE})?[{_UPPER}][\w'’-]{{0,40}}){{1,3}})(?![\w-])")
# words before a name that make it a place's or a thing's ("St Louis", "Lake Albert", "Fort William", "Port Said")
_PLACE_BEFORE = re.compile(r"(?:\b(?:St|Saint|San|Santa|Sao|São|Fort|Port|Lake|Mount|Mt|Cape|Camp|Cap|Ile|Isla|"
                           r"Lac|Rio|Bay|Gulf)\.?)\s+$")


def given_name_persons(sentence: Sentence, is_known: Callable[[str], bool]) -> list[tuple[int, int, Entity]]:
    """Persons named by a given name and a surname the gazetteer does not know ("Michael Blumenthal", "Ahmed
    Yusuf"; "Heng Samrin" with the family name first): a capitalised run of two words or more whose first word is a
    given name of ``given_names.csv``, no word a gazetteer name, not the tail of a longer name or a place ("Lake
    Albert Edward", "the Bank of John Smith"), not ending in a thing's head noun ("Elizabeth Line"). The person
    represents nothing unless a frame of office says otherwise (leaders merge by surname)."""
    found: list[tuple[int, int, Entity]] = []
    names = given_names()
    for m in _RUN.finditer(sentence.text):
        cleaned = _clean_name(m.group("name"), m.start("name"))
        if cleaned is None:
            continue
        at, name = cleaned
        name = re.split(r"['’]s\s", name)[0]  # "Radovan Karadzic's Republika Srpska": the owner only
        words = name.split()
        if THING_NAMED.match(sentence.text, at + len(name)) or re.search(r"(?<![\w-])[Tt]he\s+$",
                                                                            sentence.text[max(0, at - 5):at]):
            continue  # "the Tariq bin Ziyad base": a thing named for a person
        if len(words) < 2 or words[0] not in names or words[-1] in _THINGS or words[-1] in PLACE_AFTER or \
                _PLACE_BEFORE.search(sentence.text[max(0, at - 12):at]) or continues_a_name(sentence.text, at) or \
                is_known(name) or any(is_known(w) for w in words) or words[-1].isupper():
            continue
        start = sentence.start + at
        found.append((start, start + len(name), _entity(name, None, "person (named by the text)")))
    return found


# a lowercase noun after a name that makes it a thing's ("the Tariq bin Ziyad base", "Jomo Kenyatta airport")
THING_NAMED = re.compile(r"\s+(?:base|air\s*base|airbase|airport|airfield|port|harbour|harbor|mosque|church|camp|"
                          r"barracks|bridge|dam|university|hospital|brigade|division|battalion|regiment|stadium|"
                          r"square|street|road|highway|line|plan|doctrine|prize|foundation|institute|school|"
                          r"carrier|class|dynasty|era|years)\b")
# last words that make a run a place's, street's or building's name ("Jean Talon Street", "John Kennedy Airport")
PLACE_AFTER = frozenset("""Street Avenue Road Square Bridge Airport Hospital University College School Stadium Hall
Tower Park Prize Foundation Center Centre Museum Library Memorial Highway Boulevard Dam Station Line Island Islands
Lake River Mountains Hills Falls Bay Town City""".split())
