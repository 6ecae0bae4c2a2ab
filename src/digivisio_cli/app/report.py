"""Errors turned into lines for the user, in the user's language: the one place that does it."""

from __future__ import annotations

from digivisio_cli.errors import MAX_SHOWN, DataFileError, DigivisioError, UnknownNameError
from digivisio_cli.i18n import message
from digivisio_cli.settings import Lang
from digivisio_cli.text import printable

PREFIX = "digivisio: "
#: How many suggestions or valid choices a message lists.
MAX_LISTED = 10


def error_lines(exc: DigivisioError, lang: Lang = "en") -> list[str]:
    """What to print on stderr for ``exc``: one screen line per item, in ``lang``."""
    if isinstance(exc, DataFileError):
        # One line per problem, capped so that the report fits one screen, then a summary. Each
        # line starts with file:line already.
        shown = [str(p) for p in exc.problems[:MAX_SHOWN]]
        if len(exc.problems) > MAX_SHOWN:
            shown.append(message("more_problems", lang, count=len(exc.problems) - MAX_SHOWN))
        return [*shown, message(exc.key, lang, **exc.params)]
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
