"""Evaluation: score drafts against hand annotations (one JSON file per text, the schema of docs/drafting.md).

Matching (one-to-one, greedy in file order):
- actors: same COW code when both have one, else the same id or name, or a shared mention (case-insensitive);
  only then, among the actors still unmatched, a mention containing the other ("Karadzic" in "Karadzic's Republika
  Srpska");
- relations, typed: same kind and endpoints (either order when either side is undirected); untyped: the same
  unordered pair of actors, each pair counted once. Endpoints are compared at the level of the state a leader
  represents ("Erdogan" and "Turkey" are one endpoint);
- quantities: same holder (again at state level) and the same value and unit by normalised identity
  (`realpolitik.draft.unit_match`): case, spacing, plurals and HTML entities folded; "%" = "per cent" =
  "percent"; money compared after scaling ("US$ m" 0.2 = "US$" 200000 = "US$ bn" 0.0002), the currency must
  match; a designator alone ("MiG-29") matches a unit naming it ("MiG-29 fighters", "MiG-29s"); nothing else is
  partial ("aircraft" is not "aircraft carriers"); values within a relative tolerance of 1e-6;
- quantity places: the quantities that have a place (``where``), matched as above and by the same place: an
  actor (at state level) or a place the text names, as a lowercase snake id ("south_ossetia");
- stances: same actor (state level), same sentence and same direction.
Precision, recall and F1 are micro-averaged over the files; every drafted item's evidence is checked
(``text[start:end]`` equals its quote) and the failures are counted. With ``errors=True`` the result also lists,
per file and category, the drafted items no annotation matched (``spurious``) and the annotations no drafted item
matched (``missed``), each as one line with its evidence: the error analysis a rule writer reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.draft.evidence import read_text
from realpolitik.draft.unit_match import same_quantity
from realpolitik.errors import RealpolitikError

CATEGORIES = ("actors", "relations_typed", "relations_untyped", "quantities", "quantity_places", "stances")
_REQUIRED = {"actors": ("id", "name", "kind"), "relations": ("kind", "source", "target"),
             "quantities": ("holder", "value", "unit"), "stances": ("actor", "direction", "evidence")}


@dataclass
class Score:
    """True positives, false positives and false negatives of one category, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1 when nothing was predicted and nothing was expected."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def to_dict(self) -> dict[str, float]:
        """Return the counts and rates as JSON-ready data."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def load_gold(path: Path, text_root: Path | None = None) -> tuple[dict[str, Any], str]:
    """Read one annotation file and its text (beside it, else under `text_root`); check the schema."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RealpolitikError(f"{path}: cannot read the annotation ({exc}). Fix: write it as JSON in the schema "
                               "of docs/drafting.md") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("text"), str):
        raise RealpolitikError(f"{path}: no 'text' field naming the text file. Fix: add \"text\": \"name.txt\"")
    candidates = [path.parent / gold["text"]] + ([Path(text_root) / gold["text"]] if text_root else [])
    text_path = next((c for c in candidates if c.is_file()), None)
    if text_path is None:
        raise RealpolitikError(f"{path}: text file {gold['text']!r} not found (looked in "
                               f"{', '.join(str(c.parent) for c in candidates)}). Fix: put the text beside the "
                               "annotation or give the folder it is under as text_root")
    text = read_text(text_path)
    _check_schema(path, gold, text)
    return gold, text


def _check_schema(path: Path, gold: dict[str, Any], text: str) -> None:
    for section, keys in _REQUIRED.items():
        for k, item in enumerate(gold.get(section, [])):
            missing = [key for key in keys if key not in item]
            if missing:
                raise RealpolitikError(f"{path}: {section}[{k}] lacks {', '.join(missing)}. Fix: add them (schema "
                                       "in docs/drafting.md)")
            value = item.get("value") if section == "quantities" else 0
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise RealpolitikError(f"{path}: {section}[{k}].value is not a number: {value!r}. Fix: write it as a "
                                       "JSON number in the unit given (e.g. 3300, 48.17)")
            evidence = item.get("evidence")
            if evidence and evidence not in text:
                raise RealpolitikError(f"{path}: {section}[{k}].evidence is not in the text: {evidence[:60]!r}. "
                                       "Fix: quote the text exactly")


