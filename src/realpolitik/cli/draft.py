"""``realpolitik draft TEXT_FILE``, ``draft review DRAFT``, ``draft evaluate GOLD_DIR`` and ``draft agreement A B``:
draft a scenario from a commentary, review its items, score drafts against hand annotations, compare two
annotators. The commands translate options into calls of
`realpolitik.draft` and `realpolitik.draft.review` and present what comes back."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from realpolitik.cli.common import OutputOpt, check_format, check_output, emit, err, show
from realpolitik.draft.evidence import read_text
from realpolitik.errors import RealpolitikError

if TYPE_CHECKING:
    from rich.console import Console

    from realpolitik.scenario.model import Scenario

NUMERIC = {"capability", "value", "position", "salience", "status_quo"}
BOOLEAN = {"directed"}
ANSWERS = "[a]ccept, [e]dit, [r]eject, [s]kip, [q]uit"


class TextByDefault(TyperGroup):
    """``realpolitik draft FILE`` means ``realpolitik draft text FILE``: arguments that do not start with a
    subcommand (or ``--help``) are those of ``draft text``, options first or not."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] != "--help":
            args = ["text", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=TextByDefault, no_args_is_help=True, rich_markup_mode=None,
                  help="Draft a scenario from a commentary text (realpolitik draft TEXT_FILE), review the draft "
                       "(draft review), score drafts against annotations (draft evaluate), compare two annotators "
                       "(draft agreement).")


def read_text_file(path: Path) -> str:
    """Return the UTF-8 text of `path` byte for byte (CRLF kept); a clear error when missing or not text."""
    return read_text(path)


@app.command("text")
def draft_text(
    text_file: Annotated[Path, typer.Argument(help="the commentary, a UTF-8 text file")],
    output: OutputOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="date the text speaks of, YYYY-MM-DD (picks COW "
                                              "codes and leaders valid then)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="toml (a draft scenario file), json or table")] = "toml",
    scenario_id: Annotated[str, typer.Option("--id", help="the draft scenario's id")] = "draft",
) -> None:
    """Draft a scenario from a commentary: actors, relations, quantities and stance cues, each quoting the text."""
    from realpolitik.draft.document import draft

    check_format(fmt, ("toml", "json", "table"))
    check_output(output)
    result = draft(read_text_file(text_file), as_of)
    if fmt == "toml":
        emit(result.to_toml(scenario_id), output)
    elif fmt == "json":
        emit(json.dumps({**result.to_dict(), "document": _json_ready(result.to_document(scenario_id))}, indent=2,
                        ensure_ascii=False), output)
    else:
        from realpolitik.draft.review import queue

        items = queue(result.to_scenario(scenario_id))
        show(lambda console: _print_queue(console, items, f"Draft of {text_file.name}"), output)


def _json_ready(document: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(document, default=str))


def _print_queue(console: Console, items: list, title: str) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for name in ("id", "section", "item", "evidence", "offsets"):
        table.add_column(name)
    for item in items:
        table.add_row(item.id, item.section.replace("_", " "), item.label, item.quote or "",
                      f"{item.offsets[0]}-{item.offsets[1]}" if item.offsets else "")
    console.print(table)
    console.print(f"{len(items)} item(s) to review")


def _print_todo(console: Console, todo: list) -> None:
    for problem in todo:
        console.print(f"- {problem.describe()}", highlight=False, markup=False)


