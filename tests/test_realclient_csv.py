"""The CSV exports opened in LibreOffice Calc under fi_FI.UTF-8, read back cell by cell.

Every CSV export (measures and ``--what matrix``, plain and ``--excel``) is converted by headless
LibreOffice, once with LibreOffice's default import (comma, semicolon and tab at once) and, for
the ``--excel`` files, once with Excel-like recognition (``;``, special numbers detected, quotes
no mark of text). The converted workbooks are read with openpyxl and compared with the CSV as
Python's ``csv`` module reads it: each cell must be in its column, hold exactly the text written,
and be text, except the matrix's counts, which are numbers.

Formula-like text (neutralised in CSV, quote-prefixed in the workbook) stays text even with
LibreOffice's formula evaluation on.

A canary file in each batch proves that the import really runs in Finnish with the options asked
for (``1,5`` is a number, ``3.1.2001`` a date), so that a silently ignored option cannot make the
tests pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import SMALL, invoke_cli
from realclient import (
    EXCEL_LIKE_SEMICOLON,
    LIBREOFFICE_DEFAULT,
    libreoffice_convert,
    need_libreoffice,
)

pytestmark = pytest.mark.realclient

#: The exports a Finnish planner takes into a meeting: (file stem, extra arguments).
EXPORTS = {
    "measures-plain": [],
    "measures-excel": ["--excel"],
    "matrix-plain": ["--what", "matrix"],
    "matrix-excel": ["--what", "matrix", "--excel"],
}
#: The matrix's count columns: the only cells that should become numbers.
COUNT_SUFFIXES = ("_responsible", "_partner")
COUNT_KEYS = ("no_agency", "total")


def _is_count(key: str) -> bool:
    return key.endswith(COUNT_SUFFIXES) or key in COUNT_KEYS


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every CSV export of the bundled data, written by the CLI in Finnish."""
    out = tmp_path_factory.mktemp("csv")
    paths = {}
    for stem, extra in EXPORTS.items():
        path = out / f"{stem}.csv"
        result = invoke_cli(["--lang", "fi", "export", "-f", "csv", *extra, "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        paths[stem] = path
    return paths


def _canary(folder: Path, delimiter: str) -> Path:
    path = folder / "canary.csv"
    rows = [["luku", "päivä", "a,b;c\td"], ["1,5", "3.1.2001", "x"]]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_ALL).writerows(rows)
    return path


@pytest.fixture(scope="module")
def converted(
    exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Path]:
    """(mode, stem) → the workbook LibreOffice made of that export in that import mode."""
    soffice = need_libreoffice()
    work = tmp_path_factory.mktemp("lo")
    result: dict[tuple[str, str], Path] = {}
    batches = {
        "excel-like": (EXCEL_LIKE_SEMICOLON, [s for s in exports if s.endswith("-excel")], ";"),
        "default": (LIBREOFFICE_DEFAULT, list(exports), ";"),
    }
    for mode, (infilter, stems, delimiter) in batches.items():
        folder = work / mode
        folder.mkdir()
        files = [_canary(folder, delimiter)]
        for stem in stems:
            copy = folder / exports[stem].name
            copy.write_bytes(exports[stem].read_bytes())
            files.append(copy)
        books = libreoffice_convert(soffice, files, folder / "out", "xlsx", work, infilter)
        for stem, book in zip(["canary", *stems], books, strict=True):
            result[(mode, stem)] = book
    return result


def _cells(book: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(book).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _written(path: Path) -> list[list[str]]:
    raw = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if raw.split("\n", 1)[0].count(";") else ","
    return list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))


