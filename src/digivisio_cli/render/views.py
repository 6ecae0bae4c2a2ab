"""Turn query results into :class:`Tabular` records that every output format can render.

A view knows the stable field names (for json and csv, which other tools read) and the labels in
the user's language (for tables, plain lines and Markdown). It does no I/O and knows no format.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from digivisio_cli.domain.model import Dataset, Lang, Measure
from digivisio_cli.domain.query import Selection, count_by_agency, matrix, tree
from digivisio_cli.i18n import label, message
from digivisio_cli.render.cells import yes_no
from digivisio_cli.render.tabular import Column, Tabular, Value

if TYPE_CHECKING:
    from digivisio_cli.domain.status import MeasureStatus

#: Each listed measure's current status, with a status log in use (None: no log).
StatusMap = Mapping[str, "MeasureStatus"] | None


def measure_columns(lang: Lang, original: bool) -> list[Column]:
    """The columns of a measure listing."""
    text_label = label("original" if original or lang == "fi" else "text", lang)
    return [
        Column("id", label("id", lang)),
        Column("goal", label("goal", lang), human=False),
        Column("goal_title", label("goal_title", lang), human=False),
        Column("theme", label("theme", lang), human=False),
        Column("responsible", label("responsible", lang)),
        Column("partners", label("partners", lang)),
        Column("other_parties", label("other_parties", lang), human=False),
        Column("mentioned", label("mentioned", lang), human=False),
        Column("pending", label("pending", lang)),
        Column("text", label("original", lang), human=False),
        Column("translation", label("translation", lang), human=False),
        Column("translation_lang", "translation_lang", human=False),
        Column("display_text", text_label, machine=False, wide=True),
        Column("note", label("note", lang), human=False),
    ]


def measure_row(dataset: Dataset, m: Measure, lang: Lang, original: bool) -> dict[str, Value]:
    """One measure as a row: stable machine fields plus what a person reads."""
    goal = dataset.goal(m.goal)
    # The translation field carries the requested language, English when Finnish is asked for
    # (text is always the Finnish original, so a Finnish "translation" would say nothing).
    tr_lang: Lang = lang if lang != "fi" else "en"
    translation = m.translation(tr_lang)
    display = m.text if original else m.text_in(lang)
    return {
        "id": m.id,
        "goal": m.goal,
        "goal_title": goal.title_in(lang) if goal else None,
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
        "note": m.note,
    }


def measures_view(
    dataset: Dataset,
    measures: list[Measure],
    lang: Lang,
    original: bool,
    status: StatusMap = None,
) -> Tabular:
    """A listing of measures; with ``status`` (a log in use), each measure's status too."""
    rows = [measure_row(dataset, m, lang, original) for m in measures]
    columns = measure_columns(lang, original)
    if status is not None:
        from digivisio_cli.domain.status import status_of
        from digivisio_cli.render.statusview import status_cells, status_columns

        columns += status_columns(lang)
        for m, row in zip(measures, rows, strict=True):
            row.update(status_cells(status_of(status, m.id), lang))
    notes = _pending_note(dataset, measures, lang)
    return Tabular("measures", columns, rows, label("measures", lang), notes)


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
    dataset: Dataset, sel: Selection, lang: Lang, original: bool, status: StatusMap = None
) -> Tabular:
    """A goal's (theme's, measure's) measures with their agencies, and who carries how many."""
    measures = list(sel.measures)
    view = measures_view(dataset, measures, lang, original, status)
    counts, none = count_by_agency(dataset, measures)
    summary = [
        message("summary_agency", lang, name=c.code, responsible=c.responsible, partner=c.partner)
        for c in counts
        if c.responsible or c.partner
    ]
    if none:
        summary.append(message("summary_none", lang, count=none))
    summary_line = message("summary_total", lang, count=len(measures)) + ": " + "; ".join(summary)
    view.kind = "who-owns"
    view.title = selection_title(sel, lang)
    view.notes = [summary_line, *view.notes]
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
    return view


