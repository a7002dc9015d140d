"""The scenario as immutable, validated data: actors, issues, stances, relations and their sources.

A `Scenario` is validated once when it is built (from a file, an API payload or Python) and trusted
afterwards; every model is a function of it. Positions are on each issue's 0-100 scale, saliences on 0-1,
capabilities are relative (any non-negative finite number; only ratios matter to the models).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from realpolitik.errors import ScenarioError
from realpolitik.scenario.checks import check_references, text_problems
from realpolitik.scenario.spread import Spread, UncertaintyDefaults

Id = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_\-]*$",
          description="lower-case letters, digits, '-' and '_', starting with a letter or digit"),
]


Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
"""A finite number written as a number: ints and floats pass; booleans, numeric strings, NaN and inf are errors."""
WholeNumber = Annotated[int, Strict()]
MAX_SEED = 2**64 - 1  # KTAB's seeds are unsigned 64-bit; runs and the store take the same range


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Frozen):
    """Where a value comes from: a citation, its URL where there is one, dates and the supporting quote."""

    id: Id
    citation: str = Field(min_length=1)
    url: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None
    quote: str | None = None
    offsets: tuple[WholeNumber, WholeNumber] | None = Field(
        default=None, description="character offsets [start, end) of `quote` in the cited text (drafted items)")
    reliability: str | None = Field(default=None, description="e.g. A = primary, B = reputable report, C = weak")


class ItemStatus(StrEnum):
    """Whether a person has reviewed an item. Drafted items (`realpolitik.draft`) are ``draft`` until accepted;
    an item without a status is reviewed. Forecasting refuses a scenario with draft items."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


class ActorKind(StrEnum):
    """What sort of actor this is."""

    STATE = "state"
    LEADER = "leader"
    BLOC = "bloc"
    ORGANISATION = "organisation"
    FACTION = "faction"
    ARMED_GROUP = "armed_group"


class CapabilityComponent(_Frozen):
    """One measured ingredient of an actor's capability (CINC, GDP, military spending, personnel, ...)."""

    name: str = Field(min_length=1)
    value: Number
    unit: str = Field(min_length=1, description="e.g. 'share of world', 'current US$ bn', 'thousand personnel'")
    year: WholeNumber | None = None
    source: str | None = None



class Location(_Frozen):
    """A point on the globe in decimal degrees (e.g. an actor's capital), used for distances between actors."""

    lat: float = Field(ge=-90, le=90, description="latitude, decimal degrees north")
    lon: float = Field(ge=-180, le=180, description="longitude, decimal degrees east")
    name: str | None = None


class Actor(_Frozen):
    """A player in the contest with its relative capability (≥ 0, only ratios matter)."""

    id: Id
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.STATE
    capability: Number | None = Field(default=None, ge=0, description="required unless the actor is a draft")
    capability_measure: str | None = Field(default=None, description="what `capability` is and why")
    components: tuple[CapabilityComponent, ...] = ()
    capital: Location | None = Field(default=None, description="where the actor's power is projected from; "
                                     "distances for the loss-of-strength gradient (model wartrap)")
    notes: str | None = None
    sources: tuple[str, ...] = ()
    capability_spread: Spread | None = Field(default=None, description="how uncertain the capability is")
    status: ItemStatus | None = Field(default=None, description="draft | reviewed (default: reviewed)")

    @model_validator(mode="after")
    def _spread_fits(self) -> Actor:
        if self.capability is None and self.status != ItemStatus.DRAFT:
            raise ValueError("required key 'capability' is missing. Fix: add capability = ... (only a draft actor, "
                             "status = \"draft\", may leave it out)")
        _check_spread(self.capability_spread, "capability")
        return self


class DecisionRule(StrEnum):
    """How the issue is settled in reality; models may use it (e.g. majority rule → median voter)."""

    BARGAINING = "bargaining"
    MAJORITY = "majority"
    QUALIFIED_MAJORITY = "qualified_majority"
    UNANIMITY = "unanimity"
    FORCE = "force"


