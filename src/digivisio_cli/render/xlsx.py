"""The XLSX export, written with XlsxWriter.

XlsxWriter was chosen over openpyxl for writing: it streams a workbook in memory, is fast, has
``write_string`` so that no text can ever become a formula, and gives autofilters, frozen panes
and wrapped formats directly. (openpyxl is used by the tests to read the result back.)
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render import tracking
from digivisio_cli.render.cells import machine_cell, neutralize
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular

#: Excel's limit on sheet names, and the characters it forbids in them.
_SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = set("[]:*?/\\")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join("_" if ch in _SHEET_FORBIDDEN else ch for ch in title)[:_SHEET_NAME_MAX]
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def render(sections: Sequence[Tabular], ctx: RenderContext) -> bytes:
    """A workbook with one sheet per section: header frozen, autofilter, wrapped long text."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    header = book.add_format(
        {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True, "valign": "top"}
    )
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    used: set[str] = set()
    for tab in sections:
        # The fill-in and progress sheets have layouts of their own (render/tracking.py).
        if tracking.write_special(book, tab, sections, lambda t: _sheet_name(t, used), ctx):
            continue
        sheet: Any = book.add_worksheet(_sheet_name(tab.sheet_name or tab.kind, used))
        cols = tab.machine_columns() if not tab.human_sheet else tab.human_columns()
        for j, col in enumerate(cols):
            sheet.write_string(0, j, col.key if not tab.human_sheet else col.label, header)
            width = (
                70
                if col.wide or col.key in ("text", "translation", "note")
                else (10 if col.number else 18)
            )
            sheet.set_column(j, j, width, wrap if width >= 18 else top)
        for i, row in enumerate(tab.rows, start=1):
            for j, col in enumerate(cols):
                value = row.get(col.key)
                if col.number and isinstance(value, int) and not isinstance(value, bool):
                    sheet.write_number(i, j, value)
                else:
                    sheet.write_string(i, j, neutralize(machine_cell(value)))
        sheet.freeze_panes(1, 0)
        if tab.rows and cols:
            sheet.autofilter(0, 0, len(tab.rows), len(cols) - 1)
    book.close()
    return buffer.getvalue()
