"""What a format needs to know about where its output goes."""

from __future__ import annotations

from dataclasses import dataclass

from digivisio_cli.settings import Lang


@dataclass(frozen=True)
class RenderContext:
    """What a format needs to know about where its output goes."""

    lang: Lang = "en"
    color: bool = False
    width: int = 100
    excel: bool = False  # csv: the dialect a Finnish Excel opens with a double-click
    generated: str = ""  # export date, for formats that record it
