"""Turn query results into :class:`Tabular` records that every output format can render.

A view knows the stable field names (for json and csv, which other tools read) and the labels in
the user's language (for tables, plain lines and Markdown). It does no I/O and knows no format.
"""

from __future__ import annotations

from digivisio_cli.domain.model import Dataset, Goal, Lang, Measure, Theme
from digivisio_cli.domain.query import Selection, count_by_agency, tree
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.i18n import label, message
from digivisio_cli.render.asof import (
    as_of_note,
    as_of_title,
    shown,
    successor_marks,
)
from digivisio_cli.render.cells import finnish_marked, own_text
from digivisio_cli.render.loadviews import actors_view, matrix_view, title_lang
from digivisio_cli.render.showview import StatusMap, show_view
from digivisio_cli.render.tabular import Column, Tabular, Value

# The load views live in loadviews; named here too, where every view has been found so far.
__all__ = [
    "StatusMap",
    "actors_view",
    "export_sections",
    "goals_view",
    "matrix_view",
    "measure_columns",
    "measure_row",
    "measures_view",
    "selection_title",
    "show_view",
    "source_view",
    "who_owns_view",
]


def measure_columns(lang: Lang, original: bool, as_of: AsOf | None = None) -> list[Column]:
    """The columns of a measure listing.

    As of a date, people see the agencies as they are then (``OPH (Karvi)``), while programs keep
    the published ones and get the as-of ones beside them (``responsible_as_of``…, ``as_of``).
    """
    text_label = label("original" if original or lang == "fi" else "text", lang)
    # Programs read the codes; people the agencies as they know them (UKM in Swedish), and as of
    # a date as they are then (OPH (Karvi)).
    roles = [
        Column("responsible", label("responsible", lang), human=False),
        Column("responsible_shown", label("responsible", lang), machine=False),
        Column("partners", label("partners", lang), human=False),
        Column("partners_shown", label("partners", lang), machine=False),
    ]
    extra: list[Column] = []
    if as_of is not None:
        extra = [
            # Labelled apart from the published columns: a workbook shows both side by side.
            Column(
                "responsible_as_of",
                f"{label('responsible', lang)} ({label('as_of', lang)})",
                human=False,
            ),
            Column(
                "partners_as_of", f"{label('partners', lang)} ({label('as_of', lang)})", human=False
            ),
            Column("as_of", label("as_of", lang), human=False),
        ]
    return [
        Column("id", label("id", lang)),
        Column("goal", label("goal", lang), human=False),
        Column(
            "goal_title",
            label("goal_title", lang),
            human=False,
            wide=True,
            lang_key="goal_title_lang",
        ),
        Column("theme", label("theme", lang), human=False),
        *roles,
        Column("other_parties", label("other_parties", lang), human=False),
        Column("mentioned", label("mentioned", lang), human=False),
        Column("pending", label("pending", lang)),
        Column("text", label("original", lang), human=False, wide=True, lang="fi"),
        Column(
            "translation",
            label("translation", lang),
            human=False,
            wide=True,
            lang_key="translation_lang",
        ),
        Column("translation_lang", label("translation_lang", lang), human=False),
        Column("display_text", text_label, machine=False, wide=True, lang_key="display_lang"),
        # Transcription notes are written in English (docs/data.md).
        Column("note", label("note", lang), human=False, wide=True, lang="en"),
        *extra,
    ]


def measure_row(
    dataset: Dataset, m: Measure, lang: Lang, original: bool, as_of: AsOf | None = None
) -> dict[str, Value]:
    """One measure as a row: stable machine fields plus what a person reads."""
    # The translation field carries the requested language, English when Finnish is asked for
    # (text is always the Finnish original, so a Finnish "translation" would say nothing).
    tr_lang: Lang = lang if lang != "fi" else "en"
    translation = m.translation(tr_lang)
    # Where no translation exists, the Finnish original, saying so ("(på finska) …").
    display = m.text if original else finnish_marked(m.translation(lang), m.text, lang)
    row = _measure_fields(dataset, m, lang, display, tr_lang, translation)
    row["responsible_shown"] = shown(dataset, m.responsible, as_of, lang)
    row["partners_shown"] = shown(dataset, m.partners, as_of, lang)
    row["display_lang"] = "fi" if original or not m.translation(lang) else lang
    if as_of is not None:
        responsible, partners = as_of.roles(m)
        row["responsible_as_of"] = list(responsible)
        row["partners_as_of"] = list(partners)
        row["as_of"] = as_of.date.isoformat()
    return row


