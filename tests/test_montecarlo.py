"""Monte Carlo: estimates against a distribution known in closed form, MCSEs, events, reproducibility."""

from __future__ import annotations

import math

import numpy as np
import pytest

from realpolitik.errors import RealpolitikError
from realpolitik.executors import ProcessExecutor, SerialExecutor
from realpolitik.models import get_model
from realpolitik.scenario.model import Scenario
from realpolitik.scenario.spread import Spread, UncertaintyDefaults
from realpolitik.uncertainty.draws import InputSpace
from realpolitik.uncertainty.events import parse_event
from realpolitik.uncertainty.montecarlo import run_monte_carlo
from realpolitik.uncertainty.sweep import stream


def normal_scenario() -> Scenario:
    """Three actors with fixed capability and salience and normally distributed positions, far from 0 and 100.

    Compromise outcome = Σ wᵢxᵢ / Σ wᵢ with wᵢ = cᵢsᵢ = 2, 3, 5 (W = 10), xᵢ ~ N(μᵢ, σᵢ²) independent:
      mean = (2·40 + 3·50 + 5·60) / 10 = (80 + 150 + 300) / 10 = 53
      var  = (2²·4² + 3²·6² + 5²·2²) / 10² = (64 + 324 + 100) / 100 = 4.88, sd = 2.2091
    Positions are ≥ 9 sd from the bounds, so clipping changes nothing measurable.
    """
    rows = [("a", 2.0, 40.0, 4.0), ("b", 3.0, 50.0, 6.0), ("c", 5.0, 60.0, 2.0)]
    return Scenario.model_validate({
        "id": "normal", "title": "Normal positions",
        "actors": [{"id": a, "name": a, "capability": c} for a, c, _, _ in rows],
        "issues": [{"id": "q", "name": "Q", "low": "0", "high": "100"}],
        "stances": [{"actor": a, "issue": "q", "position": x, "salience": 1.0, "position_spread": {"sd": s}}
                    for a, _, x, s in rows],
    })


MEAN, SD = 53.0, math.sqrt(4.88)


@pytest.fixture(scope="module")
def normal_run():
    scenario = normal_scenario()
    events = [parse_event(f"q>={MEAN + SD}"), parse_event("q<50")]
    return run_monte_carlo(scenario, get_model("compromise"), 4000, seed=2024, events=events)


def test_only_the_declared_spreads_are_uncertain():
    space = InputSpace.of(normal_scenario())
    assert space.labels == ["a.position[q]", "b.position[q]", "c.position[q]"]


def test_mean_and_sd_inside_their_standard_error_bands(normal_run):
    dist = normal_run.for_issue("q")
    assert dist.n == 4000 and dist.baseline == pytest.approx(MEAN)
    # The reported MCSE of the mean must be about sd/√n = 2.2091/63.25 = 0.0349.
    assert dist.mean.se == pytest.approx(SD / math.sqrt(4000), rel=0.05)
    assert abs(dist.mean.value - MEAN) < 3 * dist.mean.se
    # MCSE of s for a normal: σ/√(2n) = 2.2091/89.44 = 0.0247.
    assert dist.sd.se == pytest.approx(SD / math.sqrt(2 * 4000), rel=0.1)
    assert abs(dist.sd.value - SD) < 3 * dist.sd.se


def test_quantiles_inside_their_standard_error_bands(normal_run):
    dist = normal_run.for_issue("q")
    z = {0.05: -1.6448536, 0.25: -0.6744898, 0.5: 0.0, 0.75: 0.6744898, 0.95: 1.6448536}
    for q, est in dist.quantiles.items():
        true = MEAN + z[q] * SD
        # asymptotic quantile MCSE √(q(1−q)/n)/φ(z); at the median: √(0.25/4000)/0.39894 · SD = 0.0438
        density = math.exp(-z[q] ** 2 / 2) / math.sqrt(2 * math.pi) / SD
        assert est.se == pytest.approx(math.sqrt(q * (1 - q) / 4000) / density, rel=0.35)
        assert abs(est.value - true) < 3 * est.se, q


def test_event_probabilities_inside_their_standard_error_bands(normal_run):
    (above, p_above), (below, p_below) = normal_run.events
    # P(Z ≥ 1) = 0.158655; P(outcome < 50) = Φ((50 − 53)/2.2091) = Φ(−1.35802) = 0.087234
    assert above.text() == f"q>={MEAN + SD:g}"
    assert p_above.se == pytest.approx(math.sqrt(0.158655 * 0.841345 / 4000), rel=0.05)
    assert abs(p_above.value - 0.158655) < 3 * p_above.se
    assert abs(p_below.value - 0.087234) < 3 * p_below.se


