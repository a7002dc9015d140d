"""A candidate actor span: one reading of some words of the text, before overlapping readings are resolved."""

from __future__ import annotations

from dataclasses import dataclass

from realpolitik.draft.gazetteer import Entity


@dataclass
class Candidate:
    """Text offsets, the entity read there, how it was found, and a marker (unknown, history, venue, rule)."""

    start: int
    end: int
    entity: Entity
    how: str
    name: str | None = None
    alternatives: tuple[Entity, ...] = ()  # other states the same form names at the date
