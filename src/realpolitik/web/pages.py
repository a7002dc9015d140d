"""The dashboard: server-rendered pages for scenarios, editing, runs, run history and comparisons.

Pages are plain HTML forms (no JavaScript needed to edit or start runs); `static/app.js` draws the Plotly charts
from JSON embedded in the page and polls a background run until it finishes. Jinja2 escapes every value.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.models.registry import available
from realpolitik.scenario.io import scenario_from_dict
from realpolitik.scenario.model import ActorKind, Scenario
from realpolitik.store.records import RunRecord
from realpolitik.store.repository import NotFound
from realpolitik.web import charts, editing, runform, views
from realpolitik.web.api import RunId, read_upload
from realpolitik.web.montecarlo import summary_view
from realpolitik.web.runform import FieldError
from realpolitik.web.runs import MAX_DRAWS, RunRequest, create_run, describe_edit, execute_run, parse_model_params

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("realpolitik.web") / "templates"))
templates.env.globals["describe_change"] = describe_edit
MAX_ID = 2**31 - 1
Number = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalNumber = Annotated[int | None, Query(ge=1, le=MAX_ID)]
templates.env.filters["num"] = lambda v, d=1: "–" if v is None else (f"{v:.{d}f}" if isinstance(v, int | float)
                                                                     else str(v))


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render template `name` with `context` (autoescaped)."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, message: str, status: int) -> HTMLResponse:
    """Render the error page with `message` and `status`."""
    return render(request, "error.html", status, message=message, status=status)


def _store(request: Request):
    return request.app.state.store


def plotly_js() -> str:
    """Return the path of plotly.min.js inside the installed `plotly` package (served locally, never a CDN)."""
    return str(resources.files("plotly") / "package_data" / "plotly.min.js")


@router.get("/static/plotly.min.js")
def plotly_script() -> FileResponse:
    """plotly.js from the installed plotly package."""
    return FileResponse(plotly_js(), media_type="text/javascript", headers={"cache-control": "max-age=86400"})


# -- scenario list and page ----------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The scenario list, with an upload form."""
    return render(request, "index.html", scenarios=_store(request).list_scenarios())


@router.post("/scenarios/upload")
def upload(request: Request, file: Annotated[UploadFile, File()]) -> RedirectResponse:
    """Store an uploaded scenario file and open it."""
    scenario = read_upload(file, request.app.state.max_upload)
    version = _store(request).save_version(scenario, note=f"uploaded {file.filename}")
    return RedirectResponse(f"/scenarios/{scenario.id}?saved={version.number}", status_code=303)


def scenario_context(request: Request, slug: str, number: int | None = None) -> dict[str, Any]:
    """Return what the scenario page shows for version `number` (default: newest)."""
    store = _store(request)
    version = store.get_version(slug, number)
    latest = store.get_scenario(slug)
    scenario = version.scenario()
    runs = store.list_runs(slug)
    return {"record": version, "scenario": scenario, "latest": latest.latest, "stored": latest,
            "versions": store.list_versions(slug),
            "runs": runs, "models": available(), "max_draws": MAX_DRAWS, "sources": {s.id: s for s in
                                                                                      scenario.sources},
            "relations_figure": charts.relations_figure(scenario) if scenario.relations else None,
            "stance_table": stance_table(scenario), "kinds": [k.value for k in ActorKind]}


def stance_table(scenario: Scenario) -> list[dict[str, Any]]:
    """Return per issue the stances in actor order (for the issue tables)."""
    return [{"issue": issue, "stances": scenario.stances_on(issue.id)} for issue in scenario.issues]


@router.get("/scenarios/{slug}", response_class=HTMLResponse)
def scenario_page(request: Request, slug: str, version: OptionalNumber = None,
                  saved: OptionalNumber = None) -> HTMLResponse:
    """A scenario version: actors, issues and stances with sources, relations graph, run form, run history."""
    return render(request, "scenario.html", saved=saved, **scenario_context(request, slug, version))


@router.post("/scenarios/{slug}/versions/{number}/restore")
def restore_version(request: Request, slug: str, number: Number) -> RedirectResponse:
    """Save an older version again as the newest version."""
    store = _store(request)
    old = store.get_version(slug, number)
    saved = store.save_version(old.scenario(), note=f"restored version {number}", create=False)
    return RedirectResponse(f"/scenarios/{slug}?saved={saved.number}", status_code=303)


