"""Import and export of KTAB's SMP scenario files: the CSV table and the XML scenario (``smpSchema.xsd``).

KTAB (KAPSARC Toolkit for Behavioral Analysis, MIT licence) stores a Spatial Model of Politics scenario as
- CSV: row 1 ``name, description, numActors, numDims``; row 2 the header ``Actor, Description,
  Power|Influence, <dim 1 name>, <salience 1>, ...`` (dimension names are the position-column headers); then one
  row per actor ``name, description, capability, position_1, salience_1, ...`` with positions and saliences on
  0-100 and each actor's saliences summing to at most 100. Trailing commas and surrounding quotes are allowed.
- XML: ``Scenario/{name, desc, prngSeed, ModelParameters?, Dimensions/dName+, Actors/Actor{name, description,
  capability, Position/dCoord*, Salience/dSal*}, IdealAdjustment/iaPair{adjustingIdeal, referencePos, adjust}*}``.

Each dimension becomes an issue (positions 0-100, saliences divided by 100), each KTAB actor an actor whose id is a
slug of its name (its description goes to `notes`), the XML accommodation pairs become `ideal_adjustment` and the
XML ``ModelParameters`` become ``model_params["smp"]``. Where
KTAB's shipped files break KTAB itself we say so: an empty ``dCoord`` (upstream ``smpExample.xml``) is an error
naming the element and line; a missing ``IdealAdjustment`` block (upstream ``dummyData_3Dim.xml``, where KTAB
throws) means the identity matrix, as for CSV. The xsd's spellings ``Proportional`` and ``No`` are accepted for
KTAB's ``Prop`` and ``None``. A CSV has no seed, so the scenario gets KTAB's default seed.
"""

from __future__ import annotations

import csv
import io
import math
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from realpolitik.errors import Problem, RealpolitikError, ScenarioError
from realpolitik.scenario.csv_table import slug
from realpolitik.scenario.errors_map import problems_from
from realpolitik.scenario.limits import (
    MAX_ACTORS,
    MAX_DEPTH,
    MAX_DIMENSIONS,
    MAX_XML_ELEMENTS,
    check_size,
    csv_rows,
    whole_count,
)
from realpolitik.scenario.model import Scenario

KTAB_DEFAULT_SEED = 0xD67CC16FE69C185C  # 15455440707583219804, KTAB's default PRNG seed
MAX_NAME = 25  # KTAB's limit on actor names
XML_PARAMETERS = {  # KTAB's XML element → SMP model parameter
    "VictoryProbModel": "victory_prob_model",
    "PCEModel": "pce_model",
    "StateTransitions": "state_transitions",
    "VotingRule": "voting_rule",
    "BigRAdjust": "big_r_adjust",
    "BigRRange": "big_r_range",
    "ThirdPartyCommit": "third_party_commit",
    "InterVecBrgn": "inter_vec_brgn",
    "BargnModel": "bargn_model",
}
XSD_SPELLINGS = {"Proportional": "Prop", "No": "None"}  # the schema's names for what the code calls Prop, None


def looks_like_ktab_csv(text: str) -> bool:
    """Return True if `text` has KTAB's CSV shape: a header row 2 starting ``Actor, Description``."""
    try:
        rows = list(csv.reader(io.StringIO("\n".join(text.splitlines()[:2]))))
    except csv.Error:  # e.g. a cell over the csv module's size limit: not KTAB's layout
        return False
    return len(rows) == 2 and [c.strip().lower() for c in rows[1][:2]] == ["actor", "description"]


def load_ktab_csv(path: str | Path) -> Scenario:
    """Return the `Scenario` in a KTAB SMP CSV file; raise `ScenarioError` naming the line and the fix."""
    path = Path(path)
    return parse_ktab_csv(_read(path), str(path), path.stem)


