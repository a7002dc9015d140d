"""The ``eu_war_reason`` dyad-year add-on: risk attitudes, War and Reason utilities, the sixteen IIG outcome
utilities and the predicted equilibrium, per directed dyad-year, as EUGene computed them.

Separate from the fast ``eu`` add-on because the risk attitudes need a search over alliance portfolios for every
(state, region) a dyad uses (see `realpolitik.measures.risk`): a fraction of a second per state for a 25-state
region, more for the largest regions (figures in docs/expected-utility.md and benchmarks/risk.py).

What it computes, for each year of the frame (same inputs as the ``eu`` add-on: COW states of the year, NMC
CINC, ATOP v5.1 alliances as EUGene classes, capital distances and land contiguity):

- the system is every state of the year (an unfiltered dyad-year frame's states), whatever rows the frame keeps;
  similarity partner sets and third parties come from it;
- risk R is searched only for the (state, region) cells the frame's rows use: A and B, each in the relevant
  region of (A, B) (the spec's section 3). Filter the frame first (e.g. `filter_prd`) to do less work;
- each search draws from its own stream ``SeedSequence(seed, spawn_key=(year, ccode, region))``, so a value
  does not depend on the other rows, the executor or the number of workers.

Each year is one task of an executor (`realpolitik.executors`): serial, local processes or Ray.
Values are null where an input is missing, and in years outside the NMC or ATOP tables (ATOP 5.1 ends in 2018).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from realpolitik.data.expected_utility import covered_years, eu_inputs, system_of_year
from realpolitik.data.frame import PeaceFrame, addon
from realpolitik.errors import RealpolitikError
from realpolitik.measures.iig import outcome_names
from realpolitik.measures.risk import transform_risk
from realpolitik.measures.system import risk_table, similarities, war_and_reason
from realpolitik.measures.war_and_reason import OUTCOMES

FAMILY = {"tau": "T", "s_un": "S", "s_wt": "W"}  # EUGene's prefixes: wrT (tau-b), wrS (S), wrW (weighted S)
EUGENE_OUTCOME = {"sq": "sq", "nego": "neg", "acqa": "ac1", "acqb": "ac2", "capa": "cp1", "capb": "cp2",
                  "wara": "wr1", "warb": "wr2"}
KEYS = ["ccode1", "ccode2", "year"]


def column_names(measure: str = "tau") -> list[str]:
    """Return the columns the add-on adds for similarity `measure`, in order (EUGene's names, family letter F):
    ``riskF1``/``riskF2`` (R of A/B in the relevant region), ``rF1``/``rF2`` (r), ``wrFu1v1``, ``wrFu1v2``,
    ``wrFu1vsq``, ``wrFu2v2``, ``wrFu2v1``, ``wrFu2vsq``, ``wrFp1win``, ``wrFp2win``, ``wrFstk1``, ``wrFstk2``,
    the 16 ``wrFu1<outcome>``/``wrFu2<outcome>`` and ``eqF`` (the predicted outcome's name)."""
    f = FAMILY[measure]
    names = [f"risk{f}1", f"risk{f}2", f"r{f}1", f"r{f}2"]
    names += [f"wr{f}{k}" for k in ("u1v1", "u1v2", "u1vsq", "u2v2", "u2v1", "u2vsq", "p1win", "p2win",
                                    "stk1", "stk2")]
    names += [f"wr{f}u{side}{EUGENE_OUTCOME[o]}" for side in ("1", "2") for o in OUTCOMES]
    return [*names, f"eq{f}"]


@dataclass(frozen=True)
class YearTask:
    """One year's work: its input tables (that year's rows only), the directed dyads wanted ((m, 2) COW codes),
    the similarity `measure`, the risk search's `restarts` and `seed`."""

    year: int
    inputs: dict[str, pl.DataFrame]
    dyads: np.ndarray
    measure: str = "tau"
    restarts: int = 8
    seed: int = 0
    covered: bool = True

    @property
    def size(self) -> int:
        """Return the number of states in the year (the cost grows with it)."""
        return self.inputs["states"].height


def war_reason_year(task: YearTask) -> pl.DataFrame:
    """Return the task's dyads (ccode1, ccode2, year) with `column_names(task.measure)`; NaN/null where missing."""
    if not task.covered:
        return _nulls(task)
    system = system_of_year(task.year, task.inputs)
    n = len(system.ids)
    position = {int(c): k for k, c in enumerate(system.ids)}
    pairs = [(position[a], position[b]) for a, b in task.dyads.tolist()
             if a in position and b in position and a != b]
    a, b = (np.array(x, dtype=np.int64) for x in zip(*pairs, strict=True)) if pairs else (np.zeros(0, int),) * 2
    relevant = system.relevant
    region = relevant[a, b]
    needed = np.zeros((n, 5), dtype=bool)
    needed[a, region - 1] = True
    needed[b, region - 1] = True
    needed &= np.isfinite(system.capability)[:, None]
    utility = similarities(system, (task.measure,))[f"{task.measure}_reg"]
    risk = risk_table(system, task.measure, restarts=task.restarts,
                      regions=tuple(int(g) for g in np.unique(region)), needed=needed, seed=task.seed)
    values = war_and_reason(system, utility, risk)
    names = column_names(task.measure)
    codes = np.asarray(system.ids, dtype=np.int32)
    r = transform_risk(risk)
    series = [risk[a, region - 1], risk[b, region - 1], r[a, region - 1], r[b, region - 1]]
    series += [values[k][a, b] for k in ("u1v1", "u1v2", "u1vsq", "u2v2", "u2v1", "u2vsq", "p1win", "p2win")]
    series += [values["u1v1"][a, b] - values["u1v2"][a, b], values["u2v2"][a, b] - values["u2v1"][a, b]]
    series += [values[side][a, b, k] for side in ("outcomes_a", "outcomes_b") for k in range(len(OUTCOMES))]
    data = {"ccode1": codes[a], "ccode2": codes[b], "year": np.full(len(a), task.year, dtype=np.int32)}
    data.update({name: np.asarray(v, dtype=np.float64) for name, v in zip(names[:-1], series, strict=True)})
    eq = outcome_names(values["equilibrium"][a, b])
    out = pl.DataFrame(data).with_columns(pl.col(names[:-1]).fill_nan(None))
    return out.with_columns(pl.Series(names[-1], eq.tolist(), dtype=pl.String).replace("", None))


def _nulls(task: YearTask) -> pl.DataFrame:
    """Return the task's dyads with every column null (a year outside the capability or alliance data)."""
    names = column_names(task.measure)
    dyads = np.asarray(task.dyads, dtype=np.int32).reshape(-1, 2)
    out = pl.DataFrame({"ccode1": dyads[:, 0], "ccode2": dyads[:, 1],
                        "year": np.full(len(dyads), task.year, dtype=np.int32)})
    return out.with_columns([pl.lit(None, pl.Float64).alias(c) for c in names[:-1]]
                            + [pl.lit(None, pl.String).alias(names[-1])])


def year_tasks(frame: PeaceFrame, measure: str = "tau", restarts: int = 8, seed: int = 0) -> list[YearTask]:
    """Return one `YearTask` per year of the frame's rows, largest system first (for load balance), each with
    its year's slice of the inputs of every state of the year (not only the frame's)."""
    from realpolitik.data.dyads import dyad_years

    full = dyad_years(frame.system, frame.years, directed=True, data=frame.data)
    inputs = eu_inputs(full)
    rows = frame.lazy.select(pl.col(k).cast(pl.Int32) for k in KEYS).unique().collect()
    by_year = {int(y[0]): part.select("ccode1", "ccode2").to_numpy()
               for y, part in rows.group_by("year")}
    covered = covered_years(inputs)  # the same rule as the eu add-on: years with both NMC and ATOP rows
    tasks = []
    for year, dyads in by_year.items():
        of_year = {name: table.filter(pl.col("year") == year) for name, table in inputs.items()}
        tasks.append(YearTask(year, of_year, dyads, measure, restarts, seed, year in covered))
    return sorted(tasks, key=lambda t: (-t.size, t.year))


@addon("eu_war_reason", ("dyad_year",), "risk attitudes, War and Reason utilities, 16 IIG outcome utilities and "
       "equilibrium (slow: a risk search per state and region; parallel by year with --workers/--ray)",
       years_of=("cow_nmc", "atop_alliance"))
def add_war_and_reason(frame: PeaceFrame, measure: str = "tau", restarts: int = 8, seed: int = 0,
                       executor=None, progress=None) -> PeaceFrame:
    """Return the dyad-years with the War and Reason columns of `column_names(measure)` (EUGene's names).

    ``riskF1``/``riskF2`` are A's and B's untransformed risk R in [-1, 1] in the dyad's relevant region and
    ``rF1``/``rF2`` the transformed r in [0.5, 2]; ``wrF*`` are the utilities (in [-2, 2]) and probabilities of
    success (0-1) of `realpolitik.measures.war_and_reason` (EUGene convention); ``eqF`` is the predicted IIG
    outcome (sq, nego, acqa, acqb, capa, capb, wara, warb). `measure` is the similarity used: ``tau``, ``s_un``
    or ``s_wt``. `executor` (default serial) runs one task per year; `progress(k)` is called as years finish.
    COW directed frames only.
    """
    frame.check_cow_directed("add-on 'eu_war_reason'", "utilities differ by direction")
    if measure not in FAMILY:
        raise RealpolitikError(f"add-on 'eu_war_reason': unknown measure {measure!r}. "
                               f"Fix: use one of {', '.join(FAMILY)}")
    if restarts < 0:
        raise RealpolitikError(f"add-on 'eu_war_reason': restarts must be 0 or more, not {restarts}. Fix: pass 8")
    from realpolitik.executors import SerialExecutor

    tasks = year_tasks(frame, measure, restarts, seed)
    executor = executor if executor is not None else SerialExecutor()
    result = executor.map(war_reason_year, tasks, batch_size=1, progress=progress)
    if result.interrupted:
        raise RealpolitikError(f"add-on 'eu_war_reason' was interrupted after {result.n_done} of {len(tasks)} "
                               "years. Fix: run again, with fewer years (--years) or more workers (--workers/--ray)")
    parts = result.finished()
    names = column_names(measure)
    schema = {"ccode1": pl.Int32, "ccode2": pl.Int32, "year": pl.Int32, **{c: pl.Float64 for c in names[:-1]},
              names[-1]: pl.String}
    values = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    lazy = frame.lazy.with_columns(pl.col(k).cast(pl.Int32) for k in KEYS)
    return frame.with_lazy(lazy.join(values.lazy(), on=KEYS, how="left", maintain_order="left"),
                           "cow_nmc", "atop_alliance", "cow_capitals", "cow_contdir")
