"""`ParamSpec`: a model parameter as the shells list it (kept apart from `base` so listings import no NumPy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ParamSpec:
    """A model parameter as the shells show it: name, default, type annotation, allowed values, help."""

    name: str
    default: Any
    annotation: str
    choices: tuple[Any, ...] | None = None
    help: str = ""
