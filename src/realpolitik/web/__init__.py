"""The web dashboard and JSON API (`realpolitik serve`): FastAPI app, templates, static files, run execution."""

from realpolitik.web.app import create_app

__all__ = ["create_app"]
