"""The backtest report: an HTML page (Plotly charts, plotly.js embedded so it opens offline) and a Markdown twin
with the comparison table, paired comparisons, per-issue residuals, interval calibration and the exact
configuration needed to rerun it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from realpolitik.evaluate.harness import BacktestResult, Summary
from realpolitik.evaluate.metrics import LABELS, METRICS, interval_coverage
from realpolitik.evaluate.scores import LEVELS

DEU_CITATION = (
    "DEU: Thomson, Stokman, Achen & König (eds.) 2006, The European Union Decides, CUP; Thomson et al. 2012, "
    "JEPP 19(4); Arregui & Perarnaud 2022, JEPP 29(1): 12-22 (DEU III, doi:10.34810/data53, CC BY 4.0)."
)


def _fmt(metric: str, value: float) -> str:
    return f"{value:.0%}" if metric.startswith("within") else f"{value:.2f}"


def comparison_rows(summary: Summary) -> list[list[str]]:
    """Return the comparison table as text rows, best first (see `Summary.ranked`): model (marked ``*`` when it
    has a forecast on fewer than all cases), n, each metric as ``value [low, high]`` on the cases that model
    forecast, and, when some model missed cases, its MAE on the common subset (the cases every model forecast)."""
    rows = []
    for label in summary.ranked():
        metrics = summary.rows[label]
        partial = summary.n[label] < summary.n_cases
        cells = [label + (" *" if partial else ""), f"{summary.n[label]}/{summary.n_cases}" if partial
                 else str(summary.n[label])]
        for m in METRICS:
            e = metrics[m]
            cells.append(f"{_fmt(m, e.value)} [{_fmt(m, e.low)}, {_fmt(m, e.high)}]")
        if not summary.complete:
            e = summary.common.get(label, {}).get("mae")
            cells.append(f"{e.value:.2f} [{e.low:.2f}, {e.high:.2f}]" if e else "—")
        rows.append(cells)
    return rows


def comparison_note(summary: Summary) -> str:
    """Return the sentence saying which cases the comparison table's figures are on."""
    if summary.complete:
        return f"Every model was scored on all {summary.n_cases} cases; ranked by mean absolute error."
    return (f"A model marked * has no forecast on some of the {summary.n_cases} cases (see Failures): its figures "
            f"are on the cases it forecast only (n). Models are ranked by the last column, the mean absolute error "
            f"on the {summary.common_n} cases every model forecast, so that they are compared on the same cases.")


def _header(summary: Summary) -> list[str]:
    header = ["model", "n"] + [f"{LABELS[m]} [95% CI]" for m in METRICS]
    return header if summary.complete else header + [f"MAE on the common {summary.common_n} [95% CI]"]


@dataclass(frozen=True)
class FailureGroup:
    """Cases on which a model failed with the same message (up to names and ids): how many, one full message, and
    up to `EXAMPLES` case ids."""

    count: int
    example: str
    cases: tuple[str, ...]


EXAMPLES = 5


def failure_groups(result: BacktestResult) -> dict[str, list[FailureGroup]]:
    """Return, per model that failed somewhere, its failures grouped by message, most frequent first. Messages that
    differ only in quoted names (the scenario, an actor) fall in one group; the model's own name is kept."""
    failed = result.predictions.filter(pl.col("failure").is_not_null())
    out: dict[str, list[FailureGroup]] = {}
    for label in result.labels:
        rows = failed.filter(pl.col("model") == label)
        if not rows.height:
            continue
        name = label.split("(")[0]
        groups: dict[str, list[tuple[str, str]]] = {}
        for case, message in zip(rows["case"].to_list(), rows["failure"].to_list(), strict=True):
            key = re.sub(r"'([^']*)'", lambda m, keep=name: m.group(0) if m.group(1) == keep else "'…'", message)
            groups.setdefault(key, []).append((case, message))
        out[label] = [FailureGroup(len(v), v[0][1], tuple(c for c, _ in v[:EXAMPLES]))
                      for v in sorted(groups.values(), key=len, reverse=True)]
    return out


