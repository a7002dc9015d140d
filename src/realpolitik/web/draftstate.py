"""The review state of a draft on the dashboard and the API: the text, its as-of date and the scenario document as
reviewed so far, carried by the client as a signed token (HMAC-SHA256 with the server's key), so nothing is lost
between requests and no draft is stored until it is saved as a normal scenario.

Every change goes through `realpolitik.draft.review` (the functions the CLI and the Python API use); this module
only turns form or JSON fields into their arguments and the token back into a scenario.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib
from dataclasses import dataclass
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.io import dumps_json, dumps_toml, scenario_from_dict
from realpolitik.scenario.model import Scenario

NUMERIC = {"capability", "value", "position", "salience", "status_quo"}
EDIT_FIELDS = {"actors": ("id", "name", "kind", "capability"), "relations": ("kind", "from", "to"),
               "quantities": ("value", "unit", "holder", "what", "where"),
               "stance_cues": ("actor", "about", "direction")}
ACTIONS = ("accept", "edit", "reject", "add_issue", "set_stance")
SECTIONS = ("actors", "relations", "quantities", "stance_cues")


@dataclass(frozen=True)
class DraftState:
    """A draft under review: the text it was drafted from, the as-of date and the scenario document."""

    text: str
    as_of: str | None
    document: dict[str, Any]

    def scenario(self) -> Scenario:
        """Return the document as a (draft) scenario, validated."""
        return scenario_from_dict(self.document, "<draft>")

    def toml(self) -> str:
        """Return the scenario as TOML (what `realpolitik draft` writes for a fresh draft)."""
        return dumps_toml(self.scenario())


def start(text: str, as_of: str | None) -> tuple[DraftState, Any]:
    """Draft `text` (as of `as_of`) and return the state to review and the `Draft` itself."""
    from realpolitik.draft.document import draft

    result = draft(text, as_of or None)
    return with_scenario(text, as_of or None, result.to_scenario()), result


def with_scenario(text: str, as_of: str | None, scenario: Scenario) -> DraftState:
    """Return the state holding `scenario` (its JSON document, so the token is plain JSON)."""
    return DraftState(text, as_of, json.loads(dumps_json(scenario)))


def encode(state: DraftState, key: bytes) -> str:
    """Return the signed token of `state`: base64url(zlib(JSON)) + "." + HMAC-SHA256 hex."""
    payload = json.dumps({"text": state.text, "as_of": state.as_of, "document": state.document},
                         separators=(",", ":"), ensure_ascii=False).encode()
    body = base64.urlsafe_b64encode(zlib.compress(payload, 6)).decode()
    return f"{body}.{hmac.new(key, body.encode(), hashlib.sha256).hexdigest()}"


def decode(token: str, key: bytes) -> DraftState:
    """Return the state a token holds; a clear error if it is damaged or was signed by another server run."""
    body, _, signature = (token or "").strip().rpartition(".")
    raw = body.encode("utf-8", "replace")  # any text a client sends: a damaged token is refused below, not a 500
    expected = hmac.new(key, raw, hashlib.sha256).hexdigest().encode()
    if not body or not hmac.compare_digest(signature.encode("utf-8", "replace"), expected):
        raise RealpolitikError("the draft's review state is damaged or comes from an earlier run of the server. "
                               "Fix: draft the text again (Draft from text)")
    try:
        data = json.loads(zlib.decompress(base64.urlsafe_b64decode(raw)))
        return DraftState(data["text"], data.get("as_of"), data["document"])
    except (ValueError, KeyError, zlib.error):
        raise RealpolitikError("the draft's review state cannot be read. Fix: draft the text again") from None


def coerce(fields: dict[str, Any]) -> dict[str, Any]:
    """Return the non-empty fields, numbers read as numbers (text that is no number is left for the validator to
    name); `directed` as true/false."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
            if name in NUMERIC:
                try:
                    value = float(value)
                except ValueError:
                    raise RealpolitikError(f"{name} = {value!r} is not a number. Fix: write a plain number, "
                                           "e.g. 0.5") from None
            elif name == "directed":
                value = value.lower() in ("true", "on", "1", "yes")
        out[name] = value
    return out


