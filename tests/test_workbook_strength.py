"""What reading a tracking workbook or CSV back does, pinned where mutation testing (issue 12)
found it unpinned: the places problems are given at and their order, how a CSV's separator and
line ends are found, what an unreadable or empty file reads as, and what a cell may hold.

Each test reads a file through :func:`digivisio_cli.data.workbook.read` (or imports it through
the command line, in-process) and checks the problems as the user reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from conftest import Invoke
from digivisio_cli.app.report import sheet_problem_line
from digivisio_cli.data.workbook import ReadSheet, read
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.tracking import Snapshot
from digivisio_cli.errors import SheetProblem
from digivisio_cli.text import MAX_ECHO
from test_tracking_sheet import export_book

IDS = ("3.1.1.1", "3.1.1.2", "3.1.1.3")


def read_csv(folder: Path, text: str | bytes, name: str = "meeting.csv") -> ReadSheet:
    """``text`` written as a CSV (exactly these bytes) and read back against :data:`IDS`."""
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read(path, IDS, "en")


def lines(sheet: ReadSheet) -> list[str]:
    """The sheet's problems as ``status import`` prints them (English)."""
    return [sheet_problem_line(p) for p in sheet.problems]


def one_sheet_book(path: Path, title: str, *rows: Sequence[object]) -> Path:
    """A workbook of one sheet named ``title`` holding ``rows`` (no snapshot)."""
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path


# --- the places problems are given at ------------------------------------------------------


def test_a_sheet_name_with_spaces_or_quotes_is_quoted_in_places_as_spreadsheets_write_it(
    tmp_path: Path,
) -> None:
    odd = read(one_sheet_book(tmp_path / "a.xlsx", "Bob's sheet", ["Item"]), IDS, "en")
    plain = read(one_sheet_book(tmp_path / "b.xlsx", "Budget_2024", ["Item"]), IDS, "en")
    assert [p.place for p in odd.problems] == ["'Bob''s sheet'!A1"]
    assert [p.place for p in plain.problems] == ["Budget_2024!A1"]
    assert (odd.sheet, plain.sheet) == ("Bob's sheet", "Budget_2024")


def test_a_long_value_is_cut_in_its_message_but_the_list_of_headers_is_not(
    tmp_path: Path,
) -> None:
    long_state = "x" * (MAX_ECHO + 10)
    sheet = read_csv(tmp_path, f"id,state\n3.1.1.1,{long_state}\n")
    assert sheet.problems[0].params == (("value", "x" * MAX_ECHO + "…"),)
    # Each header is cut on its own; the list of them may be longer than one echoed value.
    headers = [f"Heading number {n} of a sheet" for n in range(5)]
    sheet = read_csv(tmp_path, ",".join(headers) + "\n")
    assert sheet.problems[0].params == (("headers", ", ".join(headers)),)
    assert len(sheet.problems[0].params[0][1]) > MAX_ECHO


def test_a_csv_header_problem_is_at_line_one_of_the_file(tmp_path: Path) -> None:
    sheet = read_csv(tmp_path, "id,text\n3.1.1.1,x\n")
    assert [p.place for p in sheet.problems] == [f"{tmp_path / 'meeting.csv'}:1: column id"]


def test_a_csv_reads_as_the_sheet_named_by_its_path(tmp_path: Path) -> None:
    sheet = read_csv(tmp_path, "id,state\n3.1.1.1,done\n")
    assert sheet.sheet == str(tmp_path / "meeting.csv") and sheet.problems == ()
    assert [(r.measure, r.values) for r in sheet.rows] == [("3.1.1.1", {"state": "done"})]


# --- files that cannot be read, or hold nothing --------------------------------------------


def test_a_csv_the_csv_reader_refuses_is_one_problem_at_the_file_with_the_reason(
    tmp_path: Path,
) -> None:
    # The csv module's limit on one field (131,072 characters) is the error a CSV file can meet.
    sheet = read_csv(tmp_path, 'id,new_note\n3.1.1.1,"' + "x" * 140_000 + '"\n')
    path = str(tmp_path / "meeting.csv")
    reason = "line 2: field larger than field limit (131072)"
    assert sheet.problems == (SheetProblem(path, "imp_unreadable", (("reason", reason),)),)
    assert sheet.sheet == path and sheet.rows == () and sheet.snapshot is None
    assert sheet.path == path


