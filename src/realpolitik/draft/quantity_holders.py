"""Who holds a quantity: rules tried in order (docs/drafting.md, quantities and "Quantity holders by role").

1. an actor named inside the counted phrase ("54,000 US troops"); for bases it is the place instead ("five
   Philippine bases": the basing state is the subject that uses them), unless they are attacked or seized ("struck
   ten Iranian airfields": the host's);
2. money frozen or seized: its owner named with it ("held by X", "of X's assets"), never the one who freezes,
   else the text's theatre;
3. a possessive right before ("India's $2.9 trillion", "X, whose ten members"); a share in apposition to the name
   before it ("The Kurds, some 18 per cent of the population"); "N things of X" / "N per cent of X's budget";
4. a share of a sum named before it in its clause; the value of things counted just before ("four drones worth
   $1bn"); "held/owned by X"; an apposition describing the name before it ("the RSF, a paramilitary of 100,000
   fighters"); people counted with a named person ("X and ten other officers"); people a sanction targets;
5. the recipient of a transfer: named in its frame (double object, "to/for Y", "delivered to Y N", "to arm Y", the
   demonym of an arsenal supplied; a deployment, people sent and money "for its own" use stay the giver's), else,
   for money or equipment handed over, the implied recipient (`_implied_recipient`: the owner of a donor's role,
   an earlier object, a recent recipient, the previous sentence's one other actor, the text's main recipient,
   its theatre; never the giver). When the clause hands things over, these run before the possessive;
6. people counted as such: their origin, the subject that has or hosts them, the actor they are in, the theatre;
7. the subject of the clause holding the number (a parenthesis opens a clause), never a reporting source ("The UN
   says"): the nearest mention followed by a verb (or a demonym office that acts: "the Egyptian president sent")
   and not opening a subordinate clause ("since X fled") nor a relative clause closed before the number, else
   the first mention of the clause not governed by a preposition, inside an appositive or inside an earlier
   counted phrase;
8. the holder of a quantity that is itself the subject of the clause ("600 aircraft have flown 6,000 sorties");
9. an economy measure's owner or, with no name in the clause, the theatre ("oil output has fallen to 1.1 million
   barrels a day"); the subject of an earlier clause of the sentence, then the previous sentence's subject when it
   is one actor and the clause does not start with a name the drafter does not know ("Nasser has ...", "The Bank
   of ..."); a share of a people is the theatre's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from realpolitik.draft.actors import VERBISH, Mention
from realpolitik.draft.evidence import Sentence
from realpolitik.draft.quantity_phrases import BASE_HEADS, Phrase
from realpolitik.draft.quantity_roles import ROLE_OF, TextRoles

# Hedges before a number ("some 400 tanks", "more than $1 billion")
_HEDGE = (r"(?:(?:some|about|around|roughly|nearly|almost|perhaps|over|barely|just|approximately|an\s+estimated|"
          r"more\s+than|fewer\s+than|less\s+than|at\s+least|up\s+to|well\s+over|as\s+many\s+as)\s+)?")
_PREPOSITIONS = {"for", "to", "with", "from", "of", "in", "on", "by", "against", "about", "at", "into", "over",
                 "than", "like", "toward", "towards", "between", "among", "off", "within", "as", "through",
                 "across", "under", "near", "behind", "beyond", "via", "upon", "after", "before"}
_DOUBLE_OBJECT = (r"sold|sells|selling|sell|supplied|supplies|supplying|supply|gave|gives|giving|give|given|delivered|"
                  r"delivers|delivering|sent|sends|sending|provided|provides|providing|lent|lends|lending|loaned|"
                  r"handed|brought|offered|promised|granted|grants|granting|shipped|ships|shipping|cost|costs|"
                  r"paid|pays|extended|extends|earns|earned|earning|nets|netted|saves|saved")
_TO_VERBS = (r"sold|sells|selling|sell|supplied|supplies|supplying|supply|gave|gives|giving|give|delivered|"
             r"delivers|delivering|deliver|provided|provides|providing|lent|loaned|donated|donates|transferred|"
             r"exported|exports|shipped|handed\s+over|granted|pledged|promised")
_DONOR_VERBS = (r"cut|cuts|suspended|suspends|froze|freezes|frozen|withheld|withholds|withdrew|pledged|pledges|gave|"
                r"gives|given|provided|provides|offered|offers|promised|promises|granted|grants|announced|approved|"
                r"halted|halts|slashed|sent|sends|donated|disbursed|lent|loaned|paid|pays|blocked|stopped|extended|"
                r"extends|committed|commits|released|releases|delayed|delays")
_AID_NOUN = (r"(?:aid|assistance|support|loans?|credits?|credit\s+lines?|grants?|payments?|funding|subsid(?:y|ies)|"
             r"relief|bail-?outs?|packages?|tranches?|deposits?|remittances?|appeals?)")
# "$50m of aid", "$1bn aid package", "a $280m tranche of its loan"
_AID = re.compile(rf"^\s+(?:(?:a\s+year|annually|each\s+year)\s+)?(?:(?:of|in)\s+)?(?:[\w'’-]+\s+){{0,2}}?"
                  rf"{_AID_NOUN}\b", re.IGNORECASE)
# "a loan of up to $18bn", "a credit line of $3.6bn", "its development aid, worth about €120m"
_AID_BEFORE = re.compile(rf"\b{_AID_NOUN},?\s+(?:of|worth)\s+(?:up\s+to\s+|about\s+|some\s+|around\s+|nearly\s+|"
                         r"roughly\s+|perhaps\s+|an\s+estimated\s+|at\s+least\s+|more\s+than\s+)?$", re.IGNORECASE)
# money "worth $600m a year to Pyongyang": the sum goes to the actor after "to"
_MONEY_TO = re.compile(r"\s+(?:(?:a|per|each)\s+(?:year|month|day|week)\s+|annually\s+)?to\s+(?:the\s+)?")
# Descriptions of a state named before ("the island", "the kingdom"): the recipient of a double-object transfer
_STATE_NOUNS = r"island|kingdom|emirate|sultanate|republic|country|peninsula|archipelago|principality"
_GROUP_NOUNS = r"movement|militia|group|party|rebels|insurgents|regime|government|junta|organisation|organization"
_WITH = re.compile(r"\b(?:funds?|funded|funding|finances?|financed|financing|supplies|supplied|supplying|provides|"
                   r"provided|providing|equips|equipped|rewards|rewarded|subsidises|subsidizes|subsidised|subsidized)"
                   r"\s+(?P<obj>[^,;]{1,60}?)\s+with\s+(?:an\s+estimated\s+|some\s+|about\s+|around\s+|nearly\s+|"
                   r"up\s+to\s+|perhaps\s+|roughly\s+|more\s+than\s+)?$")
_TITLE = r"(?:Mr|Mrs|Ms|Dr|President|General|King)\.?\s+"
_SENTENCE_END = re.compile(r"</?p>|\.\s+(?=\W*[A-Z])")
_BOUNDARY = re.compile(r";|:|\(|</?p>|\.\s+(?=\W*[A-Z])|,\s+(?=(?:and|but|while|whereas|yet|although|though|so)\b)"
                       r"|\s(?=(?:while|whereas|although)\s)")
_KNOWN_OPENERS = {"the", "a", "an", "it", "its", "they", "their", "he", "his", "she", "her", "this", "these",
                  "those", "that", "some", "about", "almost", "nearly", "roughly", "around", "over", "more", "both",
                  "all", "most", "many", "each", "only", "since", "in", "on", "at", "for", "by", "with", "after",
                  "before", "during", "under", "and", "but", "yet", "so", "while", "although", "though", "still",
                  "now", "then", "there", "here", "what", "which", "who", "when", "as", "if", "officially",
                  "meanwhile", "moreover", "however", "also", "even", "just", "today", "yesterday", "last",
                  "next", "our", "we", "i", "you"}
ALLIANCES = ("nato", "csto")
# Bases named with their host and struck, seized or bombed belong to the host, not to the attacker
_ATTACKED = re.compile(r"\b(?:struck|strikes?|striking|bombed|bombs?|bombing|hit|hits|hitting|attacked|attacks?|"
                       r"attacking|raided|raids?|raiding|shelled|shells?|shelling|destroyed|destroys?|destroying|"
                       r"seized|seizes?|seizing|captured|captures?|capturing|overran|overruns?|overrunning)\s+"
                       r"(?:(?:some|about|around|nearly|almost|at\s+least|more\s+than)\s+)?$")
# People sent or pledged "to" an actor stay the sender's ("pledged 3,300 soldiers to Mali")
_PERSONNEL = {"troop", "soldier", "serviceman", "servicemen", "personnel", "man", "men", "peacekeeper", "observer",
              "sailor", "airmen", "marine", "officer", "adviser", "advisor", "instructor", "trainer", "policemen",
              "militiamen", "brigade", "division", "battalion", "regiment", "mercenary", "mercenarie"}


@dataclass
class HolderContext:
    """What the rules see besides the phrase: the sentence, its mentions, the previous sentence's subject (when it
    is one actor), the last alliance named so far and the quantities already found in the sentence."""

    sentence: Sentence
    local: list[Mention]
    previous_subject: Mention | None = None
    previous_actors: list[Mention] = field(default_factory=list)
    alliance: Mention | None = None
    found: list[tuple[Phrase, Mention | None]] = field(default_factory=list)
    roles: TextRoles = field(default_factory=TextRoles)

    def rel(self, m: Mention) -> tuple[int, int]:
        """The mention's offsets in the sentence."""
        return m.start - self.sentence.start, m.end - self.sentence.start


