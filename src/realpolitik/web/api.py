"""The JSON API under /api: scenarios and their versions, uploads and downloads, runs and results, models.

Scenario documents are validated by the scenario validator (`scenario_from_dict`); an invalid one gets 422 with
every problem's field and fix. No request ever names a file on the server: uploads are read from the request body
and only their extension is used, to pick the format.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Body, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.forecast import jsonable
from realpolitik.models.registry import available
from realpolitik.scenario.checks import text_problems
from realpolitik.scenario.io import dumps, parse_text, scenario_from_dict
from realpolitik.scenario.model import MAX_SEED
from realpolitik.store.records import RunRecord, ScenarioRecord, VersionRecord
from realpolitik.store.repository import MAX_TAG
from realpolitik.uncertainty.whatif import Edit
from realpolitik.web.problems import PayloadTooLarge, RequestError, TextProblem, prefixed
from realpolitik.web.runs import MAX_DRAWS, RunRequest, create_run, execute_run

router = APIRouter(prefix="/api", tags=["api"])

Slug = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$",
                           description="the scenario's id")]
RunId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the run's number")]
ERRORS: dict[int | str, dict[str, Any]] = {
    k: {"description": d} for k, d in ((400, "bad request"), (403, "cross-origin write refused"),
                                       (404, "not found"), (409, "conflict"), (413, "too large"),
                                       (422, "invalid input: every problem with its field and fix"))}
UPLOAD_FORMATS = ("toml", "json", "csv")
RunStatus = Literal["queued", "running", "done", "failed"]
Tag = Annotated[str, Field(min_length=1, max_length=MAX_TAG)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable_text(cls, data: Any) -> Any:
        # Every database must be able to store each text: no NUL (PostgreSQL), no lone surrogate (not UTF-8).
        problems = text_problems(data) if isinstance(data, dict) else []
        if problems:
            raise TextProblem(problems[0])
        return data


def _spec_choice(text: str) -> dict[str, Any]:
    from realpolitik.models.specs import parse_model_spec

    try:
        spec = parse_model_spec(text)
    except RealpolitikError as exc:
        raise ValueError(str(exc)) from None
    return {"name": spec.name, "params": spec.params}


class ModelChoice(_Strict):
    """A model by its registry name, with parameters (omitted ones take the model's defaults)."""

    name: str = Field(min_length=1, max_length=64)
    params: dict[str, Any] = Field(default_factory=dict)


class RunIn(_Strict):
    """A run to start: the scenario (newest version unless named), models, seed, Monte Carlo draws, what-if."""

    scenario: str = Field(min_length=1, max_length=64)
    version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    models: list[ModelChoice] = Field(min_length=1, max_length=20, description=(
        'each {"name", "params"} or a model spec "NAME:key=value,..." (the --model syntax), e.g. "bdm:max_rounds=1"'))
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED, description="0 to 2^64 - 1 (default: the scenario's)")
    draws: int = Field(default=0, ge=0, le=MAX_DRAWS, description="0: plain forecast (synchronous); "
                       "more: Monte Carlo in the background (202, poll GET /api/runs/{id})")
    what_if: list[Edit] = Field(default_factory=list, max_length=50, description=(
        "edits applied in order for this run only (realpolitik.uncertainty.whatif): "
        '{"op": "set", "actor", "field": "capability"|"position"|"salience", "issue"?, "value"}, '
        '{"op": "scale", "actor", "field", "issue"?, "factor"}, {"op": "drop", "actor"}, '
        '{"op": "cut_arms", "supplier", "recipient", "fraction"?}'))
    base_run: int | None = Field(default=None, ge=1, le=2**31 - 1, description="run to compare a what-if against")
    events: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20, description="Monte Carlo events whose probability to estimate, "
        "e.g. 'karabakh>=60' or 'karabakh>=60 & corridor<50'")
    note: str | None = Field(default=None, max_length=2000)
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    calibration: Literal["auto", "shipped", "none"] = Field(default="auto", description=(
        "calibrated intervals and event probabilities (docs/forecasting.md): auto = the shipped calibration "
        "where it applies, shipped = always (flagged outside its domain), none"))

    @field_validator("models", mode="before")
    @classmethod
    def _specs(cls, value: Any) -> Any:
        # "bdm:max_rounds=1" means {"name": "bdm", "params": {"max_rounds": 1}}: one spec syntax everywhere
        if not isinstance(value, list):
            return value
        return [_spec_choice(item) if isinstance(item, str) else item for item in value]


class RunNote(_Strict):
    """A note to set and tags to add on a run."""

    note: str | None = Field(default=None, max_length=2000)
    tags: list[Tag] = Field(default_factory=list, max_length=20)


class ScenarioNote(_Strict):
    """Tags to add and to remove on a scenario, and its note (``""`` clears it; omitted: unchanged)."""

    note: str | None = Field(default=None, max_length=2000)
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    remove_tags: list[Tag] = Field(default_factory=list, max_length=20)


class ScenarioOut(BaseModel):
    """A stored scenario: id, title, newest version number, tags, note."""

    id: str
    title: str
    latest_version: int
    tags: list[str]
    note: str | None = None
    created_at: str
    updated_at: str


