"""The workbook's tracking sheet, its hidden snapshot, and the progress sheet with charts.

Called from :mod:`digivisio_cli.render.xlsx` with the open XlsxWriter workbook, so that the
fill-in sheet lives apart from the listing sheets. The tracking sheet marks what is to be filled
in (white cells, drop-down lists, a date check) and what is not (grey); the hidden sheet keeps
the snapshot that ``status import`` compares the filled-in sheet with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from digivisio_cli.domain.status import HEALTHS, STATES
from digivisio_cli.domain.tracking import (
    FIELDS,
    SNAPSHOT_MARK,
    SNAPSHOT_META,
    SNAPSHOT_ROWS,
    SNAPSHOT_SHEET,
    SNAPSHOT_VERSION,
    Snapshot,
)
from digivisio_cli.i18n import label
from digivisio_cli.render.cells import cell_text, formula_like
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular
from digivisio_cli.render.trackview import EDITABLE

#: Column widths of the tracking sheet, by column key.
_WIDTHS = {"id": 10, "goal": 8, "responsible": 13, "text": 42, "state": 16, "health": 22}
_WIDE = {"text", "new_note", "last_note", "link"}
#: One colour per state, for the charts and the page (readable in greyscale: light to dark).
STATE_COLOURS = {
    "not-started": "#D9D9D9",
    "in-progress": "#6FA8DC",
    "done": "#2E7D32",
    "on-hold": "#F6B26B",
    "dropped": "#7F7F7F",
}
#: The width of the snapshot sheet's columns: a hash (64 characters) fits on one line.
_SNAPSHOT_WIDTH = 56
_BASE = {"valign": "top", "border": 1, "border_color": "#BFBFBF"}
_READ_ONLY = {**_BASE, "bg_color": "#F2F2F2", "font_color": "#404040"}
#: The cell formats of the tracking sheet: grey read-only cells, white editable (unlocked) ones.
_FORMAT_SPECS: dict[str, dict[str, object]] = {
    "head_ro": {**_BASE, "bold": True, "bg_color": "#D9D9D9", "text_wrap": True},
    "head_rw": {**_BASE, "bold": True, "bg_color": "#FFE699", "text_wrap": True},
    "ro": _READ_ONLY,
    "ro_wrap": {**_READ_ONLY, "text_wrap": True},
    "rw": {**_BASE, "locked": False},
    "rw_wrap": {**_BASE, "locked": False, "text_wrap": True},
    "rw_date": {**_BASE, "locked": False, "num_format": "yyyy-mm-dd"},
}
#: Due dates a date validation accepts: any plausible target date.
_DATE_RANGE = (dt.datetime(2000, 1, 1), dt.datetime(2100, 12, 31))


@dataclass(frozen=True)
class Layout:
    """What the workbook's own sheets are laid out with, handed over by render/xlsx.py so that
    every sheet prints and fits alike: the page setup, and a row's height for its wrapped texts
    (``(text, column width)`` pairs; ``bold`` for a header; None: one line is enough)."""

    ctx: RenderContext
    page_setup: Callable[[Any, Tabular], None]
    row_height: Callable[[Sequence[tuple[str, float]], bool], float | None]


def _formats(book: Any) -> dict[str, Any]:
    formats = {name: book.add_format(spec) for name, spec in _FORMAT_SPECS.items()}
    # A text a spreadsheet would take for a formula keeps the quote-prefix style (as in
    # render/xlsx.py): shown and read back exactly as written, never evaluated.
    for name in ("ro", "ro_wrap", "rw", "rw_wrap"):
        formats[f"{name}_quoted"] = book.add_format({**_FORMAT_SPECS[name], "quote_prefix": True})
    return formats


def _validations(sheet: Any, col: dict[str, int], last: int, lang: str) -> None:
    def choices(kind: str, codes: Sequence[str]) -> dict[str, Any]:
        return {
            "validate": "list",
            "source": [label(f"{kind}_{c}", lang) for c in codes],
            "input_title": label("fill_in_title", lang),
            "input_message": label(f"fill_in_{kind}", lang),
            "error_title": label("fill_in_error_title", lang),
            "error_message": label("fill_in_error_list", lang),
            "error_type": "stop",
        }

    sheet.data_validation(1, col["state"], last, col["state"], choices("state", STATES))
    sheet.data_validation(1, col["health"], last, col["health"], choices("health", HEALTHS))
    sheet.data_validation(
        1,
        col["due"],
        last,
        col["due"],
        {
            "validate": "date",
            "criteria": "between",
            "minimum": _DATE_RANGE[0],
            "maximum": _DATE_RANGE[1],
            "input_title": label("fill_in_title", lang),
            "input_message": label("fill_in_due", lang),
            "error_title": label("fill_in_error_title", lang),
            "error_message": label("fill_in_error_date", lang),
            "error_type": "stop",
        },
    )


def write_tracking(book: Any, name: str, tab: Tabular, layout: Layout) -> None:
    """The tracking sheet ``name`` from ``tab`` (a tracking view), and its hidden snapshot."""
    ctx = layout.ctx
    fmt = _formats(book)
    sheet = book.add_worksheet(name)
    keys = [c.key for c in tab.columns]
    col = {key: j for j, key in enumerate(keys)}
    widths = [_WIDTHS.get(key, 40 if key in _WIDE else 14) for key in keys]
    for j, column in enumerate(tab.columns):
        editable = column.key in EDITABLE
        sheet.write_string(0, j, column.label, fmt["head_rw" if editable else "head_ro"])
        sheet.set_column(j, j, widths[j])
    labels = [c.label for c in tab.columns]
    sheet.set_row(0, layout.row_height(list(zip(labels, widths, strict=True)), True))
    for i, row in enumerate(tab.rows, start=1):
        texts = [cell_text(row.get(k), ctx.lang) for k in keys]
        # XlsxWriter cannot measure text and spreadsheets do not grow a row on opening.
        sheet.set_row(i, layout.row_height(list(zip(texts, widths, strict=True)), False))
        for j, key in enumerate(keys):
            value = row.get(key)
            editable = key in EDITABLE
            style = ("rw" if editable else "ro") + ("_wrap" if key in _WIDE else "")
            if key == "due":
                style = "rw_date"
                if isinstance(value, str) and value:
                    sheet.write_datetime(i, j, dt.datetime.fromisoformat(value), fmt[style])
                else:
                    sheet.write_blank(i, j, None, fmt[style])
            elif value in (None, "", []):
                sheet.write_blank(i, j, None, fmt[style])
            else:
                # NOTE: write_string, never write(): no text a person typed becomes a formula, and
                # what is read back at import is exactly what was written.
                quoted = "_quoted" if formula_like(texts[j]) else ""
                sheet.write_string(i, j, texts[j], fmt[style + quoted])
    last = max(len(tab.rows), 1)
    _validations(sheet, col, last, ctx.lang)
    sheet.freeze_panes(1, 1)
    if tab.rows:
        sheet.autofilter(0, 0, len(tab.rows), len(keys) - 1)
    layout.page_setup(sheet, tab)
    snapshot = (tab.envelope or {}).get("snapshot")
    if isinstance(snapshot, Snapshot):
        _write_snapshot(book, snapshot, tab, layout)


def _write_snapshot(book: Any, snap: Snapshot, tab: Tabular, layout: Layout) -> None:
    sheet = book.add_worksheet(SNAPSHOT_SHEET)
    meta = {
        "version": str(SNAPSHOT_VERSION),
        "data_sha256": snap.data_hash,
        "log_sha256": snap.log_hash,
        "exported": snap.exported,
        "lang": snap.lang,
        "sheet": snap.sheet,
        "log_entries": str(snap.log_entries),
    }
    top = len(SNAPSHOT_META) + 2
    meta_rows: list[list[str | None]] = [[key, meta[key]] for key in SNAPSHOT_META]
    grid: list[list[str | None]] = [
        [SNAPSHOT_MARK],
        *meta_rows,
        [],
        list(SNAPSHOT_ROWS),
        *(
            [str(r.row), r.measure, r.text_hash, *(r.values.get(f) for f in FIELDS)]
            for r in snap.rows
        ),
    ]
    assert len(grid) == top + 1 + len(snap.rows)
    widths = [_SNAPSHOT_WIDTH] * len(SNAPSHOT_ROWS)
    sheet.set_column(0, len(widths) - 1, _SNAPSHOT_WIDTH)
    for i, cells in enumerate(grid):
        for j, value in enumerate(cells):
            if value:
                sheet.write_string(i, j, value)
        texts = [(v or "", widths[j]) for j, v in enumerate(cells)]
        sheet.set_row(i, layout.row_height(texts, False))
    layout.page_setup(sheet, tab)
    # Hidden, not "very hidden": a curious user can still unhide it and see what it keeps.
    sheet.hide()


def write_progress(book: Any, name: str, tabs: Sequence[Tabular], layout: Layout) -> None:
    """The progress sheet: each progress view's numbers, and beside them a stacked bar chart."""
    ctx = layout.ctx
    sheet = book.add_worksheet(name)
    head = book.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 13})
    widths = [14.0, 36.0, *([12.0] * (len(STATES) + 1))]
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width)
    top = 0
    for tab in tabs:
        sheet.write_string(top, 0, tab.title or tab.kind, title)
        sheet.set_row(top, layout.row_height([(tab.title or "", sum(widths))], True))
        head_row = top + 1
        for j, column in enumerate(tab.columns):
            sheet.write_string(head_row, j, column.label, head)
        labels = [(c.label, widths[j]) for j, c in enumerate(tab.columns)]
        sheet.set_row(head_row, layout.row_height(labels, True))
        for i, row in enumerate(tab.rows, start=head_row + 1):
            texts: list[tuple[str, float]] = []
            for j, column in enumerate(tab.columns):
                value = row.get(column.key)
                if column.number and isinstance(value, int):
                    sheet.write_number(i, j, value)
                else:
                    text = cell_text(value, ctx.lang)
                    sheet.write_string(i, j, text, wrap)
                    texts.append((text, widths[j]))
            sheet.set_row(i, layout.row_height(texts, False))
        last = head_row + len(tab.rows)
        sheet.insert_chart(top, len(tab.columns) + 1, _chart(book, name, tab, head_row, ctx))
        top = max(last + 3, top + 10 + 2 * len(tab.rows))
    layout.page_setup(sheet, tabs[0])


