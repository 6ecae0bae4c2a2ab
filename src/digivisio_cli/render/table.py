"""A Rich table for a terminal, with the title above and the notes below (Rich is imported here only)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render.cells import cell_text
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Column, Tabular, Value


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
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
        cols = tab.human_columns(table=True)
        table = Table(
            title=tab.title,
            box=box.SIMPLE_HEAD,
            show_lines=any(c.wide for c in cols) and len(tab.rows) > 1,
            header_style="bold" if ctx.color else "",
            title_style="bold" if ctx.color else "",
            title_justify="left",
        )
        keep_words = _words_fit(tab, cols, ctx.width)
        for c in cols:
            table.add_column(
                c.label,
                justify="right" if c.number else "left",
                overflow="fold",
                ratio=3 if c.wide else None,
                no_wrap=not c.wide and not c.number and c.key != "value",
                min_width=8
                if c.wide
                else (_longest_word(c.label) if c.whole_words and keep_words else None),
            )
        for row in tab.rows:
            table.add_row(*(_table_cell(c, row.get(c.key), ctx) for c in cols))
        console.print(table)
        for note in tab.notes:
            console.print(note, soft_wrap=False)
    return out.getvalue()


def _longest_word(text: str) -> int | None:
    # A count's heading may wrap between its words, never inside one ("luovu/ttu").
    return max((len(word) for word in text.split()), default=0) or None


def _words_fit(tab: Tabular, cols: list[Column], width: int) -> bool:
    """Whether every heading's longest word and every cell fit the width side by side.

    When they do not (a narrow terminal), headings fold inside words rather than the table
    being cut off at the right.
    """
    need = 0
    for c in cols:
        cells = [len(cell_text(row.get(c.key), "en", ", ")) for row in tab.rows]
        need += max([_longest_word(c.label) or 0, *cells]) + 3  # padding and the gap
    return need <= width


#: A word diff's marks (see :mod:`digivisio_cli.render.diffview`) and their colours in a table.
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