def failure_lines(result: BacktestResult) -> list[str]:
    """Return one line per failure group: model, count, one message, example case ids."""
    return [f"{label}: no forecast on {g.count} case{'s' * (g.count != 1)}: {g.example} (e.g. {', '.join(g.cases)}"
            f"{', …' if g.count > len(g.cases) else ''})"
            for label, groups in failure_groups(result).items() for g in groups]


def paired_rows(summary: Summary) -> list[list[str]]:
    """Return the paired comparisons against the reference model as text rows."""
    return [[p.a, p.b, str(p.n), f"{p.mean_diff:+.2f} [{p.low:+.2f}, {p.high:+.2f}]", f"{p.a_closer:.0%}",
             f"{p.b_closer:.0%}", p.probabilities()] for p in summary.paired if p.a == summary.reference]


PAIRED_HEADER = ["A", "B", "n (both)", "mean (abs. error A − abs. error B) [95% CI]", "A closer", "B closer",
                 "bootstrap resamples: P(A better), P(tie), P(B better)"]


def paired_matrix(summary: Summary) -> tuple[list[str], list[list[str]]]:
    """Return every pair of models as a matrix: the header (``A \\ B`` and the models, best first) and one row per
    model A whose cell in column B is the mean of |error A| − |error B| on the cases both forecast, with its
    grouped-bootstrap interval (negative: A better)."""
    labels = summary.ranked()
    rows = []
    for a in labels:
        cells = [a]
        for b in labels:
            p = summary.pair(a, b) if a != b else None
            cells.append("" if p is None else f"{p.mean_diff:+.2f} [{p.low:+.2f}, {p.high:+.2f}]")
        rows.append(cells)
    return ["A \\ B"] + labels, rows


MATRIX_NOTE = ("Every pair of models: the cell in row A, column B is the mean over the cases both forecast of "
               "|error of A| − |error of B| (points; negative = A closer to the outcome), with its 95% interval from "
               "the same bootstrap resamples of whole groups.")


def _config_json(result: BacktestResult) -> str:
    return json.dumps(result.config, indent=2, default=str)


def calibration_rows(result: BacktestResult) -> list[list[str]]:
    """Return, per model that gave forecast intervals, the nominal level and the observed coverage."""
    rows = []
    for label in result.labels:
        scored = result.scored(label).filter(pl.col("level").is_not_null())
        if scored.height:
            cover = interval_coverage(scored["low"].to_numpy(), scored["high"].to_numpy(),
                                      scored["outcome"].to_numpy())
            rows.append([label, str(scored.height), f"{scored['level'].mean():.0%}", f"{cover:.0%}"])
    return rows


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def markdown_report(result: BacktestResult, summary: Summary, title: str = "Backtest",
                    probabilistic: list[Any] | None = None) -> str:
    """Return the report as Markdown (tables and configuration; the charts are in the HTML report)."""
    calibration = calibration_rows(result)
    parts = [
        f"# {title}", "",
        f"Errors in points of the 0-100 scale; 95% intervals from {summary.n_boot} bootstrap resamples of whole "
        f"groups (seed {summary.seed}).", "",
        *([f"**Interrupted**: {result.cases_done} of {result.cases_total} cases finished; the figures use those "
           "only.", ""] if result.interrupted else []),
        "## Comparison", "", comparison_note(summary), "", _markdown_table(_header(summary), comparison_rows(summary)),
        "",
        f"## Paired comparisons against {summary.reference}", "", _markdown_table(PAIRED_HEADER, paired_rows(summary)),
        "", "## Paired comparisons, every pair", "", MATRIX_NOTE, "", _markdown_table(*paired_matrix(summary)), "",
        "## Calibration of forecast intervals", "",
        _markdown_table(["model", "n", "nominal", "observed coverage"], calibration) if calibration
        else "No model gave forecast intervals.", "",
    ]
    if probabilistic:
        parts += ["## Probabilistic scores", "", PROBABILISTIC_NOTE, "",
                  _markdown_table(PROBABILISTIC_HEADER, probabilistic_rows(probabilistic)), "",
                  "PIT histograms (counts per tenth):", "",
                  *[f"- {s.label}: {', '.join(map(str, s.pit_counts))}" for s in probabilistic], ""]
    failures = failure_lines(result)
    if failures:
        parts += ["## Failures", "", *[f"- {line}" for line in failures], ""]
    parts += ["## Configuration", "", "```json", _config_json(result), "```", ""]
    if result.config.get("format") == "deu":
        parts += ["## Data", "", DEU_CITATION, ""]
    return "\n".join(parts)


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def residual_figure(result: BacktestResult) -> Any:
    """Return a Plotly figure of each model's residual (forecast − outcome) on every issue, issues in data order."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for label in result.labels:
        scored = result.scored(label)
        figure.add_trace(go.Scatter(x=scored["case"].to_list(), y=scored["residual"].to_list(), mode="markers",
                                    name=label, customdata=np.c_[scored["prediction"], scored["outcome"]],
                                    hovertemplate="%{x}<br>forecast %{customdata[0]:.1f}, outcome "
                                                  "%{customdata[1]:.1f}<br>residual %{y:.1f}"))
    figure.update_layout(title="Residual per issue (forecast − outcome, points)", xaxis_title="issue",
                         yaxis_title="residual", height=500, legend_title="model")
    return figure


def error_figure(result: BacktestResult) -> Any:
    """Return a Plotly box plot of absolute errors per model."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for label in result.labels:
        figure.add_trace(go.Box(y=result.scored(label)["residual"].abs().to_list(), name=label, boxmean=True))
    figure.update_layout(title="Absolute error per model (points)", showlegend=False, height=450)
    return figure


