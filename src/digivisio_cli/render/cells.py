"""How one value becomes one cell: for people (labels, yes/no in words) or for programs.

Also the spreadsheet guard every tabular export shares: a text that a spreadsheet would evaluate
is neutralised (OWASP's CSV-injection guidance).
"""

from __future__ import annotations

from digivisio_cli.domain.model import OwnText
from digivisio_cli.i18n import label, language_label
from digivisio_cli.render.tabular import Value
from digivisio_cli.settings import Lang

#: How multi-valued cells (agency lists, other parties) are joined in csv, plain and xlsx output.
LIST_SEPARATOR = "; "
#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def yes_no(flag: bool, lang: Lang) -> str:
    """A flag in words, in ``lang``."""
    return label("yes" if flag else "no", lang)


def own_text(text: OwnText, lang: Lang) -> str:
    """One of digivisio's notes in ``lang``, saying so where only the English original exists."""
    shown, in_lang = text.get(lang)
    if in_lang != lang:
        return f"({language_label(in_lang, lang)}) {shown}"
    return shown


def finnish_marked(translated: str | None, original: str, lang: Lang) -> str:
    """A text for a reader of ``lang``: its translation, or the Finnish original saying so."""
    if translated or lang == "fi":
        return translated or original
    return f"({language_label('fi', lang)}) {original}"


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` typed into a cell for a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralize(text: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate (OWASP: prefix a quote)."""
    if formula_like(text):
        return "'" + text
    return text


def cell_text(value: Value, lang: Lang, separator: str = LIST_SEPARATOR) -> str:
    """A value as one line of text: lists joined, booleans in words, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
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
