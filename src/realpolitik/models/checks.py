"""The model contract, as checks any model class can be put through (scikit-learn's ``estimator_checks`` idea).

Every registered model passes them (``tests/test_model_contract.py`` runs them over the registry); a plugin author
runs them on a new model with one call::

    from realpolitik.models.checks import check_model
    check_model(MyModel)          # raises AssertionError listing every check that failed

The checks run small hand-made scenarios (at most six actors, two issues, ties included), so they take seconds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import Forecast, dumps, forecast_document, jsonable
from realpolitik.models.base import Model
from realpolitik.scenario.model import Scenario

Check = Callable[[type[Model]], None]
Row = tuple[str, float, float, float, float]  # actor, capability, position on issue a, position on issue b, salience

# Six actors; ties: b and c are identical, d sits at a's position on issue a with another weight, e and f tie on
# capability × salience. Issue "a" has a status quo, issue "b" has none.
ROWS: tuple[Row, ...] = (
    ("a", 3.0, 20.0, 70.0, 0.8), ("b", 2.0, 60.0, 30.0, 0.5), ("c", 2.0, 60.0, 30.0, 0.5),
    ("d", 1.0, 20.0, 90.0, 0.9), ("e", 4.0, 85.0, 10.0, 0.25), ("f", 1.0, 40.0, 55.0, 1.0),
)
STATUS_QUO = 35.0
TOLERANCE = 1e-9


def scenario(rows: tuple[Row, ...] = ROWS, status_quo: float | None = STATUS_QUO, seed: int = 11) -> Scenario:
    """Return a two-issue scenario from `rows` in the given actor order (issue "a" has `status_quo`)."""
    return Scenario.model_validate({
        "id": "contract", "title": "Model contract checks", "seed": seed,
        "actors": [{"id": r[0], "name": r[0].upper(), "capability": r[1]} for r in rows],
        "issues": [{"id": "a", "name": "a", "low": "zero", "high": "hundred", "status_quo": status_quo},
                   {"id": "b", "name": "b", "low": "zero", "high": "hundred"}],
        "stances": [{"actor": r[0], "issue": issue, "position": r[2 + k], "salience": r[4]}
                    for r in rows for k, issue in enumerate(("a", "b"))],
    })


def _run(model: Model, s: Scenario, seed: int = 7) -> Forecast:
    return model.run(s, rng=np.random.default_rng(seed))


def _coords(outcome: Any) -> list[float]:
    return [float(v) for v in (outcome if isinstance(outcome, list) else [outcome])]


def _same_outcomes(f1: Forecast, f2: Forecast, what: str) -> None:
    for issue, out in f1.outcomes.items():
        x, y = _coords(out), _coords(f2.outcome(issue))
        assert len(x) == len(y) and all(math.isclose(p, q, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
                                        for p, q in zip(x, y, strict=True)), \
            f"{what}: issue {issue!r} gives {out!r}, then {f2.outcome(issue)!r}"


def _agrees_or_refuses(cls: type[Model], s: Scenario, expected: dict[str, float], what: str) -> None:
    try:
        forecast = _run(cls(), s)
    except RealpolitikError as exc:  # a clear refusal is allowed, a traceback or a wrong number is not
        assert "Fix:" in str(exc), f"{what}: refused without saying how to fix it: {exc}"
        return
    for issue, value in expected.items():
        got = _coords(forecast.outcome(issue))
        assert all(math.isclose(g, value, abs_tol=1e-7) for g in got), \
            f"{what}: issue {issue!r} should end at {value}, the model gives {forecast.outcome(issue)!r}"


def check_params_stored(cls: type[Model]) -> None:
    """`__init__` stores each parameter unchanged under its own name, and sets nothing else."""
    specs = cls.param_specs()
    model = cls()
    assert set(vars(model)) == {s.name for s in specs}, \
        f"__init__ sets {sorted(vars(model))}, the parameters are {sorted(s.name for s in specs)}"
    given: dict[str, Any] = {}
    for spec in specs:  # a value other than the default where choices say what is allowed, the default otherwise
        others = [c for c in spec.choices or () if c != spec.default]
        given[spec.name] = others[0] if others else spec.default
    model = cls(**given)
    for name, value in given.items():
        assert getattr(model, name) is value, f"__init__ stored {name}={getattr(model, name)!r}, given {value!r}"
    assert model.get_params() == given, f"get_params() = {model.get_params()!r}, built with {given!r}"


def check_resolved_params_rebuild(cls: type[Model]) -> None:
    """``type(m)(**m.resolved_params())`` builds the same model: same resolved parameters, same forecast."""
    model = cls()
    resolved = model.resolved_params()
    try:
        again = cls(**resolved)
    except TypeError as exc:
        raise AssertionError(f"{cls.__name__}(**resolved_params()) fails: {exc}") from None
    assert again.resolved_params() == resolved, f"resolved params change: {resolved} → {again.resolved_params()}"
    _same_outcomes(_run(model, scenario()), _run(again, scenario()), "rebuilt from resolved_params")


def check_deterministic(cls: type[Model]) -> None:
    """The same seed gives the same forecast, records included; a run leaves the parameters as they were."""
    model = cls()
    before = model.get_params()
    first, second = _run(model, scenario()), _run(model, scenario())
    assert first.to_records() == second.to_records(), "two runs with the same seed differ"
    assert model.get_params() == before, f"run() changed the parameters: {before} → {model.get_params()}"
    _same_outcomes(_run(model, scenario()), model.run(scenario()), "rng=None (seeded from scenario.seed)")


def check_outcome_in_range(cls: type[Model]) -> None:
    """Every outcome lies on the issue's 0-100 scale and is finite."""
    forecast = _run(cls(), scenario())
    assert {f.issue for f in forecast.issues} == {"a", "b"}, "a forecast for every issue, and only those"
    for issue, out in forecast.outcomes.items():
        for x in _coords(out):
            assert math.isfinite(x) and 0.0 <= x <= 100.0, f"issue {issue!r}: outcome {out!r} is off the 0-100 scale"


