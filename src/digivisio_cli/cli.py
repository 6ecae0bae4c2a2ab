"""The command line: options are parsed here, everything else is delegated.

Each command parses its options, calls one query, builds one view and hands it to one format
from the registry. Errors from any layer reach :func:`run`, the one place where they become a
message on stderr and an exit code.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from digivisio_cli import __version__
from digivisio_cli.errors import (
    DataFileError,
    DigivisioError,
    ExitCode,
    OutputError,
    ReaderGone,
    UsageError,
)
from digivisio_cli.i18n import detect_lang, message
from digivisio_cli.usage import SafeGroup

if TYPE_CHECKING:
    from digivisio_cli.model import Dataset, Lang, Measure
    from digivisio_cli.views import Tabular


class Lang_(str, Enum):
    """The languages of labels and messages."""

    fi = "fi"
    sv = "sv"
    en = "en"


class ListingFormat(str, Enum):
    """The formats of the listing commands."""

    table = "table"
    plain = "plain"
    csv = "csv"
    json = "json"
    md = "md"


class RoleChoice(str, Enum):
    """The roles an agency can have in a measure."""

    responsible = "responsible"
    partner = "partner"


@dataclass
class Options:
    """The global options, shared by every command."""

    data: str | None
    lang: Lang
    no_color: bool


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


# --- completion ----------------------------------------------------------------------------


# Typer asks these only when completion.fast_complete has left a request to it.


def _completion_data(ctx: typer.Context) -> str | None:
    data = ctx.find_root().params.get("data")
    return data if isinstance(data, str) else None


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Theme, goal and measure ids that start with what was typed."""
    from digivisio_cli.completion import matching_ids

    return matching_ids(incomplete, _completion_data(ctx))


def complete_actors(ctx: typer.Context, incomplete: str) -> list[str]:
    """Agency codes that start with what was typed (any case)."""
    from digivisio_cli.completion import matching_actors

    return matching_actors(incomplete, _completion_data(ctx))


# --- shared plumbing -----------------------------------------------------------------------


def _version(ctx: typer.Context, value: bool) -> None:
    # Not while the shell asks for completions: the version is no completion.
    if value and not ctx.resilient_parsing:
        typer.echo(f"digivisio {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="DIGIVISIO_DATA",
            metavar="PATH",
            help="Data file to use instead of the bundled one.",
        ),
    ] = None,
    lang: Annotated[
        Lang_ | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of labels, agency names and messages "
            "[default: $DIGIVISIO_LANG, else the locale, else en].",
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (also: NO_COLOR, TERM=dumb).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Who does what in Finland's education digitalisation vision 2027."""
    chosen = lang.value if lang else detect_lang()
    ctx.obj = Options(data=data, lang=chosen, no_color=no_color)  # type: ignore[arg-type]


def _opts(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    if isinstance(obj, Options):
        return obj
    return Options(None, detect_lang(), False)  # type: ignore[arg-type]


def _dataset(opts: Options) -> Dataset:
    import gc

    from digivisio_cli.loader import load

    global _froze_data
    dataset = load(opts.data)
    # The data lives until the command ends and holds no cycles: exempt it (and everything
    # imported so far) from the cyclic collector, which would otherwise walk 100,000 measures
    # again and again while the rows are built. run() undoes this when the command ends; a
    # program that froze objects itself is left alone.
    if gc.get_freeze_count() == 0:
        gc.freeze()
        _froze_data = True
    return dataset


#: Whether _dataset froze the collector's view of the heap (run() thaws it).
_froze_data = False


def _color_wanted(opts: Options) -> bool:
    if opts.no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return _stdout_is_terminal()


def _default_format() -> str:
    return "table" if _stdout_is_terminal() else "plain"


def _stdout_is_terminal() -> bool:
    # sys.stdout is None when the process was started with stdout closed (``>&-``).
    return sys.stdout is not None and sys.stdout.isatty()


def emit(opts: Options, view: Tabular, fmt: ListingFormat | None) -> None:
    """Render ``view`` in the chosen format to stdout; notes go to stderr when not shown inline."""
    from digivisio_cli.formats import FORMATS, RenderContext

    name = fmt.value if fmt else _default_format()
    spec = FORMATS[name]
    width = _terminal_width()
    ctx = RenderContext(lang=opts.lang, color=_color_wanted(opts), width=width)
    out = spec.render([view], ctx)
    assert isinstance(out, str)
    write_stdout(out)
    if name in ("plain", "csv", "json") and view.notes:
        for note in view.notes:
            print(note, file=sys.stderr)


def _terminal_width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 240))


