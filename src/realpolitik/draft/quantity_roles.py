"""Text-level roles for quantity holders: the text's theatre and its main recipient of transfers.

Both are fallbacks for a holder the sentence does not name (docs/drafting.md, quantities):
- the **theatre** is the state the text is about: the state named most often as other than a subject (the place
  and object of the others' acts: "in Sudan", "invaded Kuwait", "sanctions on Myanmar"; a leader counts for the
  state he represents), at least twice and more often than any other. People counted with no group and no place
  ("1.3 million people have been displaced") are the theatre's;
- the **main recipient** is the actor named most often as the recipient of a transfer: the object of a verb of
  giving or arming ("sold Kyiv", "arms the rebels"), the actor after "to" in a clause of transfer ("passed its
  jets to Ukraine", "arms deliveries to Somalia"), the owner of a donor's role ("Vietnam's largest donor", "the
  regime's paymaster"), the subject of receiving, buying or depending ("Iraq received", "Niger depends on"), of a
  passive of supply ("Taiwan is armed by"), at least twice and more often than any other. Money or equipment
  given with no recipient in its sentence ("Washington has delivered $350m in military aid") is its.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from realpolitik.draft.actors import DraftActor, Mention, side
from realpolitik.draft.evidence import Sentence

GIVING = (r"sold|sells|selling|supplied|supplies|supplying|gave|gives|giving|lent|lends|lending|loaned|loans|"
          r"arms|armed|arming|funds|funded|funding|finances|financed|financing|bankrolls|bankrolled|equips|"
          r"equipped|equipping|shipped|ships|delivered|delivers|provided|provides|granted|grants|promised|"
          r"pledged|offered|extended|paid|pays|subsidises|subsidizes|subsidised|subsidized|rewarded")
# A clause of transfer: what is handed over, then "to" its recipient ("arms deliveries to Somalia")
_TRANSFER_TO = re.compile(
    rf"\b(?:{GIVING}|sent|sends|passed|pass|transferred|transfers|exported|exports|donated|donates|handed|"
    r"weapons|arms|aid|assistance|loans?|credits?|deliveries|supplies|sales?|shipments?|airlift|lift)\b"
    r"(?:\s+[\w'’-]+){0,6}?\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_GIVEN_TO = re.compile(rf"\b(?:{GIVING})\s+(?:the\s+)?$")
DONOR_ROLES = (r"donors?|paymasters?|patrons?|backers?|suppliers?|armourers?|armorers?|bankers?|creditors?|"
               r"lenders?|sponsors?|benefactors?|financiers?|arsenals?|quartermasters?")
# The owner of a donor's role: "Vietnam's largest donor", "the regime's paymaster" (read after the owner's name)
ROLE_OF = re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,3}}?(?:{DONOR_ROLES})\b")
_RECEIVES = re.compile(r"\s+(?:also\s+|still\s+|now\s+|already\s+)?(?:has\s+|have\s+|had\s+)?(?:received|receives|"
                       r"receive|obtained|obtains|got|gets|bought|buys|buy|ordered|orders|imported|imports|"
                       r"depends\s+on|depend\s+on|relies\s+on|rely\s+on|relied\s+on|depended\s+on)\b")
_SUPPLIED_BY = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+\s+){0,2}?(?:armed|supplied|"
                          r"funded|financed|bankrolled|equipped|paid|subsidi[sz]ed|topped\s+up)\b")
_WINDOW = 300  # characters before a mention that _TRANSFER_TO, _GIVEN_TO and _PLACE_LEAD can reach
_PLACE_LEAD = re.compile(r"\b(?:in|into|inside|across|throughout|within|on|against|invaded|invade|invading|"
                         r"attacked|attack|occupied|occupy)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class TextRoles:
    """The text's theatre and main recipient (a mention of each, standing for its side: the state a leader
    represents), the mentions named as recipients sentence by sentence, and each actor's side."""

    theatre: Mention | None = None
    recipient: Mention | None = None
    given_to: tuple[Mention, ...] = ()
    sides: dict[str, str] = field(default_factory=dict)

    def side(self, m: Mention | None) -> str | None:
        """The side `m` stands for (its actor, or the state its leader represents)."""
        return None if m is None else self.sides.get(m.actor, m.actor)


def text_roles(sentences: list[Sentence], mentions: list[Mention], actors: dict[str, DraftActor]) -> TextRoles:
    """The theatre and main recipient of the text (this module's docstring)."""
    places: Counter[str] = Counter()
    recipients: Counter[str] = Counter()
    given_to: list[Mention] = []
    first: dict[str, Mention] = {}
    by_index = {s.index: s for s in sentences}
    for m in mentions:
        sentence = by_index.get(m.sentence)
        if sentence is None or m.how.startswith("pronoun"):
            continue
        who = side(m.actor, actors)
        first.setdefault(who, replace(m, actor=who))
        # the frames end at the mention and span a few words: a bounded tail keeps a long sentence linear
        before = sentence.text[max(0, m.start - sentence.start - _WINDOW):m.start - sentence.start]
        after = sentence.text[m.end - sentence.start:]
        state = who in actors and actors[who].kind == "state"
        if state and m.how != "demonym" and (not m.is_subject(sentence) or _PLACE_LEAD.search(before)):
            places[who] += 1
        if _recipient_frame(m, before, after, sentence):
            recipients[who] += 1
            given_to.append(m)
    theatre, recipient = _leader(places), _leader(recipients)
    return TextRoles(first.get(theatre) if theatre else None, first.get(recipient) if recipient else None,
                     tuple(given_to), {a: side(a, actors) for a in actors})


def _recipient_frame(m: Mention, before: str, after: str, sentence: Sentence) -> bool:
    if m.how == "demonym" and not m.text.endswith("s"):
        return bool(ROLE_OF.match(after))  # "the Iraqi arsenal" is no recipient named; "Somali paymaster" neither
    if _GIVEN_TO.search(before) or _TRANSFER_TO.search(before) or ROLE_OF.match(after):
        return True
    return bool(m.is_subject(sentence) and (_RECEIVES.match(after) or _SUPPLIED_BY.match(after)))


def _leader(counts: Counter[str]) -> str | None:
    """The actor counted most often, at least twice and more often than any other; else None."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
