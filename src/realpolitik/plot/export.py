"""Saving a figure: HTML always (plotly.js embedded, opens offline); PNG, SVG and PDF through kaleido."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    import plotly.graph_objects as go

STATIC = (".png", ".svg", ".pdf", ".jpg", ".jpeg", ".webp")


def save(fig: go.Figure, path: str | Path, *, width: int | None = None, height: int | None = None) -> Path:
    """Write `fig` to `path`, the format by its suffix: ``.html`` (self-contained: plotly.js embedded, no network
    needed to open it) or a static image (``.png``, ``.svg``, ``.pdf``, ...), which needs the ``kaleido`` package
    and a Chrome or Chromium that kaleido can find (``pip install kaleido``; kaleido 1.x uses the installed browser,
    it does not download one here). Returns the path written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        fig.write_html(path, include_plotlyjs=True, full_html=True)
        return path
    if suffix not in STATIC:
        raise RealpolitikError(f"cannot save a figure as {path.name!r}. Fix: end the name with .html, "
                               f"or {', '.join(STATIC)} for an image")
    try:
        fig.write_image(path, width=width, height=height)
    except (ImportError, ValueError, RuntimeError) as exc:
        raise RealpolitikError(f"cannot write {path.name}: static images need kaleido and a Chrome/Chromium it can "
                               f"use ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). Fix: "
                               "pip install kaleido (and install chromium), or save as .html") from None
    return path
