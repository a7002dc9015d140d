"""Starting and executing runs: check the request, record the run, run the models, store the results.

A run without Monte Carlo draws executes at once (the request waits for it); one with draws goes to the
background `JobRunner` and is polled through its status. Either way the results are written in one transaction
together with ``status = "done"``; an error marks the run failed with the error's message.

What-if changes are the uncertainty package's edits (`realpolitik.uncertainty.whatif`: set, scale, drop,
cut_arms), applied with its `apply_edits`; a bad edit is reported with its index and field
(``what_if[1].factor``).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from realpolitik.errors import Problem, RealpolitikError, ScenarioError
from realpolitik.models.base import Model
from realpolitik.models.specs import ModelSpec, build_model, parse_param
from realpolitik.pipeline.forecasting import forecast
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.scenario.model import MAX_SEED, Scenario
from realpolitik.store.records import RunRecord
from realpolitik.store.repository import Store
from realpolitik.uncertainty.events import parse_event
from realpolitik.uncertainty.whatif import CutArms, DropActor, EditList, SetValue, apply_edits
from realpolitik.web.montecarlo import run_monte_carlo
from realpolitik.web.problems import RequestError, describe_request_error, split_message

MAX_DRAWS = 100_000
MAX_ID = 2**31 - 1


@dataclass
class RunRequest:
    """What a person asks to run: scenario id and version (default newest), models with parameters, settings.

    `what_if` holds edits as dicts (``{"op": "scale", "actor": ..., "field": ..., "issue": ..., "factor": ...}``);
    `events` holds Monte Carlo events such as ``"border>=60"``."""

    scenario: str
    models: list[dict[str, Any]]
    version: int | None = None
    seed: int | None = None
    draws: int = 0
    what_if: list[dict[str, Any]] = field(default_factory=list)
    base_run: int | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    calibration: str = "auto"


CALIBRATIONS = ("auto", "shipped", "none")


def parse_model_params(text: str, names: list[str]) -> dict[str, dict[str, Any]]:
    """Parse the run form's parameters into parameters per chosen model: model specs ``NAME:key=value,...`` (the
    syntax of ``--model`` and the API), one per line or separated by ``;`` or whitespace-free commas, where a
    ``key=value`` after a spec continues it; the older ``MODEL.KEY=VALUE`` items are still read.

    Values are read as JSON where they can be (numbers, true/false, null), else as text.

    >>> parse_model_params("bdm:variant=masad2014,max_rounds=50", ["bdm"])
    {'bdm': {'variant': 'masad2014', 'max_rounds': 50}}
    """
    out: dict[str, dict[str, Any]] = {name: {} for name in names}
    model = None
    for item in (part.strip() for part in text.replace("\n", ",").replace(";", ",").split(",")):
        if not item:
            continue
        head = item.partition("=")[0]
        if ":" in head:
            model, _, item = (x.strip() for x in item.partition(":"))
        elif "." in head:
            model, _, item = (x.strip() for x in item.partition("."))
        if model not in out:
            raise RealpolitikError(f"parameter {item!r} does not name a chosen model. Fix: write NAME:key=value "
                                   f"with NAME one of {', '.join(names) or '(choose a model first)'}, "
                                   "e.g. bdm:max_rounds=50")
        if not item:
            continue
        key, value = parse_param(item)
        if key in out[model]:
            raise RealpolitikError(f"parameter {key} of {model} is set twice. Fix: give each parameter once")
        out[model][key] = value
    return out


def build_run_models(choices: list[dict[str, Any]], scenario: Scenario | None = None) -> list[Model]:
    """Return model instances for ``[{"name", "params"}]``; `RequestError` naming ``models[k].name`` or
    ``models[k].params.KEY`` for an unknown name or a bad parameter.

    With `scenario`, its ``model_params`` for a model are that model's defaults, overridden by the chosen params."""
    if not choices:
        raise RequestError([Problem(("models",), "no model chosen",
                                    'choose at least one model (GET /api/models lists them), e.g. '
                                    '"models": [{"name": "compromise"}]')])
    seen: set[str] = set()
    models = []
    for k, choice in enumerate(choices):
        if choice["name"] in seen:
            raise RequestError([Problem(("models", k, "name"), f"model {choice['name']!r} is chosen twice",
                                        "choose each model once")])
        seen.add(choice["name"])
        params = dict(choice.get("params") or {})
        try:
            models.append(build_model(ModelSpec(choice["name"], params), scenario))
        except RealpolitikError as exc:
            what, fix = split_message(str(exc))
            raise RequestError([Problem(_model_loc(k, params, what), what, fix)]) from None
    return models


