"""The data itself as related tables, described: what a data package holds.

Unlike the other views, which answer a question, these sections are the document's data, one
table per kind of thing (themes, goals, measures, agencies, their notes, and who has which role
in which measure), each with its columns' types, a primary key and the foreign keys that tie the
tables together; with a status log in use, the current status and the log too. The first
section carries no rows: its ``envelope`` holds the package's
metadata (the document's titles in three languages, the source, the licence information). The
format module (:mod:`digivisio_cli.render.datapackage`) decides only how all this is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from digivisio_cli.domain.model import (
    Dataset,
    Lang,
    LocalText,
    Measure,
    OwnText,
    TranslationLang,
)
from digivisio_cli.i18n import label, message
from digivisio_cli.render.tabular import Column, ForeignKey, Tabular, Value
from digivisio_cli.settings import VERSION

if TYPE_CHECKING:
    from digivisio_cli.domain.status import StatusLog
    from digivisio_cli.domain.succession import AsOf

#: The package's name: lower case, digits, ``-``, ``.`` and ``_`` (the Data Package rule).
PACKAGE_NAME = "digivisio-vision-2027"
#: The roles of the ``responsibilities`` table, as ``--role`` names them.
ROLES = ("responsible", "partner")
#: How the project licenses itself (pyproject.toml), and so its transcription and translations.
PROJECT_LICENSE = {"name": "MIT", "path": "https://opensource.org/license/mit"}
#: The translation languages of the data file (the original is Finnish).
TRANSLATED: tuple[TranslationLang, ...] = ("sv", "en")


def _unofficial(key: str, tr: TranslationLang, lang: Lang) -> str:
    return f"{label(key, lang)} ({tr}, {label('unofficial', lang)})"


def _three(text: LocalText | OwnText) -> dict[str, str | None]:
    return {"fi": text.fi, "sv": text.sv, "en": text.en}


#: The languages digivisio's own texts (notes) are translated into; English is their original.
OWN_TRANSLATED: tuple[Lang, ...] = ("fi", "sv")


def _own(key: str, text: OwnText | None) -> dict[str, Value]:
    """A text digivisio wrote (English) and its Finnish and Swedish versions, as three fields."""
    row: dict[str, Value] = {key: text.en if text else None}
    for tr in OWN_TRANSLATED:
        row[f"{key}_{tr}"] = getattr(text, tr) if text else None
    return row


def _own_columns(key: str, heading: str, required: bool = False) -> list[Column]:
    return [
        Column(key, heading, required=required),
        *(Column(f"{key}_{tr}", f"{heading} ({tr})") for tr in OWN_TRANSLATED),
    ]


def metadata(
    dataset: Dataset,
    measures: Sequence[Measure],
    lang: Lang,
    generated: str,
    filters: Mapping[str, str | bool],
    as_of: AsOf | None = None,
    log: StatusLog | None = None,
) -> dict[str, Any]:
    """The package's own description: titles, source, licences, and what was selected."""
    doc = dataset.document
    publisher = dataset.agency(doc.publisher)
    publisher_names = (
        {"fi": publisher.names.fi, "sv": publisher.names.sv, "en": publisher.names.en}
        if publisher
        else {}
    )
    description = message(
        "package_description", lang, measures=len(measures), total=len(dataset.measures)
    )
    if filters:
        shown = ", ".join(_option(k, v) for k, v in filters.items())
        description += " " + message("package_selection", lang, filters=shown)
    if as_of is not None:
        description += " " + message("package_as_of", lang, date=as_of.date.isoformat())
    if log is not None:
        description += " " + message("package_status", lang, entries=len(log.entries))
    meta: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": doc.title.get(lang),
        "description": description,
        "keywords": ["education", "digitalisation", "Finland", *(a.code for a in dataset.agencies)],
        "languages": ["fi", "sv", "en"],
        "sources": [
            {
                "title": f"{doc.title.fi} ({publisher.names.fi if publisher else doc.publisher}, "
                f"{doc.published.isoformat()})",
                **({"path": doc.url} if doc.url else {}),
            }
        ],
        "licenses": [{**PROJECT_LICENSE, "title": message("package_license", lang)}],
        "rights": message(
            "package_rights",
            lang,
            publisher=f"{publisher.names.get(lang)} ({doc.publisher})"
            if publisher
            else doc.publisher,
            published=doc.published.isoformat(),
        ),
        "document": {
            "title": _three(doc.title),
            "publisher": {"code": doc.publisher, "names": publisher_names},
            "published": doc.published.isoformat(),
            "vision": _three(doc.vision),
            "pending_note": _three(doc.pending_note),
            "translation_note": _three(doc.translation_note),
            "footnotes": [
                {"number": f.number, "text": f.text, "url": f.url} for f in doc.footnotes
            ],
        },
        "exported": generated,
        "generator": f"digivisio {VERSION}",
    }
    if filters:
        meta["filters"] = dict(filters)
    if as_of is not None:
        meta["as_of"] = as_of.date.isoformat()
    return meta


