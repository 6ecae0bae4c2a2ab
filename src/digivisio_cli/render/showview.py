"""``show``: everything about one theme, goal or measure, as labelled rows.

Each text is shown in the reader's language where a translation exists, marked as an unofficial
translation; where none exists, the original is shown once and its row says which language it is
in. A Finnish reader reads the originals unmarked. JSON keeps the stable keys and the originals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from digivisio_cli.domain.model import Dataset, Lang
from digivisio_cli.domain.query import Selection
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.i18n import label, language_label, message
from digivisio_cli.render.asof import as_of_note, successor_marks
from digivisio_cli.render.cells import yes_no
from digivisio_cli.render.tabular import Column, Tabular, Value

if TYPE_CHECKING:
    from digivisio_cli.domain.status import MeasureStatus

#: Each measure's current status, when a status log is in use.
StatusMap = Mapping[str, "MeasureStatus"] | None


def _translation(item: Any, lang: Lang, attr: str) -> str | None:
    """A theme's or goal's unofficial ``attr`` (title, description) in ``lang``, if any."""
    tr = item.unofficial_translations.get(lang) if lang != "fi" else None
    found = getattr(tr, attr, None) if tr else None
    return str(found) if found else None


class _Rows:
    """The rows being built: (json key or "" for a row only people read, label, value)."""

    def __init__(self, sel: Selection, lang: Lang) -> None:
        self.lang = lang
        self.pairs: list[tuple[str, str, Value]] = []
        self.env: dict[str, Any] = {"id": sel.id, "kind": sel.kind}

    def add(self, key: str, lab: str, value: Value, machine: Value | None = None) -> None:
        """A row; json gets ``machine`` under ``key`` where it differs from what people read."""
        self.pairs.append((key, lab, value))
        if key:
            self.env[key] = value if machine is None else machine

    def original_and_translation(self, key: str, kind: str, original: str, tr: str | None) -> None:
        """The Finnish original, and the unofficial translation in the reader's language."""
        lang, lab = self.lang, label(kind, self.lang)
        if lang == "fi" or tr:
            self.add(key, lab, original)
        else:
            self.add(
                key,
                message("original_in", lang, label=lab, language=language_label("fi", lang)),
                original,
            )
        if tr:
            self.add(f"{key}_translation", message("translated", lang, label=lab), tr)


def show_view(
    dataset: Dataset,
    sel: Selection,
    lang: Lang,
    as_of: AsOf | None = None,
    status: StatusMap = None,
) -> Tabular:
    """Everything about one theme, goal or measure, as field/value rows.

    A measure's agency that has a successor is marked with it. As of a date, its agencies are
    those of that date (``OPH (Opetushallitus); in the document: Karvi``); json keeps the
    published ``responsible`` and ``partners`` and adds ``…_as_of``. With ``status`` (a log in
    use), a measure's status too.
    """
    rows = _Rows(sel, lang)
    theme, goal, m = sel.theme, sel.goal, sel.measure
    if m is not None:
        rows.add("", label("id", lang), m.id)
    if theme is not None and sel.kind == "theme":
        title = _translation(theme, lang, "title")
        rows.original_and_translation("theme", "theme", f"{theme.id} {theme.title}", title)
        description = _translation(theme, lang, "description")
        rows.original_and_translation("description", "description", theme.description, description)
    elif theme is not None:
        # The theme is context here: one row, in the reader's language where it can be.
        title = _translation(theme, lang, "title")
        if lang == "fi":
            lab = label("theme", lang)
        elif title:
            lab = message("translated", lang, label=label("theme", lang))
        else:
            lab = message(
                "original_in", lang, label=label("theme", lang), language=language_label("fi", lang)
            )
        rows.add("theme", lab, f"{theme.id} {title or theme.title}", f"{theme.id} {theme.title}")
    if goal is not None:
        title = _translation(goal, lang, "title")
        rows.original_and_translation("goal", "goal", f"{goal.id} {goal.title}", title)
        if sel.kind == "goal":
            description = _translation(goal, lang, "description")
            rows.original_and_translation(
                "description", "description", goal.description, description
            )
    if m is not None:
        _measure_rows(rows, dataset, sel, lang, as_of)
        if status is not None:
            from digivisio_cli.domain.status import status_of
            from digivisio_cli.render.statusview import status_fields, status_machine

            current = status_of(status, m.id)
            rows.pairs.extend(status_fields(current, lang))
            rows.env.update(status_machine(current))
    else:
        rows.add("measure_count", label("measure_count", lang), len(sel.measures))
        rows.add("measures", label("measures", lang), [x.id for x in sel.measures])
    if as_of is not None:
        rows.add("as_of", label("as_of", lang), as_of.date.isoformat())
    cols = [Column("field", label("field", lang)), Column("value", "", wide=True)]
    table: list[dict[str, Value]] = [
        {"field": lab, "value": yes_no(v, lang) if isinstance(v, bool) else v}
        for _, lab, v in rows.pairs
        if v not in (None, [], "")
    ]
    notes = [as_of_note(as_of, lang)] if as_of else []
    return Tabular("show", cols, table, None, notes, envelope=rows.env, rows_key="")


