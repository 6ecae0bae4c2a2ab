"""The message catalogs: complete, well-formed for gettext's tools, and really used."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from digivisio_cli import i18n
from digivisio_cli.i18n import message

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import catalogs  # noqa: E402  (scripts/catalogs.py, the tool the README tells translators to run)

SOURCE_LOCALE = ROOT / "src" / "digivisio_cli" / "locale"


def test_every_source_string_is_translated_into_finnish_and_swedish() -> None:
    assert catalogs.problems(list(i18n.catalog_entries()), SOURCE_LOCALE) == []


def test_no_string_keeps_its_translations_inline() -> None:
    # A string written the old way ({"en": …, "fi": …, "sv": …}) still works, but belongs in the
    # catalogs: `python scripts/catalogs.py update` adds it there, then translate it in the .po.
    assert list(i18n.inline_translations()) == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalog_headers_name_the_language_and_its_plural_rule(lang: str) -> None:
    text = catalogs.po_path(lang, SOURCE_LOCALE).read_text(encoding="utf-8")
    assert f'"Language: {lang}\\n"' in text
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert '"Content-Type: text/plain; charset=utf-8\\n"' in text


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_gnu_msgfmt_accepts_the_catalog(lang: str) -> None:
    po = catalogs.po_path(lang, SOURCE_LOCALE)
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("fi", "1 toimenpide", "16 toimenpidettä"),
        ("sv", "1 åtgärd", "16 åtgärder"),
        ("en", "1 measure", "16 measures"),
    ],
)
def test_counts_take_real_plural_forms(lang: str, one: str, many: str) -> None:
    assert message("summary_total", lang, count=1) == one
    assert message("summary_total", lang, count=16) == many


def test_who_owns_counts_in_finnish(cli: Invoke) -> None:
    result = cli(["--lang", "fi", "who-owns", "3.3", "--format", "plain"])
    assert result.stderr.startswith("16 toimenpidettä: ")
    result = cli(["--lang", "sv", "who-owns", "3.1.2.4", "--format", "plain"])
    assert result.stderr.startswith("1 åtgärd: ")


def test_compiled_catalogs_are_read_by_the_standard_library(tmp_path: Path) -> None:
    # What the build hook puts into the wheel: compiled here into a fresh folder.
    written = catalogs.compile_all(SOURCE_LOCALE, out_dir=tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "fi/LC_MESSAGES/digivisio.mo",
        "sv/LC_MESSAGES/digivisio.mo",
    ]
    fi = gettext.translation("digivisio", str(tmp_path), languages=["fi"])
    assert fi.pgettext("label:yes", "yes") == "kyllä"
    assert fi.npgettext("message:summary_total", "{count} measure", "{count} measures", 2) == (
        "{count} toimenpidettä"
    )


def test_english_reads_no_catalog() -> None:
    assert i18n._catalog("en") is None
    assert not i18n.catalog_missing("en")


def test_a_missing_catalog_falls_back_to_english_and_says_why(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(i18n._catalogs, "fi", None)
    monkeypatch.setattr(i18n, "_labels", {})
    result = cli(["--lang", "fi", "who-owns", "3.1.1.1", "--format", "plain"])
    assert result.exit_code == 0
    assert "no compiled fi catalog" in result.stderr
    assert "1 measure: " in result.stderr


def test_a_source_checkout_has_no_compiled_catalog_in_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*.mo" in ignored
