"""Plain, detached records the store hands out: a scenario, one of its versions, a run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from realpolitik.scenario.model import Scenario


@dataclass(frozen=True)
class ScenarioRecord:
    """A stored scenario: its id (slug), title of the newest version, number of versions, tags, a note."""

    slug: str
    title: str
    latest: int
    created_at: dt.datetime
    updated_at: dt.datetime
    tags: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class VersionRecord:
    """One saved version of a scenario: its number (1, 2, ...), the full document and its fingerprint."""

    slug: str
    number: int
    document: dict[str, Any]
    fingerprint: str
    note: str | None
    created_at: dt.datetime

    def scenario(self) -> Scenario:
        """Return the version as a validated `Scenario`."""
        from realpolitik.scenario.io import scenario_from_dict

        return scenario_from_dict(self.document, f"<stored {self.slug} v{self.number}>")


@dataclass(frozen=True)
class RunRecord:
    """A run: which scenario version, which models with which parameters, seed, draws, status and results.

    `progress` is the fraction (0-1) done; `duration_s` is wall-clock seconds from start to finish.
    """

    id: int
    slug: str
    version: int
    models: list[dict[str, Any]]
    seed: int
    draws: int
    what_if: list[dict[str, Any]]
    base_run_id: int | None
    status: str
    progress: float
    error: str | None
    results: dict[str, Any] | None
    note: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    duration_s: float | None
    tags: tuple[str, ...] = field(default=())
    events: list[str] = field(default_factory=list)
    calibration: str = "auto"

    @property
    def model_names(self) -> list[str]:
        """Return the names of the run's models, in order."""
        return [m["name"] for m in self.models]

    @property
    def finished(self) -> bool:
        """Return whether the run is over (done or failed)."""
        return self.status in ("done", "failed")
