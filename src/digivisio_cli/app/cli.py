"""The command line: options are parsed here, everything else is delegated.

Each command parses its options, calls one query, builds one view and hands it to one format
from the registry. Errors from any layer reach :func:`run`, the one place where they become a
message on stderr and an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from digivisio_cli.app.argv import (
    command_position,
    hoist_global_options,
    lang_from_argv,
    valued_options,
)
from digivisio_cli.app.diffinput import BUNDLED, STDIN
from digivisio_cli.app.narrow import only
from digivisio_cli.app.options import (
    ActorOpt,
    ExportFormat,
    ExportWhat,
    FormatOpt,
    GoalOpt,
    IdArg,
    LangChoice,
    OriginalOpt,
    PendingOpt,
    RoleChoice,
    RoleOpt,
    SchemaWhat,
    SchemaWhatOpt,
    SearchOpt,
)
from digivisio_cli.app.report import PREFIX
from digivisio_cli.app.session import Options, begin, current_env, current_status, emit, end
from digivisio_cli.app.session import dataset as _dataset
from digivisio_cli.app.session import opts as _opts
from digivisio_cli.app.session import say_no_match as _say_no_match
from digivisio_cli.app.status_cmd import HealthOpt, StateOpt, parse_codes, status_app
from digivisio_cli.app.status_import import import_command
from digivisio_cli.app.terminal import Environment
from digivisio_cli.app.usage import SafeGroup
from digivisio_cli.errors import (
    DiffExit,
    DigivisioError,
    ExitCode,
    Interrupted,
    ReaderGone,
    UsageError,
)
from digivisio_cli.i18n import catalog_missing, detect_lang, message
from digivisio_cli.settings import ENV_AS_OF, ENV_DATA, ENV_STATUS, LANGS, VERSION, Lang

if TYPE_CHECKING:
    from digivisio_cli.domain.model import Dataset, Measure
    from digivisio_cli.domain.succession import AsOf
    from digivisio_cli.render.views import StatusMap


app = typer.Typer(
    cls=SafeGroup,
    name="digivisio",
    help="Who does what in Finland's education digitalisation vision 2027 "
    "(OKM, Opetushallitus, Karvi): the responsibility matrix, in the terminal and as exports.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --- shared plumbing -----------------------------------------------------------------------


def _version(ctx: typer.Context, value: bool) -> None:
    # Not while the shell asks for completions: the version is no completion.
    if value and not ctx.resilient_parsing:
        typer.echo(f"digivisio {VERSION}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar=ENV_DATA,
            metavar="PATH",
            help="Data file to use instead of the bundled one.",
        ),
    ] = None,
    lang: Annotated[
        LangChoice | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of labels, agency names and messages "
            "[default: $DIGIVISIO_LANG, else the locale, else en].",
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            envvar=ENV_STATUS,
            metavar="PATH",
            help="Status log to use: adds each measure's state to listings (docs/status.md).",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (also: NO_COLOR, TERM=dumb).")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar=ENV_AS_OF,
            metavar="DATE",
            help="Answer with the agencies as they are on DATE (YYYY-MM-DD, or 'today'): a "
            "merged agency's measures count for its successor [default: as published].",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Who does what in Finland's education digitalisation vision 2027."""
    import datetime as dt

    from digivisio_cli.app.options import parse_as_of

    chosen: Lang = next((code for code in LANGS if lang and code == lang.value), detect_lang())
    # While the shell asks for completions, a half-typed date is no error.
    date = None if ctx.resilient_parsing else parse_as_of(as_of, dt.date.today())
    ctx.obj = Options(
        data=data, lang=chosen, no_color=no_color, env=current_env(), as_of=date, status=status
    )
    if catalog_missing(chosen) and not ctx.resilient_parsing:
        # A source checkout whose catalogs were never compiled: say why the answer is English.
        ctx.obj.env.note(PREFIX + message("missing_catalog", "en", lang=chosen))


def _as_of(opts: Options, dataset: Dataset) -> AsOf | None:
    """The agencies as of ``--as-of``, or None to answer as published."""
    from digivisio_cli.domain.succession import agencies_as_of

    return agencies_as_of(dataset, opts.as_of) if opts.as_of else None


def _not_empty(option: str, value: str | None) -> None:
    """An option given as "" (or only spaces) is a mistake (``--actor "$UNSET"``), not "any"."""
    if value is not None and not value.strip():
        raise UsageError("option_empty", option=option)


