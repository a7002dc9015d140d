"""The one exception type for errors a user can cause, and its scenario-specific form.

Every message says what was wrong, where (file, line or field, actor or issue) and how to fix it.
The CLI prints `str(error)` without a traceback and exits non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 50  # problems listed (and located by line) in a ScenarioError's message


class RealpolitikError(Exception):
    """An error the user can fix: bad file, bad value, unknown name, missing data.

    `str(error)` is a complete, user-facing message.
    """


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where it is, what is wrong, and how to fix it.

    `loc` is the path of the offending field in the scenario document, e.g. ``("stances", 3, "position")``;
    `subject` names the actor or issue concerned when there is one; `line` is filled in by file loaders.
    """

    loc: tuple[str | int, ...]
    what: str
    fix: str
    subject: str = ""
    line: int | None = None

    def describe(self, file: str | None = None) -> str:
        """Return a one-line message: ``file:line: field (subject): what. Fix: fix``."""
        place = ""
        if file:
            place = f"{file}:{self.line}: " if self.line else f"{file}: "
        elif self.line:
            place = f"line {self.line}: "
        field_path = format_loc(self.loc)
        about = f" ({self.subject})" if self.subject else ""
        where = f"{field_path}{about}: " if field_path or about else ""
        return f"{place}{where}{self.what}. Fix: {self.fix}"


def format_loc(loc: tuple[str | int, ...]) -> str:
    """Render a field path as ``stances[3].position``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ScenarioError(RealpolitikError):
    """A scenario (file, API payload or form) is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        super().__init__(self._message())

    def __reduce__(self):
        # Keep the structured problems when the error crosses a process boundary.
        return (type(self), (self.problems, self.file))

    def _message(self) -> str:
        if len(self.problems) == 1:
            return f"invalid scenario: {self.problems[0].describe(self.file)}"
        head = f"invalid scenario{f' {self.file}' if self.file else ''}"
        lines = [f"{head}: {len(self.problems)} problems"]
        lines += [f"  - {p.describe(self.file)}" for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            lines.append(f"  - ... and {len(self.problems) - MAX_SHOWN} more (fix the ones above first)")
        return "\n".join(lines)

    def located(self, file: str, line_of=None) -> ScenarioError:
        """Return a copy naming `file`, with line numbers from `line_of(loc)` where it can tell."""
        # Only the problems shown get a line: finding one scans the text, so all of thousands would be quadratic.
        problems = [
            Problem(p.loc, p.what, p.fix, p.subject, p.line or (line_of(p.loc) if line_of and k < MAX_SHOWN else None))
            for k, p in enumerate(self.problems)
        ]
        return ScenarioError(problems, file=file)


class ModelError(RealpolitikError):
    """A model cannot produce a defined result for this input (e.g. every weight on an issue is zero)."""
