"""CSV (RFC 4180) of a listing, with a header of stable keys; the ``excel`` dialect for a Finnish Excel.

Every text field of the data is quoted (the header's keys and the counts are not): LibreOffice's default import splits on
comma, semicolon and tab at once, and only quotes keep a text holding any of them in its column.
Scripts read the same values either way.

The ``excel`` dialect (UTF-8 byte-order mark, ``;``) is the file people double-click. A
spreadsheet reads a quoted field as a number or a date all the same, so a goal id ``3.1.1``
would become 3 January 2001 in a Finnish locale. There, a text that looks like a number or a
date gets an invisible WORD JOINER (U+2060) in front: the cell shows the id as written and
stays text, and the file is still plain RFC 4180. The trade-off: a script that reads the
``excel`` file gets ``"\u20603.1.1"``; the plain CSV, the one for programs, never has it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from digivisio_cli.render.cells import machine_cell, neutralize
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Column, Tabular, Value

#: Put before a text a spreadsheet would read as a number or a date (``excel`` dialect only).
WORD_JOINER = "\u2060"
#: Text that a spreadsheet may read as a number, a date, a time, a fraction or a percentage:
#: a digit first, then only digits, spaces and the separators those forms use.
_NUMBER_LIKE = re.compile(r"\s*[0-9][0-9\s.,:/%eE+\-]*")


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """RFC 4180 CSV of the first section, header of stable keys; ``excel``: BOM and ``;``."""
    tab = sections[0]
    cols = tab.machine_columns()
    out = io.StringIO()
    delimiter = ";" if ctx.excel else ","
    # The header's keys are plain identifiers: quoted only if one ever needed it.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow([c.key for c in cols])
    # QUOTE_NONNUMERIC quotes every str and no int: the cells below are one or the other.
    writer = csv.writer(
        out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )
    for row in tab.rows:
        writer.writerow([_csv_cell(c, row.get(c.key), ctx.excel) for c in cols])
    text = out.getvalue()
    return ("\ufeff" + text) if ctx.excel else text


def _csv_cell(col: Column, value: Value, excel: bool) -> str | int:
    if col.number and isinstance(value, int) and not isinstance(value, bool):
        return value
    text = machine_cell(value)
    if col.number:
        return text
    text = neutralize(text)
    if excel and _NUMBER_LIKE.fullmatch(text):
        return WORD_JOINER + text
    return text
