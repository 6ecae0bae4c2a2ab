"""The XLSX export, written with XlsxWriter: a workbook that reads and prints well.

XlsxWriter was chosen over openpyxl for writing: it streams a workbook in memory, is fast, has
``write_string`` so that no text can ever become a formula, and gives autofilters, frozen panes
and wrapped formats directly. (openpyxl is used by the tests to read the result back.)

Every sheet is for people: headers are the labels in the chosen language and flags are yes/no
in words (programs read the csv or json export, whose keys are stable). Printing: A4 landscape,
one page wide, the header row repeated on every page, the sheet's title in the page header and
the page number in the footer. Row heights are written for every row whose text wraps: neither
XlsxWriter nor LibreOffice fits them when the file is opened, and a row left at the default
height clips its text. A text that a spreadsheet would take for a formula is stored exactly as
written, as a string, with the quote-prefix style (what typing an apostrophe in front does).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render import tracking
from digivisio_cli.render.cells import LIST_SEPARATOR, formula_like, yes_no
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Column, Tabular, Value
from digivisio_cli.settings import Lang

#: Excel's limit on sheet names, and the characters it forbids in them.
_SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = set("[]:*?/\\")
#: Excel reserves this sheet name (any case) for its change history.
_SHEET_RESERVED = "history"
#: The most characters a spreadsheet cell holds (Excel's limit; XlsxWriter cuts silently).
CELL_MAX = 32_767
#: Column widths, in Excel's unit (the width of a digit of the default font, Calibri 11).
_WIDE, _NARROW_MAX, _MIN = 42, 22, 6
#: How many characters of running text fit in one width unit: letters are narrower than digits
#: (measured in LibreOffice with Carlito, metric-compatible with Calibri: about 1.3), a bold
#: header's a little less so. Slightly low, so that a row is rather too tall than clipped.
_CHARS_PER_UNIT, _BOLD_CHARS_PER_UNIT = 1.25, 1.1
#: The height of one line of Calibri 11 in points (Excel's default row), and the cell's padding.
_LINE_PT, _PAD_PT = 15.0, 2.0
#: Excel's limit on a row's height, in points.
_MAX_ROW_PT = 409.0


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


def wrapped_lines(text: str, capacity: float) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries, ``capacity`` chars a line.

    Greedy, as a spreadsheet wraps: a word that does not fit starts a new line, a word longer
    than a line takes as many lines as it needs. Line breaks in the text are kept.
    """
    per_line = max(1, int(capacity))
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // per_line
            used = len(word) - ((len(word) - 1) // per_line) * per_line
    return lines


def _row_height(texts: Sequence[tuple[str, float]], chars_per_unit: float) -> float | None:
    """The height that fits the tallest wrapped text of a row, or None if one line is enough."""
    lines = max((wrapped_lines(t, w * chars_per_unit) for t, w in texts if t), default=1)
    if lines <= 1:
        return None
    return min(_MAX_ROW_PT, lines * _LINE_PT + _PAD_PT)


def _text(value: Value, lang: Lang) -> str:
    """A value as a person reads it in a sheet: lists joined, flags in words, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def _width(col: Column, header: str, texts: Sequence[str]) -> float:
    """A column's width: wide free text gets a fixed width, other columns fit their content."""
    if col.wide:
        return _WIDE
    longest_word = max((len(w) for w in header.split()), default=0)
    longest_cell = max((len(t) for t in texts), default=0)
    return max(_MIN, min(_NARROW_MAX, max(longest_cell, longest_word) + 2))


def _header_footer(text: str) -> str:
    """Text for a page header or footer: '&' is its control character."""
    return text.replace("&", "&&")


def render(sections: Sequence[Tabular], ctx: RenderContext) -> bytes:
    """A workbook with one sheet per section, laid out for the screen and for A4 landscape."""
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
    border = {"border": 1, "border_color": "#B7B7B7", "valign": "top"}
    header = book.add_format(
        {
            **border,
            "bold": True,
            "bg_color": "#DDE4EE",
            "text_wrap": True,
            "border_color": "#808080",
        }
    )
    # Every text cell wraps; quote_prefix for a text a spreadsheet would take for a formula.
    body = {
        quoted: book.add_format({**border, "text_wrap": True, "quote_prefix": quoted})
        for quoted in (False, True)
    }
    number = book.add_format(border)
    used: set[str] = set()
    layout = tracking.Layout(
        ctx,
        page_setup=lambda sheet, tab: _page_setup(sheet, tab, ctx),
        row_height=lambda texts, bold: _row_height(
            texts, _BOLD_CHARS_PER_UNIT if bold else _CHARS_PER_UNIT
        ),
    )
    for tab in sections:
        # The fill-in and progress sheets have layouts of their own (render/tracking.py).
        if tracking.write_special(book, tab, sections, lambda t: sheet_name(t, used), layout):
            continue
        title = sheet_name(tab.sheet_name or tab.kind, used)
        sheet: Any = book.add_worksheet(title)
        _write_sheet(sheet, tab, ctx, header, body, number, title)
    book.close()
    return buffer.getvalue()


def _write_sheet(
    sheet: Any,
    tab: Tabular,
    ctx: RenderContext,
    header: Any,
    body: dict[bool, Any],
    number: Any,
    title: str,
) -> None:
    cols = tab.human_columns() if tab.human_sheet else tab.machine_columns()
    labels = [c.label or c.key for c in cols]
    cells = [[_text(row.get(c.key), ctx.lang) for c in cols] for row in tab.rows]
    for row, texts in zip(tab.rows, cells, strict=True):
        for j, col in enumerate(cols):
            if len(texts[j]) > CELL_MAX:
                _warn_cut(ctx, str(row.get("id") or title), col.key, len(texts[j]))
                texts[j] = texts[j][: CELL_MAX - 1] + "…"
    widths = [_width(col, labels[j], [r[j] for r in cells]) for j, col in enumerate(cols)]
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width)
    for j, text in enumerate(labels):
        sheet.write_string(0, j, text, header)
    sheet.set_row(0, _row_height(list(zip(labels, widths, strict=True)), _BOLD_CHARS_PER_UNIT))
    for i, (row, texts) in enumerate(zip(tab.rows, cells, strict=True), start=1):
        for j, col in enumerate(cols):
            value = row.get(col.key)
            if col.number and isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(i, j, value, number)
            else:
                sheet.write_string(i, j, texts[j], body[formula_like(texts[j])])
        sheet.set_row(i, _row_height(list(zip(texts, widths, strict=True)), _CHARS_PER_UNIT))
    sheet.freeze_panes(1, 0)
    if tab.rows and cols:
        sheet.autofilter(0, 0, len(tab.rows), len(cols) - 1)
    _page_setup(sheet, tab, ctx)


def _page_setup(sheet: Any, tab: Tabular, ctx: RenderContext) -> None:
    """A4 landscape, one page wide, the header row on every page, a title and page numbers."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as it takes
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    title = _header_footer(tab.title or tab.sheet_name or tab.kind)
    stamp = _header_footer(f"digivisio {ctx.generated}".strip())
    sheet.set_header(f"&L&B{title}&R{stamp}", {"margin": 0.3})
    sheet.set_footer("&C&P / &N", {"margin": 0.3})
