"""The rules of agency succession (``agencies[].successor``) that the schema cannot express.

They run on the raw data once every agency is declared (a successor may be declared after the
agency it succeeds): the successor is a declared agency and not the agency itself; the date is not
before the document's publication; the successions form no cycle; and no agency is handed to a
successor that was itself succeeded by then. The schema has already refused a date that is no
date and a successor that is not a mapping; these rules skip such values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from typing import Any

from digivisio_cli.data.schema import Locator
from digivisio_cli.domain.succession import find_cycle
from digivisio_cli.errors import Problem
from digivisio_cli.text import quoted as _q


def _date(value: Any) -> dt.date | None:
    # A date and time is not what `since` means; the schema reports it. Only plain dates here.
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def _successions(raw: dict[str, Any]) -> dict[str, tuple[int, str, dt.date | None]]:
    """Each agency code with a well-formed successor: its position, the successor, the date."""
    out: dict[str, tuple[int, str, dt.date | None]] = {}
    agencies = raw.get("agencies")
    for i, agency in enumerate(agencies if isinstance(agencies, list) else []):
        if not isinstance(agency, dict):
            continue
        code, successor = agency.get("code"), agency.get("successor")
        if isinstance(code, str) and isinstance(successor, dict):
            target = successor.get("agency")
            if isinstance(target, str):
                out.setdefault(code, (i, target, _date(successor.get("since"))))
    return out


def successions_are_sound(
    raw: dict[str, Any], locate: Locator, codes: Collection[str], declared: str
) -> Iterator[Problem]:
    """Every succession names a declared other agency, after publication, with no cycle and no
    successor that was already succeeded by its date. ``codes``: the declared agency codes;
    ``declared``: them as a message lists them."""
    links = _successions(raw)
    document = raw.get("document")
    published = _date(document.get("published")) if isinstance(document, dict) else None
    for code, (i, target, since) in links.items():
        at = ("agencies", i, "successor")
        if target == code:
            yield locate.problem((*at, "agency"), "p_succeeds_itself", code=_q(code))
        elif target not in codes:
            yield locate.problem(
                (*at, "agency"),
                "p_unknown_successor",
                code=_q(code),
                target=_q(target),
                declared=declared,
            )
        if since is not None and published is not None and since < published:
            yield locate.problem(
                (*at, "since"),
                "p_succession_too_early",
                code=_q(code),
                since=since.isoformat(),
                published=published.isoformat(),
            )
    known = {code: target for code, (_, target, _) in links.items() if target != code}
    cycle = find_cycle({c: t for c, t in known.items() if t in codes})
    if cycle:
        first = min(cycle, key=lambda c: links[c][0])
        ring = " → ".join(_q(c) for c in (*cycle, cycle[0]))
        yield locate.problem(
            ("agencies", links[first][0], "successor", "agency"),
            "p_succession_cycle",
            code=_q(first),
            ring=ring,
        )
    on_cycle = set(cycle or ())
    for code, (i, target, since) in links.items():
        if code in on_cycle or target == code or target not in links or since is None:
            continue
        _, further, then = links[target]
        if then is not None and then <= since:
            yield locate.problem(
                ("agencies", i, "successor", "since"),
                "p_successor_succeeded",
                code=_q(code),
                target=_q(target),
                further=_q(further),
                then=then.isoformat(),
                since=since.isoformat(),
            )
