"""The workbook's tracking sheet, its hidden snapshot, and the progress sheet with charts.

Called from :mod:`digivisio_cli.render.xlsx` with the open XlsxWriter workbook, so that the
fill-in sheet lives apart from the listing sheets. The tracking sheet marks what is to be filled
in (white cells, drop-down lists, a date check) and what is not (grey); the hidden sheet keeps
the snapshot that ``status import`` compares the filled-in sheet with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
from digivisio_cli.render.cells import cell_text
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular
from digivisio_cli.render.trackview import EDITABLE

#: Column widths of the tracking sheet, by column key.
_WIDTHS = {"id": 10, "goal": 8, "responsible": 13, "text": 60, "state": 16, "health": 22}
_WIDE = {"text", "new_note", "last_note", "link"}
#: One colour per state, for the charts and the page (readable in greyscale: light to dark).
STATE_COLOURS = {
    "not-started": "#D9D9D9",
    "in-progress": "#6FA8DC",
    "done": "#2E7D32",
    "on-hold": "#F6B26B",
    "dropped": "#7F7F7F",
}
#: Points per line of wrapped text (Calibri 11, Excel's default).
_LINE_HEIGHT = 15
#: Due dates a date validation accepts: any plausible target date.
_DATE_RANGE = (dt.datetime(2000, 1, 1), dt.datetime(2100, 12, 31))


def _formats(book: Any) -> dict[str, Any]:
    base = {"valign": "top", "border": 1, "border_color": "#BFBFBF"}
    return {
        "head_ro": book.add_format(
            {**base, "bold": True, "bg_color": "#D9D9D9", "text_wrap": True}
        ),
        "head_rw": book.add_format(
            {**base, "bold": True, "bg_color": "#FFE699", "text_wrap": True}
        ),
        "ro": book.add_format({**base, "bg_color": "#F2F2F2", "font_color": "#404040"}),
        "ro_wrap": book.add_format(
            {**base, "bg_color": "#F2F2F2", "font_color": "#404040", "text_wrap": True}
        ),
        "rw": book.add_format({**base, "locked": False}),
        "rw_wrap": book.add_format({**base, "locked": False, "text_wrap": True}),
        "rw_date": book.add_format({**base, "locked": False, "num_format": "yyyy-mm-dd"}),
    }


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


def write_tracking(book: Any, name: str, tab: Tabular, ctx: RenderContext) -> None:
    """The tracking sheet ``name`` from ``tab`` (a tracking view), and its hidden snapshot."""
    fmt = _formats(book)
    sheet = book.add_worksheet(name)
    keys = [c.key for c in tab.columns]
    col = {key: j for j, key in enumerate(keys)}
    for j, column in enumerate(tab.columns):
        editable = column.key in EDITABLE
        sheet.write_string(0, j, column.label, fmt["head_rw" if editable else "head_ro"])
        sheet.set_column(j, j, _WIDTHS.get(column.key, 40 if column.key in _WIDE else 14))
    widths = {key: _WIDTHS.get(key, 40 if key in _WIDE else 14) for key in keys}
    for i, row in enumerate(tab.rows, start=1):
        # XlsxWriter cannot measure text and spreadsheets do not grow a row on opening: the row
        # gets the height of its longest wrapped cell, estimated from the column's width.
        lines = max(
            (_lines(cell_text(row.get(k), ctx.lang), widths[k]) for k in keys if k in _WIDE),
            default=1,
        )
        sheet.set_row(i, _LINE_HEIGHT * lines)
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
                sheet.write_string(i, j, cell_text(value, ctx.lang), fmt[style])
    last = max(len(tab.rows), 1)
    _validations(sheet, col, last, ctx.lang)
    sheet.freeze_panes(1, 1)
    if tab.rows:
        sheet.autofilter(0, 0, len(tab.rows), len(keys) - 1)
    _print_setup(sheet)
    sheet.repeat_rows(0)  # the header on every printed page
    snapshot = (tab.envelope or {}).get("snapshot")
    if isinstance(snapshot, Snapshot):
        _write_snapshot(book, snapshot)


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide (≤ 12)."""
    per_line = max(int(width * 1.2), 1)
    return min(max(-(-len(text) // per_line), 1), 12)


def _print_setup(sheet: Any) -> None:
    """A4 landscape, as wide as one page (a meeting prints the sheet to hand round)."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _write_snapshot(book: Any, snap: Snapshot) -> None:
    sheet = book.add_worksheet(SNAPSHOT_SHEET)
    sheet.write_string(0, 0, SNAPSHOT_MARK)
    meta = {
        "version": str(SNAPSHOT_VERSION),
        "data_sha256": snap.data_hash,
        "log_sha256": snap.log_hash,
        "exported": snap.exported,
        "lang": snap.lang,
        "sheet": snap.sheet,
        "log_entries": str(snap.log_entries),
    }
    for i, key in enumerate(SNAPSHOT_META, start=1):
        sheet.write_string(i, 0, key)
        sheet.write_string(i, 1, meta[key])
    top = len(SNAPSHOT_META) + 2
    for j, key in enumerate(SNAPSHOT_ROWS):
        sheet.write_string(top, j, key)
    for i, row in enumerate(snap.rows, start=top + 1):
        cells = [str(row.row), row.measure, row.text_hash, *(row.values.get(f) for f in FIELDS)]
        for j, value in enumerate(cells):
            if value:
                sheet.write_string(i, j, value)
    # Hidden, not "very hidden": a curious user can still unhide it and see what it keeps.
    sheet.hide()


def write_progress(book: Any, name: str, tabs: Sequence[Tabular], ctx: RenderContext) -> None:
    """The progress sheet: each progress view's numbers, and beside them a stacked bar chart."""
    sheet = book.add_worksheet(name)
    _print_setup(sheet)
    head = book.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "font_size": 13})
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 2 + len(STATES), 11)
    top = 0
    for tab in tabs:
        sheet.write_string(top, 0, tab.title or tab.kind, title)
        head_row = top + 1
        for j, column in enumerate(tab.columns):
            sheet.write_string(head_row, j, column.label, head)
        for i, row in enumerate(tab.rows, start=head_row + 1):
            for j, column in enumerate(tab.columns):
                value = row.get(column.key)
                if column.number and isinstance(value, int):
                    sheet.write_number(i, j, value)
                else:
                    sheet.write_string(i, j, cell_text(value, ctx.lang))
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
        chart.set_y_axis({"reverse": True, "crossing": "max"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 620, "height": 120 + 34 * max(len(tab.rows), 1)})
        sheet.insert_chart(top, len(tab.columns) + 1, chart)
        top = max(last + 3, top + 10 + 2 * len(tab.rows))


def write_special(
    book: Any,
    tab: Tabular,
    sections: Sequence[Tabular],
    name_for: Any,
    ctx: RenderContext,
) -> bool:
    """Write ``tab`` if it is a tracking or progress view (True), else leave it to the caller.

    The progress views share one sheet, written when the first of them comes; ``name_for``
    turns a title into a sheet name that is not taken yet.
    """
    if tab.kind == "tracking":
        name_for(SNAPSHOT_SHEET)  # reserve the hidden sheet's name
        write_tracking(book, name_for(tab.sheet_name or tab.kind), tab, ctx)
        return True
    if tab.kind.startswith("progress-"):
        progress = [t for t in sections if t.kind.startswith("progress-")]
        if tab is progress[0]:
            write_progress(book, name_for(tab.sheet_name or "progress"), progress, ctx)
        return True
    return False
