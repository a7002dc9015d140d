"""realpolitik: make a geopolitical system computable and forecast how contests among its actors end.

The public Python API in three lines::

    from realpolitik import load_scenario, get_model
    scenario = load_scenario("south-caucasus-2020")
    forecast = get_model("compromise").run(scenario)
"""

from realpolitik.errors import RealpolitikError, ScenarioError
from realpolitik.forecast import Forecast, IssueForecast, Round

__version__ = "0.1.0"

__all__ = [
    "Forecast",
    "IssueForecast",
    "RealpolitikError",
    "Round",
    "ScenarioError",
    "__version__",
    "draft",
    "get_model",
    "load_scenario",
]


def __getattr__(name: str):
    # Lazy re-exports keep `import realpolitik` cheap (no model or file-format imports until used).
    if name == "load_scenario":
        from realpolitik.scenario.io import load_scenario

        return load_scenario
    if name == "get_model":
        from realpolitik.models.registry import get_model

        return get_model
    if name == "draft":
        # The package realpolitik.draft is itself callable: realpolitik.draft(text) drafts, realpolitik.draft.review
        # reviews (a function here would be replaced by the package as soon as a submodule is imported).
        import importlib

        return importlib.import_module("realpolitik.draft")
    raise AttributeError(f"module 'realpolitik' has no attribute {name!r}")
