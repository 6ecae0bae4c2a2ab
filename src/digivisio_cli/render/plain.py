"""Plain lines: tab-separated, one record per line, no header, no colour — for grep, cut and awk."""

from __future__ import annotations

from collections.abc import Sequence

from digivisio_cli.render.cells import cell_text
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """Tab-separated, one record per line, no header, no colour: for grep, cut and awk."""
    lines = []
    for tab in sections:
        cols = tab.human_columns()
        for row in tab.rows:
            lines.append(
                "\t".join(_one_line(cell_text(row.get(c.key), ctx.lang, ",")) for c in cols)
            )
    return "\n".join(lines) + ("\n" if lines else "")
