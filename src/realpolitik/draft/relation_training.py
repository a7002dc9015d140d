"""Training data for the relation classifier: annotated texts read as candidates with labels, and the scoring
of rules + model with the project's scorer. Used by tools/train_relation_model.py (its ``--cv`` mode).

Alignment: annotated actors are matched to drafted ones by the scorer's own matching
(`evaluation.actor_keys`, state level); an annotated relation labels the candidate of its two sides in each
sentence its evidence overlaps, in its direction (both directions when it is undirected). Annotated relations
whose sides are not both named in such a sentence label nothing (`Example.unreachable` counts them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.draft.actors import side
from realpolitik.draft.document import Draft, assemble, read
from realpolitik.draft.evaluation import Score, actor_keys, load_gold, score_draft
from realpolitik.draft.relation_features import Candidate, candidates
from realpolitik.draft.relation_model import (
    NONE,
    UNDIRECTED,
    RelationModel,
    SparseRows,
    combine,
    fit_logistic,
    tie,
)

UNSURE = "?"  # a label left out of training


@dataclass
class Example:
    """One annotated text: the rules-only draft, its candidates and their labels (a kind or ``none``)."""

    batch: str
    name: str
    gold: dict[str, Any]
    text: str
    draft: Draft
    candidates: list[Candidate]
    labels: list[str]
    held: set[tuple[str, str, str]]
    unreachable: int


def load_examples(folder: Path, batch: str, text_root: Path | None = None,
                  files: list[Path] | None = None) -> list[Example]:
    """Read every annotation of `folder` (or the given `files`) as an `Example` of `batch`."""
    out = []
    for path in files if files is not None else sorted(folder.glob("*.json")):
        gold, text = load_gold(path, text_root)
        reading = read(text, gold.get("as_of"), use_ner=False)
        base = assemble(reading, reading.relations)
        by_id = {a.id: a for a in reading.actors}
        found = candidates(reading.sentences, reading.arguments, by_id, reading.relations, reading.skipped)
        labels, unreachable = align(found, base, gold, text)
        held = {tie(r.kind, side(r.source, by_id), side(r.target, by_id)) for r in reading.relations}
        out.append(Example(batch, path.name, gold, text, base, found, labels, held, unreachable))
    return out


def align(found: list[Candidate], d: Draft, gold: dict[str, Any], text: str) -> tuple[list[str], int]:
    """The label of each candidate, and how many annotated relations label no candidate. A candidate of a pair
    that is annotated with evidence in other sentences only is `UNSURE` (left out of training): its sentence may
    assert the tie again without being the annotated evidence."""
    pkey, gold_level = actor_keys(d, gold)
    index = {(c.sentence.index, pkey(c.source_side), pkey(c.target_side)): k for k, c in enumerate(found)}
    labels = [NONE] * len(found)
    evidence: dict[frozenset[str], set[int]] = {}
    unreachable = 0
    for r in gold.get("relations", []):
        source, target = gold_level(r["source"]), gold_level(r["target"])
        orders = [(source, target)] + ([] if r.get("directed", True) else [(target, source)])
        sentences = _sentences_of(d, text, r.get("evidence", ""))
        evidence.setdefault(frozenset((source, target)), set()).update(sentences)
        hits = [index[(s, a, b)] for s in sentences for a, b in orders if (s, a, b) in index]
        for k in hits:
            if labels[k] == NONE:
                labels[k] = r["kind"]
        unreachable += not hits
    for k, c in enumerate(found):
        pair = frozenset((pkey(c.source_side), pkey(c.target_side)))
        if labels[k] == NONE and pair in evidence and c.sentence.index not in evidence[pair]:
            labels[k] = UNSURE
    return labels, unreachable


def _sentences_of(d: Draft, text: str, evidence: str) -> list[int]:
    start = text.find(evidence) if evidence else -1
    if start < 0:
        return []
    end = start + len(evidence)
    return [s.index for s in d.sentences if s.start < end and start < s.end]


def vocabulary(examples: list[Example], min_count: int = 2) -> dict[str, int]:
    """Features seen in at least `min_count` candidates of `examples`, in sorted order."""
    counts: dict[str, int] = {}
    for e in examples:
        for c in e.candidates:
            for f in c.features:
                counts[f] = counts.get(f, 0) + 1
    return {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}


def design(examples: list[Example], vocab: dict[str, int]) -> SparseRows:
    """The 0/1 feature matrix of every candidate of `examples` (rows in order)."""
    feature_rows = [c.features for e in examples for c in e.candidates]
    rows, cols = [], []
    for k, feats in enumerate(feature_rows):
        index = sorted({vocab[f] for f in feats if f in vocab})
        rows += [k] * len(index)
        cols += index
    return SparseRows(np.array(rows, dtype=int), np.array(cols, dtype=int), np.ones(len(rows)),
                      (len(feature_rows), len(vocab)))


def train(examples: list[Example], classes: tuple[str, ...], l2: float, iterations: int, threshold: float,
          meta: dict[str, Any] | None = None) -> RelationModel:
    """Fit the classifier on every candidate of `examples`."""
    vocab = vocabulary(examples)
    x = design(examples, vocab)
    labels = [label for e in examples for label in e.labels]
    keep = np.array([label != UNSURE for label in labels], dtype=bool)
    y = np.array([classes.index(label) for label in labels if label != UNSURE], dtype=int)
    x = x.take(keep)
    w, b = fit_logistic(x, y, len(classes), l2, iterations)
    return RelationModel(classes, vocab, w, b, threshold, dict(meta or {}))


def scores(examples: list[Example], model: RelationModel | None, thresholds: list[float],
           drop_below: float = 0.0) -> dict[float, Score]:
    """Typed-relation score of rules + model over `examples` at each threshold (rules only when `model` is None
    or at a threshold above 1). With `drop_below`, a rule relation whose candidate (same sentence and sides, either
    order for an undirected kind) the model gives its kind a probability below it is dropped."""
    out = {t: Score() for t in thresholds}
    for e in examples:
        probs = model.probabilities([c.features for c in e.candidates]) if model and e.candidates else None
        rules = e.draft.relations
        if probs is None or model is None:
            for t in thresholds:
                out[t].add(score_draft(e.draft, e.gold, e.text)["relations_typed"])
            continue
        if drop_below > 0:
            rules = [r for r in rules if not _doubted(r, e, probs, model.classes, drop_below)]
        for t in thresholds:
            added = combine(e.candidates, probs, model.classes, e.held, t) if t <= 1 else []
            out[t].add(score_draft(replace(e.draft, relations=[*rules, *added]), e.gold, e.text)["relations_typed"])
    return out


def _doubted(r, e: Example, probs: np.ndarray, classes: tuple[str, ...], below: float) -> bool:
    if r.kind not in classes:
        return False
    by_id = {a.id: a for a in e.draft.actors}
    a, b = side(r.source, by_id), side(r.target, by_id)
    wanted = {(a, b)} | ({(b, a)} if r.kind in UNDIRECTED else set())
    ps = [probs[k, classes.index(r.kind)] for k, c in enumerate(e.candidates)
          if c.sentence.index == r.evidence.sentence.index and (c.source_side, c.target_side) in wanted]
    return bool(ps) and max(ps) < below
