"""The tracking sheet: what the workbook offers to fill in, and how it is read back and checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import Invoke
from digivisio_cli.app.report import sheet_problem_line
from digivisio_cli.data.workbook import read
from digivisio_cli.domain.model import Dataset
from digivisio_cli.i18n import label

HEADERS_EN = [
    "ID",
    "Goal",
    "Responsible",
    "Measure",
    "State",
    "Health",
    "Due",
    "Owner",
    "Link",
    "New note",
    "Last note",
    "Last report",
]


def export_book(cli: Invoke, folder: Path, *args: str, lang: str = "en") -> Path:
    """An exported workbook; ``args`` go after ``export`` (filters)."""
    book = folder / f"meeting-{lang}.xlsx"
    result = cli(["--lang", lang, "export", "-f", "xlsx", "-o", str(book), "--force", *args])
    assert result.exit_code == 0, result.stderr
    return book


def test_tracking_sheet_has_the_english_headers_one_row_per_measure(
    cli: Invoke, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(export_book(cli, tmp_path))
    sheet = wb["Tracking"]
    assert [c.value for c in sheet[1]] == HEADERS_EN
    ids = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(ids) == 44 and ids[0] == "3.1.1.1"
    assert wb["digivisio"].sheet_state == "hidden"


def test_export_filters_apply_to_the_tracking_sheet(cli: Invoke, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export_book(cli, tmp_path, "--goal", "3.2"))
    ids = [r[0] for r in wb["Tracking"].iter_rows(min_row=2, values_only=True)]
    assert ids and all(i.startswith("3.2.") for i in ids)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_drop_downs_offer_the_labels_of_the_chosen_language(
    cli: Invoke, tmp_path: Path, lang: str
) -> None:
    wb = openpyxl.load_workbook(export_book(cli, tmp_path, lang=lang))
    sheet = wb[label("tracking", lang)]
    header = [c.value for c in sheet[1]]
    assert header[4:7] == [label(k, lang) for k in ("col_state", "col_health", "col_due")]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    state, health, due = rules["E2:E45"], rules["F2:F45"], rules["G2:G45"]
    assert state.type == "list" and state.showErrorMessage and state.showInputMessage
    assert state.prompt and state.error and state.errorStyle in (None, "stop")
    assert state.formula1.strip('"').split(",") == [
        label(f"state_{c}", lang)
        for c in ("not-started", "in-progress", "done", "on-hold", "dropped")
    ]
    assert health.formula1.strip('"').split(",") == [
        label(f"health_{c}", lang) for c in ("on-track", "at-risk", "off-track")
    ]
    assert due.type == "date" and due.showErrorMessage


def test_read_only_columns_look_different_from_editable_ones(cli: Invoke, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export_book(cli, tmp_path))["Tracking"]
    fills = {c.value: c.fill.fgColor.rgb for c in sheet[1]}
    body = {sheet.cell(1, j).value: sheet.cell(2, j).fill.fgColor.rgb for j in range(1, 13)}
    editable = {"State", "Health", "Due", "Owner", "Link", "New note"}
    read_only = set(HEADERS_EN) - editable
    assert len({fills[h] for h in editable}) == 1 and len({fills[h] for h in read_only}) == 1
    assert {fills[h] for h in editable} != {fills[h] for h in read_only}
    assert {body[h] for h in editable}.isdisjoint({body[h] for h in read_only})


def test_snapshot_keeps_hashes_date_and_rows(cli: Invoke, tmp_path: Path, bundled: Dataset) -> None:
    sheet = read(export_book(cli, tmp_path), [m.id for m in bundled.measures], "en")
    snap = sheet.snapshot
    assert snap is not None and sheet.problems == ()
    assert len(snap.data_hash) == 64 and snap.log_hash == "" and snap.log_entries == 0
    assert snap.exported == dt.date.today().isoformat()
    assert [r.measure for r in snap.rows] == [m.id for m in bundled.measures]
    assert [r.row for r in snap.rows] == list(range(2, 46))


def _fill(book: Path, cells: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(book)
    sheet = wb[wb.sheetnames[[n.lower() for n in wb.sheetnames].index("tracking")]]
    for ref, value in cells.items():
        sheet[ref] = value
    wb.save(book)
    return book


def _problems(path: Path, bundled: Dataset) -> list[str]:
    sheet = read(path, [m.id for m in bundled.measures], "en")
    return [sheet_problem_line(p) for p in sheet.problems]


def test_labels_in_any_language_and_dates_in_any_form_are_read(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    book = _fill(
        export_book(cli, tmp_path),
        {
            "E2": "valmis",
            "E3": "PÅGÅR",
            "F2": "at-risk",
            "G2": "31.12.2026",
            "G3": dt.date(2027, 1, 5),
        },
    )
    sheet = read(book, [m.id for m in bundled.measures], "en")
    assert sheet.problems == ()
    first, second = sheet.rows[0], sheet.rows[1]
    assert (first.values["state"], first.values["health"], first.values["due"]) == (
        "done",
        "at-risk",
        "2026-12-31",
    )
    assert (second.values["state"], second.values["due"]) == ("in-progress", "2027-01-05")
    assert first.places["state"] == "Tracking!E2"


def test_every_bad_cell_is_reported_at_its_place(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    ids = [m.id for m in bundled.measures]  # row n holds ids[n - 2]
    book = _fill(
        export_book(cli, tmp_path),
        {"E12": "Donne", "F3": "fine", "G4": "next spring", "A5": ids[1], "A6": "9.9.9.9"},
    )
    assert _problems(book, bundled) == [
        "Tracking!F3: unknown health 'fine'",
        "Tracking!G4: not a date: 'next spring' (write YYYY-MM-DD)",
        f"Tracking!A5: id '{ids[1]}' differs from the exported '{ids[3]}' of this row",
        f"Tracking!A5: '{ids[1]}' is given twice (first at Tracking!A3)",
        f"Tracking!A6: id '9.9.9.9' differs from the exported '{ids[4]}' of this row",
        "Tracking!A6: no measure has the id '9.9.9.9'",
        "Tracking!E12: unknown state 'Donne'; did you mean 'done'?",
    ]


def test_a_sorted_sheet_is_matched_by_id(cli: Invoke, tmp_path: Path, bundled: Dataset) -> None:
    book = export_book(cli, tmp_path)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Tracking"]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    for i, values in enumerate(reversed(rows), start=2):
        for j, value in enumerate(values, start=1):
            sheet.cell(i, j, value)
    wb.save(book)
    result = read(book, [m.id for m in bundled.measures], "en")
    assert result.problems == ()
    assert all(r.snapshot is not None and r.snapshot.measure == r.measure for r in result.rows)


def test_missing_id_column_and_no_editable_column_are_problems(
    tmp_path: Path, bundled: Dataset
) -> None:
    ids = [m.id for m in bundled.measures]
    no_id = tmp_path / "no-id.csv"
    no_id.write_text("measure,state\n3.1.1.1,done\n", encoding="utf-8")
    assert [sheet_problem_line(p) for p in read(no_id, ids, "en").problems] == [
        f"{no_id}:1: column measure: no ID column (the headers are: measure, state)"
    ]
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("id,text\n3.1.1.1,x\n", encoding="utf-8")
    (problem,) = read(nothing, ids, "en").problems
    assert problem.key == "imp_no_editable_column"


@pytest.mark.parametrize(("separator", "bom"), [(",", False), (";", True)])
def test_csv_either_separator_with_or_without_bom(
    tmp_path: Path, bundled: Dataset, separator: str, bom: bool
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator)
    writer.writerow(["id", "text", "state", "due", "new_note"])
    writer.writerow(["3.1.1.1", "x", "käynnissä", "2026-06-30", "Kick-off; held"])
    writer.writerow(["3.1.1.2", "y", "Donne", "", ""])
    path = tmp_path / "s.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    result = read(path, [m.id for m in bundled.measures], "en")
    assert [sheet_problem_line(p) for p in result.problems] == [
        f"{path}:3: column state: unknown state 'Donne'; did you mean 'done'?"
    ]
    path.write_bytes(path.read_bytes().replace(b"Donne", b"done"))
    rows = read(path, [m.id for m in bundled.measures], "en").rows
    assert rows[0].values == {"state": "in-progress", "due": "2026-06-30"}
    assert rows[0].note == "Kick-off; held" and rows[0].snapshot is None


def test_not_a_workbook_is_a_problem_not_a_traceback(tmp_path: Path, bundled: Dataset) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    (problem,) = read(fake, [m.id for m in bundled.measures], "en").problems
    assert problem.key == "imp_unreadable" and problem.place == str(fake)


def test_invisible_marks_an_excel_csv_puts_before_ids_and_dates_are_ignored(
    tmp_path: Path, bundled: Dataset
) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("id;state;due\n\u20603.1.1.1;done;\u20602026-12-31\n", encoding="utf-8-sig")
    result = read(path, [m.id for m in bundled.measures], "en")
    assert result.problems == ()
    assert (result.rows[0].measure, result.rows[0].values["due"]) == ("3.1.1.1", "2026-12-31")


def test_original_puts_the_finnish_text_in_the_tracking_sheet(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    sheet = openpyxl.load_workbook(export_book(cli, tmp_path, "--original"))["Tracking"]
    assert sheet["D1"].value == "Original text (Finnish)"
    assert sheet["D2"].value == bundled.measures[0].text


def test_rows_deleted_from_the_sheet_do_not_shift_the_others(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    book = export_book(cli, tmp_path)
    wb = openpyxl.load_workbook(book)
    sheet = wb["Tracking"]
    sheet.delete_rows(3, 2)
    sheet["E10"] = "done"
    wb.save(book)
    result = read(book, [m.id for m in bundled.measures], "en")
    assert result.problems == ()
    assert all(r.snapshot is not None and r.snapshot.measure == r.measure for r in result.rows)
    edited = next(r for r in result.rows if r.values["state"] == "done")
    assert edited.measure == bundled.measures[10].id  # row 10 now holds what was row 12