class VersionOut(BaseModel):
    """One version of a scenario, with its full document."""

    scenario: str
    version: int
    fingerprint: str
    note: str | None
    created_at: str
    document: dict[str, Any]


class RunOut(BaseModel):
    """A run: settings, status, timings (seconds) and, once done, results."""

    id: int
    scenario: str
    version: int
    models: list[dict[str, Any]]
    seed: int
    draws: int
    what_if: list[dict[str, Any]]
    events: list[str] = []
    calibration: str = "auto"
    base_run: int | None
    status: RunStatus
    progress: float
    error: str | None
    note: str | None
    tags: list[str]
    created_at: str
    started_at: str | None
    finished_at: str | None
    duration_s: float | None
    results: dict[str, Any] | None = None


def scenario_out(r: ScenarioRecord) -> ScenarioOut:
    """Return the API form of a stored scenario."""
    return ScenarioOut(id=r.slug, title=r.title, latest_version=r.latest, tags=list(r.tags), note=r.note,
                       created_at=r.created_at.isoformat(), updated_at=r.updated_at.isoformat())


def version_out(v: VersionRecord) -> VersionOut:
    """Return the API form of a scenario version."""
    return VersionOut(scenario=v.slug, version=v.number, fingerprint=v.fingerprint, note=v.note,
                      created_at=v.created_at.isoformat(), document=v.document)


def run_out(r: RunRecord, with_results: bool = True) -> RunOut:
    """Return the API form of a run (results only when asked)."""
    def stamp(t: datetime | None) -> str | None:
        return t.isoformat() if t else None

    return RunOut(id=r.id, scenario=r.slug, version=r.version, models=r.models, seed=r.seed, draws=r.draws,
                  what_if=r.what_if, events=r.events, calibration=r.calibration, base_run=r.base_run_id,
                  status=cast(RunStatus, r.status), progress=r.progress, error=r.error,
                  note=r.note, tags=list(r.tags), created_at=r.created_at.isoformat(), started_at=stamp(r.started_at),
                  finished_at=stamp(r.finished_at), duration_s=r.duration_s,
                  results=r.results if with_results else None)


def _store(request: Request):
    return request.app.state.store


# -- models --------------------------------------------------------------------------------------------------


@router.get("/models", summary="List the forecasting models and their parameters")
def list_models() -> list[dict[str, Any]]:
    """Every registered model: name, one-line summary, whether it is iterative, and its parameters."""
    return [{"name": name, "summary": cls.summary, "iterative": cls.iterative,
             "params": [jsonable({"name": p.name, "default": p.default, "type": p.annotation,
                                  "choices": list(p.choices) if p.choices else None, "help": p.help})
                        for p in cls.param_specs()]}
            for name, cls in available().items()]


# -- scenarios -----------------------------------------------------------------------------------------------


@router.get("/scenarios", summary="List stored scenarios", response_model=list[ScenarioOut])
def list_scenarios(request: Request) -> list[ScenarioOut]:
    """Every stored scenario, most recently changed first."""
    return [scenario_out(r) for r in _store(request).list_scenarios()]


@router.post("/scenarios", status_code=201, summary="Create a scenario from a JSON document",
             response_model=VersionOut, responses=ERRORS)
def create_scenario(request: Request, document: Annotated[dict[str, Any], Body(
        description="a scenario document (docs/scenario-format.md), as JSON")],
        note: Annotated[str | None, Query(max_length=2000)] = None) -> VersionOut:
    """Validate the document and store it as version 1 of a new scenario (409 if its id exists)."""
    scenario = scenario_from_dict(document, "<request body>")
    return version_out(_store(request).save_version(scenario, note=note, create=True))


@router.get("/scenarios/{slug}", summary="Read a scenario's newest version", response_model=VersionOut,
            responses=ERRORS)
def read_scenario(request: Request, slug: Slug) -> VersionOut:
    """The newest version of the scenario, with its document."""
    return version_out(_store(request).get_version(slug))


@router.patch("/scenarios/{slug}", summary="Tag and annotate a scenario", response_model=ScenarioOut,
              responses=ERRORS)
def annotate_scenario(request: Request, slug: Slug, body: ScenarioNote) -> ScenarioOut:
    """Add tags, remove tags and set the note of the scenario (its versions are not changed)."""
    return scenario_out(_store(request).tag_scenario(slug, body.tags, remove=body.remove_tags, note=body.note))


@router.get("/scenarios/{slug}/versions", summary="List a scenario's versions", response_model=list[VersionOut],
            responses=ERRORS)
def list_versions(request: Request, slug: Slug) -> list[VersionOut]:
    """Every version of the scenario, oldest first."""
    return [version_out(v) for v in _store(request).list_versions(slug)]


@router.post("/scenarios/{slug}/versions", status_code=201, summary="Save a new version of a scenario",
             response_model=VersionOut, responses=ERRORS)
