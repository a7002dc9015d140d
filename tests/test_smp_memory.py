"""The perceived utilities computed where read (large N) equal the N×N×N array (small N) value for value."""

from __future__ import annotations

import numpy as np

from realpolitik.models import get_model, smp_challenge
from realpolitik.models.smp_challenge import PerceivedUtilities, evaluate_challenges
from realpolitik.models.smp_voting import utility
from realpolitik.scenario.model import Scenario


def test_lazy_utilities_read_like_the_array():
    rng = np.random.default_rng(3)
    n = 7
    d, r = rng.uniform(0, 1.2, (n, n)), rng.uniform(-1, 1, (n, n))
    dense = np.empty((n, n, n))
    for h in range(n):  # U[h, i, j] = u(d_ij; r_hi) = (1 - d)(1 + min(d, 1) r), written out
        for i in range(n):
            for j in range(n):
                dense[h, i, j] = (1 - d[i, j]) * (1 + min(d[i, j], 1.0) * r[h, i])
    lazy = PerceivedUtilities(d, r)
    h, i, j = rng.integers(0, n, (3, 50))
    assert np.array_equal(lazy[h, i, j], utility(d[i, j], r[h, i]))
    assert np.allclose(lazy[h, i, j], dense[h, i, j], rtol=0, atol=1e-15)
    assert np.allclose(lazy[h, :, j], dense[h, :, j], rtol=0, atol=1e-15)
    assert np.allclose(lazy.diagonal(h), np.diagonal(dense, axis1=1, axis2=2)[h], rtol=0, atol=1e-15)
    weight, total = rng.uniform(0.1, 1, n), rng.uniform(0.2, 1, n)
    array = utility(d[None, :, :], r[:, :, None])
    for commit in ("SemiCommit", "NoCommit"):
        got = evaluate_challenges(lazy, weight, total, h, i, j, h, "PropBin", commit)
        want = evaluate_challenges(array, weight, total, h, i, j, h, "PropBin", commit)
        assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))


def test_whole_run_identical_with_lazy_utilities(monkeypatch):
    rng = np.random.default_rng(5)
    actors = [f"a{k}" for k in range(12)]
    scenario = Scenario.model_validate({
        "id": "r12", "title": "Random 12",
        "actors": [{"id": a, "name": a, "capability": float(c)}
                   for a, c in zip(actors, rng.uniform(1, 50, 12), strict=True)],
        "issues": [{"id": "x", "name": "X", "low": "0", "high": "100"}],
        "stances": [{"actor": a, "issue": "x", "position": float(rng.uniform(0, 100)),
                     "salience": float(rng.uniform(0.2, 1))} for a in actors],
    })
    dense = get_model("smp").run(scenario).for_issue("x")
    monkeypatch.setattr(smp_challenge, "DENSE_LIMIT", 0)
    lazy = get_model("smp").run(scenario).for_issue("x")
    assert lazy.outcome == dense.outcome
    assert [r.positions for r in lazy.rounds] == [r.positions for r in dense.rounds]