def write_stdout(text: str | bytes) -> None:
    """Write to stdout, replacing what the terminal's encoding cannot show.

    Bytes (an export) are written as they are. Output that cannot be written (stdout closed, a
    full disk) is an OutputError; a reader that went away is ReaderGone, left to :func:`run`.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("output_failed", reason="standard output is closed")
    try:
        if isinstance(text, bytes):
            stream.buffer.write(text)
        else:
            try:
                stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(stream, "encoding", None) or "utf-8"
                stream.write(text.encode(encoding, "replace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone from None
    except OSError as exc:
        raise OutputError("output_failed", reason=exc.strerror or str(exc)) from None


def _say_no_match(opts: Options, rows: list[object]) -> None:
    if not rows:
        print(message("no_match", opts.lang), file=sys.stderr)


FormatOpt = Annotated[
    ListingFormat | None,
    typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, else plain]."
    ),
]
OriginalOpt = Annotated[
    bool, typer.Option("--original", help="Show the Finnish original text, not a translation.")
]
IdArg = Annotated[
    str,
    typer.Argument(
        help="A theme (3.2), goal (3.2.2) or measure (3.2.2.1) id.",
        metavar="ID",
        autocompletion=complete_ids,
        show_default=False,
    ),
]


# The filters shared by ``measures`` and ``export``, declared once.
ActorOpt = Annotated[
    str | None,
    typer.Option(
        "--actor",
        "-a",
        help="Agency: code or any official name or abbreviation (oph, EDUFI, "
        "Utbildningsstyrelsen…).",
        autocompletion=complete_actors,
    ),
]
RoleOpt = Annotated[
    RoleChoice | None,
    typer.Option("--role", help="With --actor: only this role [default: either]."),
]
GoalOpt = Annotated[
    str | None,
    typer.Option(
        "--goal",
        "-g",
        help="Id prefix by components: 3.1 matches 3.1.x, never 3.10.",
        autocompletion=complete_ids,
    ),
]
PendingOpt = Annotated[
    bool | None,
    typer.Option(
        "--pending/--no-pending",
        help="Only measures awaiting refinement (or only the others).",
        show_default=False,
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-s",
        help="Text to find, case- and accent-insensitive, in the original and the translations.",
    ),
]


def _filtered(
    dataset: Dataset,
    opts: Options,
    actor: str | None,
    role: RoleChoice | None,
    goal: str | None,
    pending: bool | None,
    search: str | None,
) -> list[Measure]:
    """The measures passing the shared filters; says so on stderr when none do."""
    from digivisio_cli.query import Filters, filter_measures

    found = filter_measures(
        dataset, Filters(actor, role.value if role else None, goal, pending, search)
    )
    _say_no_match(opts, list(found))
    return found


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
    from digivisio_cli.loader import load, resolve_data_path

    opts = _opts(ctx)
    target = path if path is not None else opts.data
    dataset = load(target)
    write_stdout(
        message(
            "valid",
            opts.lang,
            path=resolve_data_path(target),
            themes=len(dataset.themes),
            goals=len(dataset.goals),
            measures=len(dataset.measures),
            agencies=len(dataset.agencies),
            pending=sum(m.pending for m in dataset.measures),
        )
        + "\n"
    )


@app.command()
def measures(
    ctx: typer.Context,
    actor: ActorOpt = None,
    role: RoleOpt = None,
    goal: GoalOpt = None,
    pending: PendingOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = None,
    original: OriginalOpt = False,
) -> None:
    """List measures, filtered by agency, role, goal, pending flag and text."""
    from digivisio_cli.views import measures_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    found = _filtered(dataset, opts, actor, role, goal, pending, search)
    emit(opts, measures_view(dataset, found, opts.lang, original), fmt)


@app.command("who-owns")
def who_owns(
    ctx: typer.Context, ident: IdArg, fmt: FormatOpt = None, original: OriginalOpt = False
) -> None:
    """Who carries a goal, theme or measure: its measures, agencies and a summary."""
    from digivisio_cli.query import resolve
    from digivisio_cli.views import who_owns_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    emit(opts, who_owns_view(dataset, resolve(dataset, ident), opts.lang, original), fmt)


@app.command()
def show(ctx: typer.Context, ident: IdArg, fmt: FormatOpt = None) -> None:
    """Everything about one theme, goal or measure: titles, texts, translation, agencies, flags."""
    from digivisio_cli.query import resolve
    from digivisio_cli.views import selection_title, show_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    selection = resolve(dataset, ident)
    view = show_view(dataset, selection, opts.lang)
    view.title = selection_title(selection, opts.lang)
    emit(opts, view, fmt)


@app.command()
def goals(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The vision, its themes and goals, with the number of measures under each."""
    from digivisio_cli.views import goals_view

    opts = _opts(ctx)
    emit(opts, goals_view(_dataset(opts), opts.lang), fmt)


