"""Errors turned into lines for the user, in the user's language: the one place that does it."""

from __future__ import annotations

from digivisio_cli.errors import (
    MAX_SHOWN,
    DataFileError,
    DigivisioError,
    ImportRefused,
    Problem,
    SheetProblem,
    UnknownNameError,
)
from digivisio_cli.i18n import label, message
from digivisio_cli.settings import Lang
from digivisio_cli.text import MAX_ECHO, printable, printable_path, quoted

PREFIX = "digivisio: "
#: How many suggestions or valid choices a message lists.
MAX_LISTED = 10


def problem_line(problem: Problem, lang: Lang) -> str:
    """``file:line: measure 3.1.2.4: what is wrong``, worded in ``lang``."""
    if problem.key is None or lang == "en":
        return str(problem)  # the English wording, as the problem was made
    file = printable_path(problem.file)
    where = f"{file}:{problem.line}" if problem.line else file
    what = (
        f"{label('kind_measure', lang)} {printable(problem.measure, MAX_ECHO)}: "
        if problem.measure
        else ""
    )
    return f"{where}: {what}{printable(message(problem.key, lang, **dict(problem.params)))}"


def error_lines(exc: DigivisioError, lang: Lang = "en") -> list[str]:
    """What to print on stderr for ``exc``: one screen line per item, in ``lang``."""
    if isinstance(exc, DataFileError):
        # One line per problem, capped so that the report fits one screen, then a summary. Each
        # line starts with file:line already.
        shown = [problem_line(p, lang) for p in exc.problems[:MAX_SHOWN]]
        if len(exc.problems) > MAX_SHOWN:
            shown.append(message("more_problems", lang, count=len(exc.problems) - MAX_SHOWN))
        after = [message(exc.after, lang, path=exc.path)] if exc.after else []
        return [*shown, message(exc.key, lang, **exc.params), *after]
    if isinstance(exc, ImportRefused):
        lines = [sheet_problem_line(p, lang) for p in exc.problems[:MAX_SHOWN]]
        if len(exc.problems) > MAX_SHOWN:
            lines.append(message("more_problems", lang, count=len(exc.problems) - MAX_SHOWN))
        return [*lines, message(exc.key, lang, **exc.params)]
    lines = [PREFIX + message(exc.key, lang, **exc.params)]
    if isinstance(exc, UnknownNameError):
        if exc.suggestions:
            options = ", ".join(printable(s) for s in exc.suggestions[:MAX_LISTED])
            lines.append(message("did_you_mean", lang, options=options))
        if exc.valid:
            # A file of 10,000 agencies gets a few of them, and how many more there are.
            listed = ", ".join(printable(v) for v in exc.valid[:MAX_LISTED])
            more = len(exc.valid) - MAX_LISTED
            if more > 0:
                lines.append(message("valid_choices_more", lang, options=listed, count=more))
            else:
                lines.append(message("valid_choices", lang, options=listed))
    return lines


def sheet_problem_line(problem: SheetProblem, lang: Lang = "en") -> str:
    """``Tracking!E12: unknown state 'Donne'; did you mean 'done'?``, in ``lang``."""
    text = message(problem.key, lang, **dict(problem.params))
    if problem.suggestions:
        options = ", ".join(quoted(s) for s in problem.suggestions)
        text += message("imp_suggest", lang, options=options)
    return f"{printable(problem.place)}: {text}"
