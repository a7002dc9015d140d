"""Property-based tests: whatever the file holds, loading gives a valid scenario or the project's error type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.errors import RealpolitikError
from realpolitik.scenario.io import dumps_json, parse_text, scenario_from_dict
from realpolitik.scenario.model import Scenario
from tests.test_scenario_io import CSV
from tests.test_scenario_validation import GOOD

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLES = {"toml": GOOD, "json": None, "csv": CSV}


def sample(fmt: str) -> str:
    return SAMPLES[fmt] if fmt != "json" else dumps_json(parse_text(GOOD, "toml"))


def outcome_is_allowed(text: str, fmt: str) -> None:
    try:
        result = parse_text(text, fmt, file=f"fuzz.{fmt}")
    except RealpolitikError as exc:
        assert str(exc)  # a message for the user
        return
    assert isinstance(result, Scenario)


@st.composite
def mutated(draw, fmt: str) -> str:
    text = sample(fmt)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate_line", "drop_line"]))
        lines = text.splitlines(keepends=True)
        if kind == "delete" and text:
            i = draw(st.integers(0, len(text) - 1))
            text = text[:i] + text[i + draw(st.integers(1, 12)):]
        elif kind == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.text(max_size=8)) + text[i:]
        elif kind == "replace":
            token = draw(st.sampled_from(["1.0", "0.5", "10.0", "90.0", "alpha", "beta", "border", "true", "\""]))
            text = text.replace(token, draw(st.sampled_from(["-1", "1e309", "nan", "\"x\"", "[]", "{}", "", "0",
                                                             "9" * 5000, "[" * 2000, "\"\\u0000\"", "1" + "e9" * 30,
                                                             "x." * 500 + "x", "\"" + "a" * 20000 + "\""])), 1)
        elif kind == "duplicate_line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])
        elif kind == "drop_line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:i] + lines[i + 1:])
    return text


@FUZZ
@given(st.sampled_from(["toml", "json", "csv", "xml"]), st.text(max_size=400))
def test_arbitrary_text(fmt, text):
    outcome_is_allowed(text, fmt)


@FUZZ
@given(st.data())
def test_mutated_files(data):
    fmt = data.draw(st.sampled_from(["toml", "json", "csv"]))
    outcome_is_allowed(data.draw(mutated(fmt)), fmt)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(["id", "title", "actors", "issues", "stances", "relations", "sources",
                                        "seed", "as_of", "version", "other"]), JSON_VALUES, max_size=8))
def test_arbitrary_documents(document):
    try:
        scenario_from_dict(document, "fuzz.json")
    except RealpolitikError:
        pass