def apply(state: DraftState, action: str, item: str | None, fields: dict[str, Any]) -> DraftState:
    """Apply one review action (accept, edit, reject an item; add_issue; set_stance) and return the new state."""
    from realpolitik.draft import review

    scenario = state.scenario()
    values = coerce(fields)
    if action not in ACTIONS:
        raise RealpolitikError(f"unknown action {action!r}. Fix: use one of {', '.join(ACTIONS)}")
    if action in ("accept", "edit", "reject") and not item:
        raise RealpolitikError(f"{action} needs the id of an item. Fix: pick an item from the review queue")
    item = item or ""
    if action == "accept":
        if values.get("capability") is None and any(a.id == item and a.capability is None for a in scenario.actors):
            raise RealpolitikError(f"actor {item!r} has no capability. Fix: give its capability (a number on the "
                                   "scenario's capability measure, e.g. a CINC score) with the accept")
        scenario = review.accept(scenario, item, capability=values.get("capability"))
    elif action == "edit":
        if not values:
            raise RealpolitikError(f"the edit of {item!r} changes nothing. Fix: fill in the fields to change")
        scenario = review.edit(scenario, item, **values)
    elif action == "reject":
        scenario = review.reject(scenario, item)
    elif action == "add_issue":
        missing = [f for f in ("id", "name", "low", "high") if not values.get(f)]
        if missing:
            raise RealpolitikError(f"the new issue lacks {', '.join(missing)}. Fix: give its id, name and what 0 "
                                   "and 100 mean")
        scenario = review.add_issue(scenario, str(values["id"]), str(values["name"]), str(values["low"]),
                                    str(values["high"]), values.get("status_quo"))
    else:
        missing = [f for f in ("actor", "issue", "position", "salience") if values.get(f) is None]
        if missing:
            raise RealpolitikError(f"the position lacks {', '.join(missing)}. Fix: choose the actor and issue and "
                                   "give a position (0-100) and a salience (0-1)")
        scenario = review.set_stance(scenario, str(values["actor"]), str(values["issue"]), values["position"],
                                     values["salience"], cue=values.get("cue") or None,
                                     justification=values.get("justification") or None)
    return with_scenario(state.text, state.as_of, scenario)


def finish(state: DraftState, scenario_id: str | None, title: str | None) -> Scenario:
    """Return the reviewed scenario as a normal one; `UnreviewedScenarioError` lists what still needs a person."""
    from realpolitik.draft import review

    return review.finish(state.scenario(), scenario_id or None, title or None)


def items(state: DraftState) -> list[dict[str, Any]]:
    """Return every item of the draft's sections (drafted or reviewed) for the page: id, section, label, status,
    quote, offsets and the values of its editable fields."""
    from realpolitik.draft.review import relation_id

    doc = state.document
    sources = {s["id"]: s for s in doc.get("sources", [])}
    out = []
    for section in SECTIONS:
        for entry in doc.get(section, []):
            item_id = relation_id(entry) if section == "relations" else entry["id"]
            ref = entry.get("source") or next(iter(entry.get("sources", [])), None)
            src = sources.get(ref, {})
            out.append({"id": item_id, "section": section, "label": _label(section, entry),
                        "status": entry.get("status") or "reviewed", "quote": src.get("quote"),
                        "offsets": src.get("offsets"),
                        "fields": {f: entry.get(f) for f in EDIT_FIELDS[section]}})
    return out


def _label(section: str, e: dict[str, Any]) -> str:
    if section == "actors":
        return f"{e['name']} ({e['kind']})"
    if section == "relations":
        return f"{e['kind'].replace('_', ' ')}: {e['from']} → {e['to']}"
    if section == "quantities":
        return f"{e['value']:g} {e['unit']}" + (f" of {e['holder']}" if e.get("holder") else "")
    return f"{e['actor']} {e['direction']} “{e['about']}”"


def segments(text: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut `text` at every item's evidence offsets: a list of ``{"text", "items": [index, ...]}`` in order, where
    `items` are the indexes (in `entries`) of the items whose evidence covers that piece (empty: plain text)."""
    spans = [(e["offsets"][0], e["offsets"][1], k) for k, e in enumerate(entries)
             if e.get("offsets") and 0 <= e["offsets"][0] < e["offsets"][1] <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [k for s, e, k in spans if s <= start and end <= e]
        pieces.append({"text": text[start:end], "items": covering})
    return pieces
