"""The draft: every drafted item with its evidence, and its assembly into a scenario file.

`draft(text, as_of)` runs the steps in order (sentences → actors → relations, quantities, stance cues) and
returns a `Draft`. `Draft.to_scenario()` / `Draft.to_toml()` write a scenario with ``status = "draft"`` in which
every item carries ``status = "draft"`` and its own source quoting the text with character offsets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from realpolitik.draft import anaphora, markup, pronouns
from realpolitik.draft.actors import DraftActor, Mention, find_actors
from realpolitik.draft.evidence import Evidence, Sentence, decode_text, split_sentences
from realpolitik.draft.quantities import DraftQuantity, find_quantities
from realpolitik.draft.relations import DraftRelation, Skipped, find_relations
from realpolitik.draft.stances import DraftStanceCue, find_stance_cues
from realpolitik.errors import RealpolitikError

_SCENARIO_KIND = {"state": "state", "leader": "leader", "organisation": "organisation", "non_state": "faction",
                  "group": "faction", "armed_group": "armed_group"}
_BLOCS = {"west", "eu"}
_T = TypeVar("_T")


@dataclass
class Draft:
    """A drafted scenario: actors, relations, quantities and stance cues, each with its evidence in `text`."""

    text: str
    as_of: dt.date | None
    sentences: list[Sentence]
    actors: list[DraftActor]
    mentions: list[Mention]
    relations: list[DraftRelation]
    quantities: list[DraftQuantity]
    stance_cues: list[DraftStanceCue]
    skipped: list[Skipped] = field(default_factory=list)

    def items(self) -> Iterator[tuple[str, str, Any, Evidence]]:
        """Yield (section, item id, item, evidence) for every drafted item, in the ids the scenario uses."""
        for a in self.actors:
            assert a.evidence is not None, "drafting gives every actor its evidence"
            yield "actors", a.id, a, a.evidence
        for k, r in enumerate(self.relations, 1):
            yield "relations", f"r{k}", r, r.evidence
        for k, q in enumerate(self.quantities, 1):
            yield "quantities", f"q{k}", q, q.evidence
        for k, c in enumerate(self.stance_cues, 1):
            yield "stance_cues", f"c{k}", c, c.evidence

    def to_dict(self) -> dict[str, Any]:
        """Return the draft as JSON-ready data (for the review page and `draft --format json`)."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "cow": a.cow, "represents": a.represents,
                        "origin": a.origin, "unknown": a.unknown, "note": a.note,
                        "mentions": [{"text": m.text, "start": m.start, "end": m.end, "how": m.how}
                                     for m in a.mentions],
                        "evidence": a.evidence.to_dict() if a.evidence else None} for a in self.actors],
            "relations": [{"id": f"r{k}", "kind": r.kind, "source": r.source, "target": r.target,
                           "directed": r.directed, "cue": r.cue, "evidence": r.evidence.to_dict()}
                          for k, r in enumerate(self.relations, 1)],
            "quantities": [{"id": f"q{k}", "value": q.value, "unit": q.unit, "what": q.what, "holder": q.holder,
                            "where": q.where, "evidence": q.evidence.to_dict()}
                           for k, q in enumerate(self.quantities, 1)],
            "stances": [{"id": f"c{k}", "actor": c.actor, "about": c.about, "direction": c.direction,
                         "position_range": list(c.position_range), "salience_range": list(c.salience_range),
                         "evidence": c.evidence.to_dict()} for k, c in enumerate(self.stance_cues, 1)],
            "skipped": [{"kind": s.kind, "reason": s.reason, "evidence": s.evidence.to_dict()}
                        for s in self.skipped],
        }

    def to_polars(self) -> Any:
        """Return one row per drafted item with its evidence (docs/frames.md; `draft.frames.draft_items`)."""
        from realpolitik.draft.frames import draft_items

        return draft_items(self)

    def to_pandas(self) -> Any:
        """Return `to_polars()` as a pandas DataFrame (needs the ``pandas`` extra)."""
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(), "Draft")

    def to_document(self, scenario_id: str = "draft", title: str | None = None) -> dict[str, Any]:
        """Return the draft as a scenario document (the dict a TOML or JSON file holds)."""
        digest = hashlib.sha256(self.text.encode()).hexdigest()[:12]
        doc: dict[str, Any] = {
            "id": scenario_id, "title": title or f"Draft from a text ({len(self.text.split())} words)",
            "version": "draft", "status": "draft",
            "description": f"Drafted by realpolitik.draft from a text of {len(self.text)} characters (sha256 "
                           f"{digest}...). Every item is a draft: review it before forecasting.",
            "sources": [], "actors": [], "issues": [], "stances": [], "relations": [], "quantities": [],
            "stance_cues": [],
        }
        if self.as_of:
            doc["as_of"] = self.as_of
        for section, item_id, item, evidence in self.items():
            source_id = f"text-{item_id.replace('_', '-')}"[:64]
            doc["sources"].append(_source(source_id, section, evidence, digest))
            doc[section].append(_entry(section, item_id, item, source_id))
        return doc

    def to_scenario(self, scenario_id: str = "draft", title: str | None = None):
        """Return the draft as a validated `Scenario` (status draft)."""
        from realpolitik.scenario.io import scenario_from_dict

        return scenario_from_dict(self.to_document(scenario_id, title), "<draft>")

    def to_toml(self, scenario_id: str = "draft", title: str | None = None) -> str:
        """Return the draft as scenario TOML; `load_scenario` reads it back as the same draft."""
        from realpolitik.scenario.io import dumps_toml

        return dumps_toml(self.to_scenario(scenario_id, title))


