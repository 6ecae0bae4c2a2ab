"""The options and arguments the commands share, declared once (Typer's ``Annotated`` form).

The ``--format`` and ``--lang`` choices come from the format registry and the settings; the
completion callbacks here are asked only when :mod:`digivisio_cli.app.completion` has left a
request to Typer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from digivisio_cli.errors import UsageError
from digivisio_cli.settings import AS_OF_TODAY, LANGS


def _choices(name: str, values: Sequence[str]) -> Any:
    # Typer builds a --format or --lang choice from an Enum; this one is made from the single
    # source of the values (the format registry, the settings) rather than written out again.
    return Enum(name, [(v, v) for v in values], type=str)


if TYPE_CHECKING:
    ListingFormat = Enum
    ExportFormat = Enum
    LangChoice = Enum
else:
    from digivisio_cli.render.registry import EXPORT_FORMATS, LISTING_FORMATS

    ListingFormat = _choices("ListingFormat", LISTING_FORMATS)
    ExportFormat = _choices("ExportFormat", EXPORT_FORMATS)
    LangChoice = _choices("LangChoice", LANGS)


class RoleChoice(str, Enum):
    """The roles an agency can have in a measure."""

    responsible = "responsible"
    partner = "partner"


class ExportWhat(str, Enum):
    """What an export holds: the measures or the matrix (xlsx and html add their companions)."""

    measures = "measures"
    matrix = "matrix"


class SchemaWhat(str, Enum):
    """The document kinds whose JSON Schema ``schema`` prints."""

    data = "data"
    status = "status"


SchemaWhatOpt = Annotated[
    SchemaWhat, typer.Option("--what", help="The kind of file whose schema to print.")
]


# --- completion ----------------------------------------------------------------------------


# Typer asks these only when completion.fast_complete has left a request to it.


def _completion_data(ctx: typer.Context) -> str | None:
    data = ctx.find_root().params.get("data")
    return data if isinstance(data, str) else None


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Theme, goal and measure ids that start with what was typed."""
    from digivisio_cli.app.completion import matching_ids

    return matching_ids(incomplete, _completion_data(ctx))


def complete_actors(ctx: typer.Context, incomplete: str) -> list[str]:
    """Agency codes that start with what was typed (any case)."""
    from digivisio_cli.app.completion import matching_actors

    return matching_actors(incomplete, _completion_data(ctx))


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


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_as_of(value: str | None, today: dt.date) -> dt.date | None:
    """The date of ``--as-of``: ``YYYY-MM-DD`` or ``today`` (any case), None when not given.

    Anything else, an impossible date such as 2026-02-30 included, is a usage error. Only the
    ISO form is taken: ``1.2.2026`` means 1 February in Finland and January 2 elsewhere.
    """
    if value is None:
        return None
    text = value.strip()
    if text.lower() == AS_OF_TODAY:
        return today
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise UsageError("bad_as_of", value=value)
