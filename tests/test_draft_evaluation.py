"""Drafting end to end: the seed text (development set), our own texts, the blind held-out text, and the scorer
itself on a hand-counted example."""

from __future__ import annotations

import json

import pytest

from realpolitik.draft import draft, evaluate
from realpolitik.draft.evaluation import format_errors, format_scores, load_gold
from realpolitik.errors import RealpolitikError
from tests.conftest import REPO, require_shared

GOLD = REPO / "tests" / "draft_gold"
SEED = "seed/000_9fe00264e9b61a50.txt"


def test_every_item_of_the_seed_draft_quotes_the_text_at_its_offsets():
    text = (require_shared(SEED)).read_text(encoding="utf-8")
    d = draft(text, "2020-09-27")
    items = list(d.items())
    assert len(items) > 40
    for section, item_id, _, evidence in items:
        span = evidence.span
        assert span.quote and text[span.start:span.end] == span.quote, (section, item_id)
        sentence = evidence.sentence
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.start <= span.start < span.end <= sentence.end
    for actor in d.actors:
        assert all(text[m.start:m.end] == m.text for m in actor.mentions)


def test_seed_scores_against_the_hand_annotation():
    root = require_shared(SEED).parent.parent
    result = evaluate(GOLD, text_root=root)
    print("\nseed (development set):\n" + format_scores(result))
    total = result["total"]
    assert result["evidence_failures"] == 0
    assert total["actors"]["f1"] >= 0.95
    assert total["quantities"]["f1"] >= 0.9
    assert total["relations_typed"]["f1"] >= 0.6


def test_own_texts_scores():
    result = evaluate(GOLD / "own")
    print("\nown texts (India-Pakistan, Ethiopia-Egypt):\n" + format_scores(result))
    total = result["total"]
    assert result["evidence_failures"] == 0
    assert total["actors"]["f1"] >= 0.95
    assert total["quantities"]["f1"] >= 0.9
    assert total["relations_typed"]["f1"] >= 0.6


def test_held_out_texts_are_reported_not_fitted():
    # Each was written and annotated after the extractor of its time and scored once (the blind figures are in
    # docs/drafting.md). Only what must hold for any text is asserted here.
    result = evaluate(GOLD / "heldout")
    print("\nheld-out texts (Taiwan Strait, Sahel; no longer blind):\n" + format_scores(result))
    assert result["evidence_failures"] == 0
    assert result["total"]["actors"]["f1"] >= 0.95


def test_independent_development_sets():
    # Two batches of six commentaries written and annotated by an independent annotator before the extractor was
    # run on them (conventions in each folder's CALLS.md); the rules were then improved on their misses, so they
    # are development sets now. dev meets the three targets; dev2 (the second round) its actor and
    # relation targets, not yet the quantity one (docs/drafting.md).
    dev = evaluate(GOLD / "dev")
    print("\nindependent development set 1:\n" + format_scores(dev))
    assert dev["evidence_failures"] == 0
    assert dev["total"]["actors"]["f1"] >= 0.95
    assert dev["total"]["quantities"]["f1"] >= 0.9
    assert dev["total"]["relations_typed"]["f1"] >= 0.6
    dev2 = evaluate(GOLD / "dev2")
    print("\nindependent development set 2:\n" + format_scores(dev2))
    assert dev2["evidence_failures"] == 0
    assert dev2["total"]["actors"]["f1"] >= 0.95
    assert dev2["total"]["relations_typed"]["f1"] >= 0.6


def test_third_independent_batch_is_reported_not_fitted():
    # Written after the second round and scored once on the final code of that session (docs/drafting.md has the
    # figures, below the targets); only what must hold for any text is asserted.
    result = evaluate(GOLD / "blind2")
    print("\nthird independent batch (scored once):\n" + format_scores(result))
    assert result["evidence_failures"] == 0


def test_sixth_batch_scored_once_is_reported_not_fitted():
    # Written while this session's rules were being improved, kept from whoever wrote rules, scored once on the
    # final code (docs/drafting.md, "Held-out check after the fifth round": below the targets).
    result = evaluate(GOLD / "blind3")
    print("\nsixth independent batch (scored once):\n" + format_scores(result))
    assert result["evidence_failures"] == 0


@pytest.mark.parametrize("batch", ["dev3", "dev4"])
def test_fourth_and_fifth_independent_batches(batch):
    # Written by two more annotator sessions (conventions in each folder's CALLS.md); each was scored on the code
    # of its time before any rule was drawn from it (docs/drafting.md, "Fifth round"), then used for development.
    # Asserted: no item without evidence, and the actor target the rounds reached on them.
    result = evaluate(GOLD / batch)
    print(f"\n{batch}:\n" + format_scores(result))
    assert result["evidence_failures"] == 0
    assert result["total"]["actors"]["f1"] >= 0.95


