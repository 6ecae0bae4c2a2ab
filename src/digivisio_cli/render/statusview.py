"""Views of the status log: the overview, the history, what moved since a date, and the status
columns every measure listing gains when a log is in use.

Machine columns carry the codes (``in-progress``), human columns the labels in the user's
language (*käynnissä*); dates are ISO. Like every view, these do no I/O and know no format.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from digivisio_cli.domain.model import Dataset, Measure
from digivisio_cli.domain.status import (
    CARRIED,
    HEALTHS,
    STATES,
    Change,
    Counts,
    MeasureStatus,
    Overview,
    StatusEntry,
    status_of,
)
from digivisio_cli.i18n import label, message
from digivisio_cli.render.tabular import Column, Tabular, Value
from digivisio_cli.settings import Lang

if TYPE_CHECKING:
    from digivisio_cli.domain.succession import AsOf

#: The keys a measure gains in json and csv with a log in use, in this order.
STATUS_KEYS = ("state", "health", "due", "owner", "link", "status_note", "status_date")
#: Cells of the progress bar.
BAR_WIDTH = 8


def state_label(code: str | None, lang: Lang) -> str | None:
    """A state code's label in ``lang`` (None stays None)."""
    return label(f"state_{code}", lang) if code else None


def health_label(code: str | None, lang: Lang) -> str | None:
    """A health code's label in ``lang`` (None stays None)."""
    return label(f"health_{code}", lang) if code else None


def _iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- the columns a measure listing gains ---------------------------------------------------


def _carried_columns(lang: Lang) -> list[Column]:
    """The carried fields (state, health, due, owner, link): codes for programs, labels for
    people. A listing and the log's entries show them alike."""
    return [
        Column("state", label("state", lang), human=False),
        Column("state_label", label("state", lang), machine=False),
        Column("health", label("health", lang), human=False),
        Column("health_label", label("health", lang), machine=False),
        Column("due", label("due", lang)),
        Column("owner", label("owner", lang)),
        Column("link", label("link", lang), human=False),
    ]


def status_columns(lang: Lang) -> list[Column]:
    """The status columns of a measure listing: codes for programs, labels for people."""
    return [
        *_carried_columns(lang),
        Column("status_note", label("status_note", lang), human=False),
        Column("status_date", label("status_date", lang), human=False),
    ]


def status_cells(st: MeasureStatus, lang: Lang) -> dict[str, Value]:
    """A measure's status as the cells of :func:`status_columns` (null where there is none)."""
    return {
        "state": st.state,
        "state_label": state_label(st.state, lang) if st.reported else None,
        "health": st.health,
        "health_label": health_label(st.health, lang),
        "due": _iso(st.due),
        "owner": st.owner,
        "link": st.link,
        "status_note": st.note,
        "status_date": _iso(st.date),
    }


def status_fields(st: MeasureStatus, lang: Lang) -> list[tuple[str, str, Value]]:
    """``show``'s rows for a measure's status: (key, label, value), codes as labels."""
    return [
        ("state", label("state", lang), state_label(st.state, lang)),
        ("health", label("health", lang), health_label(st.health, lang)),
        ("due", label("due", lang), _iso(st.due)),
        ("owner", label("owner", lang), st.owner),
        ("link", label("link", lang), st.link),
        ("status_note", label("status_note", lang), st.note),
        ("status_date", label("status_date", lang), _iso(st.date)),
    ]


def status_machine(st: MeasureStatus) -> dict[str, Value]:
    """The status keys of a measure in json, with codes."""
    cells = status_cells(st, "en")
    return {k: cells[k] for k in STATUS_KEYS}


# --- the overview --------------------------------------------------------------------------


def _share(value: float | None, lang: Lang) -> str:
    if value is None:
        return "–"
    percent = round(value * 100)
    return f"{percent}%" if lang == "en" else f"{percent} %"


