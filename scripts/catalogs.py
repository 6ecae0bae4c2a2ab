"""The message catalogs: regenerate the template, merge it into the translations, compile, check.

The English source strings live in ``digivisio_cli.i18n`` (each with a stable key, written to
the catalogs as its ``msgctxt``); the Finnish and Swedish translations in
``src/digivisio_cli/locale/<lang>/LC_MESSAGES/digivisio.po``, which Poedit and Weblate open.
The compiled ``.mo`` files are never committed: the wheel's build hook (``hatch_build.py``)
compiles them into the wheel, and the test suite compiles them beside the ``.po`` files of a
source checkout. Needs Babel (in the ``test`` extra and the build requirements)::

    python scripts/catalogs.py update    # template from the code, merged into every .po
    python scripts/catalogs.py compile   # .po -> .mo beside it, for a source checkout
    python scripts/catalogs.py check     # every string translated, placeholders kept
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "digivisio_cli" / "locale"
DOMAIN = "digivisio"
LANGS = ("fi", "sv")
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# A fixed creation date: regenerating the template must not change files that did not change.
CREATED = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)

#: (context, msgid, msgid_plural or None, translator comment or None)
Entry = tuple[str, str, "str | None", "str | None"]

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def po_path(lang: str, locale_dir: Path = LOCALE) -> Path:
    """Where the translation into ``lang`` lives."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _i18n() -> object:
    sys.path.insert(0, str(ROOT / "src"))
    from digivisio_cli import i18n  # the checkout's own code, installed or not

    return i18n


def source_entries() -> list[Entry]:
    """The source strings, read from the package itself (no extraction by pattern)."""
    return list(_i18n().catalog_entries())  # type: ignore[attr-defined]


def inline_translations() -> list[tuple[str, str, str]]:
    """(context, language, text) of strings still written the old way, translations inline."""
    return list(_i18n().inline_translations())  # type: ignore[attr-defined]


HEADER = """\
# Translations template for PROJECT.
# Copyright (C) YEAR ORGANIZATION
# This file is distributed under the same license as the PROJECT project.
# Open it in Poedit or Weblate; README.md ("Translations") says how a string is added.
#"""


def new_catalog(lang: str | None = None) -> Catalog:
    """An empty catalog with the project's header; the template when ``lang`` is None."""
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=lang,
        domain=DOMAIN,
        header_comment=HEADER,
        project="digivisio",
        version=_version(),
        copyright_holder="digivisio developers",
        msgid_bugs_address="the digivisio issue tracker",
        creation_date=CREATED,
        revision_date=CREATED,
        last_translator="digivisio developers",
        language_team={"fi": "Finnish", "sv": "Swedish"}.get(lang or "", "none"),
        fuzzy=False,
    )


def _version() -> str:
    # The version lives in settings.py (the package's __init__ is the Python API's facade).
    text = (ROOT / "src" / "digivisio_cli" / "settings.py").read_text(encoding="utf-8")
    found = re.search(r'^VERSION = "([^"]+)"', text, re.MULTILINE)
    return found.group(1) if found else "0"


def template(entries: Iterable[Entry]) -> Catalog:
    """A Babel catalog (the .pot) holding every source string."""
    cat = new_catalog()
    for context, singular, plural, comment in entries:
        cat.add(
            (singular, plural) if plural else singular,
            context=context,
            auto_comments=[comment] if comment else (),
        )
    return cat


def _write_po(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, no_location=True, omit_header=False)


def update(entries: Sequence[Entry], inline: Sequence[tuple[str, str, str]] = ()) -> None:
    """Write the template and merge it into each language's catalog, keeping translations.

    A string still written with its translations inline (``{"en": …, "fi": …, "sv": …}``, as a
    branch older than the catalogs adds them) gets those as its translations where the catalog
    has none yet; then replace the mapping with its English text.
    """
    from babel.messages.pofile import read_po

    _write_po(TEMPLATE, template(entries))
    for lang in LANGS:
        # A template of its own for each language: Babel's update shares the template's new
        # messages with the catalog, so a translation set in one language would leak into the next.
        pot = template(entries)
        path = po_path(lang)
        if path.exists():
            with open(path, "rb") as f:
                cat = read_po(f, locale=lang)
        else:
            cat = new_catalog(lang)
        # No fuzzy matching: a guessed translation of a changed string is worse than none, and
        # `check` then names exactly what needs a translator.
        cat.update(pot, no_fuzzy_matching=True, update_creation_date=False)
        cat.obsolete.clear()
        for context, text_lang, text in inline:
            msg = next((m for m in cat if m.context == context), None)
            if text_lang == lang and msg is not None and not msg.string:
                msg.string = text
        _write_po(path, cat)
        print(f"updated {path.relative_to(ROOT)}")


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one .po into .mo, atomically (a half-written .mo must never be read)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as f:
        catalog = read_po(f)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, prefix=".tmp-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
    except BaseException:
        os.unlink(tmp)
        raise


def compile_all(locale_dir: Path = LOCALE, out_dir: Path | None = None) -> list[Path]:
    """Compile every language's .po under ``locale_dir``; the .mo goes beside it or to out_dir."""
    written = []
    for lang in LANGS:
        po = po_path(lang, locale_dir)
        mo = po_path(lang, out_dir or locale_dir).with_suffix(".mo")
        compile_catalog(po, mo)
        written.append(mo)
    return written


def stale(locale_dir: Path = LOCALE) -> bool:
    """Whether a .mo is missing or older than its .po (a source checkout after an edit)."""
    for lang in LANGS:
        po = po_path(lang, locale_dir)
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            return True
    return False


def problems(entries: Sequence[Entry], locale_dir: Path = LOCALE) -> list[str]:
    """What a translator still has to do: missing, fuzzy or untranslated strings, lost braces."""
    from babel.messages.pofile import read_po

    wanted = {(c, s): p for c, s, p, _ in entries}
    out = []
    for lang in LANGS:
        path = po_path(lang, locale_dir)
        with open(path, "rb") as f:
            cat = read_po(f, locale=lang)
        seen = set()
        for msg in cat:
            if not msg.id:
                continue  # the header
            singular = msg.id[0] if isinstance(msg.id, tuple) else msg.id
            key = (msg.context, singular)
            seen.add(key)
            where = f"{lang}: {msg.context}"
            if key not in wanted:
                out.append(f"{where}: not in the code (run update)")
                continue
            strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
            if msg.fuzzy:
                out.append(f"{where}: marked fuzzy")
            if not all(strings):
                out.append(f"{where}: not translated")
                continue
            expected = set(PLACEHOLDER.findall(singular))
            for s in strings:
                # A plural form may leave the count out ("one measure"), nothing else.
                got = set(PLACEHOLDER.findall(s))
                if got - expected or (expected - got) - {"{count}"}:
                    out.append(f"{where}: placeholders {sorted(got)}, expected {sorted(expected)}")
        out.extend(f"{lang}: {c}: missing (run update)" for c, s in wanted if (c, s) not in seen)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: update, compile or check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.action == "update":
        update(source_entries(), inline_translations())
        return 0
    if args.action == "compile":
        for mo in compile_all():
            print(f"compiled {mo.relative_to(ROOT)}")
        return 0
    found = problems(source_entries())
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