class Issue(_Frozen):
    """A contested question on a 0-100 scale whose two ends are labelled."""

    id: Id
    name: str = Field(min_length=1)
    low: str = Field(min_length=1, description="what position 0 means")
    high: str = Field(min_length=1, description="what position 100 means")
    status_quo: Number | None = Field(default=None, ge=0, le=100)
    decision_rule: DecisionRule = DecisionRule.BARGAINING
    description: str | None = None


class Stance(_Frozen):
    """An actor's position (0-100) and salience (0-1) on one issue, with why and from where."""

    actor: Id
    issue: Id
    position: Number = Field(ge=0, le=100)
    salience: Number = Field(ge=0, le=1)
    justification: str | None = None
    source: str | None = None
    position_spread: Spread | None = Field(default=None, description="how uncertain the position is")
    salience_spread: Spread | None = Field(default=None, description="how uncertain the salience is")
    status: ItemStatus | None = Field(default=None, description="draft | reviewed (default: reviewed)")

    @model_validator(mode="after")
    def _spreads_fit(self) -> Stance:
        _check_spread(self.position_spread, "position")
        _check_spread(self.salience_spread, "salience")
        return self


def _check_spread(spread: Spread | None, field: str) -> None:
    problem = spread.check_field(field) if spread is not None else None
    if problem:
        raise ValueError(f"{field}_spread: {problem}")


class RelationKind(StrEnum):
    """The typed ties between actors."""

    DEFENCE_PACT = "defence_pact"
    ALLIANCE = "alliance"
    ETHNIC_TIE = "ethnic_tie"
    RELIGIOUS_TIE = "religious_tie"
    ARMS_SUPPLIER = "arms_supplier"
    BASING = "basing"
    HOSTILITY = "hostility"
    INFLUENCE = "influence"
    ECONOMIC_DEPENDENCY = "economic_dependency"
    SANCTIONS = "sanctions"
    MEDIATION = "mediation"


class Relation(_Frozen):
    """A tie from `source_actor` to `target` (directed) or between them (undirected).

    For ``arms_supplier`` the direction is supplier → recipient and `share` is the supplier's share (0-1) of
    the recipient's arms imports; for ``basing`` it is the basing state → host; for ``influence`` lobby → lobbied
    (a lobby is coded as ``influence``); for ``economic_dependency`` dependent → provider; for ``sanctions``
    sanctioning → sanctioned; for ``mediation`` mediator → party.
    """

    kind: RelationKind
    source_actor: Id = Field(alias="from")
    target: Id = Field(alias="to")
    directed: bool = True
    strength: Number = Field(default=1.0, ge=0, le=1)
    share: Number | None = Field(default=None, ge=0, le=1)
    note: str | None = None
    source: str | None = None
    status: ItemStatus | None = Field(default=None, description="draft | reviewed (default: reviewed)")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class Quantity(_Frozen):
    """A number a source states (troops, tanks, GDP ...): value, unit, the actor holding it and where."""

    id: Id
    value: Number
    unit: str = Field(min_length=1)
    holder: Id | None = Field(default=None, description="the actor the quantity belongs to")
    what: str | None = None
    where: str | None = Field(default=None, description="the place (an actor id or a name)")
    source: str | None = None
    status: ItemStatus | None = Field(default=None, description="draft | reviewed (default: reviewed)")


class StanceCue(_Frozen):
    """A drafted suggestion for a stance: an actor for or against an outcome, with ranges, not final numbers.

    Review turns a cue into a `Stance` on an issue (`realpolitik.draft.review.set_stance`) or rejects it.
    """

    id: Id
    actor: Id
    about: str = Field(min_length=1, description="the outcome the actor is for or against, in the text's words")
    direction: str = Field(pattern=r"^(for|against|neutral)$")
    position_range: tuple[Number, Number] = Field(description="suggested position range on a 0-100 scale whose "
                                                  "100 end is the outcome `about`")
    salience_range: tuple[Number, Number]
    source: str | None = None
    status: ItemStatus | None = Field(default=None, description="draft | reviewed (default: reviewed)")


