"""The statistical relation classifier: multinomial logistic regression over the candidates of
`relation_features.py`, trained on the hand-annotated texts of tests/draft_gold by tools/train_relation_model.py.
`draft()` does not call it: its leave-one-batch-out estimate showed no gain over the rules (docs/drafting.md,
"Statistical relation classifier"); `statistical_relations` is there to measure it again as rules and gold change.

Classes are ``none`` and the relation kinds; a candidate (an ordered pair of sides in one sentence) is labelled with
the kind of an annotated relation from its first side to its second whose evidence lies in the sentence (both
orders for an undirected one). A model file (``draft/data/relation_model.json`` in the package, none shipped) is
read once, on first use. `statistical_relations` proposes, beside the rules' relations, the candidates the model
gives a kind with probability at least the model's threshold, for pairs the rules did not relate in that sentence
and ties the rules do not already hold; each is a `StatisticalRelation` (a `DraftRelation` that says so, with its
probability) whose evidence is the words from the first mention to the second.

The trainer (`fit_logistic`) is plain NumPy: the mean cross-entropy plus ``l2/2 * |W|^2`` (the bias is not
penalised), minimised from zero weights by a fixed number of Nesterov-accelerated gradient steps of size 1/L, with L
an upper bound of the gradient's Lipschitz constant. No randomness: the same data gives the same weights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik.draft.actors import side
from realpolitik.draft.evidence import Evidence
from realpolitik.draft.relations import DraftRelation
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from realpolitik.draft.document import Reading
    from realpolitik.draft.relation_features import Candidate

NONE = "none"
UNDIRECTED = {"hostility", "ethnic_tie", "religious_tie", "defence_pact"}
_MODEL_FILE = "relation_model.json"


@dataclass
class StatisticalRelation(DraftRelation):
    """A relation the statistical classifier proposed (not a rule): `probability` is the model's for its kind."""

    probability: float = 0.0


