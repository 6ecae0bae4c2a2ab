"""Views of the planning meeting's loop: the tracking sheet, the progress counts, the changes.

:func:`tracking_view` is the sheet to fill in (with its snapshot, for the import to compare
with); :func:`progress_views` count the measures per state by agency and by theme (the workbook
charts them, the page draws them); :func:`changes_view` is what an import changes. Like every
view they do no I/O and know no format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from digivisio_cli.domain.model import Dataset, Lang, Measure
from digivisio_cli.domain.status import STATES, GroupBy, groups
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.domain.tracking import (
    FIELDS,
    NOTE,
    Conflict,
    FieldChange,
    Reported,
    Snapshot,
    SnapshotRow,
    text_hash,
)
from digivisio_cli.i18n import label
from digivisio_cli.render.tabular import Column, Tabular, Value

#: The tracking sheet's editable columns, in sheet order (``new_note`` last).
EDITABLE: tuple[str, ...] = (*FIELDS, "new_note")
#: Header label keys of the columns a tracking sheet shows, by column key.
HEADER_KEYS: dict[str, str] = {
    "id": "id",
    "goal": "goal",
    "responsible": "responsible",
    "text": "text",
    **{name: f"col_{name}" for name in EDITABLE},
    "last_note": "col_last_note",
    "last_report": "col_last_report",
}


def code_label(kind: str, code: str | None, lang: Lang) -> str | None:
    """A state's or health's label in ``lang`` (``kind`` is "state" or "health")."""
    return label(f"{kind}_{code}", lang) if code else None


def _display(field: str, value: str | None, lang: Lang) -> str | None:
    if field in ("state", "health"):
        return code_label(field, value, lang)
    return value


def tracking_view(
    dataset: Dataset,
    measures: Sequence[Measure],
    lang: Lang,
    reported: Mapping[str, Reported],
    snapshot: Snapshot,
    original: bool = False,
) -> Tabular:
    """The tracking sheet: a row per measure, read-only facts, editable status, the last report.

    ``snapshot`` gives the hashes and the export date; its rows are filled in here, one per
    measure in sheet order (row 2 on, under the header), with the status the sheet shows.
    """
    cols = [Column(key, label(lk, lang), wide=key == "text") for key, lk in HEADER_KEYS.items()]
    if original and lang != "fi":
        cols[3] = Column("text", label("original", lang), wide=True)
    rows: list[dict[str, Value]] = []
    snap_rows: list[SnapshotRow] = []
    for index, m in enumerate(measures, start=2):
        st = reported.get(m.id) or Reported()
        row: dict[str, Value] = {
            "id": m.id,
            "goal": m.goal,
            "responsible": list(m.responsible),
            "text": m.text if original else m.text_in(lang),
            **{name: _display(name, st.values.get(name), lang) for name in FIELDS},
            "new_note": None,
            "last_note": st.note,
            "last_report": st.date,
        }
        rows.append(row)
        values = {name: st.values.get(name) for name in FIELDS}
        snap_rows.append(SnapshotRow(index, m.id, text_hash(m.text), values))
    sheet = label("tracking", lang)
    full = Snapshot(
        snapshot.data_hash,
        snapshot.log_hash,
        snapshot.exported,
        lang,
        sheet,
        snapshot.log_entries,
        tuple(snap_rows),
    )
    return Tabular(
        "tracking",
        cols,
        rows,
        label("tracking", lang),
        envelope={"snapshot": full},
        sheet_name=sheet,
    )


def add_new_note(view: Tabular, lang: Lang) -> None:
    """Give a measure listing an empty ``new_note`` column, to fill in and import (csv)."""
    view.columns.append(Column("new_note", label("col_new_note", lang), human=False))
    for row in view.rows:
        row["new_note"] = None


def _named_groups(
    dataset: Dataset, by: str, lang: Lang, as_of: AsOf | None = None
) -> list[tuple[str, str, list[Measure]]]:
    """The status overview's groups (docs/status.md), each with a name to show; by agency as
    of a date with ``as_of`` (a measure counts for the agency that carries it then)."""
    titles = {t.id: t.title_in(lang) for t in dataset.themes}
    responsible, agencies = None, None
    if as_of is not None and by == "agency":
        responsible = {m.id: as_of.roles(m)[0] for m in dataset.measures}
        agencies = [a.code for a in as_of.current(dataset.agencies)]
    out: list[tuple[str, str, list[Measure]]] = []
    chosen: GroupBy = "agency" if by == "agency" else "theme"
    for key, members in groups(dataset, chosen, responsible, agencies):
        agency = dataset.agency(key) if key and by == "agency" else None
        name = agency.names.get(lang) if agency else titles.get(key or "", "")
        out.append((key or "", name, members))
    return out


def _progress(
    kind: str,
    title: str,
    groups: list[tuple[str, str, list[Measure]]],
    states: Mapping[str, str | None],
    lang: Lang,
) -> Tabular:
    cols = [
        Column("key", label("agency" if kind == "agency" else "theme", lang)),
        Column("name", label("name", lang), wide=True),
        *(Column(s, label(f"state_{s}", lang), number=True) for s in STATES),
        Column("measures", label("measure_count", lang), number=True),
    ]
    rows: list[dict[str, Value]] = []
    for key, name, members in groups:
        counts: dict[str, int] = dict.fromkeys(STATES, 0)
        for m in members:
            state = states.get(m.id) or "not-started"
            counts[state] += 1
        shown = key or label("no_agency", lang)
        rows.append({"key": shown, "name": name or shown, **counts, "measures": len(members)})
    return Tabular(f"progress-{kind}", cols, rows, title, sheet_name=label("progress", lang))


def progress_views(
    dataset: Dataset, reported: Mapping[str, Reported], lang: Lang, as_of: AsOf | None = None
) -> list[Tabular]:
    """Measures per state, by responsible agency and by theme (a measure never reported has not
    started; a measure counts for each agency responsible for it; none named: a row of its own)."""
    states = {mid: st.values.get("state") for mid, st in reported.items()}
    return [
        _progress(
            "agency",
            label("state_by_agency", lang),
            _named_groups(dataset, "agency", lang, as_of),
            states,
            lang,
        ),
        _progress(
            "theme",
            label("state_by_theme", lang),
            _named_groups(dataset, "theme", lang),
            states,
            lang,
        ),
    ]


def _shown(field: str, value: str | None, lang: Lang) -> str | None:
    return _display(field, value, lang) if field != NOTE else value


def changes_view(
    changes: Sequence[FieldChange], conflicts: Sequence[Conflict], lang: Lang
) -> Tabular:
    """What an import changes: measure, field, old → new, and whether it is a conflict."""
    clashing = {id(c.change) for c in conflicts}
    cols = [
        Column("measure", label("measure_field", lang)),
        Column("field", label("field", lang), human=False),
        Column("field_label", label("field", lang), machine=False),
        Column("old", label("old", lang), human=False),
        Column("new", label("new", lang), human=False),
        Column("old_label", label("old", lang), machine=False, wide=True),
        Column("new_label", label("new", lang), machine=False, wide=True),
        Column("conflict", label("conflict", lang)),
        Column("place", label("place", lang), human=False),
    ]
    fields = {name: label(key, lang) for name, key in HEADER_KEYS.items()}
    fields[NOTE] = label("col_new_note", lang)
    rows: list[dict[str, Value]] = [
        {
            "measure": c.measure,
            "field": c.field,
            "field_label": fields.get(c.field, c.field),
            "old": c.old,
            "new": c.new,
            "old_label": _shown(c.field, c.old, lang),
            "new_label": _shown(c.field, c.new, lang),
            "conflict": id(c) in clashing,
            "place": c.place,
        }
        for c in changes
    ]
    return Tabular("import", cols, rows, label("changes", lang), rows_key="changes")
