"""Draft from text: the review page (paste a text, review each drafted item against the words it rests on, add issues
and positions, save a normal scenario version) and its JSON API (``POST /api/drafts``, ``/api/drafts/review``,
``/api/drafts/save``). Both go through `realpolitik.web.draftstate`, which calls `realpolitik.draft.review`.

A commentary comes as typed text (the form's text box, ``POST /api/drafts``) or as a file (the form's file field,
``POST /api/drafts/upload``): a file's bytes are decoded by `realpolitik.draft.evidence.decode_text`, as
``realpolitik draft FILE`` and ``realpolitik.draft(bytes)`` decode them (UTF-8 as stored, a byte-order mark and
CRLF kept), so the three give the same offsets.

The review page is one form: the signed review state travels in a hidden field, each item's buttons name their action
(``do = "accept|ITEM"``), and an error re-renders the page with the state as it was and the values as typed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from realpolitik.draft.evidence import decode_text
from realpolitik.draft.review import queue
from realpolitik.errors import RealpolitikError
from realpolitik.scenario.checks import needs_review
from realpolitik.web import draftstate
from realpolitik.web.draftstate import DraftState
from realpolitik.web.problems import PayloadTooLarge

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/drafts", tags=["drafts"])
MAX_TEXT = 200_000
FORM_GROUPS = ("issue", "stance", "save")


def _key(request: Request) -> bytes:
    return request.app.state.draft_key


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    from realpolitik.web.pages import render

    return render(request, name, status_code, **context)


# -- pages ---------------------------------------------------------------------------------------------------


@pages.get("/drafts/new", response_class=HTMLResponse)
def new_draft(request: Request) -> HTMLResponse:
    """The form to paste a commentary and its as-of date."""
    return _render(request, "draft_new.html", values={}, error=None)


def read_text_upload(file: UploadFile, limit: int) -> str:
    """Return the text of an uploaded commentary: at most `limit` bytes (and `MAX_TEXT` characters) decoded by
    `decode_text`, as the CLI and the Python API decode a file (byte-order mark and CRLF kept)."""
    name = (file.filename or "").replace("\\", "/").rsplit("/", 1)[-1] or "text"
    raw = file.file.read(limit + 1)
    if len(raw) > limit:
        raise PayloadTooLarge(f"the upload {name!r} is larger than {limit // 1024} KiB. Fix: send a smaller file")
    text = decode_text(raw, f"the upload {name!r}")
    if len(text) > MAX_TEXT:
        raise RealpolitikError(f"the upload {name!r} has {len(text)} characters, more than {MAX_TEXT}. Fix: draft "
                               "a shorter text, or split it")
    return text


@pages.post("/drafts", response_class=HTMLResponse)
def create_draft(request: Request, text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
                 as_of: Annotated[str, Form(max_length=20)] = "",
                 file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
    """Draft the pasted text (or the chosen file) and open the review page; on bad input show the form again,
    filled in."""
    try:
        if file is not None and file.filename:
            if text.strip():
                raise RealpolitikError("both a text and a file were given. Fix: clear the text box to draft the "
                                       "file, or leave the file out to draft the text")
            text = read_text_upload(file, request.app.state.max_upload)
        state, _ = draftstate.start(text, as_of.strip() or None)
    except RealpolitikError as exc:
        return _render(request, "draft_new.html", 422, values={"text": text, "as_of": as_of}, error=str(exc))
    return review_page(request, state)


def review_page(request: Request, state: DraftState, status_code: int = 200, error: str | None = None,
                kept: dict[str, Any] | None = None, focus: int = 0,
                posted: dict[str, str] | None = None) -> HTMLResponse:
    """The review page of `state`; `posted` refills every field as typed (after an error, or "Check again"), and
    `kept` names the group that failed (its edit fields are shown open)."""
    entries = draftstate.items(state)
    scenario = state.scenario()
    todo = [p for p in needs_review(scenario) if p.loc != ("status",)]  # the save itself ends the draft status
    return _render(request, "draft.html", status_code, token=draftstate.encode(state, _key(request)), state=state,
                   entries=entries, segments=draftstate.segments(state.text, entries), scenario=scenario,
                   todo=todo, error=error, kept=kept or {}, posted=posted or {},
                   focus=min(focus, max(len(entries) - 1, 0)), edit_fields=draftstate.EDIT_FIELDS)


@pages.post("/drafts/review", response_class=HTMLResponse)
async def review_action(request: Request) -> Any:
    """One action from the review page (``do`` = ``accept|ITEM``, ``edit|ITEM``, ``reject|ITEM``, ``add_issue``,
    ``set_stance``, ``save``, ``download``: the draft as reviewed so far, as TOML for ``realpolitik draft review``);
    the page comes back with the new state, or as it was with the error."""
    form = await request.form()
    values = [(str(k), str(v)) for k, v in form.multi_items()]
    return await run_in_threadpool(_review_action, request, values)  # drafting and the store are blocking work


def _review_action(request: Request, values: list[tuple[str, str]]) -> Any:
    form = dict(values)
    state = draftstate.decode(form.get("state", ""), _key(request))
    action, _, item = form.get("do", "").partition("|")
    prefix = {"add_issue": "issue|", "set_stance": "stance|", "save": "save|"}.get(action, f"{item}|{action}|")
    fields = {k[len(prefix):]: v for k, v in values if k.startswith(prefix)}
    posted = {k: v for k, v in values if k not in ("state", "do")}
    position = next((k for k, e in enumerate(draftstate.items(state)) if e["id"] == item), 0)
    try:
        if action == "save":
            return _save(request, state, fields)
        if action == "download":
            return Response(state.toml(), media_type="application/toml",
                            headers={"content-disposition": 'attachment; filename="draft.toml"'})
        if action == "" or action == "recheck":  # also what Enter in a field does without JavaScript
            return review_page(request, state, focus=position, posted=posted)
        new = draftstate.apply(state, action, item or None, fields)
    except RealpolitikError as exc:
        return review_page(request, state, 422, error=str(exc), kept={"group": prefix.rstrip("|")}, focus=position,
                           posted=posted)
    return review_page(request, new, focus=position + (action != "reject"))


def _save(request: Request, state: DraftState, fields: dict[str, str]) -> RedirectResponse:
    scenario = draftstate.finish(state, fields.get("id", "").strip(), fields.get("title", "").strip())
    version = request.app.state.store.save_version(scenario, note="reviewed draft from a text", create=True)
    return RedirectResponse(f"/scenarios/{scenario.id}?saved={version.number}", status_code=303)


# -- JSON API ------------------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftIn(_Strict):
    """A commentary to draft, with the date it speaks of."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    as_of: str | None = Field(default=None, max_length=20, description="YYYY-MM-DD")


