"""The workbook printed by LibreOffice, and the page checked by axe-core and printed by Chromium.

- The xlsx export (Finnish, bundled data) converted to PDF by headless LibreOffice: every page A4
  landscape, at most 25 pages, and the Measures sheet one page wide with its header row on each of
  its pages (read from the PDF's text: the first and the last column's header on every page).
- The HTML export in fi, sv, en and en ``--original``: axe-core (every rule it ships, so WCAG 2.1
  A/AA and best practice among them) finds no violation in headless Chromium; printed to PDF
  every page is A4 landscape, and no printed line ends in a suspended hyphen ("ja -" over
  "ympäristöjen").
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from conftest import invoke_cli
from realclient import (
    PdfPage,
    axe_violations,
    chromium_pdf,
    libreoffice_convert,
    need_axe,
    need_chromium,
    need_libreoffice,
    need_poppler,
    pdf_pages,
)

pytestmark = pytest.mark.realclient

#: The most pages the bundled data's workbook may print on.
MAX_WORKBOOK_PAGES = 25
#: The page variants: (name, global options, export options).
PAGES = {
    "fi": (["--lang", "fi"], []),
    "sv": (["--lang", "sv"], []),
    "en": (["--lang", "en"], []),
    "en-original": (["--lang", "en"], ["--original"]),
}
#: A hyphen standing alone at a line's end (or before the next column): a suspended hyphen
#: ("ja -ympäristöjen") broken from its word.
LONE_HYPHEN_AT_END = re.compile(r"(?:^|\s)-(?:\s{2,}|$)")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Finnish workbook of the bundled data."""
    path = tmp_path_factory.mktemp("xlsx") / "digivisio.xlsx"
    result = invoke_cli(["--lang", "fi", "export", "-f", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def workbook_pdf(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> list[PdfPage]:
    """The workbook as LibreOffice prints it."""
    soffice = need_libreoffice()
    need_poppler()
    work = tmp_path_factory.mktemp("lo-pdf")
    (pdf,) = libreoffice_convert(soffice, [workbook], work / "out", "pdf", work)
    return pdf_pages(pdf)


def test_workbook_prints_on_at_most_25_a4_landscape_pages(workbook_pdf: list[PdfPage]) -> None:
    assert len(workbook_pdf) <= MAX_WORKBOOK_PAGES
    portrait = [i for i, p in enumerate(workbook_pdf, start=1) if not p.a4_landscape]
    assert not portrait, f"pages not A4 landscape: {portrait}"


def test_measures_sheet_prints_one_page_wide_with_its_header_on_every_page(
    workbook: Path, workbook_pdf: list[PdfPage]
) -> None:
    sheet = openpyxl.load_workbook(workbook).worksheets[0]
    header = [str(c.value) for c in sheet[1] if c.value is not None]
    ids = [str(r[0]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    # The sheet's pages run from the first page to the first one that shows its last row (the
    # same ids appear again on the agency sheets, later).
    last = next(i for i, p in enumerate(workbook_pdf) if ids[-1] in p.text)
    for number, page in enumerate(workbook_pdf[: last + 1], start=1):
        assert header[0] in page.text and header[-1] in page.text, (
            f"page {number} lacks the header {header[0]!r} … {header[-1]!r}"
        )
    printed = "\n".join(p.text for p in workbook_pdf[: last + 1])
    missing = [i for i in ids if i not in printed]
    assert not missing, f"measures not printed on the sheet's pages: {missing}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The HTML page of the bundled data in every variant."""
    out = tmp_path_factory.mktemp("html")
    paths = {}
    for name, (global_opts, export_opts) in PAGES.items():
        path = out / f"{name}.html"
        args = [*global_opts, "export", "-f", "html", *export_opts, "-o", str(path)]
        result = invoke_cli(args)
        assert result.exit_code == 0, result.stderr
        paths[name] = path
    return paths


@pytest.fixture(scope="module")
def printed_pages(
    pages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[PdfPage]]:
    """Each page variant printed to PDF by Chromium."""
    chromium = need_chromium()
    need_poppler()
    work = tmp_path_factory.mktemp("chromium")
    result = {}
    for name, page in pages.items():
        pdf = work / f"{name}.pdf"
        chromium_pdf(chromium, page, pdf, work)
        result[name] = pdf_pages(pdf)
    return result


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_core_violation(pages: dict[str, Path], name: str) -> None:
    node = need_axe()
    need_chromium()
    violations = axe_violations(node, pages[name])
    summary = [f"{v['id']} {v['tags']}: {len(v['nodes'])} node(s)" for v in violations]  # type: ignore[arg-type]
    assert not violations, "\n".join(summary)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_prints_on_a4_landscape(printed_pages: dict[str, list[PdfPage]], name: str) -> None:
    pdf = printed_pages[name]
    assert pdf, "no page printed"
    portrait = [i for i, p in enumerate(pdf, start=1) if not p.a4_landscape]
    assert not portrait, f"pages not A4 landscape: {portrait}"


@pytest.mark.parametrize(
    "name",
    [
        "fi",
        "sv",
        "en",
        "en-original",
    ],
)
def test_no_printed_line_ends_in_a_suspended_hyphen(
    printed_pages: dict[str, list[PdfPage]], name: str
) -> None:
    broken = [
        (number, line.strip())
        for number, page in enumerate(printed_pages[name], start=1)
        for line in page.text.splitlines()
        if LONE_HYPHEN_AT_END.search(line)
    ]
    assert not broken, f"lines ending in a lone hyphen: {broken}"
