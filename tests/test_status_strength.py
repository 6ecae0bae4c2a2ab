"""The status log's checks and the import's rules, pinned where mutation testing (issue 12)
found them unpinned: how an id that is no measure is worded when its goal or theme has no
measures left, and how the import places, skips and classifies changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL, Invoke
from digivisio_cli.domain.tracking import (
    NOTE,
    Current,
    EditedRow,
    SnapshotRow,
    plan_import,
)

# --- ids in the log that are no measure ----------------------------------------------------


def test_an_id_under_a_goal_or_theme_with_no_measures_left_is_worded_without_examples(
    cli: Invoke, tmp_path: Path
) -> None:
    # The small data file without its one measure of goal 3.10.1 (and so of theme 3.10).
    text = SMALL.read_text(encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(text[: text.index('  - id: "3.10.1.1"')], encoding="utf-8")
    log = tmp_path / "status.yaml"
    entries = "".join(
        f'  - measure: "{ident}"\n    date: 2024-01-15\n'
        for ident in ("3.10.1.1", "3.10.1", "3.10", "3.1.1.1", "zzz")
    )
    log.write_text("schema_version: 1\nentries:\n" + entries, encoding="utf-8")
    result = cli(["--data", str(data), "--status", str(log), "status", "log"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{log}:3: measure: the data file no longer has '3.10.1.1' (goal 3.10.1 has –); was it "
        "removed or renumbered?",
        f"{log}:5: measure: '3.10.1' is a goal, not a measure; an entry reports on one measure",
        f"{log}:7: measure: '3.10' is a theme, not a measure; an entry reports on one measure",
        f"{log}:11: measure: no measure has the id 'zzz'",
        f"{log}: 4 problems; nothing was loaded.",
    ]


# --- the import's rules --------------------------------------------------------------------


def edited(
    values: dict[str, str | None],
    places: dict[str, str],
    note: str | None = None,
    snapshot: SnapshotRow | None = None,
) -> EditedRow:
    """Row 2 of a sheet, for measure 3.1.1.1, with only the cells given."""
    return EditedRow("3.1.1.1", "Tracking!A2", values, note, places, snapshot)


def test_a_column_the_sheet_lacks_does_not_hide_the_columns_after_it() -> None:
    # A sheet with the health column but no state column (state comes first in FIELDS).
    plan = plan_import([edited({"health": "at-risk"}, {"health": "Tracking!F2"})], {})
    assert [(c.field, c.new, c.place) for c in plan.changes] == [
        ("health", "at-risk", "Tracking!F2")
    ]
    assert plan.entries[0].sets == {"health": "at-risk"}


def test_a_change_whose_cell_is_not_known_is_placed_at_its_row() -> None:
    plan = plan_import([edited({"owner": "OPH"}, {}, note="Kick-off held")], {})
    assert [(c.field, c.place) for c in plan.changes] == [
        ("owner", "Tracking!A2"),
        (NOTE, "Tracking!A2"),
    ]


def test_a_new_note_is_placed_at_its_own_cell() -> None:
    plan = plan_import([edited({}, {NOTE: "Tracking!J2"}, note="Kick-off held")], {})
    assert [(c.field, c.new, c.place) for c in plan.changes] == [
        (NOTE, "Kick-off held", "Tracking!J2")
    ]


def test_a_measure_never_reported_is_compared_with_empty_values() -> None:
    # No snapshot (a CSV) and no entry in the log for the measure.
    plan = plan_import([edited({"state": "done", "owner": None}, {"state": "x.csv:2"})], {})
    assert [(c.field, c.old, c.new) for c in plan.changes] == [("state", None, "done")]
    assert plan.conflicts == () and plan.entries[0].sets == {"state": "done"}


def test_a_change_in_conflict_with_the_log_is_not_a_text_conflict_as_well() -> None:
    # Exported as in progress with text t0; since then the log says on hold and the text is t1.
    snap = SnapshotRow(2, "3.1.1.1", "t0", {"state": "in-progress"})
    row = edited(
        {"state": "done"},
        {"state": "Tracking!E2", NOTE: "Tracking!J2"},
        note="Kick-off held",
        snapshot=snap,
    )
    now = {"3.1.1.1": Current({"state": "on-hold"}, frozenset(), "t1")}
    plan = plan_import([row], now)
    assert [(c.change.field, c.reason, c.log) for c in plan.conflicts] == [
        ("state", "log", "on-hold"),
        (NOTE, "text", None),
    ]
    assert plan.entries == ()


# --- what the cache keeps of a log (data.status.CachedLog) -----------------------------------


def test_the_cache_keeps_each_measures_first_line_the_latest_date_and_the_entries() -> None:
    import datetime as dt

    from digivisio_cli.data.status import CachedLog
    from digivisio_cli.domain.status import StatusEntry, StatusLog

    entries = (
        StatusEntry.make("3.1.1.1", dt.date(2026, 3, 1), line=3, state="in-progress"),
        StatusEntry.make("3.1.1.2", dt.date(2026, 5, 1), line=6, state="done"),
        StatusEntry.make("3.1.1.1", dt.date(2026, 4, 1), line=9, state="done"),
    )
    log = StatusLog(1, entries)
    cached = CachedLog.of(log)
    assert cached.first_lines == {"3.1.1.1": 3, "3.1.1.2": 6}
    assert cached.latest == dt.date(2026, 5, 1)
    assert cached.current == log.current()
    restored = cached.log()
    assert restored.schema_version == 1 and restored.entries == entries
    assert CachedLog.of(StatusLog(1, ())).latest is None


def test_a_cached_log_answers_the_current_status_without_restoring_its_entries() -> None:
    import datetime as dt

    from digivisio_cli.data.status import CachedLog
    from digivisio_cli.domain.status import MeasureStatus

    current = {"3.1.1.1": MeasureStatus("3.1.1.1", state="done", date=dt.date(2026, 1, 1))}
    # Entries that cannot be restored: current() must not need them.
    cached = CachedLog(current, {"3.1.1.1": 3}, dt.date(2026, 1, 1), b"not a pickle")
    assert cached.log().current() == current


def test_an_unreported_measure_has_the_empty_status_under_its_own_id() -> None:
    from digivisio_cli.domain.status import StatusLog, status_of

    assert status_of({}, "3.2.2.1").measure == "3.2.2.1"
    assert StatusLog().schema_version == 1


def test_a_cached_log_is_checked_again_against_the_day_and_the_data_it_is_read_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses
    import datetime as dt
    import shutil

    from conftest import FIXTURES
    from digivisio_cli.data import cache
    from digivisio_cli.data.matrix import load as load_data
    from digivisio_cli.data.status import load
    from digivisio_cli.errors import DataFileError

    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "status.yaml"
    shutil.copy(FIXTURES / "status.yaml", path)
    data = load_data(None)
    # The latest entry is dated 2026-03-02: on that day the log is fine, and now cached as a log.
    assert load(path, data, dt.date(2026, 3, 2)).current()["3.2.2.1"].health is None
    assert cache.lookup(cache.key(path.read_bytes(), "status"), object) is not None
    # From the cache, a day before the latest entry still finds it in the future.
    with pytest.raises(DataFileError) as early:
        load(path, data, dt.date(2026, 3, 1))
    assert early.value.path == str(path)
    assert [(p.file, p.key, p.line) for p in early.value.problems] == [
        (str(path), "p_log_future_date", 13)
    ]
    # And with a data file that lacks one of its measures.
    fewer = dataclasses.replace(data, measures=tuple(m for m in data.measures if m.id != "3.1.2.4"))
    with pytest.raises(DataFileError) as gone:
        load(path, fewer, dt.date(2026, 6, 1))
    assert gone.value.path == str(path) and [p.line for p in gone.value.problems] == [18]


def test_a_log_is_checked_against_the_day_it_is_read_on_even_on_its_first_read(
    tmp_path: Path,
) -> None:
    import datetime as dt
    import shutil

    from conftest import FIXTURES
    from digivisio_cli.data.matrix import load as load_data
    from digivisio_cli.data.status import load
    from digivisio_cli.errors import DataFileError

    path = tmp_path / "status.yaml"
    shutil.copy(FIXTURES / "status.yaml", path)
    with pytest.raises(DataFileError) as caught:
        load(path, load_data(None), dt.date(2026, 1, 31))
    assert [(p.key, p.line) for p in caught.value.problems] == [
        ("p_log_future_date", 13),
        ("p_log_future_date", 18),
    ]
