"""Find what a package defines without a hand-kept list: a source scan of its modules, and entry points.

Both registries (models, data add-ons) use this. The scan reads each module's *source* (it imports nothing), so a
registry can list names and one-line summaries without importing NumPy- or Polars-heavy code; a module is
imported only when one of its entries is used. Third-party packages register through an entry-point group.
"""

from __future__ import annotations

import ast
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Declaration:
    """A decorated definition found in a module's source: where it is and the literal values it declares.

    `module` is the dotted module name, `qualname` the class or function name, `values` the decorator's literal
    arguments (add-ons) or the class's literal attributes (models); a value that is not a literal is absent.
    """

    module: str
    qualname: str
    values: dict[str, Any] = field(default_factory=dict)


def scan_package(package: str, decorator: str) -> Iterator[Declaration]:
    """Yield the definitions in the modules of `package` (not its sub-packages) decorated with `decorator`.

    Modules are visited in name order and definitions in source order. Only modules whose text mentions
    ``@decorator`` are parsed, and none is imported.
    """
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return
    for info in sorted(pkgutil.iter_modules(spec.submodule_search_locations), key=lambda m: m.name):
        if info.ispkg:
            continue
        path = Path(info.module_finder.path) / f"{info.name}.py"  # type: ignore[union-attr]
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if f"@{decorator}" not in text:
            continue
        yield from _declarations(f"{package}.{info.name}", ast.parse(text, str(path)), decorator)


def _declarations(module: str, tree: ast.Module, decorator: str) -> Iterator[Declaration]:
    classes: dict[str, dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            inherited: dict[str, Any] = {}
            for base in node.bases:  # a base class of the same module lends its literal attributes
                if isinstance(base, ast.Name) and base.id in classes:
                    inherited.update(classes[base.id])
            classes[node.name] = {**inherited, **_class_literals(node)}
        if not isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for dec in node.decorator_list:
            if _named(dec, decorator):
                values = classes.get(node.name, {}) if isinstance(node, ast.ClassDef) else {}
                if isinstance(dec, ast.Call):
                    values = {**values, **_call_literals(dec)}
                yield Declaration(module, node.name, dict(values))


def _named(node: ast.expr, name: str) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == name) or (
        isinstance(target, ast.Attribute) and target.attr == name)


def _literal(node: ast.expr | None) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node) if node is not None else None
    except ValueError:
        return False, None


def _class_literals(node: ast.ClassDef) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            target, value = stmt.target.id, stmt.value
        else:
            continue
        ok, literal = _literal(value)
        if ok:
            out[target] = literal
    return out


def _call_literals(call: ast.Call) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, arg in enumerate(call.args):
        ok, literal = _literal(arg)
        if ok:
            out[f"arg{i}"] = literal
    for kw in call.keywords:
        ok, literal = _literal(kw.value)
        if ok and kw.arg:
            out[kw.arg] = literal
    return out


def plugin_entry_points(group: str) -> list[metadata.EntryPoint]:
    """Return the installed entry points of `group`, sorted by name (so listings do not depend on install order)."""
    return sorted(metadata.entry_points(group=group), key=lambda ep: ep.name)


def describe_entry_point(ep: metadata.EntryPoint) -> str:
    """Return ``name = value (distribution D V)`` for messages about a plugin."""
    dist = getattr(ep, "dist", None)
    where = f" from the distribution {dist.name} {dist.version}" if dist is not None else ""
    return f"'{ep.name} = {ep.value}'{where}"


def plugin_distribution(ep: metadata.EntryPoint) -> str:
    """Return the name of the distribution that declares `ep` (``?`` when unknown)."""
    dist = getattr(ep, "dist", None)
    return dist.name if dist is not None else "?"
