"""Cross-reference checks on a scenario: things a single field cannot know (ids, references, coverage).

Each check yields `Problem`s; `check_references` raises one `ScenarioError` listing all of them.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeGuard

from realpolitik.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from realpolitik.scenario.model import Scenario


def suggest(name: str, known: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest known name, or an empty string."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_references(scenario: Scenario) -> None:
    """Raise `ScenarioError` listing every cross-reference problem in `scenario`; return if there are none."""
    problems = [
        *_empty(scenario),
        *_duplicates(scenario),
        *_stance_refs(scenario),
        *_coverage(scenario),
        *_relation_refs(scenario),
        *_source_refs(scenario),
        *_adjustment_refs(scenario),
        *_model_params(scenario),
        *_draft_refs(scenario),
        *_issue_links(scenario),
    ]
    if problems:
        raise ScenarioError(problems)


def _empty(s: Scenario) -> Iterator[Problem]:
    if s.status == "draft":  # a draft may lack issues and stances; needs_review lists them
        return
    for section, items, fix in (
        ("actors", s.actors, "add at least one [[actors]] entry with an id, a name and a capability"),
        ("issues", s.issues, "add at least one [[issues]] entry with an id, a name and the meaning of 0 and 100"),
        ("stances", s.stances, "add [[stances]] entries giving each actor's position and salience on an issue"),
    ):
        if not items:
            yield Problem((section,), f"the scenario has no {section}", fix)


def _duplicates(s: Scenario) -> Iterator[Problem]:
    for section, items in (("actors", s.actors), ("issues", s.issues), ("sources", s.sources)):
        counts = Counter(item.id for item in items)
        for k, item in enumerate(items):
            if counts[item.id] > 1:
                first = next(j for j, other in enumerate(items) if other.id == item.id)
                if k != first:
                    yield Problem((section, k, "id"), f"duplicate id {item.id!r} (first used at {section}[{first}])",
                                  "give each entry its own id, or merge the two entries", subject=item.id)
    seen: dict[tuple[str, str], int] = {}
    for k, st in enumerate(s.stances):
        key = (st.actor, st.issue)
        if key in seen:
            yield Problem((("stances", k)), f"a second stance for actor {st.actor!r} on issue {st.issue!r} "
                          f"(first at stances[{seen[key]}])", "keep one stance per actor and issue",
                          subject=f"actor {st.actor}, issue {st.issue}")
        else:
            seen[key] = k


def _stance_refs(s: Scenario) -> Iterator[Problem]:
    actors = {a.id for a in s.actors}
    issues = {i.id for i in s.issues}
    for k, st in enumerate(s.stances):
        if st.actor not in actors:
            yield Problem(("stances", k, "actor"), f"unknown actor {st.actor!r}{suggest(st.actor, actors)}",
                          "use the id of an actor defined under [[actors]], or add that actor",
                          subject=f"issue {st.issue}")
        if st.issue not in issues:
            yield Problem(("stances", k, "issue"), f"unknown issue {st.issue!r}{suggest(st.issue, issues)}",
                          "use the id of an issue defined under [[issues]], or add that issue",
                          subject=f"actor {st.actor}")


def _coverage(s: Scenario) -> Iterator[Problem]:
    covered = {st.issue for st in s.stances}
    for k, issue in enumerate(s.issues):
        if s.stances and issue.id not in covered and s.status != "draft":
            yield Problem(("issues", k), "no actor has a stance on this issue",
                          "add [[stances]] for this issue, or remove the issue", subject=f"issue {issue.id}")


def _relation_refs(s: Scenario) -> Iterator[Problem]:
    actors = {a.id for a in s.actors}
    for k, rel in enumerate(s.relations):
        for field, actor in (("from", rel.source_actor), ("to", rel.target)):
            if actor not in actors:
                yield Problem(("relations", k, field), f"unknown actor {actor!r}{suggest(actor, actors)}",
                              "use the id of an actor defined under [[actors]], or add that actor",
                              subject=f"{rel.kind} relation")
        if rel.source_actor == rel.target:
            yield Problem(("relations", k), f"a {rel.kind} relation from {rel.source_actor!r} to itself",
                          "a relation links two different actors", subject=rel.source_actor)
        if rel.share is not None and rel.kind != "arms_supplier":
            yield Problem(("relations", k, "share"), f"'share' is only defined for arms_supplier, not {rel.kind}",
                          "remove 'share', or set kind = \"arms_supplier\"", subject=rel.source_actor)


def _source_refs(s: Scenario) -> Iterator[Problem]:
    from realpolitik.scenario.model import Stance  # at call time: the model module imports this one

    known = {src.id for src in s.sources}
    fix = "add a [[sources]] entry with this id, or correct the reference"

    def bad(ref: str | None) -> TypeGuard[str]:
        return ref is not None and ref not in known

    for k, actor in enumerate(s.actors):
        for j, ref in enumerate(actor.sources):
            if bad(ref):
                yield Problem(("actors", k, "sources", j), f"unknown source {ref!r}{suggest(ref, known)}", fix,
                              subject=f"actor {actor.id}")
        for j, comp in enumerate(actor.components):
            if bad(comp.source):
                yield Problem(("actors", k, "components", j, "source"),
                              f"unknown source {comp.source!r}{suggest(comp.source, known)}", fix,
                              subject=f"actor {actor.id}")
    for section, items in (("stances", s.stances), ("relations", s.relations), ("quantities", s.quantities),
                           ("stance_cues", s.stance_cues)):
        for k, item in enumerate(items):
            if bad(item.source):
                subject = f"actor {item.actor}, issue {item.issue}" if isinstance(item, Stance) else ""
                yield Problem((section, k, "source"), f"unknown source {item.source!r}{suggest(item.source, known)}",
                              fix, subject=subject)


def _adjustment_refs(s: Scenario) -> Iterator[Problem]:
    actors = {a.id for a in s.actors}
    seen: dict[tuple[str, str], int] = {}
    for k, entry in enumerate(s.ideal_adjustment):
        for field, actor in (("actor", entry.actor), ("toward", entry.toward)):
            if actor not in actors:
                yield Problem(("ideal_adjustment", k, field), f"unknown actor {actor!r}{suggest(actor, actors)}",
                              "use the id of an actor defined under [[actors]], or add that actor")
        key = (entry.actor, entry.toward)
        if key in seen:
            yield Problem(("ideal_adjustment", k), f"a second entry for {entry.actor!r} toward {entry.toward!r} "
                          f"(first at ideal_adjustment[{seen[key]}])", "keep one entry per pair of actors",
                          subject=entry.actor)
        else:
            seen[key] = k


def _issue_links(s: Scenario) -> Iterator[Problem]:
    issues = {i.id for i in s.issues}
    names: dict[str, int] = {}
    for k, group in enumerate(s.issue_links):
        if group.id in names:
            yield Problem(("issue_links", k, "id"), f"duplicate id {group.id!r} (first used at "
                          f"issue_links[{names[group.id]}])", "give each group its own id", subject=group.id)
        names.setdefault(group.id, k)
        for j, issue in enumerate(group.issues):
            if issue not in issues:
                yield Problem(("issue_links", k, "issues", j), f"unknown issue {issue!r}{suggest(issue, issues)}",
                              "use the id of an issue defined under [[issues]]", subject=group.id)
            elif issue in group.issues[:j]:
                yield Problem(("issue_links", k, "issues", j), f"issue {issue!r} is listed twice",
                              "list each issue of a group once", subject=group.id)


def _model_params(s: Scenario) -> Iterator[Problem]:
    if not s.model_params:
        return
    from realpolitik.models.registry import available  # the registry knows the models' parameters

    models = available()
    for name, params in s.model_params.items():
        if name not in models:
            yield Problem(("model_params", name), f"unknown model {name!r}{suggest(name, models)}",
                          f"use one of {', '.join(models)} (see `realpolitik models`), or remove this block")
            continue
        specs = {spec.name: spec for spec in models[name].param_specs()}
        for key, value in params.items():
            spec = specs.get(key)
            if spec is None:
                yield Problem(("model_params", name, key), f"model {name!r} has no parameter {key!r}"
                              f"{suggest(key, specs)}", f"use one of {', '.join(specs) or '(none)'}, or remove it")
            elif spec.choices is not None and value not in spec.choices:
                yield Problem(("model_params", name, key), f"{value!r} is not a value of {name}.{key}",
                              f"use one of {', '.join(map(repr, spec.choices))}")


def _draft_refs(s: Scenario) -> Iterator[Problem]:
    actors = {a.id for a in s.actors}
    fix = "use the id of an actor defined under [[actors]], or add that actor"
    for k, q in enumerate(s.quantities):
        if q.holder is not None and q.holder not in actors:
            yield Problem(("quantities", k, "holder"), f"unknown actor {q.holder!r}{suggest(q.holder, actors)}", fix)
    for k, cue in enumerate(s.stance_cues):
        if cue.actor not in actors:
            yield Problem(("stance_cues", k, "actor"), f"unknown actor {cue.actor!r}{suggest(cue.actor, actors)}", fix)
    for section, items in (("quantities", s.quantities), ("stance_cues", s.stance_cues)):
        counts = Counter(item.id for item in items)
        for k, item in enumerate(items):
            if counts[item.id] > 1 and next(j for j, o in enumerate(items) if o.id == item.id) != k:
                yield Problem((section, k, "id"), f"duplicate id {item.id!r}", "give each entry its own id")


def needs_review(scenario: Scenario) -> list[Problem]:
    """Return what still needs a person before `scenario` can be forecast: draft items (actors, relations,
    quantities, stances, stance cues), actors without a capability, a scenario without issues or stances, issues
    without positions. An empty list means the scenario is ready; validation errors are raised at load instead."""
    s = scenario
    todo: list[Problem] = []
    if s.status == "draft":
        todo.append(Problem(("status",), "the scenario is a draft",
                            "review its items, then save it as a normal scenario (realpolitik.draft.review.save)"))
    for section, items in (("actors", s.actors), ("relations", s.relations), ("stances", s.stances),
                           ("quantities", s.quantities), ("stance_cues", s.stance_cues)):
        for k, item in enumerate(items):
            if item.status == "draft":
                todo.append(Problem((section, k), f"draft {_singular(section)} {_label(item)} is not "
                                    "reviewed", "accept, edit or reject it (realpolitik.draft.review)",
                                    subject=_label(item)))
    for k, actor in enumerate(s.actors):
        if actor.capability is None:
            todo.append(Problem(("actors", k, "capability"), f"actor {actor.id} has no capability",
                                "set capability (e.g. a CINC score or GDP) when accepting the actor", subject=actor.id))
    if not s.issues:
        todo.append(Problem(("issues",), "the scenario has no issues",
                            "add an issue with its 0 and 100 ends (realpolitik.draft.review.add_issue)"))
    covered = {st.issue for st in s.stances}
    for k, issue in enumerate(s.issues):
        if issue.id not in covered:
            todo.append(Problem(("issues", k), f"issue {issue.id} has no positions",
                                "give actors a position and salience on it (realpolitik.draft.review.set_stance)",
                                subject=f"issue {issue.id}"))
    return todo


def _label(item) -> str:
    if hasattr(item, "source_actor"):
        return f"{item.kind} {item.source_actor} -> {item.target}"
    if hasattr(item, "issue"):
        return f"{item.actor} on {item.issue}"
    if hasattr(item, "direction"):
        return f"{item.id} ({item.actor} {item.direction} {item.about!r})"
    return str(getattr(item, "id", item))


def _plainly_reviewed(s: Scenario) -> bool:
    if s.status == "draft" or any(a.capability is None or a.status == "draft" for a in s.actors):
        return False
    return not any(item.status == "draft" for items in (s.relations, s.stances, s.quantities, s.stance_cues)
                   for item in items)


def require_reviewed(scenario: Scenario) -> None:
    """Raise `ScenarioError` if `scenario` still has draft or unreviewed items (see `needs_review`); every
    forecast path calls this before a model runs."""
    todo = needs_review(scenario)
    if todo:
        raise UnreviewedScenarioError(todo, scenario.id)


class UnreviewedScenarioError(ScenarioError):
    """A forecast was asked of a scenario that still has draft or unreviewed items."""

    def _message(self) -> str:
        lines = [f"scenario {self.file!r} cannot be forecast: {len(self.problems)} item(s) still need a person. "
                 "Fix: review the draft (realpolitik.draft.review: accept, edit or reject each item, add issues and "
                 "positions) and save it as a normal scenario"]
        lines += [f"  - {p.describe(None)}" for p in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"  ... and {len(self.problems) - 20} more")
        return "\n".join(lines)


def text_problems(data: Any) -> list[Problem]:
    """Return a problem for each text (key or value) no database or file can hold: NUL characters (PostgreSQL
    refuses them) and lone surrogates (not UTF-8). Walks the document without recursion."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack and len(problems) < 20:
        loc, value = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in items:
            texts = [key, child] if isinstance(key, str) else [child]
            for text in (t for t in texts if isinstance(t, str)):
                if "\x00" in text:
                    problems.append(Problem((*loc, key), "the text contains a NUL character (\\u0000)",
                                            "remove the NUL character"))
                elif not text.isascii() and _has_surrogate(text):
                    problems.append(Problem((*loc, key), "the text contains an unpaired surrogate (not UTF-8)",
                                            "write the character itself, or a valid \\uXXXX\\uXXXX pair"))
            if isinstance(child, dict | list):
                stack.append(((*loc, key), child))
    return problems


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _singular(section: str) -> str:
    """"quantities" → "quantity", "stance_cues" → "stance cue"."""
    word = section.replace("_", " ")
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]
