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

    >>> import realpolitik
    >>> doc = realpolitik.forecast("south-caucasus-2020", ["compromise", "median"])
    >>> len(doc), [f.model for f in doc]
    (2, ['compromise', 'median'])
    """

    scenario: Scenario
    models: tuple[Model, ...]
    forecasts: tuple[Forecast, ...]
    failures: dict[str, str] = field(default_factory=dict)
    explain: int | None = None
    calibration: dict[str, Any] | None = None

    def __repr__(self) -> str:
        failed = f", failed: {', '.join(self.failures)}" if self.failures else ""
        return (f"ForecastDocument(scenario={self.scenario.id!r}, models=[{', '.join(f.model for f in self.forecasts)}]"
                f", issues={len(self.forecasts[0].issues) if self.forecasts else 0}{failed})")

    def _repr_html_(self) -> str:
        """Return the outcomes as a compact HTML table (notebooks): one row per issue, one column per model."""
        from realpolitik.display import html_block, table

        names = {i.id: i.name for i in self.scenario.issues}
        issues = list(dict.fromkeys(item.issue for f in self.forecasts for item in f.issues))
        outcomes = self.outcomes
        rows = [[issue, names.get(issue, issue), *[outcomes[f.model].get(issue) for f in self.forecasts]]
                for issue in issues]
        lines = [f"Forecast of {self.scenario.id} (version {self.scenario.version}): outcome per issue, 0-100"]
        lines += [f"{model} failed: {error}" for model, error in self.failures.items()]
        return html_block(self.scenario.title, lines,
                          [table(["issue", "name", *[f.model for f in self.forecasts]], rows)])

    def forecast(self, model: str) -> Forecast:
        """Return the forecast of `model`; `KeyError` naming the models that ran if it is not among them.

        >>> import realpolitik
        >>> doc = realpolitik.forecast("south-caucasus-2020", "median")
        >>> doc.forecast("median").outcome("karabakh"), doc["median"].outcome("turkish_role")
        (50.0, 20.0)
        >>> doc.forecast("bdm")
        Traceback (most recent call last):
        KeyError: "no forecast of model 'bdm'; this document holds: median"
        """
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
        """Map model name → issue id → outcome (0-100 scale).

        >>> import realpolitik
        >>> realpolitik.forecast("south-caucasus-2020", "median").outcomes
        {'median': {'karabakh': 50.0, 'russian_presence': 30.0, 'turkish_role': 20.0}}
        """
        return {f.model: f.outcomes for f in self.forecasts}

    def to_dict(self) -> dict[str, Any]:
        """Return the versioned JSON-ready document: ``schema``, ``scenario`` (id, version, fingerprint, title),
        ``forecasts`` (one record per model and issue, with the resolved ``params`` and, when a round is explained,
        ``explain``), ``calibration`` (docs/forecasting.md) and ``failures`` (when a model failed).

        >>> import realpolitik
        >>> doc = realpolitik.forecast("south-caucasus-2020", "median").to_dict()
        >>> doc["schema"], doc["scenario"]["id"], len(doc["forecasts"])
        ('realpolitik.forecast/1', 'south-caucasus-2020', 3)
        >>> record = doc["forecasts"][0]
        >>> record["model"], record["issue"], record["outcome"]
        ('median', 'karabakh', 50.0)
        """
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
        """Return `to_dict` as JSON text (2-space indent, no NaN: non-finite numbers are written as null).

        >>> import json, realpolitik
        >>> text = realpolitik.forecast("south-caucasus-2020", "median").to_json()
        >>> json.loads(text)["schema"]
        'realpolitik.forecast/1'
        """
        return dumps(self.to_dict())

    def to_polars(self, table: str = "rounds") -> Any:
        """Return a tidy Polars frame (docs/frames.md): ``"rounds"``, one row per model × issue × round × actor
        (columns model, issue, round, actor, dimension, position), or ``"outcomes"``, one row per model × issue
        (model, issue, dimension, outcome, rounds, stopped).

        >>> import realpolitik
        >>> frame = realpolitik.forecast("south-caucasus-2020", "median").to_polars("outcomes")
        >>> frame.filter(frame["issue"] == "karabakh")["outcome"].to_list()
        [50.0]
        """
        from realpolitik.pipeline import frames
        from realpolitik.tabular import choose

        kind = choose(table, ("rounds", "outcomes"), "ForecastDocument")
        return frames.forecast_rounds(self) if kind == "rounds" else frames.forecast_outcomes(self)

    def to_pandas(self, table: str = "rounds") -> Any:
        """Return `to_polars(table)` as a pandas DataFrame (needs the ``pandas`` extra).

        >>> import realpolitik
        >>> realpolitik.forecast("south-caucasus-2020", "median").to_pandas("outcomes").shape  # 3 issues
        (3, 6)
        """
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(table), "ForecastDocument")
