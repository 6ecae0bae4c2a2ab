"""The Python API, for notebooks and scripts: ``import digivisio_cli as dv``.

Each function is a thin door onto the code the command line runs: :func:`load` is the loader
behind ``--data`` and ``--status`` (with the same cache), :func:`measures` the filters of
``digivisio measures``,
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
from dataclasses import dataclass, fields
from typing import Any, overload

from digivisio_cli.domain.diff import DatasetDiff
from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.query import AgencyCount, MatrixRow, Role, Selection
from digivisio_cli.domain.status import MeasureStatus, StatusLog
from digivisio_cli.errors import DataFileError, DigivisioError, UsageError
from digivisio_cli.settings import Lang

__all__ = [
    "DataFileError",
    "Dataset",
    "DatasetDiff",
    "DatasetWithStatus",
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


@dataclass(frozen=True)
class DatasetWithStatus(Dataset):
    """A :class:`Dataset` and the status log read with it (``dv.load(status=...)``)."""

    log: StatusLog

    @property
    def status(self) -> dict[str, MeasureStatus]:
        """Each reported measure's current status (the log's entries folded), by measure id."""
        return self.log.current()


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


def load(
    path: str | os.PathLike[str] | None = None, status: str | os.PathLike[str] | None = None
) -> Dataset:
    """The validated data: ``path``, else ``$DIGIVISIO_DATA``, else the bundled file.

    With a status log (``status``, else ``$DIGIVISIO_STATUS``), a :class:`DatasetWithStatus`
    holding it too, checked against the data as ``--status`` is. Raises
    :class:`DataFileError` with every problem found, as ``digivisio validate`` reports them.
    """
    from digivisio_cli.data.matrix import load as load_matrix
    from digivisio_cli.data.status import load as load_log
    from digivisio_cli.data.status import resolve_status_path

    with _worded():
        dataset = load_matrix(path)
        log_path = resolve_status_path(status)
        if log_path is None:
            return dataset
        log = load_log(log_path, dataset)
        values = {f.name: getattr(dataset, f.name) for f in fields(Dataset)}
        return DatasetWithStatus(**values, log=log)


def _status(ds: Dataset) -> dict[str, MeasureStatus] | None:
    return ds.status if isinstance(ds, DatasetWithStatus) else None


def measures(
    ds: Dataset,
    actor: str | None = None,
    role: str | None = None,
    goal: str | None = None,
    pending: bool | None = None,
    search: str | None = None,
    state: str | Sequence[str] | None = None,
    health: str | Sequence[str] | None = None,
) -> list[Measure]:
    """The measures passing every filter given, in document order (``digivisio measures``).

    ``actor`` is an agency's code or any of its names (``"oph"``, ``"EDUFI"``); ``role`` is
    ``"responsible"`` or ``"partner"``; ``goal`` an id prefix by components (``"3.1"``);
    ``search`` plain text, case- and accent-insensitive. With a status log loaded, ``state``
    and ``health`` keep the measures in these states or of this health (a code, a label, or a
    list of them; a measure never reported is ``"not-started"``). An unknown agency, role,
    state or health raises :class:`UsageError`, as does ``state`` without a log.
    """
    from digivisio_cli.domain.query import Filters, filter_measures

    with _worded():
        if role is not None and role not in ROLES:
            raise UsageError("unknown_role", value=role, options=", ".join(ROLES))
        chosen: Role | None = (
            "responsible" if role == "responsible" else "partner" if role else None
        )
        found = filter_measures(ds, Filters(actor, chosen, goal, pending, search))
        if state is None and health is None:
            return found
        return _by_status(ds, found, state, health)


def _by_status(
    ds: Dataset,
    found: list[Measure],
    state: str | Sequence[str] | None,
    health: str | Sequence[str] | None,
) -> list[Measure]:
    """The measures in ``state`` and of ``health``: the codes read as ``--state`` reads them."""
    from digivisio_cli.app.status_cmd import parse_codes
    from digivisio_cli.domain.status import matches, status_of
    from digivisio_cli.i18n import detect_lang

    status = _status(ds)
    if status is None:
        raise UsageError("status_needed", option="state=" if state is not None else "health=")

    def joined(value: str | Sequence[str] | None) -> str | None:
        return value if value is None or isinstance(value, str) else ",".join(value)

    lang = detect_lang()
    states = parse_codes(joined(state), "state", lang)
    healths = parse_codes(joined(health), "health", lang)
    return [m for m in found if matches(status_of(status, m.id), states, healths)]


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
    ``digivisio measures -f json`` (with a status log, its status columns too); a matrix the rows of ``digivisio matrix -f json``; agency
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
    return records(views.measures_view(source, found, lang, original, None, _status(source)))