def _model_loc(k: int, params: dict[str, Any], what: str) -> tuple[str | int, ...]:
    if what.startswith("unknown model"):
        return ("models", k, "name")
    named = [key for key in params if f"{key}=" in what or f"{key!r}" in what or f" {key} " in what]
    return ("models", k, "params", named[0]) if named else ("models", k, "params")


def parse_edits(what_if: list[dict[str, Any]]) -> tuple:
    """Return the edits of a run's ``what_if`` dicts; `ScenarioError` naming ``what_if[k].FIELD`` if one is bad."""
    try:
        return EditList.model_validate({"edits": what_if}).edits
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = ("what_if", *[p for p in err["loc"][1:] if p not in ("set", "scale", "drop", "cut_arms")])
            what, fix = describe_request_error({**err, "loc": loc})
            problems.append(Problem(loc, what, fix))
        raise ScenarioError(problems, "<what-if>") from None


def edited_scenario(document: dict[str, Any], what_if: list[dict[str, Any]]) -> Scenario:
    """Return the scenario of `document` with the `what_if` edits applied in order (nothing is saved).

    A bad edit raises `ScenarioError` with one problem at ``what_if[k].FIELD``: the unknown actor, field or issue,
    the value or factor that leaves the allowed range, the missing arms relation."""
    scenario = scenario_from_dict(document, "<stored scenario>")
    for k, edit in enumerate(parse_edits(what_if)):
        try:
            scenario = apply_edits(scenario, [edit])
        except RealpolitikError as exc:
            what, fix = split_message(str(exc).removeprefix(f"{edit.text()}: "))
            field_name = _edit_field(edit, what)
            loc = ("what_if", k, field_name) if field_name else ("what_if", k)
            raise ScenarioError([Problem(loc, f"{describe_edit(edit.model_dump())}: {what}", fix)],
                                "<what-if>") from None
    return scenario


def _edit_field(edit: Any, what: str) -> str | None:
    """Return the edit's field that an `apply_edits` message is about."""
    if what.startswith("unknown actor") or "only actor" in what:
        if isinstance(edit, CutArms):
            return "supplier" if f"'{edit.supplier}'" in what.split("(")[0] else "recipient"
        return "actor"
    if what.startswith("unknown field"):
        return "field"
    if "belongs to the actor" in what or "issue" in what.split(",")[0]:
        return "issue"
    if "would be" in what:
        return "value" if isinstance(edit, SetValue) else "factor"
    if "factor" in what:
        return "factor"
    if "arms_supplier" in what:
        return "supplier"
    return None


def describe_edit(change: dict[str, Any]) -> str:
    """Return a what-if edit in words, e.g. ``scale russia.salience[karabakh]=2`` (its command-line form)."""
    try:
        (edit,) = EditList.model_validate({"edits": [change]}).edits
    except ValidationError:  # a run stored before edits were the uncertainty package's
        where = f" on {change.get('issue')}" if change.get("issue") else ""
        return f"{change.get('field')} of {change.get('actor')}{where} {change.get('op')} {change.get('value')}"
    return edit.text().removeprefix("--") + (" (with its stances and relations)" if isinstance(edit, DropActor)
                                             else "")


def check_events(events: list[str], scenario: Scenario) -> None:
    """Raise `RequestError` at ``events[k]`` for an event that cannot be read or names an unknown issue."""
    issues = [i.id for i in scenario.issues]
    for k, text in enumerate(events):
        try:
            event = parse_event(text)
            event.check([*issues, *(c.series for c in event.conditions if c.series.split("[")[0] in issues)])
        except RealpolitikError as exc:
            raise RequestError([Problem(("events", k), *split_message(str(exc)))]) from None


