"""The status log's file schema, as Pydantic reads it: imported only when a log is parsed.

The domain gets :class:`~digivisio_cli.domain.status.StatusEntry` values; these dataclasses say
what the file must spell, with ``extra="forbid"`` so that an unknown key is an error.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Literal

# NOTE: a plain dict, not pydantic.ConfigDict, so that importing this module stays cheap.
_STRICT = {"extra": "forbid", "str_strip_whitespace": False}


@dataclass(frozen=True)
class EntryFile:
    """An entry as the file must spell it (Pydantic reads this; the domain gets StatusEntry)."""

    __pydantic_config__ = _STRICT
    measure: str
    date: _dt.date
    state: Literal["not-started", "in-progress", "done", "on-hold", "dropped"] | None = None
    health: Literal["on-track", "at-risk", "off-track"] | None = None
    due: _dt.date | None = None
    owner: str | None = None
    link: str | None = None
    note: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class LogFile:
    """The file as a whole."""

    __pydantic_config__ = _STRICT
    schema_version: Literal[1]
    entries: tuple[EntryFile, ...]
