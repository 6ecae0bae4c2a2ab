"""Reading a filled-in tracking sheet back: a workbook (.xlsx) or a CSV, checked cell by cell.

The file's bytes come through the data layer's one bounded read. A workbook is read with
openpyxl, imported here only, when ``status import`` runs (README: why openpyxl); a CSV with the
standard library, either separator, with or without a byte-order mark. Columns are found by
their headers in any of the three languages (or the CSV's machine names), states and health by
their codes or labels in any language. Every problem is collected, each at its place
(``Tracking!E12``; ``FILE:LINE: column state``), and returned with the rows: the caller refuses
the whole import when there is any.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digivisio_cli.data.rules import hidden_character
from digivisio_cli.data.source import read_bytes
from digivisio_cli.domain.status import HEALTHS, STATES
from digivisio_cli.domain.tracking import (
    FIELDS,
    NOTE,
    SNAPSHOT_MARK,
    SNAPSHOT_ROWS,
    SNAPSHOT_SHEET,
    EditedRow,
    Snapshot,
    SnapshotRow,
)
from digivisio_cli.errors import SheetProblem
from digivisio_cli.i18n import as_lang, label
from digivisio_cli.settings import LANGS, Lang
from digivisio_cli.text import MAX_ECHO, printable

#: The columns an import reads, by the names a CSV export gives them.
COLUMNS = ("id", *FIELDS, "new_note")
#: Label keys whose words (in every language) name each column, besides its machine name.
_HEADER_LABELS = {
    "id": ("id",),
    "state": ("col_state", "state"),
    "health": ("col_health", "health"),
    "due": ("col_due", "due"),
    "owner": ("col_owner", "owner"),
    "link": ("col_link", "link"),
    "new_note": ("col_new_note",),
}
#: Characters after which the export put a quote, so that no spreadsheet evaluates the cell
#: (render/cells.py, OWASP CSV injection); the quote is taken off again when read back.
_GUARDED = ("=", "+", "-", "@", "\t", "\r")
#: Excel's day 0 (its 1900 date system, as LibreOffice writes it too).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Invisible characters that may lead a cell: word joiner, zero-width space, BOM.
_INVISIBLE = "\u2060\u200b\ufeff"
#: How many of a sheet's headers a "no ID column" message lists.
_MAX_HEADERS = 20
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def fold_text(text: str) -> str:
    """``text`` compared loosely: no case, no diacritics, ``_``/``-`` as spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("_", " ").replace("-", " ").split())


def _header_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for column, keys in _HEADER_LABELS.items():
        names[fold_text(column)] = column
        for key in keys:
            for lang in LANGS:
                names.setdefault(fold_text(label(key, lang)), column)
    return names


def _code_names(kind: str, codes: Sequence[str]) -> dict[str, str]:
    names = {fold_text(c): c for c in codes}
    for code in codes:
        for lang in LANGS:
            names.setdefault(fold_text(label(f"{kind}_{code}", lang)), code)
    return names


@dataclass(frozen=True)
class Cell:
    """One cell's value as read, and its place for a message."""

    value: object
    place: str


@dataclass
class Table:
    """A sheet or a CSV as read: its name for messages, headers, rows (each with its place).

    A file that could not be read, or an empty CSV, has no headers and no rows.
    """

    name: str
    header: list[Cell] = field(default_factory=list)
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)
    snapshot: Snapshot | None = None
    problems: list[SheetProblem] = field(default_factory=list)


@dataclass(frozen=True)
class ReadSheet:
    """A tracking sheet read back: the rows to compare (none when there are problems), the
    snapshot (None for a CSV), and the problems."""

    path: str
    sheet: str
    rows: tuple[EditedRow, ...]
    snapshot: Snapshot | None
    problems: tuple[SheetProblem, ...]


def _p(place: str, key: str, suggestions: Iterable[str] = (), **params: object) -> SheetProblem:
    # A list of headers is allowed to be longer than one echoed value (each is cut already).
    shown = tuple(
        (k, printable(str(v), None if k == "headers" else MAX_ECHO)) for k, v in params.items()
    )
    return SheetProblem(place, key, shown, tuple(suggestions))


