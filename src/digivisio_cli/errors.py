"""Errors as data: one exception hierarchy, each error a message key, its parameters and an exit code.

Every layer raises these; none of them renders a message. ``app/report.py`` turns an error into
lines in the user's language, and ``app/cli.py``'s ``run()`` into the exit code: one place each.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, unique

from digivisio_cli.text import MAX_ECHO, printable, printable_path


@unique
class ExitCode(IntEnum):
    """The process exit codes, the same for every command but ``diff`` (see :class:`DiffExit`)."""

    OK = 0
    DATA = 1  # a data file or I/O problem
    USAGE = 2  # a usage error
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


@unique
class DiffExit(IntEnum):
    """``diff`` follows diff(1): 1 means the files differ, 2 trouble (usage, a file unreadable)."""

    SAME = 0
    DIFFERENT = 1
    TROUBLE = 2


#: How many problems a report lists before it summarises the rest.
MAX_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the file allows.

    ``message`` is the English wording (for logs and ``str()``); ``key`` and ``params`` let
    ``app/report.py`` word it in the user's language.
    """

    file: str
    line: int | None
    message: str
    measure: str | None = None
    key: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        file = printable_path(self.file)
        where = f"{file}:{self.line}" if self.line else file
        what = f"measure {printable(self.measure, MAX_ECHO)}: " if self.measure else ""
        return f"{where}: {what}{printable(self.message)}"


class DigivisioError(Exception):
    """Base of every error the tool reports to a user: a message key, its parameters, an exit code."""

    exit_code: int = ExitCode.DATA
    #: The message in words, once an edge has rendered it (the Python API does, so that a
    #: notebook shows it); until then ``str()`` is the key.
    text: str | None = None

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return self.text or self.key


class DataFileError(DigivisioError):
    """A data file that cannot be read or does not validate: every problem found, at once."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        #: A message key said after the report (``status set``: the log was left as it was).
        self.after: str | None = None
        super().__init__("data_invalid", path=path, count=len(problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class DiffInputError(DataFileError):
    """A file given to ``diff`` that cannot be read or does not validate: the loader's report,
    unchanged, but exit 2 — for ``diff``, 1 means "the files differ", so trouble must be 2."""

    exit_code = DiffExit.TROUBLE

    def __init__(self, error: DataFileError) -> None:
        super().__init__(error.path, error.problems)


class OutputError(DigivisioError):
    """Output could not be written (an existing file without ``--force``, a full disk…)."""


class ReaderGone(Exception):
    """The reader of stdout went away (``| head``): not an error, the command just stops.

    Deliberately not an OSError: Click turns a BrokenPipeError raised inside a command into exit
    code 1, and whether the pipe breaks inside the command or at the final flush is a race. As
    this exception, it always reaches ``run()``, which ends quietly with exit code 0.
    """


class Interrupted(Exception):
    """Ctrl-C inside a command: ``run()`` says "Interrupted." and returns 130.

    Not a KeyboardInterrupt: Typer's main() catches that and exits 130 without a word, so the
    branch of ``run()`` meant to report it was never reached.
    """


class UsageError(DigivisioError):
    """The command line asks for something that does not exist or does not make sense."""

    exit_code = ExitCode.USAGE


class UnknownNameError(UsageError):
    """An id or agency that does not exist, with the closest valid ones to suggest."""

    def __init__(self, key: str, value: str, suggestions: list[str], valid: list[str]) -> None:
        super().__init__(key, value=value)
        self.value = value
        self.suggestions = suggestions
        self.valid = valid


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong with a filled-in tracking sheet, at its place: ``Tracking!E12`` for a
    workbook's cell, ``FILE:LINE: column NAME`` for a CSV's. The message is a key and its
    parameters (rendered in the user's language in one place); ``suggestions`` are shown after
    it as "did you mean"."""

    place: str
    key: str
    params: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()


class ImportRefused(DigivisioError):
    """A tracking sheet that ``status import`` will not import: every problem (or conflict) at
    once, and nothing written."""

    def __init__(self, path: str, problems: list[SheetProblem], key: str = "imp_refused") -> None:
        self.path = path
        self.problems = problems
        super().__init__(key, path=path, count=len(problems))