def _option(name: str, value: str | bool) -> str:
    if isinstance(value, bool):
        return f"--{name}" if value else f"--no-{name}"
    return f"--{name} {value}"


def _titled_columns(lang: Lang) -> list[Column]:
    cols = [
        Column("title", label("title", lang), required=True),
        Column("description", label("description", lang), required=True),
    ]
    for tr in TRANSLATED:
        cols.append(Column(f"title_{tr}", _unofficial("title", tr, lang)))
        cols.append(Column(f"description_{tr}", _unofficial("description", tr, lang)))
    return cols


def themes_table(dataset: Dataset, lang: Lang) -> Tabular:
    """The themes (3.1–3.3), their Finnish titles and descriptions and the translations."""
    rows: list[dict[str, Value]] = []
    for t in dataset.themes:
        row: dict[str, Value] = {"id": t.id, "title": t.title, "description": t.description}
        for tr in TRANSLATED:
            found = t.unofficial_translations.get(tr)
            row[f"title_{tr}"] = found.title if found else None
            row[f"description_{tr}"] = found.description if found else None
        rows.append(row)
    cols = [Column("id", label("id", lang), required=True), *_titled_columns(lang)]
    return Tabular("themes", cols, rows, label("themes", lang), primary_key=("id",))


def goals_table(dataset: Dataset, lang: Lang) -> Tabular:
    """The goals, each under its theme."""
    rows: list[dict[str, Value]] = []
    for g in dataset.goals:
        row: dict[str, Value] = {
            "id": g.id,
            "theme": g.theme,
            "title": g.title,
            "description": g.description,
        }
        for tr in TRANSLATED:
            found = g.unofficial_translations.get(tr)
            row[f"title_{tr}"] = found.title if found else None
            row[f"description_{tr}"] = found.description if found else None
        rows.append(row)
    cols = [
        Column("id", label("id", lang), required=True),
        Column("theme", label("theme", lang), required=True),
        *_titled_columns(lang),
    ]
    return Tabular(
        "goals",
        cols,
        rows,
        label("goals", lang),
        primary_key=("id",),
        foreign_keys=(ForeignKey(("theme",), "themes", ("id",)),),
    )


def measures_table(measures: Sequence[Measure], lang: Lang) -> Tabular:
    """The measures: the original text, the translations, the flags; roles are a table apart."""
    rows: list[dict[str, Value]] = []
    for m in measures:
        row: dict[str, Value] = {"id": m.id, "goal": m.goal, "text": m.text}
        for tr in TRANSLATED:
            row[f"text_{tr}"] = m.translation(tr)
        row.update(
            {
                "pending": m.pending,
                "mentioned": list(m.mentioned),
                "other_parties": list(m.other_parties),
                **_own("note", m.note),
            }
        )
        rows.append(row)
    cols = [
        Column("id", label("id", lang), required=True),
        Column("goal", label("goal", lang), required=True),
        Column("text", label("original", lang), required=True),
        *(Column(f"text_{tr}", _unofficial("translation", tr, lang)) for tr in TRANSLATED),
        Column("pending", label("pending", lang), type="boolean", required=True),
        Column("mentioned", label("mentioned", lang), type="list"),
        Column("other_parties", label("other_parties", lang), type="list"),
        *_own_columns("note", label("note", lang)),
    ]
    return Tabular(
        "measures",
        cols,
        rows,
        label("measures", lang),
        primary_key=("id",),
        foreign_keys=(ForeignKey(("goal",), "goals", ("id",)),),
    )


