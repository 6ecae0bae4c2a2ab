"""The Python API, for notebooks and scripts: ``import digivisio_cli as dv``.

Each function is a thin door onto the code the command line runs: :func:`load` is the loader
behind ``--data`` (with the same cache), :func:`measures` the filters of ``digivisio measures``,
:func:`matrix`, :func:`counts` and :func:`diff` the queries behind ``matrix``, ``actors`` and
``diff``; they return the frozen model objects. :func:`to_records` turns them into plain dicts in
the shape of the JSON export, which ``pandas.DataFrame`` takes as they are. Errors are the CLI's
exceptions (:class:`~digivisio_cli.errors.DigivisioError` and its kinds), carrying the message
the CLI would print, in the language of ``$DIGIVISIO_LANG`` or the locale.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, overload

from digivisio_cli.domain.diff import DatasetDiff
from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.query import AgencyCount, MatrixRow, Role, Selection
from digivisio_cli.errors import DataFileError, DigivisioError, UsageError
from digivisio_cli.settings import Lang

__all__ = [
    "DataFileError",
    "Dataset",
    "DatasetDiff",
    "DigivisioError",
    "Measure",
    "UsageError",
    "counts",
    "diff",
    "load",
    "matrix",
    "measures",
    "to_records",
    "who_owns",
]

#: The roles ``role=`` takes, as ``--role`` does.
ROLES = ("responsible", "partner")

Records = list[dict[str, Any]]


@contextmanager
def _worded() -> Iterator[None]:
    """Give an error escaping the API its message, as the CLI would print it."""
    try:
        yield
    except DigivisioError as exc:
        from digivisio_cli.app.report import error_lines
        from digivisio_cli.i18n import detect_lang

        exc.text = "\n".join(error_lines(exc, detect_lang()))
        raise


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The validated data: ``path``, else ``$DIGIVISIO_DATA``, else the bundled file.

    Raises :class:`DataFileError` with every problem found, as ``digivisio validate`` reports them.
    """
    from digivisio_cli.data.matrix import load as load_matrix

    with _worded():
        return load_matrix(path)


def measures(
    ds: Dataset,
    actor: str | None = None,
    role: str | None = None,
    goal: str | None = None,
    pending: bool | None = None,
    search: str | None = None,
) -> list[Measure]:
    """The measures passing every filter given, in document order (``digivisio measures``).

    ``actor`` is an agency's code or any of its names (``"oph"``, ``"EDUFI"``); ``role`` is
    ``"responsible"`` or ``"partner"``; ``goal`` an id prefix by components (``"3.1"``);
    ``search`` plain text, case- and accent-insensitive. An unknown agency or role raises
    :class:`UsageError`.
    """
    from digivisio_cli.domain.query import Filters, filter_measures

    with _worded():
        if role is not None and role not in ROLES:
            raise UsageError("unknown_role", value=role, options=", ".join(ROLES))
        chosen: Role | None = (
            "responsible" if role == "responsible" else "partner" if role else None
        )
        return filter_measures(ds, Filters(actor, chosen, goal, pending, search))


def who_owns(ds: Dataset, ident: str) -> Selection:
    """The theme, goal or measure ``ident`` names, and its measures (``digivisio who-owns``)."""
    from digivisio_cli.domain.query import resolve

    with _worded():
        return resolve(ds, ident)


def matrix(ds: Dataset, selected: Sequence[Measure] | None = None) -> list[MatrixRow]:
    """Goals × agencies: per goal, each agency's counts (of ``selected``, else of all)."""
    from digivisio_cli.domain.query import matrix as count_matrix

    return count_matrix(ds, selected)


def counts(ds: Dataset, selected: Sequence[Measure] | None = None) -> tuple[list[AgencyCount], int]:
    """Each agency's responsible, partner and pending counts, and how many measures name none."""
    from digivisio_cli.domain.query import count_by_agency

    return count_by_agency(ds, ds.measures if selected is None else selected)


def diff(
    old: Dataset | str | os.PathLike[str], new: Dataset | str | os.PathLike[str]
) -> DatasetDiff:
    """What changed between two versions of the data (``digivisio diff``); paths are loaded."""
    from digivisio_cli.domain.diff import compare

    before = old if isinstance(old, Dataset) else load(old)
    after = new if isinstance(new, Dataset) else load(new)
    return compare(before, after)


@overload
def to_records(
    source: Dataset,
    items: Sequence[Measure] | Sequence[MatrixRow] | Sequence[AgencyCount] | None = None,
    *,
    lang: Lang = "en",
    original: bool = False,
) -> Records: ...
@overload
def to_records(source: DatasetDiff, *, lang: Lang = "en") -> Records: ...


def to_records(
    source: Dataset | DatasetDiff,
    items: Sequence[Measure] | Sequence[MatrixRow] | Sequence[AgencyCount] | None = None,
    *,
    lang: Lang = "en",
    original: bool = False,
) -> Records:
    """Plain dicts, one per row, as the JSON export has them.

    Measures (all of ``source``'s when ``items`` is None) give the rows of
    ``digivisio measures -f json``; a matrix the rows of ``digivisio matrix -f json``; agency
    counts one dict per agency; a diff one dict per change, as ``digivisio diff -f csv`` has
    them. ``lang`` chooses the goal titles and the translation shown, as ``--lang`` does.
    """
    from digivisio_cli.render import views
    from digivisio_cli.render.diffview import diff_view
    from digivisio_cli.render.json import records
    from digivisio_cli.render.loadviews import matrix_rows_view

    if isinstance(source, DatasetDiff):
        return records(diff_view(source, lang, "old", "new"))
    chosen = list(source.measures if items is None else items)
    if chosen and isinstance(chosen[0], MatrixRow):
        rows = [r for r in chosen if isinstance(r, MatrixRow)]
        return records(matrix_rows_view(source, rows, rows, lang))
    if chosen and isinstance(chosen[0], AgencyCount):
        return [
            {
                "agency": c.code,
                "responsible": c.responsible,
                "partner": c.partner,
                "pending": c.pending,
            }
            for c in chosen
            if isinstance(c, AgencyCount)
        ]
    found = [m for m in chosen if isinstance(m, Measure)]
    return records(views.measures_view(source, found, lang, original))