def read(path: Path, measure_ids: Sequence[str], lang: Lang) -> ReadSheet:
    """The tracking sheet at ``path``, checked against the data file's ``measure_ids``.

    ``lang`` chooses the words of suggestions when the file does not say which language it was
    made in (a workbook's snapshot does).
    """
    content = read_bytes(path)
    name = str(path)
    table = _read_xlsx(content, name) if content[:4] == b"PK\x03\x04" else _read_csv(content, name)
    made_in = as_lang(table.snapshot.lang) if table.snapshot else None
    return _check(name, table, measure_ids, made_in or lang)


# --- reading a workbook --------------------------------------------------------------------


def _ref(sheet: str, col: int, row: int) -> str:
    """``Tracking!E12`` (a sheet name with spaces or signs in quotes, as spreadsheets write it)."""
    from openpyxl.utils import get_column_letter

    shown = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{get_column_letter(col + 1)}{row}"


def _read_xlsx(content: bytes, name: str) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        # NOTE: any damage to a zip of XML parts surfaces as some exception of openpyxl's or the
        # standard library's; each means the same to the user: this is no readable workbook.
        return _unreadable(name, f"{type(exc).__name__}: {exc}")
    try:
        snapshot = _read_snapshot(book)
        sheet_name = _tracking_sheet(book.sheetnames, snapshot)
        sheet = book[sheet_name]
        sheet.reset_dimensions()  # a re-saved workbook may state its size wrongly
        grid = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header = [Cell(v, _ref(sheet_name, j, 1)) for j, v in enumerate(grid[0] if grid else ())]
    rows = [
        (_ref(sheet_name, 0, i), [Cell(v, _ref(sheet_name, j, i)) for j, v in enumerate(values)])
        for i, values in enumerate(grid[1:], start=2)
    ]
    return Table(sheet_name, header, rows, snapshot)


def _tracking_sheet(names: Sequence[str], snapshot: Snapshot | None) -> str:
    if snapshot is not None and snapshot.sheet in names:
        return snapshot.sheet
    titles = {label("tracking", lang) for lang in LANGS}
    return next((n for n in names if n in titles), names[0])


def _read_snapshot(book: object) -> Snapshot | None:
    names: list[str] = getattr(book, "sheetnames", [])
    if SNAPSHOT_SHEET not in names:
        return None
    grid = [
        ["" if v is None else str(v) for v in row]
        for row in book[SNAPSHOT_SHEET].iter_rows(values_only=True)  # type: ignore[index]
    ]
    if not grid or not grid[0] or grid[0][0] != SNAPSHOT_MARK:
        return None
    meta: dict[str, str] = {}
    at = 1
    while at < len(grid) and any(grid[at]):
        meta[grid[at][0]] = grid[at][1] if len(grid[at]) > 1 else ""
        at += 1
    rows: list[SnapshotRow] = []
    width = len(SNAPSHOT_ROWS)
    # Then a blank row, the header of the rows and the rows: a row is one that starts with its
    # row number, which the blank row and the header do not.
    for cells in grid[at:]:
        cells = (cells + [""] * width)[:width]
        number = _whole(cells[0])
        if number is None:
            continue
        values = {f: cells[3 + i] or None for i, f in enumerate(FIELDS)}
        rows.append(SnapshotRow(number, cells[1], cells[2], values))
    return Snapshot(
        meta.get("data_sha256", ""),
        meta.get("log_sha256", ""),
        meta.get("exported", ""),
        meta.get("lang", "en"),
        meta.get("sheet", ""),
        _whole(meta.get("log_entries", "0")) or 0,
        tuple(rows),
    )


def _whole(text: str) -> int | None:
    """``"12"`` (or ``"12.0"``, should a spreadsheet have made a number of it) as 12."""
    found = re.fullmatch(r"(\d+)(?:\.0+)?", text.strip())
    return int(found.group(1)) if found else None


def _unreadable(name: str, reason: str) -> Table:
    return Table(name, problems=[_p(name, "imp_unreadable", reason=reason)])


# --- reading a CSV -------------------------------------------------------------------------


