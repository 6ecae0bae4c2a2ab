"""Labels and messages: English source strings, translated through gettext catalogs.

Every string a user reads is written here once, in English, under a stable key. The Finnish and
Swedish translations live in gettext catalogs (``locale/<lang>/LC_MESSAGES/digivisio.po``,
compiled to ``.mo`` by the build), where the key is each entry's ``msgctxt``; they are read with
the standard library's :mod:`gettext`, one small file for the chosen language, only when a
string in that language is first asked for. A :class:`Plural` counts something and takes its
form from the catalog's plural rule (``1 toimenpide``, ``16 toimenpidettä``).

The strings themselves are in :mod:`digivisio_cli.strings`. No third-party imports, so every
layer may use this; it imports only the leaves ``strings``, ``text`` and ``settings``.
``scripts/catalogs.py`` regenerates the catalogs from :func:`catalog_entries`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from digivisio_cli.settings import DEFAULT_LANG, ENV_LANG, LANGS, Lang
from digivisio_cli.strings import LABELS, MESSAGES, Plural, Ref, Source
from digivisio_cli.text import printable, printable_path

if TYPE_CHECKING:
    from gettext import GNUTranslations

__all__ = ["LABELS", "MESSAGES", "Plural", "Ref", "label", "message"]

#: The catalogs' folder and name: ``locale/fi/LC_MESSAGES/digivisio.mo``.
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "digivisio"


#: Parameters that repeat what a user typed or the system said (a path, an id, an OS error): shown
#: with control and right-to-left characters escaped, so that they cannot garble the terminal.
ECHOED_PARAMS = frozenset({"path", "value", "reason", "detail"})

_catalogs: dict[str, GNUTranslations | None] = {}
_labels: dict[tuple[str, str], str] = {}


def catalog_path(lang: str) -> Path:
    """Where the compiled catalog for ``lang`` is (it may not exist in a source checkout)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _catalog(lang: str) -> GNUTranslations | None:
    """The compiled catalog for ``lang``, read once; None for English (the source) or if absent."""
    if lang == DEFAULT_LANG:
        return None
    if lang not in _catalogs:
        found: GNUTranslations | None = None
        try:
            with open(catalog_path(lang), "rb") as handle:
                from gettext import GNUTranslations

                found = GNUTranslations(handle)
        except OSError:
            found = None
        _catalogs[lang] = found
    return _catalogs[lang]


def catalog_missing(lang: str) -> bool:
    """Whether ``lang`` should have a catalog but none is compiled (a fresh source checkout)."""
    return lang != DEFAULT_LANG and lang in LANGS and _catalog(lang) is None


def _translate(kind: str, key: str, entry: Source, lang: str, count: int | None = None) -> str:
    if isinstance(entry, Mapping):
        return entry.get(lang) or entry[DEFAULT_LANG]
    catalog = _catalog(lang)
    context = f"{kind}:{key}"
    if isinstance(entry, Plural):
        n = 1 if count is None else count
        if catalog is None:
            return entry.one if n == 1 else entry.other
        return catalog.npgettext(context, entry.one, entry.other, n)
    return entry if catalog is None else catalog.pgettext(context, entry)


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (the English source where a catalog lacks it)."""
    cached = _labels.get((key, lang))
    if cached is None:
        # Remembered: a listing of 100,000 measures asks for "yes" and "no" once a row.
        cached = _labels[(key, lang)] = _translate("label", key, LABELS[key], lang)
    return cached


def message(key: str, lang: str, /, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params`` (a Plural by its count)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    count = params.get(entry.count) if isinstance(entry, Plural) else None
    text = _translate("message", key, entry, lang, count if isinstance(count, int) else None)
    shown = {
        k: label(v, lang)
        if isinstance(v, Ref)
        else (printable_path if k == "path" else printable)(str(v))
        if k in ECHOED_PARAMS and v is not None
        else v
        for k, v in params.items()
    }
    return text.format(**shown)


def language_label(lang: str, in_lang: str) -> str:
    """'in Finnish', 'suomeksi', 'på finska': the language ``lang``, named in ``in_lang``."""
    return label(f"in_{lang}", in_lang)


#: (context, msgid, msgid_plural or None, translator comment or None)
CatalogEntry = tuple[str, str, str | None, str | None]


def catalog_entries() -> Iterator[CatalogEntry]:
    """Every source string as the catalogs hold it (``scripts/catalogs.py`` writes them)."""
    for kind, table in (("label", LABELS), ("message", MESSAGES)):
        for key, entry in table.items():
            if isinstance(entry, Plural):
                yield (f"{kind}:{key}", entry.one, entry.other, f"{{{entry.count}}} is a number")
            elif isinstance(entry, str):
                yield (f"{kind}:{key}", entry, None, None)
            else:
                yield (f"{kind}:{key}", entry[DEFAULT_LANG], None, None)


def inline_translations() -> Iterator[tuple[str, str, str]]:
    """(context, language, text) of strings still written with their translations inline."""
    for kind, table in (("label", LABELS), ("message", MESSAGES)):
        for key, entry in table.items():
            if isinstance(entry, Mapping):
                for lang, text in entry.items():
                    if lang != DEFAULT_LANG:
                        yield (f"{kind}:{key}", lang, text)


def as_lang(value: str) -> Lang | None:
    """``value`` as one of the languages, or None."""
    for lang in LANGS:
        if value == lang:
            return lang
    return None


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language from ``$DIGIVISIO_LANG``, else the locale, else English."""
    env = os.environ if environ is None else environ
    explicit = as_lang(env.get(ENV_LANG, "").strip().lower())
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return as_lang(value.split("_", 1)[0].split(".", 1)[0].lower()) or DEFAULT_LANG
    return DEFAULT_LANG
