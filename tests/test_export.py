"""Exports: Excel-ready CSV, neutralised formulas, the workbook, the page, and safe writing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from conftest import SMALL, Invoke
from digivisio_cli.render.csv import WORD_JOINER


def test_excel_csv_has_bom_semicolons_and_reads_back(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    assert cli(["export", "--format", "csv", "--excel", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "goal", "goal_title"]
    assert len(rows) == 45
    plain = list(csv.reader(io.StringIO(cli(["export", "-f", "csv"]).stdout)))
    # Issue 13: in the Excel file a number-like text (an id) starts with an invisible word
    # joiner, so that Excel keeps it text; every other cell is the plain CSV's, exactly.
    assert plain == [[cell.removeprefix(WORD_JOINER) for cell in row] for row in rows]
    assert {row[1][0] for row in rows[1:]} == {WORD_JOINER}


def test_formula_text_is_neutralised_in_csv_and_xlsx(cli: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "evil.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            '"Kehitetään tilastopalveluita."', '"=HYPERLINK(\\"http://x\\",\\"click\\")"'
        ),
        encoding="utf-8",
    )
    text = cli(["--data", str(data), "export", "-f", "csv"]).stdout
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "3.1.1.4")
    assert row["text"] == '\'=HYPERLINK("http://x","click")'
    book = tmp_path / "evil.xlsx"
    assert cli(["--data", str(data), "export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    # Issue 13: the workbook stores the text as written, as a string with the quote-prefix
    # style, rather than with the CSV's apostrophe (which a spreadsheet would show).
    sheet = openpyxl.load_workbook(book).worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index("Original text (Finnish)") + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
    evil = [c for c in cells if c.value == '=HYPERLINK("http://x","click")']
    assert len(evil) == 1 and evil[0].data_type == "s" and evil[0].quotePrefix
    assert not any(c.data_type == "f" for c in cells)


def test_workbook_has_the_sheets_and_row_counts(cli: Invoke, tmp_path: Path) -> None:
    book = tmp_path / "all.xlsx"
    assert cli(["export", "-f", "xlsx", "-o", str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    counts = {ws.title: ws.max_row - 1 for ws in wb.worksheets}
    assert counts == {
        "Measures": 44,
        "Responsibility matrix": 10,
        "OKM": 23,
        "OPH": 27,
        "Karvi": 1,
        "Pending": 3,
        "Source": 9,
        # The tracking sheet to fill in, and its hidden snapshot: 8 lines of metadata, a blank
        # line, a header and a row per measure (issue 16).
        "Tracking": 44,
        "digivisio": 53,
    }
    assert wb["Measures"].freeze_panes == "A2"
    assert wb["Measures"].auto_filter.ref


def test_html_page_is_self_contained_and_escaped(cli: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    assert cli(["--data", str(SMALL), "export", "-f", "html", "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@page { size: A4" in html
    assert "<script" not in html and "http" not in html.split("<body>")[0]
    assert "ylläpitää palveluja | putkella" in html


def test_existing_file_is_never_overwritten_without_force(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("precious", encoding="utf-8")
    result = cli(["export", "-o", str(out)])
    assert result.exit_code == 1
    assert "not overwritten" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    assert cli(["export", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,goal")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_failed_write_leaves_nothing_behind(cli: Invoke, tmp_path: Path) -> None:
    result = cli(["export", "-o", str(tmp_path / "missing-folder" / "x.csv")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_json_is_the_measures_json(cli: Invoke) -> None:
    assert json.loads(cli(["export", "-f", "json"]).stdout) == json.loads(
        cli(["measures", "-f", "json"]).stdout
    )


def test_export_matrix_markdown_escapes_pipes(cli: Invoke) -> None:
    md = cli(["--data", str(SMALL), "export", "-f", "md"]).stdout
    assert "palveluja \\| putkella" in md


def test_written_file_has_ordinary_permissions(cli: Invoke, tmp_path: Path) -> None:
    import os

    mask = os.umask(0)
    os.umask(mask)
    out = tmp_path / "perm.csv"
    assert cli(["export", "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