def _read_csv(content: bytes, name: str) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _unreadable(name, f"not UTF-8 text (byte {exc.start})")
    first = text.partition("\n")[0]
    separator = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        return _unreadable(name, f"line {reader.line_num}: {exc}")
    if not records:
        return Table(name)
    first_line, head = records[0]
    header = [Cell(v, f"{name}:{first_line}: column {v}") for v in head]
    # A cell past the last header belongs to no column, and nothing reads it: a row keeps only
    # the cells under a header (a shorter row is filled out with empty cells where it is read).
    rows = [
        (
            f"{name}:{n}",
            [Cell(v, f"{name}:{n}: column {h}") for h, v in zip(head, values, strict=False)],
        )
        for n, values in records[1:]
    ]
    return Table(name, header, rows)


# --- checking the cells --------------------------------------------------------------------


def _strip(value: object) -> str:
    """A cell's text without surrounding spaces or the invisible marks an export may lead with
    (a word joiner keeps a spreadsheet from reading an id as a date; a stray BOM)."""
    return str(value).strip().lstrip(_INVISIBLE).strip()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # A cell's line breaks as the log keeps them: a spreadsheet or an editor may end a line in a
    # cell with CR LF or CR, and a CR in the log would make it unreadable (data/rules.py).
    text = _strip(value).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > 1 and text[0] == "'" and text[1] in _GUARDED:
        text = text[1:]
    return text or None


def _date(value: object) -> str | None:
    """A date cell as ``YYYY-MM-DD``; raises ValueError when it is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2958466:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    text = _strip(value)
    found = _FI_DATE.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return dt.date(year, month, day).isoformat()
    # "2026-12-31", also with a time of day as a re-saved sheet may write it.
    return dt.date.fromisoformat(text.split(" ", 1)[0].split("T", 1)[0]).isoformat()


class _Checker:
    """The cell checks of one table, collecting every problem."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.problems: list[SheetProblem] = []
        self.codes = {
            "state": _code_names("state", STATES),
            "health": _code_names("health", HEALTHS),
        }
        self.shown = {
            kind: [label(f"{kind}_{c}", lang) for c in codes]
            for kind, codes in (("state", STATES), ("health", HEALTHS))
        }

    def value(self, column: str, cell: Cell) -> str | None:
        """The cell's value for ``column``, or None with a problem recorded when it has none."""
        if column in ("state", "health"):
            text = _text(cell.value)
            if text is None:
                return None
            code = self.codes[column].get(fold_text(text))
            if code is None:
                near = difflib.get_close_matches(text, self.shown[column], n=2, cutoff=0.5)
                self.problems.append(_p(cell.place, f"imp_unknown_{column}", near, value=text))
            return code
        if column == "due":
            try:
                return _date(cell.value)
            except (ValueError, OverflowError):
                self.problems.append(_p(cell.place, "imp_bad_date", value=cell.value))
                return None
        text = _text(cell.value)
        hidden = hidden_character(text) if text is not None else None
        if hidden is not None:
            # Written to the log, the text would make it unreadable: the log refuses such a
            # character when it is read (data/rules.py), as ``status set`` refuses it when typed.
            field = label(f"col_{column}", self.lang)
            self.problems.append(
                _p(cell.place, "p_hidden_char", field=field, code=f"{ord(hidden):04X}")
            )
            return None
        return text


def _columns(table: Table, problems: list[SheetProblem], lang: Lang) -> dict[str, int]:
    names = _header_names()
    found: dict[str, int] = {}
    for j, cell in enumerate(table.header):
        column = names.get(fold_text(str(cell.value))) if cell.value is not None else None
        if column is not None and column not in found:
            found[column] = j
    place = table.header[0].place if table.header else table.name
    named = [printable(str(c.value), MAX_ECHO) for c in table.header if c.value is not None]
    headers = ", ".join(named[:_MAX_HEADERS] + (["…"] if len(named) > _MAX_HEADERS else [])) or "–"
    if "id" not in found:
        problems.append(_p(place, "imp_no_id_column", headers=headers))
    elif len(found) == 1:
        wanted = ", ".join(label(f"col_{c}", lang) for c in COLUMNS[1:])
        problems.append(_p(place, "imp_no_editable_column", headers=wanted))
    return found


