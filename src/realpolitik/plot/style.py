"""What every figure shares: the layout, the colours, label escaping and the figure constructor."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

LAYOUT: dict[str, Any] = {"margin": {"l": 50, "r": 20, "t": 40, "b": 40}, "height": 360,
                          "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                          "template": "none", "font": {"family": "system-ui, sans-serif", "size": 12}}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#e7ba52", "#3182bd")
DASHES = ("solid", "dash", "dot")
POSITION_AXIS = {"range": [0, 100], "title": {"text": "position"}}


def esc(text: Any) -> str:
    """Return `text` escaped for Plotly's HTML-like labels (so ``<script>`` shows as text and ``"`` as itself):
    only ``&``, ``<`` and ``>``, the entities Plotly decodes (it shows ``&quot;`` literally)."""
    return html.escape(str(text), quote=False)


def colour(k: int) -> str:
    """Return the `k`-th colour of the palette (cycling)."""
    return PALETTE[k % len(PALETTE)]


def figure(title: str, data: list[dict[str, Any]], **layout: Any) -> go.Figure:
    """Return a Plotly figure of `data` (trace dicts) with the shared layout, `layout` on top and `title` (plain
    text; escaped here) as its title."""
    import plotly.graph_objects as go

    return go.Figure(data=data, layout={**LAYOUT, "title": {"text": esc(title), "x": 0, "xanchor": "left"},
                                        **layout})


def scalar(value: Any) -> bool:
    """Return True for a plain number (an outcome or position on a one-dimensional issue)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
