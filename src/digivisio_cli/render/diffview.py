"""The view of a :class:`~digivisio_cli.domain.diff.DatasetDiff`: one :class:`Tabular` for every format.

A row is an added or removed item, or one changed field of an item, so that each line of plain
or csv output is one change. People read the ``difference`` column: a word diff in the style of
``wdiff`` (``[-removed-] {+added+}``), which the table colours. JSON gets the whole diff as
structured data instead: gained and lost codes, old and new texts, the word diff as ops.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from digivisio_cli.domain.diff import (
    DatasetDiff,
    FieldChange,
    FlagChange,
    Item,
    ItemChange,
    ListChange,
    TextChange,
    WordOp,
)
from digivisio_cli.domain.model import Agency, Lang, Measure
from digivisio_cli.i18n import label, message
from digivisio_cli.render.cells import yes_no
from digivisio_cli.render.tabular import Column, Tabular, Value

#: Marks of deleted and inserted words, as ``wdiff`` and ``git diff --word-diff`` write them.
DELETED = ("[-", "-]")
INSERTED = ("{+", "+}")


def mark_words(ops: tuple[WordOp, ...]) -> str:
    """A word diff as one readable line: ``kept [-deleted-] {+inserted+} kept``."""
    parts = []
    for op in ops:
        if op.op == "delete":
            parts.append(f"{DELETED[0]}{op.text}{DELETED[1]}")
        elif op.op == "insert":
            parts.append(f"{INSERTED[0]}{op.text}{INSERTED[1]}")
        else:
            parts.append(op.text)
    return " ".join(parts)


def _mark_list(change: ListChange) -> str:
    """The old list with lost entries struck out, then the gained: ``OKM, [-OPH-], {+Karvi+}``."""
    kept = [x if x in change.new else f"{DELETED[0]}{x}{DELETED[1]}" for x in change.old]
    gained = [f"{INSERTED[0]}{x}{INSERTED[1]}" for x in change.gained]
    return ", ".join(kept + gained) or "–"


def _field_label(field: str, lang: Lang) -> str:
    """``translation_en`` → 'Translation (en)'; ``notes`` → 'Note'; otherwise the field's label."""
    base, _, suffix = field.rpartition("_")
    if suffix in ("en", "sv") and base in ("translation", "title", "description"):
        return f"{label(base, lang)} ({suffix})"
    names = {"text": "measure_text", "notes": "agency_note", "short_names": "abbreviations"}
    return label(names.get(field, field), lang)


def _describe(item: Item, lang: Lang) -> str:
    """An added or removed item in a line: a measure's agencies, flag and text; else its name."""
    if isinstance(item, Agency):
        return item.names.get(lang)
    if not isinstance(item, Measure):
        return item.title
    parts = [f"{label('responsible', lang)}: {', '.join(item.responsible) or '–'}"]
    if item.partners:
        parts.append(f"{label('partners', lang)}: {', '.join(item.partners)}")
    if item.pending:
        parts.append(f"{label('pending', lang)}: {yes_no(True, lang)}")
    return "; ".join([*parts, item.text])


def _headline(item: Item) -> str:
    """What stands for an added or removed item in csv: a measure's text, a title, a name."""
    if isinstance(item, Agency):
        return item.names.fi
    return item.text if isinstance(item, Measure) else item.title


def _field_row(change: FieldChange, lang: Lang) -> dict[str, Value]:
    row: dict[str, Value] = {"field": change.field, "field_label": _field_label(change.field, lang)}
    if isinstance(change, ListChange):
        row |= {
            "old": list(change.old),
            "new": list(change.new),
            "gained": list(change.gained),
            "lost": list(change.lost),
            "difference": _mark_list(change),
        }
    elif isinstance(change, FlagChange):
        row |= {
            "old": change.old,
            "new": change.new,
            "difference": f"{yes_no(change.old, lang)} → {yes_no(change.new, lang)}",
        }
    else:
        row |= {"old": change.old, "new": change.new, "difference": mark_words(change.ops)}
    return row


def _rows(c: ItemChange, lang: Lang) -> list[dict[str, Value]]:
    head: dict[str, Value] = {
        "kind": c.kind,
        "kind_label": label(f"kind_{c.kind}", lang),
        "id": c.id,
        "change": c.change,
        "change_label": label(f"change_{c.change}", lang),
    }
    if c.new is not None and c.old is None:
        return [{**head, "new": _headline(c.new), "difference": _describe(c.new, lang)}]
    if c.old is not None and c.new is None:
        return [{**head, "old": _headline(c.old), "difference": _describe(c.old, lang)}]
    return [{**head, **_field_row(f, lang)} for f in c.fields]


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "±0"


