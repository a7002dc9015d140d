"""Tidy Polars frames of the uncertainty results: sensitivity analyses and what-if comparisons (docs/frames.md).

`Sensitivity.to_polars` and `WhatIfComparison.to_polars` delegate here. Outcomes are on the issue's 0-100 scale; a
multi-dimensional issue has one row per coordinate (``dimension`` 0, 1, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from realpolitik.uncertainty.sensitivity import Sensitivity
    from realpolitik.uncertainty.whatif import Comparison

SENSITIVITY_SCHEMA = {"model": pl.Utf8, "method": pl.Utf8, "issue": pl.Utf8, "baseline": pl.Float64,
                      "rank": pl.Int64, "input": pl.Utf8, "low": pl.Float64, "high": pl.Float64,
                      "outcome_low": pl.Float64, "outcome_high": pl.Float64, "swing": pl.Float64, "S1": pl.Float64,
                      "S1_conf": pl.Float64, "ST": pl.Float64, "ST_conf": pl.Float64}
WHATIF_SCHEMA = {"model": pl.Utf8, "issue": pl.Utf8, "dimension": pl.Int64, "original": pl.Float64,
                 "edited": pl.Float64, "difference": pl.Float64}


def sensitivity_frame(analyses: Sensitivity | Iterable[Sensitivity]) -> pl.DataFrame:
    """Return one row per model × issue × input, ranked (rank 1 = largest swing, or largest total index): the
    one-at-a-time columns (low, high, outcome_low, outcome_high, swing) or the Sobol ones (S1, S1_conf, ST,
    ST_conf), the others null."""
    from realpolitik.uncertainty.sensitivity import Sensitivity, TornadoBar

    rows = []
    for s in [analyses] if isinstance(analyses, Sensitivity) else analyses:
        for issue, ranked in s.ranking.items():
            for rank, item in enumerate(ranked, 1):
                row = {"model": s.model, "method": s.method, "issue": issue, "baseline": s.baseline[issue],
                       "rank": rank, "input": item.input}
                if isinstance(item, TornadoBar):
                    row.update(low=item.low, high=item.high, outcome_low=item.outcome_low,
                               outcome_high=item.outcome_high, swing=item.swing)
                else:
                    row.update(S1=item.s1, S1_conf=item.s1_conf, ST=item.st, ST_conf=item.st_conf)
                rows.append(row)
    return pl.DataFrame(rows, schema=SENSITIVITY_SCHEMA)


def whatif_frame(rows: Iterable[Comparison]) -> pl.DataFrame:
    """Return one row per model × issue (× dimension): the outcome before and after the edits and their difference
    (edited and difference null when the edits dropped the issue)."""
    out = []
    for r in rows:
        before = r.original if isinstance(r.original, list | tuple) else [r.original]
        after = r.edited if isinstance(r.edited, list | tuple) else [r.edited] * len(before)
        for k, (o, e) in enumerate(zip(before, after, strict=True)):
            out.append((r.model, r.issue, k, float(o), None if e is None else float(e),
                        None if e is None else float(e) - float(o)))
    return pl.DataFrame(out, schema=WHATIF_SCHEMA, orient="row")