def _problems(written: list[list[str]], read: list[list[object]]) -> list[str]:
    """Every cell that LibreOffice did not read back as written, described."""
    problems = []
    if len(read) != len(written):
        problems.append(f"{len(read)} rows read, {len(written)} written")
    header = written[0]
    for i, (want_row, got_row) in enumerate(zip(written, read, strict=False), start=1):
        extra = [v for v in got_row[len(want_row) :] if v is not None]
        if extra:
            problems.append(f"row {i}: {len(extra)} cell(s) beyond the last column")
        got_row = got_row + [None] * (len(want_row) - len(got_row))
        for j, want in enumerate(want_row):
            got = got_row[j]
            key = header[j] if j < len(header) else f"column {j + 1}"
            want = want.replace("\r\n", "\n")
            if i > 1 and _is_count(key) and want.isdigit():
                if not (isinstance(got, int) and got == int(want)):
                    problems.append(f"row {i} {key}: count {want!r} read as {got!r}")
                continue
            if want == "":
                if got not in (None, ""):
                    problems.append(f"row {i} {key}: empty cell read as {got!r}")
                continue
            if not isinstance(got, str):
                kind = "a date" if isinstance(got, dt.datetime) else type(got).__name__
                problems.append(f"row {i} {key}: {want[:40]!r} became {kind} {got!r}")
            elif got.replace("\r\n", "\n") != want:
                problems.append(f"row {i} {key}: {want[:40]!r} read as {got[:40]!r}")
    return problems


def test_canary_shows_the_import_runs_in_finnish_with_the_options_asked_for(
    converted: dict[tuple[str, str], Path],
) -> None:
    excel_like = _cells(converted[("excel-like", "canary")])
    assert excel_like[1][0] == 1.5  # the Finnish decimal comma
    assert excel_like[1][1] == dt.datetime(2001, 1, 3)  # d.m.yyyy: special numbers are on
    default = _cells(converted[("default", "canary")])
    assert default[1][0] == 1.5
    assert default[1][1] == "3.1.2001"  # special numbers are off
    assert default[0][2:6] == ["a,b;c\td"]  # quoted: one cell, though it holds all three


@pytest.mark.parametrize("stem", ["measures-excel", "matrix-excel"])
def test_excel_csv_reads_back_exactly_under_excel_like_recognition(
    converted: dict[tuple[str, str], Path], exports: dict[str, Path], stem: str
) -> None:
    problems = _problems(_written(exports[stem]), _cells(converted[("excel-like", stem)]))
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


@pytest.mark.parametrize(
    "stem",
    [
        "measures-plain",
        "measures-excel",
        "matrix-plain",
        "matrix-excel",
    ],
)
def test_every_csv_reads_back_in_its_columns_under_libreoffice_default_import(
    converted: dict[tuple[str, str], Path], exports: dict[str, Path], stem: str
) -> None:
    problems = _problems(_written(exports[stem]), _cells(converted[("default", stem)]))
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


#: Excel-like recognition with LibreOffice's "evaluate formulas" on (token 13).
EVALUATING = EXCEL_LIKE_SEMICOLON + ",false,false,false,-1,true"


def test_no_formula_like_text_is_evaluated_even_with_formula_evaluation_on(
    tmp_path: Path,
) -> None:
    soffice = need_libreoffice()
    data = tmp_path / "evil.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace('"Kehitetään tilastopalveluita."', '"=1+1"'),
        encoding="utf-8",
    )
    folder = tmp_path / "in"
    folder.mkdir()
    exported = folder / "evil.csv"
    args = ["--data", str(data), "export", "-f", "csv", "--excel", "-o", str(exported)]
    assert invoke_cli(args).exit_code == 0
    book = folder / "evil.xlsx"
    args = ["--data", str(data), "export", "-f", "xlsx", "-o", str(book)]
    assert invoke_cli(args).exit_code == 0
    canary = folder / "canary.csv"
    canary.write_text('"a"\r\n"=1+1"\r\n', encoding="utf-8")
    (evaluated, csv_book) = libreoffice_convert(
        soffice, [canary, exported], tmp_path / "csv", "xlsx", tmp_path, EVALUATING
    )
    (saved,) = libreoffice_convert(soffice, [book], tmp_path / "xlsx", "xlsx", tmp_path)
    assert openpyxl.load_workbook(evaluated).active["A2"].data_type == "f"  # evaluation is on
    for result in (csv_book, saved):
        cells = [
            c
            for sheet in openpyxl.load_workbook(result).worksheets
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str) and "1+1" in c.value
        ]
        assert cells, result.name
        assert all(c.data_type == "s" for c in cells), result.name
