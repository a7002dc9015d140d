"""Number phrases of a sentence: money, percentages and counted noun phrases, with normalised values and units.

Works on a sentence of the cleaned text (`draft.markup` has decoded HTML entities and tags for the whole text
and maps offsets back afterwards). Not quantities: years, dates, durations, distances, resolution and
article numbers, and a number with no counted noun ("three of them").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12, "trn": 1e12}
_CURRENCIES = {"$": "US$", "us$": "US$", "usd": "US$", "dollars": "US$", "€": "EUR", "eur": "EUR", "euros": "EUR",
               "£": "GBP", "gbp": "GBP", "pounds": "GBP", "yen": "JPY", "jpy": "JPY", "¥": "JPY", "yuan": "CNY",
               "cny": "CNY", "roubles": "RUB", "rubles": "RUB", "rub": "RUB", "rupees": "INR", "inr": "INR"}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_ANY_WORD = "|".join(sorted([*_SMALL, *_MULTIPLIERS], key=len, reverse=True))
# "forty-two", "two hundred and fifty", "a dozen", "two thousand": a run of number words, parsed as a whole.
_WORD = (rf"(?:a\s+(?=(?:{'|'.join(_MULTIPLIERS)})\b))?(?:{_ANY_WORD})\b"
         rf"(?:(?:-|\s+|\s+and\s+)(?:{_ANY_WORD})\b)*")
_DESIGNATOR = r"[A-Z][A-Za-z]{0,3}-\d+[A-Z0-9]*"
_MONEY = re.compile(rf"(?<![\w$€£¥])(?P<cur>US\$|\$|€|£|¥|USD\s?|EUR\s?|GBP\s?|JPY\s?|CNY\s?|RUB\s?|INR\s?){_NUMBER}"
                    r"\s?(?P<scale>trillion|trn|tn|billion|bn|b|million|mn|m|thousand|k)?(?![\w])", re.IGNORECASE)
_MONEY_WORDS = re.compile(rf"(?<![\w$-])(?:{_NUMBER}|(?P<word>{_WORD}))\s(?:(?P<scale>trillion|billion|million|"
                          r"thousand)\s)?(?:US\s)?(?P<cur>dollars|euros|pounds(?:\s+sterling)?|yen|yuan|roubles|"
                          r"rubles|rupees)\b", re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\w-]){_NUMBER}(?:\s(?P<scale>thousand|million))?\s?(?:%|per\s?cent|percent)(?![\w])",
                      re.IGNORECASE)
_COUNT_START = re.compile(rf"(?<![\w$€£.,-])(?:{_NUMBER}(?P<abbr>m|bn)?|(?P<word>{_WORD}))(?:\s(?P<scale>thousand|"
                          r"million|billion))?(?=\s)", re.IGNORECASE)
_TOKEN = re.compile(r"[ \t\xa0]+(?P<tok>[^\W\d_][\w-]*)")
# Counted nouns known to the drafter (singular forms also count after "one"); any other plural noun counts too.
_HEADS = {"troop", "soldier", "serviceman", "servicemen", "personnel", "man", "men", "fighter", "tank", "helicopter",
          "aircraft", "jet", "plane", "warplane", "drone", "missile", "rocket", "launcher", "battery", "batteries",
          "ship", "warship", "submarine", "vessel", "carrier", "artillery", "gun", "howitzer", "warhead", "base",
          "brigade", "division", "battalion", "regiment", "peacekeeper", "observer", "casualty", "casualties",
          "refugee", "people", "civilian", "police", "policemen", "barrel", "tonne", "ton", "megawatt", "gigawatt",
          "mw", "gw", "bcm", "tcm", "village", "district", "vehicle", "apc", "ifv", "mine", "satellite", "bomber",
          "frigate", "destroyer", "corvette", "sortie", "member", "acre", "hectare", "dead", "killed", "wounded",
          "infantry", "militia", "militiamen", "sailor", "airmen", "marine", "officer", "adviser", "advisor"}
# Not quantities (docs/drafting.md): time, distance and discourse nouns.
_NOT_COUNTED = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century",
                "centuries", "time", "kilometre", "kilometer", "km", "mile", "metre", "meter", "feet", "foot", "yard",
                "inch", "inches", "reason", "way", "thing", "point", "step", "option", "side", "part", "aspect",
                "case", "example", "word", "question", "issue", "lesson", "idea", "percent", "per",
                # references to the actors themselves ("the two countries"), not something they hold
                "country", "nation", "state", "party", "power", "neighbour", "neighbor", "rival", "superpower",
                # fractions in words ("three quarters", "two-thirds") are shares without a unit, not counts
                "half", "halves", "third", "quarter", "fifth", "sixth", "tenth", "thirds", "quarters",
                # moves of the argument and of the conflict, not things anyone holds ("made three bets", "fighting
                # on half a dozen fronts", "two rounds of talks")
                "bet", "gamble", "mistake", "error", "choice", "goal", "aim", "objective", "demand", "condition",
                "scenario", "problem", "principle", "priority", "message", "front", "round", "phase", "stage",
                "task", "promise", "threat", "challenge", "factor", "risk", "concern", "camp", "region", "track"}
# Heads that refer to the actors themselves ("the two governments", "two giants"); as modifiers they count
# ("5,000 government troops").
_REFERENCES = {"government", "giant", "president", "leader", "community", "bastion"}
_STOP = {"and", "or", "but", "nor", "of", "to", "the", "a", "an", "in", "on", "at", "for", "with", "from", "by",
         "after", "before", "than", "that", "which", "who", "whom", "whose", "its", "their", "his", "her", "is", "are",
         "was", "were", "has", "have", "had", "will", "would", "be", "been", "into", "as", "per", "since", "while",
         "yet", "so", "this", "these", "those", "it", "they", "there", "here", "across", "along", "toward",
         "towards", "against", "over", "under", "through", "each", "every", "less", "ago", "later",
         "earlier", "away", "apiece", "between", "among", "within", "without", "about"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Modifiers that say whose or how many, not what is counted: dropped from the unit ("600 alliance aircraft").
QUALIFIERS = {"more", "new", "additional", "extra", "further", "other", "modern", "advanced", "military", "alliance",
              "coalition", "government", "rebel", "enemy", "allied", "foreign", "own", "active", "active-duty",
              "regular", "elite", "loyal", "fresh", "latest", "old", "older", "ageing", "aging", "heavily", "lightly",
              "well", "roughly", "nearly", "some", "only", "just", "front-line", "frontline", "modernised",
              "modernized", "upgraded", "second-hand", "used", "state-of-the-art",
              # descriptive adjectives say what the things are like, not what they are ("trained fighters")
              "trained", "armed", "equipped", "seasoned", "experienced", "skilled", "uniformed", "able-bodied",
              "professional", "fully", "combat-ready", "battle-hardened", "well-armed", "well-trained"}
# Staff categories of an observer or monitoring mission, named as compounds with "military"/"civilian" (the gold
# sets' convention: "military observers", "civilian monitors" kept; "military trainers", "military advisers" are
# trainers and advisers, the adjective only describes them)
_MISSION_ROLES = {"observer", "monitor"}
# Hyphenated descriptive adjectives and participles: "combat-ready", "battle-hardened", "Russian-made", "US-trained".
_DESCRIPTIVE = re.compile(r"[\w]+-(?:ready|hardened|trained|armed|equipped|made|built|supplied|designed|funded|"
                          r"backed)", re.IGNORECASE)
# A capitalised modifier shaped like a demonym ("Sahrawi refugees", "Kurdish fighters"); an actor's demonym is
# dropped by the caller, this catches peoples the gazetteer does not list.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:i|an|ese|ish)")
_NUMBERED = re.compile(r"(?:resolution|article|no\.|number|chapter|protocol|flight|route|highway|item|paragraph|"
                       r"section|amendment|division|group|unit|page|point)\s*$", re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:few|several|many)\s+$", re.IGNORECASE)  # "a few dozen", "several thousand": no number
# the ceiling of a force that does not exist yet ("a force of up to 25,000 men has been mentioned"): no holding
_PLANNED = re.compile(r"\b(?:force|contingent|deployment|mission)\s+of\s+up\s+to\s+$", re.IGNORECASE)
# "the two armies", "between two NATO members", "shuttled between the two capitals": the number refers back to
# actors already named (the parties), it counts nothing they hold
_PARTIES = re.compile(r"\b(?:[Tt]he|between|[Bb]etween\s+the|both\s+the)\s+$")
# Nouns by which a text names its parties ("the two armies", "the two capitals", "the two men")
_PARTY = {"army", "capital", "man", "men", "side", "member", "country", "nation", "government", "leader", "people",
          "party", "power", "state", "neighbour", "neighbor", "rival", "ally", "enemy", "foe", "camp", "regime",
          "junta", "president", "delegation", "community", "superpower", "giant", "belligerent", "combatant",
          "general", "monarchy", "kingdom", "republic"}
# A number of four digits or more written without a separator right after a capitalised word is part of a name:
# "Mirage 2000 jets" (not the first word of the sentence, not a quantifier: "Some 2000 jets" is a count; counts of
# thousands are written "2,000")
_NAMED_NUMBER = re.compile(r"(?<=[a-z0-9,;:]\s)(?!(?:The|Some|About|Around|Nearly|Almost|Over|Only|Just|Perhaps|"
                           r"Roughly|All|And|But|Its|Their|His|Her|Our|My|These|Those|This|That)\s)[A-Z][A-Za-z-]+\s$")
_YEAR_LEAD = re.compile(r"(?:in|since|by|of|from|until|till|before|after|to|early|late|mid|the|a|and|or|between|"
                        r"during|around|circa|c\.)\s*$", re.IGNORECASE)
_CASING = {"mig": "MiG"}
_ONE_PEOPLE = {"people", "peoples", "nation", "family"}
_MODEL_PLURAL = r"[A-Z][^\W\d_]*[a-rt-z]s"  # "24 Rafales", "Exocets": a model name as the counted noun
BASE_HEADS = {"base", "airfield", "airbase", "port", "facility", "facilities"}


@dataclass
class Phrase:
    """A number phrase: offsets into the sentence as given, value, unit, what it counts and its unit tokens."""

    start: int
    end: int
    value: float
    unit: str
    what: str
    kind: str  # money | share | count
    tokens: list[tuple[int, int, str]]  # counted phrase: (start, end, word) of each word after the number

    @property
    def head(self) -> str:
        """The counted noun, lower case and singular ("bases" → "base"); the kind for money and shares."""
        return _singular(self.tokens[-1][2].lower()) if self.tokens else self.kind


def find_phrases(text: str) -> list[Phrase]:
    """Return the money, percentage and counted phrases of one sentence, longest first at each start, no overlaps;
    offsets are into `text` (HTML is decoded before, by `draft.markup`, for the whole text)."""
    found = sorted(_money(text) + _shares(text) + _counted(text), key=lambda p: (p.start, -(p.end - p.start)))
    slogans = [(m.start(), m.end()) for m in re.finditer(r"[\"“]([^\"“”]{1,60})[\"”]", text)
               if len(m.group(1).split()) <= 6]
    kept: list[Phrase] = []
    for p in found:
        if any(p.start < q.end and p.end > q.start for q in kept) or any(s < p.start < e for s, e in slogans):
            continue
        kept.append(p)
    return kept


def _money(text: str) -> list[Phrase]:
    out = []
    for m in _MONEY.finditer(text):
        value, unit = money_value(_plain(m.group("num")), m.group("scale"), m.group("cur"))
        out.append(Phrase(m.start(), m.end(), value, unit, "money", "money", []))
    for m in _MONEY_WORDS.finditer(text):
        number = _plain(m.group("num")) if m.group("num") else words_value(m.group("word"))
        if number is not None:
            value, unit = money_value(number, m.group("scale"), m.group("cur").split()[0])
            out.append(Phrase(m.start(), m.end(), value, unit, "money", "money", []))
    return out


def _shares(text: str) -> list[Phrase]:
    return [Phrase(m.start(), m.end(), _plain(m.group("num")) * _SCALES.get((m.group("scale") or "").lower(), 1.0),
                   "%", "share", "share", [])  # "inflation of 10 million per cent"
            for m in _PERCENT.finditer(text)]


def _counted(text: str) -> list[Phrase]:
    out = []
    for m in _COUNT_START.finditer(text):
        value = _plain(m.group("num")) if m.group("num") else words_value(m.group("word"))
        lead = text[:m.start()]
        if value is None or _NUMBERED.search(lead) or _VAGUE.search(lead) or _PLANNED.search(lead):
            continue  # "forty fifty tanks" (never a partial value), "Resolution 502", "a few hundred soldiers"
        if re.fullmatch(r"\d{4,}", m.group("num") or "") and _NAMED_NUMBER.search(lead):
            continue  # "Mirage 2000 jets"
        if m.group("scale") or m.group("abbr"):  # "3.6m refugees"
            value *= _SCALES[(m.group("scale") or m.group("abbr")).lower()]
        tokens = _counted_tokens(text, m.end(), value)
        if not tokens or _is_year(m, text, tokens) or (value == 1 and tokens[-1][2].lower() in _ONE_PEOPLE):
            continue  # "Russians and Ukrainians are one people": one people is no count of persons
        if value == 2 and m.group("word") and _PARTIES.search(lead) and _singular(tokens[-1][2].lower()) in _PARTY:
            continue  # "the two armies", "between two NATO members": the parties, not something they hold
        tokens += _coordinated(text, tokens[-1])
        out.append(Phrase(m.start(), tokens[-1][1], value, "", " ".join(t[2] for t in tokens), "count", tokens))
    return out


_AND_HEAD = re.compile(r"[ \t\xa0]+(?P<and>and|or)[ \t\xa0]+(?P<tok>[a-z][a-z-]*)\b(?![ \t\xa0]+of\b)")


def _coordinated(text: str, head: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """A second counted noun sharing the number ("40 drones and missiles"): both plural nouns the drafter knows as
    counted things, so that "40 troops and trains pilots" (a verb) stays out; [] when none."""
    m = _AND_HEAD.match(text, head[1])
    word = m.group("tok") if m else ""
    if not m or word == _singular(word) or head[2].lower() == _singular(head[2].lower()):
        return []
    if _singular(word) not in _HEADS or _singular(head[2].lower()) not in _HEADS:
        return []
    return [(m.start("and"), m.end("and"), m.group("and")), (m.start("tok"), m.end("tok"), word)]


def _is_year(m: re.Match, text: str, tokens: list[tuple[int, int, str]]) -> bool:
    number = m.group("num") or ""
    if not re.fullmatch(r"1[89]\d\d|20\d\d", number) or m.group("scale"):
        return False
    return bool(_YEAR_LEAD.search(text[:m.start()])) or _singular(tokens[-1][2].lower()) not in _HEADS


def _counted_tokens(text: str, pos: int, value: float) -> list[tuple[int, int, str]]:
    """The words of the counted noun phrase after a number: up to three modifiers, a head noun, and a compound
    continuation ("aircraft carriers"); [] when no counted noun follows."""
    words: list[tuple[int, int, str]] = []
    while len(words) < 6:
        m = _TOKEN.match(text, pos)
        if not m or m.group("tok").lower() in _STOP:
            break
        words.append((m.start("tok"), m.end("tok"), m.group("tok")))
        pos = m.end()
    for i, (_, _, word) in enumerate(words[:4]):
        low = word.lower()
        if _singular(low) in _NOT_COUNTED or low in _MONTHS:
            return []
        later = [w for _, _, w in words[i + 1:i + 4]]
        if _singular(low) in _REFERENCES and not any(_is_head(w, value) for w in later):
            return []
        if (_is_head(word, value) or (re.fullmatch(_DESIGNATOR, word) and not any(_is_head(w, value) for w in later))
                or (not later and value != 1 and re.fullmatch(_MODEL_PLURAL, word))):
            j = i
            while j + 1 < len(words) and _continues(words[j][2], words[j + 1][2]) and not re.fullmatch(_DESIGNATOR,
                                                                                                       word):
                j += 1  # "two aircraft carriers", "two Sovereign Base Areas"
            return words[:j + 1]
    return []


def _continues(word: str, following: str) -> bool:
    """A plural noun continuing a compound: lower case, or title case after a title-case word (a proper name)."""
    if word[:1].isupper() and following[:1].isupper() and following[1:].islower():
        return _is_plural_noun(following.lower())
    return _is_plural_noun(following)


def _is_head(word: str, value: float) -> bool:
    low = word.lower()
    if re.fullmatch(rf"{_DESIGNATOR}s", word):
        return True
    if low in _HEADS or (_singular(low) in _HEADS and (low != _singular(low) or value == 1)):
        return True
    return value != 1 and _is_plural_noun(word)


def _is_plural_noun(word: str) -> bool:
    low = word.lower()
    return (word == low and low not in _STOP and _singular(low) not in _NOT_COUNTED
            and bool(re.fullmatch(r"[a-z][a-z-]*[a-rt-z]s", low)) and not re.search(r"(?:us|is|ys|ss)$", low))


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ches|shes|sses|xes)$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def build_unit(tokens: list[tuple[int, int, str]], dropped: set[int]) -> str:
    """The unit of a counted phrase: its words less those at indices `dropped` (actor names), less qualifiers
    ("more", "new", "military"); a designator head loses its plural ("MiG-15s" → "MiG-15")."""
    last = len(tokens) - 1
    words = [w for k, (_, _, w) in enumerate(tokens)
             if k == last or (k not in dropped and not _qualifier(w, tokens[k + 1][2]))]
    if words and re.fullmatch(rf"{_DESIGNATOR}s?", words[-1]):
        head = re.sub(r"s$", "", words[-1])
        prefix, _, rest = head.partition("-")
        words[-1] = f"{_CASING.get(prefix.lower(), prefix)}-{rest}"
    elif words and re.fullmatch(_MODEL_PLURAL, words[-1]) and len(tokens) == len(words) == 1:
        words[-1] = words[-1][:-1]
    return " ".join(words) or tokens[-1][2]


def _qualifier(word: str, following: str) -> bool:
    """A modifier that is not part of the unit: a qualifier, a descriptive adjective, a demonym before a common
    noun ("Sahrawi refugees"; not a maker or model such as "Sukhoi jets", "Super Etendard")."""
    if word.lower() in ("military", "civilian") and _singular(following.lower()) in _MISSION_ROLES:
        return False  # "military observers", "civilian monitors": a mission's staff category, a compound
    return (word.lower() in QUALIFIERS or bool(_DESCRIPTIVE.fullmatch(word))
            or (bool(_DEMONYM.fullmatch(word)) and following.islower() and word not in _MAKERS))


_MAKERS = frozenset({"Sukhoi", "Mitsubishi", "Kawasaki", "Shahed", "Shahid"})


def words_value(words: str) -> float | None:
    """The value of a run of number words ("forty-two" 42, "two hundred and five" 205, "a dozen" 12), or None when
    the words do not make one number ("two three", "forty fifty")."""
    total, current, small = 0.0, 0.0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "and"):
            continue
        if word in _SMALL:
            value = _SMALL[word]
            if small and not (small >= 20 and small % 10 == 0 and value < 10):
                return None
            small += value
            current += value
        elif word in ("dozen", "hundred"):
            current = (current or 1) * _MULTIPLIERS[word]
            small = 0
        else:
            total += (current or 1) * _MULTIPLIERS[word]
            current, small = 0.0, 0
    return total + current


def _plain(number: str) -> float:
    return float(number.replace(",", ""))


def money_value(value: float, scale: str | None, currency: str) -> tuple[float, str]:
    """Normalise an amount to millions ("CUR m") or, from a billion up, billions ("CUR bn"): $200,000 → 0.2 US$ m."""
    code = _CURRENCIES.get(currency.strip().lower(), "US$")
    amount = value * _SCALES.get((scale or "").lower(), 1.0)
    if amount >= 1e9:
        return round(amount / 1e9, 9), f"{code} bn"
    return round(amount / 1e6, 9), f"{code} m"
