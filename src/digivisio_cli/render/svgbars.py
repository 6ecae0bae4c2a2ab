"""Inline SVG stacked bars for the HTML page's progress section: no script, no external asset.

A progress view (measures per state, a row per agency or theme) becomes one ``<figure>``: an
SVG with ``role="img"``, its title and a description that says every number in words (the text
alternative), and a legend; the page then shows the same numbers as a table. Bars are scaled to
the largest row so that rows compare; the colours stay when printed, and each segment carries
its count, so that a greyscale print still reads.
"""

from __future__ import annotations

from html import escape

from digivisio_cli.domain.status import STATES
from digivisio_cli.i18n import label
from digivisio_cli.render.tabular import Tabular
from digivisio_cli.settings import Lang

#: Fill and text colour per state: each pair has a contrast of at least 4.5:1 (WCAG AA).
COLOURS: dict[str, tuple[str, str]] = {
    "not-started": ("#E0E0E0", "#111111"),
    "in-progress": ("#9FC5E8", "#111111"),
    "done": ("#1B5E20", "#FFFFFF"),
    "on-hold": ("#F9CB9C", "#111111"),
    "dropped": ("#595959", "#FFFFFF"),
}
CSS = """
figure.progress { margin: 1em 0; break-inside: avoid; }
figure.progress svg { max-width: 100%; height: auto; print-color-adjust: exact;
                      -webkit-print-color-adjust: exact; }
figure.progress text { font: 12px system-ui, "Segoe UI", Arial, sans-serif; }
"""

_LABEL_W, _BAR_W, _ROW_H, _TOP = 190, 420, 26, 8
_MIN_NUMBER_W = 16  # a segment narrower than this shows no number (its title still says it)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _describe(tab: Tabular, lang: Lang) -> str:
    parts = []
    for row in tab.rows:
        counts = ", ".join(
            f"{label(f'state_{s}', lang)} {_count(row.get(s))}"
            for s in STATES
            if _count(row.get(s))
        )
        parts.append(f"{row.get('key')}: {_count(row.get('measures'))} ({counts})")
    return "; ".join(parts) + "."


def figure(tab: Tabular, lang: Lang) -> str:
    """The stacked-bar figure of one progress view."""
    ident = escape(tab.kind)
    top = max([_count(r.get("measures")) for r in tab.rows] + [1])
    legend_y = _TOP + _ROW_H * len(tab.rows) + 12
    height = legend_y + 24
    width = _LABEL_W + _BAR_W + 40
    out = [
        '<figure class="progress">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(tab.title or "")}</title>',
        f'<desc id="{ident}-d">{escape(_describe(tab, lang))}</desc>',
    ]
    for i, row in enumerate(tab.rows):
        y = _TOP + i * _ROW_H
        # An agency by its code (the table after it gives the name); a theme by id and title.
        key, name = str(row.get("key")), str(row.get("name") or "")
        shown = key if tab.kind == "progress-agency" or name == key else f"{key} {name}"
        if len(shown) > 28:
            shown = shown[:27] + "…"
        out.append(
            f'<text x="{_LABEL_W - 6}" y="{y + 16}" text-anchor="end" fill="#111111">'
            f"{escape(shown)}</text>"
        )
        x = float(_LABEL_W)
        for state in STATES:
            n = _count(row.get(state))
            if not n:
                continue
            w = _BAR_W * n / top
            fill, ink = COLOURS[state]
            tip = f"{row.get('key')} — {label(f'state_{state}', lang)}: {n}"
            out.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{_ROW_H - 6}" '
                f'fill="{fill}" stroke="#FFFFFF"><title>{escape(tip)}</title></rect>'
            )
            if w >= _MIN_NUMBER_W:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle" '
                    f'fill="{ink}">{n}</text>'
                )
            x += w
        out.append(
            f'<text x="{x + 4:.1f}" y="{y + 16}" fill="#111111">{_count(row.get("measures"))}</text>'
        )
    x = 4.0
    for state in STATES:
        fill, _ = COLOURS[state]
        text = label(f"state_{state}", lang)
        out.append(
            f'<rect x="{x:.1f}" y="{legend_y}" width="12" height="12" fill="{fill}" '
            f'stroke="#595959"/><text x="{x + 16:.1f}" y="{legend_y + 11}" fill="#111111">'
            f"{escape(text)}</text>"
        )
        x += 30 + 7 * len(text)
    out.append("</svg></figure>")
    return "".join(out)