def _bar(value: float | None) -> str:
    filled = round((value or 0) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _counts_row(c: Counts, key: str | None, name: str, lang: Lang) -> dict[str, Value]:
    row: dict[str, Value] = {"key": key, "group": name, "measures": c.measures}
    for code in STATES:
        row[code] = c.states.get(code, 0)
    row["no_report"] = c.no_report
    row["stale"] = c.stale
    row["at-risk"] = c.at_risk
    row["off-track"] = c.off_track
    share = c.share_done
    row["share_done"] = None if share is None else round(share, 4)
    row["share_text"] = _share(share, lang)
    row["bar"] = f"{_bar(share)} {row['share_text']}"
    return row


def _count_column(key: str, heading: str) -> Column:
    return Column(key, heading, number=True, whole_words=True)


def overview_view(dataset: Dataset, ov: Overview, lang: Lang, as_of: AsOf | None = None) -> Tabular:
    """One row per agency, theme or goal, and a total row, with the counts by code.

    With ``as_of`` the agencies are those of its date: the title says so, a note names the
    successions applied, and json gains ``as_of``.
    """
    cols = [
        Column("key", label("agency" if ov.by == "agency" else ov.by, lang), human=False),
        # For people the code or id alone (names and titles would crowd out the counts).
        Column("group", label("agency" if ov.by == "agency" else ov.by, lang), machine=False),
        _count_column("measures", label("ov_measures", lang)),
        *(_count_column(code, label(f"state_{code}", lang)) for code in STATES),
        _count_column("no_report", label("no_report", lang)),
        _count_column("stale", label("ov_stale", lang)),
        *(_count_column(code, label(f"ov_{code}", lang)) for code in HEALTHS[1:]),
        Column("share_done", label("share_done", lang), human=False, number=True),
        Column("share_text", label("share_done", lang), machine=False, number=True, in_table=False),
        Column("bar", label("share_done", lang), machine=False, table_only=True),
    ]
    rows = [_counts_row(c, c.key, c.key or label("no_agency", lang), lang) for c in ov.rows]
    rows.append(_counts_row(ov.total, "total", label("total", lang), lang))
    title = f"{label('status_overview', lang)} ({ov.today.isoformat()})"
    envelope: dict[str, object] = {
        "by": ov.by,
        "today": ov.today.isoformat(),
        "stale_after": ov.stale_after,
    }
    notes: list[str] = []
    if as_of is not None:
        from digivisio_cli.render.asof import as_of_note, as_of_title

        title = as_of_title(title, as_of, lang)
        notes.append(as_of_note(as_of, lang))
        envelope["as_of"] = as_of.date.isoformat()
    return Tabular("status", cols, rows, title, notes, envelope=envelope, rows_key="rows")


# --- the history ---------------------------------------------------------------------------


def log_view(entries: list[StatusEntry], lang: Lang) -> Tabular:
    """The entries, oldest first: what each sets, clears and says."""
    cols = [
        Column("date", label("date", lang)),
        Column("measure", label("id", lang)),
        *_carried_columns(lang),
        Column("cleared", label("cleared", lang)),
        Column("note", label("entry_note", lang), wide=True),
        Column("by", label("by", lang)),
    ]
    rows: list[dict[str, Value]] = []
    for e in entries:
        sets = e.sets()
        rows.append(
            {
                "date": e.date.isoformat(),
                "measure": e.measure,
                "state": e.state,
                "state_label": state_label(e.state, lang),
                "health": e.health,
                "health_label": health_label(e.health, lang),
                "due": _iso(e.due),
                "owner": e.owner,
                "link": e.link,
                "cleared": [name for name in CARRIED if name in sets and sets[name] is None],
                "note": e.note,
                "by": e.by,
            }
        )
    notes = [] if entries else [message("status_no_entries", lang)]
    return Tabular("status-log", cols, rows, label("status_log", lang), notes, rows_key="entries")


# --- what moved since a date ---------------------------------------------------------------


def since_view(changes: list[Change], day: _dt.date, lang: Lang) -> Tabular:
    """Per measure with news since ``day``: state and health before and now, and the notes."""
    cols = [
        Column("measure", label("id", lang)),
        Column("state_before", f"{label('state', lang)}: {label('before', lang)}", human=False),
        Column("state", f"{label('state', lang)}: {label('now', lang)}", human=False),
        Column("state_change", label("state", lang), machine=False),
        Column("health_before", f"{label('health', lang)}: {label('before', lang)}", human=False),
        Column("health", f"{label('health', lang)}: {label('now', lang)}", human=False),
        Column("health_change", label("health", lang), machine=False),
        Column("notes", label("entry_note", lang), wide=True),
    ]
    rows: list[dict[str, Value]] = []
    for c in changes:
        before_state = c.before.state if c.before.reported else None
        rows.append(
            {
                "measure": c.measure,
                "state_before": before_state,
                "state": c.now.state,
                "state_change": _arrow(
                    state_label(before_state, lang), state_label(c.now.state, lang)
                ),
                "health_before": c.before.health,
                "health": c.now.health,
                "health_change": _arrow(
                    health_label(c.before.health, lang), health_label(c.now.health, lang)
                ),
                "notes": [
                    f"{e.date.isoformat()}: {e.note}" + (f" ({e.by})" if e.by else "")
                    for e in c.notes
                ],
            }
        )
    notes = [] if changes else [message("status_no_entries", lang)]
    title = label("status_since", lang).format(date=day.isoformat())
    return Tabular(
        "status-since",
        cols,
        rows,
        title,
        notes,
        envelope={"since": day.isoformat()},
        rows_key="measures",
    )


def _arrow(before: str | None, now: str | None) -> str:
    if before == now:
        return now or "–"
    return f"{before or '–'} → {now or '–'}"


def listing_status(
    measures: list[Measure], folded: Mapping[str, MeasureStatus] | None
) -> dict[str, MeasureStatus] | None:
    """The status of each listed measure, or None without a log."""
    if folded is None:
        return None
    return {m.id: status_of(folded, m.id) for m in measures}
