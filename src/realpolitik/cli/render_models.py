"""Drawing the model listing (`realpolitik models`): imports no model code (see `realpolitik.models.listing`)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from realpolitik.models.listing import listed_params, model_listing


def models_json() -> str:
    """Return the registered models and their parameters as JSON."""
    return json.dumps(model_listing(), indent=2)


def print_models(console: Console) -> None:
    """Print a table of the registered models with their parameters and defaults."""
    table = Table(title="Registered models", title_justify="left")
    for column in ("name", "kind", "summary", "parameters (default)"):
        table.add_column(column, overflow="fold")
    for entry in model_listing():
        params = "\n".join(f"{s.name}={s.default!r}" + (f" ∈ {{{', '.join(map(str, s.choices))}}}"
                                                          if s.choices else "") for s in listed_params(entry))
        table.add_row(entry["name"], "iterative" if entry["iterative"] else "one-shot", entry["summary"],
                      params or "–")
    console.print(table)