@router.post("/scenarios/{slug}/tags")
def tag_scenario(request: Request, slug: str, tags: Annotated[str, Form(max_length=1000)] = "",
                 remove: Annotated[str, Form(max_length=40)] = "",
                 note: Annotated[str, Form(max_length=2000)] = "",
                 set_note: Annotated[str, Form(max_length=1)] = "") -> RedirectResponse:
    """Add comma-separated tags, remove one tag, and (when the form has `set_note`) set the scenario's note."""
    labels = [t.strip() for t in tags.split(",") if t.strip()]
    _store(request).tag_scenario(slug, labels, remove=[remove] if remove else [], note=note if set_note else None)
    return RedirectResponse(f"/scenarios/{slug}", status_code=303)


# -- editing -------------------------------------------------------------------------------------------------


def _save_edit(request: Request, slug: str, document: dict[str, Any], note: str) -> int:
    scenario = scenario_from_dict(document, "<form>")
    return _store(request).save_version(scenario, note=note, create=False).number


@router.get("/scenarios/{slug}/actors/new", response_class=HTMLResponse)
def new_actor(request: Request, slug: str) -> HTMLResponse:
    """The form to add an actor."""
    return render(request, "actor_form.html", slug=slug, original=None, values={"kind": "state"}, errors={},
                  others=[], kinds=[k.value for k in ActorKind], record=_store(request).get_version(slug))


@router.get("/scenarios/{slug}/actors/{actor_id}/edit", response_class=HTMLResponse)
def edit_actor(request: Request, slug: str, actor_id: str) -> HTMLResponse:
    """The form to change an actor."""
    record = _store(request).get_version(slug)
    actor = next((a for a in record.document["actors"] if a["id"] == actor_id), None)
    if actor is None:
        raise RealpolitikError(f"no actor {actor_id!r} in scenario {slug!r}. Fix: pick an actor from the table")
    values = {**actor, "sources": ", ".join(actor.get("sources", []))}
    return render(request, "actor_form.html", slug=slug, original=actor_id, values=values, errors={}, others=[],
                  kinds=[k.value for k in ActorKind], record=record)


@router.post("/scenarios/{slug}/actors", response_class=HTMLResponse)
def save_actor(request: Request, slug: str, id: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
               kind: Annotated[str, Form()] = "state", capability: Annotated[str, Form()] = "",
               capability_measure: Annotated[str, Form()] = "", notes: Annotated[str, Form()] = "",
               sources: Annotated[str, Form()] = "", original: Annotated[str, Form()] = "",
               note: Annotated[str, Form(max_length=2000)] = "") -> Any:
    """Add or change an actor and save a new version; on invalid input show the form with inline errors."""
    record = _store(request).get_version(slug)
    values = {"id": id, "name": name, "kind": kind, "capability": capability,
              "capability_measure": capability_measure, "notes": notes, "sources": sources}
    document = editing.upsert_actor(record.document, original or None, values)
    ids = [a.get("id") for a in record.document["actors"]]
    index = ids.index(original) if original else len(document["actors"]) - 1
    try:
        number = _save_edit(request, slug, document, note or f"{'changed' if original else 'added'} actor {id}")
    except ScenarioError as exc:
        errors, others = editing.form_errors(exc, "actors", index)
        return render(request, "actor_form.html", 422, slug=slug, original=original or None, values=values,
                      errors=errors, others=others, kinds=[k.value for k in ActorKind], record=record)
    return RedirectResponse(f"/scenarios/{slug}?saved={number}", status_code=303)


@router.post("/scenarios/{slug}/actors/{actor_id}/delete")
def delete_actor(request: Request, slug: str, actor_id: str) -> RedirectResponse:
    """Remove an actor with its stances and relations, saving a new version."""
    record = _store(request).get_version(slug)
    number = _save_edit(request, slug, editing.remove_actor(record.document, actor_id), f"removed actor {actor_id}")
    return RedirectResponse(f"/scenarios/{slug}?saved={number}", status_code=303)


@router.get("/scenarios/{slug}/stances/edit", response_class=HTMLResponse)
def edit_stance(request: Request, slug: str, actor: str = "", issue: str = "") -> HTMLResponse:
    """The form to set an actor's stance on an issue (new or existing)."""
    record = _store(request).get_version(slug)
    k = editing.stance_index(record.document, actor, issue)
    values = record.document["stances"][k] if k is not None else {"actor": actor, "issue": issue}
    return render(request, "stance_form.html", slug=slug, values=values, errors={}, others=[], record=record,
                  scenario=record.scenario(), exists=k is not None)