def _source(source_id: str, section: str, evidence: Evidence, digest: str) -> dict[str, Any]:
    span = evidence.span
    return {"id": source_id, "citation": f"the drafted text (sha256 {digest}...), characters {span.start}-{span.end}, "
            f"sentence {evidence.sentence.index + 1}: \"{evidence.sentence.text}\"", "quote": span.quote,
            "offsets": [span.start, span.end], "reliability": "C"}


def _entry(section: str, item_id: str, item: Any, source_id: str) -> dict[str, Any]:
    if section == "actors":
        notes = [f"COW code {item.cow}" if item.cow is not None else "",
                 f"represents {item.represents}" if item.represents else "", item.note or "",
                 f"found by {item.origin}", "mentions: " + "; ".join(sorted({m.text for m in item.mentions}))]
        kind = "bloc" if item.id in _BLOCS else _SCENARIO_KIND[item.kind]
        return {"id": item_id, "name": item.name, "kind": kind, "notes": ". ".join(n for n in notes if n),
                "sources": [source_id], "status": "draft"}
    if section == "relations":
        return {"kind": item.kind, "from": item.source, "to": item.target, "directed": item.directed,
                "note": f"{item_id}: cue {item.cue!r}", "source": source_id, "status": "draft"}
    if section == "quantities":
        entry = {"id": item_id, "value": item.value, "unit": item.unit, "what": item.what, "source": source_id,
                 "status": "draft"}
        entry.update({k: v for k, v in (("holder", item.holder), ("where", item.where)) if v})
        return entry
    return {"id": item_id, "actor": item.actor, "about": item.about, "direction": item.direction,
            "position_range": list(item.position_range), "salience_range": list(item.salience_range),
            "source": source_id, "status": "draft"}


def _check_case(text: str) -> None:
    """Refuse a text written (almost) all in capitals: names are found by their capital letters, so such a text
    would give an almost empty draft without saying why. A capitalised headline in a normal text is fine."""
    letters = [c for c in text if c.isalpha()]
    lower = sum(c.islower() for c in letters)
    if len(letters) >= 200 and lower < 0.1 * len(letters):
        raise RealpolitikError(f"the text is written in capitals ({lower} of {len(letters)} letters are lower case); "
                               "the drafter finds names by their capital letters and would find almost none. Fix: "
                               "paste the text in its normal upper and lower case")