def load_ktab_xml(path: str | Path) -> Scenario:
    """Return the `Scenario` in a KTAB SMP XML file; raise `ScenarioError` naming the element, line and fix.

    The file's ``ModelParameters`` become the scenario's ``model_params["smp"]`` (defaults of the ``smp`` model
    when it runs on this scenario; explicit parameters override them).
    """
    path = Path(path)
    return parse_ktab_xml(_read(path), str(path), path.stem)


def ktab_xml_parameters(path: str | Path) -> dict[str, str]:
    """Return the SMP model parameters set in a KTAB XML file's ``ModelParameters`` (by our parameter names)."""
    path = Path(path)
    return _xml_parameters(_parse_xml(_read(path), str(path)), str(path))


def _xml_parameters(root: _Node, file: str) -> dict[str, str]:
    block = root.child("ModelParameters")
    if block is None:
        return {}
    out = {}
    for node in block.children:
        if node.tag not in XML_PARAMETERS:
            raise _error(file, node, f"unknown model parameter <{node.tag}>",
                         f"use one of {', '.join(XML_PARAMETERS)}")
        out[XML_PARAMETERS[node.tag]] = XSD_SPELLINGS.get(node.text, node.text)
    return out


def _read(path: Path) -> str:
    if not path.is_file():
        raise RealpolitikError(f"{path}: no such KTAB scenario file. Fix: check the path")
    check_size(path.stat().st_size, str(path))
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RealpolitikError(f"{path}: not UTF-8 text (byte {exc.start}). Fix: save the file as UTF-8") from None


# -- CSV ---------------------------------------------------------------------------------------------------------


def parse_ktab_csv(text: str, file: str = "<ktab csv>", fallback_name: str = "ktab-scenario") -> Scenario:
    """Return the `Scenario` in KTAB SMP CSV `text` (see the module docstring for the layout)."""
    rows = [[cell.strip('"') for cell in row] for row in csv_rows(text, file)]
    problems: list[Problem] = []

    def fail(line: int, what: str, fix: str) -> ScenarioError:
        return ScenarioError([Problem((), what, fix, line=line)], file)

    if len(rows) < 2:
        raise fail(1, "a KTAB CSV needs a scenario row and a header row", "start from KTAB's example layout: "
                   "'name, description, numActors, numDims' then 'Actor, Description, Influence, <dim>, <sal>, ...'")
    head = rows[0] + [""] * 4
    n_actors = whole_count(head[2], "actors (row 1, column 3)", MAX_ACTORS, file, 1)
    n_dims = whole_count(head[3], "dimensions (row 1, column 4)", MAX_DIMENSIONS, file, 1)
    header = rows[1]
    width = 3 + 2 * n_dims
    if len([c for c in header if c.strip()]) < width:
        raise fail(2, f"the header has fewer than the {width} columns that {n_dims} dimensions need",
                   "list Actor, Description, Influence, then a position and a salience column per dimension")
    dims = [header[3 + 2 * k].strip() for k in range(n_dims)]
    body = [(line, row) for line, row in enumerate(rows[2:], start=3) if any(c.strip() for c in row)]
    if len(body) != n_actors:
        raise fail(1, f"row 1 declares {n_actors} actors but the file has {len(body)} actor rows",
                   "correct numActors in row 1, or add/remove actor rows")
    actors, stances = [], []
    ids: set[str] = set()
    issue_ids = _unique_ids(dims, "dim")
    for line, row in body:
        if len(row) < width or any(not row[c].strip() for c in range(width) if c != 1):
            problems.append(Problem((), f"the row has fewer than the {width} values that {n_dims} dimensions need",
                                    "give name, description, capability, then position and salience per "
                                    "dimension", line=line))
            continue
        name = row[0].strip()
        values = []
        for c in range(2, width):
            try:
                values.append(float(row[c]))
            except ValueError:
                problems.append(Problem((), f"column {c + 1} {row[c].strip()!r} is not a number",
                                        "write capabilities, positions and saliences as plain numbers",
                                        subject=name, line=line))
                break
        else:
            if not all(math.isfinite(v) for v in values):
                problems.append(Problem((), "a value is not finite", "use finite numbers", subject=name, line=line))
                continue
            saliences = values[2::2]
            if sum(saliences) > 100.0 + 1e-9:
                problems.append(Problem((), f"the saliences sum to {sum(saliences):g}, more than 100",
                                        "scale this actor's saliences so they sum to at most 100",
                                        subject=name, line=line))
                continue
            actor_id = _unique(slug(name), ids)
            actors.append({"id": actor_id, "name": name or actor_id, "capability": values[0],
                           **({"notes": row[1].strip()} if row[1].strip() else {})})
            for k in range(n_dims):
                stances.append({"actor": actor_id, "issue": issue_ids[k], "position": values[1 + 2 * k],
                                "salience": values[2 + 2 * k] / 100.0})
    if problems:
        raise ScenarioError(problems, file)
    title = head[0].strip() or fallback_name
    data = {"id": slug(title), "title": title, "seed": KTAB_DEFAULT_SEED,
            **({"description": head[1].strip()} if head[1].strip() else {}),
            "actors": actors, "issues": [_issue(i, d) for i, d in zip(issue_ids, dims, strict=True)],
            "stances": stances}
    return _validate(data, file)


