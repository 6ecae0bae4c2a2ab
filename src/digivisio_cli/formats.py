"""The one registry of output formats.

Every format renders a list of :class:`~digivisio_cli.views.Tabular` sections (a listing is one
section; an export may have several) into text or bytes, without doing any I/O. Heavy libraries
(Rich, XlsxWriter) are imported inside the formats that need them, so json, csv and plain output
never pay for them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from digivisio_cli.i18n import label
from digivisio_cli.views import Column, Tabular, Value

#: How multi-valued cells (agency lists, other parties) are joined in csv, plain and xlsx output.
LIST_SEPARATOR = "; "
#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RenderContext:
    """What a format needs to know about where its output goes."""

    lang: str = "en"
    color: bool = False
    width: int = 100
    excel: bool = False  # csv: the dialect a Finnish Excel opens with a double-click
    generated: str = ""  # export date, for formats that record it


Renderer = Callable[[Sequence[Tabular], RenderContext], "str | bytes"]


@dataclass(frozen=True)
class Format:
    """An output format: its name, what it renders, and whether it is for exports only."""

    name: str
    render: Renderer
    binary: bool = False
    export_only: bool = False
    human: bool = False  # shows the human columns (labels in the user's language)
    description: str = ""


def neutralize(text: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate (OWASP: prefix a quote)."""
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def cell_text(value: Value, lang: str, separator: str = LIST_SEPARATOR) -> str:
    """A value as one line of text: lists joined, booleans in words, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, list):
        return separator.join(value)
    return str(value)


def machine_cell(value: Value) -> str:
    """A value for csv: lists joined, booleans as true/false, None empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


# --- json ----------------------------------------------------------------------------------


def _json_section(tab: Tabular) -> Any:
    cols = tab.machine_columns()
    rows = [{c.key: row.get(c.key) for c in cols} for row in tab.rows]
    if tab.envelope is None:
        return rows
    if not tab.rows_key:
        return tab.envelope
    return {**tab.envelope, tab.rows_key: rows}


def render_json(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """JSON: a listing's array (or object), or an object of sections for a multi-part export."""
    if len(sections) == 1:
        data = _json_section(sections[0])
    else:
        data = {s.kind: _json_section(s) for s in sections}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- csv -----------------------------------------------------------------------------------


def render_csv(sections: Sequence[Tabular], ctx: RenderContext) -> str:
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


# --- plain ---------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_plain(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """Tab-separated, one record per line, no header, no colour: for grep, cut and awk."""
    lines = []
    for tab in sections:
        cols = tab.human_columns()
        for row in tab.rows:
            lines.append(
                "\t".join(_one_line(cell_text(row.get(c.key), ctx.lang, ",")) for c in cols)
            )
    return "\n".join(lines) + ("\n" if lines else "")


# --- markdown ------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """A cell for a GitHub/wiki Markdown table: pipes and backslashes escaped, newlines as <br>."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(part for part in text.replace("\r\n", "\n").split("\n"))


def render_md(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """Markdown: a heading, a table and the notes for each section."""
    parts = []
    for tab in sections:
        cols = tab.human_columns()
        if tab.title:
            parts.append(f"## {md_escape(tab.title)}\n")
        header = "| " + " | ".join(md_escape(c.label) for c in cols) + " |"
        rule = "| " + " | ".join("---:" if c.number else "---" for c in cols) + " |"
        body = [
            "| "
            + " | ".join(md_escape(cell_text(row.get(c.key), ctx.lang, ", ")) for c in cols)
            + " |"
            for row in tab.rows
        ]
        parts.append("\n".join([header, rule, *body]) + "\n")
        for note in tab.notes:
            parts.append(md_escape(note) + "\n")
    return "\n".join(parts)


# --- rich table ----------------------------------------------------------------------------


def render_table(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """A Rich table for a terminal, with the title above and the notes below."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    out = io.StringIO()
    console = Console(
        file=out,
        width=ctx.width,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        color_system="standard" if ctx.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for tab in sections:
        cols = tab.human_columns()
        table = Table(
            title=tab.title,
            box=box.SIMPLE_HEAD,
            show_lines=any(c.wide for c in cols) and len(tab.rows) > 1,
            header_style="bold" if ctx.color else "",
            title_style="bold" if ctx.color else "",
            title_justify="left",
        )
        for c in cols:
            table.add_column(
                c.label,
                justify="right" if c.number else "left",
                overflow="fold",
                ratio=3 if c.wide else None,
                no_wrap=not c.wide and not c.number and c.key != "value",
                min_width=8 if c.wide else None,
            )
        for row in tab.rows:
            table.add_row(*(_table_cell(c, row.get(c.key), ctx) for c in cols))
        console.print(table)
        for note in tab.notes:
            console.print(note, soft_wrap=False)
    return out.getvalue()


#: A word diff's marks (see :mod:`digivisio_cli.diffview`) and their colours in a table.
_MARK_STYLES = ((r"\[-.*?-\]", "red"), (r"\{\+.*?\+\}", "green"))


def _table_cell(col: Column, value: Value, ctx: RenderContext) -> Any:
    """A cell's text; in colour, a marked column's deleted words red and inserted words green.

    The marks stay, so that a table without colour reads as the plain output does.
    """
    text = cell_text(value, ctx.lang, ", ")
    if not (col.marked and ctx.color):
        return text
    from rich.text import Text

    styled = Text(text)
    for pattern, style in _MARK_STYLES:
        styled.highlight_regex(pattern, style)
    return styled


# --- the registry --------------------------------------------------------------------------


def _lazy(module: str, name: str) -> Renderer:
    def render(sections: Sequence[Tabular], ctx: RenderContext) -> str | bytes:
        import importlib

        fn: Renderer = getattr(importlib.import_module(module), name)
        return fn(sections, ctx)

    return render


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", render_table, human=True, description="a table for the terminal"),
        Format("plain", render_plain, human=True, description="tab-separated lines"),
        Format("csv", render_csv, description="RFC 4180 CSV"),
        Format("json", render_json, description="JSON"),
        Format("md", render_md, human=True, description="Markdown tables"),
        Format(
            "xlsx",
            _lazy("digivisio_cli.workbook", "render_xlsx"),
            binary=True,
            export_only=True,
            description="an Excel workbook",
        ),
        Format(
            "html",
            _lazy("digivisio_cli.htmlpage", "render_html"),
            export_only=True,
            human=True,
            description="a printable HTML page",
        ),
    )
}

LISTING_FORMATS = [name for name, f in FORMATS.items() if not f.export_only]
EXPORT_FORMATS = [name for name in FORMATS if name != "table"]
