"""The one source of truth for what the CLI and the fast completion path must agree on.

Languages, the environment variables the tool reads, and the global options (``--data``,
``--lang``…) with what each takes. Standard library only: the completion path imports this
before Typer.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

#: The version (hatch reads it from here). A leaf holds it, not the package's ``__init__``,
#: because that is the Python API's facade: a layer importing it would seem to import the API.
VERSION = "0.1.0"

#: The languages the tool speaks. Finnish is the language of the source document.
Lang = Literal["fi", "sv", "en"]
LANGS: tuple[Lang, ...] = ("fi", "sv", "en")
DEFAULT_LANG: Lang = "en"

#: Environment variables.
ENV_DATA = "DIGIVISIO_DATA"
ENV_LANG = "DIGIVISIO_LANG"
ENV_STATUS = "DIGIVISIO_STATUS"
ENV_CACHE = "DIGIVISIO_CACHE"
ENV_CACHE_DIR = "DIGIVISIO_CACHE_DIR"
ENV_AS_OF = "DIGIVISIO_AS_OF"
#: The value of ``--as-of`` that means the date of the run.
AS_OF_TODAY = "today"
#: Click's convention: the variable through which the installed completion scripts ask.
ENV_COMPLETE = "_DIGIVISIO_COMPLETE"


class GlobalOption(NamedTuple):
    """An option of the program itself (before the command, or hoisted from after it)."""

    names: tuple[str, ...]
    takes_value: bool
    #: May be typed after the command too (``digivisio who-owns 3.2.2 --lang fi``).
    hoisted: bool = True


GLOBAL_OPTIONS: tuple[GlobalOption, ...] = (
    GlobalOption(("--data",), takes_value=True),
    GlobalOption(("--status",), takes_value=True),
    GlobalOption(("--lang", "-l"), takes_value=True),
    GlobalOption(("--as-of",), takes_value=True),
    GlobalOption(("--no-color",), takes_value=False),
    GlobalOption(("--version",), takes_value=False, hoisted=False),
    GlobalOption(("--install-completion",), takes_value=False, hoisted=False),
    GlobalOption(("--show-completion",), takes_value=False, hoisted=False),
)


def option_names(*, takes_value: bool, hoisted_only: bool = False) -> frozenset[str]:
    """The names of the global options that take a value (or are flags), optionally hoistable."""
    return frozenset(
        name
        for option in GLOBAL_OPTIONS
        if option.takes_value == takes_value and (option.hoisted or not hoisted_only)
        for name in option.names
    )
