"""The API documentation pages, `/docs` (Swagger UI) and `/redoc` (ReDoc), served entirely from this server.

Their scripts and styles come from the installed ``fastapi-offline`` package (which ships the Swagger UI and ReDoc
distribution files), never a CDN, and Swagger UI is started by ``static/swagger-init.js`` rather than an inline
script, so the strict content policy (scripts from this server only) holds on these pages too.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)
VENDOR = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "redoc.standalone.js": "text/javascript"}
SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>realpolitik API · Swagger UI</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi-url="/openapi.json"></div>
<script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>"""

# ReDoc's search runs in a Web Worker made from a blob: URL, which the content policy (scripts from this server
# only) forbids; its search is off here (Swagger UI on /docs has a filter).
REDOC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>realpolitik API · ReDoc</title><link rel="icon" href="data:,"></head>
<body><redoc spec-url="/openapi.json" disable-search="true"></redoc>
<script src="/static/vendor/redoc.standalone.js"></script></body></html>"""


def vendor_file(name: str) -> str:
    """Return the path of the Swagger UI / ReDoc file `name` inside the installed ``fastapi_offline`` package."""
    return str(resources.files("fastapi_offline") / "static" / name)


@router.get("/static/vendor/{name}")
def vendor(name: str) -> FileResponse:
    """Swagger UI's and ReDoc's script and style, from the installed package."""
    if name not in VENDOR:
        raise HTTPException(404, f"no such file {name!r}. Fix: see /docs or /redoc")
    return FileResponse(vendor_file(name), media_type=VENDOR[name], headers={"cache-control": "max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """The interactive API documentation (Swagger UI)."""
    return HTMLResponse(SWAGGER_PAGE)


@router.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    """The API reference (ReDoc), without web fonts from the network."""
    return HTMLResponse(REDOC_PAGE)
