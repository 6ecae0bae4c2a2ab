"""The HTML export: one self-contained page, readable on screen and printable on A4.

No external assets: the stylesheet is inline and there are no scripts, fonts or images. Every
text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from digivisio_cli.render import svgbars
from digivisio_cli.render.cells import cell_text
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular

_CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111;
       margin: 2em auto; max-width: 75em; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #e8edf3; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
p.note { font-size: 0.9em; color: #333; }
footer { margin-top: 2em; font-size: 0.85em; color: #444; }
@media print { body { margin: 0; max-width: none; font-size: 9pt; } h2 { break-before: page; }
               h2.first { break-before: avoid; } }
"""


_NUM = ' class="n"'


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """The page: a heading, then each section as a heading, a table and its notes."""
    source = next((s for s in sections if s.kind == "source"), None)
    title = "digivisio"
    if source and source.rows:
        title = str(source.rows[0].get("value") or title)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(ctx.lang)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}{svgbars.CSS}</style></head>",
        f"<body><h1>{escape(title)}</h1>",
    ]
    for index, tab in enumerate(sections):
        cols = tab.human_columns()
        cls = ' class="first"' if index == 0 else ""
        if tab.title:
            parts.append(f"<h2{cls}>{escape(tab.title)}</h2>")
        if tab.kind.startswith("progress-"):
            parts.append(svgbars.figure(tab, ctx.lang))  # the numbers follow as a table
        parts.append("<table><thead><tr>")
        for c in cols:
            parts.append(f"<th{_NUM if c.number else ''}>{escape(c.label)}</th>")
        parts.append("</tr></thead><tbody>")
        for row in tab.rows:
            parts.append("<tr>")
            for c in cols:
                text = escape(cell_text(row.get(c.key), ctx.lang, ", "))
                parts.append(f"<td{_NUM if c.number else ''}>{text}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        parts.extend(f'<p class="note">{escape(note)}</p>' for note in tab.notes)
    parts.append(f"<footer>digivisio · {escape(ctx.generated)}</footer></body></html>")
    return "\n".join(parts) + "\n"
