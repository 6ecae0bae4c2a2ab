"""Golden output: every listing format of every view, on the small fixture.

Run with ``UPDATE_GOLDEN=1`` to rewrite the files after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.query import Filters, filter_measures, resolve
from digivisio_cli.render.registry import FORMATS, LISTING_FORMATS, RenderContext
from digivisio_cli.render.views import (
    Tabular,
    actors_view,
    goals_view,
    matrix_view,
    measures_view,
    selection_title,
    show_view,
    who_owns_view,
)

GOLDEN = Path(__file__).parent / "golden"


def views(small: Dataset, lang: str) -> dict[str, Tabular]:
    show = show_view(small, resolve(small, "3.1.1.1"), lang)  # type: ignore[arg-type]
    show.title = selection_title(resolve(small, "3.1.1.1"), lang)  # type: ignore[arg-type]
    return {
        "measures": measures_view(small, filter_measures(small, Filters()), lang, False),  # type: ignore[arg-type]
        "who-owns": who_owns_view(small, resolve(small, "3.1.1"), lang, False),  # type: ignore[arg-type]
        "matrix": matrix_view(small, None, lang),  # type: ignore[arg-type]
        "actors": actors_view(small, lang),  # type: ignore[arg-type]
        "goals": goals_view(small, lang),  # type: ignore[arg-type]
        "show": show,
    }


CASES = [
    (view, fmt, lang)
    for view in ("measures", "who-owns", "matrix", "actors", "goals", "show")
    for fmt in LISTING_FORMATS
    for lang in ("en",)
] + [("who-owns", fmt, lang) for fmt in ("table", "plain") for lang in ("fi", "sv")]


@pytest.mark.parametrize(("view", "fmt", "lang"), CASES)
def test_output_matches_golden_file(small: Dataset, view: str, fmt: str, lang: str) -> None:
    out = FORMATS[fmt].render([views(small, lang)[view]], RenderContext(lang=lang, width=100))
    assert isinstance(out, str)
    path = GOLDEN / f"{view}.{lang}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8")


def test_every_listing_format_is_in_the_registry() -> None:
    assert set(LISTING_FORMATS) == {"table", "plain", "csv", "json", "md"}
    assert all(FORMATS[name].render for name in FORMATS)