def _filtered(
    dataset: Dataset,
    opts: Options,
    actor: str | None,
    role: RoleChoice | None,
    goal: str | None,
    pending: bool | None,
    search: str | None,
    status: StatusMap = None,
    state: str | None = None,
    health: str | None = None,
) -> list[Measure]:
    """The measures passing the shared filters; says so on stderr when none do."""
    from digivisio_cli.domain.query import Filters, filter_measures

    for option, value in (("--actor", actor), ("--goal", goal), ("--search", search)):
        _not_empty(option, value)
    found = filter_measures(
        dataset,
        Filters(actor, role.value if role else None, goal, pending, search),
        _as_of(opts, dataset),
    )
    states = parse_codes(state, "state", opts.lang)
    healths = parse_codes(health, "health", opts.lang)
    if states or healths:
        from digivisio_cli.domain.status import matches, status_of

        if status is None:
            raise UsageError("status_needed", option="--state" if states else "--health")
        found = [m for m in found if matches(status_of(status, m.id), states, healths)]
    _say_no_match(opts, list(found))
    return found


app.add_typer(status_app)
# The planning meeting's workbook read back (issue 16): app/status_import.py.
status_app.command("import")(import_command)


# --- commands ------------------------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(help="Data file [default: --data, else bundled].", show_default=False),
    ] = None,
) -> None:
    """Check a data file; print a summary, or every problem found (exit 1)."""
    from digivisio_cli.data.matrix import load
    from digivisio_cli.data.source import resolve_data_path

    opts = _opts(ctx)
    target = path if path is not None else opts.data
    dataset = load(target)
    lang = opts.lang
    counts = [
        message("count_themes", lang, count=len(dataset.themes)),
        message("count_goals", lang, count=len(dataset.goals)),
        message("count_measures", lang, count=len(dataset.measures)),
        message("count_agencies", lang, count=len(dataset.agencies)),
        message("count_pending", lang, count=sum(m.pending for m in dataset.measures)),
    ]
    path_shown = resolve_data_path(target)
    opts.env.write(message("valid", lang, path=path_shown, counts=", ".join(counts)) + "\n")


@app.command()
def measures(
    ctx: typer.Context,
    actor: ActorOpt = None,
    role: RoleOpt = None,
    goal: GoalOpt = None,
    pending: PendingOpt = None,
    search: SearchOpt = None,
    state: StateOpt = None,
    health: HealthOpt = None,
    fmt: FormatOpt = None,
    original: OriginalOpt = False,
) -> None:
    """List measures, filtered by agency, role, goal, pending flag, text and status."""
    from digivisio_cli.render.views import measures_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    status = current_status(opts, dataset)
    found = _filtered(dataset, opts, actor, role, goal, pending, search, status, state, health)
    as_of = _as_of(opts, dataset)
    emit(opts, measures_view(dataset, found, opts.lang, original, as_of, status), fmt)


@app.command("who-owns")
def who_owns(
    ctx: typer.Context, ident: IdArg, fmt: FormatOpt = None, original: OriginalOpt = False
) -> None:
    """Who carries a goal, theme or measure: its measures, agencies and a summary."""
    from digivisio_cli.domain.query import resolve
    from digivisio_cli.render.views import who_owns_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    selection = resolve(dataset, ident)
    status = current_status(opts, dataset)
    view = who_owns_view(dataset, selection, opts.lang, original, _as_of(opts, dataset), status)
    emit(opts, view, fmt)


@app.command()
def show(ctx: typer.Context, ident: IdArg, fmt: FormatOpt = None) -> None:
    """Everything about one theme, goal or measure: titles, texts, translation, agencies, flags."""
    from digivisio_cli.domain.query import resolve
    from digivisio_cli.render.asof import as_of_title
    from digivisio_cli.render.views import selection_title, show_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    selection = resolve(dataset, ident)
    as_of = _as_of(opts, dataset)
    view = show_view(dataset, selection, opts.lang, as_of, current_status(opts, dataset))
    view.title = as_of_title(selection_title(selection, opts.lang), as_of, opts.lang)
    emit(opts, view, fmt)