def agencies_table(dataset: Dataset, lang: Lang) -> Tabular:
    """The agencies, their official names in three languages, and their successors."""
    rows: list[dict[str, Value]] = [
        {
            "code": a.code,
            "name_fi": a.names.fi,
            "name_sv": a.names.sv,
            "name_en": a.names.en,
            "abbreviations": list(a.abbreviations),
            "successor": a.successor.agency if a.successor else None,
            "successor_since": a.successor.since.isoformat() if a.successor else None,
            "successor_source": a.successor.source if a.successor else None,
            "successor_url": a.successor.url if a.successor else None,
        }
        for a in dataset.agencies
    ]
    cols = [
        Column("code", label("code", lang), required=True),
        Column("name_fi", label("name_fi", lang), required=True),
        Column("name_sv", label("name_sv", lang), required=True),
        Column("name_en", label("name_en", lang), required=True),
        Column("abbreviations", label("abbreviations", lang), type="list"),
        Column("successor", label("successor", lang)),
        Column(
            "successor_since", f"{label('successor', lang)}: {label('since', lang)}", type="date"
        ),
        Column("successor_source", f"{label('successor', lang)}: {label('source', lang)}"),
        Column("successor_url", f"{label('successor', lang)}: URL"),
    ]
    return Tabular(
        "agencies",
        cols,
        rows,
        label("agencies", lang),
        primary_key=("code",),
        foreign_keys=(ForeignKey(("successor",), "agencies", ("code",)),),
    )


def agency_notes_table(dataset: Dataset, lang: Lang) -> Tabular:
    """The dated remarks on the agencies (a reform bill…), numbered per agency."""
    rows: list[dict[str, Value]] = [
        {
            "agency": a.code,
            "number": n,
            "as_of": note.as_of,
            **_own("text", note.text),
            "source": note.source,
        }
        for a in dataset.agencies
        for n, note in enumerate(a.notes, start=1)
    ]
    cols = [
        Column("agency", label("agency", lang), required=True),
        Column("number", label("number", lang), number=True, required=True),
        Column("as_of", label("as_of", lang), required=True),
        *_own_columns("text", label("agency_note", lang), required=True),
        Column("source", label("source", lang)),
    ]
    return Tabular(
        "agency_notes",
        cols,
        rows,
        label("agency_notes", lang),
        primary_key=("agency", "number"),
        foreign_keys=(ForeignKey(("agency",), "agencies", ("code",)),),
    )


def responsibilities_table(
    measures: Sequence[Measure], lang: Lang, as_of: AsOf | None = None
) -> Tabular:
    """Long form: one row per measure, agency and role (a measure naming none has no row).

    The roles are the published ones; as of a date, ``agency_as_of`` names the agency that
    carries each of them then (Karvi's role, OPH's from 2026), as the other exports' ``*_as_of``
    fields do.
    """
    rows: list[dict[str, Value]] = [
        {"measure": m.id, "agency": code, "role": role}
        for m in measures
        for role, codes in zip(ROLES, (m.responsible, m.partners), strict=True)
        for code in codes
    ]
    cols = [
        Column("measure", label("kind_measure", lang), required=True),
        Column("agency", label("agency", lang), required=True),
        Column("role", label("role", lang), required=True, enum=ROLES),
    ]
    keys = [
        ForeignKey(("measure",), "measures", ("id",)),
        ForeignKey(("agency",), "agencies", ("code",)),
    ]
    if as_of is not None:
        for row in rows:
            row["agency_as_of"] = as_of.of(str(row["agency"]))
        cols.append(
            Column(
                "agency_as_of", f"{label('agency', lang)} ({label('as_of', lang)})", required=True
            )
        )
        keys.append(ForeignKey(("agency_as_of",), "agencies", ("code",)))
    return Tabular(
        "responsibilities",
        cols,
        rows,
        label("responsibilities", lang),
        primary_key=("measure", "agency", "role"),
        foreign_keys=tuple(keys),
    )


def _measure_key(lang: Lang) -> Column:
    return Column("measure", label("kind_measure", lang), required=True)