def matrix_view(dataset: Dataset, measures: list[Measure] | None, lang: Lang) -> Tabular:
    """Goals × agencies; cells 'responsible/partner' for people, integer columns for programs."""
    cols = [
        Column("goal", label("goal", lang)),
        Column("goal_title", label("goal_title", lang), wide=True),
    ]
    for a in dataset.agencies:
        cols.append(Column(a.code, a.code, machine=False, number=True))
        cols.append(
            Column(
                f"{a.code}_responsible",
                f"{a.code} {label('role_responsible', lang)}",
                human=False,
                number=True,
            )
        )
        cols.append(
            Column(
                f"{a.code}_partner",
                f"{a.code} {label('role_partner', lang)}",
                human=False,
                number=True,
            )
        )
    cols.append(Column("no_agency", label("no_agency", lang), number=True))
    cols.append(Column("total", label("measure_count", lang), number=True))
    rows: list[dict[str, Value]] = []
    for r in matrix(dataset, measures):
        row: dict[str, Value] = {"goal": r.goal.id, "goal_title": r.goal.title_in(lang)}
        for c in r.counts:
            row[c.code] = f"{c.responsible}/{c.partner}" if c.responsible or c.partner else "–"
            row[f"{c.code}_responsible"] = c.responsible
            row[f"{c.code}_partner"] = c.partner
        row["no_agency"] = r.no_agency
        row["total"] = r.total
        rows.append(row)
    legend = f"{label('role_responsible', lang)}/{label('role_partner', lang)}"
    return Tabular("matrix", cols, rows, f"{label('matrix', lang)} ({legend})", rows_key="goals")


def actors_view(dataset: Dataset, lang: Lang) -> Tabular:
    """The agencies, their names, and their load."""
    counts, _ = count_by_agency(dataset, dataset.measures)
    by_code = {c.code: c for c in counts}
    cols = [
        Column("code", label("code", lang)),
        Column("name", label("name", lang), machine=False),
        Column("name_fi", label("name_fi", lang), human=False),
        Column("name_sv", label("name_sv", lang), human=False),
        Column("name_en", label("name_en", lang), human=False),
        Column("abbreviations", label("abbreviations", lang)),
        Column("responsible", label("responsible", lang), number=True),
        Column("partner", label("partners", lang), number=True),
        Column("pending", label("pending", lang), number=True),
        Column("notes", label("agency_note", lang), human=False),
    ]
    rows: list[dict[str, Value]] = []
    for a in dataset.agencies:
        c = by_code[a.code]
        rows.append(
            {
                "code": a.code,
                "name": a.names.get(lang),
                "name_fi": a.names.fi,
                "name_sv": a.names.sv,
                "name_en": a.names.en,
                "abbreviations": list(a.abbreviations),
                "responsible": c.responsible,
                "partner": c.partner,
                "pending": c.pending,
                "notes": [f"{n.as_of}: {n.text}" for n in a.notes],
            }
        )
    notes = [f"{a.code} ({n.as_of}): {n.text}" for a in dataset.agencies for n in a.notes]
    return Tabular("actors", cols, rows, label("agency", lang), notes, rows_key="agencies")


def goals_view(dataset: Dataset, lang: Lang) -> Tabular:
    """The vision → themes → goals tree with measure counts, one row per theme or goal."""
    cols = [
        Column("id", label("id", lang)),
        Column("kind", label("kind", lang)),
        Column("title", label("title", lang), wide=True),
        Column("measures", label("measure_count", lang), number=True),
    ]
    rows: list[dict[str, Value]] = []
    for t in tree(dataset):
        rows.append(
            {
                "id": t.theme.id,
                "kind": "theme",
                "title": t.theme.title_in(lang),
                "measures": sum(n for _, n in t.goals),
            }
        )
        for g, n in t.goals:
            rows.append({"id": g.id, "kind": "goal", "title": g.title_in(lang), "measures": n})
    vision = dataset.document.vision.get(lang)
    return Tabular("goals", cols, rows, f"{label('vision', lang)}: {vision}", rows_key="items")


