"""The ``calibration`` section of the forecast and Monte Carlo documents (docs/forecasting.md).

`calibration` is chosen one way at every entry point:

- ``"auto"`` (the default): the shipped calibration (``deu_dev``, fitted on the DEU development split) is named in
  the output for every model; its calibrated figures are given for a model only where it applies (the model is
  in the calibration and every issue lies inside its domain). Where it does not apply the output says so, with
  the reasons, and gives no calibrated figures: figures resting on data unlike the scenario are not shown unasked.
- ``"shipped"``, a file path or a `Calibration`: applied to every model it knows, asked for explicitly; outside the
  domain the figures are still given, flagged ``applies: false`` with the reasons.
- ``None`` or ``"none"``: no calibration; the section says that none was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.evaluate.calibration import Calibration
from realpolitik.forecast import Forecast, IssueForecast
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

AUTO = "auto"
CalibrationChoice = Calibration | str | Path | None


def resolve_calibration(choice: CalibrationChoice) -> tuple[Calibration | None, str]:
    """Return the calibration `choice` names and how it was chosen: ``auto``, ``explicit`` or ``none``."""
    if choice is None or (isinstance(choice, str) and choice.strip().lower() == "none"):
        return None, "none"
    if isinstance(choice, Calibration):
        return choice, "explicit"
    if isinstance(choice, str) and choice.strip().lower() in (AUTO, "shipped"):
        return Calibration.load(), AUTO if choice.strip().lower() == AUTO else "explicit"
    return Calibration.load(Path(choice)), "explicit"


def _header(calibration: Calibration | None, mode: str) -> dict[str, Any]:
    if calibration is None:
        return {"name": None, "mode": "none", "used": False,
                "why": "no calibration asked for (calibration none): raw figures only"}
    prov = calibration.provenance
    data = prov.get("data", {}) if isinstance(prov.get("data"), dict) else {}
    return {"name": calibration.name, "mode": mode, "used": False,
            "provenance": {"dataset": data.get("dataset", prov.get("config", {}).get("data")),
                           "sha256": data.get("sha256", prov.get("config", {}).get("sha256")),
                           "cases": prov.get("cases"), "groups": prov.get("groups"), "folds": prov.get("folds"),
                           "fold_seed": prov.get("fold_seed"), "scale": prov.get("scale")},
            "models_known": list(calibration.models)}


def _label(model: Model) -> str:
    from realpolitik.evaluate.harness import model_label

    return model_label(model)


def _one(scenario: Scenario, calibration: Calibration, mode: str, model: Model, forecast: Forecast,
         events: Sequence[str], mc: Any = None) -> dict[str, Any]:
    label = _label(model)
    entry: dict[str, Any] = {"model": forecast.model, "label": label}
    if label not in calibration.models:
        return {**entry, "applies": False, "shown": False,
                "reasons": [f"calibration {calibration.name} has no model {label!r} (it knows "
                            f"{', '.join(calibration.models)})"]}
    issues = {i.id for i in scenario.issues}
    series = sorted({i.issue.split("[")[0] for i in forecast.issues if i.issue not in issues})
    if series:  # a Monte Carlo run labels the coordinates of a multi-dimensional issue ISSUE[k]
        return {**entry, "applies": False, "shown": False,
                "reasons": [f"{s}: multi-dimensional; a calibration applies to one-dimensional issues only"
                            for s in series]}
    try:
        calibrated = calibration.apply(scenario, forecast, None if mc is None else mc.draws,
                                       None if mc is None else mc.labels, label)
    except RealpolitikError as exc:
        return {**entry, "applies": False, "shown": False, "reasons": [str(exc)]}
    shown = calibrated.applies or mode == "explicit"
    entry.update(applies=calibrated.applies, shown=shown, reasons=calibrated.reasons)
    if shown:
        body = calibrated.to_dict(list(events))
        entry.update(joint=body["joint"], issues=body["issues"], events=body["events"])
    return entry


def calibration_section(scenario: Scenario, models: Sequence[Model], forecasts: Sequence[Forecast],
                        choice: CalibrationChoice, events: Iterable[str] = (),
                        monte_carlo: Sequence[Any] | None = None) -> dict[str, Any]:
    """Return the ``calibration`` section for `forecasts` of `models` on `scenario` (with `monte_carlo` results of
    the same models, calibrated samples keep the draws' dependence between issues)."""
    calibration, mode = resolve_calibration(choice)
    section = _header(calibration, mode)
    if calibration is None:
        return section
    events = list(events)
    entries = [_one(scenario, calibration, mode, m, f, events, None if monte_carlo is None else monte_carlo[k])
               for k, (m, f) in enumerate(zip(models, forecasts, strict=True))]
    section["models"] = entries
    section["used"] = any(e["shown"] for e in entries)
    if mode == AUTO and not section["used"]:
        section["why"] = (f"calibration {calibration.name} does not apply to this scenario (see each model's "
                          "reasons), so no calibrated figures are shown. Fix: pass calibration 'shipped' (or "
                          "--calibration shipped) to see them flagged as outside its domain")
    return section


def baseline_forecast(result: Any, scenario: Scenario) -> Forecast:
    """Return the unperturbed forecast a Monte Carlo result was centred on, as a `Forecast`."""
    issues = tuple(IssueForecast(d.series, d.baseline, ()) for d in result.distributions)
    return Forecast(result.model, dict(result.params), scenario.id, scenario.version, issues)