def create_run(store: Store, request: RunRequest) -> RunRecord:
    """Check `request` (models, parameters, what-if edits, events) and record it as a queued run; return it."""
    if not 0 <= request.draws <= MAX_DRAWS:
        raise RequestError([Problem(("draws",), f"draws = {request.draws} is out of range",
                                    f"use 0 (no Monte Carlo) to {MAX_DRAWS}")])
    for name, value, high in (("seed", request.seed, MAX_SEED), ("version", request.version, MAX_ID),
                              ("base_run", request.base_run, MAX_ID)):
        if value is not None and not (0 if name == "seed" else 1) <= value <= high:
            raise RequestError([Problem((name,), f"{name} = {value} is out of range",
                                        f"use a whole number from {0 if name == 'seed' else 1} to {high}")])
    if request.calibration not in CALIBRATIONS:
        raise RequestError([Problem(("calibration",), f"calibration {request.calibration!r} is not offered",
                                    f"use one of {', '.join(CALIBRATIONS)} (calibration files are for the CLI)")])
    build_run_models(request.models)  # checks the choices before the scenario is looked up
    for k, spec in enumerate(request.models):  # a weights file is a path on the server: the web offers the named sets
        weights = (spec.get("params") or {}).get("weights") if spec.get("name") == "ensemble" else None
        if weights is not None and weights not in ("shipped", "equal"):
            raise RequestError([Problem(("models", k, "params", "weights"), f"ensemble weights {weights!r} are not "
                                        "offered on the web", "use 'shipped' or 'equal' (weights files are for the "
                                        "CLI and Python)")])
    version = store.get_version(request.scenario, request.version)
    scenario = edited_scenario(version.document, request.what_if)  # raises on a bad edit, before anything is saved
    models = build_run_models(request.models, scenario)
    check_events(request.events, scenario)
    seed = scenario.seed if request.seed is None else request.seed
    recorded = [{"name": m.name, "params": m.get_params()} for m in models]
    return store.create_run(request.scenario, version.number, recorded, seed, request.draws, request.what_if,
                            request.base_run, request.note, tuple(request.tags), events=request.events,
                            calibration=request.calibration)


def execute_run(store: Store, run_id: int, stop: threading.Event | None = None) -> RunRecord:
    """Run a queued run to the end and store its results (or its failure); return the finished run.

    Setting `stop` (e.g. at server shutdown) cancels a Monte Carlo run at its next progress report.
    """
    run = store.start_run(run_id)
    try:
        results = compute_results(store, run, stop)
    except RealpolitikError as exc:
        return store.fail_run(run_id, str(exc))
    except Exception as exc:  # a model bug must not leave the run hanging as "running"
        return store.fail_run(run_id, f"internal error in the run: {type(exc).__name__}: {exc}")
    return store.finish_run(run_id, results)


def compute_results(store: Store, run: RunRecord, stop: threading.Event | None = None) -> dict[str, Any]:
    """Return a run's results: the forecast document of its models and, with draws, the Monte Carlo summary."""
    version = store.get_version(run.slug, run.version)
    scenario = edited_scenario(version.document, run.what_if)
    models = build_run_models(run.models, scenario)
    started = time.perf_counter()
    calibration = run.calibration
    doc = forecast(scenario, models, seed=run.seed, tolerate_failures=False, calibration=calibration,
                   events=() if run.draws else run.events)
    seconds = time.perf_counter() - started
    document = doc.to_dict()
    document["scenario"]["stored_version"] = run.version
    results: dict[str, Any] = {"forecast": document, "monte_carlo": None}
    if run.draws:
        results["monte_carlo"] = run_monte_carlo(scenario, models, run.draws, run.seed, events=run.events,
                                                 seconds_per_draw=seconds, calibration=calibration,
                                                 progress=lambda f: _report(store, run.id, f, stop))
    return results


def _report(store: Store, run_id: int, fraction: float, stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise RealpolitikError("cancelled: the server shut down during this run. Fix: start the run again")
    store.set_progress(run_id, fraction)
