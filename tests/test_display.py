"""Notebook display: `_repr_html_` of scenarios, forecasts and Monte Carlo runs parses as HTML, shows the key
figures, escapes a hostile name, and carries no script; `repr` is one short line."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import realpolitik
from realpolitik.scenario.io import scenario_from_dict
from tests.web_support import COMPROMISE, MEAN, doc

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


class Tables(HTMLParser):
    """Collect every tag's name and each table's rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> Tables:
    parser = Tables()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags and "img" not in parser.tags and "link" not in parser.tags
    assert "http" not in page  # nothing to fetch
    return parser


@pytest.fixture(scope="module")
def mini():
    d = doc()
    d["actors"][1]["name"] = HOSTILE
    return scenario_from_dict(d, "<test>")


def test_scenario_html_lists_actors_with_their_stances_and_escapes_names(mini):
    page = parse(mini._repr_html_())
    actors, issues = page.tables
    assert actors[0][:4] == ["actor", "name", "kind", "capability"]
    assert actors[2][:4] == ["beta", HOSTILE, "state", "3.0"]  # the name shows as written, as text
    assert actors[1][4:] == ["10.0 · 0.50", "80.0 · 1.00"]  # alpha: border 10 / 0.5, trade 80 / 1.0
    assert actors[3][5] == "—"  # gamma has no stance on trade
    assert [row[0] for row in issues[1:]] == ["border", "trade"]
    assert "&lt;script&gt;" in mini._repr_html_()


def test_forecast_html_one_row_per_issue_one_column_per_model(mini):
    doc_ = realpolitik.forecast(mini, ["compromise", "mean"])
    (table,) = parse(doc_._repr_html_()).tables
    assert table[0] == ["issue", "name", "compromise", "mean"]
    assert table[1] == ["border", "Border", f"{COMPROMISE['border']:.1f}", f"{MEAN['border']:.1f}"]
    assert table[2] == ["trade", "Trade", f"{COMPROMISE['trade']:.1f}", f"{MEAN['trade']:.1f}"]


def test_montecarlo_html_shows_each_distribution_and_event(mini):
    run = realpolitik.monte_carlo(mini, ["compromise"], 20, seed=2, events=["border>=70"])
    page = parse(run._repr_html_())
    outcomes, events = page.tables
    document = run.to_dict()["runs"][0]
    first = document["outcomes"][0]
    assert outcomes[1][:4] == ["compromise", "border", f"{COMPROMISE['border']:.1f}", f"{first['mean']['value']:.1f}"]
    assert outcomes[1][-1] == "20"
    assert events[1][:3] == ["compromise", "border>=70", f"{document['events'][0]['probability']['value']:.3f}"]


def test_plain_repr_is_one_short_line(mini):
    doc_ = realpolitik.forecast(mini, ["compromise", "mean"])
    assert repr(doc_) == "ForecastDocument(scenario='mini', models=[compromise, mean], issues=2)"
    assert repr(mini) == "Scenario(id='mini', title='Mini', version='1', 3 actors, 2 issues, 5 stances, 2 relations)"
    run = realpolitik.monte_carlo(mini, ["compromise"], 5, seed=2)
    assert repr(run) == "MonteCarloRun(scenario='mini', models=[compromise], draws=5)"
