"""The ``status`` commands: the overview, ``set``, ``log`` and ``since`` (docs/status.md).

Options are parsed here, and what a user types (a state as a code or a label, a date) is turned
into the domain's values with a usage error (exit 2) that suggests the valid ones; the counting
is :mod:`digivisio_cli.domain.status`'s, the writing :mod:`digivisio_cli.app.status_append`'s.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from digivisio_cli.app.options import FormatOpt, complete_ids
from digivisio_cli.app.session import Options, dataset, emit, opts, status_log
from digivisio_cli.app.usage import CommandGroup
from digivisio_cli.errors import DataFileError, UnknownNameError, UsageError
from digivisio_cli.i18n import label, message
from digivisio_cli.settings import LANGS, Lang
from digivisio_cli.text import MAX_ECHO, printable

if TYPE_CHECKING:
    from digivisio_cli.domain.model import Dataset
    from digivisio_cli.domain.status import StatusLog

status_app = typer.Typer(
    cls=CommandGroup,  # an unknown subcommand is worded in the reader's language
    name="status",
    help="How far along each measure is, from a status log (--status PATH; docs/status.md).",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


class GroupChoice(str, Enum):
    """What the overview has a row for."""

    agency = "agency"
    theme = "theme"
    goal = "goal"


StateOpt = Annotated[
    str | None,
    typer.Option(
        "--state",
        metavar="S[,S…]",
        help="With a status log: only measures in these states (not-started includes the "
        "measures never reported).",
    ),
]
HealthOpt = Annotated[
    str | None,
    typer.Option(
        "--health", metavar="H[,H…]", help="With a status log: only measures of this health."
    ),
]


# --- what a user types, made into codes and dates ------------------------------------------


def _fold(text: str) -> str:
    from digivisio_cli.domain.query import fold

    return fold(" ".join(text.split()))


def parse_code(raw: str, kind: str, lang: Lang) -> str:
    """A state (``kind="state"``) or health typed as a code or a label, as its code.

    Labels are accepted in every language (they never collide), case and accents aside.
    """
    import difflib

    from digivisio_cli.domain.status import HEALTHS, STATES

    codes = STATES if kind == "state" else HEALTHS
    wanted = _fold(raw)
    for code in codes:
        names = [code, *(label(f"{kind}_{code}", other) for other in LANGS)]
        if any(_fold(name) == wanted for name in names):
            return code
    choices = [*codes, *(label(f"{kind}_{code}", lang) for code in codes)]
    close = difflib.get_close_matches(wanted, [_fold(c) for c in choices], n=3, cutoff=0.5)
    by_fold = {_fold(c): c for c in choices}
    suggestions = list(dict.fromkeys(by_fold[c] for c in close))
    valid = [_code_and_label(code, label(f"{kind}_{code}", lang)) for code in codes]
    raise UnknownNameError(f"status_unknown_{kind}", printable(raw, MAX_ECHO), suggestions, valid)


def _code_and_label(code: str, text: str) -> str:
    return code if text == code else f"{code} ({text})"


def parse_codes(raw: str | None, kind: str, lang: Lang) -> list[str]:
    """``--state S[,S…]`` or ``--health H[,H…]`` as codes."""
    if raw is None:
        return []
    return [parse_code(part, kind, lang) for part in raw.split(",") if part.strip()]


def parse_date(raw: str, option: str) -> dt.date:
    """A date typed as YYYY-MM-DD, or a usage error that shows the form."""
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError(
            "status_bad_date",
            option=option,
            value=printable(raw, MAX_ECHO),
            example=dt.date.today().isoformat(),
        ) from None


def _log_or_refuse(options: Options, data: Dataset, option: str) -> StatusLog:
    log = status_log(options, data)
    if log is None:
        raise UsageError("status_needed", option=option)
    return log


# --- the overview --------------------------------------------------------------------------


@status_app.callback()
def overview(
    ctx: typer.Context,
    by: Annotated[
        GroupChoice, typer.Option("--by", help="A row per agency, theme or goal.")
    ] = GroupChoice.agency,
    stale_after: Annotated[
        int | None,
        typer.Option(
            "--stale-after",
            min=0,
            metavar="DAYS",
            help="A report older than this many days is stale [default: 90].",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """The overview: per agency (theme, goal) how many measures are in each state, unreported,
    stale, at risk or off track, and the share done; a total row."""
    if ctx.invoked_subcommand is not None:
        return
    from digivisio_cli.domain.status import DEFAULT_STALE_AFTER
    from digivisio_cli.domain.status import overview as count
    from digivisio_cli.render.statusview import overview_view

    options = opts(ctx)
    data = dataset(options)
    log = _log_or_refuse(options, data, "status")
    days = DEFAULT_STALE_AFTER if stale_after is None else stale_after
    responsible, agencies, as_of = None, None, None
    if options.as_of is not None:
        # --as-of (issue 14b): a measure counts for the agencies that carry it on that date.
        from digivisio_cli.domain.succession import agencies_as_of

        as_of = agencies_as_of(data, options.as_of)
        responsible = {m.id: as_of.roles(m)[0] for m in data.measures}
        agencies = [a.code for a in as_of.current(data.agencies)]
    result = count(data, log.current(), dt.date.today(), by.value, days, responsible, agencies)
    emit(options, overview_view(data, result, options.lang, as_of), fmt)


# --- set -----------------------------------------------------------------------------------


def _measure_id(data: Dataset, raw: str, lang: Lang) -> str:
    from digivisio_cli.domain.query import resolve

    sel = resolve(data, raw)
    if sel.kind != "measure":
        kind = label(f"kind_{sel.kind}", lang)
        examples = [m.id for m in sel.measures[:4]]
        error = UnknownNameError("status_not_a_measure", sel.id, examples, [])
        error.params["kind"] = kind
        raise error
    return sel.id


@status_app.command("set")
def set_status(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="A measure's id (3.2.2.1).", autocompletion=complete_ids),
    ],
    state: Annotated[
        str | None,
        typer.Argument(
            metavar="[STATE]",
            help="not-started, in-progress, done, on-hold, dropped (or a label: käynnissä…).",
            show_default=False,
        ),
    ] = None,
    health: Annotated[
        str | None, typer.Option("--health", help="on-track, at-risk, off-track (or a label).")
    ] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="DATE", help="Target date.")] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="UNIT", help="Responsible unit (OKM/KTPO).")
    ] = None,
    link: Annotated[str | None, typer.Option("--link", metavar="URL", help="A link.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", metavar="FIELD", help="Clear state, health, due, owner or link."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="Report date [default: today].")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who reports.")] = None,
) -> None:
    """Append one dated entry for a measure to the status log (created if missing)."""
    import difflib

    from digivisio_cli.app.status_append import append
    from digivisio_cli.data.status import resolve_status_path
    from digivisio_cli.domain.status import CARRIED, StatusEntry

    options = opts(ctx)
    lang = options.lang
    data = dataset(options)
    measure = _measure_id(data, ident, lang)
    today = dt.date.today()
    day = parse_date(date, "--date") if date is not None else today
    if day > today:
        raise UsageError("status_future_date", value=day.isoformat(), today=today.isoformat())
    values: dict[str, object] = {}
    if state is not None:
        values["state"] = parse_code(state, "state", lang)
    if health is not None:
        values["health"] = parse_code(health, "health", lang)
    if due is not None:
        values["due"] = parse_date(due, "--due")
    for name, text in (("owner", owner), ("link", link)):
        if text is not None:
            values[name] = text
    for field in clear or []:
        name = field.strip().lower()
        if name not in CARRIED:
            close = difflib.get_close_matches(name, CARRIED, n=2, cutoff=0.5)
            raise UnknownNameError(
                "status_unknown_field", printable(field, MAX_ECHO), close, list(CARRIED)
            )
        if name in values:
            raise UsageError("status_set_and_clear", field=name)
        values[name] = None
    if not values and note is None:
        raise UsageError("status_nothing_to_set")
    _refuse_hidden({"owner": owner, "link": link, "note": note, "by": by})
    path = resolve_status_path(options.status)
    if path is None:
        raise UsageError("status_needed", option="status set")
    entry = StatusEntry.make(measure, day, note=note, by=by, **values)  # type: ignore[arg-type]
    try:
        created = append(Path(path), data, entry, today)
    except DataFileError as exc:
        exc.after = "status_unchanged"
        raise
    if created:
        options.env.note(message("status_created", lang, path=path))
    options.env.note(message("status_added", lang, path=path, id=measure, date=day.isoformat()))


def _refuse_hidden(texts: dict[str, str | None]) -> None:
    # The log's rules refuse these characters in any text; refuse them before anything is written.
    from digivisio_cli.data.rules import hidden_character

    for field, text in texts.items():
        char = hidden_character(text) if text is not None else None
        if char is not None:
            raise UsageError("status_hidden_character", field=field, char=f"U+{ord(char):04X}")


# --- log and since -------------------------------------------------------------------------


@status_app.command("log")
def log_command(
    ctx: typer.Context,
    idents: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Theme, goal or measure ids [default: every measure].",
            autocompletion=complete_ids,
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only entries from this date.")
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """The log's entries, oldest first (an id of any level means the measures under it)."""
    from digivisio_cli.domain.query import resolve
    from digivisio_cli.domain.status import history
    from digivisio_cli.render.statusview import log_view

    options = opts(ctx)
    data = dataset(options)
    day = parse_date(since, "--since") if since is not None else None
    prefixes = [resolve(data, raw).id for raw in idents or []]
    log = _log_or_refuse(options, data, "status log")
    emit(options, log_view(history(log.entries, prefixes, day), options.lang), fmt)


@status_app.command("since")
def since_command(
    ctx: typer.Context,
    date: Annotated[
        str, typer.Argument(metavar="DATE", help="The date (YYYY-MM-DD), e.g. the last meeting.")
    ],
    fmt: FormatOpt = None,
) -> None:
    """What moved since a date: state and health before it and now, and the notes since."""
    from digivisio_cli.domain.status import since
    from digivisio_cli.render.statusview import since_view

    options = opts(ctx)
    data = dataset(options)
    day = parse_date(date, "DATE")
    log = _log_or_refuse(options, data, "status since")
    changes = since(log.entries, day, [m.id for m in data.measures])
    emit(options, since_view(changes, day, options.lang), fmt)
