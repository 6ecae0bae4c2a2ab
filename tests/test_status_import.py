"""``status import`` end to end: a meeting's workbook filled in, checked, shown and written back."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import Invoke
from digivisio_cli.i18n import label

D0, D1 = "2024-03-01", "2024-04-10"


def status(cli: Invoke, log: Path, *args: str) -> str:
    result = cli(["--status", str(log), "status", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def log(cli: Invoke, tmp_path: Path) -> Path:
    """A log with a report on two measures."""
    path = tmp_path / "status.yaml"
    status(cli, path, "set", "3.1.1.1", "in-progress", "--owner", "OKM/KTPO", "--date", D0)
    status(cli, path, "set", "3.2.2.1", "in-progress", "--note", "Kick-off held", "--date", D0)
    return path


def export(cli: Invoke, log: Path, lang: str = "en") -> Path:
    book = log.parent / f"meeting-{lang}.xlsx"
    result = cli(["--status", str(log), "--lang", lang, "export", "-f", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    return book


def fill(book: Path, cells: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(book)
    titles = {label("tracking", lang) for lang in ("fi", "sv", "en")}
    sheet = wb[next(name for name in wb.sheetnames if name in titles)]
    for ref, value in cells.items():
        sheet[ref] = value
    wb.save(book)
    return book


def row_of(book: Path, measure: str) -> int:
    sheet = openpyxl.load_workbook(book, read_only=True)[label("tracking", "en")]
    ids = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    return ids.index(measure) + 2


def run_import(
    cli: Invoke, log: Path, book: Path, *args: str, lang: str = "en"
) -> tuple[int, str, str]:
    result = cli(["--status", str(log), "--lang", lang, "status", "import", str(book), *args])
    return result.exit_code, result.stdout, result.stderr


def meeting(book: Path) -> dict[str, object]:
    """Three states and a new note, in the drop-down's own English labels."""
    return {
        f"E{row_of(book, '3.1.1.1')}": "done",
        f"E{row_of(book, '3.1.1.2')}": "in progress",
        f"E{row_of(book, '3.3.2.3')}": "on hold",
        f"J{row_of(book, '3.2.2.1')}": "Procurement started",
    }


def test_dry_run_shows_exactly_the_changes_and_writes_nothing(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, meeting(book))
    before = log.read_bytes()
    code, out, err = run_import(cli, log, book, "--dry-run", "--format", "json")
    assert code == 0, err
    assert [(c["measure"], c["field"], c["old"], c["new"]) for c in json.loads(out)] == [
        ("3.1.1.1", "state", "in-progress", "done"),
        ("3.1.1.2", "state", None, "in-progress"),
        ("3.2.2.1", "note", None, "Procurement started"),
        ("3.3.2.3", "state", None, "on-hold"),
    ]
    assert "nothing was written" in err and log.read_bytes() == before


def test_import_writes_the_changes_once_and_again_adds_nothing(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, meeting(book))
    code, _, err = run_import(cli, log, book, "--date", D1, "--by", "PMO")
    assert code == 0, err
    done = cli(["--status", str(log), "measures", "--state", "done", "-f", "json"]).stdout
    assert [m["id"] for m in json.loads(done)] == ["3.1.1.1"]
    held = cli(["--status", str(log), "measures", "--state", "on-hold", "-f", "json"]).stdout
    assert [m["id"] for m in json.loads(held)] == ["3.3.2.3"]
    shown = json.loads(cli(["--status", str(log), "show", "3.2.2.1", "-f", "json"]).stdout)
    assert shown["status_note"] == "Procurement started"
    after = log.read_bytes()
    assert after.count(b"by: ") == 4 and after.count(D1.encode()) == 4
    code, _, err = run_import(cli, log, book, "--date", D1)
    assert code == 0 and "No changes" in err and log.read_bytes() == after


def test_a_row_left_alone_does_not_undo_a_later_status_set(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, {f"E{row_of(book, '3.1.1.2')}": "done"})
    status(cli, log, "set", "3.1.1.1", "dropped", "--date", D1)
    code, out, err = run_import(cli, log, book, "-f", "json")
    assert code == 0, err
    assert [c["measure"] for c in json.loads(out)] == ["3.1.1.2"]
    state = json.loads(cli(["--status", str(log), "show", "3.1.1.1", "-f", "json"]).stdout)
    assert state["state"] == "dropped"