def test_an_empty_csv_has_no_id_column_and_says_so_at_the_file(tmp_path: Path) -> None:
    for text in ("", "\n"):
        sheet = read_csv(tmp_path, text)
        path = str(tmp_path / "meeting.csv")
        assert lines(sheet) == [f"{path}: no ID column (the headers are: –)"], repr(text)
        assert sheet.sheet == path and sheet.rows == ()


def test_a_snapshot_row_that_is_no_row_number_is_passed_over(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    # A hand-written line below the snapshot's rows (or one a spreadsheet left) is not a row.
    book = export_book(cli, tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["digivisio"].append(["checked by the secretary"])
    wb["Tracking"]["E2"] = "done"
    wb.save(book)
    sheet = read(book, [m.id for m in bundled.measures], "en")
    assert sheet.problems == () and sheet.snapshot is not None
    assert len(sheet.snapshot.rows) == 44
    assert sheet.rows[0].values["state"] == "done"
    assert sheet.rows[0].snapshot == sheet.snapshot.rows[0]


# --- a CSV's separator and line ends -------------------------------------------------------


def test_the_separator_is_chosen_by_the_first_line_only(tmp_path: Path) -> None:
    # A semicolon CSV (as Excel writes one in Finland) whose notes are full of commas.
    sheet = read_csv(
        tmp_path, "id;new_note\n3.1.1.1;Budget, schedule, staff, rooms agreed\n3.1.1.2;x\n"
    )
    assert sheet.problems == ()
    assert [(r.measure, r.note) for r in sheet.rows] == [
        ("3.1.1.1", "Budget, schedule, staff, rooms agreed"),
        ("3.1.1.2", "x"),
    ]


def test_a_one_line_csv_gets_its_separator_from_that_line(tmp_path: Path) -> None:
    sheet = read_csv(tmp_path, "id;state")
    assert sheet.problems == () and sheet.rows == ()


def test_as_many_semicolons_as_commas_is_a_comma_csv(tmp_path: Path) -> None:
    # A header someone added, quoted, with semicolons in it: the commas still separate.
    sheet = read_csv(tmp_path, 'id,state,"Notes; questions; actions"\n3.1.1.1,done,x\n')
    assert sheet.problems == ()
    assert [(r.measure, r.values) for r in sheet.rows] == [("3.1.1.1", {"state": "done"})]


def test_a_csv_whose_lines_end_in_cr_alone_is_read(tmp_path: Path) -> None:
    sheet = read_csv(tmp_path, "id,state\r3.1.1.1,done\r3.1.1.2,on hold\r")
    assert sheet.problems == ()
    assert [(r.measure, r.values["state"]) for r in sheet.rows] == [
        ("3.1.1.1", "done"),
        ("3.1.1.2", "on-hold"),
    ]


def test_a_line_break_in_a_cell_is_kept_as_a_plain_line_feed(tmp_path: Path) -> None:
    sheet = read_csv(
        tmp_path,
        'id,new_note\r\n3.1.1.1,"Kick-off\r\nheld"\r\n3.1.1.2,"Old\rMac"\r\n3.1.1.3,"a\nb"\r\n',
    )
    assert sheet.problems == ()
    assert [r.note for r in sheet.rows] == ["Kick-off\nheld", "Old\nMac", "a\nb"]


def test_rows_shorter_or_longer_than_the_header_are_read(tmp_path: Path) -> None:
    # Trailing empty cells left out, and a stray value past the last header.
    sheet = read_csv(tmp_path, "id,state,owner\n3.1.1.1,done\n3.1.1.2,,OPH,extra\n")
    assert sheet.problems == ()
    assert [(r.measure, dict(r.values)) for r in sheet.rows] == [
        ("3.1.1.1", {"state": "done", "owner": None}),
        ("3.1.1.2", {"state": None, "owner": "OPH"}),
    ]


# --- what a cell may hold ------------------------------------------------------------------


def test_a_control_character_in_a_text_cell_is_a_problem_at_its_cell(tmp_path: Path) -> None:
    sheet = read_csv(tmp_path, "id,owner,new_note\n3.1.1.1,OPH,bell\x07\n3.1.1.2,\x1bK,\n")
    path = tmp_path / "meeting.csv"
    assert lines(sheet) == [
        f"{path}:2: column new_note: New note: holds the invisible control character U+0007; "
        "delete it",
        f"{path}:3: column owner: Owner: holds the invisible control character U+001B; delete it",
    ]
    assert sheet.rows == ()


def test_importing_a_control_character_is_refused_and_the_log_stays_readable(
    cli: Invoke, tmp_path: Path
) -> None:
    # Written to the log, the character would make every later command refuse the log.
    log = tmp_path / "status.yaml"
    result = cli(["--status", str(log), "status", "set", "3.1.1.1", "in-progress"])
    assert result.exit_code == 0, result.stderr
    before = log.read_bytes()
    sheet = tmp_path / "meeting.csv"
    sheet.write_bytes(b"id,new_note\n3.1.1.1,bell\x07\n")
    result = cli(["--status", str(log), "status", "import", str(sheet)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{sheet}:2: column new_note: New note: holds the invisible control character U+0007; "
        "delete it",
        f"{sheet}: 1 problem; nothing was written.",
    ]
    assert log.read_bytes() == before


# --- the order problems are listed in ------------------------------------------------------


def test_csv_problems_are_listed_by_line_number_not_as_text(tmp_path: Path) -> None:
    # Lines 2 to 10, empty rows but for two bad dates, on lines 3 and 10.
    body = "".join({3: "3.1.1.1,soon\n", 10: "3.1.1.2,soon\n"}.get(n, ",\n") for n in range(2, 11))
    for name in ("meeting.csv", "meeting 10:30:00.csv"):
        # A time of day in the file's name is no line number.
        sheet = read_csv(tmp_path, "id,due\n" + body, name)
        path = tmp_path / name
        assert [p.place for p in sheet.problems] == [
            f"{path}:3: column due",
            f"{path}:10: column due",
        ]


def test_problems_in_a_row_are_listed_by_column_then_rows_by_number(tmp_path: Path) -> None:
    # The state column moved far right (column AB) by someone who inserted columns.
    header = ["ID", None, None, None, None, "Health", *[None] * 21, "State"]
    row = ["3.1.1.1", None, None, None, None, "so-so", *[None] * 21, "Donne"]
    other = ["3.1.1.2", None, None, None, None, "so-so"]
    book = one_sheet_book(tmp_path / "a.xlsx", "Tracking", header, *[[None]] * 7, other, row)
    sheet = read(book, IDS, "en")
    assert [p.place for p in sheet.problems] == ["Tracking!F9", "Tracking!F10", "Tracking!AB10"]


def test_an_id_typed_over_with_the_id_of_a_row_below_is_caught_at_its_place(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    # The row below still holds its exported id at its exported place: that row is the id's,
    # and the row above, whose cells would land on it, was typed over.
    book = export_book(cli, tmp_path)
    wb = openpyxl.load_workbook(book)
    below = wb["Tracking"]["A4"].value
    wb["Tracking"]["A3"] = below
    wb.save(book)
    sheet = read(book, [m.id for m in bundled.measures], "en")
    assert lines(sheet) == [
        f"Tracking!A3: id '{below}' differs from the exported '3.1.1.2' of this row",
        f"Tracking!A4: '{below}' is given twice (first at Tracking!A3)",
    ]


# --- the hidden snapshot sheet, read from a stand-in for openpyxl's workbook -------------------


class _Sheet:
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.rows = rows

    def iter_rows(self, values_only: bool = True) -> list[tuple[object, ...]]:
        return self.rows


class _Book:
    def __init__(self, sheets: dict[str, list[tuple[object, ...]]]) -> None:
        self.sheets = sheets
        self.sheetnames = list(sheets)

    def __getitem__(self, name: str) -> _Sheet:
        return _Sheet(self.sheets[name])


def _snapshot_of(rows: list[tuple[object, ...]]) -> Snapshot | None:
    from digivisio_cli.data.workbook import _read_snapshot

    return _read_snapshot(_Book({"Tracking": [], "digivisio": rows}))


def test_a_snapshot_is_read_key_by_key_then_row_by_row() -> None:
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK

    snap = _snapshot_of(
        [
            (SNAPSHOT_MARK,),
            ("data_sha256", "d1"),
            ("log_sha256", "l1"),
            ("lang",),  # a value left empty by a spreadsheet has no second cell
            ("sheet", "Seuranta", "ignored"),
            ("log_entries", 3.0),
            (None, None),
            ("row", "measure", "text_sha", "state", "health", "due", "owner", "link"),
            (2, "3.1.1.1", "t1", "done", None, None, "OKM", None),
            (3.0, "3.1.1.2", "t2"),  # a short row: the rest are empty
        ]
    )
    assert snap is not None
    assert (snap.data_hash, snap.log_hash, snap.lang, snap.sheet, snap.log_entries) == (
        "d1",
        "l1",
        "",
        "Seuranta",
        3,
    )
    rows = snap.rows
    assert [(r.row, r.measure, r.text_hash) for r in rows] == [
        (2, "3.1.1.1", "t1"),
        (3, "3.1.1.2", "t2"),
    ]
    assert rows[0].values == {
        "state": "done",
        "health": None,
        "due": None,
        "owner": "OKM",
        "link": None,
    }
    assert all(v is None for v in rows[1].values.values())


def test_a_snapshot_of_keys_only_has_no_rows() -> None:
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK

    snap = _snapshot_of([(SNAPSHOT_MARK,), ("data_sha256", "d1")])
    assert snap is not None and snap.rows == () and snap.data_hash == "d1"


def test_a_snapshot_missing_its_keys_reads_them_as_empty_english_and_no_entries() -> None:
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK

    snap = _snapshot_of([(SNAPSHOT_MARK,), ("version", "1")])
    assert snap is not None
    assert (snap.data_hash, snap.log_hash, snap.exported, snap.lang, snap.sheet) == (
        "",
        "",
        "",
        "en",
        "",
    )
    assert snap.log_entries == 0


def test_no_snapshot_without_its_sheet_its_mark_or_any_rows() -> None:
    from digivisio_cli.data.workbook import _read_snapshot
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK

    assert _read_snapshot(object()) is None  # a CSV's "book" has no sheets at all
    assert _read_snapshot(_Book({"Tracking": []})) is None
    assert _snapshot_of([]) is None
    assert _snapshot_of([(), (SNAPSHOT_MARK,)]) is None  # the mark must be in the first row
    assert _snapshot_of([("something else",)]) is None


def test_the_tracking_sheet_is_the_snapshots_then_one_with_a_tracking_title_then_the_first() -> (
    None
):
    from digivisio_cli.data.workbook import _tracking_sheet
    from digivisio_cli.domain.tracking import Snapshot

    snap = Snapshot("", "", "", "fi", "Oma", 0, ())
    assert _tracking_sheet(["Muu", "Oma", "Seuranta"], snap) == "Oma"
    assert _tracking_sheet(["Muu", "Seuranta"], snap) == "Seuranta"  # renamed since the export
    assert _tracking_sheet(["Other", "Tracking"], None) == "Tracking"
    assert _tracking_sheet(["Other", "Uppföljning"], None) == "Uppföljning"
    assert _tracking_sheet(["Other", "More"], None) == "Other"


# --- one cell's value ------------------------------------------------------------------------


def test_a_text_cell_is_read_as_the_meeting_typed_it() -> None:
    from digivisio_cli.data.workbook import _text

    assert _text(None) is None
    assert _text("  \u2060 ") is None
    assert (_text(3.0), _text(3.5), _text(7)) == ("3", "3.5", "7")
    assert _text("a\r\nb\rc") == "a\nb\nc"
    # The apostrophe an export puts before a text that a spreadsheet would take for a formula
    # goes; any other leading apostrophe is the meeting's own.
    assert [_text(f"'{c}x") for c in "=+-@"] == ["=x", "+x", "-x", "@x"]
    assert (_text("'"), _text("'a"), _text("''="), _text("a'=")) == ("'", "'a", "''=", "a'=")


def test_a_date_cell_is_read_from_a_date_a_serial_number_or_a_text() -> None:
    import datetime as dt

    import pytest

    from digivisio_cli.data.workbook import _date

    assert (_date(None), _date("  ")) == (None, None)
    assert _date(dt.datetime(2026, 1, 2, 10, 30)) == "2026-01-02"
    assert _date(dt.date(2026, 1, 2)) == "2026-01-02"
    # Serial numbers count days from 1899-12-30; a time of day is a fraction and is dropped.
    assert (_date(1), _date(46023), _date(46023.75)) == ("1899-12-31", "2026-01-01", "2026-01-01")
    assert _date(2958465) == "9999-12-31"
    for not_a_day in (0, -1, 2958466, True):
        with pytest.raises(ValueError):
            _date(not_a_day)
    assert _date("31.12.2026") == "2026-12-31"
    assert _date("2026-12-31") == "2026-12-31"
    assert _date("2026-12-31 10:00:00") == "2026-12-31"
    assert _date("2026-12-31 10:00 +0200") == "2026-12-31"
    assert _date("2026-12-31T10:00:00") == "2026-12-31"
    with pytest.raises(ValueError):
        _date("31/12/2026")


def test_a_sheet_with_a_problem_in_any_cell_has_no_rows_to_compare(tmp_path: Path) -> None:
    fine = read_csv(tmp_path, "id,state,due\n3.1.1.1,done,2026-12-31\n3.1.1.2,on-hold,\n")
    assert [r.measure for r in fine.rows] == ["3.1.1.1", "3.1.1.2"]
    for bad in ("3.1.1.2,finished,", "3.1.1.2,on-hold,soon", "3.1.1.2,on-hold,,a\u200bb"):
        sheet = read_csv(tmp_path, f"id,state,due,owner\n3.1.1.1,done,2026-12-31,\n{bad}\n")
        assert len(sheet.problems) == 1, bad
        assert sheet.rows == ()


def test_a_prefixed_formula_sign_alone_loses_its_apostrophe() -> None:
    from digivisio_cli.data.workbook import _text

    assert (_text("'="), _text("'-")) == ("=", "-")


def test_names_are_compared_without_case_accents_dashes_or_extra_spaces() -> None:
    from digivisio_cli.data.workbook import fold_text

    assert fold_text("  On-Hold ") == "on hold"
    assert fold_text("Ei_aloitettu   vielä") == "ei aloitettu viela"
    assert fold_text("Åtgärd") == "atgard"


def test_an_unknown_state_suggests_the_two_nearest_labels_from_half_alike(tmp_path: Path) -> None:
    # "oned" is at least half like three labels; "dome" like "dropped" by just over a half.
    assert read_csv(tmp_path, "id,state\n3.1.1.1,oned\n").problems[0].suggestions == (
        "done",
        "on hold",
    )
    assert read_csv(tmp_path, "id,state\n3.1.1.1,dome\n").problems[0].suggestions == (
        "done",
        "dropped",
    )


def test_a_workbook_is_read_at_the_places_a_spreadsheet_shows(tmp_path: Path) -> None:
    path = one_sheet_book(
        tmp_path / "book.xlsx",
        "Tracking",
        ("id", "state", "owner"),
        # A formula is read as the value the spreadsheet computed; openpyxl computes none.
        ("3.1.1.1", "done", '=CONCAT("O","KM")'),
        ("3.1.1.2",),
    )
    sheet = read(path, IDS, "en")
    assert sheet.problems == ()
    assert [(r.measure, r.place, r.values) for r in sheet.rows] == [
        ("3.1.1.1", "Tracking!A2", {"state": "done", "owner": None}),
        ("3.1.1.2", "Tracking!A3", {"state": None, "owner": None}),
    ]


def test_an_empty_sheet_has_no_id_column(tmp_path: Path) -> None:
    sheet = read(one_sheet_book(tmp_path / "empty.xlsx", "Tracking"), IDS, "en")
    assert lines(sheet) == ["Tracking: no ID column (the headers are: –)"]


def test_the_sheet_the_snapshot_names_is_read_though_it_is_not_the_first(tmp_path: Path) -> None:
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK, SNAPSHOT_SHEET

    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(("nothing here",))
    meeting = wb.create_sheet("Kokous")
    meeting.append(("id", "state"))
    meeting.append(("3.1.1.1", "done"))
    snapshot = wb.create_sheet(SNAPSHOT_SHEET)
    snapshot.append((SNAPSHOT_MARK,))
    snapshot.append(("sheet", "Kokous"))
    wb.save(tmp_path / "book.xlsx")
    sheet = read(tmp_path / "book.xlsx", IDS, "en")
    assert (sheet.sheet, sheet.problems) == ("Kokous", ())
    assert [(r.measure, r.values) for r in sheet.rows] == [("3.1.1.1", {"state": "done"})]


def _book_made_in(path: Path, lang: str, *rows: Sequence[object]) -> Path:
    """A workbook whose snapshot says it was made in ``lang``; ``rows`` on its sheet "Kokous"."""
    from digivisio_cli.domain.tracking import SNAPSHOT_MARK, SNAPSHOT_SHEET

    wb = openpyxl.Workbook()
    wb.active.title = "Kokous"
    for row in rows:
        wb.active.append(row)
    snapshot = wb.create_sheet(SNAPSHOT_SHEET)
    for row in ((SNAPSHOT_MARK,), ("lang", lang), ("sheet", "Kokous")):
        snapshot.append(row)
    wb.save(path)
    return path


def test_a_workbook_is_checked_in_the_language_it_was_made_in(tmp_path: Path) -> None:
    made_in_fi = _book_made_in(tmp_path / "fi.xlsx", "fi", ("id", "state"), ("3.1.1.1", "valmiss"))
    sheet = read(made_in_fi, IDS, "en")
    assert (sheet.path, sheet.snapshot is not None) == (str(made_in_fi), True)
    assert sheet.problems[0].suggestions == ("valmis",)
    only_ids = _book_made_in(tmp_path / "ids.xlsx", "fi", ("id",), ("3.1.1.1",))
    sheet = read(only_ids, IDS, "en")
    assert sheet.snapshot is not None and sheet.path == str(only_ids)
    assert dict(sheet.problems[0].params)["headers"].startswith("Tila, Eteneminen")


def test_a_sheet_without_editable_columns_names_them_for_an_english_reader_without_a_snapshot(
    tmp_path: Path,
) -> None:
    sheet = read_csv(tmp_path, "id\n3.1.1.1\n")
    assert sheet.path == str(tmp_path / "meeting.csv")
    assert dict(sheet.problems[0].params)["headers"].startswith("State, Health")


def test_the_headers_a_sheet_without_an_id_column_has_are_cut_and_at_most_twenty(
    tmp_path: Path,
) -> None:
    def headers(names: list[str]) -> str:
        sheet = read_csv(tmp_path, ",".join(names) + "\n")
        return str(dict(sheet.problems[0].params)["headers"])

    assert headers(["x" * 100]) == "x" * MAX_ECHO + "…"
    twenty = [f"h{n}" for n in range(20)]
    assert headers(twenty) == ", ".join(twenty)
    assert headers([*twenty, "h20"]) == ", ".join(twenty) + ", …"


def test_a_csv_without_editable_columns_names_them_in_the_reader_language(tmp_path: Path) -> None:
    path = tmp_path / "meeting.csv"
    path.write_text("id\n3.1.1.1\n", encoding="utf-8")
    sheet = read(path, IDS, "sv")
    assert dict(sheet.problems[0].params)["headers"].startswith("Status, ")
