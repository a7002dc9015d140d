"""What the dashboard pages show, computed from stored runs: outcome tables, comparisons, version differences."""

from __future__ import annotations

from typing import Any

from realpolitik.store.records import RunRecord


def records_of(run: RunRecord) -> list[dict[str, Any]]:
    """Return a finished run's per-model, per-issue forecast records (empty if it has no results)."""
    if not run.results:
        return []
    return run.results.get("forecast", {}).get("forecasts", [])


def outcome_map(run: RunRecord) -> dict[tuple[str, str], Any]:
    """Map (model, issue) to the run's forecast outcome."""
    return {(r["model"], r["issue"]): r["outcome"] for r in records_of(run)}


def outcome_rows(a: RunRecord, b: RunRecord) -> list[dict[str, Any]]:
    """Return one row per (model, issue) in either run: outcome in `a`, in `b`, and b − a (scalar outcomes)."""
    first, second = outcome_map(a), outcome_map(b)
    rows = []
    for key in dict.fromkeys([*first, *second]):
        x, y = first.get(key), second.get(key)
        delta = y - x if isinstance(x, int | float) and isinstance(y, int | float) else None
        rows.append({"model": key[0], "issue": key[1], "a": x, "b": y, "delta": delta})
    return rows


def document_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Return the differences in capabilities, positions and saliences between two scenario documents, in words."""
    changes = []
    old_actors = {a["id"]: a for a in old.get("actors", [])}
    new_actors = {a["id"]: a for a in new.get("actors", [])}
    for actor in sorted(old_actors.keys() - new_actors.keys()):
        changes.append(f"actor {actor} removed")
    for actor in sorted(new_actors.keys() - old_actors.keys()):
        changes.append(f"actor {actor} added")
    for actor in sorted(old_actors.keys() & new_actors.keys()):
        if old_actors[actor].get("capability") != new_actors[actor].get("capability"):
            changes.append(f"capability of {actor}: {old_actors[actor].get('capability'):g} → "
                           f"{new_actors[actor].get('capability'):g}")
    old_st = {(s["actor"], s["issue"]): s for s in old.get("stances", [])}
    new_st = {(s["actor"], s["issue"]): s for s in new.get("stances", [])}
    for key in sorted(old_st.keys() - new_st.keys()):
        changes.append(f"stance of {key[0]} on {key[1]} removed")
    for key in sorted(new_st.keys() - old_st.keys()):
        changes.append(f"stance of {key[0]} on {key[1]} added")
    for key in sorted(old_st.keys() & new_st.keys()):
        for field in ("position", "salience"):
            if old_st[key].get(field) != new_st[key].get(field):
                changes.append(f"{field} of {key[0]} on {key[1]}: {old_st[key][field]:g} → {new_st[key][field]:g}")
    return changes


RAW_QUANTILES = {"raw50": ("0.25", "0.75"), "raw90": ("0.05", "0.95")}


def _span(low: float, high: float) -> str:
    return f"{low:.1f}–{high:.1f}"


def calibration_view(section: dict[str, Any], monte_carlo: dict[str, Any] | None) -> dict[str, Any]:
    """Return what the run page shows of a document's ``calibration`` section: which calibration, whether it
    applies (and why not), per model the calibrated intervals beside the raw Monte Carlo ones (from the run's
    ``realpolitik.montecarlo/1`` document, if any) and the event probabilities, raw beside calibrated."""
    runs = {r["model"]: r for r in (monte_carlo or {}).get("runs", [])}
    prov = section.get("provenance") or {}
    view: dict[str, Any] = {"name": section.get("name"), "mode": section.get("mode"), "why": section.get("why"),
                            "dataset": prov.get("dataset"), "cases": prov.get("cases"), "models": []}
    for entry in section.get("models", []):
        run = runs.get(entry["model"])
        raw = {o["issue"]: o["quantiles"] for o in (run or {}).get("outcomes", [])}
        rows = []
        for issue in entry.get("issues", []):
            spans = {f"cal{round(i['level'] * 100)}": _span(i["low"], i["high"]) for i in issue["intervals"]}
            q = raw.get(issue["issue"], {})
            for key, (lo, hi) in RAW_QUANTILES.items():
                spans[key] = _span(q[lo]["value"], q[hi]["value"]) if lo in q and hi in q else "—"
            rows.append({"issue": issue["issue"], "point": issue["point"], "median": issue["median"], **spans})
        raw_events = {e["event"]: e["probability"]["value"] for e in (run or {}).get("events", [])}
        events = [{"event": e["event"], "raw": raw_events.get(e["event"]), "calibrated": e["probability"]}
                  for e in entry.get("events", [])]
        view["models"].append({"model": entry["model"], "label": entry["label"], "applies": entry["applies"],
                               "shown": entry["shown"], "reasons": entry.get("reasons", []), "rows": rows,
                               "events": events, "joint": entry.get("joint")})
    return view