def evaluate(gold_dir: str | Path, text_root: str | Path | None = None, as_of: str | None = None,
             use_ner: bool = False, errors: bool = False) -> dict[str, Any]:
    """Draft every annotated text in `gold_dir` (``*.json``) and score the drafts against the annotations.

    Returns ``{"files": {name: {category: score}}, "total": {category: score}, "evidence_failures": n}`` with
    micro-averaged totals; scores are ``{"tp", "fp", "fn", "precision", "recall", "f1"}``. With `errors`, also
    ``"errors": {name: {category: {"spurious": [line], "missed": [line]}}}`` (categories with no error left out)."""
    from realpolitik.draft.document import draft

    folder = Path(gold_dir)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise RealpolitikError(f"{folder}: no annotation files (*.json). Fix: give the folder holding one JSON "
                               "annotation per text")

    def drafted() -> Iterator[tuple[str, Any, dict[str, Any], str]]:
        for path in files:
            gold, text = load_gold(path, Path(text_root) if text_root else None)
            yield path.name, draft(text, as_of=gold.get("as_of", as_of), use_ner=use_ner), gold, text

    return score_all(drafted(), errors)


def score_all(scored: Iterable[tuple[str, Any, dict[str, Any], str]], errors: bool = False,
              check_evidence: bool = True) -> dict[str, Any]:
    """Score each ``(file name, draft, annotation, text)`` with `score_draft` and sum the counts: the result of
    `evaluate` (and of `realpolitik.draft.agreement.agreement`, whose drafts are a second annotator's files and
    carry no offsets to check, `check_evidence` False)."""
    totals = {c: Score() for c in CATEGORIES}
    result: dict[str, Any] = {"files": {}, "evidence_failures": 0, **({"errors": {}} if errors else {})}
    for name, d, gold, text in scored:
        listed: dict[str, dict[str, list[str]]] | None = {} if errors else None
        scores = score_draft(d, gold, text, listed)
        if check_evidence:
            result["evidence_failures"] += evidence_failures(d)
        result["files"][name] = {c: s.to_dict() for c, s in scores.items()}
        if listed:
            result["errors"][name] = listed
        for c, s in scores.items():
            totals[c].add(s)
    result["total"] = {c: s.to_dict() for c, s in totals.items()}
    return result


def evidence_failures(d) -> int:
    """Count drafted items whose evidence does not quote the text at its offsets."""
    bad = 0
    for _, _, _, evidence in d.items():
        span = evidence.span if evidence else None
        if span is None or d.text[span.start:span.end] != span.quote or not span.quote:
            bad += 1
    return bad


def score_draft(d, gold: dict[str, Any], text: str,
                errors: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Score]:
    """Score one draft against one annotation; when `errors` is a dict, fill it with the unmatched items
    (``{category: {"spurious": [line], "missed": [line]}}``)."""
    pred_to_gold = _match_actors(d.actors, gold.get("actors", []))
    pkey, gold_level = actor_keys(d, gold, pred_to_gold)
    pred_rep = {a.id: a.represents for a in d.actors}
    log = _ErrorLog(errors)
    scores = {"actors": _count(len(pred_to_gold), len(d.actors), len(gold.get("actors", [])))}
    matched_gold = set(pred_to_gold.values())
    log.add("actors", [_actor_line(a) for a in d.actors if a.id not in pred_to_gold],
            [_gold_actor_line(a) for a in gold.get("actors", []) if a["id"] not in matched_gold])
    gold_rel = [(r["kind"], gold_level(r["source"]), gold_level(r["target"]), r.get("directed", True))
                for r in gold.get("relations", [])]
    pred_rel = [(r.kind, pkey(r.source), pkey(r.target), r.directed) for r in d.relations]
    scores["relations_typed"] = log.pairwise(
        "relations_typed", pred_rel, gold_rel, _same_relation,
        [f"{r.kind} {r.source} -> {r.target}: {_quote(r.evidence)}" for r in d.relations],
        [f"{r['kind']} {r['source']} -> {r['target']}: {r.get('evidence', '')!r}" for r in gold.get("relations", [])])
    pred_pairs, gold_pairs = _pairs(pred_rel), _pairs(gold_rel)
    scores["relations_untyped"] = log.pairwise("relations_untyped", pred_pairs, gold_pairs, lambda p, g: p == g,
                                               [" -- ".join(sorted(p)) for p in pred_pairs],
                                               [" -- ".join(sorted(g)) for g in gold_pairs])
    gold_q = [(float(q["value"]), str(q["unit"]), gold_level(q["holder"])) for q in gold.get("quantities", [])]
    pred_q = [(q.value, q.unit, pkey(q.holder)) for q in d.quantities]
    scores["quantities"] = log.pairwise(
        "quantities", pred_q, gold_q, _same_quantity,
        [f"{q.value:g} {q.unit!r} held by {q.holder}: {_quote(q.evidence)}" for q in d.quantities],
        [f"{q['value']:g} {q['unit']!r} held by {q['holder']}: {q.get('evidence', '')!r}"
         for q in gold.get("quantities", [])])
    gold_w = [(float(q["value"]), str(q["unit"]), gold_level(q["holder"]), gold_level(q["where"]))
              for q in gold.get("quantities", []) if q.get("where")]
    pred_w = [(q.value, q.unit, pkey(q.holder), pkey(q.where) if q.where in pred_rep else q.where)
              for q in d.quantities if q.where]
    scores["quantity_places"] = log.pairwise(
        "quantity_places", pred_w, gold_w, _same_quantity,
        [f"{q.value:g} {q.unit!r} held by {q.holder} in {q.where}: {_quote(q.evidence)}" for q in d.quantities
         if q.where],
        [f"{q['value']:g} {q['unit']!r} held by {q['holder']} in {q['where']}: {q.get('evidence', '')!r}"
         for q in gold.get("quantities", []) if q.get("where")])
    sentence_of = _sentence_index(d.sentences)
    gold_s = [(gold_level(s["actor"]), s["direction"], sentence_of(text.find(s["evidence"])))
              for s in gold.get("stances", [])]
    pred_s = [(pkey(c.actor), c.direction, c.evidence.sentence.index) for c in d.stance_cues]
    scores["stances"] = log.pairwise(
        "stances", pred_s, gold_s, lambda p, g: p == g,
        [f"{c.actor} {c.direction} {c.about!r}: {_quote(c.evidence)}" for c in d.stance_cues],
        [f"{s['actor']} {s['direction']} {s.get('about', '')!r}: {s['evidence']!r}" for s in gold.get("stances", [])])
    return scores


