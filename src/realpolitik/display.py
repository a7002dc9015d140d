"""Compact HTML tables for notebooks (`_repr_html_`): every value escaped, no scripts, nothing fetched.

Jupyter shows an object's ``_repr_html_()``; `Scenario`, `ForecastDocument` and `MonteCarloRun` build theirs
with `html_block` and `number`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

STYLE = "border-collapse:collapse;font-size:0.9em"


def number(value: Any, digits: int = 1) -> str:
    """Return `value` as text: whole numbers as they are, floats rounded to `digits`, lists per coordinate,
    missing values as ``—``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(number(v, digits) for v in value) + ")"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], caption: str | None = None) -> str:
    """Return an HTML table of `rows` under `header`, every cell escaped; numbers right-aligned."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(f'<td style="text-align:{"right" if _numeric(c) else "left"}">{html.escape(number(c))}</td>'
                        for c in row)
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption style=\"text-align:left\">{html.escape(caption)}</caption>" if caption else ""
    return f'<table style="{STYLE}">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def html_block(title: str, lines: Iterable[str], tables: Iterable[str]) -> str:
    """Return a title, plain-text lines (escaped) and ready tables in one ``<div>``."""
    text = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    return f"<div><strong>{html.escape(title)}</strong>{text}{''.join(tables)}</div>"


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float | list | tuple) and not isinstance(value, bool)
