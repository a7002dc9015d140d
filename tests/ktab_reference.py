"""Reading KTAB's reference runs in ../shared/cases/ktab/runs (its own smpc outputs) for the SMP parity tests."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RUNS = {  # run folder → the input file KTAB ran
    "dummyData_3Dim": "dummyData_3Dim.csv",
    "SOE-Pol-Comp": "SOE-Pol-Comp.csv",
    "SOE-Policy": "SOE-Policy.csv",
    "smpExample_fixed_det_r1": "smpExample_fixed_det.xml",
}


@dataclass
class KtabRun:
    """One reference run: positions and ideals (turns, actors, dims) on 0-100, probabilities (turns, actors),
    the stopping statistic per step and, per turn ≥ 1 and actor, the (initiator, receiver) of its winning bargain."""

    positions: np.ndarray
    ideals: np.ndarray
    probability: np.ndarray
    stop_statistic: list[float]
    movers: dict[tuple[int, int], tuple[int, int]]


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="") as fh:
        return list(csv.DictReader(fh))


def read_run(folder: Path) -> KtabRun:
    """Return the reference run stored in `folder`."""
    actors = {r["Name"]: int(r["Act_i"]) for r in _rows(folder, "actors.csv")}
    pos = _rows(folder, "positions.csv")
    turns = max(int(r["Turn_t"]) for r in pos) + 1
    dims = max(int(r["Dim_k"]) for r in pos) + 1
    positions = np.zeros((turns, len(actors), dims))
    ideals = np.zeros_like(positions)
    for r in pos:
        t, a, k = int(r["Turn_t"]), int(r["Act_i"]), int(r["Dim_k"])
        positions[t, a, k] = float(r["Pos_Coord"])
        ideals[t, a, k] = float(r["Idl_Coord"])
    movers = {}  # the selected flags of bargains.csv: turn t's bargains move actors into state t + 1
    for r in _rows(folder, "bargains.csv"):
        t, pair = int(r["Turn_t"]) + 1, (int(r["Init_Act_i"]), int(r["Recd_Act_j"]))
        if r["Init_Seld"] == "1":
            movers[(t, pair[0])] = pair
        if r["Recd_Seld"] == "1":
            movers[(t, pair[1])] = pair
    probability = np.zeros((turns, len(actors)))
    for r in _rows(folder, "winprob.csv"):
        probability[int(r["turn"]), actors[r["actor"]]] = float(r["prob_of_actor_position"])
    stats = [float(r["frac_change_vs_first_step"]) for r in _rows(folder, "frac_change.csv")]
    return KtabRun(positions, ideals, probability, stats, movers)


def logged_bargains(log: Path) -> dict[tuple[int, int, str], tuple[list[float], list[float]]]:
    """Return the bargains KTAB logged in its first turn, by (initiator, receiver, perspective): the initiator's
    and the receiver's copies (0-100, 3 decimals). Perspective is "initiator", "receiver" or "compromise"."""
    text = log.read_text().split("Starting Model::run iteration 2")[0]
    out = {}
    pattern = re.compile(r"(?:Bargain \[\d+, (\d+):(\d+)\] from (\d+)'s perspective|Power-weighted compromise "
                         r"\[\d+, (\d+):(\d+)\] bargain).*?\n(.*?adopt:(.*?))\n(.*?adopt:(.*?))\n", re.S)
    for m in pattern.finditer(text):
        if m.group(1) is not None:
            i, j = int(m.group(1)), int(m.group(2))
            kind = "initiator" if int(m.group(3)) == i else "receiver"
        else:
            i, j, kind = int(m.group(4)), int(m.group(5)), "compromise"
        first = [float(v) for v in m.group(7).split()]
        second = [float(v) for v in m.group(9).split()]
        out[(i, j, kind)] = (first, second)
    return out