def calibration_figure(result: BacktestResult) -> Any | None:
    """Return a Plotly chart of nominal vs observed interval coverage, or None when no model gave intervals."""
    rows = calibration_rows(result)
    if not rows:
        return None
    import plotly.graph_objects as go

    figure = go.Figure(go.Scatter(x=[float(r[2].rstrip("%")) for r in rows], y=[float(r[3].rstrip("%")) for r in rows],
                                  text=[r[0] for r in rows], mode="markers+text", textposition="top center"))
    figure.add_shape(type="line", x0=0, y0=0, x1=100, y1=100, line={"dash": "dot"})
    figure.update_layout(title="Interval calibration", xaxis_title="nominal coverage (%)",
                         yaxis_title="observed coverage (%)", height=450)
    return figure


PROBABILISTIC_HEADER = ["forecaster", "distribution", "n", "MAE of point [95% CI]", "CRPS [95% CI]",
                        *[f"{lv:.0%} interval coverage" for lv in LEVELS], "Brier (outcome ≥ 50)",
                        "log score (outcome ≥ 50)"]
PROBABILISTIC_NOTE = ("Predictive distributions scored per issue: CRPS (points, lower is better; equals the absolute "
                      "error for a point forecast), the share of outcomes inside the central 50/80/90% intervals "
                      "(should equal the level), and the Brier and log scores of the probability of "
                      "\"outcome ≥ 50\" (always answering 0.5 scores Brier 0.25, log 0.69). 95% intervals from the "
                      "same grouped bootstrap as the comparison table.")


def _est(e: Any, percent: bool = False) -> str:
    return f"{e.value:.0%} [{e.low:.0%}, {e.high:.0%}]" if percent else f"{e.value:.2f} [{e.low:.2f}, {e.high:.2f}]"


def probabilistic_rows(scores: list[Any]) -> list[list[str]]:
    """Return the probabilistic table (one row per forecaster, best CRPS first) as text rows; `scores` are
    `probabilistic.ProbabilisticScores`."""
    rows = []
    for s in sorted(scores, key=lambda s: s.crps.value):
        event = next((e for e in s.events if e.event == "outcome ≥ 50"), None)
        rows.append([s.label, s.source, str(s.n), _est(s.mae), _est(s.crps),
                     *[_est(s.coverage[lv], percent=True) for lv in LEVELS],
                     _est(event.brier) if event else "—", _est(event.log) if event else "—"])
    return rows


def reliability_figure(scores: list[Any], event: str = "outcome ≥ 50") -> Any | None:
    """Return `realpolitik.plot.reliability` of `event` (forecast probability vs observed frequency, one trace
    per forecaster), or None when no forecaster scored the event."""
    from realpolitik.errors import RealpolitikError
    from realpolitik.plot import reliability

    try:
        return reliability(scores, event)
    except RealpolitikError:
        return None


