"""The dashboard's figures: parallel relations drawn apart, labels escaped once."""

from __future__ import annotations

import math

from realpolitik.scenario.io import scenario_from_dict
from realpolitik.web import charts
from tests.web_support import doc

NAME = 'Say "no" <b>& co</b>'


def three_ties() -> dict:
    """`mini` with three relations between alpha and gamma (two kinds, both directions) and one beta→alpha."""
    d = doc()
    d["relations"] = [{"kind": "alliance", "from": "alpha", "to": "gamma"},
                      {"kind": "hostility", "from": "gamma", "to": "alpha"},
                      {"kind": "arms_supplier", "from": "alpha", "to": "gamma", "share": 0.5},
                      {"kind": "hostility", "from": "beta", "to": "alpha"}]
    return d


def segments(figure: dict) -> list[list[tuple[float, float]]]:
    """The line segments of the relation traces (split at the None gaps)."""
    out = []
    for trace in figure["data"][:-1]:
        current: list[tuple[float, float]] = []
        for x, y in zip(trace["x"], trace["y"], strict=True):
            if x is None:
                out.append(current)
                current = []
            else:
                current.append((x, y))
    return out


def test_parallel_relations_are_drawn_apart():
    scenario = scenario_from_dict(three_ties(), "<test>")
    figure = charts.relations_figure(scenario)
    paths = segments(figure)
    assert len(paths) == 4
    # Actors on the unit circle from the top, anticlockwise: alpha at 90°, beta at 210°, gamma at 330°.
    alpha, gamma = (0.0, 1.0), (math.cos(math.radians(330)), math.sin(math.radians(330)))
    chord_mid = ((alpha[0] + gamma[0]) / 2, (alpha[1] + gamma[1]) / 2)
    # The three alpha–gamma ties, in order: bowed by -0.16, 0, +0.16 (towards the left of alpha→gamma), whatever
    # their direction. The left normal of alpha→gamma = (-dy, dx)/|d| with d = (0.866, -1.5), |d| = √3.
    d = (gamma[0] - alpha[0], gamma[1] - alpha[1])
    norm = math.hypot(*d)
    left = (-d[1] / norm, d[0] / norm)
    # paths are listed per kind: alliance (tie 0), hostility (ties 1 and 3), arms supplier (tie 2)
    ties = {0: paths[0], 1: paths[1], 3: paths[2], 2: paths[3]}
    for k, bow in ((0, -0.16), (1, 0.0), (2, 0.16)):
        middle = ties[k][len(ties[k]) // 2]
        expected = (chord_mid[0] + bow * left[0], chord_mid[1] + bow * left[1])
        assert math.dist(middle, expected) < 1e-9, k
    starts_ends = {frozenset({ties[k][0], ties[k][-1]}) for k in (0, 1, 2)}
    assert len(starts_ends) == 1  # all three run between the same two actors
    middles = [ties[k][len(ties[k]) // 2] for k in (0, 1, 2)]
    assert min(math.dist(a, b) for a in middles for b in middles if a != b) > 0.15
    beta = (math.cos(math.radians(210)), math.sin(math.radians(210)))
    assert len(ties[3]) == charts.EDGE_POINTS and math.dist(ties[3][0], beta) < 1e-12
    # the lone beta→alpha tie stays straight: every point on the chord
    (x0, y0), (x1, y1) = ties[3][0], ties[3][-1]
    assert all(abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) < 1e-12 for x, y in ties[3])
    # the arrow of the directed arms tie ends at gamma
    arrow = figure["layout"]["annotations"][0]
    assert math.dist((arrow["x"], arrow["y"]), gamma) < 1e-12


def test_labels_are_escaped_once():
    # Plotly decodes &lt; &gt; &amp; (and numeric entities) in its text but shows &quot; literally.
    assert charts.esc(NAME) == 'Say "no" &lt;b&gt;&amp; co&lt;/b&gt;'
    d = three_ties()
    d["actors"][0]["name"] = NAME
    figure = charts.relations_figure(scenario_from_dict(d, "<test>"))
    assert figure["data"][-1]["text"][0] == 'Say "no" &lt;b&gt;&amp; co&lt;/b&gt;'
    assert "&quot;" not in str(figure) and "&#x27;" not in str(figure)
