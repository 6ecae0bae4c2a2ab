"""How succession and ``--as-of`` read in a view: marks, notes and agency cells, in fi/sv/en.

The views call these so that every command says the same thing the same way: an agency that has a
successor is marked ``Karvi: successor OPH from 2026-01-01``; as of a date, a merged agency is shown
as ``OPH (Karvi)`` and a note names the successions applied.
"""

from __future__ import annotations

from collections.abc import Iterable

from digivisio_cli.domain.model import Agency, Dataset
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.i18n import message
from digivisio_cli.settings import Lang


def successor_cell(agency: Agency, lang: Lang) -> str | None:
    """``OPH from 2026-01-01`` for an agency with a successor, else None."""
    if agency.successor is None:
        return None
    succession = agency.successor
    return message(
        "successor_since",
        lang,
        successor=_short(agency, succession.agency, lang),
        since=succession.since.isoformat(),
    )


def _short(agency: Agency, code: str, lang: Lang) -> str:
    # The successor is named by its code; only the agency itself knows its own short names.
    return agency.short(lang) if code == agency.code else code


def successor_marks(
    dataset: Dataset, codes: Iterable[str], lang: Lang, as_of: AsOf | None = None
) -> list[str]:
    """A mark for each of ``codes`` that has a successor (once each, in order), leaving out those
    already merged as of ``as_of``: the as-of note names them."""
    out: list[str] = []
    for code in dict.fromkeys(codes):
        agency = dataset.agency(code)
        if agency is None or agency.successor is None:
            continue
        if as_of is not None and as_of.is_merged(code):
            continue
        succession = agency.successor
        out.append(
            message(
                "successor_mark",
                lang,
                code=dataset.short(code, lang),
                successor=dataset.short(succession.agency, lang),
                since=succession.since.isoformat(),
            )
        )
    return out


def as_of_note(as_of: AsOf, lang: Lang) -> str:
    """Which successions an as-of answer applied, or that none did."""
    date = as_of.date.isoformat()
    merged = as_of.merged()
    if not merged:
        return message("as_of_unchanged", lang, date=date)
    items = "; ".join(
        message(
            "as_of_item",
            lang,
            code=code,
            successor=as_of.of(code),
            since=as_of.since[code].isoformat() if code in as_of.since else "?",
        )
        for code in merged
    )
    return message("as_of_applied", lang, date=date, items=items)


def as_of_title(title: str, as_of: AsOf | None, lang: Lang) -> str:
    """``title`` with the date it answers for, when it answers as of one."""
    if as_of is None:
        return title
    return message("as_of_title", lang, title=title, date=as_of.date.isoformat())


def shown(
    dataset: Dataset, codes: Iterable[str], as_of: AsOf | None, lang: Lang = "en"
) -> list[str]:
    """Agency codes as a person reads them: as published (UKM for OKM in Swedish), or
    ``OPH (Karvi)`` as of a date."""
    if as_of is None:
        return [dataset.short(c, lang) for c in codes]
    return [_as_of_shown(dataset, c, as_of, lang) for c in codes]


def _as_of_shown(dataset: Dataset, code: str, as_of: AsOf, lang: Lang) -> str:
    carrier = as_of.of(code)
    if carrier == code:
        return dataset.short(code, lang)
    return f"{dataset.short(carrier, lang)} ({dataset.short(code, lang)})"