def _agency(dataset: Dataset, code: str, lang: Lang) -> str:
    """'UKM (Undervisnings- och kulturministeriet)': the reader's abbreviation and the name."""
    agency = dataset.agency(code)
    return f"{dataset.short(code, lang)} ({agency.names.get(lang) if agency else code})"


def _as_of_agency(dataset: Dataset, code: str, lang: Lang, as_of: AsOf) -> str:
    carrier = as_of.of(code)
    named = _agency(dataset, carrier, lang)
    if carrier == code:
        return named
    return f"{named}; {label('in_document', lang)}: {dataset.short(code, lang)}"


def _measure_rows(
    rows: _Rows, dataset: Dataset, sel: Selection, lang: Lang, as_of: AsOf | None
) -> None:
    m = sel.measure
    assert m is not None
    rows.add("text", label("original", lang), m.text)
    if lang == "fi":
        # A Finnish reader reads the original; json still carries the English translation.
        rows.env["translation"] = m.translation("en")
    else:
        lab = message("translation_in", lang, language=language_label(lang, lang))
        rows.add("translation", lab, m.translation(lang))
    responsible = [_agency(dataset, c, lang) for c in m.responsible]
    # json keeps what it always had: "OKM (Ministry of Education and Culture)", or [] for none.
    none = [label("none_named", lang)]
    partners = [_agency(dataset, c, lang) for c in m.partners]
    if as_of is None:
        rows.add("responsible", label("responsible", lang), responsible or none, responsible)
        rows.add("partners", label("partners", lang), partners)
    else:
        rows.env["responsible"], rows.env["partners"] = responsible, partners
        for key, codes in (("responsible", m.responsible), ("partners", m.partners)):
            now = [_as_of_agency(dataset, c, lang, as_of) for c in codes]
            rows.add(
                f"{key}_as_of", label(key, lang), now or (none if key == "responsible" else []), now
            )
    mentioned = [dataset.short(c, lang) for c in m.mentioned]
    rows.add("mentioned", label("mentioned", lang), mentioned, list(m.mentioned))
    marks = successor_marks(dataset, (*m.responsible, *m.partners, *m.mentioned), lang, as_of)
    if marks:
        rows.add("successors", label("successor", lang), marks)
    rows.add("other_parties", label("other_parties", lang), list(m.other_parties))
    note = dataset.document.pending_note.get(lang)
    # One row: the flag and what it means ("ja (* preciseras allteftersom …)").
    rows.add(
        "pending",
        label("pending", lang),
        f"{yes_no(True, lang)} (* {note})" if m.pending else False,
        m.pending,
    )
    if m.pending:
        rows.env["pending_note"] = note
    if m.note:
        text, in_lang = m.note.get(lang)
        if in_lang != lang:
            lab = message(
                "original_in",
                lang,
                label=label("note", lang),
                language=language_label(in_lang, lang),
            )
        elif m.note.is_translation(lang):
            lab = message("translated", lang, label=label("note", lang))
        else:
            lab = label("note", lang)
        rows.add("note", lab, text)
    else:
        rows.env["note"] = None
