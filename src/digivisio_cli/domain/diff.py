"""Compare two versions of the data: what was added, removed and changed, and who gained or lost.

Pure: two :class:`~digivisio_cli.domain.model.Dataset` objects in, a :class:`DatasetDiff` out; no I/O,
no Typer, no Rich. Items are matched by id (agencies by code). What counts is the data, not the
file: comments, layout, key order and the order of codes in a list do not make a difference. The
document's metadata (title, vision, footnotes) is not compared: it is not part of the matrix.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from digivisio_cli.domain.model import Agency, Dataset, Goal, Measure, Theme
from digivisio_cli.domain.query import count_by_agency

ItemKind = Literal["agency", "theme", "goal", "measure"]
ChangeKind = Literal["added", "removed", "changed"]
OpKind = Literal["equal", "delete", "insert"]
Item = Agency | Theme | Goal | Measure

#: Below this similarity of its text (difflib's ratio over the words) a measure that keeps its id
#: is taken to be a different measure, not an edited one. An edit that rewrites more than half of
#: the words has made a new measure; and in the bundled data distinct measures resemble each other
#: by 0.31 at the median (best match), though a few that share a formula ("Opetus- ja
#: kulttuuriministeriö vastaa … strategisesta ohjauksesta") reach 0.57 — so the threshold is not
#: set higher, and such look-alikes read as edits rather than raise a false alarm.
DIFFERENT_MEASURE = 0.5


@dataclass(frozen=True)
class WordOp:
    """A run of words that both texts share (``equal``), or only the old (``delete``) or new."""

    op: OpKind
    text: str  # the words, joined by single spaces


@dataclass(frozen=True)
class TextChange:
    """A text field that changed, with its word-level difference."""

    field: str
    old: str
    new: str
    ops: tuple[WordOp, ...]
    similarity: float  # 0 (nothing in common) … 1 (the same words)


@dataclass(frozen=True)
class ListChange:
    """A list of agency codes (or names) that changed: what was gained and what was lost."""

    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def gained(self) -> tuple[str, ...]:
        """In the new list, not the old."""
        return tuple(x for x in self.new if x not in self.old)

    @property
    def lost(self) -> tuple[str, ...]:
        """In the old list, not the new."""
        return tuple(x for x in self.old if x not in self.new)


@dataclass(frozen=True)
class FlagChange:
    """A yes/no field (``pending``) that flipped."""

    field: str
    old: bool
    new: bool


FieldChange = TextChange | ListChange | FlagChange


@dataclass(frozen=True)
class ItemChange:
    """An agency, theme, goal or measure that was added, removed or changed.

    ``fields`` lists what changed (empty for an added or removed item). For measures,
    ``different`` says that the id now holds a clearly different measure, and ``resembles`` names
    the measure on the other side whose text this one's most resembles — an old id for an added
    or different measure, a new id for a removed one — when a renumbering seems to explain it.
    """

    kind: ItemKind
    id: str
    change: ChangeKind
    old: Item | None
    new: Item | None
    fields: tuple[FieldChange, ...] = ()
    different: bool = False
    resembles: str | None = None

    def field(self, name: str) -> FieldChange | None:
        """The change of field ``name``, or None if it did not change."""
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True)
class AgencyLoad:
    """How many measures an agency carries and partners in, before and after."""

    code: str
    responsible_old: int
    responsible_new: int
    partner_old: int
    partner_new: int

    @property
    def responsible_delta(self) -> int:
        """The net change in measures carried."""
        return self.responsible_new - self.responsible_old

    @property
    def partner_delta(self) -> int:
        """The net change in measures as a partner."""
        return self.partner_new - self.partner_old

    @property
    def changed(self) -> bool:
        """Whether either count changed."""
        return bool(self.responsible_delta or self.partner_delta)


@dataclass(frozen=True)
class DatasetDiff:
    """Everything that differs between two versions, in file order, and the agencies' load."""

    agencies: tuple[ItemChange, ...]
    themes: tuple[ItemChange, ...]
    goals: tuple[ItemChange, ...]
    measures: tuple[ItemChange, ...]
    load: tuple[AgencyLoad, ...]

    @property
    def changes(self) -> tuple[ItemChange, ...]:
        """Every change, in the order of the data file: agencies, themes, goals, measures."""
        return self.agencies + self.themes + self.goals + self.measures

    @property
    def same(self) -> bool:
        """Whether the two versions hold the same data."""
        return not self.changes