@router.post("/scenarios/{slug}/stances", response_class=HTMLResponse)
def save_stance(request: Request, slug: str, actor: Annotated[str, Form()] = "", issue: Annotated[str, Form()] = "",
                position: Annotated[str, Form()] = "", salience: Annotated[str, Form()] = "",
                justification: Annotated[str, Form()] = "", source: Annotated[str, Form()] = "",
                note: Annotated[str, Form(max_length=2000)] = "") -> Any:
    """Set a stance and save a new version; on invalid input show the form with inline errors."""
    record = _store(request).get_version(slug)
    values = {"actor": actor, "issue": issue, "position": position, "salience": salience,
              "justification": justification, "source": source}
    document = editing.upsert_stance(record.document, values)
    try:
        number = _save_edit(request, slug, document, note or f"stance of {actor} on {issue}")
    except ScenarioError as exc:
        errors, others = editing.form_errors(exc, "stances", editing.stance_index(document, actor.strip(),
                                                                                    issue.strip()))
        return render(request, "stance_form.html", 422, slug=slug, values=values, errors=errors, others=others,
                      record=record, scenario=record.scenario(),
                      exists=editing.stance_index(record.document, actor, issue) is not None)
    return RedirectResponse(f"/scenarios/{slug}?saved={number}", status_code=303)


@router.post("/scenarios/{slug}/stances/delete")
def delete_stance(request: Request, slug: str, actor: Annotated[str, Form()],
                  issue: Annotated[str, Form()]) -> RedirectResponse:
    """Remove a stance, saving a new version."""
    record = _store(request).get_version(slug)
    number = _save_edit(request, slug, editing.remove_stance(record.document, actor, issue),
                        f"removed stance of {actor} on {issue}")
    return RedirectResponse(f"/scenarios/{slug}?saved={number}", status_code=303)


# -- runs ----------------------------------------------------------------------------------------------------


def _number(text: str, field: str, kind=float, name: str = "form") -> Any:
    try:
        return kind(text)
    except ValueError:
        raise FieldError(name, f"{field} = {text!r} is not a number. Fix: write a plain number") from None


def form_edit(op: str, actor: str, field: str, issue: str, value: str, supplier: str) -> dict[str, Any] | None:
    """Return the what-if edit the run form describes (``None`` when the form names none): set, scale, drop or
    cut_arms (with `actor` the recipient and `value` the fraction cut, default 1). Values are checked when the
    edit is applied, which names the field to fix."""
    if op == "drop":
        return {"op": "drop", "actor": actor} if actor else None
    if op == "cut_arms":
        if not (actor or supplier):
            return None
        return {"op": "cut_arms", "supplier": supplier, "recipient": actor,
                **({"fraction": _number(value, "what-if fraction", name="whatif_value")} if value else {})}
    if not (actor and value):
        return None
    key = "factor" if op == "scale" else "value"
    return {"op": op, "actor": actor, "field": field, **({"issue": issue} if issue else {}),
            key: _number(value, f"what-if {key}", name="whatif_value")}


@router.post("/scenarios/{slug}/runs")
def start_run(request: Request, slug: str, models: Annotated[list[str] | None, Form()] = None,
              version: Annotated[str, Form()] = "", draws: Annotated[str, Form()] = "0",
              seed: Annotated[str, Form()] = "", base_run: Annotated[str, Form()] = "",
              whatif_op: Annotated[str, Form()] = "scale", whatif_actor: Annotated[str, Form()] = "",
              whatif_field: Annotated[str, Form()] = "salience", whatif_issue: Annotated[str, Form()] = "",
              whatif_value: Annotated[str, Form()] = "", whatif_supplier: Annotated[str, Form()] = "",
              events: Annotated[str, Form(max_length=2000)] = "",
              params: Annotated[str, Form(max_length=4000)] = "",
              note: Annotated[str, Form(max_length=2000)] = "",
              calibration: Annotated[str, Form(max_length=20)] = "auto") -> Any:
    """Start a run from the scenario page's form and open its page; on an invalid choice show the scenario page
    again with the form filled in as sent and each error beside its field (422)."""
    store = _store(request)
    try:
        edit = form_edit(whatif_op, whatif_actor, whatif_field, whatif_issue, whatif_value, whatif_supplier)
        try:
            settings = parse_model_params(params, list(models or []))
        except RealpolitikError as exc:
            raise FieldError("params", str(exc)) from None
        run = create_run(store, RunRequest(
            scenario=slug, models=[{"name": m, "params": settings[m]} for m in models or []],
            version=_number(version, "version", int, "version") if version else None,
            seed=_number(seed, "seed", int, "seed") if seed else None,
            draws=_number(draws or "0", "draws", int, "draws"), what_if=[edit] if edit else [],
            base_run=_number(base_run, "base run", int, "base_run") if base_run else None,
            note=note or None, events=[e.strip() for e in events.split(";") if e.strip()],
            calibration=calibration))
    except RealpolitikError as exc:
        if not store.has_scenario(slug):
            raise
        kept = runform.kept_input(models=models, version=version, draws=draws, seed=seed, base_run=base_run,
                                  whatif_op=whatif_op, whatif_actor=whatif_actor, whatif_field=whatif_field,
                                  whatif_issue=whatif_issue, whatif_value=whatif_value,
                                  whatif_supplier=whatif_supplier, events=events, params=params, note=note,
                                  calibration=calibration)
        return run_form_page(request, slug, kept, runform.form_errors(exc))
    if run.draws == 0:
        execute_run(store, run.id)
    else:
        request.app.state.jobs.submit(run.id)
    return RedirectResponse(f"/runs/{run.id}", status_code=303)


