"""Plotly figures of realpolitik's results, for scripts, notebooks and the dashboard (which draws the same ones).

A presentation layer, like ``cli/`` and ``web/``: the only other package that imports Plotly. Each function
returns a ``plotly.graph_objects.Figure``; show it with ``fig.show()`` or save it with `save` (HTML always
works offline; PNG, SVG and PDF need the optional ``kaleido`` package, see docs/plots.md)::

    import realpolitik
    from realpolitik import plot

    doc = realpolitik.forecast("south-caucasus-2020", ["compromise", "bdm"])
    plot.outcomes(doc).show()
    plot.save(plot.trajectories(doc, model="bdm", issue="karabakh"), "bdm.html")

Every function also takes the JSON form of its result (``to_dict()``, or what the store keeps), so a figure can be
drawn again from a saved document. Labels from a scenario are escaped (Plotly reads a subset of HTML in text).
"""

from __future__ import annotations

from typing import Any

__all__ = ["montecarlo", "network", "outcomes", "reliability", "save", "tornado", "trajectories", "whatif"]

_HOMES = {"outcomes": "forecast", "trajectories": "forecast", "montecarlo": "uncertainty",
          "tornado": "uncertainty", "whatif": "uncertainty", "network": "relations", "reliability": "backtest",
          "save": "export"}


def __getattr__(name: str) -> Any:
    # Plotly is imported when a figure is first asked for, not with the package.
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"realpolitik.plot.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'realpolitik.plot' has no attribute {name!r}")
