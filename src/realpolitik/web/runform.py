"""The run form on the scenario page: which of its fields an error is about, so the page can be shown again with
the user's input kept and each error beside its field."""

from __future__ import annotations

from typing import Any

from realpolitik.errors import Problem, RealpolitikError

FIELDS = ("models", "params", "version", "draws", "seed", "events", "base_run", "note", "calibration")
WHATIF_FIELDS = {"actor": "whatif_actor", "recipient": "whatif_actor", "supplier": "whatif_supplier",
                 "field": "whatif_field", "issue": "whatif_issue", "value": "whatif_value",
                 "factor": "whatif_value", "fraction": "whatif_value", "op": "whatif_op"}


class FieldError(RealpolitikError):
    """A user error about one field of the run form (`field` is the form field's name)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def field_of(loc: tuple[str | int, ...]) -> str:
    """Return the run form's field for a problem at `loc` in a run request (``form`` when it names none)."""
    head = loc[0] if loc else ""
    if head == "what_if":
        return next((WHATIF_FIELDS[part] for part in loc[1:] if part in WHATIF_FIELDS), "whatif")
    if head == "models" and "params" in loc:
        return "params"
    return head if head in FIELDS else "form"


def describe(problem: Problem) -> str:
    """Return a problem as one sentence with its fix."""
    return f"{problem.what}. Fix: {problem.fix}" if problem.fix else problem.what


def form_errors(exc: RealpolitikError) -> dict[str, str]:
    """Return the error messages of `exc` by run-form field (``form`` for those about no one field)."""
    if isinstance(exc, FieldError):
        return {exc.field: str(exc)}
    problems: list[Problem] = list(getattr(exc, "problems", []) or [])
    if not problems:
        return {"form": str(exc)}
    out: dict[str, str] = {}
    for problem in problems:
        field = field_of(problem.loc)
        out[field] = f"{out[field]}; {describe(problem)}" if field in out else describe(problem)
    return out


def kept_input(**values: Any) -> dict[str, Any]:
    """Return the submitted form values to fill the form in again (models as a list)."""
    return {**values, "models": list(values.get("models") or [])}