def actor_keys(d, gold: dict[str, Any], pred_to_gold: dict[str, str] | None = None
               ) -> tuple[Callable[[str | None], str], Callable[[str | None], str]]:
    """The keys the scorer compares actors by: (drafted actor id → key, annotated actor id → key). Both are at
    the level of the state a leader represents; a drafted actor matched to an annotated one (`_match_actors`)
    takes the annotated id, an unmatched one ``pred:ID``. Used by `score_draft` and by the relation model's
    trainer to align annotated relations with drafted actors."""
    if pred_to_gold is None:
        pred_to_gold = _match_actors(d.actors, gold.get("actors", []))
    gold_level = _state_level({a["id"]: a.get("represents") for a in gold.get("actors", [])})
    pred_rep = {a.id: a.represents for a in d.actors}

    def pkey(actor_id: str | None) -> str:
        if actor_id is None:
            return "none"
        rep = pred_rep.get(actor_id)
        base = pred_to_gold.get(rep or actor_id) if rep else pred_to_gold.get(actor_id)
        return gold_level(base) if base else f"pred:{rep or actor_id}"

    return pkey, gold_level


class _ErrorLog:
    """Collects the unmatched items of each category when the caller asked for them (`errors` not None)."""

    def __init__(self, errors: dict[str, dict[str, list[str]]] | None) -> None:
        self.errors = errors

    def add(self, category: str, spurious: list[str], missed: list[str]) -> None:
        """Record one category's unmatched drafted (`spurious`) and annotated (`missed`) items."""
        if self.errors is not None and (spurious or missed):
            self.errors[category] = {"spurious": spurious, "missed": missed}

    def pairwise(self, category: str, pred: list, gold: list, same: Callable[[Any, Any], bool],
                 pred_lines: list[str], gold_lines: list[str]) -> Score:
        """Match one-to-one, greedy in order (`_matches`), count, and record the items left unmatched on either side."""
        hits = _matches(pred, gold, same)
        self.add(category, [line for k, line in enumerate(pred_lines) if k not in hits],
                 [line for k, line in enumerate(gold_lines) if k not in hits.values()])
        return _count(len(hits), len(pred), len(gold))


def _quote(evidence) -> str:
    return repr(evidence.span.quote) if evidence is not None else "(no evidence)"


def _actor_line(a) -> str:
    cow = f", COW {a.cow}" if a.cow is not None else ""
    return f"{a.id} ({a.kind}{cow}) from {[m.text for m in a.mentions][:4]}"