def run_form_page(request: Request, slug: str, kept: dict[str, Any], errors: dict[str, str]) -> HTMLResponse:
    """The scenario page (the version the form was for, if it exists) with the run form refilled and its errors."""
    text = str(kept.get("version", ""))
    number = int(text) if text.isdigit() and len(text) < 10 and 1 <= int(text) <= MAX_ID else None
    try:
        context = scenario_context(request, slug, number)
    except NotFound:
        context = scenario_context(request, slug)
    return render(request, "scenario.html", 422, saved=None, run_form=kept, run_errors=errors, **context)


def run_context(request: Request, run: RunRecord) -> dict[str, Any]:
    """Return what the run page shows: outcome table and charts, trajectories, distribution, what-if comparison."""
    store = _store(request)
    scenario = store.get_version(run.slug, run.version).scenario()
    records = views.records_of(run)
    context: dict[str, Any] = {"run": run, "scenario": scenario, "records": records,
                               "outcomes": views.outcome_map(run), "model_names": run.model_names}
    if records:
        context["outcome_figure"] = charts.outcomes_figure(scenario, records)
        context["trajectories"] = [f for f in (charts.trajectory_figure(scenario, r) for r in records) if f]
    results = run.results or {}
    stored = results.get("monte_carlo")
    if stored:
        monte_carlo = summary_view(stored)
        context["monte_carlo"] = monte_carlo
        context["issue_names"] = {i.id: i.name for i in scenario.issues}
        if monte_carlo["quantiles"]:
            context["distribution_figure"] = charts.distribution_figure(scenario, monte_carlo)
    document = stored if isinstance(stored, dict) else {}  # a run of an older version may hold another shape
    section = document.get("calibration") or (results.get("forecast") or {}).get("calibration")
    if section:
        context["calibration"] = views.calibration_view(section, document)
    if run.base_run_id and run.results:
        base = store.get_run(run.base_run_id)
        if base.results:
            rows = views.outcome_rows(base, run)
            context.update(base=base, whatif_rows=rows, whatif_figure=charts.delta_figure(
                scenario, rows, f"What-if: change in outcome against run {base.id}"),
                version_changes=views.document_changes(store.get_version(base.slug, base.version).document,
                                                       store.get_version(run.slug, run.version).document))
    return context


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, run_id: RunId) -> HTMLResponse:
    """A run: outcomes side by side, trajectories, Monte Carlo distribution, what-if comparison."""
    return render(request, "run.html", **run_context(request, _store(request).get_run(run_id)))


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, a: Annotated[int, Query(ge=1, le=MAX_ID)],
            b: Annotated[int, Query(ge=1, le=MAX_ID)]) -> HTMLResponse:
    """Two runs side by side: outcomes, their differences, and how their scenario versions differ."""
    store = _store(request)
    first, second = store.get_run(a), store.get_run(b)
    scenario = store.get_version(second.slug, second.version).scenario()
    rows = views.outcome_rows(first, second)
    changes = views.document_changes(store.get_version(first.slug, first.version).document,
                                     store.get_version(second.slug, second.version).document)
    return render(request, "compare.html", a=first, b=second, rows=rows, changes=changes, scenario=scenario,
                  pair=charts.pair_figure(scenario, rows, a, b),
                  figure=charts.delta_figure(scenario, rows, f"Run {b} minus run {a}: change in outcome"))