class IdealAdjustment(_Frozen):
    """One entry A[actor, toward] of an accommodation (ideal-adjustment) matrix, as in KTAB's SMP.

    After each turn an actor's ideal point becomes Σ_j A[actor, j]·position_j + (1 − min(1, Σ_j A[actor, j]))·ideal.
    Entries override the identity matrix (every actor's ideal follows its own position), so an actor with no
    entry keeps A[actor, actor] = 1. `weight` is 0-1; `toward` may be the actor itself.
    """

    actor: Id
    toward: Id
    weight: Number = Field(ge=0, le=1)


class IssueLink(_Frozen):
    """A named group of linked issues: issues a multi-issue model may trade against each other (model exchange).

    Without any group, every issue of the scenario is linked with every other."""

    id: Id
    issues: tuple[Id, ...] = Field(min_length=2, description="the ids of two or more issues")
    note: str | None = None


ParamValue = Annotated[Annotated[str, Strict()] | Annotated[bool, Strict()] | Annotated[int, Strict()]
                       | Annotated[float, Strict()], Field(union_mode="left_to_right")]
"""A model parameter's value as a scenario file can write it: text, true/false or a number, each kept as written
(strict: ``1`` stays the whole number 1, never ``true``; the model's parameter types are checked when it is built)."""