def holder_and_place(ctx: HolderContext, phrase: Phrase, inside: list[Mention]) -> tuple[Mention | None,
                                                                                       Mention | None]:
    """The holder of `phrase` and, for bases named with their host ("Philippine bases"), the host as place."""
    if inside and phrase.head in BASE_HEADS:
        if _ATTACKED.search(ctx.sentence.text[_clause_start(ctx.sentence.text, phrase.start):phrase.start]):
            return inside[0], None  # "struck ten Iranian airfields": the attacked bases are the host's own
        return _subject(ctx, phrase.start), inside[0]
    if inside:
        return inside[0], None
    if phrase.kind == "count" and any(w.lower() == "alliance" for _, _, w in phrase.tokens[:-1]) and ctx.alliance:
        return ctx.alliance, None
    rules = (_frozen, _possessive, _share_apposition, _of_owner, _share_of_sum, _worth, _held_by, _apposition_of,
             _coordinated_other, _sanctioned, _relative_after, _recipient, _people)
    if _given(ctx, phrase):  # "supplied the Iraqi arsenal, from its 2,750 tanks": the recipient before "its"
        rules = (_frozen, _recipient, *rules[1:-2], _people)
    for rule in rules:
        found, decided = rule(ctx, phrase)
        if decided:
            return found, None
    held = _subject(ctx, phrase.start) or _subject_quantity(ctx, phrase) or _fallback(ctx, phrase.start)
    if held is None and phrase.kind == "share" and _OF_PEOPLE.match(ctx.sentence.text, phrase.end):
        held = ctx.roles.theatre  # "by one count some 40% of government employees have stopped working"
    return held, None


def _possessive(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    text = ctx.sentence.text
    for m in reversed([m for m in ctx.local if ctx.rel(m)[1] <= phrase.start]):
        gap = text[ctx.rel(m)[1]:phrase.start]
        if re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,2}|,\s+whose\s+(?:[\w-]+\s+){0,2}", gap):
            return m, True
        break
    return None, False


