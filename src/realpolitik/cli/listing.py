"""``realpolitik models`` and ``realpolitik scenarios``: what is registered and built in."""

from __future__ import annotations

from realpolitik.cli.common import FormatOpt, check_format, emit, out


def models(fmt: FormatOpt = "table") -> None:
    """List the registered forecasting models and their parameters."""
    from realpolitik.cli.render_models import models_json, print_models

    check_format(fmt)
    if fmt == "json":
        emit(models_json(), None)
    else:
        print_models(out)


def scenarios(fmt: FormatOpt = "table") -> None:
    """List the built-in scenarios."""
    from realpolitik.cli.render import builtins_json, print_builtins

    check_format(fmt)
    if fmt == "json":
        emit(builtins_json(), None)
    else:
        print_builtins(out)