def _notes(diff: DatasetDiff, lang: Lang) -> list[str]:
    if diff.same:
        return [message("diff_same", lang)]
    notes: list[str] = []
    for c in diff.measures:
        text = c.field("text")
        if c.different and isinstance(text, TextChange):
            notes.append(
                message("diff_different", lang, id=c.id, percent=round(100 * text.similarity))
            )
        if c.resembles:
            key = "diff_resembles_new" if c.change == "removed" else "diff_resembles_old"
            notes.append(message(key, lang, id=c.id, other=c.resembles))
    load = [
        message(
            "diff_load_agency",
            lang,
            code=a.code,
            old_r=a.responsible_old,
            new_r=a.responsible_new,
            delta_r=_signed(a.responsible_delta),
            old_p=a.partner_old,
            new_p=a.partner_new,
            delta_p=_signed(a.partner_delta),
        )
        for a in diff.load
        if a.changed
    ]
    if load:
        notes.append(message("diff_load", lang, items="; ".join(load)))
    return notes


def _field_json(change: FieldChange) -> dict[str, Any]:
    if isinstance(change, ListChange):
        return {
            "field": change.field,
            "old": list(change.old),
            "new": list(change.new),
            "gained": list(change.gained),
            "lost": list(change.lost),
        }
    if isinstance(change, FlagChange):
        return {"field": change.field, "old": change.old, "new": change.new}
    return {
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "similarity": round(change.similarity, 3),
        "ops": [{"op": op.op, "text": op.text} for op in change.ops],
    }


def _change_json(c: ItemChange) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": c.kind,
        "id": c.id,
        "change": c.change,
        "fields": [_field_json(f) for f in c.fields],
    }
    if c.kind == "measure":
        out |= {"different_measure": c.different, "resembles": c.resembles}
    return out | {
        "old": _item_json(c.old) if c.old else None,
        "new": _item_json(c.new) if c.new else None,
    }


def _item_json(item: Item) -> dict[str, Any]:
    data = dataclasses.asdict(item)
    if isinstance(item, Agency):
        # Only an agency with a successor has the key, so that files without successions diff
        # exactly as before; its date as text, as everywhere in json.
        if item.successor is None:
            del data["successor"]
        else:
            data["successor"]["since"] = item.successor.since.isoformat()
    return data


def diff_json(diff: DatasetDiff, old_name: str, new_name: str) -> dict[str, Any]:
    """The whole diff as JSON-ready data: every change with its fields, and every agency's load."""
    return {
        "old": old_name,
        "new": new_name,
        "same": diff.same,
        "changes": [_change_json(c) for c in diff.changes],
        "load": [
            {
                "agency": a.code,
                "responsible": {
                    "old": a.responsible_old,
                    "new": a.responsible_new,
                    "delta": a.responsible_delta,
                },
                "partner": {"old": a.partner_old, "new": a.partner_new, "delta": a.partner_delta},
            }
            for a in diff.load
        ],
    }


def diff_view(diff: DatasetDiff, lang: Lang, old_name: str, new_name: str) -> Tabular:
    """The differences between two versions: a row per added or removed item or changed field."""
    columns = [
        Column("kind", label("kind", lang), human=False),
        Column("kind_label", label("kind", lang), machine=False),
        Column("id", label("id", lang)),
        Column("change", label("change", lang), human=False),
        Column("change_label", label("change", lang), machine=False),
        Column("field", label("field", lang), human=False),
        Column("field_label", label("field", lang), machine=False),
        Column("old", label("old", lang), human=False),
        Column("new", label("new", lang), human=False),
        Column("gained", label("gained", lang), human=False),
        Column("lost", label("lost", lang), human=False),
        Column("difference", label("difference", lang), wide=True, marked=True),
    ]
    rows = [row for c in diff.changes for row in _rows(c, lang)]
    return Tabular(
        "diff",
        columns,
        rows,
        message("diff_title", lang, old=old_name, new=new_name),
        _notes(diff, lang),
        envelope=diff_json(diff, old_name, new_name),
        rows_key="",
    )
