"""The agencies' load: the goals × agencies matrix and the agencies with their successors.

Views like those of :mod:`digivisio_cli.render.views`, kept apart because succession and
``--as-of`` make each of them hold the published and the as-of counts side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

from digivisio_cli.domain.model import Dataset, Goal, Lang, Measure, Theme
from digivisio_cli.domain.query import MatrixRow, count_by_agency, matrix
from digivisio_cli.domain.succession import AsOf, has_successions
from digivisio_cli.i18n import label
from digivisio_cli.render.asof import as_of_note, as_of_title, successor_marks
from digivisio_cli.render.cells import own_text
from digivisio_cli.render.tabular import Column, Tabular, Value


def title_lang(item: Goal | Theme, lang: Lang) -> str:
    """The language ``item.title_in(lang)`` is in: ``lang``, or Finnish where it falls back."""
    return lang if lang == "fi" or lang in item.unofficial_translations else "fi"


def matrix_view(
    dataset: Dataset, measures: list[Measure] | None, lang: Lang, as_of: AsOf | None = None
) -> Tabular:
    """Goals × agencies; cells 'responsible/partner' for people, integer columns for programs.

    As of a date, people see the agencies of that date (no column for a merged one) and their
    counts; programs keep the published columns and get ``<code>_responsible_as_of`` … beside.
    """
    published = matrix(dataset, measures)
    shown = matrix(dataset, measures, as_of) if as_of else published
    return matrix_rows_view(dataset, published, shown, lang, as_of)


def matrix_rows_view(
    dataset: Dataset,
    published: Sequence[MatrixRow],
    shown: Sequence[MatrixRow],
    lang: Lang,
    as_of: AsOf | None = None,
) -> Tabular:
    """The view of a matrix already counted: as published, and as ``shown`` (as of a date).

    Without ``as_of``, ``shown`` is ``published``. The Python API renders its own
    :func:`~digivisio_cli.domain.query.matrix` rows through this.
    """
    current = {a.code for a in (as_of.current(dataset.agencies) if as_of else dataset.agencies)}
    cols = [
        Column("goal", label("goal", lang)),
        Column("goal_title", label("goal_title", lang), wide=True, lang_key="goal_title_lang"),
    ]
    later: list[Column] = []
    for a in dataset.agencies:
        if a.code in current:
            cols.append(Column(a.code, a.short(lang), machine=False, number=True))
        for role in ("responsible", "partner"):
            heading = f"{a.code} {label(f'role_{role}', lang)}"
            cols.append(Column(f"{a.code}_{role}", heading, human=False, number=True))
            if as_of is not None and a.code in current:
                later.append(Column(f"{a.code}_{role}_as_of", heading, human=False, number=True))
    cols.append(Column("no_agency", label("no_agency", lang), number=True))
    cols.append(Column("total", label("measure_count", lang), number=True))
    if as_of is not None:
        cols.extend([*later, Column("as_of", label("as_of", lang), human=False)])
    rows: list[dict[str, Value]] = []
    for r, s in zip(published, shown, strict=True):
        row: dict[str, Value] = {
            "goal": r.goal.id,
            "goal_title": r.goal.title_in(lang),
            "goal_title_lang": title_lang(r.goal, lang),
        }
        for c, now in zip(r.counts, s.counts, strict=True):
            row[now.code] = (
                f"{now.responsible}/{now.partner}" if now.responsible or now.partner else "–"
            )
            row[f"{c.code}_responsible"] = c.responsible
            row[f"{c.code}_partner"] = c.partner
            if as_of is not None:
                row[f"{c.code}_responsible_as_of"] = now.responsible
                row[f"{c.code}_partner_as_of"] = now.partner
        row["no_agency"] = r.no_agency
        row["total"] = r.total
        if as_of is not None:
            row["as_of"] = as_of.date.isoformat()
        rows.append(row)
    legend = f"{label('role_responsible', lang)}/{label('role_partner', lang)}"
    title = as_of_title(f"{label('matrix', lang)} ({legend})", as_of, lang)
    notes = [as_of_note(as_of, lang)] if as_of else []
    return Tabular("matrix", cols, rows, title, notes, rows_key="goals")


def _actor_columns(lang: Lang, successions: bool, as_of: AsOf | None) -> list[Column]:
    # Programs find the published columns where they always were; what succession and --as-of
    # add comes after them. People see the successor after the names, then the load (as of the
    # date, when one is given).
    load = [
        Column(key, label(name, lang), human=as_of is None, number=True)
        for key, name in (
            ("responsible", "responsible"),
            ("partner", "partners"),
            ("pending", "pending"),
        )
    ]
    later = (
        [
            *(Column(f"{c.key}_as_of", c.label, number=True) for c in load),
            Column("as_of", label("as_of", lang), human=False),
        ]
        if as_of is not None
        else []
    )
    heirs = [
        Column("successor", label("successor", lang), human=False),
        Column("successor_since", label("successor", lang), human=False),
        Column("successor_source", label("source", lang), human=False),
        Column("successor_url", label("source", lang), human=False),
    ]
    return [
        Column("code", label("code", lang)),
        # With a successor column the table needs the room: the names wrap instead.
        Column("name", label("name", lang), machine=False, wide=successions),
        Column("name_fi", label("name_fi", lang), human=False),
        Column("name_sv", label("name_sv", lang), human=False),
        Column("name_en", label("name_en", lang), human=False),
        Column("abbreviations", label("abbreviations", lang)),
        *(
            [Column("successor_shown", label("successor", lang), machine=False)]
            if successions
            else []
        ),
        *load,
        Column("notes", label("agency_note", lang), human=False),
        *(heirs if successions else []),
        *later,
    ]


def actors_view(dataset: Dataset, lang: Lang, as_of: AsOf | None = None) -> Tabular:
    """The agencies, their names, their successors (where the data records any), and their load
    (as of a date, with ``as_of``)."""
    counts, _ = count_by_agency(dataset, dataset.measures)
    by_code = {c.code: c for c in counts}
    later = {c.code: c for c in count_by_agency(dataset, dataset.measures, as_of)[0]}
    successions = has_successions(dataset)
    rows: list[dict[str, Value]] = []
    for a in dataset.agencies:
        c = by_code[a.code]
        row: dict[str, Value] = {
            "code": a.code,
            "name": a.names.get(lang),
            "name_fi": a.names.fi,
            "name_sv": a.names.sv,
            "name_en": a.names.en,
            "abbreviations": list(a.abbreviations),
            "responsible": c.responsible,
            "partner": c.partner,
            "pending": c.pending,
            "notes": [f"{n.as_of}: {n.text.get(lang)[0]}" for n in a.notes],
        }
        if successions:
            heir = a.successor
            # Compact for the table's sake; the note under it says it in words.
            row["successor_shown"] = f"{heir.agency} {heir.since.isoformat()}" if heir else None
            row["successor"] = heir.agency if heir else None
            row["successor_since"] = heir.since.isoformat() if heir else None
            row["successor_source"] = heir.source if heir else None
            row["successor_url"] = heir.url if heir else None
        if as_of is not None:
            now = later[a.code]
            row["responsible_as_of"] = now.responsible
            row["partner_as_of"] = now.partner
            row["pending_as_of"] = now.pending
            row["as_of"] = as_of.date.isoformat()
        rows.append(row)
    notes = [
        f"{a.short(lang)} ({n.as_of}): {own_text(n.text, lang)}"
        for a in dataset.agencies
        for n in a.notes
    ]
    for a in dataset.agencies:
        if a.successor is not None:
            mark = successor_marks(dataset, [a.code], lang)[0]
            note = a.successor.note
            if note is None:
                notes.append(mark)
            elif getattr(note, lang):
                notes.append(f"{mark} — {note.get(lang)}")
            else:
                # No rendering in this language: the Finnish original, and saying so.
                notes.append(f"{mark} — (fi) {note.fi}")
    if as_of is not None:
        notes.append(as_of_note(as_of, lang))
    return Tabular(
        "actors",
        _actor_columns(lang, successions, as_of),
        rows,
        as_of_title(label("agency", lang), as_of, lang),
        notes,
        rows_key="agencies",
    )
