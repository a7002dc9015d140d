"""Terminal drawing of a document's ``calibration`` section: calibrated intervals and event probabilities beside
the raw point forecast and (with --mc) the raw Monte Carlo ones, always naming the calibration and whether it
applies."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table


def _interval(issue: dict[str, Any], level: float) -> str:
    for item in issue["intervals"]:
        if abs(item["level"] - level) < 1e-9:
            return f"{item['low']:.1f}–{item['high']:.1f}"
    return "—"


RAW_LEVELS = {0.5: ("0.25", "0.75"), 0.9: ("0.05", "0.95")}  # the Monte Carlo quantiles the runs report


def _raw_mc(run: dict[str, Any], issue: str, level: float) -> str:
    low, high = RAW_LEVELS[level]
    for o in run["outcomes"]:
        if o["issue"] == issue and low in o["quantiles"] and high in o["quantiles"]:
            return f"{o['quantiles'][low]['value']:.1f}–{o['quantiles'][high]['value']:.1f}"
    return "—"


def calibration_heading(section: dict[str, Any]) -> str:
    """Return the one-line statement of which calibration was used and whether it applies."""
    if section.get("name") is None:
        return "Calibration: none (raw figures only)."
    prov = section.get("provenance", {})
    fitted = f"fitted on {prov.get('dataset') or 'a backtest'}"
    if prov.get("cases"):
        fitted += f", {prov['cases']} issues in {prov.get('groups')} groups"
    mode = "default" if section.get("mode") == "auto" else "asked for"
    return f"Calibration: {section['name']} ({mode}; {fitted})."


def _print_not_applying(console: Console, section: dict[str, Any]) -> None:
    """Say once, grouped by reason, which models get no calibrated figures because the calibration does not apply
    (the same reasons, e.g. a decision rule the calibration never saw, usually hold for every model)."""
    hidden = [e for e in section.get("models", []) if not e["shown"]]
    if not hidden:
        return
    by_reasons: dict[tuple[str, ...], list[str]] = {}
    for entry in hidden:  # "has no model 'bdm'" and "has no model 'smp'" are one reason for two models
        reasons = tuple(re.sub(r"has no model '[^']*'", "has none of these models", r)
                        for r in entry.get("reasons", []))
        by_reasons.setdefault(reasons, []).append(entry["label"])
    console.print(f"Calibration {section['name']} does NOT apply to {', '.join(e['label'] for e in hidden)}: no "
                  "calibrated figures shown for them (--calibration shipped shows them, flagged).", highlight=False)
    for reasons, labels in by_reasons.items():
        console.print(f"  {', '.join(labels)}:", highlight=False)
        for reason in reasons:
            console.print(f"    - {reason}", highlight=False)


def print_calibration(console: Console, section: dict[str, Any] | None,
                      mc_runs: list[dict[str, Any]] | None = None) -> None:
    """Draw the calibration section: per model, whether it applies (and why not), then its calibrated
    intervals (and the raw Monte Carlo 50% and 90% intervals, with --mc) and event probabilities (raw beside
    calibrated)."""
    if section is None:
        return
    console.print(calibration_heading(section), highlight=False)
    if section.get("name") is None:
        return
    runs = {r["model"]: r for r in (mc_runs or [])}
    _print_not_applying(console, section)
    for entry in section.get("models", []):
        if not entry["shown"]:
            continue
        state = "applies" if entry["applies"] else "does NOT apply"
        console.print(f"{entry['label']}: calibration {section['name']} {state}", highlight=False)
        for reason in entry.get("reasons", []):
            console.print(f"  - {reason}", highlight=False)
        run = runs.get(entry["model"])
        flag = "" if entry["applies"] else " (outside the calibration's domain)"
        table = Table(title=f"{entry['label']}: calibrated{flag}", title_justify="left")
        raw_cols = ["raw MC 50%", "raw MC 90%"] if run else []
        for col in ("issue", "forecast", *raw_cols, "cal. median", "cal. 50%", "cal. 80%", "cal. 90%"):
            table.add_column(col, justify="left" if col == "issue" else "right")
        for issue in entry["issues"]:
            raw = [_raw_mc(run, issue["issue"], lv) for lv in RAW_LEVELS] if run else []
            table.add_row(issue["issue"], f"{issue['point']:.1f}", *raw, f"{issue['median']:.1f}",
                          _interval(issue, 0.5), _interval(issue, 0.8), _interval(issue, 0.9))
        console.print(table)
        if entry.get("events"):
            raw_events = {e["event"]: e["probability"]["value"] for e in (run or {}).get("events", [])}
            events = Table(title=f"{entry['label']}: event probabilities ({entry['joint']})", title_justify="left")
            for col in ("event", *(["raw MC"] if run else []), "calibrated"):
                events.add_column(col, justify="left" if col == "event" else "right")
            for e in entry["events"]:
                raw = [f"{raw_events[e['event']]:.3f}" if e["event"] in raw_events else "—"] if run else []
                events.add_row(e["event"], *raw, f"{e['probability']:.3f}")
            console.print(events)