def check_actor_order_invariance(cls: type[Model]) -> None:
    """Listing the actors in another order (the tied ones swapped too) gives the same outcomes."""
    base = _run(cls(), scenario())
    for order in (ROWS[::-1], ROWS[2:] + ROWS[:2], (ROWS[0], ROWS[2], ROWS[1], *ROWS[3:])):
        _same_outcomes(base, _run(cls(), scenario(tuple(order))),
                       f"actors in the order {', '.join(r[0] for r in order)}")


def check_one_actor(cls: type[Model]) -> None:
    """With one actor the outcome is its position (or the model refuses with a clear error)."""
    row = ROWS[0]
    _agrees_or_refuses(cls, scenario((row,), status_quo=row[2]), {"a": row[2], "b": row[3]}, "one actor")


def check_all_equal_positions(cls: type[Model]) -> None:
    """When every actor holds the same position (the status quo too) the outcome is that position."""
    rows = tuple((r[0], r[1], 45.0, 45.0, r[4]) for r in ROWS)
    _agrees_or_refuses(cls, scenario(rows, status_quo=45.0), {"a": 45.0, "b": 45.0}, "all positions equal")


def check_json_round_trip(cls: type[Model]) -> None:
    """The forecast document survives JSON, and the params it records re-run the same forecast."""
    s = scenario()
    forecast = _run(cls(), s)
    doc = forecast_document(s.id, s.version, [forecast])
    back = json.loads(dumps(doc))
    assert back == jsonable(doc), "the document changes through JSON"
    for record in back["forecasts"]:
        assert record["model"] == cls.name, f"record names model {record['model']!r}, not {cls.name!r}"
        try:
            rebuilt = cls(**record["params"])
        except TypeError as exc:
            raise AssertionError(f"the recorded params {record['params']} do not rebuild the model: {exc}") from None
        rerun = _run(rebuilt, s)
        _same_outcomes(forecast, rerun, "re-run from the params recorded in the JSON document")


CHECKS: tuple[Check, ...] = (check_params_stored, check_resolved_params_rebuild, check_deterministic,
                             check_outcome_in_range, check_actor_order_invariance, check_one_actor,
                             check_all_equal_positions, check_json_round_trip)


def model_checks() -> Iterator[Check]:
    """Yield every contract check (each takes a model class and raises `AssertionError` when it fails)."""
    yield from CHECKS


def check_model(cls: type[Model]) -> None:
    """Run every contract check on `cls`; raise `AssertionError` naming each check that failed and why."""
    failed = []
    for check in model_checks():
        try:
            check(cls)
        except AssertionError as exc:
            failed.append(f"{check.__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001  (a crash is a failed check too, reported with the others)
            failed.append(f"{check.__name__}: raised {type(exc).__name__}: {exc}")
    if failed:
        raise AssertionError(f"{cls.__name__} breaks the model contract:\n  " + "\n  ".join(failed))