class IssueArrays(BaseModel):
    """The actors with a stance on one issue, as aligned NumPy arrays (what models compute on)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    issue: str
    actors: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    status_quo: float | None


class Scenario(_Frozen):
    """A complete, validated scenario. Build with `Scenario.model_validate(data)` or a loader."""

    id: Id
    title: str = Field(min_length=1)
    version: str = "1"
    as_of: dt.date | None = None
    description: str | None = None
    seed: WholeNumber = Field(default=0, ge=0, le=MAX_SEED, description="seed for models that draw random numbers "
                              "(0 to 2^64 - 1, KTAB's range)")
    status: ItemStatus | None = Field(default=None, description="draft: a drafted scenario, which may lack issues "
                                      "and stances until reviewed (default: reviewed)")
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()  # required in effect: the cross-reference checks report an empty list
    issues: tuple[Issue, ...] = ()  # required in effect: an empty list is an error except in a draft
    stances: tuple[Stance, ...] = ()
    relations: tuple[Relation, ...] = ()
    ideal_adjustment: tuple[IdealAdjustment, ...] = Field(
        default=(), description="accommodation-matrix entries for models with moving ideal points (KTAB's SMP)")
    quantities: tuple[Quantity, ...] = Field(default=(), description="numbers the sources state, with holders")
    stance_cues: tuple[StanceCue, ...] = Field(default=(), description="drafted stance suggestions to review")
    uncertainty: UncertaintyDefaults | None = Field(default=None, description="scenario-wide input spreads")
    issue_links: tuple[IssueLink, ...] = Field(
        default=(), description="named groups of linked issues that can be traded (model exchange); none: all")
    model_params: dict[Id, dict[str, ParamValue]] = Field(
        default_factory=dict, description="per-model parameter defaults for this scenario, e.g. {smp = {pce_model = "
        "\"MarkovIncentive\"}}: used when that model runs on the scenario unless a parameter is set explicitly")

    @model_validator(mode="before")
    @classmethod
    def _storable_text(cls, data: Any) -> Any:
        problems = text_problems(data) if isinstance(data, dict) else []
        if problems:
            raise ScenarioError(problems)
        return data

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        check_references(self)
        return self

    # -- look-ups -------------------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with this id (`KeyError` if absent)."""
        return self._actor_index[actor_id]

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with this id (`KeyError` if absent)."""
        return self._issue_index[issue_id]

    def source(self, source_id: str) -> Source:
        """Return the source with this id (`KeyError` if absent)."""
        return self._source_index[source_id]

    def stances_on(self, issue_id: str) -> tuple[Stance, ...]:
        """Return the stances on one issue, in the scenario's actor order."""
        order = {a.id: k for k, a in enumerate(self.actors)}
        return tuple(sorted((s for s in self.stances if s.issue == issue_id), key=lambda s: order[s.actor]))

    def arrays(self, issue_id: str) -> IssueArrays:
        """Return capability, position (0-100) and salience (0-1) arrays of the actors on one issue."""
        stances = self.stances_on(issue_id)
        return IssueArrays(
            issue=issue_id,
            actors=tuple(s.actor for s in stances),
            capability=np.array([self.actor(s.actor).capability for s in stances], dtype=float),
            position=np.array([s.position for s in stances], dtype=float),
            salience=np.array([s.salience for s in stances], dtype=float),
            status_quo=self.issue(issue_id).status_quo,
        )

    def __repr__(self) -> str:
        return (f"Scenario(id={self.id!r}, title={self.title!r}, version={self.version!r}, "
                f"{len(self.actors)} actors, {len(self.issues)} issues, {len(self.stances)} stances, "
                f"{len(self.relations)} relations)")

    def _repr_html_(self) -> str:
        """Return the scenario as compact HTML tables (notebooks): actors with capability and, per issue, their
        position and salience; the issues with their scales and status quo."""
        from realpolitik.display import html_block, number, table

        by_pair = {(s.actor, s.issue): s for s in self.stances}
        issues = [i.id for i in self.issues]
        actors = table(["actor", "name", "kind", "capability", *[f"{i} position · salience" for i in issues]],
                       [[a.id, a.name, a.kind.value, a.capability,
                         *[f"{number(s.position)} · {s.salience:.2f}" if (s := by_pair.get((a.id, i))) else "—"
                           for i in issues]] for a in self.actors], "Actors")
        scales = table(["issue", "name", "0 means", "100 means", "status quo", "decision rule"],
                       [[i.id, i.name, i.low, i.high, i.status_quo, i.decision_rule.value] for i in self.issues],
                       "Issues")
        lines = [f"id {self.id}, version {self.version}" + (f", as of {self.as_of}" if self.as_of else "")
                 + f": {len(self.actors)} actors, {len(self.issues)} issues, {len(self.stances)} stances, "
                 f"{len(self.relations)} relations" + (" (draft)" if self.status == ItemStatus.DRAFT else "")]
        return html_block(self.title, lines, [actors, scales])

    def to_polars(self, table: str = "stances") -> Any:
        """Return a tidy Polars frame of ``"actors"``, ``"issues"``, ``"stances"`` or ``"relations"``, one row
        per item (docs/frames.md)."""
        from realpolitik.scenario.frames import scenario_frame

        return scenario_frame(self, table)

    def to_pandas(self, table: str = "stances") -> Any:
        """Return `to_polars(table)` as a pandas DataFrame (needs the ``pandas`` extra)."""
        from realpolitik.tabular import to_pandas

        return to_pandas(self.to_polars(table), "Scenario")

    def fingerprint(self) -> str:
        """Return a SHA-256 of the scenario's canonical JSON: equal content, equal fingerprint."""
        document = _without_unset_status(self.model_dump(mode="json", by_alias=True,
                                                         exclude=self.empty_optional_blocks()))
        text = json.dumps(document, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def empty_optional_blocks(self) -> set[str]:
        """Return the names of optional blocks that are empty and left out of documents and fingerprints (so a
        scenario written before the block existed keeps its fingerprint)."""
        optional = ("model_params", "quantities", "stance_cues", "issue_links")
        empty = {name for name in optional if not getattr(self, name)}
        return empty | ({"status"} if self.status is None else set())

    @cached_property
    def _actor_index(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def _issue_index(self) -> dict[str, Issue]:
        return {i.id: i for i in self.issues}

    @cached_property
    def _source_index(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


_LATER_FIELDS = ("status", "offsets")


def _without_unset_status(value):
    # Unset fields added with drafting (status: reviewed; source offsets) are left out, so scenarios written before
    # they existed keep their fingerprints.
    if isinstance(value, dict):
        return {k: _without_unset_status(v) for k, v in value.items() if not (k in _LATER_FIELDS and v is None)}
    if isinstance(value, list):
        return [_without_unset_status(v) for v in value]
    return value