@app.command()
def goals(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The vision, its themes and goals, with the number of measures under each."""
    from digivisio_cli.render.views import goals_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    emit(opts, goals_view(dataset, opts.lang, _as_of(opts, dataset)), fmt)


@app.command()
def matrix(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Goals × agencies: measures each agency carries / partners in (csv, json: integer columns)."""
    from digivisio_cli.render.views import matrix_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    emit(opts, matrix_view(dataset, None, opts.lang, _as_of(opts, dataset)), fmt)


@app.command()
def actors(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The agencies, their names in three languages, and their load."""
    from digivisio_cli.render.views import actors_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    emit(opts, actors_view(dataset, opts.lang, _as_of(opts, dataset)), fmt)


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = getattr(  # noqa: B009
        ExportFormat, "csv"
    ),
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH", help="File or folder; '-' or none: stdout."),
    ] = None,
    what: Annotated[
        ExportWhat, typer.Option("--what", help="The measures or the matrix, in every format.")
    ] = ExportWhat.measures,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="csv for Excel in a Finnish locale: UTF-8 BOM and ';' separators."
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a file or an export.")] = False,
    actor: ActorOpt = None,
    role: RoleOpt = None,
    goal: GoalOpt = None,
    pending: PendingOpt = None,
    search: SearchOpt = None,
    state: StateOpt = None,
    health: HealthOpt = None,
    original: OriginalOpt = False,
) -> None:
    """Export the measures (or the matrix): csv, json, md, xlsx, html, or a data package."""
    from dataclasses import replace

    from digivisio_cli.app.exporting import ExportRequest, check, given
    from digivisio_cli.app.exporting import export as deliver
    from digivisio_cli.app.session import status_log
    from digivisio_cli.app.status_import import tracking_input

    opts = _opts(ctx)
    request = ExportRequest(
        format=_value(fmt),
        what=what.value,
        excel=excel,
        original=original,
        output=output,
        force=force,
        filters=given(
            actor=actor,
            role=role.value if role else None,
            goal=goal,
            pending=pending,
            search=search,
            state=state,
            health=health,
        ),
    )
    _not_empty("--output", output)
    check(request)
    dataset = _dataset(opts)
    # Checked before the data is read; what the export tracks needs the data.
    request = replace(request, tracking=tracking_input(opts, dataset))
    log = status_log(opts, dataset)
    status = None if log is None else log.current()
    found = _filtered(dataset, opts, actor, role, goal, pending, search, status, state, health)
    as_of = _as_of(opts, dataset)
    written = deliver(opts.env, dataset, found, opts.lang, request, as_of, status, log)
    if written is not None:
        opts.env.note(message("wrote", opts.lang, path=written))


def _value(choice: Enum) -> str:
    return str(choice.value)


@app.command()
def schema(ctx: typer.Context, what: SchemaWhatOpt = SchemaWhat.data) -> None:
    """Print the JSON Schema (draft 2020-12) of the data file or the status log, for editors."""
    from digivisio_cli.data.json_schema import document_schema

    opts = _opts(ctx)
    opts.env.write(document_schema(what.value, opts.lang))


_DIFF_FILE_HELP = f"Data file; '{BUNDLED}' for the bundled data, '{STDIN}' for standard input."
OldArg = Annotated[str, typer.Argument(metavar="OLD", help=_DIFF_FILE_HELP, show_default=False)]
NewArg = Annotated[str, typer.Argument(metavar="NEW", help=_DIFF_FILE_HELP, show_default=False)]


@app.command("diff")
def diff_command(ctx: typer.Context, old: OldArg, new: NewArg, fmt: FormatOpt = None) -> None:
    """Compare two versions of the data: measures added, removed and changed, who gained or lost.

    Exit 0 when they hold the same data, 1 when they differ, 2 on trouble (as diff does).
    """
    from digivisio_cli.app.diffinput import diff_input
    from digivisio_cli.domain.diff import compare
    from digivisio_cli.render.diffview import diff_view

    opts = _opts(ctx)
    if old == new == STDIN:
        raise UsageError("diff_stdin_twice")
    result = compare(diff_input(old, "OLD"), diff_input(new, "NEW"))
    emit(opts, diff_view(result, opts.lang, old, new), fmt)
    if not result.same:
        # Differing is an answer, not an error: the output is written, so nothing is reported on
        # stderr, and the code leaves through Click's ordinary exit, which run() returns as is.
        raise typer.Exit(DiffExit.DIFFERENT)


# --- the one place where errors become exit codes ------------------------------------------


def _only(name: str | None, rest: Sequence[str] = ("--help",)) -> typer.Typer:
    """The app with only the command ``name`` (see :func:`digivisio_cli.app.narrow.only`)."""
    return only(app, name, rest)


def run(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI; turn every error into a message on stderr and an exit code."""
    from digivisio_cli.app.report import error_lines
    from digivisio_cli.data.store import release

    _env = begin(env)
    raw = sys.argv[1:] if argv is None else list(argv)
    # Named before hoisting, which must know which of the command's options take a value.
    at = command_position(raw)
    command = typer.main.get_command(
        _only(None if at is None else raw[at], raw[at + 1 :] if at is not None else ())
    )
    args = hoist_global_options(raw, valued_options(command))
    try:
        command.main(args=args, prog_name="digivisio", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except DigivisioError as exc:
        for line in error_lines(exc, lang_from_argv(args)):
            _env.note(line)
        return int(exc.exit_code)
    except (ReaderGone, BrokenPipeError):
        _env.quiet_broken_pipe()
        return 0
    except (KeyboardInterrupt, Interrupted):
        _env.note(message("interrupted", lang_from_argv(args)))
        return int(ExitCode.INTERRUPTED)
    finally:
        release()
        end()
    return int(ExitCode.OK)
