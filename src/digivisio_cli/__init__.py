"""digivisio: the responsibility matrix of Finland's education digitalisation vision 2027.

Also a Python API (docs/api.md)::

    import digivisio_cli as dv
    ds = dv.load()
    dv.measures(ds, actor="OPH")

The API's names are looked up on first use (a module ``__getattr__``), so that importing the
package, as every command does first, costs nothing more than this file.
"""

from __future__ import annotations

# NOTE: not typing.TYPE_CHECKING: importing typing would be this file's only cost (type
# checkers know the name and treat it as true).
TYPE_CHECKING = False

__all__ = [
    "DataFileError",
    "Dataset",
    "DatasetDiff",
    "DatasetWithStatus",
    "DigivisioError",
    "Measure",
    "UsageError",
    "__version__",
    "counts",
    "diff",
    "load",
    "matrix",
    "measures",
    "to_records",
    "who_owns",
]

#: The names :mod:`digivisio_cli.api` offers here, imported when first asked for.
_API = frozenset(__all__) - {"__version__"}

if TYPE_CHECKING:
    from typing import Any

    from digivisio_cli.api import (
        DataFileError,
        Dataset,
        DatasetDiff,
        DatasetWithStatus,
        DigivisioError,
        Measure,
        UsageError,
        counts,
        diff,
        load,
        matrix,
        measures,
        to_records,
        who_owns,
    )
    from digivisio_cli.settings import VERSION as __version__


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from digivisio_cli.settings import VERSION

        return VERSION
    if name in _API:
        from digivisio_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'digivisio_cli' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