def _status_columns(lang: Lang) -> list[Column]:
    """The carried fields, as the current status and an entry both have them."""
    from digivisio_cli.domain.status import HEALTHS, STATES

    return [
        Column("state", label("state", lang), enum=STATES),
        Column("health", label("health", lang), enum=HEALTHS),
        Column("due", label("due", lang), type="date"),
        Column("owner", label("owner", lang)),
        Column("link", label("link", lang)),
    ]


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


def status_table(log: StatusLog, measures: Sequence[Measure], lang: Lang) -> Tabular:
    """Each selected measure's current status: its log's entries folded (reported ones only)."""
    folded = log.current()
    rows: list[dict[str, Value]] = []
    for m in measures:
        st = folded.get(m.id)
        if st is None:
            continue
        rows.append(
            {
                "measure": m.id,
                "state": st.state,
                "health": st.health,
                "due": _iso(st.due),
                "owner": st.owner,
                "link": st.link,
                "note": st.note,
                "note_date": _iso(st.note_date),
                "date": _iso(st.date),
                "reports": st.reports,
            }
        )
    cols = [
        _measure_key(lang),
        *_status_columns(lang),
        Column("note", label("status_note", lang)),
        Column("note_date", f"{label('status_note', lang)}: {label('date', lang)}", type="date"),
        Column("date", label("status_date", lang), type="date", required=True),
        Column("reports", label("reports", lang), number=True, required=True),
    ]
    return Tabular(
        "status",
        cols,
        rows,
        label("status_current", lang),
        primary_key=("measure",),
        foreign_keys=(ForeignKey(("measure",), "measures", ("id",)),),
    )


def status_log_table(log: StatusLog, measures: Sequence[Measure], lang: Lang) -> Tabular:
    """The log's entries on the selected measures, numbered in file order.

    Who reported (``by``) is left out: the package is for sharing, and docs/status.md asks to
    keep people's names out of a shared log. An entry's empty carried field either kept the
    earlier value or cleared it; ``cleared`` names the ones it cleared.
    """
    selected = {m.id for m in measures}
    rows: list[dict[str, Value]] = [
        {
            "entry": n,
            "measure": e.measure,
            "date": _iso(e.date),
            "state": e.state,
            "health": e.health,
            "due": _iso(e.due),
            "owner": e.owner,
            "link": e.link,
            "note": e.note,
            "cleared": [k for k, v in e.sets().items() if v is None],
        }
        for n, e in enumerate(log.entries, start=1)
        if e.measure in selected
    ]
    cols = [
        Column("entry", label("number", lang), number=True, required=True),
        _measure_key(lang),
        Column("date", label("date", lang), type="date", required=True),
        *_status_columns(lang),
        Column("note", label("entry_note", lang)),
        Column("cleared", label("cleared", lang), type="list"),
    ]
    return Tabular(
        "status_log",
        cols,
        rows,
        label("status_log", lang),
        primary_key=("entry",),
        foreign_keys=(ForeignKey(("measure",), "measures", ("id",)),),
    )


def package_sections(
    dataset: Dataset,
    measures: Sequence[Measure],
    lang: Lang,
    generated: str,
    filters: Mapping[str, str | bool] | None = None,
    as_of: AsOf | None = None,
    log: StatusLog | None = None,
) -> list[Tabular]:
    """The package: its metadata first, then one described table per kind of thing.

    Themes, goals and agencies are always whole, so that every foreign key of a selection of
    measures resolves; the measures, their roles and (with a ``log``) their status are the ones
    selected (as of a date, with ``as_of``: the filters see the agencies of that date, and each
    role names its carrier).
    """
    meta = Tabular(
        "datapackage",
        [],
        [],
        None,
        envelope=metadata(dataset, measures, lang, generated, filters or {}, as_of, log),
        rows_key="",
    )
    tables = [
        meta,
        themes_table(dataset, lang),
        goals_table(dataset, lang),
        measures_table(measures, lang),
        agencies_table(dataset, lang),
        agency_notes_table(dataset, lang),
        responsibilities_table(measures, lang, as_of),
    ]
    if log is not None:
        tables += [status_table(log, measures, lang), status_log_table(log, measures, lang)]
    return tables
