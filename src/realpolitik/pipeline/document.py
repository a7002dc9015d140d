"""`ForecastDocument`: the forecasts of several models on one scenario, and their `realpolitik.forecast/1` form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from realpolitik.forecast import SCHEMA, Forecast, Position, dumps, jsonable
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario


@dataclass(frozen=True)
class ForecastDocument:
    """What `realpolitik.forecast` returns: the scenario, the models that ran, their forecasts (in the order asked),
    the models that failed (name → message) and the round explained (if any).

    `doc["bdm"]` (or `doc.forecast("bdm")`) is one model's `Forecast`; `doc.outcomes` maps model → issue → outcome;
    `doc.to_dict()` / `doc.to_json()` give the versioned document described in docs/output-format.md, exactly as
    ``realpolitik forecast --format json`` writes it.
    """

    scenario: Scenario
    models: tuple[Model, ...]
    forecasts: tuple[Forecast, ...]
    failures: dict[str, str] = field(default_factory=dict)
    explain: int | None = None
    calibration: dict[str, Any] | None = None

    def forecast(self, model: str) -> Forecast:
        """Return the forecast of `model`; `KeyError` naming the models that ran if it is not among them."""
        for f in self.forecasts:
            if f.model == model:
                return f
        ran = ", ".join(f.model for f in self.forecasts) or "(none)"
        why = f" (it failed: {self.failures[model]})" if model in self.failures else ""
        raise KeyError(f"no forecast of model {model!r}{why}; this document holds: {ran}")

    def __getitem__(self, model: str) -> Forecast:
        return self.forecast(model)

    def __iter__(self) -> Iterator[Forecast]:
        return iter(self.forecasts)

    def __len__(self) -> int:
        return len(self.forecasts)

    @property
    def outcomes(self) -> dict[str, dict[str, Position]]:
        """Map model name → issue id → outcome (0-100 scale)."""
        return {f.model: f.outcomes for f in self.forecasts}

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned JSON-ready document: ``schema``, ``scenario`` (id, version, fingerprint, title),
        ``forecasts`` (one record per model and issue, with the resolved ``params`` and, when a round is explained,
        ``explain``), ``calibration`` (docs/forecasting.md) and ``failures`` (when a model failed)."""
        records = []
        for model, f in zip(self.models, self.forecasts, strict=True):
            for item, record in zip(f.issues, f.to_records(), strict=True):
                if self.explain is not None and self.explain in model.explainable_rounds(item):
                    data = model.explain_data(item, self.explain)
                    if data is None:  # a model without a separate JSON form: its explain data as it is
                        data = model.explain(item, self.explain)
                    if isinstance(data, dict):
                        record["explain"] = jsonable(data)
                records.append(record)
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "scenario": {"id": self.scenario.id, "version": self.scenario.version,
                         "fingerprint": self.scenario.fingerprint(), "title": self.scenario.title},
            "forecasts": records,
        }
        if self.calibration is not None:
            doc["calibration"] = jsonable(self.calibration)
        if self.failures:
            doc["failures"] = [{"model": m, "error": e} for m, e in self.failures.items()]
        return doc

    def to_json(self) -> str:
        """Return `to_dict` as JSON text (2-space indent, no NaN: non-finite numbers are written as null)."""
        return dumps(self.to_dict())
