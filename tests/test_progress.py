"""Progress you can see: the workbook's native charts and the page's SVG bars, with the numbers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import Invoke


@pytest.fixture
def log(cli: Invoke, tmp_path: Path) -> Path:
    path = tmp_path / "status.yaml"
    for args in (["3.1.1.1", "done"], ["3.1.1.2", "in-progress"], ["3.2.2.1", "on-hold"]):
        result = cli(["--status", str(path), "status", "set", *args, "--date", "2024-03-01"])
        assert result.exit_code == 0, result.stderr
    return path


def test_workbook_with_a_log_has_a_progress_sheet_with_charts_and_numbers(
    cli: Invoke, log: Path, tmp_path: Path
) -> None:
    book = tmp_path / "p.xlsx"
    assert cli(["--status", str(log), "export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    with zipfile.ZipFile(book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = z.read(charts[0]).decode()
    assert len(charts) == 2
    assert '<c:barDir val="bar"/>' in xml and '<c:grouping val="stacked"/>' in xml
    rows = list(openpyxl.load_workbook(book)["Progress"].iter_rows(values_only=True))
    okm = next(r for r in rows if r[0] == "OKM")
    header = next(r for r in rows if r[0] == "Agency")
    assert okm[header.index("done")] == 1 and okm[header.index("Measures")] == 21
    theme = next(r for r in rows if r[0] == "3.2")
    assert theme[header.index("on hold")] == 1


def test_workbook_without_a_log_has_no_progress_sheet(cli: Invoke, tmp_path: Path) -> None:
    book = tmp_path / "p.xlsx"
    assert cli(["export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    assert "Progress" not in openpyxl.load_workbook(book).sheetnames


def test_page_with_a_log_has_svg_bars_a_text_alternative_and_the_table(
    cli: Invoke, log: Path
) -> None:
    page = cli(["--status", str(log), "--lang", "fi", "export", "-f", "html"]).stdout
    figures = re.findall(r"<figure class=\"progress\">(.*?)</figure>", page, re.S)
    assert len(figures) == 2
    svg = figures[0]
    assert 'role="img"' in svg and 'aria-labelledby="progress-agency-t progress-agency-d"' in svg
    desc = re.search(r'<desc id="progress-agency-d">(.*?)</desc>', svg)
    assert desc and "OKM: 21 (ei aloitettu 19, valmis 1, tauolla 1)" in desc.group(1)
    assert "<table>" in page.split(figures[0])[1][:200]  # the numbers follow as a table
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "print-color-adjust: exact" in page


def test_page_without_a_log_has_no_progress_section(cli: Invoke) -> None:
    assert "<svg" not in cli(["export", "-f", "html"]).stdout


def test_progress_by_agency_follows_as_of(cli: Invoke, log: Path) -> None:
    published = cli(["--status", str(log), "export", "-f", "html"]).stdout
    today = cli(["--status", str(log), "--as-of", "2026-06-01", "export", "-f", "html"]).stdout

    def agency_desc(page: str) -> str:
        found = re.search(r'<desc id="progress-agency-d">(.*?)</desc>', page)
        assert found
        return found.group(1)

    assert "Karvi: 1" in agency_desc(published)
    assert "Karvi" not in agency_desc(today) and "OPH: 25" in agency_desc(today)
