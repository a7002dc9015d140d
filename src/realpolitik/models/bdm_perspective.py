"""The perspective table of one round of the expected-utility model: who challenged whom, and how each actor
saw each pair (Bueno de Mesquita 1994 plots E^i(U_ij) against E^i(U_ji) for one actor; this is that plot as rows).

The round is recomputed from the positions before it and the inputs and settings the `IssueForecast` carries,
so a forecast read back from JSON can be explained too. This module computes (NumPy arrays, no loop over pairs);
`realpolitik.cli.render_explain` presents the result as Rich tables.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from realpolitik.errors import RealpolitikError
from realpolitik.forecast import IssueForecast
from realpolitik.models.bdm_round import MOVE_TYPES, play_round
from realpolitik.models.bdm_settings import BDMSettings
from realpolitik.models.bdm_statistics import median_voter

QUADRANTS = ("boundary", "conflict, i wins", "conflict, i loses", "i compromises", "i capitulates", "j gives way",
             "stalemate")
OFFERS = ("none", *(MOVE_TYPES[k] for k in sorted(MOVE_TYPES)))  # indexed by the offer type code
COLUMNS = ("actor", "other", "eu_ij", "eu_ji", "quadrant", "offer", "adopted")


def quadrants(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the quadrant names of (a, b) = (E^i(U_ij), E^i(U_ji)) elementwise, as actor i perceives each pair:
    both positive: conflict (i loses when b > a); a < 0 < b: i compromises (b > −a) or capitulates; a > 0 > b:
    j gives way; both negative: stalemate; any zero: boundary."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    conflict, yielding = (a > 0) & (b > 0), (a < 0) & (b > 0)
    code = np.select([conflict & (b > a), conflict, yielding & (b > -a), yielding, (a > 0) & (b < 0),
                      (a < 0) & (b < 0)], [2, 1, 3, 4, 5, 6], 0)
    return np.array(QUADRANTS, dtype=object)[code]


def quadrant(a: float, b: float) -> str:
    """Return the name of the quadrant of one pair (see `quadrants`)."""
    return str(quadrants(np.array([a]), np.array([b]))[0])


def check_round(forecast: IssueForecast, round: int) -> None:
    """Raise `RealpolitikError` unless `forecast` is a bdm forecast and `round` (≥ 1) is a round it played."""
    if "settings" not in forecast.diagnostics or "capability" not in forecast.diagnostics:
        raise RealpolitikError(f"issue {forecast.issue!r}: this forecast does not carry the bdm inputs. "
                               "Fix: explain a forecast made by the bdm model")
    last = len(forecast.rounds) - 1
    if not 1 <= round <= last:
        raise RealpolitikError(f"issue {forecast.issue!r}: round {round} was not played (rounds 1-{last}). "
                               f"Fix: use --explain with a round from 1 to {last}" if last else
                               f"issue {forecast.issue!r}: no round was played (the actors already agree). "
                               "Fix: nothing to explain; the inputs are the forecast")


def perspective(forecast: IssueForecast, round: int, active_only: bool = False) -> dict[str, Any]:
    """Return round `round` (≥ 1) recomputed: ``risk_exponents`` (actor → r), ``moves`` (as the round recorded
    them), ``perceived_by``, ``n_pairs`` (ordered pairs at different positions) and ``pairs``, the perspective
    table as columns of equal length (NumPy arrays): ``actor`` i, ``other`` j, ``eu_ij`` = E^i(U_ij), ``eu_ji`` =
    E^i(U_ji) (the two expected utilities j's offer was judged with), ``quadrant``, ``offer`` (the type j's offer
    had for i: none, conflict_lose, compromise or capitulation) and ``adopted`` (whether i took it).

    Rows are the ordered pairs at different positions, i-major in actor order; with `active_only`, only the pairs
    with a positive expected utility or an adopted offer. Raises `RealpolitikError` if the forecast is not a bdm
    forecast or the round is not one it computed.
    """
    check_round(forecast, round)
    diagnostics = forecast.diagnostics
    actors = tuple(forecast.rounds[0].positions)
    x = np.array([forecast.rounds[round - 1].positions[a] for a in actors], dtype=float)
    c = np.array([diagnostics["capability"][a] for a in actors], dtype=float)
    s = np.array([diagnostics["salience"][a] for a in actors], dtype=float)
    settings = BDMSettings(**diagnostics["settings"])
    delta = forecast.rounds[round].extra.get("delta", diagnostics["delta"])
    result = play_round(x, c, s, delta, median_voter(x, c * s, settings.zero_tol), settings)
    a, b = result.offer_a, result.offer_b
    adopted = np.zeros(a.shape, dtype=bool)
    movers = np.flatnonzero(result.chosen >= 0)
    adopted[movers, result.chosen[movers]] = True
    contested = x[:, None] != x[None, :]
    keep = contested & (adopted | (a > 0) | (b > 0)) if active_only else contested
    i, j = np.nonzero(keep)
    names = np.array(actors, dtype=object)
    eu_ij, eu_ji = a[i, j], b[i, j]
    pairs = {"actor": names[i], "other": names[j], "eu_ij": eu_ij, "eu_ji": eu_ji,
             "quadrant": quadrants(eu_ij, eu_ji), "offer": np.array(OFFERS, dtype=object)[result.offer_type[i, j]],
             "adopted": adopted[i, j]}
    return {"round": round, "risk_exponents": dict(zip(actors, result.r.tolist(), strict=True)),
            "moves": forecast.rounds[round].extra.get("moves", []), "n_pairs": int(contested.sum()),
            "pairs": pairs, "perceived_by": "receiver" if settings.perspective == "receiver" else "each actor itself"}


def explain_data(forecast: IssueForecast, round: int) -> dict[str, Any]:
    """Return `perspective` of every contested pair as JSON-ready data (columns as lists)."""
    view = perspective(forecast, round)
    view["pairs"] = {k: v.tolist() for k, v in view["pairs"].items()}
    return view
