"""Succession data and ``--as-of DATE|today``: a measure of an agency succeeded by the date counts
for its successor and is shown with its original agency; without ``--as-of`` every answer follows
the document as published.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import SMALL, Invoke
from digivisio_cli.app.options import parse_as_of
from digivisio_cli.errors import UsageError

KARVI_MEASURE = "3.1.2.4"
MERGED_ON = dt.date(2026, 1, 1)


def _ids(stdout: str) -> list[str]:
    return [row["id"] for row in json.loads(stdout)]


def test_as_of_after_the_merger_oph_carries_karvis_measure(cli: Invoke) -> None:
    result = cli(["--as-of", "2026-06-01", "measures", "--actor", "OPH", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert KARVI_MEASURE in rows
    row = rows[KARVI_MEASURE]
    # The published agency stays where it was; the as-of one is beside it.
    assert row["responsible"] == ["Karvi"]
    assert row["responsible_as_of"] == ["OPH"]
    assert row["as_of"] == "2026-06-01"


@pytest.mark.parametrize("args", [[], ["--as-of", "2025-06-01"], ["--as-of", "2025-12-31"]])
def test_before_the_merger_or_without_as_of_oph_does_not_carry_it(
    cli: Invoke, args: list[str]
) -> None:
    result = cli([*args, "measures", "--actor", "OPH", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert KARVI_MEASURE not in _ids(result.stdout)


def test_the_first_day_of_the_merger_counts(cli: Invoke) -> None:
    result = cli(["--as-of", MERGED_ON.isoformat(), "measures", "-a", "OPH", "-f", "json"])
    assert KARVI_MEASURE in _ids(result.stdout)


def test_without_as_of_json_has_no_as_of_fields(cli: Invoke) -> None:
    rows = json.loads(cli(["measures", "--format", "json"]).stdout)
    assert not any(key.endswith("as_of") for row in rows for key in row)


@pytest.mark.parametrize("fmt", ["plain", "table", "md"])
def test_human_formats_show_the_original_agency_in_brackets(cli: Invoke, fmt: str) -> None:
    result = cli(["--as-of", "2026-06-01", "measures", "--goal", "3.1.2", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if KARVI_MEASURE in line)
    assert "OPH (Karvi)" in line


@pytest.mark.parametrize(
    "args", [["--as-of", "2026-06-01"], ["--as-of=2026-06-01"]], ids=["separate", "joined"]
)
def test_as_of_may_follow_the_command(cli: Invoke, args: list[str]) -> None:
    result = cli(["measures", "--actor", "OPH", *args, "-f", "json"])
    assert result.exit_code == 0 and KARVI_MEASURE in _ids(result.stdout)


def test_help_names_the_option(cli: Invoke) -> None:
    result = cli(["--help"])
    assert "--as-of" in result.stdout and "today" in result.stdout


def test_as_of_today_follows_the_clock(cli: Invoke) -> None:
    result = cli(["--as-of", "today", "measures", "--actor", "OPH", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(row["as_of"] == dt.date.today().isoformat() for row in rows)
    assert (KARVI_MEASURE in _ids(result.stdout)) == (dt.date.today() >= MERGED_ON)


@pytest.mark.parametrize(
    "value", ["2026-13-01", "2026-02-30", "tomorrow", "1.1.2026", "", "2026-1-1x"]
)
def test_a_bad_date_is_a_usage_error(cli: Invoke, value: str) -> None:
    result = cli(["--as-of", value, "measures"])
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_bad_date_is_explained_in_the_users_language(cli: Invoke, lang: str) -> None:
    result = cli(["--lang", lang, "--as-of", "soon", "goals"])
    english = cli(["--lang", "en", "--as-of", "soon", "goals"])
    assert result.exit_code == 2
    assert "--as-of" in result.stderr and "'soon'" in result.stderr
    assert result.stderr != english.stderr


def test_actors_shows_karvis_successor_and_date(cli: Invoke) -> None:
    rows = {row["code"]: row for row in json.loads(cli(["actors", "-f", "json"]).stdout)}
    karvi = rows["Karvi"]
    assert karvi["successor"] == "OPH" and karvi["successor_since"] == "2026-01-01"
    assert karvi["successor_source"] == "HE 31/2025 vp"
    assert rows["OPH"]["successor"] is None and rows["OPH"]["successor_since"] is None
    plain = cli(["actors", "-f", "plain"]).stdout
    karvi = next(line for line in plain.splitlines() if line.startswith("Karvi"))
    assert "OPH" in karvi and "2026-01-01" in karvi


def test_actors_as_of_moves_karvis_load_to_oph(cli: Invoke) -> None:
    published = {r["code"]: r for r in json.loads(cli(["actors", "-f", "json"]).stdout)}
    later = {
        r["code"]: r
        for r in json.loads(cli(["--as-of", "2026-06-01", "actors", "-f", "json"]).stdout)
    }
    assert later["OPH"]["responsible"] == published["OPH"]["responsible"]
    assert later["OPH"]["responsible_as_of"] == published["OPH"]["responsible"] + 1
    assert later["Karvi"]["responsible_as_of"] == 0


def test_show_marks_the_merged_agency_without_as_of(cli: Invoke) -> None:
    result = cli(["show", KARVI_MEASURE, "-f", "plain"])
    assert result.exit_code == 0
    assert "OPH" in result.stdout and "2026-01-01" in result.stdout


def test_who_owns_marks_the_merged_agency_without_as_of(cli: Invoke) -> None:
    result = cli(["who-owns", "3.1.2", "-f", "plain"])
    assert "2026-01-01" in result.stdout + result.stderr


def test_who_owns_as_of_counts_karvis_measure_for_oph(cli: Invoke) -> None:
    before = json.loads(cli(["who-owns", "3.1.2", "-f", "json"]).stdout)
    after = json.loads(cli(["--as-of", "2026-06-01", "who-owns", "3.1.2", "-f", "json"]).stdout)
    count = {s["agency"]: s["responsible"] for s in before["summary"]}
    count_after = {s["agency"]: s["responsible"] for s in after["summary_as_of"]}
    assert count_after["OPH"] == count["OPH"] + count["Karvi"]
    assert "Karvi" not in count_after
    assert after["summary"] == before["summary"]


def test_matrix_as_of_has_no_column_for_the_merged_agency(cli: Invoke) -> None:
    rows = json.loads(cli(["--as-of", "2026-06-01", "matrix", "-f", "json"]).stdout)
    goal = next(r for r in rows if r["goal"] == "3.1.2")
    assert goal["OPH_responsible_as_of"] == goal["OPH_responsible"] + goal["Karvi_responsible"]
    assert "Karvi_responsible_as_of" not in goal


def test_goals_counts_do_not_depend_on_agencies(cli: Invoke) -> None:
    published = cli(["goals", "-f", "json"]).stdout
    assert cli(["--as-of", "2026-06-01", "goals", "-f", "json"]).stdout == published


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html"])
def test_every_export_applies_as_of(cli: Invoke, fmt: str) -> None:
    result = cli(["--as-of", "2026-06-01", "export", "-f", fmt, "--actor", "OPH"])
    assert result.exit_code == 0, result.stderr
    assert KARVI_MEASURE in result.stdout


def test_without_as_of_output_is_unchanged_by_the_succession_code(cli: Invoke) -> None:
    # The golden files pin this byte for byte on the small fixture; here the bundled data.
    rows = json.loads(cli(["measures", "-f", "json"]).stdout)
    assert [r["responsible"] for r in rows if r["id"] == KARVI_MEASURE] == [["Karvi"]]


def test_the_environment_variable_sets_the_date(cli: Invoke) -> None:
    result = cli(["measures", "-a", "OPH", "-f", "json"], env={"DIGIVISIO_AS_OF": "2026-06-01"})
    assert KARVI_MEASURE in _ids(result.stdout)
    # The option wins over the variable.
    later = cli(
        ["--as-of", "2025-06-01", "measures", "-a", "OPH", "-f", "json"],
        env={"DIGIVISIO_AS_OF": "2026-06-01"},
    )
    assert KARVI_MEASURE not in _ids(later.stdout)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-01", dt.date(2026, 6, 1)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
        ("today", dt.date(2030, 5, 4)),
        ("TODAY", dt.date(2030, 5, 4)),
        (None, None),
    ],
)
def test_parse_as_of_takes_iso_dates_and_today(value: str | None, expected: dt.date | None) -> None:
    assert parse_as_of(value, dt.date(2030, 5, 4)) == expected


@pytest.mark.parametrize("value", ["2023-02-29", "20260601", "2026-6-1", "1.6.2026", "tänään"])
def test_parse_as_of_refuses_anything_else(value: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_as_of(value, dt.date(2030, 5, 4))
    assert caught.value.key == "bad_as_of" and caught.value.params == {"value": value}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_marks_and_notes_are_in_the_users_language(cli: Invoke, lang: str) -> None:
    english = cli(["--as-of", "2026-06-01", "who-owns", "3.1.2", "-f", "plain"])
    local = cli(["--lang", lang, "--as-of", "2026-06-01", "who-owns", "3.1.2", "-f", "plain"])
    note = next(line for line in local.stderr.splitlines() if "2026-06-01" in line)
    assert note not in english.stderr and "Karvi → OPH" in note
    mark = cli(["--lang", lang, "show", KARVI_MEASURE, "-f", "plain"]).stdout
    assert "successor" not in mark and "OPH" in mark and "2026-01-01" in mark


def test_as_of_a_date_without_succession_says_nothing_changed(cli: Invoke) -> None:
    result = cli(["--data", str(SMALL), "--as-of", "2026-06-01", "measures", "-f", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert all(r["responsible_as_of"] == r["responsible"] for r in rows)
    assert "no agency has been succeeded" in result.stderr


def test_validate_and_diff_look_at_the_data_as_written(cli: Invoke) -> None:
    assert cli(["--as-of", "2026-06-01", "validate"]).exit_code == 0
    assert cli(["--as-of", "2026-06-01", "diff", "bundled", "bundled"]).exit_code == 0


KARVI_ENTRY = "    abbreviations: [NCU, FINEEC]\n"


def _succeeded(tmp_path: Path, name: str, mapping: str) -> str:
    text = SMALL.read_text(encoding="utf-8")
    assert KARVI_ENTRY in text
    path = tmp_path / name
    path.write_text(
        text.replace(KARVI_ENTRY, f"{KARVI_ENTRY}    successor: {mapping}\n"), encoding="utf-8"
    )
    return str(path)


def test_diff_reports_a_succession_added_and_removed(cli: Invoke, tmp_path: Path) -> None:
    later = _succeeded(
        tmp_path, "later.yaml", "{agency: OPH, since: 2026-01-01, source: HE 31/2025 vp}"
    )
    added = cli(["diff", str(SMALL), later, "-f", "plain"])
    assert added.exit_code == 1
    assert added.stdout == "agency\tKarvi\tchanged\tSuccessor\t{+OPH 2026-01-01; HE 31/2025 vp+}\n"
    removed = json.loads(cli(["diff", later, str(SMALL), "-f", "json"]).stdout)
    (change,) = removed["changes"]
    assert change["fields"][0]["field"] == "successor" and change["fields"][0]["new"] == ""
    assert change["old"]["successor"]["since"] == "2026-01-01"
    assert "successor" not in change["new"]


def test_diff_reports_a_succession_whose_date_changed(cli: Invoke, tmp_path: Path) -> None:
    first = _succeeded(tmp_path, "a.yaml", "{agency: OPH, since: 2026-01-01, source: x}")
    moved = _succeeded(tmp_path, "b.yaml", "{agency: OPH, since: 2026-03-01, source: x}")
    result = cli(["diff", first, moved, "-f", "plain"])
    assert result.exit_code == 1
    assert "[-2026-01-01;-] {+2026-03-01;+}" in result.stdout
    # A note is commentary: changing only the note is no change of the succession.
    noted = _succeeded(
        tmp_path, "c.yaml", "{agency: OPH, since: 2026-01-01, source: x, note: {fi: Huom.}}"
    )
    assert cli(["diff", first, noted, "-f", "plain"]).exit_code == 0


def test_an_added_agency_with_a_successor_diffs_as_json(cli: Invoke, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    extra = (
        "  - code: YTL\n"
        "    names: {fi: Ylioppilastutkintolautakunta, sv: Studentexamensnämnden, "
        "en: Matriculation Examination Board}\n"
        "    successor: {agency: OPH, since: 2026-01-01, source: x}\n"
    )
    path = tmp_path / "more.yaml"
    path.write_text(text.replace("themes:\n", extra + "themes:\n", 1), encoding="utf-8")
    data = json.loads(cli(["diff", str(SMALL), str(path), "-f", "json"]).stdout)
    (change,) = data["changes"]
    assert change["change"] == "added" and change["new"]["successor"]["since"] == "2026-01-01"


def test_workbook_as_of_has_a_sheet_per_agency_of_that_date(cli: Invoke, tmp_path: Path) -> None:
    import openpyxl

    published, later = tmp_path / "published.xlsx", tmp_path / "later.xlsx"
    assert cli(["export", "-f", "xlsx", "-o", str(published)]).exit_code == 0
    assert cli(["--as-of", "2026-06-01", "export", "-f", "xlsx", "-o", str(later)]).exit_code == 0
    before = {ws.title: ws.max_row - 1 for ws in openpyxl.load_workbook(published).worksheets}
    book = openpyxl.load_workbook(later)
    after = {ws.title: ws.max_row - 1 for ws in book.worksheets}
    assert "Karvi" not in after
    assert after["OPH"] == before["OPH"] + before["Karvi"]
    assert after["Source"] == before["Source"] + 1
    source = [row[1].value for row in book["Source"].iter_rows()]
    assert any(value and "Karvi → OPH" in value for value in source)


def test_show_json_keeps_the_published_agency_beside_the_as_of_one(cli: Invoke) -> None:
    published = json.loads(cli(["show", KARVI_MEASURE, "-f", "json"]).stdout)
    later = json.loads(cli(["--as-of", "2026-06-01", "show", KARVI_MEASURE, "-f", "json"]).stdout)
    assert later["responsible"] == published["responsible"]
    assert published["responsible"][0].startswith("Karvi (")
    assert (
        later["responsible_as_of"][0].startswith("OPH (")
        and "Karvi" in later["responsible_as_of"][0]
    )
    assert later["as_of"] == "2026-06-01" and "as_of" not in published
    assert published["successors"] == ["Karvi: successor OPH from 2026-01-01"]