@app.command()
def matrix(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Goals × agencies: measures each agency carries / partners in (csv, json: integer columns)."""
    from digivisio_cli.views import matrix_view

    opts = _opts(ctx)
    emit(opts, matrix_view(_dataset(opts), None, opts.lang), fmt)


@app.command()
def actors(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """The agencies, their names in three languages, and their load."""
    from digivisio_cli.views import actors_view

    opts = _opts(ctx)
    emit(opts, actors_view(_dataset(opts), opts.lang), fmt)


class ExportFormat(str, Enum):
    """The formats of ``export``."""

    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"
    html = "html"


class ExportWhat(str, Enum):
    """What a csv, json or Markdown export holds (xlsx and html hold everything)."""

    measures = "measures"
    matrix = "matrix"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format.")
    ] = ExportFormat.csv,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="File to write; '-' or none: stdout."),
    ] = None,
    what: Annotated[
        ExportWhat, typer.Option("--what", help="csv, json, md: the measures or the matrix.")
    ] = ExportWhat.measures,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="csv for Excel in a Finnish locale: UTF-8 BOM and ';' separators."
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    actor: ActorOpt = None,
    role: RoleOpt = None,
    goal: GoalOpt = None,
    pending: PendingOpt = None,
    search: SearchOpt = None,
    original: OriginalOpt = False,
) -> None:
    """Export the measures (or the matrix) for a planning meeting: csv, json, md, xlsx, html."""
    import datetime as dt
    from pathlib import Path

    from digivisio_cli.formats import FORMATS, RenderContext
    from digivisio_cli.output import write_atomic
    from digivisio_cli.views import export_sections, matrix_view, measures_view

    opts = _opts(ctx)
    dataset = _dataset(opts)
    found = _filtered(dataset, opts, actor, role, goal, pending, search)
    generated = dt.date.today().isoformat()
    if fmt in (ExportFormat.xlsx, ExportFormat.html):
        sections = export_sections(dataset, found, opts.lang, original, generated)
    elif what is ExportWhat.matrix:
        sections = [matrix_view(dataset, found, opts.lang)]
    else:
        sections = [measures_view(dataset, found, opts.lang, original)]
    spec = FORMATS[fmt.value]
    rendered = spec.render(
        sections, RenderContext(lang=opts.lang, excel=excel, generated=generated)
    )
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if output in (None, "-"):
        if spec.binary and _stdout_is_terminal():
            raise UsageError("binary_to_terminal", format=fmt.value)
        write_stdout(data)
        return
    assert output is not None
    write_atomic(Path(output), data, force=force)
    print(message("wrote", opts.lang, path=output), file=sys.stderr)


#: The argument of ``diff`` that names the bundled data file (a file called so: ``./bundled``).
BUNDLED = "bundled"
#: The argument of ``diff`` that reads a data file from standard input.
STDIN = "-"

_DIFF_FILE_HELP = f"Data file; '{BUNDLED}' for the bundled data, '{STDIN}' for standard input."
OldArg = Annotated[str, typer.Argument(metavar="OLD", help=_DIFF_FILE_HELP, show_default=False)]
NewArg = Annotated[str, typer.Argument(metavar="NEW", help=_DIFF_FILE_HELP, show_default=False)]


def _diff_input(arg: str) -> Dataset:
    """A data file named on ``diff``'s command line, loaded and validated.

    The loader's error is re-raised as :class:`DiffInputError`: the same report, but exit 2, as
    ``diff`` keeps 1 for "the files differ".
    """
    from pathlib import Path

    from digivisio_cli.errors import DiffInputError
    from digivisio_cli.loader import bundled_data_path, load, parse, read_stream

    try:
        if arg == STDIN:
            return parse(read_stream(sys.stdin.buffer, STDIN), STDIN)
        # A Path, so that an empty argument is an error, not "the default data file".
        return load(bundled_data_path() if arg == BUNDLED else Path(arg))
    except DataFileError as exc:
        raise DiffInputError(exc) from exc


@app.command("diff")
def diff_command(ctx: typer.Context, old: OldArg, new: NewArg, fmt: FormatOpt = None) -> None:
    """Compare two versions of the data: measures added, removed and changed, who gained or lost.

    Exit 0 when they hold the same data, 1 when they differ, 2 on trouble (as diff does).
    """
    from digivisio_cli.diff import compare
    from digivisio_cli.diffview import diff_view

    opts = _opts(ctx)
    if old == new == STDIN:
        raise UsageError("diff_stdin_twice")
    result = compare(_diff_input(old), _diff_input(new))
    emit(opts, diff_view(result, opts.lang, old, new), fmt)
    if not result.same:
        # Differing is an answer, not an error: the output is written, so nothing is reported on
        # stderr, and the code leaves through Click's ordinary exit, which run() returns as is.
        raise typer.Exit(ExitCode.DIFFERENT)


# --- the one place where errors become exit codes ------------------------------------------


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; turn every error into a message on stderr and an exit code."""
    command = typer.main.get_command(app)
    args = hoist_global_options(sys.argv[1:] if argv is None else list(argv))
    try:
        command.main(args=args, prog_name="digivisio", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except DigivisioError as exc:
        _report(exc, _lang_from_argv(args))
        return int(exc.exit_code)
    except (ReaderGone, BrokenPipeError):
        _quiet_broken_pipe()
        return 0
    except KeyboardInterrupt:
        print(message("interrupted", _lang_from_argv(args)), file=sys.stderr)
        return 130
    finally:
        _thaw()
    return int(ExitCode.OK)


def _thaw() -> None:
    global _froze_data
    if _froze_data:
        import gc

        gc.unfreeze()
        _froze_data = False


_GLOBAL_WITH_VALUE = ("--lang", "-l", "--data")
_GLOBAL_FLAGS = ("--no-color",)


def hoist_global_options(args: list[str]) -> list[str]:
    """Move global options typed after the command to the front.

    People write ``digivisio who-owns 3.2.2 --lang fi``; Click only accepts group options before
    the command. Anything after ``--`` is left alone.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    seen_command = False
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if not arg.startswith("-"):
            seen_command = True
        if seen_command and arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front.extend(args[i : i + 2])
            i += 2
            continue
        if seen_command and (
            (arg.split("=", 1)[0] in ("--lang", "--data") and "=" in arg) or arg in _GLOBAL_FLAGS
        ):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _report(exc: DigivisioError, lang: str) -> None:
    prefix = "digivisio: "
    for i, line in enumerate(exc.lines(lang)):
        # A data-file report starts each line with file:line already.
        first = i == 0 and not isinstance(exc, DataFileError)
        print((prefix if first else "") + line, file=sys.stderr)


def _lang_from_argv(argv: list[str] | None) -> str:
    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg in ("--lang", "-l") and i + 1 < len(args) and args[i + 1] in ("fi", "sv", "en"):
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("fi", "sv", "en"):
            return arg[7:]
    return detect_lang()


def _quiet_broken_pipe() -> None:
    # The reader went away (``| head``): point stdout at devnull so the interpreter's final
    # flush does not complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
