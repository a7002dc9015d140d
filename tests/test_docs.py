"""The documentation's examples are real: the commented scenario example loads and forecasts."""

from __future__ import annotations

import re

import pytest

from realpolitik.models import get_model
from realpolitik.scenario.io import dumps_toml, parse_text
from tests.conftest import REPO


def code_blocks(doc: str, language: str) -> list[str]:
    text = (REPO / "docs" / doc).read_text()
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_scenario_format_example_loads_and_round_trips():
    (example,) = code_blocks("scenario-format.md", "toml")
    scenario = parse_text(example, "toml", file="docs/scenario-format.md")
    assert scenario.relations[0].share == 0.6 and scenario.actors[0].components[0].unit == "current US$ bn"
    assert parse_text(dumps_toml(scenario), "toml") == scenario
    # compromise: (48.2·0.9·100 + 13.6·1.0·0) / (48.2·0.9 + 13.6) = 4338 / 56.98
    assert get_model("compromise").run(scenario).outcome("border") == pytest.approx(4338 / 56.98)


def test_scenario_format_csv_example_loads():
    (example,) = code_blocks("scenario-format.md", "csv")
    scenario = parse_text(example, "csv", issue="car")
    assert scenario.arrays("car").salience.tolist() == [0.8, 0.4]
