"""``status import FILE``: a filled-in tracking sheet (or a CSV) back into the status log.

The file is read and checked cell by cell (:mod:`digivisio_cli.data.workbook`), compared with
its snapshot and the log (:func:`digivisio_cli.domain.tracking.plan_import`), the changes shown
in the chosen format, and only then, when there is no problem and no conflict left, one entry per
changed measure is appended through the status log's own append (atomic, locked). Any problem:
exit 1 and nothing written. docs/tracking.md describes the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from digivisio_cli.app.options import FormatOpt
from digivisio_cli.app.session import Options, dataset, emit, opts
from digivisio_cli.errors import ImportRefused, SheetProblem, UsageError
from digivisio_cli.i18n import label, message
from digivisio_cli.text import MAX_ECHO, printable

if TYPE_CHECKING:
    from digivisio_cli.app.exporting import Tracking
    from digivisio_cli.data.workbook import ReadSheet
    from digivisio_cli.domain.model import Dataset
    from digivisio_cli.domain.status import MeasureStatus, StatusEntry
    from digivisio_cli.domain.tracking import Current, ImportPlan, PlannedEntry, Reported


def values_of(status: MeasureStatus | None) -> dict[str, str | None]:
    """A measure's carried fields as the tracking sheet's text values (dates as YYYY-MM-DD)."""
    # NOTE: the tracking domain is imported where it is used: the CLI imports this module to
    # register `status import`, and every command would pay for it.
    from digivisio_cli.domain.tracking import FIELDS

    if status is None:
        return dict.fromkeys(FIELDS)
    out: dict[str, str | None] = {}
    for name in FIELDS:
        value = getattr(status, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def reported_from(folded: Mapping[str, MeasureStatus]) -> dict[str, Reported]:
    """Each reported measure's status as an export shows it."""
    from digivisio_cli.domain.tracking import Reported

    return {
        mid: Reported(values_of(st), st.note, st.date.isoformat() if st.date else None)
        for mid, st in folded.items()
    }


def _current(data: Dataset, entries: Sequence[StatusEntry], sheet: ReadSheet) -> dict[str, Current]:
    """Each measure's status in the log now, with the notes written since the export."""
    from digivisio_cli.domain.status import fold
    from digivisio_cli.domain.tracking import Current, text_hash

    folded = fold(entries)  # the entries are needed anyway, for the notes written since
    if sheet.snapshot is not None:
        # The log only grows: the entries after those it had at the export are the new ones.
        since = entries[sheet.snapshot.log_entries :]
        notes: dict[str, set[str]] = {}
        for e in since:
            if e.note is not None:
                notes.setdefault(e.measure, set()).add(e.note)
    else:
        notes = {mid: {st.note} for mid, st in folded.items() if st.note is not None}
    return {
        m.id: Current(
            values_of(folded.get(m.id)), frozenset(notes.get(m.id, ())), text_hash(m.text)
        )
        for m in data.measures
    }


def _conflict_problems(plan: ImportPlan, lang: str) -> list[SheetProblem]:
    out: list[SheetProblem] = []
    for c in plan.conflicts:
        ch = c.change
        if c.reason == "text":
            out.append(SheetProblem(ch.place, "imp_conflict_text", (("measure", ch.measure),)))
            continue
        params = {
            "measure": ch.measure,
            "field": label(f"col_{ch.field}", lang),
            "log": _shown(ch.field, c.log, lang),
            "value": _shown(ch.field, ch.new, lang),
        }
        out.append(
            SheetProblem(
                ch.place,
                "imp_conflict_field",
                tuple((k, printable(v, MAX_ECHO)) for k, v in params.items()),
            )
        )
    return out


def _shown(field: str, value: str | None, lang: str) -> str:
    if value is None:
        return "–"
    return label(f"{field}_{value}", lang) if field in ("state", "health") else value


def _entry(planned: PlannedEntry, day: dt.date, by: str | None) -> StatusEntry:
    from digivisio_cli.domain.status import StatusEntry

    carried: dict[str, Any] = {
        name: (dt.date.fromisoformat(v) if name == "due" and v else v)
        for name, v in planned.sets.items()
    }
    return StatusEntry.make(planned.measure, day, note=planned.note, by=by, **carried)