@dataclass(frozen=True)
class RelationModel:
    """Weights of a trained classifier: ``weights[k, c]`` for feature ``vocabulary[k]`` and class ``classes[c]``."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    meta: dict[str, Any]

    def probabilities(self, features: list[tuple[str, ...]]) -> np.ndarray:
        """Class probabilities, one row per feature set (unknown features are ignored)."""
        scores = np.tile(self.bias, (len(features), 1))
        for row, feats in enumerate(features):
            index = [self.vocabulary[f] for f in feats if f in self.vocabulary]
            if index:
                scores[row] += self.weights[index].sum(axis=0)
        return softmax(scores)

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data (the shipped file's layout)."""
        order = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {**self.meta, "classes": list(self.classes), "threshold": self.threshold,
                "bias": [round(float(v), 5) for v in self.bias],
                "weights": {f: [round(float(v), 5) for v in self.weights[self.vocabulary[f]]] for f in order}}

    @classmethod
    def from_dict(cls, data: dict[str, Any], name: str = "the relation model") -> RelationModel:
        """Read a model written by `to_dict`; a clear error for a file in another layout."""
        try:
            classes = tuple(data["classes"])
            vocabulary = {f: k for k, f in enumerate(data["weights"])}
            weights = np.array(list(data["weights"].values()), dtype=float).reshape(len(vocabulary), len(classes))
            bias = np.array(data["bias"], dtype=float).reshape(len(classes))
            threshold = float(data["threshold"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RealpolitikError(f"{name}: not a relation model ({exc}). Fix: write it again with "
                                   "tools/train_relation_model.py") from None
        meta = {k: v for k, v in data.items() if k not in ("classes", "weights", "bias", "threshold")}
        return cls(classes, vocabulary, weights, bias, threshold, meta)


def read_model(path: str | Path) -> RelationModel:
    """Read a model file written by tools/train_relation_model.py; a clear error naming the file otherwise."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RealpolitikError(f"{path}: cannot read the relation model ({exc}). Fix: write it with "
                               "tools/train_relation_model.py") from None
    return RelationModel.from_dict(data, str(path))


@cache
def load_model() -> RelationModel | None:
    """The model in the package (``draft/data/relation_model.json``, read once), or None: none is shipped while
    the leave-one-batch-out estimate shows no gain (docs/drafting.md); the trainer writes one there on demand."""
    path = resources.files("realpolitik.draft") / "data" / _MODEL_FILE
    if not path.is_file():
        return None
    return read_model(str(path))


def statistical_relations(reading: Reading, model: RelationModel | None = None,
                          threshold: float | None = None) -> list[StatisticalRelation]:
    """The relations the model adds to the rules' in `reading` (module docstring); none without a model."""
    from realpolitik.draft.relation_features import candidates

    model = model if model is not None else load_model()
    if model is None:
        return []
    by_id = {a.id: a for a in reading.actors}
    found = candidates(reading.sentences, reading.arguments, by_id, reading.relations, reading.skipped)
    held = {tie(r.kind, side(r.source, by_id), side(r.target, by_id)) for r in reading.relations}
    return combine(found, model.probabilities([c.features for c in found]), model.classes, held,
                   model.threshold if threshold is None else threshold)


def combine(found: list[Candidate], probabilities: np.ndarray, classes: tuple[str, ...],
            held: set[tuple[str, str, str]], threshold: float) -> list[StatisticalRelation]:
    """The candidates whose likeliest kind (of the classes other than ``none``) has probability >= `threshold`,
    for pairs the rules left unrelated in their sentence (feature ``rule:none``) and ties the rules (`held`, from
    `tie`) or a likelier candidate do not already hold in either direction."""
    held = set(held) | {tie(kind, target, source) for kind, source, target in held}  # either order blocks
    proposals = []
    for k, c in enumerate(found):
        kinds = [j for j, name in enumerate(classes) if name != NONE]
        best = kinds[int(np.argmax(probabilities[k, kinds]))]
        p = float(probabilities[k, best])
        kind = classes[best]
        if p < threshold or "rule:none" not in c.features:
            continue
        proposals.append((-p, k, kind))
    added: list[StatisticalRelation] = []
    for neg_p, k, kind in sorted(proposals):
        c = found[k]
        identity = tie(kind, c.source_side, c.target_side)
        if identity in held:
            continue
        held |= {identity, tie(kind, c.target_side, c.source_side)}  # one order of a pair per kind
        lo = min(c.source.start, c.target.start) - c.sentence.start
        hi = max(c.source.end, c.target.end) - c.sentence.start
        added.append(StatisticalRelation(kind, c.source_side, c.target_side, kind not in UNDIRECTED,
                                         f"statistical classifier (p={-neg_p:.2f})",
                                         Evidence(c.sentence, c.sentence.span(lo, hi)), round(-neg_p, 4)))
    return sorted(added, key=lambda r: (r.evidence.span.start, r.evidence.span.end, r.kind))


def tie(kind: str, source: str, target: str) -> tuple[str, str, str]:
    """A relation's identity for de-duplication: kind and sides, in either order for an undirected kind."""
    if kind in UNDIRECTED and target < source:
        return kind, target, source
    return kind, source, target


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by each row's maximum for stability."""
    z = np.exp(scores - scores.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class SparseRows:
    """An n × d matrix by its non-zero entries (`rows`, `cols`, `values`): what `fit_logistic` multiplies."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, x: np.ndarray | SparseRows) -> SparseRows:
        """`x` itself, or the non-zero entries of a dense matrix."""
        if isinstance(x, SparseRows):
            return x
        x = np.asarray(x, dtype=float)
        if x.ndim != 2:
            raise RealpolitikError(f"the feature matrix must be n × d (got shape {x.shape}). Fix: pass one row per "
                                   "example")
        rows, cols = np.nonzero(x)
        return cls(rows, cols, x[rows, cols], (x.shape[0], x.shape[1]))

    def take(self, keep: np.ndarray) -> SparseRows:
        """The rows where the boolean `keep` is true, renumbered in order."""
        new_index = np.cumsum(keep) - 1
        mask = keep[self.rows]
        return SparseRows(new_index[self.rows[mask]], self.cols[mask], self.values[mask],
                          (int(keep.sum()), self.shape[1]))

    def dot(self, w: np.ndarray) -> np.ndarray:
        """``x @ w`` for a d × K `w`."""
        return np.stack([np.bincount(self.rows, self.values * w[self.cols, k], self.shape[0])
                         for k in range(w.shape[1])], axis=1)

    def tdot(self, p: np.ndarray) -> np.ndarray:
        """``x.T @ p`` for an n × K `p`."""
        return np.stack([np.bincount(self.cols, self.values * p[self.rows, k], self.shape[1])
                         for k in range(p.shape[1])], axis=1)


def gradient(weights: np.ndarray, bias: np.ndarray, x: np.ndarray | SparseRows, y: np.ndarray, l2: float
             ) -> tuple[float, np.ndarray, np.ndarray]:
    """Objective (mean cross-entropy + ``l2/2 * |W|^2``) and its gradients in W and in the bias, for features `x`
    (n × d, dense or `SparseRows`) and integer labels `y` (n)."""
    x = SparseRows.of(x)
    n = x.shape[0]
    p = softmax(x.dot(weights) + bias)
    loss = -float(np.log(p[np.arange(n), y] + 1e-300).mean()) + 0.5 * l2 * float((weights ** 2).sum())
    p[np.arange(n), y] -= 1.0
    return loss, x.tdot(p) / n + l2 * weights, p.mean(axis=0)


def fit_logistic(x: np.ndarray | SparseRows, y: np.ndarray, n_classes: int, l2: float = 1e-3,
                 iterations: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Weights (d × K) and bias (K) of an L2-regularised multinomial logistic regression (module docstring)."""
    x = SparseRows.of(x)
    y = np.asarray(y, dtype=int)
    if y.shape != (x.shape[0],) or x.shape[0] == 0:
        raise RealpolitikError(f"fit_logistic needs n × d features and n labels (got {x.shape} and {y.shape}). "
                               "Fix: pass one feature row per label")
    if y.min() < 0 or y.max() >= n_classes:
        raise RealpolitikError(f"labels must lie in 0..{n_classes - 1} (got {y.min()}..{y.max()}). Fix: encode "
                               "the classes as 0..K-1")
    n, d = x.shape
    step = 1.0 / (0.5 * (_spectral_norm(x) ** 2 + n) / n + l2)  # the bias column counts as a feature of ones
    w, b = np.zeros((d, n_classes)), np.zeros(n_classes)
    w_prev, b_prev = w.copy(), b.copy()
    for t in range(1, iterations + 1):
        momentum = (t - 1) / (t + 2)
        vw, vb = w + momentum * (w - w_prev), b + momentum * (b - b_prev)
        _, gw, gb = gradient(vw, vb, x, y, l2)
        w_prev, b_prev = w, b
        w, b = vw - step * gw, vb - step * gb
    return w, b


def _spectral_norm(x: SparseRows, rounds: int = 50) -> float:
    """The largest singular value of `x` by power iteration from a vector of ones (deterministic), with a margin."""
    v = np.ones((x.shape[1], 1)) / np.sqrt(max(1, x.shape[1]))
    sigma = 0.0
    for _ in range(rounds):
        v = x.tdot(x.dot(v))
        norm = float(np.linalg.norm(v))
        if norm == 0.0:
            return 0.0
        sigma = float(np.sqrt(norm))
        v /= norm
    return sigma * 1.05