class ReviewIn(_Strict):
    """One review action on a draft's state (the `state` token of the previous answer)."""

    state: str = Field(min_length=1)
    action: str = Field(description="accept | edit | reject | add_issue | set_stance")
    item: str | None = Field(default=None, max_length=200, description="the item's id (accept, edit, reject)")
    fields: dict[str, str | float | bool] = Field(default_factory=dict, description=(
        "accept: capability (actors); edit: the fields to change; add_issue: id, name, low, high, status_quo; "
        "set_stance: actor, issue, position, salience, cue, justification"))


class SaveIn(_Strict):
    """Save the reviewed draft as a new scenario (its first version)."""

    state: str = Field(min_length=1)
    scenario_id: str | None = Field(default=None, max_length=64)
    title: str | None = Field(default=None, max_length=300)


def _answer(request: Request, state: DraftState, status_code: int = 200, **extra: Any) -> JSONResponse:
    scenario = state.scenario()
    body = {"state": draftstate.encode(state, _key(request)), **extra,
            "queue": [{"id": i.id, "section": i.section, "label": i.label, "quote": i.quote,
                       "offsets": list(i.offsets) if i.offsets else None} for i in queue(scenario)],
            "needs_review": [{"field": ".".join(map(str, p.loc)), "what": p.what, "fix": p.fix}
                             for p in needs_review(scenario)],
            "document": state.document, "toml": state.toml()}
    return JSONResponse(body, status_code=status_code)


@api.post("", status_code=201)
def api_draft(request: Request, body: DraftIn) -> JSONResponse:
    """Draft a text: the drafted items with their evidence (`draft`), the review `queue`, what `needs_review`, the
    scenario `document` and `toml`, and the `state` token to pass to the next review action."""
    state, result = draftstate.start(body.text, body.as_of)
    return _answer(request, state, 201, draft=result.to_dict())


@api.post("/upload", status_code=201)
def api_draft_upload(request: Request,
                     file: Annotated[UploadFile, File(description="the commentary, a UTF-8 text file")],
                     as_of: Annotated[str | None, Form(max_length=20, description="YYYY-MM-DD")] = None,
                     ) -> JSONResponse:
    """Draft an uploaded text file, its bytes decoded as ``realpolitik draft FILE`` and ``realpolitik.draft(bytes)``
    decode them (UTF-8 as stored, byte-order mark and CRLF kept: the same offsets); the answer is that of
    ``POST /api/drafts``."""
    text = read_text_upload(file, request.app.state.max_upload)
    state, result = draftstate.start(text, (as_of or "").strip() or None)
    return _answer(request, state, 201, draft=result.to_dict())


@api.post("/review")
def api_review(request: Request, body: ReviewIn) -> JSONResponse:
    """Apply one review action to a draft's state and return the new state, queue and document."""
    state = draftstate.decode(body.state, _key(request))
    fields = {k: (v if isinstance(v, str) else str(v).lower() if isinstance(v, bool) else repr(v))
              for k, v in body.fields.items()}
    return _answer(request, draftstate.apply(state, body.action, body.item, fields))


@api.post("/save", status_code=201)
def api_save(request: Request, body: SaveIn) -> JSONResponse:
    """Save a fully reviewed draft as a new stored scenario; 422 lists what still needs a person."""
    state = draftstate.decode(body.state, _key(request))
    scenario = draftstate.finish(state, body.scenario_id, body.title)
    version = request.app.state.store.save_version(scenario, note="reviewed draft from a text", create=True)
    return JSONResponse({"scenario": scenario.id, "version": version.number}, status_code=201)