def test_changed_in_the_log_and_in_the_workbook_is_a_conflict(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    place = f"E{row_of(book, '3.1.1.1')}"
    book = fill(book, {place: "done"})
    status(cli, log, "set", "3.1.1.1", "on-hold", "--date", D1)
    before = log.read_bytes()
    code, _, err = run_import(cli, log, book)
    assert code == 1 and log.read_bytes() == before
    assert f"Tracking!{place}: 3.1.1.1 State: the log says 'on hold' since the export" in err
    assert "1 conflict with" in err
    code, _, err = run_import(cli, log, book, "--overwrite-conflicts")
    assert code == 0, err
    state = json.loads(cli(["--status", str(log), "show", "3.1.1.1", "-f", "json"]).stdout)
    assert state["state"] == "done"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("E", "Donne", "unknown state 'Donne'; did you mean 'done'?"),
        ("G", "31.02.2026", "not a date: '31.02.2026'"),
        ("A", "3.1.1.9", "id '3.1.1.9' differs from the exported '3.1.1.1' of this row"),
    ],
)
def test_a_bad_cell_is_reported_at_its_place_and_nothing_is_written(
    cli: Invoke, log: Path, column: str, value: str, message: str
) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, {f"E{row_of(book, '3.1.1.2')}": "done", f"{column}2": value})
    before = log.read_bytes()
    code, out, err = run_import(cli, log, book)
    assert code == 1 and out == "" and log.read_bytes() == before
    assert f"Tracking!{column}2: {message}" in err
    assert "nothing was written" in err


def test_problems_are_reported_in_the_chosen_language(cli: Invoke, log: Path) -> None:
    book = export(cli, log, "fi")
    book = fill(book, {"E2": "valmiss"})
    code, _, err = run_import(cli, log, book, lang="fi")
    assert code == 1
    assert "Seuranta!E2: tuntematon tila 'valmiss'; tarkoititko 'valmis'?" in err


def test_a_csv_exported_with_status_columns_imports_too(cli: Invoke, log: Path) -> None:
    exported = cli(["--status", str(log), "export", "-f", "csv", "--excel"]).stdout
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff")), delimiter=";"))
    assert "new_note" in rows[0] and rows[0]["new_note"] == ""
    for r in rows:
        if r["id"].lstrip("\u2060") == "3.1.1.2":  # --excel: a word joiner before number-like text
            r["state"], r["new_note"] = "käynnissä", "Started in the spring"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path = log.parent / "edited.csv"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    code, stdout, err = run_import(cli, log, path, "-f", "json")
    assert code == 0, err
    assert [(c["measure"], c["field"], c["new"]) for c in json.loads(stdout)] == [
        ("3.1.1.2", "state", "in-progress"),
        ("3.1.1.2", "note", "Started in the spring"),
    ]
    code, _, err = run_import(cli, log, path)
    assert code == 0 and "No changes" in err


def test_a_bad_csv_cell_is_reported_as_file_line_column(cli: Invoke, log: Path) -> None:
    path = log.parent / "bad.csv"
    path.write_text("id,state,due\n3.1.1.1,done,\n3.1.1.2,in progress,soon\n", encoding="utf-8")
    code, _, err = run_import(cli, log, path)
    assert code == 1
    assert f"{path}:3: column due: not a date: 'soon' (write YYYY-MM-DD)" in err


def test_without_a_status_log_import_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,state\n3.1.1.1,done\n", encoding="utf-8")
    result = cli(["status", "import", str(path)], env={"DIGIVISIO_STATUS": None})
    assert result.exit_code == 2 and "needs a status log" in result.stderr


def test_a_workbook_made_from_other_data_says_so_and_refuses_changed_texts(
    cli: Invoke, log: Path, tmp_path: Path
) -> None:
    from digivisio_cli.data.source import bundled_data_path

    book = fill(export(cli, log), {})
    book = fill(
        book, {f"E{row_of(book, '3.1.1.2')}": "done", f"E{row_of(book, '3.1.1.3')}": "done"}
    )
    text = bundled_data_path().read_text(encoding="utf-8")
    changed = tmp_path / "v2.yaml"
    old = "Opetushallitus edistää koulutustoimijoiden"
    assert old in text
    changed.write_text(
        text.replace(old, "Opetushallitus tukee koulutustoimijoiden"), encoding="utf-8"
    )
    result = cli(["--data", str(changed), "--status", str(log), "status", "import", str(book)])
    assert result.exit_code == 1
    assert "was made from another version of the data" in result.stderr
    assert "3.1.1.2: the measure's text has changed since the export" in result.stderr
    assert "3.1.1.3" not in result.stderr.split("another version")[1].split("conflict")[0]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_workbook_resaved_by_libreoffice_imports_the_same(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, meeting(book))
    code, direct, err = run_import(cli, log, book, "--dry-run", "-f", "json")
    assert code == 0, err
    outdir = log.parent / "lo"
    profile = log.parent / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = outdir / book.name
    assert resaved.exists() and resaved.read_bytes() != book.read_bytes()
    code, again, err = run_import(cli, log, resaved, "--dry-run", "-f", "json")
    assert code == 0, err
    assert json.loads(again) == json.loads(direct)