@dataclass
class Reading:
    """The drafter's steps on the text up to the rules' relations (offsets into the HTML-cleaned text): what
    `draft` assembles into a `Draft`, kept apart so the relation classifier's trainer
    (tools/train_relation_model.py) reads its candidates from the same inputs."""

    text: str
    cleaned: markup.Cleaned | None
    date: dt.date | None
    sentences: list[Sentence]
    actors: list[DraftActor]
    mentions: list[Mention]
    referred: list[Mention]  # names, descriptions and resolved pronouns
    relations: list[DraftRelation]  # the rules' relations
    skipped: list[Skipped]

    @property
    def arguments(self) -> list[Mention]:
        """The mentions relations read: names, descriptions and pronouns, not those bound in their own clause."""
        return [m for m in self.referred if m.how != pronouns.BOUND]


def draft(text: str | bytes, as_of: dt.date | str | None = None, use_ner: bool = True) -> Draft:
    """Draft a scenario from a commentary `text`: actors (COW codes valid at `as_of`), relations, quantities and
    stance cues, each with the sentence and character offsets supporting it. Offline and deterministic; a spaCy
    NER is used for unknown names only if installed and `use_ner`. Bytes (a file's content) are decoded UTF-8 as
    stored, byte-order mark and CRLF kept (`realpolitik.draft.evidence.decode_text`, as the CLI and the web upload
    do), so offsets are the same whichever way the file comes in.

    >>> import realpolitik
    >>> d = realpolitik.draft("Turkey backs Azerbaijan against Armenia. Russia supplies arms to Armenia.",
    ...                       as_of="2020-09-27", use_ner=False)
    >>> [a.id for a in d.actors]
    ['turkey', 'azerbaijan', 'armenia', 'russia']
    >>> [(r.kind, r.source, r.target) for r in d.relations]
    [('alliance', 'turkey', 'azerbaijan'), ('arms_supplier', 'russia', 'armenia')]
    """
    reading = read(text, as_of, use_ner)
    return assemble(reading, reading.relations)


def read(text: str | bytes, as_of: dt.date | str | None = None, use_ner: bool = True) -> Reading:
    """Run the drafter's steps up to the rules' relations (see `draft`); offsets are into the cleaned text."""
    if isinstance(text, bytes | bytearray):
        text = decode_text(bytes(text), "the text")
    if not isinstance(text, str) or not text.strip():
        raise RealpolitikError("the text to draft from is empty. Fix: pass the commentary's text (a non-empty string)")
    _check_case(text)
    date = _as_date(as_of)
    cleaned = markup.clean(text)
    sentences = split_sentences(cleaned.text if cleaned else text)
    actors, mentions = find_actors(cleaned.text if cleaned else text, sentences, date, use_ner=use_ner)
    by_id = {a.id: a for a in actors}
    referred = pronouns.pronouns(sentences, anaphora.descriptions(sentences, mentions, by_id), by_id)
    relations, skipped = find_relations(sentences, [m for m in referred if m.how != pronouns.BOUND], by_id)
    return Reading(text, cleaned, date, sentences, actors, mentions, referred, relations, skipped)


def assemble(reading: Reading, relations: list[DraftRelation]) -> Draft:
    """The `Draft` of a `Reading` with these `relations`: quantities and stance cues found, offsets mapped back
    onto the text as given."""
    sentences, mentions, referred = reading.sentences, reading.mentions, reading.referred
    quantities = find_quantities(sentences, sorted([*mentions, *(m for m in referred if m.how in (
        pronouns.PRONOUN, pronouns.BOUND))], key=lambda m: m.start), {a.id: a for a in reading.actors})
    cues = find_stance_cues(sentences, sorted([*mentions, *pronouns.subjects(referred)], key=lambda m: m.start))
    text, cleaned, date, actors, skipped = reading.text, reading.cleaned, reading.date, reading.actors, reading.skipped
    if cleaned is None:
        return Draft(text, date, sentences, actors, mentions, relations, quantities, cues, skipped)

    def back(items: list[_T]) -> list[_T]:  # HTML or entities: offsets go back onto the text as given
        return markup.restore(items, cleaned, text)

    return Draft(text, date, back(sentences), back(actors), back(mentions), back(relations), back(quantities),
                 back(cues), back(skipped))


def _as_date(as_of: dt.date | str | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise RealpolitikError(f"as_of {as_of!r} is not a date. Fix: write it as YYYY-MM-DD, e.g. 2020-09-27") from None
