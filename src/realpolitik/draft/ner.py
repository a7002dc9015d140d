"""Optional statistical step: a spaCy pipeline proposes names the gazetteer and the rules do not know.

Used only if spaCy and an installed pipeline (``en_core_web_sm`` or any installed English one) are present
(extra ``draft-ner``); nothing is downloaded at run time. Proposals are marked ``unknown`` for review.
"""

from __future__ import annotations

import re
from functools import cache

from realpolitik.draft.gazetteer import Entity

_LABELS = {"PERSON": "leader", "ORG": "non_state", "NORP": "group", "GPE": "state"}


@cache
def _pipeline():
    try:
        import spacy  # pyright: ignore[reportMissingImports]  # the optional extra draft-ner
        from spacy.util import get_installed_models  # pyright: ignore[reportMissingImports]  # likewise
    except ImportError:
        return None
    models = [m for m in get_installed_models() if m.startswith("en_")]
    return spacy.load(models[0], disable=["lemmatizer"]) if models else None


def available() -> bool:
    """Whether a spaCy pipeline is installed and will be used."""
    return _pipeline() is not None


def propose(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int, Entity]]:
    """Return (start, end, entity) for names the NER finds outside the `known` spans; none without spaCy."""
    nlp = _pipeline()
    if nlp is None:
        return []
    found = []
    for ent in nlp(text).ents:
        if ent.label_ not in _LABELS or any(ent.start_char < e and ent.end_char > s for s, e in known):
            continue
        slug = re.sub(r"[^a-z0-9]+", "_", ent.text.lower()).strip("_")[:60] or "unknown"
        found.append((ent.start_char, ent.end_char, Entity(slug, ent.text, _LABELS[ent.label_])))
    return found