def test_histogram_counts_every_draw(normal_run):
    edges, counts = normal_run.for_issue("q").histogram
    assert edges[0] == 0 and edges[-1] == 100 and len(counts) == 20 and sum(counts) == 4000
    # 53 ± 2.2: nearly all mass in the bins [50, 55) and [55, 60): Φ(0.905) − Φ(−1.358) = 0.8173 − 0.0872 = 0.730
    assert counts[10] / 4000 == pytest.approx(0.730, abs=0.03)


def test_draw_streams_are_seedsequence_spawn_children():
    children = np.random.SeedSequence(99).spawn(5)
    for i, child in enumerate(children):
        assert stream(99, i).random(3).tolist() == np.random.default_rng(child).random(3).tolist()


def test_same_seed_same_result_serial_and_processes_any_workers_and_batches():
    scenario = normal_scenario()
    model = get_model("median-cs")
    spreads = UncertaintyDefaults(capability=Spread(factor=1.5), salience=Spread(plus_minus=0.1))
    runs = [run_monte_carlo(scenario, model, 300, seed=5, spreads=spreads, executor=ex, batch_size=b)
            for ex, b in ((SerialExecutor(), None), (SerialExecutor(), 7), (ProcessExecutor(2), None),
                          (ProcessExecutor(3), 41))]
    first = runs[0].draws
    assert first.shape == (300, 1) and len(np.unique(first)) > 3
    for other in runs[1:]:
        assert np.array_equal(first, other.draws)
    different = run_monte_carlo(scenario, model, 300, seed=6, spreads=spreads)
    assert not np.array_equal(first, different.draws)


def test_unknown_issue_in_event_is_a_clear_error():
    with pytest.raises(RealpolitikError, match=r"unknown issue 'qq'.*Fix: use one of q"):
        run_monte_carlo(normal_scenario(), get_model("compromise"), 10, events=[parse_event("qq>=50")])


@pytest.mark.parametrize("text, message", [
    ("q=>50", "cannot read the event"),
    ("q>=150", "outside the 0-100"),
    ("q>=5 & ", "cannot read the event"),
])
def test_bad_events(text, message):
    with pytest.raises(RealpolitikError, match=message):
        parse_event(text)


class StopAfter:
    """A progress callback that presses Ctrl-C once `limit` runs have finished."""

    def __init__(self, limit: int) -> None:
        self.limit, self.seen = limit, 0

    def __call__(self, runs: int) -> None:
        self.seen += runs
        if self.seen >= self.limit:
            raise KeyboardInterrupt


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessExecutor(2)], ids=["serial", "processes"])
def test_ctrl_c_keeps_what_finished(executor):
    scenario, model = normal_scenario(), get_model("compromise")
    full = run_monte_carlo(scenario, model, 400, seed=8)
    cut = run_monte_carlo(scenario, model, 400, seed=8, executor=executor, batch_size=20, progress=StopAfter(40))
    # serially the stop comes right after the second batch of 20; on workers, running batches finish first
    serial = isinstance(executor, SerialExecutor)
    assert cut.sweep.interrupted and (cut.sweep.n_done == 40 if serial else 40 <= cut.sweep.n_done <= 400)
    done = cut.sweep.done
    # the finished draws are exactly the uninterrupted run's draws at the same indices
    assert np.array_equal(cut.sweep.outcomes[done], full.sweep.outcomes[done])
    assert cut.for_issue("q").n == cut.sweep.n_done and cut.to_dict()["interrupted"] is True


def test_progress_bar_appears_only_on_a_terminal_after_the_delay():
    import io

    from rich.console import Console

    from realpolitik.cli.progress import ProgressBar

    screen = io.StringIO()
    with ProgressBar(100, "draws", Console(file=screen, force_terminal=True, width=80), delay=0.0) as bar:
        bar(40)
        bar(60)
    assert bar.completed == 100 and "draws" in screen.getvalue()
    piped = io.StringIO()
    with ProgressBar(100, "draws", Console(file=piped, force_terminal=False), delay=0.0) as bar:
        bar(100)
    assert piped.getvalue() == ""
    quiet = io.StringIO()
    with ProgressBar(100, "draws", Console(file=quiet, force_terminal=True), delay=60.0) as bar:
        bar(100)
    assert quiet.getvalue() == ""
