"""The probabilistic backtest: Monte Carlo and calibrated predictive distributions scored per model, and the
report's probabilistic table, reliability diagram and PIT histogram."""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik.cli.render_backtest import markdown_report, write_report
from realpolitik.evaluate.calibration import Calibration, case_features, fit_calibration
from realpolitik.evaluate.dataset import case_from_rows
from realpolitik.evaluate.harness import run_backtest, summarise
from realpolitik.evaluate.metrics import group_draws
from realpolitik.evaluate.probabilistic import Predictive, probabilistic_backtest, score_all, score_predictive
from realpolitik.models import get_model


def _cases(n: int = 12):
    rng = np.random.default_rng(5)
    cases = []
    for i in range(n):
        rows = [{"actor": a, "capability": 1.0, "position": float(rng.uniform(0, 100)), "salience": 0.5}
                for a in ("a", "b", "c")]
        cases.append(case_from_rows(f"i{i}", f"p{i // 2}", rows, float(rng.choice([0, 50, 100])),
                                    status_quo=float(rng.uniform(0, 100)) if i % 3 else None))
    return cases


def test_score_predictive_by_hand():
    # Two cases in two groups: samples {0, 10, 20} vs 5 (CRPS 35/9, 80% interval [2, 18] covers 5, P(>= 50) = 0,
    # outcome < 50: Brier 0) and {40, 60, 80} vs 100 (E|X - y| = 40, pair sum 2 * (20 + 40 + 20) = 160, half of
    # 160/9, CRPS = 40 - 80/9 = 280/9; the interval [44, 76] misses 100; P(>= 50) = 2/3, happened: Brier 1/9).
    pred = Predictive("m", "hand", ["a", "b"], ["g1", "g2"], np.array([5.0, 100.0]), [None, 90.0],
                      np.array([10.0, 60.0]), np.array([[0.0, 10, 20], [40, 60, 80]]))
    s = score_predictive(pred, group_draws(np.array(["g1", "g2"]), 200, np.random.default_rng(0)), ["g1", "g2"])
    assert s.crps.value == pytest.approx((35 / 9 + 280 / 9) / 2)
    assert s.coverage[0.8].value == 0.5 and s.mae.value == pytest.approx((5 + 40) / 2)
    ge50 = next(e for e in s.events if e.event == "outcome ≥ 50")
    assert ge50.brier.value == pytest.approx((0 + 1 / 9) / 2)
    near = next(e for e in s.events if e.event.startswith("within 10"))
    assert near.n == 1  # the first case has no reference point
    assert sum(s.pit_counts) == 2


def test_probabilistic_backtest_and_report(tmp_path):
    cases = _cases()
    models = [get_model("compromise"), get_model("mean")]
    result = run_backtest(cases, models, progress=False)
    calibration = fit_calibration(result, cases, ["compromise"], scale="none", name="test")
    assert set(calibration.models) == {"compromise"}
    predictives = probabilistic_backtest(cases, models, draws=20, seed=3, calibration=calibration)
    assert [p.label for p in predictives] == ["compromise", "compromise + calibration test", "mean"]
    assert predictives[0].samples.shape == (12, 20) and np.all((predictives[0].samples >= 0)
                                                                  & (predictives[0].samples <= 100))
    # The Monte Carlo point is the model's own forecast on the unperturbed case.
    assert predictives[0].point == pytest.approx(result.scored("compromise")["prediction"].to_numpy())
    scores = score_all(predictives, n_boot=100, seed=0)
    assert all(0 <= s.coverage[0.8].value <= 1 and s.crps.value > 0 for s in scores)
    # Same seed, same draws: the backtest is reproducible.
    again = probabilistic_backtest(cases, models[:1], draws=20, seed=3)
    assert np.array_equal(again[0].samples, predictives[0].samples)
    summary = summarise(result, n_boot=100)
    html_path, md_path = write_report(result, summary, tmp_path / "r.html", probabilistic=scores)
    text = html_path.read_text()
    assert "Probabilistic scores" in text and "Reliability diagram" in text and "PIT histogram" in text
    assert "## Probabilistic scores" in markdown_report(result, summary, probabilistic=scores)
    assert "Probabilistic" not in markdown_report(result, summary)
    assert isinstance(case_features(cases)["i0"]["dispersion"], float)
    assert Calibration.load().name == "deu_dev"
