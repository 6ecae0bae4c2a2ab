"""What a filled-in tracking sheet changes: the rows read back, compared with the snapshot.

A tracking sheet is exported with a snapshot of each row's status as it was (kept in a hidden
sheet); at import each edited cell is compared with that snapshot and with the status log as it
is now. This module is the pure part of that comparison: values are plain text (state and health
as codes, dates as ``YYYY-MM-DD``), so that the workbook, the CSV, the snapshot and the log all
meet on the same ground. Reading cells and writing entries are other layers' business.

The rules (docs/tracking.md has the full account):

- a cell equal to its snapshot is no change, whatever the log says now: a stale workbook never
  reverts a later report;
- a cell that differs is a change, an emptied one clears the field, unless the log already holds
  that value (so importing the same workbook twice adds nothing);
- a change to a field that the log has also changed since the export, to a different value, is a
  conflict; so is any change to a row whose measure text changed since the export;
- a new note is a change unless the log has had that note written since the export;
- without a snapshot (a CSV), cells are compared with the current status.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: The fields a tracking sheet edits that carry forward in the log, in sheet order.
FIELDS: tuple[str, ...] = ("state", "health", "due", "owner", "link")
#: The name a new note goes by in a list of changes.
NOTE = "note"

#: A measure's carried fields as text: a code, a ``YYYY-MM-DD`` date, a unit, a link, or None.
Values = Mapping[str, "str | None"]


#: The hidden sheet that keeps a workbook's snapshot, its first cell, and its layout: key/value
#: rows of metadata, then a header row ``SNAPSHOT_ROWS`` and one row per tracking row.
SNAPSHOT_SHEET = "digivisio"
SNAPSHOT_MARK = "digivisio tracking snapshot"
SNAPSHOT_VERSION = 1
SNAPSHOT_META = ("version", "data_sha256", "log_sha256", "exported", "lang", "sheet", "log_entries")
SNAPSHOT_ROWS = ("row", "measure", "text_sha", *FIELDS)


def text_hash(text: str) -> str:
    """A short fingerprint of a measure's text, to notice that it changed since an export."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SnapshotRow:
    """One row of the tracking sheet as exported: where it was, which measure, its status."""

    row: int
    measure: str
    text_hash: str
    values: Values = field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    """What a workbook was made from: the data and the log (content hashes), when, and the rows.

    ``log_entries`` is how many entries the log had at the export: the log only grows, so the
    entries after that many are the ones written since.
    """

    data_hash: str
    log_hash: str
    exported: str
    lang: str
    sheet: str
    log_entries: int
    rows: tuple[SnapshotRow, ...] = ()


@dataclass(frozen=True)
class Reported:
    """A measure's status as an export shows it: carried values, the latest note, its date."""

    values: Values = field(default_factory=dict)
    note: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class EditedRow:
    """One row read back: the measure, the editable cells found, and where each one is.

    ``values`` holds only the editable columns the sheet has (a missing column changes nothing);
    ``places`` says where each value (and ``note``) was read, e.g. ``Tracking!E12``.
    """

    measure: str
    place: str
    values: Values
    note: str | None
    places: Mapping[str, str]
    snapshot: SnapshotRow | None = None


@dataclass(frozen=True)
class Current:
    """A measure's status in the log now: its carried values, the notes written since the
    export (for a CSV: its latest note), and its text's fingerprint in the data now."""

    values: Values
    notes: frozenset[str] = frozenset()
    text_hash: str = ""


@dataclass(frozen=True)
class FieldChange:
    """One field of one measure that the import changes (``new`` None: cleared)."""

    measure: str
    field: str
    old: str | None
    new: str | None
    place: str


@dataclass(frozen=True)
class Conflict:
    """A change the import will not make on its own: the log moved too, or the text changed.

    ``log`` is the log's value now (for a text conflict, None).
    """

    change: FieldChange
    reason: str  # "log" or "text"
    log: str | None = None


@dataclass(frozen=True)
class PlannedEntry:
    """The entry to append for one measure: the carried fields it sets (None clears) and a note."""

    measure: str
    sets: Values
    note: str | None


@dataclass(frozen=True)
class ImportPlan:
    """Everything the import would do: the changes, the conflicts, and the entries to write.

    ``changes`` lists every change, conflicting ones included (with ``--overwrite-conflicts``
    they are taken); ``entries`` holds what is written when there is no conflict left.
    """

    changes: tuple[FieldChange, ...]
    conflicts: tuple[Conflict, ...]
    entries: tuple[PlannedEntry, ...]


def _row_changes(row: EditedRow, now: Current) -> tuple[list[FieldChange], list[Conflict]]:
    base = row.snapshot.values if row.snapshot is not None else now.values
    changes: list[FieldChange] = []
    conflicts: list[Conflict] = []
    for name in FIELDS:
        if name not in row.values:
            continue
        new, old, held = row.values[name], base.get(name), now.values.get(name)
        # NOTE: unchanged from the snapshot means "nobody touched it", even if the log moved on.
        if new in (old, held):
            continue
        change = FieldChange(row.measure, name, held, new, row.places.get(name, row.place))
        changes.append(change)
        if row.snapshot is not None and held != old:
            conflicts.append(Conflict(change, "log", held))
    if row.note and row.note not in now.notes:
        # A note whose cell is not known is placed at its row, as a field's is.
        changes.append(
            FieldChange(row.measure, NOTE, None, row.note, row.places.get(NOTE, row.place))
        )
    text_moved = row.snapshot is not None and row.snapshot.text_hash != now.text_hash
    if changes and text_moved:
        taken = {id(c.change) for c in conflicts}
        conflicts.extend(Conflict(c, "text") for c in changes if id(c) not in taken)
    return changes, conflicts


def plan_import(
    rows: Sequence[EditedRow], current: Mapping[str, Current], overwrite: bool = False
) -> ImportPlan:
    """What importing ``rows`` changes, given each measure's status in the log now.

    ``current`` maps a measure id to its status (a measure never reported: empty values). With
    ``overwrite`` the workbook's value is taken for every conflict; without it, conflicts are
    returned and the entries leave their measures out (the caller writes nothing then).
    """
    changes: list[FieldChange] = []
    conflicts: list[Conflict] = []
    entries: list[PlannedEntry] = []
    for row in rows:
        found, against = _row_changes(row, current.get(row.measure) or Current({}))
        changes.extend(found)
        conflicts.extend(against)
        if not found or (against and not overwrite):
            continue
        sets = {c.field: c.new for c in found if c.field != NOTE}
        note = next((c.new for c in found if c.field == NOTE), None)
        entries.append(PlannedEntry(row.measure, sets, note))
    return ImportPlan(tuple(changes), tuple(conflicts), tuple(entries))
