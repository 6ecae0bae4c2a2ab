"""One exception hierarchy for everything that can go wrong, and the exit codes it maps to.

Domain code raises these; only the CLI's entry point turns them into a message and an exit code.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum

#: The longest value (an id, a key, an agency code, a path) a message repeats back in full.
MAX_ECHO = 64

# Unicode categories never shown raw: controls, formats (bidi overrides), surrogates, private
# use, unassigned, and the line and paragraph separators.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str, limit: int | None = None) -> str:
    """``text`` made safe to show in a terminal message.

    Control, format (right-to-left overrides, zero-width marks) and line-separator characters are
    shown as ``\\uXXXX`` escapes, so that a value from a file or the command line can neither
    recolour the terminal nor reorder or split the line it is shown in. With ``limit``, a longer
    text is cut there and ends in ``…``.
    """
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _UNSAFE else ch for ch in text
    )


class ExitCode(IntEnum):
    """The process exit codes, the same for every command."""

    OK = 0
    DATA = 1  # a data file or I/O problem
    USAGE = 2  # a usage error
    # ``diff`` follows diff(1): 1 means the files differ, 2 trouble (usage, a file unreadable).
    DIFFERENT = 1
    TROUBLE = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located as precisely as the file allows."""

    file: str
    line: int | None
    message: str
    measure: str | None = None

    def __str__(self) -> str:
        file = printable(self.file)
        where = f"{file}:{self.line}" if self.line else file
        what = f"measure {printable(self.measure, MAX_ECHO)}: " if self.measure else ""
        return f"{where}: {what}{printable(self.message)}"


class DigivisioError(Exception):
    """Base of every error the tool reports to a user; carries its exit code.

    The message is a key into the message catalogue (:mod:`digivisio_cli.i18n`) with its
    parameters, so that it is rendered in the user's language at the edge.
    """

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def lines(self, lang: str = "en") -> list[str]:
        """The message in ``lang``, one screen line per item."""
        from digivisio_cli.i18n import message

        return [message(self.key, lang, **self.params)]


class DataFileError(DigivisioError):
    """A data file that cannot be read or does not validate: every problem found, at once."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("data_invalid", path=path, count=len(problems))

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def lines(self, lang: str = "en") -> list[str]:
        """One line per problem, capped so that the report fits one screen, then a summary."""
        from digivisio_cli.i18n import message

        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            shown.append(message("more_problems", lang, count=len(self.problems) - MAX_SHOWN))
        return [*shown, *super().lines(lang)]


class DiffInputError(DataFileError):
    """A file given to ``diff`` that cannot be read or does not validate: the loader's report,
    unchanged, but exit 2 — for ``diff``, 1 means "the files differ", so trouble must be 2."""

    exit_code = ExitCode.TROUBLE

    def __init__(self, error: DataFileError) -> None:
        super().__init__(error.path, error.problems)


#: How many problems a report lists before it summarises the rest.
MAX_SHOWN = 20


class OutputError(DigivisioError):
    """Output could not be written (an existing file without ``--force``, a full disk…)."""


class ReaderGone(Exception):
    """The reader of stdout went away (``| head``): not an error, the command just stops.

    Deliberately not an OSError: Click turns a BrokenPipeError raised inside a command into exit
    code 1, and whether the pipe breaks inside the command or at the final flush is a race. As
    this exception, it always reaches ``run()``, which ends quietly with exit code 0.
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

    def lines(self, lang: str = "en") -> list[str]:
        """The message, then 'did you mean …' and the valid choices, each on a line."""
        from digivisio_cli.i18n import message

        out = super().lines(lang)
        if self.suggestions:
            out.append(message("did_you_mean", lang, options=", ".join(self.suggestions)))
        if self.valid:
            out.append(message("valid_choices", lang, options=", ".join(self.valid)))
        return out