def _log_entries(options: Options, data: Dataset) -> tuple[Path, Sequence[StatusEntry]]:
    from digivisio_cli.app.session import status_log
    from digivisio_cli.data.status import resolve_status_path

    path = resolve_status_path(options.status)
    if path is None:
        raise UsageError("imp_needs_log")
    if not path.exists():
        return path, ()  # the first import creates the log, as status set does
    log = status_log(options, data)
    return path, log.entries if log is not None else ()


def run_import(
    options: Options,
    file: Path,
    *,
    dry_run: bool,
    day: dt.date,
    by: str | None,
    overwrite: bool,
    fmt: object = None,
) -> int:
    """Read, check, show and (unless ``dry_run``) write; the number of entries appended."""
    from digivisio_cli.data.workbook import read
    from digivisio_cli.domain.tracking import plan_import
    from digivisio_cli.render.trackview import changes_view

    lang = options.lang
    data = dataset(options)
    log_path, entries = _log_entries(options, data)
    sheet = read(file, [m.id for m in data.measures], lang)
    if sheet.problems:
        raise ImportRefused(str(file), list(sheet.problems))
    if sheet.snapshot is not None:
        from digivisio_cli.app.exporting import content_hash
        from digivisio_cli.data.source import resolve_data_path

        if sheet.snapshot.data_hash != content_hash(resolve_data_path(options.data)):
            options.env.note(
                message("imp_other_data", lang, path=file, exported=sheet.snapshot.exported)
            )
    plan = plan_import(sheet.rows, _current(data, entries, sheet), overwrite)
    emit(options, changes_view(plan.changes, plan.conflicts, lang), fmt)  # type: ignore[arg-type]
    if plan.conflicts and not overwrite:
        raise ImportRefused(str(file), _conflict_problems(plan, lang), "imp_conflicts")
    if not plan.entries:
        options.env.note(message("imp_nothing", lang))
        return 0
    if dry_run:
        options.env.note(message("imp_dry_run", lang, count=len(plan.entries)))
        return 0
    from digivisio_cli.app.status_append import append

    # NOTE: one append per measure, each atomic and locked (the log's own writer); were the run
    # killed halfway, importing the workbook again writes exactly the entries still missing.
    for planned in plan.entries:
        if append(log_path, data, _entry(planned, day, by), dt.date.today()):
            options.env.note(message("status_created", lang, path=log_path))
    options.env.note(message("imp_written", lang, count=len(plan.entries), path=log_path))
    return len(plan.entries)


FileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="A filled-in tracking workbook (.xlsx) or a CSV exported with status columns.",
        show_default=False,
    ),
]


def import_command(
    ctx: typer.Context,
    file: FileArg,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the changes; write nothing.")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="The meeting's date [default: today]."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who reports.")] = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite-conflicts",
            help="Take the workbook's values where the log changed too since the export.",
        ),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Read a filled-in tracking sheet back into the status log: checks, changes, then entries."""
    from digivisio_cli.app.status_cmd import parse_date

    options = opts(ctx)
    today = dt.date.today()
    day = parse_date(date, "--date") if date is not None else today
    if day > today:
        raise UsageError("status_future_date", value=day.isoformat(), today=today.isoformat())
    run_import(options, file, dry_run=dry_run, day=day, by=by, overwrite=overwrite, fmt=fmt)


def tracking_input(options: Options, data: Dataset) -> Tracking:
    """What an export's tracking sheet and progress views are made from: the data file, and the
    status log in use (its statuses, content hash and length), if any."""
    from digivisio_cli.app.exporting import Tracking, content_hash
    from digivisio_cli.app.session import status_log
    from digivisio_cli.data.source import resolve_data_path

    data_path = resolve_data_path(options.data)
    log = status_log(options, data)
    if log is None:
        return Tracking(data_path)
    from digivisio_cli.data.status import resolve_status_path

    log_path = resolve_status_path(options.status)
    assert log_path is not None  # there is a log
    current = log.current()
    # Every entry reports on one measure: their number is the sum of the reports, and the
    # entries themselves need not be restored from the cache.
    count = sum(st.reports for st in current.values())
    return Tracking(
        data_path, reported_from(current), content_hash(log_path), count, log_in_use=True
    )
