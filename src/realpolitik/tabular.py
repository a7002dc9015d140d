"""What every ``to_pandas`` shares: the Polars frame handed to pandas, or a clear error when pandas is missing.

pandas is not a dependency of realpolitik; the ``pandas`` extra (``pip install 'realpolitik[pandas]'``) installs it
(and PyArrow, which Polars uses to hand the columns over).
"""

from __future__ import annotations

from typing import Any

from realpolitik.errors import RealpolitikError


def to_pandas(frame: Any, what: str) -> Any:
    """Return the Polars `frame` as a pandas DataFrame; `RealpolitikError` naming the extra when pandas (or PyArrow)
    is not installed. `what` names the result in the message."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise RealpolitikError(f"{what}.to_pandas() needs pandas, which is not installed (it is optional). Fix: "
                               "pip install 'realpolitik[pandas]', or use .to_polars()") from None
    try:
        return frame.to_pandas()
    except ImportError as exc:  # Polars hands columns to pandas through PyArrow
        raise RealpolitikError(f"{what}.to_pandas() needs {exc.name or 'pyarrow'} beside pandas. Fix: pip install "
                               "'realpolitik[pandas]'") from None


def choose(table: str, tables: tuple[str, ...], what: str) -> str:
    """Return `table` if it is one of `tables`; else `RealpolitikError` naming the choices."""
    if table not in tables:
        raise RealpolitikError(f"{what} has no table {table!r}. Fix: use one of {', '.join(tables)}")
    return table
