"""The contract between views and formats: rows of values under columns, with a title and notes.

A view builds a :class:`Tabular`; every format renders a list of them. Nothing here knows a
format or a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Value = str | int | float | bool | None | list[str]


@dataclass(frozen=True)
class Column:
    """A column: its stable key, its label, and which kinds of output show it.

    ``human`` columns appear in table, plain and Markdown output; ``machine`` columns in json and
    csv. Most columns are both; the matrix's ``2/1`` cell is human only, its integer columns
    machine only.
    """

    key: str
    label: str
    human: bool = True
    machine: bool = True
    wide: bool = False  # long free text: wrap it rather than truncate
    number: bool = False
    marked: bool = False  # holds [-deleted-] and {+inserted+} words: the table colours them
    table_only: bool = False  # a terminal's decoration (a progress bar): the table format only
    in_table: bool = True  # False: left out of the table format (the bar's cell says it there)
    whole_words: bool = False  # table: the heading may wrap between words, never inside one
    #: The language of every text in the column ("fi" for the Finnish original), if fixed.
    lang: str | None = None
    #: The row field that holds the language of this column's text, where it varies by row
    #: (a translation, or the original where none exists). Formats that mark languages (html)
    #: read it; the field itself is no column.
    lang_key: str | None = None
    #: For a described table (a data package's Table Schema): the value's type when it is not
    #: text or, for ``number`` columns, a whole number ("boolean", "list"); whether every row
    #: has a value; the only values allowed.
    type: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()

    def text_lang(self, row: dict[str, Value]) -> str | None:
        """The language of this column's text in ``row``, or None where it is not known."""
        if self.lang_key is not None:
            value = row.get(self.lang_key)
            return value if isinstance(value, str) and value else None
        return self.lang


@dataclass(frozen=True)
class ForeignKey:
    """Values of ``fields`` that must appear as ``reference`` in the section ``resource``."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass
class Tabular:
    """Rows of values under columns, with a title, notes and (for json) an optional envelope."""

    kind: str
    columns: list[Column]
    rows: list[dict[str, Value]]
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    envelope: dict[str, Any] | None = None  # json: an object holding the rows, not a bare array
    rows_key: str = "measures"
    sheet_name: str | None = None  # xlsx: the sheet's name
    human_sheet: bool = False  # xlsx: labelled human columns (a cover sheet) rather than keys
    #: For a described table: the columns that identify a row, and the links to other sections.
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    def human_columns(self, table: bool = False) -> list[Column]:
        """Columns for people (with ``table``, the terminal-only ones too)."""
        if table:
            return [c for c in self.columns if c.human and c.in_table]
        return [c for c in self.columns if c.human and not c.table_only]

    def machine_columns(self) -> list[Column]:
        """Columns for programs."""
        return [c for c in self.columns if c.machine]
