"""``export``: which sections an export holds, rendering them, and where the result goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digivisio_cli.app.terminal import Environment
from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.errors import UsageError
from digivisio_cli.render.registry import FORMATS, RenderContext
from digivisio_cli.render.tabular import Tabular

if TYPE_CHECKING:
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


def sections_for(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    request: ExportRequest,
    generated: str,
    as_of: AsOf | None = None,
    status: StatusMap = None,
) -> list[Tabular]:
    """The sections of the export: a workbook or a page holds the measures (or the matrix) with
    their companions (the registry says which formats do), any other format the one asked for
    (as of a date, with ``as_of``)."""
    from digivisio_cli.render.views import export_sections, matrix_view, measures_view

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
) -> str | None:
    """Render the export and deliver it; the path written, or None when it went to stdout."""
    from digivisio_cli.app.output import write_atomic

    generated = dt.date.today().isoformat()
    spec = FORMATS[request.format]
    rendered = spec.render(
        sections_for(dataset, measures, lang, request, generated, as_of, status),
        RenderContext(lang=lang, excel=request.excel, generated=generated),
    )
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if request.output in (None, "-"):
        if spec.binary and env.stdout_isatty:
            raise UsageError("binary_to_terminal", format=request.format)
        env.write(data)
        return None
    assert request.output is not None
    write_atomic(Path(request.output), data, force=request.force)
    return request.output
