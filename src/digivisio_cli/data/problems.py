"""A data file's problem worded by key: English for logs and ``str()``, the key for the user.

Every layer that finds a problem in a data file builds it here, so that ``app/report.py`` can
show it in the user's language (``toimenpide 3.1.2.4: responsible: tuntematon toimija 'KARVI'``).
"""

from __future__ import annotations

from digivisio_cli.errors import Problem
from digivisio_cli.i18n import message
from digivisio_cli.settings import DEFAULT_LANG


def problem(
    file: str, line: int | None, key: str, measure: str | None = None, /, **params: object
) -> Problem:
    """The problem ``key`` (a message of :mod:`digivisio_cli.strings`) at ``file:line``."""
    # DEFAULT_LANG is English, the messages' own language: no catalog is read for it.
    english = message(key, DEFAULT_LANG, **params)
    return Problem(file, line, english, measure, key, tuple(params.items()))