def _chart(book: Any, name: str, tab: Tabular, head_row: int, ctx: RenderContext) -> Any:
    """A stacked bar chart of ``tab``'s state columns, its categories the first column."""
    first, last = head_row + 1, head_row + len(tab.rows)
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    for j, column in enumerate(tab.columns):
        if column.key in STATE_COLOURS:
            chart.add_series(
                {
                    "name": [name, head_row, j],
                    "categories": [name, first, 0, last, 0],
                    "values": [name, first, j, last, j],
                    "fill": {"color": STATE_COLOURS[column.key]},
                    "border": {"color": "#FFFFFF"},
                    "gap": 60,
                }
            )
    chart.set_title({"name": tab.title or tab.kind, "name_font": {"size": 11}})
    chart.set_x_axis(
        {"name": label("measure_count", ctx.lang), "major_gridlines": {"visible": True}}
    )
    # The first row on top, and the value axis below the bars rather than above them.
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 120 + 34 * max(len(tab.rows), 1)})
    return chart


def write_special(
    book: Any,
    tab: Tabular,
    sections: Sequence[Tabular],
    name_for: Callable[[str], str],
    layout: Layout,
) -> bool:
    """Write ``tab`` if it is a tracking or progress view (True), else leave it to the caller.

    The progress views share one sheet, written when the first of them comes; ``name_for``
    turns a title into a sheet name that is not taken yet.
    """
    if tab.kind == "tracking":
        name_for(SNAPSHOT_SHEET)  # reserve the hidden sheet's name
        write_tracking(book, name_for(tab.sheet_name or tab.kind), tab, layout)
        return True
    if tab.kind.startswith("progress-"):
        progress = [t for t in sections if t.kind.startswith("progress-")]
        if tab is progress[0]:
            write_progress(book, name_for(tab.sheet_name or "progress"), progress, layout)
        return True
    return False
