"""Markdown: a heading, a table and the notes for each section (GitHub and wiki flavours)."""

from __future__ import annotations

from collections.abc import Sequence

from digivisio_cli.render.cells import cell_text
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular


def md_escape(text: str) -> str:
    """A cell for a GitHub/wiki Markdown table: pipes and backslashes escaped, newlines as <br>."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(part for part in text.replace("\r\n", "\n").split("\n"))


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
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
