"""The HTML export: one self-contained page, readable on screen and printable on A4.

No external assets: the stylesheet is inline and there are no scripts, fonts or images. Every
text is HTML-escaped. All content is inside landmarks (a header, one main, a footer), every
passage not in the page's language carries its own ``lang`` (a Finnish original on the English
page, the English translation note on the Finnish one), line breaks in a text are kept, and a
suspended hyphen ("ja -ympäristöjen") never ends a line.
"""

from __future__ import annotations

import re
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
.nobr { white-space: nowrap; }
footer { margin-top: 2em; font-size: 0.85em; color: #444; }
@media print { body { margin: 0; max-width: none; font-size: 9pt; } h2 { break-before: page; }
               h2.first { break-before: avoid; } }
"""


_NUM = ' class="n"'
#: A suspended hyphen: "-ympäristöjen" in "oppimisratkaisujen ja -ympäristöjen", a hyphen that
#: opens a word after a space. A browser may break a line after any hyphen, which would leave
#: "ja -" at a line's end; the word is kept whole instead.
_SUSPENDED = re.compile(r"(?<!\S)-\w[\w-]*")


def _lang_attr(lang: str | None, page_lang: str) -> str:
    """A ``lang`` attribute where a text is not in the page's language (WCAG 2.1, 3.1.2)."""
    return f' lang="{escape(lang)}"' if lang and lang != page_lang else ""


def passage(text: str) -> str:
    """``text`` as HTML: escaped, line breaks kept, suspended hyphens kept with their word."""
    escaped = escape(text)
    escaped = _SUSPENDED.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', escaped)
    return "<br>".join(escaped.replace("\r\n", "\n").split("\n"))


def _page_title(sections: Sequence[Tabular]) -> tuple[str, str | None]:
    """The document's title (the source section's first value) and its language."""
    source = next((s for s in sections if s.kind == "source"), None)
    if source and source.rows:
        value = next((c for c in source.columns if c.key == "value"), None)
        title = source.rows[0].get("value")
        if value is not None and isinstance(title, str) and title:
            return title, value.text_lang(source.rows[0])
    return "digivisio", None


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """The page: a header with the title, each section (heading, table, notes) in the main
    landmark, and a footer; every passage not in the page's language marked with its own."""
    title, title_lang = _page_title(sections)
    mark = _lang_attr(title_lang, ctx.lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(ctx.lang)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title{mark}>{escape(title)}</title><style>{_CSS}{svgbars.CSS}</style></head>",
        f"<body><header><h1{mark}>{passage(title)}</h1></header>",
        "<main>",
    ]
    for index, tab in enumerate(sections):
        cols = tab.human_columns()
        cls = ' class="first"' if index == 0 else ""
        if tab.title:
            parts.append(f"<h2{cls}>{passage(tab.title)}</h2>")
        if tab.kind.startswith("progress-"):
            parts.append(svgbars.figure(tab, ctx.lang))  # the numbers follow as a table
        parts.append("<table><thead><tr>")
        for c in cols:
            parts.append(f"<th{_NUM if c.number else ''}>{passage(c.label or c.key)}</th>")
        parts.append("</tr></thead><tbody>")
        for row in tab.rows:
            parts.append("<tr>")
            for c in cols:
                text = passage(cell_text(row.get(c.key), ctx.lang, ", "))
                attrs = (_NUM if c.number else "") + _lang_attr(c.text_lang(row), ctx.lang)
                parts.append(f"<td{attrs}>{text}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        parts.extend(f'<p class="note">{passage(note)}</p>' for note in tab.notes)
    parts.append("</main>")
    parts.append(f"<footer>digivisio · {escape(ctx.generated)}</footer></body></html>")
    return "\n".join(parts) + "\n"