def _gold_actor_line(a: dict[str, Any]) -> str:
    cow = f", COW {a['cow']}" if a.get("cow") is not None else ""
    return f"{a['id']} ({a['kind']}{cow}) mentions {list(a.get('mentions', []))[:4]}"


def _same_quantity(p: tuple, g: tuple) -> bool:
    """Same value and unit (`unit_match.same_quantity`) and the same holder (and place, when given)."""
    return p[2:] == g[2:] and same_quantity(*p[:2], *g[:2])


def _state_level(represents: dict[str, str | None]) -> Callable[[str | None], str]:
    return lambda actor_id: (represents.get(actor_id) or actor_id) if actor_id else "none"


def _norm(name: str) -> str:
    return re.sub(r"['’]s\b|^the\s+", "", name.strip().lower()).strip()


def _match_actors(pred, gold: list[dict[str, Any]]) -> dict[str, str]:
    """One-to-one actor matches: first every pair that matches exactly (COW code, id, name or a mention), then the
    pairs that match only by one mention containing the other, so that a drafted "Radovan Karadzic" cannot take the
    annotated "Radovan Karadzic's Republika Srpska" from the drafted "Republika Srpska"."""
    matched: dict[str, str] = {}
    used: set[str] = set()
    for loose in (False, True):
        for p in pred:
            if p.id in matched:
                continue
            for g in gold:
                if g["id"] not in used and _same_actor(p, g, loose):
                    matched[p.id] = g["id"]
                    used.add(g["id"])
                    break
    return matched


def _same_actor(p, g: dict[str, Any], loose: bool = True) -> bool:
    if p.cow is not None and g.get("cow") is not None:
        return p.cow == g["cow"]
    if p.cow is not None or g.get("cow") is not None:
        return False
    if p.id == g["id"] or _norm(p.name) == _norm(g["name"]):
        return True
    mine = {_norm(m.text) for m in p.mentions}
    theirs = {_norm(m) for m in g.get("mentions", [])} | {_norm(g["name"])}
    if mine & theirs:
        return True
    return loose and any(len(a) > 3 and len(b) > 3 and (a in b or b in a) for a in mine for b in theirs)


def _same_relation(p: tuple, g: tuple) -> bool:
    if p[0] != g[0]:
        return False
    if p[1:3] == g[1:3]:
        return True
    return (not p[3] or not g[3]) and (p[1], p[2]) == (g[2], g[1])


def _pairs(relations: list[tuple]) -> list[frozenset]:
    seen: list[frozenset] = []
    for r in relations:
        pair = frozenset(r[1:3])
        if pair not in seen:
            seen.append(pair)
    return seen


def _sentence_index(sentences) -> Callable[[int], int]:
    def index(offset: int) -> int:
        return next((s.index for s in sentences if s.start <= offset < s.end), -1)
    return index


def _matches(pred: list, gold: list, same: Callable[[Any, Any], bool]) -> dict[int, int]:
    """One-to-one matches, greedy in order: {index in pred: index in gold}."""
    hits: dict[int, int] = {}
    used: set[int] = set()
    for j, p in enumerate(pred):
        hit = next((k for k, g in enumerate(gold) if k not in used and same(p, g)), None)
        if hit is not None:
            hits[j] = hit
            used.add(hit)
    return hits


def _count(tp: int, predicted: int, expected: int) -> Score:
    return Score(tp, predicted - tp, expected - tp)


def format_scores(result: dict[str, Any]) -> str:
    """Return the scores as a plain-text table (one row per file and category, then the totals)."""
    lines = [f"{'file':28} {'category':18} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    rows = [*result["files"].items(), ("TOTAL", result["total"])]
    for name, scores in rows:
        for category, s in scores.items():
            lines.append(f"{name[:28]:28} {category:18} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  "
                         f"{s['tp']}/{s['fp']}/{s['fn']}")
    lines.append(f"items whose evidence does not quote the text: {result['evidence_failures']}")
    return "\n".join(lines)


def format_errors(result: dict[str, Any]) -> str:
    """Return the unmatched items of an `evaluate(..., errors=True)` result, file by file ("-" drafted but not
    annotated, "+" annotated but not drafted)."""
    lines: list[str] = []
    for name, categories in result.get("errors", {}).items():
        lines.append(f"== {name}")
        for category, listed in categories.items():
            lines += [f"  {category} - {line}" for line in listed["spurious"]]
            lines += [f"  {category} + {line}" for line in listed["missed"]]
    return "\n".join(lines) if lines else "no errors: every drafted item matched an annotation and vice versa"
