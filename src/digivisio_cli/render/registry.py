"""The one registry of output formats, and the single authority on what each can do.

Every format renders a list of :class:`~digivisio_cli.render.tabular.Tabular` sections into text
or bytes (a folder format: into files by name), without doing any I/O. The CLI derives its
``--format`` choices from here and asks a format's capabilities instead of naming formats. Each
format's module is imported only when the format is used (by a plain import inside its entry
below), so json, csv and plain output never pay for Rich or XlsxWriter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digivisio_cli.errors import UsageError
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular

__all__ = ["EXPORT_FORMATS", "FORMATS", "LISTING_FORMATS", "WHATS", "Format", "RenderContext"]

Renderer = Callable[[Sequence[Tabular], RenderContext], "str | bytes"]
#: A folder format's renderer: the files to write, by name inside the folder.
FilesRenderer = Callable[[Sequence[Tabular], RenderContext], dict[str, bytes]]

#: What an export can hold (``--what``): the measures, or the goals × agencies matrix.
WHATS = ("measures", "matrix")


@dataclass(frozen=True)
class Format:
    """An output format: its name, its renderer, and what it can do."""

    name: str
    render: Renderer
    #: Offered by the listing commands (``measures``, ``who-owns``…).
    listing: bool = True
    #: Offered by ``export``.
    export: bool = True
    #: Renders bytes, not text: never to a terminal.
    binary: bool = False
    #: Shows a view's notes itself; otherwise they go to stderr, out of the data.
    notes_inline: bool = False
    #: Renders every section of an export (a workbook, a page); otherwise one (``--what``).
    whole_export: bool = False
    #: Writes a folder of files (``-o DIR``), never one stream: ``files`` renders them.
    files: FilesRenderer | None = None
    #: Holds the data itself as described, related tables, not views of it.
    package: bool = False
    #: The ``--what`` values it honours (a whole export holds both; a package neither view).
    what: tuple[str, ...] = WHATS
    #: Read back by ``status import``: a workbook gets a tracking sheet to fill in; a listing
    #: made with a status log in use gets an empty ``new_note`` column beside its status.
    fill_in: bool = False
    #: An export shows progress (states per agency and theme) when a status log is in use.
    progress: bool = False

    @property
    def folder(self) -> bool:
        """Whether it writes a folder (and so needs ``-o DIR`` and cannot go to stdout)."""
        return self.files is not None


def _table(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import table

    return table.render(sections, ctx)


def _plain(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import plain

    return plain.render(sections, ctx)


def _csv(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import csv

    return csv.render(sections, ctx)


def _json(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import json

    return json.render(sections, ctx)


def _md(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import md

    return md.render(sections, ctx)


def _xlsx(sections: Sequence[Tabular], ctx: RenderContext) -> bytes:
    from digivisio_cli.render import xlsx

    return xlsx.render(sections, ctx)


def _html(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    from digivisio_cli.render import html

    return html.render(sections, ctx)


def _datapackage(sections: Sequence[Tabular], ctx: RenderContext) -> dict[str, bytes]:
    from digivisio_cli.render import datapackage

    return datapackage.render_files(sections, ctx)


def _folder_only(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    # A folder format has no single stream to render; the export asks `folder` first, so this
    # is reached only by a caller that did not.
    raise UsageError("needs_folder", format="datapackage")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", _table, export=False, notes_inline=True),
        Format("plain", _plain),
        Format("csv", _csv, fill_in=True),
        Format("json", _json),
        Format("md", _md, notes_inline=True),
        Format(
            "xlsx",
            _xlsx,
            listing=False,
            binary=True,
            whole_export=True,
            fill_in=True,
            progress=True,
        ),
        Format("html", _html, listing=False, notes_inline=True, whole_export=True, progress=True),
        Format(
            "datapackage",
            _folder_only,
            listing=False,
            whole_export=True,
            files=_datapackage,
            package=True,
            what=("measures",),
        ),
    )
}

#: The names offered by the listing commands and by ``export``, in the registry's order.
LISTING_FORMATS = [name for name, f in FORMATS.items() if f.listing]
EXPORT_FORMATS = [name for name, f in FORMATS.items() if f.export]