def save_version(request: Request, slug: Slug, document: Annotated[dict[str, Any], Body(
        description="the full scenario document; its id must equal the scenario's")],
        note: Annotated[str | None, Query(max_length=2000)] = None) -> VersionOut:
    """Validate the document and store it as the scenario's next version (earlier versions are kept)."""
    scenario = scenario_from_dict(document, "<request body>")
    if scenario.id != slug:
        raise RealpolitikError(f"the document's id {scenario.id!r} differs from the scenario {slug!r}. "
                               f"Fix: set id = {slug!r}, or create a new scenario with POST /api/scenarios")
    return version_out(_store(request).save_version(scenario, note=note, create=False))


@router.get("/scenarios/{slug}/versions/{number}", summary="Read one version of a scenario",
            response_model=VersionOut, responses=ERRORS)
def read_version(request: Request, slug: Slug, number: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> VersionOut:
    """Version `number` of the scenario."""
    return version_out(_store(request).get_version(slug, number))


@router.post("/scenarios/upload", status_code=201, summary="Upload a scenario file (TOML, JSON or CSV)",
             response_model=VersionOut, responses=ERRORS)
def upload_scenario(request: Request, file: Annotated[UploadFile, File(description="a .toml, .json or .csv file")],
                    note: Annotated[str | None, Form(max_length=2000)] = None) -> VersionOut:
    """Store an uploaded scenario file: a new scenario, or a new version of the stored scenario with its id."""
    scenario = read_upload(file, request.app.state.max_upload)
    return version_out(_store(request).save_version(scenario, note=note or f"uploaded {scenario.id}"))


def read_upload(file: UploadFile, limit: int):
    """Return the `Scenario` in an uploaded file; its name's extension picks the format (the name is not a path)."""
    name = (file.filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    fmt = ext.lower()
    if not dot or fmt not in UPLOAD_FORMATS:
        raise RealpolitikError(f"cannot tell the format of the upload {name!r}. Fix: name the file *.toml, "
                               "*.json or *.csv")
    raw = file.file.read(limit + 1)
    if len(raw) > limit:
        raise PayloadTooLarge(f"the upload {name!r} is larger than {limit // 1024} KiB. Fix: send a smaller file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RealpolitikError(f"the upload {name!r} is not UTF-8 text (byte {exc.start}). "
                               "Fix: save the file as UTF-8") from None
    return parse_text(text, fmt, file=name, issue=stem or None)


@router.get("/scenarios/{slug}/download", summary="Download a scenario version as a TOML or JSON file",
            responses={200: {"content": {"application/toml": {}, "application/json": {}}}, **ERRORS})
def download_scenario(request: Request, slug: Slug,
                      format: Annotated[Literal["toml", "json"], Query()] = "toml",
                      version: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    """The scenario version (default: newest) as a file to save."""
    record = _store(request).get_version(slug, version)
    text = dumps(record.scenario(), format)
    media = "application/toml" if format == "toml" else "application/json"
    filename = f"{slug}-v{record.number}.{format}"
    return Response(text, media_type=media, headers={"content-disposition": f'attachment; filename="{filename}"'})


# -- runs ----------------------------------------------------------------------------------------------------


@router.post("/runs", status_code=201, summary="Start a run", response_model=RunOut,
             responses={202: {"description": "accepted: a Monte Carlo run in the background", "model": RunOut},
                        **ERRORS})
def start_run(request: Request, body: RunIn) -> Any:
    """Run models on a scenario version. Without draws the run finishes before the answer (201, with results);
    with draws it runs in the background (202): poll GET /api/runs/{id} until status is done or failed."""
    store = _store(request)
    try:
        run = create_run(store, RunRequest(
            scenario=body.scenario, version=body.version, models=[m.model_dump() for m in body.models],
            seed=body.seed, draws=body.draws, what_if=[w.model_dump(exclude_none=True) for w in body.what_if],
            base_run=body.base_run, note=body.note, tags=body.tags, events=body.events,
            calibration=body.calibration))
    except (ScenarioError, RequestError) as exc:  # the problems are in the request body: name them so
        raise prefixed(exc, "body") from None
    if run.draws == 0:
        return run_out(execute_run(store, run.id))
    request.app.state.jobs.submit(run.id)
    return JSONResponse(run_out(run).model_dump(mode="json"), status_code=202,
                        headers={"location": f"/api/runs/{run.id}"})


@router.get("/runs", summary="List runs", response_model=list[RunOut], responses=ERRORS)
def list_runs(request: Request,
              scenario: Annotated[str | None, Query(max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$")] = None,
              limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[RunOut]:
    """The newest runs first (without results), of one scenario or all."""
    return [run_out(r, with_results=False) for r in _store(request).list_runs(scenario, limit)]


@router.get("/runs/{run_id}", summary="Read a run and its results", response_model=RunOut, responses=ERRORS)
def read_run(request: Request, run_id: RunId) -> RunOut:
    """The run's settings, status, progress (0-1) and, once done, results."""
    return run_out(_store(request).get_run(run_id))


@router.patch("/runs/{run_id}", summary="Annotate a run", response_model=RunOut, responses=ERRORS)
def annotate_run(request: Request, run_id: RunId, body: RunNote) -> RunOut:
    """Set the run's note and add tags."""
    return run_out(_store(request).annotate_run(run_id, body.note, body.tags))