def word_diff(field: str, old: str, new: str) -> TextChange:
    """The word-level difference of two texts (difflib over whitespace-separated words)."""
    a, b = old.split(), new.split()
    # autojunk would treat frequent words as noise in texts of 200 words or more; none is junk here.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(a[i1:i2])))
            continue
        # A replacement reads best as the old words struck out, then the new ones.
        if i2 > i1:
            ops.append(WordOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", " ".join(b[j1:j2])))
    return TextChange(field, old, new, tuple(ops), matcher.ratio())


def similarity(a: str, b: str) -> float:
    """How alike two texts are, by their words: 0 (nothing shared) … 1 (the same words)."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def compare(old: Dataset, new: Dataset) -> DatasetDiff:
    """What differs between ``old`` and ``new``, matched by id (agencies by code)."""
    agencies = _pair_renamed_codes(_match("agency", old.agencies, new.agencies, _agency_fields))
    measures = _match("measure", old.measures, new.measures, _measure_fields)
    return DatasetDiff(
        agencies=tuple(agencies),
        themes=tuple(_match("theme", old.themes, new.themes, _titled_fields)),
        goals=tuple(_match("goal", old.goals, new.goals, _titled_fields)),
        measures=tuple(_renumbering(measures, old.measures, new.measures)),
        load=tuple(_load(old, new)),
    )


# --- matching ------------------------------------------------------------------------------

T = TypeVar("T", Agency, Theme, Goal, Measure)


def _key(item: Item) -> str:
    return item.code if isinstance(item, Agency) else item.id


def _match(
    kind: ItemKind,
    old: Sequence[T],
    new: Sequence[T],
    fields: Callable[[T, T], list[FieldChange]],
) -> list[ItemChange]:
    old_by: dict[str, T] = {_key(x): x for x in old}
    new_by: dict[str, T] = {_key(x): x for x in new}
    keys = list(dict.fromkeys([*old_by, *new_by]))
    if kind != "agency":
        # Dotted numbers, in numeric order: an added 3.2.2.7 comes after 3.2.2.6, not at the end.
        keys.sort(key=lambda k: tuple(int(p) for p in k.split(".")))
    out: list[ItemChange] = []
    for key in keys:
        a, b = old_by.get(key), new_by.get(key)
        if a is None:
            out.append(ItemChange(kind, key, "added", None, b))
        elif b is None:
            out.append(ItemChange(kind, key, "removed", a, None))
        elif changed := fields(a, b):
            out.append(ItemChange(kind, key, "changed", a, b, tuple(changed)))
    return out


def _texts(
    field_names: Iterable[str], old: Mapping[str, str | None], new: Mapping[str, str | None]
) -> list[FieldChange]:
    out: list[FieldChange] = []
    for name in field_names:
        a, b = old.get(name) or "", new.get(name) or ""
        if a != b:
            out.append(word_diff(name, a, b))
    return out


def _lists(field_names: Iterable[str], old: object, new: object) -> list[FieldChange]:
    out: list[FieldChange] = []
    for name in field_names:
        change = ListChange(name, tuple(getattr(old, name)), tuple(getattr(new, name)))
        # Order within a list carries no meaning: only codes gained or lost are a change.
        if change.gained or change.lost:
            out.append(change)
    return out


def _measure_texts(m: Measure) -> dict[str, str | None]:
    return {
        "text": m.text,
        "translation_en": m.translation("en"),
        "translation_sv": m.translation("sv"),
        # One field for the note: its English original, then its Finnish and Swedish versions,
        # so that a changed translation of a note shows in the note's own line.
        "note": " | ".join(t for t in (m.note.en, m.note.fi, m.note.sv) if t) if m.note else None,
    }


def _measure_fields(a: Measure, b: Measure) -> list[FieldChange]:
    # ``goal`` needs no comparison: the loader makes it the head of the id.
    out = _lists(("responsible", "partners", "mentioned", "other_parties"), a, b)
    if a.pending != b.pending:
        out.append(FlagChange("pending", a.pending, b.pending))
    texts = _measure_texts(a), _measure_texts(b)
    return out + _texts(("text", "translation_en", "translation_sv", "note"), *texts)


def _titled_texts(item: Theme | Goal) -> dict[str, str | None]:
    out: dict[str, str | None] = {"title": item.title, "description": item.description}
    for lang, tr in item.unofficial_translations.items():
        out[f"title_{lang}"] = tr.title
        out[f"description_{lang}"] = tr.description
    return out


def _titled_fields(a: Theme | Goal, b: Theme | Goal) -> list[FieldChange]:
    # A goal's theme needs no comparison: the loader makes it the head of the goal's id.
    names = ("title", "description", "title_en", "description_en", "title_sv", "description_sv")
    return _texts(names, _titled_texts(a), _titled_texts(b))


def _agency_texts(a: Agency) -> dict[str, str | None]:
    notes = "\n".join(f"{n.as_of}: {n.text.en}" for n in a.notes)
    short = ", ".join(f"{lang}: {name}" for lang, name in sorted(a.short_names.items()))
    return {
        "name_fi": a.names.fi,
        "name_sv": a.names.sv,
        "name_en": a.names.en,
        "notes": notes,
        "successor": succession_text(a),
        "short_names": short or None,
    }


def succession_text(a: Agency) -> str | None:
    """An agency's succession in one line, for comparing two versions: ``OPH 2026-01-01; HE 31/2025
    vp`` (and the source's address). Its note is commentary and is not compared."""
    s = a.successor
    if s is None:
        return None
    return "; ".join(
        part for part in (f"{s.agency} {s.since.isoformat()}", s.source, s.url) if part
    )


def _agency_fields(a: Agency, b: Agency) -> list[FieldChange]:
    ta, tb = _agency_texts(a), _agency_texts(b)
    return [
        *_texts(("name_fi", "name_sv", "name_en"), ta, tb),
        *_lists(("abbreviations",), a, b),
        *_texts(("notes", "successor", "short_names"), ta, tb),
    ]


def _pair_renamed_codes(changes: list[ItemChange]) -> list[ItemChange]:
    """An agency removed under one code and added under another with the same Finnish name has
    been given a new code: one change of ``code``, not a removal and an addition."""
    added = {c.new.names.fi: c for c in changes if isinstance(c.new, Agency) and c.old is None}
    paired: set[str] = set()
    out: list[ItemChange] = []
    for c in changes:
        if isinstance(c.old, Agency) and c.new is None and c.old.names.fi in added:
            twin = added.pop(c.old.names.fi)
            assert isinstance(twin.new, Agency)
            fields = [word_diff("code", c.id, twin.id), *_agency_fields(c.old, twin.new)]
            c = ItemChange("agency", c.id, "changed", c.old, twin.new, tuple(fields))
            paired.add(twin.id)
        out.append(c)
    return [c for c in out if not (c.change == "added" and c.id in paired)]


# --- renumbered measures -------------------------------------------------------------------


def _renumbering(
    changes: list[ItemChange], old: Sequence[Measure], new: Sequence[Measure]
) -> list[ItemChange]:
    """Mark measures whose id now holds a clearly different text, and point to where it went.

    A text that moved to another id leaves its old id removed or holding a different measure,
    and arrives at an id that is added or holds a different measure; only those are searched,
    so an unchanged measure that happens to read alike is never suggested.
    """
    marked: list[ItemChange] = []
    for c in changes:
        text = c.field("text")
        if isinstance(text, TextChange) and text.similarity < DIFFERENT_MEASURE:
            c = dataclasses.replace(c, different=True)
        marked.append(c)
    moved_from = {c.id for c in marked if c.change == "removed" or c.different}
    moved_to = {c.id for c in marked if c.change == "added" or c.different}
    old_side = [m for m in old if m.id in moved_from]
    new_side = [m for m in new if m.id in moved_to]
    out: list[ItemChange] = []
    for c in marked:
        if c.change == "added" or c.different:
            assert isinstance(c.new, Measure)
            c = dataclasses.replace(c, resembles=_most_like(c.new.text, old_side))
        elif c.change == "removed":
            assert isinstance(c.old, Measure)
            c = dataclasses.replace(c, resembles=_most_like(c.old.text, new_side))
        out.append(c)
    return out


def _most_like(text: str, candidates: Sequence[Measure]) -> str | None:
    # A measure's own other version is among the candidates only when it is "different", that
    # is, less alike than DIFFERENT_MEASURE (the same ratio): it can never be the one named.
    scored = [(similarity(text, m.text), m.id) for m in candidates]
    best = max(scored, default=None)
    return best[1] if best and best[0] >= DIFFERENT_MEASURE else None


# --- load ----------------------------------------------------------------------------------


def _load(old: Dataset, new: Dataset) -> list[AgencyLoad]:
    """Each agency's responsible and partner counts before and after (0 where it is absent)."""
    before = {c.code: c for c in count_by_agency(old, old.measures)[0]}
    after = {c.code: c for c in count_by_agency(new, new.measures)[0]}
    out = []
    for code in dict.fromkeys([*before, *after]):
        a, b = before.get(code), after.get(code)
        out.append(
            AgencyLoad(
                code,
                a.responsible if a else 0,
                b.responsible if b else 0,
                a.partner if a else 0,
                b.partner if b else 0,
            )
        )
    return out
