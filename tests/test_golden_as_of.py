"""Golden output with a succession: the small fixture with Karvi succeeded by OPH in 2026.

Each view is rendered as published (with the merged-agency mark) and as of 2026-06-01, so that a
change to how succession reads in any format shows up as a diff to review. ``UPDATE_GOLDEN=1``
rewrites the files. The golden files of the fixture without a succession (test_golden.py) pin that
nothing changes for data that records none.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import SMALL
from digivisio_cli.data.matrix import parse
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.query import resolve
from digivisio_cli.domain.succession import AsOf, agencies_as_of
from digivisio_cli.render.asof import as_of_title
from digivisio_cli.render.registry import FORMATS, RenderContext
from digivisio_cli.render.tabular import Tabular
from digivisio_cli.render.views import (
    actors_view,
    matrix_view,
    measures_view,
    selection_title,
    show_view,
    who_owns_view,
)
from digivisio_cli.settings import Lang

GOLDEN = Path(__file__).parent / "golden" / "as-of"
KARVI = "    abbreviations: [NCU, FINEEC]\n"
SUCCESSION = (
    "    successor:\n"
    "      agency: OPH\n"
    "      since: 2026-01-01\n"
    '      source: "HE 31/2025 vp"\n'
    "      note: {fi: Karvi on osa Opetushallitusta., en: Karvi is part of the agency.}\n"
)


@pytest.fixture(scope="module")
def succeeded() -> Dataset:
    text = SMALL.read_text(encoding="utf-8")
    assert KARVI in text
    return parse(text.replace(KARVI, KARVI + SUCCESSION).encode("utf-8"), "succeeded.yaml")


def _views(data: Dataset, lang: Lang, as_of: AsOf | None) -> dict[str, Tabular]:
    show = show_view(data, resolve(data, "3.1.2.1"), lang, as_of)
    show.title = as_of_title(selection_title(resolve(data, "3.1.2.1"), lang), as_of, lang)
    return {
        "measures": measures_view(data, list(data.measures), lang, False, as_of),
        "who-owns": who_owns_view(data, resolve(data, "3.1"), lang, False, as_of),
        "matrix": matrix_view(data, None, lang, as_of),
        "actors": actors_view(data, lang, as_of),
        "show": show,
    }


CASES = [
    (view, fmt, lang, when)
    for view in ("measures", "who-owns", "matrix", "actors", "show")
    for fmt in ("table", "plain", "csv", "json")
    for lang in ("en",)
    for when in ("published", "2026-06-01")
] + [
    (view, "table", lang, "2026-06-01")
    for view in ("who-owns", "actors", "show")
    for lang in ("fi", "sv")
]


def _render(tab: Tabular, fmt: str, lang: Lang) -> str:
    out = FORMATS[fmt].render([tab], RenderContext(lang=lang, width=100))
    assert isinstance(out, str)
    if not FORMATS[fmt].notes_inline:
        # What the CLI prints on stderr, kept in the golden file after a marker line.
        out += "".join(f"# note: {note}\n" for note in tab.notes)
    return out


@pytest.mark.parametrize(("view", "fmt", "lang", "when"), CASES)
def test_succession_output_matches_golden_file(
    succeeded: Dataset, view: str, fmt: str, lang: Lang, when: str
) -> None:
    as_of = None if when == "published" else agencies_as_of(succeeded, dt.date.fromisoformat(when))
    out = _render(_views(succeeded, lang, as_of)[view], fmt, lang)
    path = GOLDEN / f"{view}.{lang}.{when}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8")
