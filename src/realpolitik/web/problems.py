"""Errors as JSON for the API (and as a page for the dashboard): the message, and each problem's field and fix.

Shape: ``{"error": {"message": str, "problems": [{"field", "what", "fix", "subject", "line"}]}}``.
Status: 422 invalid input, 404 unknown scenario/run, 409 conflict, 413 too large, 400 other user errors.
A problem in a request (rather than in a scenario document) names its place in the request: ``body.seed``,
``body.models[0].name``, ``body.what_if[1].factor``, ``query.limit``, ``path.run_id``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from realpolitik.errors import Problem, RealpolitikError, ScenarioError, format_loc
from realpolitik.scenario.errors_map import describe_error
from realpolitik.store.repository import Conflict, NotFound

log = logging.getLogger("realpolitik.web")


class PayloadTooLarge(RealpolitikError):
    """An upload above the size limit."""


class RequestError(RealpolitikError):
    """A request that cannot be carried out (400), with the problems naming the request's fields."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(p.describe() for p in self.problems))


def split_message(message: str) -> tuple[str, str]:
    """Split a user error's message ``what. Fix: fix`` into (what, fix)."""
    what, _, fix = message.partition(" Fix: ")
    return what.rstrip(". "), fix or "see /docs for what the request may hold"


def prefixed(exc: ScenarioError | RequestError, *prefix: str | int) -> ScenarioError | RequestError:
    """Return the error with every problem's field moved under `prefix` (e.g. ``body``)."""
    problems = [Problem((*prefix, *p.loc), p.what, p.fix, p.subject, p.line) for p in exc.problems]
    if isinstance(exc, RequestError):
        return RequestError(problems)
    return ScenarioError(problems, exc.file)


def problem_json(problem: Problem) -> dict[str, Any]:
    """Return one problem as JSON: field path, what is wrong, the fix, the actor/issue concerned, the line."""
    return {"field": format_loc(problem.loc), "what": problem.what, "fix": problem.fix,
            "subject": problem.subject or None, "line": problem.line}


def status_of(exc: RealpolitikError) -> int:
    """Return the HTTP status for a user error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, PayloadTooLarge):
        return 413
    if isinstance(exc, ScenarioError):
        return 422
    if isinstance(exc, RequestError):
        return 400
    return 400


def error_body(exc: RealpolitikError) -> dict[str, Any]:
    """Return the JSON error body of a user error."""
    problems = [problem_json(p) for p in getattr(exc, "problems", [])]
    return {"error": {"message": str(exc), "problems": problems}}


EDIT_TAGS = ("set", "scale", "drop", "cut_arms")
EXAMPLES = {"seed": "0", "draws": "1000", "version": "1", "base_run": "1", "limit": "50", "run_id": "1",
            "number": "1", "scenario": '"mini"', "name": '"compromise"', "note": '"checked"'}


def describe_request_error(err: dict[str, Any]) -> tuple[str, str]:
    """Return (what went wrong, how to fix it) for one error in a request's body, query or path."""
    loc, kind, value, ctx = tuple(err.get("loc", ())), err.get("type", ""), err.get("input"), err.get("ctx") or {}
    field = str(loc[-1]) if loc and not isinstance(loc[-1], int) else ".".join(map(str, loc)) or "body"
    example = EXAMPLES.get(field, "0")
    if kind == "json_invalid":
        return (f"the body is not valid JSON ({ctx.get('error', 'cannot be read')} at character {loc[-1]})"
                if len(loc) > 1 else "the body is not valid JSON",
                'send one JSON object with double-quoted keys and strings and no trailing commas, e.g. '
                '{"scenario": "mini", "models": [{"name": "compromise"}]}')
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return (f"{field} must be a whole number, got {value!r}",
                f'give {field} as a whole number, e.g. "{field}": {example}')
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{field} must be a finite number, got {value!r}", f'give {field} as a number, e.g. "{field}": 0.5'
    if kind in ("string_type",):
        return f"{field} must be text, got {value!r}", f'give {field} as a JSON string, e.g. "{field}": {example}'
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low = ctx.get("ge", ctx.get("gt"))
        high = ctx.get("le", ctx.get("lt"))
        bound = f"at least {low}" if low is not None else f"at most {high}"
        return f"{field} = {value!r} is out of range", f"use a value {bound}"
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return f"{field} has the wrong length ({err.get('msg', '').lower()})", f"give {field} {err.get('msg', '')[7:]}"
    if kind == "missing":
        return f"required {field!r} is missing", f'add "{field}": {example}'
    if kind == "extra_forbidden":
        return f"unknown key {field!r}", "remove it or correct its spelling; /docs lists the keys of this request"
    if kind == "literal_error":
        return f"{field} = {value!r} is not allowed", f"use one of {ctx.get('expected', '')}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        expected = ctx.get("expected_tags", "set, scale, drop, cut_arms")
        return (f"op = {ctx.get('tag', value)!r} is not a what-if edit" if kind == "union_tag_invalid"
                else "the what-if edit has no op", f'give "op" as one of {expected}')
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{field} must be a JSON object, got {type(value).__name__}", f"send {field} as an object {{...}}"
    if kind in ("list_type", "tuple_type"):
        return f"{field} must be a list, got {type(value).__name__}", f"send {field} as a list [...]"
    if kind in ("bool_type", "bool_parsing"):
        return f"{field} must be true or false, got {value!r}", f'give "{field}": true or false'
    return describe_error(err)


