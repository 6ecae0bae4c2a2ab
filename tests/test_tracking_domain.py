"""The import's rules as a pure function: changes, clears, notes, idempotence and conflicts."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from digivisio_cli.domain.tracking import (
    FIELDS,
    NOTE,
    Current,
    EditedRow,
    SnapshotRow,
    plan_import,
)

EMPTY = dict.fromkeys(FIELDS)


def row(
    values: Mapping[str, str | None],
    note: str | None = None,
    exported: Mapping[str, str | None] | None = None,
    text: str = "t1",
) -> EditedRow:
    snap = SnapshotRow(2, "3.1.1.1", text, {**EMPTY, **exported}) if exported is not None else None
    places = {name: f"Tracking!{c}2" for name, c in zip(FIELDS, "EFGHI", strict=True)}
    return EditedRow(
        "3.1.1.1", "Tracking!A2", {**EMPTY, **values}, note, {**places, NOTE: "Tracking!J2"}, snap
    )


def now(
    values: Mapping[str, str | None] | None = None, notes: frozenset[str] = frozenset()
) -> dict[str, Current]:
    return {"3.1.1.1": Current({**EMPTY, **(values or {})}, notes, "t1")}


def test_a_changed_cell_is_a_change_from_the_logs_value() -> None:
    plan = plan_import(
        [row({"state": "done"}, exported={"state": "in-progress"})], now({"state": "in-progress"})
    )
    assert [(c.field, c.old, c.new, c.place) for c in plan.changes] == [
        ("state", "in-progress", "done", "Tracking!E2")
    ]
    assert plan.conflicts == () and plan.entries[0].sets == {"state": "done"}


def test_an_emptied_cell_clears_the_field() -> None:
    plan = plan_import([row({}, exported={"owner": "OKM/KTPO"})], now({"owner": "OKM/KTPO"}))
    assert plan.entries[0].sets == {"owner": None}


def test_a_row_left_as_exported_never_reverts_a_later_report() -> None:
    exported = {"state": "in-progress"}
    plan = plan_import([row(exported, exported=exported)], now({"state": "done"}))
    assert plan.changes == () and plan.entries == ()


def test_a_value_the_log_already_holds_writes_nothing() -> None:
    plan = plan_import([row({"state": "done"}, exported={})], now({"state": "done"}))
    assert plan.changes == () and plan.conflicts == ()


def test_a_new_note_is_a_change_unless_written_since_the_export() -> None:
    fresh = plan_import([row({}, note="Kick-off held", exported={})], now())
    assert fresh.entries[0].note == "Kick-off held" and fresh.entries[0].sets == {}
    again = plan_import(
        [row({}, note="Kick-off held", exported={})], now(notes=frozenset({"Kick-off held"}))
    )
    assert again.entries == ()


def test_both_sides_changed_to_different_values_is_a_conflict() -> None:
    edited = row({"state": "done"}, exported={"state": "in-progress"})
    plan = plan_import([edited], now({"state": "on-hold"}))
    (conflict,) = plan.conflicts
    assert (conflict.reason, conflict.log, conflict.change.new) == ("log", "on-hold", "done")
    assert plan.entries == ()
    taken = plan_import([edited], now({"state": "on-hold"}), overwrite=True)
    assert taken.entries[0].sets == {"state": "done"}


def test_both_sides_changed_different_fields_is_no_conflict() -> None:
    plan = plan_import([row({"state": "done"}, exported={})], now({"health": "at-risk"}))
    assert plan.conflicts == () and plan.entries[0].sets == {"state": "done"}


def test_a_changed_row_whose_text_changed_since_is_a_conflict() -> None:
    moved = plan_import([row({"state": "done"}, exported={}, text="old")], now())
    assert [c.reason for c in moved.conflicts] == ["text"] and moved.entries == ()
    untouched = plan_import([row({}, exported={}, text="old")], now())
    assert untouched.conflicts == ()


def test_without_a_snapshot_cells_are_compared_with_the_current_status() -> None:
    plan = plan_import([row({"state": "done", "owner": "OPH"})], now({"state": "done"}))
    assert plan.entries[0].sets == {"owner": "OPH"} and plan.conflicts == ()


values = st.fixed_dictionaries({f: st.sampled_from([None, "a", "b"]) for f in FIELDS})


@given(exported=values, edited=values, log=values, note=st.sampled_from([None, "n"]))
def test_importing_what_was_just_imported_adds_nothing(
    exported: dict[str, str | None],
    edited: dict[str, str | None],
    log: dict[str, str | None],
    note: str | None,
) -> None:
    first = plan_import([row(edited, note, exported)], now(log), overwrite=True)
    after = dict(log)
    notes: set[str] = set()
    for entry in first.entries:
        after.update(entry.sets)
        if entry.note:
            notes.add(entry.note)
    second = plan_import([row(edited, note, exported)], now(after, frozenset(notes)))
    assert second.entries == () and second.conflicts == ()


def test_a_text_fingerprint_is_the_first_16_hex_digits_of_its_sha256() -> None:
    import hashlib

    from digivisio_cli.domain.tracking import text_hash

    # Sixteen digits are enough to notice a changed text and keep the snapshot sheet narrow.
    digest = hashlib.sha256("Kehitetään.".encode()).hexdigest()
    assert text_hash("Kehitetään.") == digest[:16]
    assert len(text_hash("")) == 16