@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "json", "md"])
def test_the_changes_are_shown_in_every_format(cli: Invoke, log: Path, fmt: str) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, {f"E{row_of(book, '3.1.1.2')}": "done"})
    code, out, err = run_import(cli, log, book, "--dry-run", "--format", fmt)
    assert code == 0, err
    assert "3.1.1.2" in out and ("done" in out)


def test_the_first_import_creates_the_log_and_says_so(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,state\n3.1.1.1,done\n", encoding="utf-8")
    log = tmp_path / "new.yaml"
    code, _, err = run_import(cli, log, path, "--date", D1)
    assert code == 0, err
    assert f"Created the status log {log}." in err and b"state: done" in log.read_bytes()


@pytest.mark.subprocess
def test_only_the_import_command_imports_the_workbook_reader(tmp_path: Path) -> None:
    import os
    import sys

    probe = (
        "import sys; from digivisio_cli.app.cli import run; "
        "code = run(sys.argv[1:]); print(code, 'openpyxl' in sys.modules)"
    )
    env = {
        **os.environ,
        "DIGIVISIO_CACHE": "off",
        "PYTHONPATH": str(Path(__file__).parents[1] / "src"),
    }
    book = tmp_path / "b.xlsx"
    runs = {
        "export": ["export", "-f", "xlsx", "-o", str(book)],
        "listing": ["measures", "-f", "json"],
    }
    for name, args in runs.items():
        out = subprocess.run(
            [sys.executable, "-c", probe, *args],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.splitlines()[-1] == "0 False", name
    log = tmp_path / "s.yaml"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "--status",
            str(log),
            "status",
            "import",
            str(book),
            "--dry-run",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[-1] == "0 True"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_finnish_workbook_with_dates_and_a_cleared_cell_survives_libreoffice(
    cli: Invoke, log: Path
) -> None:
    import datetime as dt

    book = fill(export(cli, log, "fi"), {})
    book = fill(
        book,
        {
            f"E{row_of_fi(book, '3.1.1.2')}": "käynnissä",
            f"G{row_of_fi(book, '3.1.1.2')}": dt.datetime(2026, 12, 31),
            f"H{row_of_fi(book, '3.1.1.1')}": None,  # the owner OKM/KTPO cleared
        },
    )
    code, direct, err = run_import(cli, log, book, "--dry-run", "-f", "json", lang="fi")
    assert code == 0, err
    assert [(c["measure"], c["field"], c["new"]) for c in json.loads(direct)] == [
        ("3.1.1.1", "owner", None),
        ("3.1.1.2", "state", "in-progress"),
        ("3.1.1.2", "due", "2026-12-31"),
    ]
    outdir, profile = log.parent / "lo-fi", log.parent / "lo-profile-fi"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    code, again, err = run_import(
        cli, log, outdir / book.name, "--dry-run", "-f", "json", lang="fi"
    )
    assert code == 0, err
    assert json.loads(again) == json.loads(direct)


def row_of_fi(book: Path, measure: str) -> int:
    sheet = openpyxl.load_workbook(book, read_only=True)[label("tracking", "fi")]
    ids = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    return ids.index(measure) + 2


def test_a_damaged_log_is_reported_and_left_alone(cli: Invoke, log: Path) -> None:
    book = fill(export(cli, log), {})
    book = fill(book, {f"E{row_of(book, '3.1.1.2')}": "done"})
    damaged = log.read_bytes().replace(b"state: in-progress", b"state: in-progres", 1)
    log.write_bytes(damaged)
    code, out, err = run_import(cli, log, book)
    assert code == 1 and out == "" and log.read_bytes() == damaged
    assert f"{log}:" in err and "Traceback" not in err