def request_problems(exc: RequestValidationError) -> list[Problem]:
    """Translate FastAPI's request validation errors into problems with field (``body.seed``) and fix."""
    problems = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        # drop FastAPI's doubled "body" and pydantic's union tag ("what_if", 0, "scale", "factor")
        loc = tuple(p for k, p in enumerate(loc) if not (k == 1 and loc[0] == "body" and p == "body")
                    and not (k > 0 and isinstance(loc[k - 1], int) and p in EDIT_TAGS))
        what, fix = describe_request_error({**err, "loc": loc})
        problems.append(Problem(("body",) if err.get("type") == "json_invalid" else loc, what, fix))
    return problems


def install_handlers(app: FastAPI, render_error) -> None:
    """Register the error handlers: JSON under /api, an HTML page (via `render_error`) elsewhere."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(RealpolitikError)
    async def user_error(request: Request, exc: RealpolitikError):
        if wants_json(request):
            return JSONResponse(error_body(exc), status_code=status_of(exc))
        return render_error(request, str(exc), status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        error = ScenarioError(request_problems(exc))
        message = "invalid request: " + "; ".join(p.describe() for p in error.problems)
        if wants_json(request):
            body = error_body(error)
            body["error"]["message"] = message
            return JSONResponse(body, status_code=422)
        return render_error(request, message, 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page {request.url.path!r}. Fix: start from / (the scenario list) or /docs (the API)"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}. Fix: see /docs for the methods"
        if wants_json(request) or exc.status_code == 405:
            return JSONResponse({"error": {"message": message, "problems": []}}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return render_error(request, message, exc.status_code)

    app.add_middleware(ContainErrors)


def internal_error_response(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
    """Return the 500 answer for a bug: JSON for API clients, a short page otherwise."""
    message = f"internal error ({type(exc).__name__}). Fix: report it with the request that caused it"
    if request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"error": {"message": message, "problems": []}}, status_code=500)
    return HTMLResponse(f"<h1>{message}</h1>", status_code=500)


class ContainErrors:
    """Last resort for bugs (every user error has its own 4xx): log the traceback and answer 500 *without*
    re-raising. Starlette's own handler for `Exception` answers and then re-raises, and uvicorn then drops the
    keep-alive connection, so the client's next request on it was reset; here the connection stays usable."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:  # half an answer is out: nothing sensible can follow it on this connection
                raise
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            await internal_error_response(Request(scope), exc)(scope, receive, send)
