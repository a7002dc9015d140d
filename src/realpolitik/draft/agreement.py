"""Inter-annotator agreement: score one folder of hand annotations against another annotator's folder of the
same texts, with the scorer drafts are scored by (`realpolitik.draft.evaluation.score_draft`).

The second annotation is read as if it were a draft, so every category is matched exactly as a draft is (actors
by COW code, name or mention; relations by kind and endpoints at state level; quantities by value, unit and
holder; stances by actor, sentence and direction). Agreement is reported as precision, recall and F1 with the
first folder as the reference: F1 is the usual agreement measure for extraction tasks, where chance agreement is
not defined (Hripcsak & Rothschild 2005, "Agreement, the F-measure, and reliability in information retrieval",
JAMIA 12(3)); swapping the folders swaps precision and recall. It is the ceiling an extractor can be held to
under the annotation rules: a target above the annotators' own agreement is a target on a convention.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.draft.evaluation import load_gold, score_all
from realpolitik.draft.evidence import Evidence, Sentence, Span, split_sentences
from realpolitik.errors import RealpolitikError


@dataclass(frozen=True)
class _Mention:
    text: str


@dataclass(frozen=True)
class _Actor:
    id: str
    name: str
    kind: str
    cow: int | None
    represents: str | None
    mentions: tuple[_Mention, ...]


@dataclass(frozen=True)
class _Relation:
    kind: str
    source: str
    target: str
    directed: bool
    evidence: Evidence | None


@dataclass(frozen=True)
class _Quantity:
    value: float
    unit: str
    holder: str | None
    where: str | None
    evidence: Evidence | None


@dataclass(frozen=True)
class _Stance:
    actor: str
    direction: str
    about: str
    evidence: Evidence


@dataclass(frozen=True)
class AnnotationAsDraft:
    """A hand annotation in the shape `score_draft` reads from a draft (actors, relations, quantities, stance cues
    and the text's sentences), so two annotators are compared by the same matcher as an extractor."""

    sentences: list[Sentence]
    actors: list[_Actor]
    relations: list[_Relation]
    quantities: list[_Quantity]
    stance_cues: list[_Stance]


def as_draft(annotation: dict[str, Any], text: str) -> AnnotationAsDraft:
    """Read one annotation (already checked by `load_gold`) as a draft of `text`."""
    sentences = split_sentences(text)

    def evidence(quote: str | None) -> Evidence | None:
        start = text.find(quote) if quote else -1
        if start < 0:
            return None
        sentence = next((s for s in sentences if s.start <= start < s.end), sentences[0])
        return Evidence(sentence, Span(start, start + len(quote or ""), quote or ""))

    actors = [_Actor(a["id"], a["name"], a["kind"], a.get("cow"), a.get("represents"),
                     tuple(_Mention(m) for m in a.get("mentions", []))) for a in annotation.get("actors", [])]
    relations = [_Relation(r["kind"], r["source"], r["target"], bool(r.get("directed", True)),
                           evidence(r.get("evidence"))) for r in annotation.get("relations", [])]
    quantities = [_Quantity(float(q["value"]), str(q["unit"]), q.get("holder"), q.get("where"),
                            evidence(q.get("evidence"))) for q in annotation.get("quantities", [])]
    stances = [_Stance(s["actor"], s["direction"], s.get("about", ""), e) for s in annotation.get("stances", [])
               if (e := evidence(s["evidence"])) is not None]
    return AnnotationAsDraft(sentences, actors, relations, quantities, stances)


def agreement(reference_dir: str | Path, other_dir: str | Path, text_root: str | Path | None = None,
              errors: bool = False) -> dict[str, Any]:
    """Score the annotations in `other_dir` against those in `reference_dir` (files paired by name, each pair
    annotating the same text). Returns the shape of `realpolitik.draft.evaluation.evaluate` (``files``,
    ``total``, ``evidence_failures`` = 0, ``errors`` when asked) plus ``unpaired``: the files found in only one
    folder, which are not scored."""
    ref, other = Path(reference_dir), Path(other_dir)
    for folder in (ref, other):
        if not folder.is_dir():
            raise RealpolitikError(f"{folder} is not a folder. Fix: give two folders of annotation files (*.json)")
    names_a = {p.name for p in ref.glob("*.json")}
    names_b = {p.name for p in other.glob("*.json")}
    paired = sorted(names_a & names_b)
    if not paired:
        raise RealpolitikError(f"{ref} and {other} share no annotation file name. Fix: name each text's annotation "
                               "the same in both folders (e.g. crisis_1999.json)")
    root = Path(text_root) if text_root else None

    def read_pairs() -> Iterator[tuple[str, AnnotationAsDraft, dict[str, Any], str]]:
        for name in paired:
            gold, text = load_gold(ref / name, root)
            theirs, their_text = load_gold(other / name, root)
            if their_text != text:
                raise RealpolitikError(f"{other / name} annotates a different text from {ref / name}. Fix: pair "
                                       "the annotations of the same text (byte for byte)")
            yield name, as_draft(theirs, text), gold, text

    return {**score_all(read_pairs(), errors, check_evidence=False), "unpaired": sorted(names_a ^ names_b)}
