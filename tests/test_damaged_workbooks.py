"""The catalogue of damaged tracking workbooks and CSVs given to ``status import``.

A sibling of tests/test_damaged.py: each case is made from a clean exported workbook (or written
as a CSV), imported through the real command line (in-process) against a small status log, and
must end with exit 1, exactly the lines on stderr listed here (the file's path as ``{path}``),
nothing on stdout, and the log's bytes untouched.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from conftest import Invoke, invoke_cli

Build = Callable[[Path, Path], Path]  # (folder, clean workbook) -> the file to import


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small log and a workbook exported with it, never changed (cases work on copies)."""
    folder = tmp_path_factory.mktemp("clean")
    log = folder / "status.yaml"
    result = invoke_cli(
        ["--status", str(log), "status", "set", "3.1.1.1", "in-progress", "--date", "2024-03-01"]
    )
    assert result.exit_code == 0, result.stderr
    book = folder / "clean.xlsx"
    result = invoke_cli(["--status", str(log), "export", "-f", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    return log, book


def cells(**values: object) -> Build:
    """The clean workbook with these cells of the tracking sheet set (``E12="Donne"``)."""

    def build(folder: Path, clean: Path) -> Path:
        path = folder / "meeting.xlsx"
        wb = openpyxl.load_workbook(clean)
        for ref, value in values.items():
            wb["Tracking"][ref] = value
        wb.save(path)
        return path

    return build


def raw(content: bytes, name: str = "meeting.xlsx") -> Build:
    """A file holding exactly ``content``."""

    def build(folder: Path, clean: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return build


def cut(fraction: float) -> Build:
    """The clean workbook cut short, as by an interrupted copy."""

    def build(folder: Path, clean: Path) -> Path:
        data = clean.read_bytes()
        return raw(data[: int(len(data) * fraction)])(folder, clean)

    return build


def other_workbook(folder: Path, clean: Path) -> Path:
    """A workbook that is not a tracking sheet at all."""
    path = folder / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Item", "Cost"])
    wb.active.append(["Laptops", 1200])
    wb.save(path)
    return path


def conflict(folder: Path, clean: Path) -> Path:
    """3.1.1.1 set to done in the workbook, and to on hold in the log after the export."""
    log = folder / "status.yaml"
    result = invoke_cli(
        ["--status", str(log), "status", "set", "3.1.1.1", "on-hold", "--date", "2024-04-01"]
    )
    assert result.exit_code == 0, result.stderr
    return cells(E2="done")(folder, clean)


@dataclass(frozen=True)
class Case:
    """One damaged input: how to make it, and stderr line by line."""

    name: str
    build: Build
    stderr: tuple[str, ...]


def refused(count: int) -> str:
    return f"{{path}}: {count} problem{'' if count == 1 else 's'}; nothing was written."


CATALOGUE = [
    Case(
        "unknown state label",
        cells(E12="Donne"),
        ("Tracking!E12: unknown state 'Donne'; did you mean 'done'?", refused(1)),
    ),
    Case("unknown health", cells(F3="so-so"), ("Tracking!F3: unknown health 'so-so'", refused(1))),
    Case(
        "impossible date",
        cells(G4="2026-02-30"),
        ("Tracking!G4: not a date: '2026-02-30' (write YYYY-MM-DD)", refused(1)),
    ),
    Case(
        "changed id",
        cells(A3="3.1.1.9"),
        (
            "Tracking!A3: id '3.1.1.9' differs from the exported '3.1.1.2' of this row",
            "Tracking!A3: no measure has the id '3.1.1.9'; did you mean '3.1.1.3', '3.1.1.2', '3.1.1.1'?",
            refused(2),
        ),
    ),
    Case(
        "a row given twice",
        cells(A46="3.1.1.1", E46="done"),
        ("Tracking!A46: '3.1.1.1' is given twice (first at Tracking!A2)", refused(1)),
    ),
    Case(
        "values but no id",
        cells(A4=None, E4="done"),
        (
            "Tracking!A4: a row with values but no id",
            refused(1),
        ),
    ),
    Case(
        "no ID column",
        cells(A1="Tunniste"),
        (
            "Tracking!A1: no ID column (the headers are: Tunniste, Goal, Responsible, Measure, "
            "State, Health, Due, Owner, Link, New note, Last note, Last report)",
            refused(1),
        ),
    ),
    Case(
        "CSV without an editable column",
        raw(b"id,text\n3.1.1.1,x\n", "meeting.csv"),
        (
            "{path}:1: column id: no column to import; expected one of: State, Health, Due, "
            "Owner, Link, New note",
            refused(1),
        ),
    ),
    Case(
        "CSV saved as Latin-1",
        raw("id,state\n3.1.1.1,käynnissä\n".encode("latin-1"), "meeting.csv"),
        ("{path}: cannot be read as a workbook or CSV: not UTF-8 text (byte 18)", refused(1)),
    ),
    Case(
        "CSV with a bad cell",
        raw(b"id;state;due\n3.1.1.1;done;\n3.1.1.2;;soon\n", "meeting.csv"),
        ("{path}:3: column due: not a date: 'soon' (write YYYY-MM-DD)", refused(1)),
    ),
    Case(
        # Written into the log, it would make every later command refuse the log.
        "CSV with a control character in a note",
        raw(b"id;state;new note\n3.1.1.1;done;ring\x07bell\n", "meeting.csv"),
        (
            "{path}:2: column new note: New note: holds the invisible control character "
            "U+0007; delete it",
            refused(1),
        ),
    ),
    Case(
        "zip that is no workbook",
        raw(b"PK\x03\x04" + b"\0" * 64),
        (
            "{path}: cannot be read as a workbook or CSV: BadZipFile: File is not a zip file",
            refused(1),
        ),
    ),
    Case(
        "workbook cut short",
        cut(0.6),
        (
            "{path}: cannot be read as a workbook or CSV: BadZipFile: File is not a zip file",
            refused(1),
        ),
    ),
    Case(
        "some other workbook",
        other_workbook,
        ("Sheet!A1: no ID column (the headers are: Item, Cost)", refused(1)),
    ),
    Case(
        "conflict with a later report",
        conflict,
        (
            "Tracking!E2: 3.1.1.1 State: the log says 'on hold' since the export, the workbook "
            "'done'",
            "1 conflict with reports written since the export; nothing was written "
            "(--overwrite-conflicts takes the workbook's values).",
        ),
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.name for c in CATALOGUE])
def test_damaged_workbook_gets_its_exact_message_and_the_log_is_untouched(
    cli: Invoke, tmp_path: Path, clean: tuple[Path, Path], case: Case
) -> None:
    log = tmp_path / "status.yaml"
    shutil.copy(clean[0], log)
    path = case.build(tmp_path, clean[1])
    before = log.read_bytes()
    result = cli(["--status", str(log), "status", "import", str(path)])
    assert result.exit_code == 1, result
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [line.format(path=path) for line in case.stderr]
    if case.name != "conflict with a later report":  # a conflict shows the changes first
        assert result.stdout == ""
    assert log.read_bytes() == before


def test_catalogue_names_are_unique() -> None:
    assert len({c.name for c in CATALOGUE}) == len(CATALOGUE)
