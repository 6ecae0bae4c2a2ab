"""DRAFT (issue 14, item 5), not collected until phase 2: it becomes tests/test_as_of.py.

Succession data and ``--as-of DATE|today``: a measure of an agency succeeded by the date counts
for its successor and is shown with its original agency; without ``--as-of`` every answer follows
the document as published.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import Invoke

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


def test_as_of_may_follow_the_command(cli: Invoke) -> None:
    result = cli(["measures", "--actor", "OPH", "--as-of", "2026-06-01", "-f", "json"])
    assert result.exit_code == 0 and KARVI_MEASURE in _ids(result.stdout)


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
    succession = rows["Karvi"]["successor"]
    assert succession["agency"] == "OPH" and succession["since"] == "2026-01-01"
    assert succession["source"]
    assert rows["OPH"]["successor"] is None
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
