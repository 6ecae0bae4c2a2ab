"""The XLSX export, written with XlsxWriter.

XlsxWriter was chosen over openpyxl for writing: it streams a workbook in memory, is fast, has
``write_string`` so that no text can ever become a formula, and gives autofilters, frozen panes
and wrapped formats directly. (openpyxl is used by the tests to read the result back.)
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render.cells import machine_cell, neutralize
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular

#: Excel's limit on sheet names, and the characters it forbids in them.
_SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = set("[]:*?/\\")
#: Excel reserves this sheet name (any case) for its change history.
_SHEET_RESERVED = "history"
#: The most characters a spreadsheet cell holds (Excel's limit; XlsxWriter cuts silently).
CELL_MAX = 32_767


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unused sheet name made from ``title`` (an agency code can be anything).

    Excel forbids ``[]:*?/\\``, an apostrophe at either end, more than 31 characters, an empty
    name and "History"; names differing only by case clash.
    """
    name = "".join("_" if ch in _SHEET_FORBIDDEN else ch for ch in title)
    name = name.strip("'")[:_SHEET_NAME_MAX].strip("'") or "_"
    if name.lower() == _SHEET_RESERVED:
        name += "_"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def _warn_cut(ctx: RenderContext, ident: str, column: str, length: int) -> None:
    warning = (
        "cell_too_long",
        {"id": ident, "column": column, "length": length, "limit": CELL_MAX},
    )
    if warning not in ctx.warnings:  # a measure stands on several sheets: say it once
        ctx.warnings.append(warning)


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
        title = sheet_name(tab.sheet_name or tab.kind, used)
        sheet: Any = book.add_worksheet(title)
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
                    text = neutralize(machine_cell(value))
                    if len(text) > CELL_MAX:
                        _warn_cut(ctx, str(row.get("id") or title), col.key, len(text))
                        text = text[: CELL_MAX - 1] + "…"
                    sheet.write_string(i, j, text)
        sheet.freeze_panes(1, 0)
        if tab.rows and cols:
            sheet.autofilter(0, 0, len(tab.rows), len(cols) - 1)
    book.close()
    return buffer.getvalue()
