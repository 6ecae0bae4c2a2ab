"""Errors turned into lines for the user, in the user's language: the one place that does it."""

from __future__ import annotations

from digivisio_cli.errors import (
    MAX_SHOWN,
    DataFileError,
    DigivisioError,
    ImportRefused,
    SheetProblem,
    UnknownNameError,
)
from digivisio_cli.i18n import message
from digivisio_cli.settings import Lang
from digivisio_cli.text import printable, quoted

PREFIX = "digivisio: "


def error_lines(exc: DigivisioError, lang: Lang = "en") -> list[str]:
    """What to print on stderr for ``exc``: one screen line per item, in ``lang``."""
    if isinstance(exc, DataFileError):
        # One line per problem, capped so that the report fits one screen, then a summary. Each
        # line starts with file:line already.
        shown = [str(p) for p in exc.problems[:MAX_SHOWN]]
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
            lines.append(message("did_you_mean", lang, options=", ".join(exc.suggestions)))
        if exc.valid:
            lines.append(message("valid_choices", lang, options=", ".join(exc.valid)))
    return lines


def sheet_problem_line(problem: SheetProblem, lang: Lang = "en") -> str:
    """``Tracking!E12: unknown state 'Donne'; did you mean 'done'?``, in ``lang``."""
    text = message(problem.key, lang, **dict(problem.params))
    if problem.suggestions:
        options = ", ".join(quoted(s) for s in problem.suggestions)
        text += message("imp_suggest", lang, options=options)
    return f"{printable(problem.place)}: {text}"