def _hand_example(folder, actors=("ru", "am", "tr", "az", "ir"), where=None) -> None:
    """Two sentences and their annotation, counted by hand in the tests below."""
    states = {"ru": ("Russia", 365), "am": ("Armenia", 371), "tr": ("Turkey", 640), "az": ("Azerbaijan", 373),
              "ir": ("Iran", 630)}
    (folder / "t.txt").write_text("Russia supplies Armenia with tanks. Turkey backs Azerbaijan with 300 drones.")
    quantity = {"holder": "tr", "value": 300, "unit": "drone", **({"where": where} if where else {})}
    gold = {"text": "t.txt",
            "actors": [{"id": a, "name": states[a][0], "kind": "state", "cow": states[a][1],
                        "mentions": [states[a][0]]} for a in actors],
            "relations": [{"kind": "arms_supplier", "source": "ru", "target": "am", "directed": True},
                          {"kind": "hostility", "source": "tr", "target": "az", "directed": False},
                          {"kind": "alliance", "source": "ru", "target": "tr", "directed": False}],
            "quantities": [quantity], "stances": []}
    (folder / "t.json").write_text(json.dumps(gold))


def test_scorer_counts_by_hand(tmp_path):
    _hand_example(tmp_path)
    total = evaluate(tmp_path)["total"]
    # Predicted actors: the four states named; Iran is missed: P = 4/4, R = 4/5, F1 = 2*1*0.8/1.8.
    assert (total["actors"]["tp"], total["actors"]["fp"], total["actors"]["fn"]) == (4, 0, 1)
    assert total["actors"]["f1"] == pytest.approx(2 * 0.8 / 1.8, abs=1e-4)
    # Predicted relations: arms_supplier ru->am (right), alliance tr->az (wrong kind): typed 1/1/2;
    # untyped pairs {ru,am} right, {tr,az} right, gold {ru,tr} missed: 2/0/1.
    assert (total["relations_typed"]["tp"], total["relations_typed"]["fp"], total["relations_typed"]["fn"]) == (1, 1, 2)
    assert (total["relations_untyped"]["tp"], total["relations_untyped"]["fn"]) == (2, 1)
    # "300 drones" held by Turkey matches "300 drone" (units compared without plurals).
    assert total["quantities"]["tp"] == 1
    # The error listing names exactly the unmatched items counted above: Iran missed; the alliance drafted for
    # "backs" matched nothing; the annotated hostility and alliance were not drafted; quantities all matched.
    errors = evaluate(tmp_path, errors=True)["errors"]["t.json"]
    assert errors["actors"] == {"spurious": [], "missed": ["ir (state, COW 630) mentions ['Iran']"]}
    assert [line.split(":")[0] for line in errors["relations_typed"]["spurious"]] == ["alliance turkey -> azerbaijan"]
    assert [line.split(":")[0] for line in errors["relations_typed"]["missed"]] == ["hostility tr -> az",
                                                                                    "alliance ru -> tr"]
    assert "quantities" not in errors
    listing = format_errors({"errors": {"t.json": errors}})
    assert "actors + ir (state, COW 630)" in listing and "relations_typed - alliance turkey -> azerbaijan" in listing


def test_annotation_errors_name_the_file_and_fix(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": "missing.txt"}))
    with pytest.raises(RealpolitikError, match="missing.txt.*Fix:"):
        evaluate(tmp_path)
    (tmp_path / "a.txt").write_text("Russia.")
    (tmp_path / "a.json").write_text(json.dumps({"text": "a.txt", "stances": [
        {"actor": "x", "direction": "for", "evidence": "not in the text"}]}))
    with pytest.raises(RealpolitikError, match=r"stances\[0\].evidence is not in the text"):
        load_gold(tmp_path / "a.json")
    with pytest.raises(RealpolitikError, match="no annotation files"):
        evaluate(tmp_path / "nowhere")


def test_without_spacy_the_ner_step_proposes_nothing(monkeypatch):
    import builtins

    from realpolitik.draft import ner

    real_import = builtins.__import__

    def no_spacy(name, *args, **kwargs):
        if name.startswith("spacy"):
            raise ImportError("no spacy here")
        return real_import(name, *args, **kwargs)

    ner._pipeline.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_spacy)
    try:
        assert not ner.available()
        assert ner.propose("Rufus Firefly of Freedonia spoke.", []) == []
        assert [a.id for a in draft("Russia spoke to Freedonia.", use_ner=True).actors] == ["russia"]
    finally:
        ner._pipeline.cache_clear()


