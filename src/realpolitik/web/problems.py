"""Errors as JSON for the API (and as a page for the dashboard): the message, and each problem's field and fix.

Shape: ``{"error": {"message": str, "problems": [{"field", "what", "fix", "subject", "line"}]}}``.
Status: 422 invalid input, 404 unknown scenario/run, 409 conflict, 413 too large, 400 other user errors.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from realpolitik.errors import Problem, RealpolitikError, ScenarioError, format_loc
from realpolitik.scenario.errors_map import describe_error
from realpolitik.store.repository import Conflict, NotFound


class PayloadTooLarge(RealpolitikError):
    """An upload above the size limit."""


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
    return 400


def error_body(exc: RealpolitikError) -> dict[str, Any]:
    """Return the JSON error body of a user error."""
    problems = [problem_json(p) for p in exc.problems] if isinstance(exc, ScenarioError) else []
    return {"error": {"message": str(exc), "problems": problems}}


def request_problems(exc: RequestValidationError) -> list[Problem]:
    """Translate FastAPI's request validation errors into problems with field and fix."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err.get("loc", ()) if p not in ("body", "query", "path", "form"))
        what, fix = describe_error({**err, "loc": loc})
        problems.append(Problem(loc, what, fix))
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

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        message = f"internal error ({type(exc).__name__}). Fix: report it with the request that caused it"
        if wants_json(request):
            return JSONResponse({"error": {"message": message, "problems": []}}, status_code=500)
        return HTMLResponse(f"<h1>{message}</h1>", status_code=500)
