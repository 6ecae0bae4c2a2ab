"""CSV (RFC 4180) of a listing, with a header of stable keys; the ``excel`` dialect for a Finnish Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from digivisio_cli.render.cells import machine_cell, neutralize
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Column, Tabular, Value


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """RFC 4180 CSV of the first section, header of stable keys; ``excel``: BOM and ``;``."""
    tab = sections[0]
    cols = tab.machine_columns()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if ctx.excel else ",", lineterminator="\r\n")
    writer.writerow([c.key for c in cols])
    for row in tab.rows:
        writer.writerow([_csv_cell(c, row.get(c.key)) for c in cols])
    text = out.getvalue()
    return ("\ufeff" + text) if ctx.excel else text


def _csv_cell(col: Column, value: Value) -> str:
    text = machine_cell(value)
    return text if col.number else neutralize(text)