def show_view(dataset: Dataset, sel: Selection, lang: Lang, status: StatusMap = None) -> Tabular:
    """Everything about one theme, goal or measure, as field/value rows."""
    cols = [Column("field", label("title", lang)), Column("value", "", wide=True)]
    pairs: list[tuple[str, str, Value]] = []
    env: dict[str, Any] = {"id": sel.id, "kind": sel.kind}

    def add(key: str, lab: str, value: Value) -> None:
        pairs.append((key, lab, value))
        env[key] = value

    if sel.theme is not None:
        add("theme", label("theme", lang), f"{sel.theme.id} {sel.theme.title}")
        if lang != "fi" and sel.kind == "theme":
            add(
                "theme_translation",
                f"{label('theme', lang)} ({label('unofficial', lang)})",
                sel.theme.title_in(lang),
            )
        if sel.kind == "theme":
            add("description", label("description", lang), sel.theme.description)
    if sel.goal is not None:
        add("goal", label("goal", lang), f"{sel.goal.id} {sel.goal.title}")
        if lang != "fi":
            add(
                "goal_translation",
                f"{label('goal', lang)} ({label('unofficial', lang)})",
                sel.goal.title_in(lang),
            )
        if sel.kind == "goal":
            add("description", label("description", lang), sel.goal.description)
            if lang != "fi":
                add(
                    "description_translation",
                    f"{label('description', lang)} ({label('unofficial', lang)})",
                    sel.goal.description_in(lang),
                )
    m = sel.measure
    if m is not None:
        add("text", label("original", lang), m.text)
        tr_lang: Lang = lang if lang != "fi" else "en"
        add(
            "translation",
            f"{label('translation', lang)} ({tr_lang}, {label('unofficial', lang)})",
            m.translation(tr_lang),
        )
        add(
            "responsible",
            label("responsible", lang),
            [f"{c} ({_agency_name(dataset, c, lang)})" for c in m.responsible],
        )
        add(
            "partners",
            label("partners", lang),
            [f"{c} ({_agency_name(dataset, c, lang)})" for c in m.partners],
        )
        add("mentioned", label("mentioned", lang), list(m.mentioned))
        add("other_parties", label("other_parties", lang), list(m.other_parties))
        add("pending", label("pending", lang), m.pending)
        if m.pending:
            add("pending_note", label("pending", lang), dataset.document.pending_note.get(lang))
        add("note", label("note", lang), m.note)
        if status is not None:
            from digivisio_cli.domain.status import status_of
            from digivisio_cli.render.statusview import status_fields, status_machine

            for key, lab, value in status_fields(status_of(status, m.id), lang):
                pairs.append((key, lab, value))
            env.update(status_machine(status_of(status, m.id)))
    else:
        add("measure_count", label("measure_count", lang), len(sel.measures))
        add("measures", label("measures", lang), [m.id for m in sel.measures])
    rows: list[dict[str, Value]] = [
        {"field": lab, "value": yes_no(v, lang) if isinstance(v, bool) else v}
        for key, lab, v in pairs
        if v not in (None, [], "")
    ]
    view = Tabular("show", cols, rows, None, envelope=env, rows_key="")
    return view


def source_view(dataset: Dataset, lang: Lang, generated: str) -> Tabular:
    """The source document and the export date, as field/value rows (an export's cover)."""
    doc = dataset.document
    rows: list[dict[str, Value]] = [
        {"field": label("source", lang), "value": doc.title.fi},
        {"field": "English", "value": doc.title.en},
        {"field": "Svenska", "value": doc.title.sv},
        {"field": label("publisher", lang), "value": _agency_name(dataset, doc.publisher, lang)},
        {"field": label("published", lang), "value": doc.published.isoformat()},
        {"field": label("vision", lang), "value": doc.vision.fi},
        {"field": label("pending", lang), "value": "* " + doc.pending_note.get(lang)},
        {"field": label("translation", lang), "value": doc.translation_note},
        {"field": label("exported", lang), "value": generated},
    ]
    cols = [Column("field", label("title", lang)), Column("value", "", wide=True)]
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
    status: StatusMap = None,
) -> list[Tabular]:
    """What a workbook or printable page holds: measures, matrix, each agency, pending, source."""
    main = measures_view(dataset, measures, lang, original, status)
    main.sheet_name = label("measures", lang)
    grid = matrix_view(dataset, measures, lang)
    grid.sheet_name = label("matrix", lang)
    sections = [main, grid]
    for agency in dataset.agencies:
        own = [m for m in measures if agency.code in m.agencies()]
        view = measures_view(dataset, own, lang, original, status)
        view.kind = f"agency-{agency.code}"
        view.title = f"{agency.code} — {agency.names.get(lang)}"
        view.sheet_name = agency.code
        sections.append(view)
    pending = measures_view(dataset, [m for m in measures if m.pending], lang, original, status)
    pending.kind = "pending"
    pending.title = label("pending", lang)
    pending.sheet_name = label("pending", lang)
    sections.append(pending)
    sections.append(source_view(dataset, lang, generated))
    return sections
