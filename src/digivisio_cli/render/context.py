"""What a format needs to know about where its output goes."""

from __future__ import annotations

from dataclasses import dataclass, field

from digivisio_cli.settings import Lang


@dataclass(frozen=True)
class RenderContext:
    """What a format needs to know about where its output goes."""

    lang: Lang = "en"
    color: bool = False
    width: int = 100
    excel: bool = False  # csv: the dialect a Finnish Excel opens with a double-click
    generated: str = ""  # export date, for formats that record it
    #: What a format had to change to fit its medium (an overlong cell cut short), as message
    #: keys with their parameters: the format stays pure, the command line says them.
    warnings: list[tuple[str, dict[str, object]]] = field(default_factory=list)
