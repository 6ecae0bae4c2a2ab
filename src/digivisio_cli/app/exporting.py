"""``export``: which sections an export holds, rendering them, and where the result goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digivisio_cli.app.terminal import Environment
from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.errors import UsageError
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
    (as of a date, with ``as_of``)."""
    from digivisio_cli.render.views import export_sections, matrix_view, measures_view

    if FORMATS[request.format].package:
        from digivisio_cli.render.package import package_sections

        return package_sections(dataset, measures, lang, generated, request.filters, as_of, log)
    if FORMATS[request.format].whole_export:
        return export_sections(
            dataset, measures, lang, request.original, generated, as_of, status, what=request.what
        )
    if request.what == "matrix":
        return [matrix_view(dataset, measures, lang, as_of)]
    return [measures_view(dataset, measures, lang, request.original, as_of, status)]


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
    from digivisio_cli.app.output import write_atomic, write_folder_atomic

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
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if request.output in (None, "-"):
        if spec.binary and env.stdout_isatty:
            raise UsageError("binary_to_terminal", format=request.format)
        env.write(data)
        return None
    assert request.output is not None
    write_atomic(Path(request.output), data, force=request.force)
    return request.output