def _measure_fields(
    dataset: Dataset, m: Measure, lang: Lang, display: str, tr_lang: Lang, translation: str | None
) -> dict[str, Value]:
    goal = dataset.goal(m.goal)
    return {
        "id": m.id,
        "goal": m.goal,
        "goal_title": goal.title_in(lang) if goal else None,
        "goal_title_lang": title_lang(goal, lang) if goal else None,
        "theme": goal.theme if goal else None,
        "responsible": list(m.responsible),
        "partners": list(m.partners),
        "other_parties": list(m.other_parties),
        "mentioned": list(m.mentioned),
        "pending": m.pending,
        "text": m.text,
        "translation": translation,
        "translation_lang": tr_lang if translation else None,
        "display_text": display + (" *" if m.pending else ""),
        "note": m.note.get(lang)[0] if m.note else None,
    }


def measures_view(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    original: bool,
    as_of: AsOf | None = None,
    status: StatusMap = None,
) -> Tabular:
    """A listing of measures (as of a date, with ``as_of``; with ``status``, a log in use, each
    measure's status too)."""
    rows = [measure_row(dataset, m, lang, original, as_of) for m in measures]
    columns = measure_columns(lang, original, as_of)
    if status is not None:
        from digivisio_cli.domain.status import status_of
        from digivisio_cli.render.statusview import status_cells, status_columns

        columns += status_columns(lang)
        for m, row in zip(measures, rows, strict=True):
            row.update(status_cells(status_of(status, m.id), lang))
    notes = _pending_note(dataset, measures, lang)
    if as_of is not None:
        notes.append(as_of_note(as_of, lang))
    return Tabular(
        "measures",
        columns,
        rows,
        as_of_title(label("measures", lang), as_of, lang),
        notes,
    )


def _pending_note(dataset: Dataset, measures: list[Measure], lang: Lang) -> list[str]:
    if any(m.pending for m in measures):
        return [message("pending_marker_note", lang, note=dataset.document.pending_note.get(lang))]
    return []


def _agency_name(dataset: Dataset, code: str, lang: Lang) -> str:
    agency = dataset.agency(code)
    return agency.names.get(lang) if agency else code


def selection_title(sel: Selection, lang: Lang) -> str:
    """'3.2.2 Digitaalisia palveluita …' for a goal, theme or measure."""
    if sel.goal is not None and sel.kind != "theme":
        return f"{sel.goal.id} {sel.goal.title_in(lang)}"
    if sel.theme is not None:
        return f"{sel.theme.id} {sel.theme.title_in(lang)}"
    return f"{sel.id} {label('kind_section', lang)}"


def who_owns_view(
    dataset: Dataset,
    sel: Selection,
    lang: Lang,
    original: bool,
    as_of: AsOf | None = None,
    status: StatusMap = None,
) -> Tabular:
    """A goal's (theme's, measure's) measures with their agencies, and who carries how many.

    An agency of these measures that has a successor is marked with it; as of a date, the summary
    counts the agencies of that date, and json gains ``summary_as_of`` beside ``summary``.
    """
    measures = list(sel.measures)
    view = measures_view(dataset, measures, lang, original, as_of, status)
    counts, none = count_by_agency(dataset, measures)
    shown_counts = count_by_agency(dataset, measures, as_of)[0] if as_of else counts
    summary = [
        message(
            "summary_agency",
            lang,
            name=dataset.short(c.code, lang),
            responsible=c.responsible,
            partner=c.partner,
        )
        for c in shown_counts
        if c.responsible or c.partner
    ]
    if none:
        summary.append(message("summary_none", lang, count=none))
    summary_line = message("summary_total", lang, count=len(measures)) + ": " + "; ".join(summary)
    view.kind = "who-owns"
    view.title = as_of_title(selection_title(sel, lang), as_of, lang)
    marks = successor_marks(
        dataset, (c for m in measures for c in (*m.responsible, *m.partners)), lang, as_of
    )
    view.notes = [summary_line, *marks, *view.notes]
    view.envelope = {
        "id": sel.id,
        "kind": sel.kind,
        "title": (
            sel.goal.title
            if sel.goal and sel.kind != "theme"
            else sel.theme.title
            if sel.theme
            else None
        ),
        "summary": [
            {"agency": c.code, "responsible": c.responsible, "partner": c.partner} for c in counts
        ],
        "no_agency": none,
    }
    if as_of is not None:
        current = {a.code for a in as_of.current(dataset.agencies)}
        view.envelope["as_of"] = as_of.date.isoformat()
        view.envelope["summary_as_of"] = [
            {"agency": c.code, "responsible": c.responsible, "partner": c.partner}
            for c in shown_counts
            if c.code in current
        ]
    return view


def _title_shown(item: Theme | Goal, lang: Lang) -> str:
    tr = item.unofficial_translations.get(lang) if lang != "fi" else None
    return finnish_marked(tr.title if tr else None, item.title, lang)