def _share_apposition(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """ "The Kurds, some 15 per cent of the population, ...": a share in apposition to the name before it."""
    if phrase.kind != "share":
        return None, False
    for m in ctx.local:
        gap = ctx.sentence.text[ctx.rel(m)[1]:phrase.start]
        if re.fullmatch(r",\s+(?:some|about|around|roughly|nearly|almost|perhaps|over|barely|just|more\s+than)?\s*",
                        gap):
            return m, True
    return None, False


def _of_owner(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """ "1,500 peacekeepers of the UN", "40 per cent of Rwanda's budget", "troops of the alliance's force"."""
    text = ctx.sentence.text
    after = re.match(r"\s+of\s+(?P<the>the\s+)?", text[phrase.end:])
    if not after:
        return None, False
    pos = phrase.end + after.end()
    for m in ctx.local:
        start, end = ctx.rel(m)
        owned = bool(re.match(r"['’]s\b", text[end:]))
        named = m.how != "demonym" or owned or m.text.endswith("s")
        if phrase.kind == "share" and not owned:
            named = False  # "held 70 per cent of Bosnia": a share of a place is held by the subject
        if start in (pos, phrase.end + after.start("the")) and named:  # not "of Chinese imports"
            return m, True
    if ctx.alliance and re.match(r"alliance['’]s\b", text[pos:]):
        return ctx.alliance, True
    return None, False


# Money frozen, seized or blocked belongs to the target of the measure, never to the one who freezes it
_FROZEN = re.compile(rf"\b(?:froze|frozen|freezing|freezes|freeze|seized|seizes|seizing|confiscated|"
                     rf"confiscating|impounded|blocked|blocking)\s+(?:(?:much|most|all|part|some|half)\s+of\s+)?"
                     rf"(?:the\s+|its\s+|their\s+)?{_HEDGE}$")


def _frozen(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """ "froze $7bn of its assets", "froze the $630bn in reserves held by the Central Bank of Russia": the owner
    named with the money, unless it is the one who freezes (a pronoun read back to the subject), else the theatre."""
    text = ctx.sentence.text
    clause = _clause_start(text, phrase.start)
    if phrase.kind != "money" or not _FROZEN.search(text[clause:phrase.start]):
        return None, False
    if _AID.match(text[phrase.end:]) or _AID_BEFORE.search(text[clause:phrase.start]):
        return None, False  # aid frozen is still the recipient's ("froze £2m of budget support")
    freezer = ctx.roles.side(_subject(ctx, phrase.start))
    for rule in (_held_by, _of_owner):
        owner, decided = rule(ctx, phrase)
        if decided and owner is not None and ctx.roles.side(owner) != freezer:
            return owner, True
    theatre = ctx.roles.theatre
    return (theatre if theatre is not None and ctx.roles.side(theatre) != freezer else None), True


_HELD_BY = re.compile(r"(?:(?:\s+[\w'’-]+){0,3}?\s+(?:held|owned|kept|controlled)\s+by|\s+(?:in|of)\s+(?:[\w-]+\s+)?"
                      r"(?:reserves|assets|gold|funds|deposits|debts?|savings|revenues?|exports|oil|gas|credits?)\s+"
                      r"(?:of|belonging\s+to))\s+(?:the\s+)?(?P<org>(?:[A-Z][\w'’-]*\s+){0,3}(?:of\s+)?)?")


def _held_by(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """The possessor after "held/owned by" or a stock "of X": "the $630bn in reserves held by the Central Bank of
    Russia" (a body of a state holds for it), "$40bn in frozen assets of Iran", "$2bn of gold belonging to
    Venezuela"."""
    text = ctx.sentence.text
    held = _HELD_BY.match(text, phrase.end)
    if not held:
        return None, False
    for m in ctx.local:
        start = ctx.rel(m)[0]
        if start in (held.end(), held.start("org") if held.group("org") else -1):
            return m, True
    return None, False


_APPOSITION_OF = re.compile(rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:of|with)\s+{_HEDGE}$")


def _apposition_of(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """A number in an apposition describing the name before it: "the Rapid Support Forces, a paramilitary of
    perhaps 100,000 fighters", "Bhutan, a kingdom of fewer than 800,000 people"."""
    text = ctx.sentence.text
    for m in reversed([m for m in ctx.local if ctx.rel(m)[1] <= phrase.start]):
        if _APPOSITION_OF.fullmatch(text[ctx.rel(m)[1]:phrase.start]) and not m.how.startswith("pronoun"):
            return m, True
        break
    return None, False


def _coordinated_other(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """ "Min Aung Hlaing and ten other officers": people counted with a named one are of his side."""
    text = ctx.sentence.text
    if phrase.kind != "count" or not re.match(r"\S+\s+other\b", text[phrase.start:phrase.end]):
        return None, False
    for m in reversed([m for m in ctx.local if ctx.rel(m)[1] <= phrase.start]):
        if re.fullmatch(rf"\s+(?:and|or)\s+{_HEDGE}", text[ctx.rel(m)[1]:phrase.start]):
            return m, True
        break
    return None, False


# A share stated as a share of a sum: how much of it is funded or paid ("13% funded"), or "of which 40%"
_OF_SUM_AFTER = re.compile(r"\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:been\s+)?(?:\w+ly\s+)?(?:funded|"
                           r"paid|disbursed|spent|delivered|met|covered|raised|received|used|unspent|committed)\b")
_OF_SUM_BEFORE = re.compile(rf"\bof\s+(?:which|that|it|this)\s+(?:only\s+|just\s+|barely\s+)?{_HEDGE}$")


def _share_of_sum(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """A share of a sum named before it in its clause is held as the sum: "its appeal of $2.6 billion for Sudan is
    only 13% funded", "$3bn, of which 40% has been paid" (not "lent Syria $2bn and holds 30% of the port")."""
    text = ctx.sentence.text
    if phrase.kind != "share" or not (_OF_SUM_AFTER.match(text, phrase.end)
                                      or _OF_SUM_BEFORE.search(text[:phrase.start])):
        return None, False
    clause = _clause_start(text, phrase.start)
    for earlier, holder in reversed(ctx.found):
        if earlier.kind == "money" and earlier.start >= clause and holder is not None:
            return holder, True
    return None, False


def _worth(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """The value of things counted just before it is held with them: "a sale of four drones worth about a billion
    dollars" (the buyer's)."""
    text = ctx.sentence.text
    if phrase.kind != "money" or not ctx.found:
        return None, False
    earlier, holder = ctx.found[-1]
    if earlier.kind == "count" and re.fullmatch(rf"\s+(?:(?:together|combined|in\s+all),?\s+)?(?:worth|valued\s+at|"
                                                rf"costing)\s+{_HEDGE}", text[earlier.end:phrase.start]):
        return holder, True
    return None, False


# A conjunction ends the sanction's object unless the number follows it: "sanctioned the minister and nine
# generals", not "imposed sanctions on Russia and sent 14 tanks"
_SANCTIONED = re.compile(r"\b(?:sanctioned|sanctions|sanctioning|blacklisted|black-listed|(?:travel|visa)\s+bans?|"
                         r"asset\s+freezes?|froze\s+the\s+assets\s+of)\s+(?:on\s+|against\s+)?"
                         r"(?:(?!(?:and|or|but|then)\s)[\w'’-]+\s+){0,6}?(?:(?:and|or)\s+)?$")


def _sanctioned(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """People a measure targets are not the sanctioner's: "Britain has sanctioned nine generals" (the text's
    theatre; "sanctions on Min Aung Hlaing and ten other officers" is `_coordinated_other`)."""
    text = ctx.sentence.text
    if phrase.kind != "count" or not _SANCTIONED.search(text[_clause_start(text, phrase.start):phrase.start]):
        return None, False
    theatre = ctx.roles.theatre
    sanctioner = ctx.roles.side(_subject(ctx, phrase.start))
    return (theatre if theatre is not None and ctx.roles.side(theatre) != sanctioner else None), True


# People counted as such: who they are (a group, a place) holds them, not the one who counts, kills or reports them
_PEOPLE = {"people", "person", "refugee", "migrant", "displaced", "civilian", "voter", "inhabitant", "resident",
           "dead", "killed", "wounded", "casualty", "casualties", "death", "victim", "hostage", "prisoner",
           "detainee", "child", "children", "women", "exile", "evacuee", "protester", "demonstrator", "citizen",
           "employee", "worker"}
# A clause's subject holds people it has, hosts or shelters: "Albania has taken in 350,000 refugees"
_HAS_PEOPLE = re.compile(rf"\b(?:has|have|had|hosts?|hosted|hosting|houses|housed|shelters|sheltered|taken\s+in|"
                         rf"took\s+in|takes\s+in|home\s+to|with|numbers|numbered|counts\s+among\s+its)\s+"
                         rf"(?:\w+\s+)?{_HEDGE}$")
_OF_PEOPLE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:people|population|"
                        r"employees|workers|civil\s+servants|voters|inhabitants|residents|citizens|civilians)\b")
_ORIGIN = re.compile(r"\s+of\s+")
_ORIGIN_NOUN = re.compile(r"\s+(?:origin|descent|extraction|ancestry|stock|birth)\b")
_FLED_TO = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:fled|crossed|escaped|gone|went|poured|streamed|moved|arrived)"
                      r"(?:\s+[\w-]+){0,3}?\s+(?:into|to|in)\s+(?:the\s+)?")
_PEOPLE_IN = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:in|inside|within|across|throughout)\s+(?:the\s+)?")


def is_people(phrase: Phrase) -> bool:
    """Whether a counted phrase counts people as such (people, refugees, voters, the dead), not a force."""
    return phrase.kind == "count" and phrase.head in _PEOPLE


def _people(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """People counted as such: the clause's subject when it has, hosts or shelters them ("Albania has taken in
    350,000 refugees"), else the actor they are in or have fled to ("Eight million people in Ethiopia", "60,000
    refugees have crossed into Sudan": the host), else the text's theatre
    ("More than 1.3 million people have been displaced"), else no one; never a source that reports them ("The UN
    says 25 million people need aid") nor one that kills, detains or counts them."""
    text = ctx.sentence.text
    if not is_people(phrase):
        return None, False
    origin = _ORIGIN.match(text, phrase.end)
    for m in ctx.local:
        if origin and ctx.rel(m)[0] == origin.end() and _ORIGIN_NOUN.match(text, ctx.rel(m)[1]):
            return m, True  # "67,000 people of Eritrean origin"
    subject = _subject(ctx, phrase.start)
    if subject is not None and _HAS_PEOPLE.search(text[ctx.rel(subject)[1]:phrase.start]):
        return subject, True
    place = _PEOPLE_IN.match(text, phrase.end) or _FLED_TO.match(text, phrase.end)
    for m in ctx.local:
        if place and ctx.rel(m)[0] == place.end():
            return m, True  # "8 million people in Ethiopia", "60,000 refugees have crossed into Sudan" (the host)
    return ctx.roles.theatre, True


def _funded_with(ctx: HolderContext, phrase: Phrase, clause: int) -> tuple[Mention | None, bool]:
    """ "Iran funds Hezbollah with $100m": the object of funding; "Iran funds the movement with $100m": the one
    other actor named before (the movement)."""
    text = ctx.sentence.text
    funded = _WITH.search(text[clause:phrase.start])
    if not funded:
        return None, False
    obj = clause + funded.start("obj")
    hit = next((m for m in ctx.local if ctx.rel(m)[0] == obj), None)
    if hit:
        return hit, True
    if re.fullmatch(rf"the\s+(?:{_STATE_NOUNS}|{_GROUP_NOUNS})", funded.group("obj")):
        before = [m for m in ctx.local if ctx.rel(m)[1] <= obj]
        donor = before[-1] if before else None
        return _one_other(before + ctx.previous_actors, donor), True
    return None, False


def _passive_recipient(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """Things given in a passive after the number: "Some 400 tanks have been delivered to Ethiopia by Moscow" (the
    actor after "to", never the agent after "by"), else the implied recipient (not the agent); not people."""
    text = ctx.sentence.text
    if phrase.head in _PERSONNEL or is_people(phrase):
        return None, False
    passive = _PASSIVE_GIVEN.match(text, phrase.end)
    if not passive:
        return None, False
    target = re.match(r"(?:\s+[\w-]+){0,3}?\s+to\s+(?:the\s+)?", text[passive.end():])
    agent = next((m for m in ctx.local if ctx.rel(m)[0] >= passive.end()
                  and re.search(r"\bby\s+(?:the\s+)?$", text[passive.end():ctx.rel(m)[0]])), None)
    for m in ctx.local:
        if target and ctx.rel(m)[0] == passive.end() + target.end() and m is not agent:
            return m, True
    return _implied_recipient(ctx, phrase, agent), True


def _recipient(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """The recipient of a transfer named in its frame (double object, "with" after funding, "to/for" after aid or a
    verb of sending, a passive of giving, `_named_recipient`), else for money or equipment handed over the implied
    recipient (`_implied_recipient`)."""
    text = ctx.sentence.text
    clause = _clause_start(text, phrase.start)
    for m in ctx.local:  # "sold Taipei 66 fighters", "is giving Manila ten vessels", "supplied Belgrade with six"
        start, end = ctx.rel(m)
        if (clause <= start and end <= phrase.start and _object_gap(text[end:phrase.start])
                and re.search(rf"\b(?:{_DOUBLE_OBJECT})\s+(?:the\s+)?$", text[clause:start])):
            return m, True
    if phrase.kind == "money":
        hit = _money_recipient(ctx, phrase)
        if hit:
            return hit, True
    described = re.search(rf"\b(?:{_DOUBLE_OBJECT})\s+the\s+(?:{_STATE_NOUNS})\s+(?P<gap>.*)$",
                          text[clause:phrase.start])
    if described and _object_gap(described.group("gap")):  # "shipped the island 42 missiles": the island named before
        donor = _subject(ctx, phrase.start)
        named = [m for m in ctx.local if ctx.rel(m)[1] <= clause] or ctx.previous_actors
        return _one_other(named, donor), True
    found, decided = _funded_with(ctx, phrase, clause)
    if decided:
        return found, True
    aid = bool(_AID.match(text[phrase.end:]) or _AID_BEFORE.search(text[clause:phrase.start]))
    donor = aid and bool(re.search(rf"\b(?:{_DONOR_VERBS})\b", text[clause:phrase.start]))
    strict = (phrase.head not in _PERSONNEL
              and bool(re.search(rf"\b(?:{_TO_VERBS})\b", text[clause:phrase.start])))
    if re.search(r"\bfrom\s+(?:its|their|his|her|the)?\s*$", text[clause:phrase.start]):
        aid = strict = False  # "from its 2,750 tanks to its MiG-23 fighters": a range, not a destination
    if aid or strict:
        prep = r"(?:to|for)" if aid else "to"  # "a $400m arms package for Taiwan"
        target = re.match(rf"[^.;:]{{0,80}}?\b{prep}\s+(?:the\s+)?(?P<title>{_TITLE})?", text[phrase.end:])
        if target:  # "to Mr Guaidó's government": the name with or without its title
            at = {phrase.end + target.end(), phrase.end + (target.start("title") if target.group("title") else -1)}
            for m in ctx.local:
                if ctx.rel(m)[0] in at:
                    return m, True
    if phrase.kind == "money" and _OWN_USE.match(text, phrase.end):  # "promised €100bn for its own forces"
        return _subject(ctx, phrase.start) or _fallback(ctx, phrase.start), True
    found, decided = _passive_recipient(ctx, phrase)
    if decided:
        return found, True
    named = _named_recipient(ctx, phrase)
    if named is not None:
        return named, True
    if donor or _given(ctx, phrase):  # named elsewhere: "The war ruined Georgia, and the US promised $1bn in aid."
        return _implied_recipient(ctx, phrase), True
    return None, False




# Verbs by which the subject hands over equipment (own jets "sent" or "committed" to a coalition stay its own) or
# money; the object goes to a recipient, never to the giver.
_GIVING_GOODS = (r"sold|sells|selling|supplied|supplies|supplying|gave|gives|giving|delivered|delivers|delivering|"
                 r"lent|lends|lending|loaned|donated|donates|granted|grants|provided|provides|providing|shipped|"
                 r"ships|shipping|handed\s+over|hands\s+over|transferred|transfers|flown\s+in|flew\s+in|"
                 r"airlifted|pledged|pledges|promised|promises|offered|offers")
_GIVING_MONEY = (_GIVING_GOODS + r"|sent|sends|committed|commits|contributed|contributes|disbursed|disburses|"
                 r"extended|extends")
# Verbs by which the subject gets what is counted: it holds it ("Iraq received $5bn pledged by the Gulf states")
_RECEIVING = re.compile(r"\b(?:received|receives|receiving|obtained|obtains|got|gets|secured|secures|won|wins|"
                        r"needs|needed|requested|requests|sought|seeks|bought|buys|ordered|orders|accepted|"
                        r"accepts|asked\s+for|asks\s+for|borrowed|borrows|raised|raises)\b")
# People, money or equipment "to arm/equip/train X": the purpose names the recipient
_PURPOSE = (r"(?:arm|rearm|equip|train|fund|finance|bankroll|supply|pay|support|help|rebuild|feed|prop\s+up)")
_PURPOSE_BEFORE = re.compile(rf"\b(?:programme|program|plan|scheme|effort|package|fund|mission|operation|"
                             rf"project|initiative|deal)\s+to\s+(?:\w+\s+(?:and|or)\s+)?{_PURPOSE}\s+"
                             r"(?:the\s+)?$")
_PURPOSE_AFTER = re.compile(rf"\s+(?:(?:a|per|each)\s+(?:year|month)\s+)?to\s+(?:help\s+)?(?:\w+\s+(?:and|or)\s+)?"
                            rf"{_PURPOSE}\s+(?P<the>the\s+)?")
_SENT_TO = re.compile(r"\b(?:sold|supplied|delivered|shipped|sent|flown|flew|airlifted|lent|given|gave|"
                      r"provided|transferred|exported|donated|handed\s+over)\s+(?:\w+\s+)?to\s+(?:the\s+)?$")


def _given(ctx: HolderContext, phrase: Phrase) -> bool:
    """Money or equipment the clause's subject hands over: a verb of giving before it in its clause and none of
    receiving ("Washington has delivered $350m", "Japan has promised $4 billion"; not troops, shares or people)."""
    if phrase.kind == "share" or phrase.head in _PERSONNEL or is_people(phrase):
        return False
    text = ctx.sentence.text
    lead = text[_clause_start(text, phrase.start):phrase.start]
    verbs = _GIVING_MONEY if phrase.kind == "money" else _GIVING_GOODS
    # the number is the verb's object: a few words after it, no comma between ("Soviet arms have been flown in, at
    # least 20 Antonov transports have landed": the transports are no object of "flown in")
    given = re.search(rf"\b(?:{verbs})\s+(?:[\w'’-]+\s+){{0,5}}$", lead)
    # "Taiwan was sold 66 jets": the subject of a passive transfer receives
    return (bool(given) and not _RECEIVING.search(lead)
            and not re.search(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?$", lead[:given.start()]))


def _named_recipient(ctx: HolderContext, phrase: Phrase) -> Mention | None:
    """A recipient named by its own frame: "delivered to Ethiopia weapons worth $1bn", "a programme to arm the
    rebels, which cost $500m", "$500m to train and equip the rebels"."""
    if phrase.kind == "share" or phrase.head in _PERSONNEL or is_people(phrase):
        return None
    text = ctx.sentence.text
    clause = _clause_start(text, phrase.start)
    for m in ctx.local:
        start, end = ctx.rel(m)
        if clause <= start and end <= phrase.start and _SENT_TO.search(text[clause:start]):
            return m
        if (clause <= start and end <= phrase.start and m.how == "demonym" and _ARSENAL.match(text, end)
                and re.search(rf"\b(?:{_GIVING_GOODS}|arms|armed|arming|equips|equipped)\s+(?:(?:most|much|all|"
                              r"some|part|half)\s+of\s+)?the\s+$", text[clause:start])):
            return m  # "has supplied most of the Iraqi arsenal, from its 2,750 tanks"
    if phrase.kind != "money":
        return None
    after = _PURPOSE_AFTER.match(text, phrase.end)
    for m in ctx.local:
        start, end = ctx.rel(m)
        if after and start in (after.end(), after.start("the")):
            return m
        if end <= phrase.start and _PURPOSE_BEFORE.search(text[:start]) and "." not in text[end:phrase.start]:
            return m
    return None


_OWN_USE = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:for|on)\s+(?:its|their|his|her)\s+own\b")
_ARSENAL = re.compile(r"\s+(?:arsenal|army|armed\s+forces|forces|military|air\s+force|navy|rebels|militias?|"
                      r"government|regime|junta)\b")


def _implied_recipient(ctx: HolderContext, phrase: Phrase, giver: Mention | None = None) -> Mention | None:
    """The recipient of money or equipment given with none named in its frame, first found of: the owner of a
    donor's role in the sentence ("Japan, Vietnam's largest donor, has frozen a credit of 14 billion yen"); the one
    actor named as an object in an earlier clause ("The war cost Georgia dear, and the US promised $1bn"); the
    latest actor named as a recipient in this or the two sentences before ("Moscow has lent Caracas $17bn. Beijing
    has lent $60bn"); the one other actor of the previous sentence; the text's main recipient; its theatre. Never
    the giver (the clause's subject); None when nothing is left."""
    donor = ctx.roles.side(giver or _subject(ctx, phrase.start))
    text = ctx.sentence.text

    def other(m: Mention | None) -> bool:
        return m is not None and ctx.roles.side(m) != donor and not m.how.startswith("pronoun")

    for m in ctx.local:
        start, end = ctx.rel(m)
        if other(m) and ROLE_OF.match(text, end):
            return m
    found = _other_party(ctx, phrase)
    if other(found):
        return found
    recent = [m for m in ctx.roles.given_to if ctx.sentence.index - 2 <= m.sentence <= ctx.sentence.index
              and (m.sentence < ctx.sentence.index or m.end - ctx.sentence.start <= phrase.start)]
    if recent and other(recent[-1]):
        return recent[-1]
    found = _one_other(ctx.previous_actors, _subject(ctx, phrase.start))
    if other(found):
        return found
    return next((m for m in (ctx.roles.recipient, ctx.roles.theatre) if other(m)), None)


_PASSIVE_GIVEN = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:have|has|had|were|was|are|is|will\s+be)\s+(?:been\s+)?"
                            rf"(?:\w+ly\s+)?(?:{_GIVING_GOODS}|flown|airlifted)\b(?!\s+(?:to|up|in)\s+\w+ing\b)")
# An object relative after the counted phrase: "the 40 jets (that) Egypt bought", "the 60 jets France sold Iraq"
_HOLDS_AFTER = (r"(?:has\s+|have\s+|had\s+)?(?:recently\s+|now\s+|already\s+)?(?:bought|buys|ordered|orders|received|"
                r"receives|acquired|acquires|obtained|got|holds|has|keeps|kept|deployed|deploys|fields|owns|imported|"
                r"imports|stationed|built|builds)\b")
_GIVES_AFTER = rf"(?:has\s+|have\s+|had\s+)?(?:{_GIVING_GOODS})\s+(?:to\s+)?(?:the\s+)?"


def _relative_after(ctx: HolderContext, phrase: Phrase) -> tuple[Mention | None, bool]:
    """The subject of an object relative right after the counted phrase holds it ("the 40 jets Egypt bought", "the
    24 Rafales that Qatar ordered"), or the recipient it gives to ("the 60 jets France sold Iraq")."""
    text = ctx.sentence.text
    if phrase.kind != "count":
        return None, False
    lead = re.match(r"(?:\s+(?:that\s+|which\s+)?)?", text[phrase.end:])
    at = phrase.end + (lead.end() if lead else 0)
    for m in ctx.local:
        start, end = ctx.rel(m)
        if start not in (at, at + 4 if text[at:at + 4].lower() == "the " else -1):
            continue
        given = re.match(rf"\s+{_GIVES_AFTER}", text[end:])  # before holding: "has sold to Syria" gives
        if given:
            return next((r for r in ctx.local if ctx.rel(r)[0] == end + given.end()), None), True
        if re.match(rf"\s+{_HOLDS_AFTER}", text[end:]):
            return m, True
        break
    return None, False


def _money_recipient(ctx: HolderContext, phrase: Phrase) -> Mention | None:
    """Where a sum goes: "worth $600m a year to Pyongyang", "deposited $1bn in Lebanon's central bank", "a $12bn
    deal to sell Doha 36 jets"."""
    text, clause = ctx.sentence.text, _clause_start(ctx.sentence.text, phrase.start)
    to = _MONEY_TO.match(text, phrase.end)
    placed = re.search(r"\b(?:deposit(?:s|ed|ing)?|invest(?:s|ed|ing)?|inject(?:s|ed|ing)?|park(?:s|ed)?)\b",
                       text[clause:phrase.start])
    into = _MONEY_INTO.match(text, phrase.end) if placed else None
    deal = _DEAL.match(text, phrase.end)
    for m in ctx.local:
        start, end = ctx.rel(m)
        if (to and start == to.end()) or (deal and start == deal.end()):
            return m
        if into and start == into.end() and re.match(r"['’]s\b", text[end:]):
            return m
    return None


_MONEY_INTO = re.compile(r"\s+(?:in|into)\s+(?:the\s+)?")
_DEAL = re.compile(r"\s+(?:arms\s+)?(?:deal|contract|agreement|order|sale)s?\s+to\s+"
                   r"(?:sell|supply|deliver|provide|give|build)\s+(?:the\s+)?")


def _other_party(ctx: HolderContext, phrase: Phrase) -> Mention | None:
    """The one actor named as an object in an earlier clause of the sentence, not the giver ("The war cost Georgia
    $1bn, and the US promised a $1bn aid package"); None when none or several."""
    donor = _subject(ctx, phrase.start)
    clause = _clause_start(ctx.sentence.text, phrase.start)
    others = [m for m in ctx.local if ctx.rel(m)[1] <= clause and not m.is_subject(ctx.sentence)
              and (donor is None or m.actor != donor.actor)]
    return others[0] if others and len({m.actor for m in others}) == 1 else None


def _one_other(mentions: list[Mention], donor: Mention | None) -> Mention | None:
    """The one actor of `mentions` that is not the donor, else None."""
    others = [m for m in mentions if donor is None or m.actor != donor.actor]
    return others[0] if len({m.actor for m in others}) == 1 else None


def _object_gap(gap: str) -> bool:
    """Words between a transfer's recipient and the number: no comma, no new verb phrase ("and keeps")."""
    return len(gap.split()) <= 8 and "," not in gap and not re.search(r"\band\s+[a-z]", gap)


def _clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _BOUNDARY.finditer(text[:pos])]
    return starts[-1] if starts else 0


def _clauses_before(text: str, pos: int) -> list[tuple[int, int]]:
    """The clauses of the sentence before the one holding `pos`, nearest first."""
    cuts = [0, *[m.end() for m in _BOUNDARY.finditer(text[:pos])]]
    return [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 2, -1, -1)]


def _subject(ctx: HolderContext, pos: int, clause: tuple[int, int] | None = None) -> Mention | None:
    """The subject of the clause holding `pos` (or of `clause`): the nearest mention followed by a verb, else the
    first mention neither governed by a preposition nor inside an appositive."""
    text = ctx.sentence.text
    start, end = clause or (_clause_start(text, pos), pos)
    inside = [m for m in ctx.local if start <= ctx.rel(m)[0] and ctx.rel(m)[1] <= end
              and not reporting_source(text, ctx.rel(m))]
    verbs = [m for m in inside if (m.is_subject(ctx.sentence) or _office_subject(text, m, ctx.rel(m)))
             and not _governed(text, ctx.rel(m)[0])
             and not _subordinate(text, ctx.rel(m)[0]) and not _closed_relative(text, ctx.rel(m), end)]
    if verbs:
        return verbs[-1]
    for m in inside:
        if (not _governed(text, ctx.rel(m)[0]) and not _in_apposition(text, ctx.rel(m)[0], start)
                and not _object(text, m, ctx.rel(m)) and not _counted(ctx, m)):
            return m
    return None


_REPORTS = re.compile(r"\s+(?:also\s+|now\s+|still\s+|itself\s+|officially\s+)?(?:says|said|say|estimates|estimated|"
                      r"estimate|reports|reported|report|claims|claimed|claim|counts|counted|believes|believed|"
                      r"believe|expects|expected|expect|thinks|warns|warned|insists|insisted|argues|argued|"
                      r"calculates|calculated|reckons|reckoned|suggests|suggested|predicts|predicted|forecasts|"
                      r"forecast|values|valued|puts\s+the|put\s+the)\b")
_REPORT_NOUNS = re.compile(r"['’]s?\s+(?:own\s+|latest\s+|official\s+)?(?:count|estimates?|figures?|tally|reckoning|"
                           r"data|reports?|statistics|survey|numbers|calculations?|assessment)\b")


def reporting_source(text: str, span: tuple[int, int]) -> bool:
    """A mention that reports a number rather than holds it: the subject of a verb of saying or estimating ("The UN
    says 25 million people need aid", "the IMF expects inflation of ..."), the one after "according to", the owner
    of a count or estimate ("by Baku's own count")."""
    start, end = span
    return bool(_REPORTS.match(text, end) or _REPORT_NOUNS.match(text, end)
                or re.search(r"\baccording\s+to\s+(?:the\s+)?$", text[:start]))


def _counted(ctx: HolderContext, m: Mention) -> bool:
    """A demonym inside a counted phrase found before ("struck ten Iranian airfields") names no subject."""
    start = ctx.rel(m)[0]
    return any(phrase.start < start < phrase.end for phrase, _ in ctx.found)


def _object(text: str, m: Mention, span: tuple[int, int]) -> bool:
    """A name right after a lower-case word ("fought China"), unless a demonym before a noun ("American forces")."""
    before = re.findall(r"[\w'’-]+", text[:span[0]].rpartition("(")[2])
    if before and before[-1].lower() in ("the", "a", "an"):
        before = before[:-1]
    if not before or not before[-1].islower() or before[-1] in _KNOWN_OPENERS:
        return False
    return not (m.how == "demonym" and re.match(r"\s+[a-z]", text[span[1]:]))


def sentence_subject(sentence: Sentence, local: list[Mention]) -> Mention | None:
    """The subject of a sentence when its subjects (mentions before a verb, else the first clause's subject) are
    one actor."""
    ctx = HolderContext(sentence, local)
    text = sentence.text
    subjects = [m for m in local if m.is_subject(sentence) and not _governed(text, ctx.rel(m)[0])
                and not reporting_source(text, ctx.rel(m))]
    if not subjects:
        first = _subject(ctx, len(text), (0, _clause_end(text)))
        subjects = [first] if first else []
    return subjects[0] if subjects and len({m.actor for m in subjects}) == 1 else None


def _clause_end(text: str) -> int:
    cut = _BOUNDARY.search(text)
    return cut.start() if cut else len(text)


def _governed(text: str, start: int) -> bool:
    before = re.findall(r"[\w'’-]+", text[:start].rpartition("(")[2])  # "of (the Guyana Defence Force": not governed
    if before and before[-1].lower() in ("the", "a", "an"):
        before = before[:-1]
    return bool(before) and before[-1].lower() in _PREPOSITIONS


_SUBORDINATORS = {"since", "when", "because", "until", "unless", "once", "if", "whenever", "ever"}
_RELATIVES = {"which", "whom"}


def _subordinate(text: str, start: int) -> bool:
    """The subject of a subordinate clause ("since Yanukovych fled"), not of the clause holding the number."""
    before = re.findall(r"[\w'’-]+", text[:start])
    return bool(before) and before[-1].lower() in _SUBORDINATORS


_OFFICES = (r"president|prime\s+minister|premier|foreign\s+minister|defen[cs]e\s+minister|government|army|"
            r"military|navy|air\s+force|regime|junta|leader|leadership|king|emir|general\s+staff|cabinet|parliament")


def _office_subject(text: str, m: Mention, span: tuple[int, int]) -> bool:
    """A demonym naming an office holder that acts: "the Egyptian president sent", "the Turkish army has"."""
    return (m.how == "demonym" and " " not in m.text.strip()
            and bool(re.match(rf"\s+(?:{_OFFICES})\b", text[span[1]:]))
            and bool(VERBISH.match(re.sub(rf"^\s+(?:{_OFFICES})\b", "", text[span[1]:]).lstrip())))


def _closed_relative(text: str, span: tuple[int, int], pos: int) -> bool:
    """The subject of a relative clause closed before the number ("a report, which Moscow never withdrew, that ...
    the president sent 100,000 troops"); inside the relative clause it holds ("which Cuba blocked with two ships")."""
    before = re.findall(r"[\w'’-]+", text[:span[0]])
    return bool(before) and before[-1].lower() in _RELATIVES and "," in text[span[1]:pos]


def _in_apposition(text: str, start: int, clause: int) -> bool:
    """A mention between a comma and the next comma after another noun phrase ("The UAE, Riyadh's partner, ...")."""
    lead = text[clause:start]
    return lead.count(",") % 2 == 1 and bool(re.search(r",\s*(?:the\s+|a\s+)?$|,\s+\w+\s+$", lead))


def _subject_quantity(ctx: HolderContext, phrase: Phrase) -> Mention | None:
    text = ctx.sentence.text
    clause = _clause_start(text, phrase.start)
    for earlier, holder in ctx.found:
        lead = text[clause:earlier.start].strip().lower()
        if earlier.start >= clause and holder is not None and re.fullmatch(r"(?:some|about|around|nearly|almost|"
                                                                          r"roughly|over|more than)?", lead):
            return holder
    return None


# Measures of an economy or a people with no owner named in their clause are the theatre's
_ECONOMY = re.compile(r"\b(?:output|production|exports?|imports?|inflation|GDP|growth|unemployment|revenues?|income|"
                      r"budget|deficit|debt|reserves|population|economy|trade|turnover|earnings)\b"
                      r"(?:\s+[\w'’-]+){0,5}?\s+$", re.IGNORECASE)  # "Inflation" opening a sentence
_OWNS_ECONOMY = re.compile(r"['’]s\s+(?:[\w-]+\s+)?(?:economy|GDP|budget|finances|treasury|exports|output|"
                           r"production|reserves|debt|currency)\b")
# "The country's mineral revenues": a description of the state the text is about as the owner
_DESCRIBED_OWNER = re.compile(r"\W*(?:and\s+)?the\s+(?:country|regime|government|junta|state|kingdom|republic|island|"
                              r"army|air\s+force|navy|military)['’]s\b", re.IGNORECASE)


def _fallback(ctx: HolderContext, pos: int) -> Mention | None:
    text = ctx.sentence.text
    opener = re.findall(r"[\w'’-]+", re.sub(r"<[^<>]*>", " ", text[_clause_start(text, pos):pos]))[:2]
    # A subject the drafter does not know ("Nasser has", "The Bank of England has") ends the search at the
    # sentence: an earlier clause may name its state ("London ...; Mrs Thatcher dispatched"), an earlier sentence
    # is no guide.
    unknown = any(w[0].isupper() and w.lower() not in _KNOWN_OPENERS for w in opener)
    floor = max([m.end() for m in _SENTENCE_END.finditer(text[:pos])], default=0) if unknown else 0
    start = _clause_start(text, pos)
    named = [m for m in ctx.local if start <= ctx.rel(m)[0] and ctx.rel(m)[1] <= pos]
    if len({m.actor for m in named}) == 1 and named[0].how == "demonym":
        return named[0]  # "the loss of the Argentine cruiser with 300 sailors"
    if not named and (_ECONOMY.search(text[start:pos]) or _DESCRIBED_OWNER.match(text[start:pos])):
        # "Argentina's economy cannot sustain a war: inflation is running above 100 per cent": the economy's owner
        owner = next((m for m in ctx.local if ctx.rel(m)[1] <= start and _OWNS_ECONOMY.match(text, ctx.rel(m)[1])),
                     None)
        if owner or ctx.roles.theatre:  # "oil output has fallen to 1.1 million barrels a day": the theatre's
            return owner or ctx.roles.theatre
    for clause in _clauses_before(text, pos):
        found = _subject(ctx, pos, clause) if clause[0] >= floor else None
        if found:
            return found
    return None if unknown else ctx.previous_subject
