"""Draft a scenario from a commentary text: actors, relations, quantities and stance cues, each with the words
of the text that support it, for a person to review before any forecast.

    from realpolitik import draft
    d = draft(text, as_of="2020-09-27")
    print(d.to_toml())

Offline, CPU-only and deterministic: a shipped gazetteer and rules over sentences (docs/drafting.md).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lazy names of __all__, for type checkers and editors
    from realpolitik.draft import review
    from realpolitik.draft.document import Draft, draft
    from realpolitik.draft.evaluation import evaluate

__all__ = ["Draft", "draft", "evaluate", "review"]


def __getattr__(name: str):
    # Lazy: importing realpolitik.draft stays cheap until a function is used.
    if name in ("Draft", "draft"):
        from realpolitik.draft import document

        return getattr(document, name)
    if name == "evaluate":
        from realpolitik.draft.evaluation import evaluate

        return evaluate
    if name == "review":
        import importlib

        return importlib.import_module("realpolitik.draft.review")
    raise AttributeError(f"module 'realpolitik.draft' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """Lets ``realpolitik.draft(text, as_of)`` call `realpolitik.draft.document.draft`."""

    def __call__(self, text: str, as_of=None, use_ner: bool = True):
        from realpolitik.draft.document import draft

        return draft(text, as_of, use_ner)


sys.modules[__name__].__class__ = _CallableModule