def parse_changes(pairs: list[str], option: str = "--edit") -> dict[str, Any]:
    """Read ``field=value`` pairs; numbers for numeric fields, true/false for `directed`."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        field, value = field.strip(), value.strip()
        if not sep or not field:
            raise RealpolitikError(f"{option}: {pair!r} is not field=value. Fix: write e.g. capability=0.5 or "
                                   "kind=alliance")
        if field in NUMERIC:
            try:
                changes[field] = float(value)
            except ValueError:
                raise RealpolitikError(f"{option}: {field} = {value!r} is not a number. Fix: write a plain "
                                       "number") from None
        elif field in BOOLEAN:
            if value.lower() not in ("true", "false"):
                raise RealpolitikError(f"{option}: {field} = {value!r}. Fix: write {field}=true or {field}=false")
            changes[field] = value.lower() == "true"
        else:
            changes[field] = value
    return changes


def parse_edit(spec: str) -> tuple[str, dict[str, Any]]:
    """Read an ``--edit`` value: ``ID field=value [field=value ...]``."""
    parts = spec.split()
    if len(parts) < 2:
        raise RealpolitikError(f"--edit {spec!r} names no change. Fix: write --edit 'ID field=value', e.g. "
                               "--edit 'armenia capability=0.0006'")
    return parts[0], parse_changes(parts[1:])


def parse_issue(spec: str) -> tuple[str, str, str, str]:
    """Read an ``--issue`` value: ``ID:NAME:LOW:HIGH`` (what 0 and what 100 mean)."""
    parts = [p.strip() for p in spec.split(":")]
    if len(parts) != 4 or not all(parts):
        raise RealpolitikError(f"--issue {spec!r} is not ID:NAME:LOW:HIGH. Fix: e.g. --issue "
                               "'karabakh:Control of Karabakh:status quo:full Azerbaijani control'")
    return parts[0], parts[1], parts[2], parts[3]


def parse_stance(spec: str) -> tuple[str, str, float, float, str | None]:
    """Read a ``--stance`` value: ``ACTOR:ISSUE:POSITION:SALIENCE[:CUE]``."""
    parts = [p.strip() for p in spec.split(":")]
    if len(parts) not in (4, 5) or not all(parts):
        raise RealpolitikError(f"--stance {spec!r} is not ACTOR:ISSUE:POSITION:SALIENCE[:CUE]. Fix: e.g. --stance "
                               "russia:karabakh:20:0.6:c3")
    try:
        position, salience = float(parts[2]), float(parts[3])
    except ValueError:
        raise RealpolitikError(f"--stance {spec!r}: position and salience must be numbers. Fix: e.g. "
                               "russia:karabakh:20:0.6") from None
    return parts[0], parts[1], position, salience, parts[4] if len(parts) == 5 else None


@app.command("review")
def draft_review(
    draft_file: Annotated[str, typer.Argument(help="a draft scenario file (from realpolitik draft)")],
    output: OutputOpt = None,
    accept: Annotated[list[str] | None, typer.Option("--accept", help="accept item ID as drafted (repeatable; an "
                                                     "actor needs a capability: use --edit)")] = None,
    reject: Annotated[list[str] | None, typer.Option("--reject", help="reject item ID (repeatable)")] = None,
    edit: Annotated[list[str] | None, typer.Option("--edit", help="'ID field=value ...': change and accept an "
                                                   "item, e.g. 'armenia capability=0.0006' (repeatable)")] = None,
    issue: Annotated[list[str] | None, typer.Option("--issue", help="add an issue ID:NAME:LOW:HIGH (repeatable)")]
    = None,
    stance: Annotated[list[str] | None, typer.Option("--stance", help="set a position ACTOR:ISSUE:POSITION:"
                                                     "SALIENCE[:CUE] (repeatable)")] = None,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="ask per item: accept, edit, reject, "
                                              "skip (answers are read line by line from stdin)")] = False,
    finish: Annotated[bool, typer.Option("--finish", help="write a normal scenario (refused while anything needs "
                                         "a person)")] = False,
    scenario_id: Annotated[str | None, typer.Option("--id", help="the finished scenario's id (with --finish)")]
    = None,
    title: Annotated[str | None, typer.Option(help="the finished scenario's title (with --finish)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json (the queue and what needs a person)")]
    = "table",
) -> None:
    """Print a draft's review queue, or apply decisions and write the result with -o.

    Order: edits, accepts, rejects, then --interactive, issues and stances. Without -o nothing is written."""
    from realpolitik.draft import review
    from realpolitik.scenario.checks import needs_review
    from realpolitik.scenario.io import load_scenario, save_scenario

    check_format(fmt)
    changes = bool(accept or reject or edit or issue or stance or interactive or finish)
    if changes and output is None:
        raise RealpolitikError("the review changes the draft but names no file to write. Fix: add -o FILE.toml "
                               "(it may be the draft itself)")
    check_output(output)
    scenario = load_scenario(draft_file)
    for item_id, fields in (parse_edit(e) for e in edit or []):
        scenario = review.edit(scenario, item_id, **fields)
    for item_id in accept or []:
        if any(a.id == item_id and a.capability is None for a in scenario.actors):
            raise RealpolitikError(f"actor {item_id!r} has no capability, so it cannot be accepted as drafted. Fix: "
                                   f"--edit '{item_id} capability=N' instead (N on the scenario's capability measure)")
        scenario = review.accept(scenario, item_id)
    for item_id in reject or []:
        scenario = review.reject(scenario, item_id)
    if interactive:
        scenario = review_interactively(scenario)
    for args in (parse_issue(i) for i in issue or []):
        scenario = review.add_issue(scenario, *args)
    for actor, issue_id, position, salience, cue in (parse_stance(s) for s in stance or []):
        scenario = review.set_stance(scenario, actor, issue_id, position, salience, cue=cue)
    if output is not None:
        if finish:
            scenario = review.finish(scenario, scenario_id, title)
        save_scenario(scenario, output)
        err.print(f"wrote {output}", highlight=False)
    items, todo = review.queue(scenario), needs_review(scenario)
    if fmt == "json":
        emit(json.dumps({"queue": [_item_dict(i) for i in items],
                         "needs_review": [{"field": ".".join(map(str, p.loc)), "what": p.what, "fix": p.fix}
                                          for p in todo]}, indent=2, ensure_ascii=False), None)
        return

    def draw(console: Console) -> None:
        _print_queue(console, items, f"Review queue of {draft_file}")
        rest = [p for p in todo if p.loc != ("status",)]
        if rest:
            console.print("Still needs a person:")
            _print_todo(console, rest)
        elif todo:
            console.print("Nothing else needs a person: --finish -o FILE writes it as a normal scenario.")
        else:
            console.print("Nothing needs a person: the scenario can be forecast.")

    show(draw, None)


def _item_dict(item) -> dict[str, Any]:
    return {"id": item.id, "section": item.section, "label": item.label, "quote": item.quote,
            "offsets": list(item.offsets) if item.offsets else None}


def ask(prompt: str) -> str | None:
    """Print `prompt` on stderr and return the next line of stdin (stripped), or None at the end of input."""
    err.print(prompt, end="", highlight=False, markup=False)
    line = sys.stdin.readline()
    return None if line == "" else line.strip()


def review_interactively(scenario: Scenario) -> Scenario:
    """Ask per drafted item: accept, edit, reject, skip or quit. Works on a terminal and on piped stdin (one answer
    a line; the end of input quits). A refused answer (e.g. an actor accepted without a capability) is explained
    and asked again."""
    from realpolitik.draft import review

    for item in review.queue(scenario):
        if not any(i.id == item.id for i in review.queue(scenario)):  # gone with an actor rejected earlier
            continue
        err.print(f"\n{item.id}: {item.label}\n  evidence: {item.quote or '(none)'}", highlight=False, markup=False)
        while True:
            answer = ask(f"{ANSWERS}? ")
            if answer is None or answer.lower() in ("q", "quit"):
                return scenario
            choice = answer.lower()[:1]
            try:
                if choice == "a":
                    capability = None
                    if item.section == "actors":
                        text = ask("capability? ")
                        capability = parse_changes([f"capability={text or ''}"], "capability")["capability"]
                    scenario = review.accept(scenario, item.id, capability=capability)
                elif choice == "e":
                    text = ask("field=value ...? ")
                    scenario = review.edit(scenario, item.id, **parse_changes((text or "").split()))
                elif choice == "r":
                    scenario = review.reject(scenario, item.id)
                elif choice != "s":
                    err.print(f"unknown answer {answer!r}: type one of {ANSWERS}", highlight=False, markup=False)
                    continue
                break
            except RealpolitikError as exc:
                err.print(f"not done: {exc}", highlight=False, markup=False)
        if choice == "r" and item.section == "actors":
            err.print(f"(rejected {item.id} and the drafted items that name it)", highlight=False, markup=False)
    return scenario



@app.command("evaluate")
def draft_evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="folder of annotation JSON files (docs/drafting.md)")],
    text_root: Annotated[Path | None, typer.Option("--text-root", help="folder of the texts (default: beside "
                                                   "each annotation)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="date for every text without its own as_of")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    output: OutputOpt = None,
    errors: Annotated[bool, typer.Option("--errors", help="also list, per file, the drafted items no annotation "
                                         "matched (-) and the annotations no drafted item matched (+)")] = False,
) -> None:
    """Score drafts against hand annotations: precision, recall and F1 per category."""
    from realpolitik.draft.evaluation import evaluate, format_errors, format_scores

    check_format(fmt)
    check_output(output)
    if not gold_dir.is_dir():
        raise RealpolitikError(f"{gold_dir} is not a folder. Fix: give the folder holding the annotation files")
    result = evaluate(gold_dir, text_root, as_of, errors=errors)
    if fmt == "json":
        emit(json.dumps(result, indent=2, ensure_ascii=False), output)
    else:
        emit(format_scores(result) + ("\n\n" + format_errors(result) if errors else ""), output)


@app.command("agreement")
def draft_agreement(
    reference_dir: Annotated[Path, typer.Argument(help="one annotator's folder of annotation JSON files")],
    other_dir: Annotated[Path, typer.Argument(help="another annotator's folder, the same texts under the same "
                                              "file names")],
    text_root: Annotated[Path | None, typer.Option("--text-root", help="folder of the texts (default: beside "
                                                   "each annotation)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    output: OutputOpt = None,
    errors: Annotated[bool, typer.Option("--errors", help="also list the items only the second (-) or only the "
                                         "first (+) annotator has")] = False,
) -> None:
    """Inter-annotator agreement: score a second annotator's files against the first's, category by category."""
    from realpolitik.draft.agreement import agreement
    from realpolitik.draft.evaluation import format_errors, format_scores

    check_format(fmt)
    check_output(output)
    result = agreement(reference_dir, other_dir, text_root, errors=errors)
    if fmt == "json":
        emit(json.dumps(result, indent=2, ensure_ascii=False), output)
        return
    unpaired = f"\nnot scored (in one folder only): {', '.join(result['unpaired'])}" if result["unpaired"] else ""
    emit(format_scores(result) + unpaired + ("\n\n" + format_errors(result) if errors else ""), output)