def _issue(issue_id: str, name: str) -> dict[str, str]:
    return {"id": issue_id, "name": name or issue_id, "low": "0 on KTAB's scale", "high": "100 on KTAB's scale"}


def _unique(base: str, taken: set[str]) -> str:
    out, k = base, 2
    while out in taken:
        out = f"{base[:60]}-{k}"
        k += 1
    taken.add(out)
    return out


def _unique_ids(names: list[str], fallback: str) -> list[str]:
    taken: set[str] = set()
    return [_unique(slug(n) if n else f"{fallback}{k}", taken) for k, n in enumerate(names)]


def _validate(data: dict[str, Any], file: str) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from(exc, data), file) from None
    except ScenarioError as exc:
        raise exc.located(file) from None


# -- XML ---------------------------------------------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    line: int
    text: str = ""
    children: list[_Node] = field(default_factory=list)
    path: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # children per tag, for the paths of new children
    parts: list[str] = field(default_factory=list)  # character data, joined into `text` at the end tag

    def child(self, tag: str) -> _Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]


def _parse_xml(text: str, file: str) -> _Node:
    check_size(len(text.encode("utf-8", "surrogatepass")), file)
    parser = xml.parsers.expat.ParserCreate()
    stack: list[_Node] = []
    root: list[_Node] = []
    count = [0]

    def start(tag: str, attrs: dict[str, str]) -> None:
        count[0] += 1
        if count[0] > MAX_XML_ELEMENTS:
            raise ScenarioError([Problem((), f"the file has more than {MAX_XML_ELEMENTS:,} elements",
                                         "split the scenario (KTAB's scenarios have a few thousand)",
                                         line=parser.CurrentLineNumber)], file)
        if len(stack) >= MAX_DEPTH:
            raise ScenarioError([Problem((), f"elements are nested more than {MAX_DEPTH} deep", "use KTAB's "
                                         "smpSchema.xsd layout (a scenario is 4 levels deep)",
                                         line=parser.CurrentLineNumber)], file)
        node = _Node(tag[:200], parser.CurrentLineNumber)
        if stack:
            parent = stack[-1]
            parent.counts[tag] = parent.counts.get(tag, 0) + 1
            node.path = f"{parent.path}/{node.tag}[{parent.counts[tag]}]"
            parent.children.append(node)
        else:
            node.path = tag
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        node = stack.pop()
        node.text = "".join(node.parts).strip()
        node.parts.clear()

    def chars(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        raise ScenarioError([Problem((), f"malformed XML: {xml.parsers.expat.errors.messages[exc.code]}",
                                     "correct the XML syntax at that line", line=exc.lineno)], file) from None
    if not root or root[0].tag != "Scenario":
        raise ScenarioError([Problem((), "the root element is not <Scenario>", "use KTAB's smpSchema.xsd layout "
                                     "(an Excel 'XML Spreadsheet' export is not a scenario)", line=1)], file)
    return root[0]


def _error(file: str, node: _Node, what: str, fix: str) -> ScenarioError:
    return ScenarioError([Problem((), f"<{node.path}>: {what}", fix, line=node.line)], file)


def _required(file: str, parent: _Node, tag: str) -> _Node:
    node = parent.child(tag)
    if node is None:
        raise _error(file, parent, f"missing <{tag}>", f"add a <{tag}> element inside <{parent.tag}>")
    return node


def _number(file: str, node: _Node, what: str) -> float:
    if not node.text:
        raise _error(file, node, f"the {what} is empty (KTAB cannot load this file either)",
                     f"enter the {what} as a number")
    try:
        value = float(node.text)
    except ValueError:
        raise _error(file, node, f"the {what} {node.text!r} is not a number", f"enter the {what} as a number") from None
    if not math.isfinite(value):
        raise _error(file, node, f"the {what} {node.text!r} is not finite", f"enter a finite {what}")
    return value


def parse_ktab_xml(text: str, file: str = "<ktab xml>", fallback_name: str = "ktab-scenario") -> Scenario:
    """Return the `Scenario` in KTAB SMP XML `text` (see the module docstring for the layout)."""
    root = _parse_xml(text, file)
    dims_node = _required(file, root, "Dimensions")
    dims = [d.text for d in dims_node.all("dName")]
    if not dims:
        raise _error(file, dims_node, "no <dName> dimensions", "list each dimension's name in a <dName>")
    issue_ids = _unique_ids(dims, "dim")
    actors_node = _required(file, root, "Actors")
    actors, stances, by_name = [], [], {}
    ids: set[str] = set()
    for node in actors_node.all("Actor"):
        name = _required(file, node, "name").text
        actor_id = _unique(slug(name), ids)
        by_name[name] = actor_id
        desc = node.child("description")
        capability = _number(file, _required(file, node, "capability"), "capability")
        coords = _required(file, node, "Position").all("dCoord")
        sals = _required(file, node, "Salience").all("dSal")
        for tag, items, parent in (("dCoord", coords, "Position"), ("dSal", sals, "Salience")):
            if len(items) != len(dims):
                raise _error(file, _required(file, node, parent), f"{len(items)} <{tag}> for {len(dims)} dimensions",
                             f"give one <{tag}> per <dName>")
        positions = [_number(file, c, f"coordinate of {name!r} on {dims[k]!r}") for k, c in enumerate(coords)]
        saliences = [_number(file, s, f"salience of {name!r} on {dims[k]!r}") for k, s in enumerate(sals)]
        if sum(saliences) > 100.0 + 1e-9:
            raise _error(file, _required(file, node, "Salience"),
                         f"the saliences of {name!r} sum to {sum(saliences):g}, more than 100",
                         "scale them so they sum to at most 100")
        actors.append({"id": actor_id, "name": name or actor_id, "capability": capability,
                       **({"notes": desc.text} if desc is not None and desc.text else {})})
        stances += [{"actor": actor_id, "issue": issue_ids[k], "position": positions[k],
                     "salience": saliences[k] / 100.0} for k in range(len(dims))]
    adjustments = []
    block = root.child("IdealAdjustment")  # KTAB throws without it; we default to the identity matrix
    for pair in block.all("iaPair") if block is not None else []:
        ends = []
        for tag in ("adjustingIdeal", "referencePos"):
            ref = _required(file, pair, tag)
            if ref.text not in by_name:
                raise _error(file, ref, f"unknown actor {ref.text!r}", "use the <name> of an actor under <Actors>")
            ends.append(by_name[ref.text])
        weight = _number(file, _required(file, pair, "adjust"), "adjustment")
        adjustments.append({"actor": ends[0], "toward": ends[1], "weight": weight})
    name_node, desc_node, seed_node = root.child("name"), root.child("desc"), root.child("prngSeed")
    title = name_node.text if name_node is not None and name_node.text else fallback_name
    seed = KTAB_DEFAULT_SEED
    if seed_node is not None and seed_node.text:
        try:
            seed = int(seed_node.text)
        except ValueError:
            raise _error(file, seed_node, f"the seed {seed_node.text!r} is not a whole number",
                         "write prngSeed as a decimal whole number, or remove it") from None
    data = {"id": slug(title), "title": title, "seed": seed,
            **({"description": desc_node.text} if desc_node is not None and desc_node.text else {}),
            "actors": actors, "issues": [_issue(i, d) for i, d in zip(issue_ids, dims, strict=True)],
            "stances": stances, "ideal_adjustment": adjustments}
    params = _xml_parameters(root, file)
    if params:
        data["model_params"] = {"smp": params}
    return _validate(data, file)


# -- export ------------------------------------------------------------------------------------------------------


def dumps_ktab_csv(scenario: Scenario) -> str:
    """Return the scenario as KTAB SMP CSV text (positions and saliences on 0-100).

    Needs every actor to have a stance on every issue and saliences summing to at most 1 per actor; KTAB's CSV has
    no accommodation matrix, so a scenario with `ideal_adjustment` entries is refused (use the XML in KTAB).
    Actor names longer than KTAB's 25 characters are replaced by the actor id when that fits.
    """
    if scenario.ideal_adjustment:
        raise RealpolitikError(f"scenario {scenario.id!r}: KTAB's CSV format has no ideal-adjustment matrix, so "
                               "exporting would lose it. Fix: remove ideal_adjustment, or keep the scenario in "
                               "TOML/JSON")
    if scenario.model_params:
        raise RealpolitikError(f"scenario {scenario.id!r}: KTAB's CSV format has no model parameters, so exporting "
                               f"would lose model_params ({', '.join(scenario.model_params)}). Fix: keep the "
                               "scenario in TOML/JSON (or KTAB XML), or remove model_params and pass the parameters "
                               "with --param when you run the model")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    issues = scenario.issues
    writer.writerow([scenario.title, scenario.description or "", len(scenario.actors), len(issues)])
    header = ["Actor", "Description", "Influence"]
    for issue in issues:
        header += [issue.name, f"{issue.name} Salience"]
    writer.writerow(header)
    stance = {(s.actor, s.issue): s for s in scenario.stances}
    for actor in scenario.actors:
        name = actor.name if len(actor.name) <= MAX_NAME else actor.id
        if len(name) > MAX_NAME:
            raise RealpolitikError(f"scenario {scenario.id!r}: actor {actor.id!r} has no name of at most "
                                   f"{MAX_NAME} characters, KTAB's limit. Fix: shorten its name")
        if actor.capability is None:
            raise RealpolitikError(f"scenario {scenario.id!r}: actor {actor.id!r} (a draft) has no capability, which "
                                   "KTAB's CSV format needs. Fix: give the actor a capability")
        row: list[Any] = [name, actor.notes or "", _fmt(actor.capability)]
        total = 0.0
        for issue in issues:
            st = stance.get((actor.id, issue.id))
            if st is None:
                raise RealpolitikError(f"scenario {scenario.id!r}: actor {actor.id!r} has no stance on issue "
                                       f"{issue.id!r}; KTAB needs every actor on every dimension. Fix: add the "
                                       "stance (salience 0 if it does not care)")
            total += st.salience
            row += [_fmt(st.position), _fmt(100.0 * st.salience)]
        if total > 1.0 + 1e-9:
            raise RealpolitikError(f"scenario {scenario.id!r}: actor {actor.id!r} has saliences summing to "
                                   f"{total:.3f}; KTAB needs at most 1 (100 on its scale). Fix: divide them by "
                                   "their sum")
        writer.writerow(row)
    return out.getvalue()


def _fmt(value: float) -> str:
    return f"{value:.10g}"