def test_scorer_matches_quantity_units_by_normalised_identity(tmp_path):
    (tmp_path / "q.txt").write_text("Japan gave Vietnam $200,000. Russia keeps 18 MiG-29s. India has 2 aircraft.")
    gold = {"text": "q.txt",
            "actors": [{"id": "jp", "name": "Japan", "kind": "state", "cow": 740, "mentions": ["Japan"]},
                       {"id": "vn", "name": "Vietnam", "kind": "state", "cow": 816, "mentions": ["Vietnam"]},
                       {"id": "ru", "name": "Russia", "kind": "state", "cow": 365, "mentions": ["Russia"]},
                       {"id": "in", "name": "India", "kind": "state", "cow": 750, "mentions": ["India"]}],
            "relations": [], "stances": [],
            "quantities": [{"holder": "vn", "value": 0.0002, "unit": "US$ bn"},  # = 0.2 US$ m drafted
                           {"holder": "ru", "value": 18, "unit": "MiG-29 fighters"},  # designator alone matches
                           {"holder": "in", "value": 2, "unit": "aircraft carriers"}]}  # not "aircraft"
    (tmp_path / "q.json").write_text(json.dumps(gold))
    q = evaluate(tmp_path)["total"]["quantities"]
    # Drafted: 0.2 US$ m (Vietnam), 18 MiG-29 (Russia), 2 aircraft (India): 2 match, 1 drafted and 1 gold left over.
    assert (q["tp"], q["fp"], q["fn"]) == (2, 1, 1)


def test_actors_matching_exactly_are_paired_before_a_mention_inside_another():
    from types import SimpleNamespace

    from realpolitik.draft.evaluation import _match_actors

    def drafted(actor_id: str, name: str) -> SimpleNamespace:
        return SimpleNamespace(id=actor_id, name=name, cow=None, mentions=[SimpleNamespace(text=name)])

    pred = [drafted("radovan_karadzic", "Radovan Karadzic"), drafted("republika_srpska", "Republika Srpska")]
    gold = [{"id": "rs", "name": "Republika Srpska", "kind": "non_state",
             "mentions": ["Radovan Karadzic's Republika Srpska", "Republika Srpska"]},
            {"id": "karadzic", "name": "Karadzic", "kind": "leader", "mentions": ["Karadzic"]}]
    # greedy containment alone would give the person the body ("radovan karadzic" is inside the body's mention)
    # and leave both the drafted body and the annotated person unmatched: 1 of 2 instead of 2 of 2
    assert _match_actors(pred, gold) == {"republika_srpska": "rs", "radovan_karadzic": "karadzic"}


def test_the_error_listing_covers_every_category_it_counts(tmp_path):
    # The hand example above, its Turkish drones annotated as based in Azerbaijan (a place the draft cannot give):
    # by hand, untyped pairs {ru,am} and {tr,az} drafted and annotated, {ru,tr} annotated only (fn 1, fp 0); the
    # placed quantity annotated only (fn 1). Every fp and fn of every category must appear as one listed line.
    _hand_example(tmp_path, actors=("ru", "am", "tr", "az"), where="az")
    result = evaluate(tmp_path, errors=True)
    errors = result["errors"]["t.json"]
    assert errors["relations_untyped"] == {"spurious": [], "missed": ["ru -- tr"]}
    assert [line.split(":")[0] for line in errors["quantity_places"]["missed"]] == ["300 'drone' held by tr in az"]
    for category, score in result["total"].items():
        listed = errors.get(category, {"spurious": [], "missed": []})
        assert (len(listed["spurious"]), len(listed["missed"])) == (score["fp"], score["fn"]), category


@pytest.mark.parametrize("batch", ["blind4", "blind5", "blind6", "blind7", "blind8", "iaa_a", "iaa_b"])
def test_seventh_round_batches_scored_once_are_reported_not_fitted(batch):
    # Written and annotated after this round's rules by annotator sessions that never read or ran the extractor
    # (iaa_a and iaa_b: two annotators, the same six texts), scored once on the round's final code
    # (docs/drafting.md, "Held-out check after the sixth round"): far below the targets; nothing but what must hold
    # for any text is asserted.
    result = evaluate(GOLD / batch)
    print(f"\n{batch} (scored once):\n" + format_scores(result))
    assert result["evidence_failures"] == 0


def test_the_two_annotators_annotate_the_same_texts():
    # The agreement figures of docs/drafting.md compare two annotations of each text, byte for byte the same text.
    from realpolitik.draft.agreement import agreement

    result = agreement(GOLD / "iaa_a", GOLD / "iaa_b")
    assert result["unpaired"] == [] and len(result["files"]) == 6
    print("\ninter-annotator agreement (iaa_b scored against iaa_a):\n" + format_scores(result))
