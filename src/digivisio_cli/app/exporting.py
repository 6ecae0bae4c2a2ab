"""``export``: which sections an export holds, rendering them, and where the result goes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digivisio_cli.app.report import PREFIX
from digivisio_cli.app.terminal import Environment
from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.domain.tracking import Reported, Snapshot
from digivisio_cli.errors import UsageError
from digivisio_cli.i18n import message
from digivisio_cli.render.registry import FORMATS, RenderContext
from digivisio_cli.render.tabular import Tabular

if TYPE_CHECKING:
    from digivisio_cli.domain.status import StatusLog
    from digivisio_cli.render.views import StatusMap
from digivisio_cli.settings import Lang


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked ``export`` for."""

    format: str
    what: str  # "measures" or "matrix"
    excel: bool
    original: bool
    output: str | None
    force: bool
    #: The filters given, by option name (``actor`` → ``OPH``): a package records them.
    filters: Mapping[str, str | bool] = field(default_factory=dict)
    tracking: Tracking | None = None


@dataclass(frozen=True)
class Tracking:
    """What a workbook's tracking sheet and the progress views are made from.

    ``data_path`` is the data file (its content hash goes into the snapshot); ``reported`` each
    measure's status in the log (empty without one); ``log_hash`` and ``log_entries`` the log's
    content hash and length at the export; ``log_in_use`` whether there is a log at all (only
    then is there progress to show).
    """

    data_path: Path
    reported: Mapping[str, Reported] = field(default_factory=dict)
    log_hash: str = ""
    log_entries: int = 0
    log_in_use: bool = False


def content_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes (read through the data layer's one bounded read)."""
    from digivisio_cli.data.source import read_bytes

    return hashlib.sha256(read_bytes(path)).hexdigest()


def _tracking_sections(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    request: ExportRequest,
    generated: str,
    as_of: AsOf | None = None,
) -> list[Tabular]:
    from digivisio_cli.render.trackview import progress_views, tracking_view

    spec, info = FORMATS[request.format], request.tracking
    if info is None:
        return []
    out: list[Tabular] = []
    if spec.fill_in:
        snapshot = Snapshot(
            content_hash(info.data_path), info.log_hash, generated, lang, "", info.log_entries
        )
        out.append(
            tracking_view(dataset, measures, lang, info.reported, snapshot, request.original)
        )
    if spec.progress and info.log_in_use:
        out.extend(progress_views(dataset, info.reported, lang, as_of))
    return out


def given(**filters: str | bool | None) -> dict[str, str | bool]:
    """The filters that were given (not None), by option name, for the export to record."""
    return {name: value for name, value in filters.items() if value is not None}


def check(request: ExportRequest) -> None:
    """Refuse, before any data is read, what the format cannot do (the registry says what)."""
    spec = FORMATS[request.format]
    if request.what not in spec.what:
        raise UsageError(
            "what_unsupported",
            format=request.format,
            what=request.what,
            options=", ".join(spec.what),
        )
    if spec.folder and request.output in (None, "-"):
        raise UsageError("needs_folder", format=request.format)


def sections_for(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    request: ExportRequest,
    generated: str,
    as_of: AsOf | None = None,
    status: StatusMap = None,
    log: StatusLog | None = None,
) -> list[Tabular]:
    """The sections of the export: a workbook or a page holds the measures (or the matrix) with
    their companions (the registry says which formats do), any other format the one asked for
    (as of a date, with ``as_of``).

    A workbook of the measures gets the tracking sheet to fill in; a workbook or a page of the
    measures made with a status log in use gets the progress views.
    """
    from digivisio_cli.render.views import export_sections, matrix_view, measures_view

    if FORMATS[request.format].package:
        from digivisio_cli.render.package import package_sections

        return package_sections(dataset, measures, lang, generated, request.filters, as_of, log)
    if FORMATS[request.format].whole_export:
        sections = export_sections(
            dataset, measures, lang, request.original, generated, as_of, status, request.what
        )
        if request.what == "matrix":
            return sections
        return sections + _tracking_sections(dataset, measures, lang, request, generated, as_of)
    if request.what == "matrix":
        return [matrix_view(dataset, measures, lang, as_of)]
    view = measures_view(dataset, measures, lang, request.original, as_of, status)
    if status is not None and FORMATS[request.format].fill_in:
        from digivisio_cli.render.trackview import add_new_note

        add_new_note(view, lang)
    return [view]


def export(
    env: Environment,
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    request: ExportRequest,
    as_of: AsOf | None = None,
    status: StatusMap = None,
    log: StatusLog | None = None,
) -> str | None:
    """Render the export and deliver it; the path written, or None when it went to stdout."""
    from digivisio_cli.app.output import (
        create_exclusive,
        replace_file,
        target_path,
        write_folder_atomic,
    )

    check(request)
    generated = dt.date.today().isoformat()
    spec = FORMATS[request.format]
    sections = sections_for(dataset, measures, lang, request, generated, as_of, status, log)
    ctx = RenderContext(lang=lang, excel=request.excel, generated=generated)
    if spec.files is not None:
        assert request.output is not None  # check() refused stdout
        write_folder_atomic(Path(request.output), spec.files(sections, ctx), force=request.force)
        return request.output
    rendered = spec.render(sections, ctx)
    for key, params in ctx.warnings:
        env.note(PREFIX + message(key, lang, **params))
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if request.output in (None, "-"):
        if spec.binary and env.stdout_isatty:
            raise UsageError("binary_to_terminal", format=request.format)
        env.write(data)
        return None
    assert request.output is not None
    path = target_path(request.output)
    if request.force:
        replace_file(path, data)
    else:
        create_exclusive(path, data)
    return request.output