def goals_view(dataset: Dataset, lang: Lang, as_of: AsOf | None = None) -> Tabular:
    """The vision → themes → goals tree with measure counts, one row per theme or goal.

    The counts are per goal, which no succession changes; as of a date, a note says so.
    """
    cols = [
        Column("id", label("id", lang)),
        Column("kind", label("kind", lang), human=False),
        Column("level", label("kind", lang), machine=False),
        Column("title", label("title", lang), human=False),
        Column("title_shown", label("title", lang), machine=False, wide=True),
        Column("measures", label("measure_count", lang), number=True),
    ]
    rows: list[dict[str, Value]] = []
    for t in tree(dataset):
        rows.append(
            {
                "id": t.theme.id,
                "kind": "theme",
                "level": label("kind_theme", lang),
                "title": t.theme.title_in(lang),
                "title_shown": _title_shown(t.theme, lang),
                "measures": sum(n for _, n in t.goals),
            }
        )
        for g, n in t.goals:
            rows.append(
                {
                    "id": g.id,
                    "kind": "goal",
                    "level": label("kind_goal", lang),
                    "title": g.title_in(lang),
                    "title_shown": _title_shown(g, lang),
                    "measures": n,
                }
            )
    vision = dataset.document.vision.get(lang)
    notes = [as_of_note(as_of, lang)] if as_of else []
    return Tabular(
        "goals", cols, rows, f"{label('vision', lang)}: {vision}", notes, rows_key="items"
    )


def source_view(dataset: Dataset, lang: Lang, generated: str, as_of: AsOf | None = None) -> Tabular:
    """The source document and the export date, as field/value rows (an export's cover).

    Each row records the language of its label and of its value where that is not the page's
    (the titles in three languages, the Finnish vision, the English translation note), so that a
    page can mark them for screen readers.
    """
    doc = dataset.document
    note_lang = doc.translation_note.get(lang)[1]

    def row(
        field: str, value: str | None, value_lang: str | None, field_lang: str | None = None
    ) -> dict[str, Value]:
        return {
            "field": field,
            "value": value,
            "field_lang": field_lang or lang,
            "value_lang": value_lang,
        }

    rows: list[dict[str, Value]] = [
        row(label("source", lang), doc.title.fi, "fi"),
        row(label("title_en", lang), doc.title.en, "en"),
        # The Swedish title is digivisio's own: no official Swedish version was found.
        row(message("translated", lang, label=label("title_sv", lang)), doc.title.sv, "sv"),
        row(label("publisher", lang), _agency_name(dataset, doc.publisher, lang), lang),
        row(label("published", lang), doc.published.isoformat(), None),
        row(label("vision", lang), doc.vision.fi, "fi"),
        row(label("pending", lang), "* " + doc.pending_note.get(lang), lang),
        # The translation note in the reader's language, or its English original, saying so.
        row(label("translation", lang), own_text(doc.translation_note, lang), note_lang),
        row(label("exported", lang), generated, None),
    ]
    cols = [
        Column("field", label("field", lang), lang_key="field_lang"),
        Column("value", label("value", lang), wide=True, lang_key="value_lang"),
    ]
    if as_of is not None:
        rows.append(row(label("as_of", lang), as_of_note(as_of, lang), lang))
    return Tabular(
        "source",
        cols,
        rows,
        label("source", lang),
        sheet_name=label("source", lang),
        human_sheet=True,
    )


def export_sections(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    original: bool,
    generated: str,
    as_of: AsOf | None = None,
    status: StatusMap = None,
    what: str = "measures",
) -> list[Tabular]:
    """What a workbook or printable page holds.

    The measures: measures, matrix, each agency, pending, source; as of a date, a sheet per
    agency of that date, holding the measures it carries then. The matrix (``what``
    ``"matrix"``): the matrix and the source.
    """
    grid = matrix_view(dataset, measures, lang, as_of)
    grid.sheet_name = label("matrix", lang)
    if what == "matrix":
        return [grid, source_view(dataset, lang, generated, as_of)]
    main = measures_view(dataset, measures, lang, original, as_of, status)
    main.sheet_name = label("measures", lang)
    sections = [main, grid]
    for agency in as_of.current(dataset.agencies) if as_of else dataset.agencies:
        own = [m for m in measures if agency.code in _agencies(m, as_of)]
        view = measures_view(dataset, own, lang, original, as_of, status)
        view.kind = f"agency-{agency.code}"
        view.title = f"{agency.short(lang)} — {agency.names.get(lang)}"
        view.sheet_name = agency.short(lang)
        sections.append(view)
    pending = measures_view(
        dataset, [m for m in measures if m.pending], lang, original, as_of, status
    )
    pending.kind = "pending"
    pending.title = label("pending", lang)
    pending.sheet_name = label("pending", lang)
    sections.append(pending)
    sections.append(source_view(dataset, lang, generated, as_of))
    return sections


def _agencies(m: Measure, as_of: AsOf | None) -> tuple[str, ...]:
    if as_of is None:
        return m.agencies()
    responsible, partners = as_of.roles(m)
    return responsible + partners