def _check(name: str, table: Table, measure_ids: Sequence[str], lang: Lang) -> ReadSheet:
    problems = list(table.problems)
    if problems:
        return ReadSheet(name, table.name, (), table.snapshot, tuple(problems))
    columns = _columns(table, problems, lang)
    if problems:
        return ReadSheet(name, table.name, (), table.snapshot, tuple(problems))
    checker = _Checker(lang)
    known = set(measure_ids)
    ids: list[tuple[str, str, str, dict[str, Cell]]] = []  # (id, id place, row place, cells)
    for place, cells in table.rows:
        get = {c: cells[j] if j < len(cells) else Cell(None, place) for c, j in columns.items()}
        ident = _text(get["id"].value)
        if ident is None:
            # The id cell is empty, so any text is another column's: a row without its id.
            if any(_text(cell.value) for cell in get.values()):
                problems.append(_p(get["id"].place, "imp_no_id"))
            continue
        ids.append((ident, get["id"].place, place, get))
    by_row = _snapshot_rows(table, [(i, p) for i, p, _, _ in ids], problems)
    first: dict[str, str] = {}
    rows: list[EditedRow] = []
    for index, (ident, id_place, place, by_column) in enumerate(ids):
        if ident not in known:
            near = difflib.get_close_matches(ident, measure_ids)  # three, at least 0.6 alike
            problems.append(_p(id_place, "imp_unknown_id", near, value=ident))
            continue
        if ident in first:
            problems.append(_p(id_place, "imp_twice", value=ident, first=first[ident]))
            continue
        first[ident] = id_place
        values: dict[str, str | None] = {}
        places: dict[str, str] = {}
        note: str | None = None
        for column, cell in by_column.items():
            if column == "id":
                continue
            value = checker.value(column, cell)
            if column == "new_note":
                note, places[NOTE] = value, cell.place
            else:
                values[column], places[column] = value, cell.place
        rows.append(EditedRow(ident, place, values, note, places, by_row.get(index)))
    problems.extend(checker.problems)
    problems.sort(key=lambda p: _order(p.place))
    # A sheet with problems is refused whole: it has no rows to compare, as above.
    return ReadSheet(
        name, table.name, () if problems else tuple(rows), table.snapshot, tuple(problems)
    )


def _snapshot_rows(
    table: Table, ids: Sequence[tuple[str, str]], problems: list[SheetProblem]
) -> Mapping[int, SnapshotRow]:
    """Each read row's snapshot row (by index into ``ids``), checking that ids were not changed.

    A row whose id is the one exported at its place is that row. The others are matched by id,
    so that a sheet sorted, or with rows deleted, still imports; but an id that is not an
    exported one still free, in a place where another id was exported, was typed over it: a
    problem (its cells would otherwise land on another measure).
    """
    snap = table.snapshot
    if snap is None:
        return {}
    exported = {r.measure: r for r in snap.rows}
    at_row = {r.row: r for r in snap.rows}
    out: dict[int, SnapshotRow] = {}
    claimed: set[str] = set()
    for n, (ident, place) in enumerate(ids):
        row = at_row.get(_order(place)[0])
        if row is not None and row.measure == ident and ident not in claimed:
            out[n] = row
            claimed.add(ident)
    for n, (ident, place) in enumerate(ids):
        if n in out:
            continue
        if ident in exported and ident not in claimed:
            out[n] = exported[ident]
            claimed.add(ident)
            continue
        row = at_row.get(_order(place)[0])
        if row is not None and row.measure != ident:
            problems.append(_p(place, "imp_id_changed", value=ident, expected=row.measure))
    return out


def _order(place: str) -> tuple[int, int | str]:
    """Problems in reading order: by row (line), then by column.

    A workbook's row number is also how an id's place finds the snapshot row exported there.
    """
    found = re.search(r"!([A-Z]+)(\d+)$", place)
    if found:
        from openpyxl.utils import column_index_from_string

        return int(found.group(2)), column_index_from_string(found.group(1))
    # A CSV's place is FILE:LINE or FILE:LINE: column NAME. The last such line number is the
    # one: the file's name may hold one too ("meeting 10:30:00.csv").
    line = re.search(r".*:(\d+)(?::|$)", place)
    return (int(line.group(1)) if line else 0), place