def pit_figure(scores: list[Any]) -> Any | None:
    """Return a Plotly chart of each forecaster's PIT histogram (share of outcomes per tenth; flat at 0.1 when
    calibrated, U-shaped when over-confident); None without scores."""
    if not scores:
        return None
    import plotly.graph_objects as go

    figure = go.Figure()
    for s in scores:
        total = max(sum(s.pit_counts), 1)
        centres = [(k + 0.5) / len(s.pit_counts) for k in range(len(s.pit_counts))]
        figure.add_trace(go.Bar(x=centres, y=[c / total for c in s.pit_counts], name=s.label))
    figure.add_shape(type="line", x0=0, y0=0.1, x1=1, y1=0.1, line={"dash": "dot"})
    figure.update_layout(title="PIT histogram (flat = calibrated)", xaxis_title="PIT value",
                         yaxis_title="share of outcomes", barmode="group", height=450)
    return figure


def html_report(result: BacktestResult, summary: Summary, title: str = "Backtest",
                probabilistic: list[Any] | None = None) -> str:
    """Return the report as one self-contained HTML page (plotly.js embedded once, no network needed); with
    `probabilistic` scores (`probabilistic.score_all`), a table, a reliability diagram and the PIT histograms."""
    figures = [f for f in (error_figure(result), residual_figure(result), calibration_figure(result),
                           *((reliability_figure(probabilistic), pit_figure(probabilistic)) if probabilistic
                             else ())) if f]
    charts = [f.to_html(full_html=False, include_plotlyjs=(k == 0)) for k, f in enumerate(figures)]
    calibration = calibration_rows(result)
    config = html.escape(_config_json(result))
    failures = failure_lines(result)
    failure_html = ("<h2>Failures</h2><ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in failures)
                    + "</ul>") if failures else ""
    interrupted = (f"<p><strong>Interrupted</strong>: {result.cases_done} of {result.cases_total} cases finished; "
                   "the figures use those only.</p>") if result.interrupted else ""
    data_note = f"<h2>Data</h2><p>{html.escape(DEU_CITATION)}</p>" if result.config.get("format") == "deu" else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}}table{{border-collapse:collapse;
margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}td:first-child,th:first-child{{
text-align:left}}pre{{background:#f6f6f6;padding:1em;overflow:auto}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>Errors in points of the 0-100 scale; 95% intervals from {summary.n_boot} bootstrap resamples of whole groups
(seed {summary.seed}).</p>
{interrupted}
<h2>Comparison</h2><p>{html.escape(comparison_note(summary))}</p>
{_html_table(_header(summary), comparison_rows(summary))}
<h2>Paired comparisons against {html.escape(summary.reference)}</h2>{_html_table(PAIRED_HEADER, paired_rows(summary))}
<h2>Paired comparisons, every pair</h2><p>{html.escape(MATRIX_NOTE)}</p>{_html_table(*paired_matrix(summary))}
{_probabilistic_html(probabilistic)}
<h2>Charts</h2>{''.join(charts)}
<h2>Calibration of forecast intervals</h2>
{_html_table(["model", "n", "nominal", "observed coverage"], calibration) if calibration
 else "<p>No model gave forecast intervals.</p>"}
{failure_html}
<h2>Configuration</h2><pre>{config}</pre>{data_note}
</body></html>
"""


def _probabilistic_html(scores: list[Any] | None) -> str:
    if not scores:
        return ""
    return (f"<h2>Probabilistic scores</h2><p>{html.escape(PROBABILISTIC_NOTE)}</p>"
            f"{_html_table(PROBABILISTIC_HEADER, probabilistic_rows(scores))}")


def write_report(result: BacktestResult, summary: Summary, path: str | Path, title: str = "Backtest",
                 probabilistic: list[Any] | None = None) -> list[Path]:
    """Write the HTML report to `path` (or Markdown if it ends in .md) and its twin beside it; return both paths.
    `probabilistic`: scores of predictive distributions (`probabilistic.score_all`) to add."""
    path = Path(path)
    html_path = path if path.suffix.lower() != ".md" else path.with_suffix(".html")
    md_path = html_path.with_suffix(".md")
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(html_report(result, summary, title, probabilistic), encoding="utf-8")
    md_path.write_text(markdown_report(result, summary, title, probabilistic), encoding="utf-8")
    return [html_path, md_path]
