"""Agency succession: which agency carries another's measures as of a date.

Pure functions over the model: no I/O, no Typer, Rich, YAML or Pydantic. An agency may have one
successor from a date (``Agency.successor``); a successor may have its own. As of a date, a code
resolves through every succession dated on or before it. The data rules refuse cycles, unknown
successors and successions out of order; the functions here still stop at a repeated code, so that
no data can make them loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from digivisio_cli.domain.model import Agency, Dataset, Measure


def successor_chain(
    agencies: Mapping[str, Agency], code: str, on: dt.date | None = None
) -> tuple[str, ...]:
    """``code``, its successor, that one's successor … as far as successions dated on or before
    ``on`` reach (all of them when ``on`` is None). Stops before a code would repeat."""
    chain = [code]
    seen = {code}
    agency = agencies.get(code)
    while agency is not None and agency.successor is not None:
        succession = agency.successor
        if on is not None and succession.since > on:
            break
        if succession.agency in seen:
            # A cycle: the loader refuses one; stop rather than go round it for ever.
            break
        chain.append(succession.agency)
        seen.add(succession.agency)
        agency = agencies.get(succession.agency)
    return tuple(chain)


def find_cycle(successors: Mapping[str, str]) -> tuple[str, ...] | None:
    """The first cycle among ``code → successor code`` links, as its codes in order, or None.

    ``{"A": "B", "B": "A"}`` gives ``("A", "B")``; a code that is its own successor, ``("A",)``.
    The codes are visited in the mapping's order, so the answer is the same on every run.
    """
    done: set[str] = set()
    for start in successors:
        path: list[str] = []
        on_path: dict[str, int] = {}
        code: str | None = start
        while code is not None and code not in done:
            if code in on_path:
                return tuple(path[on_path[code] :])
            on_path[code] = len(path)
            path.append(code)
            code = successors.get(code)
        done.update(path)
    return None


@dataclass(frozen=True)
class AsOf:
    """The agencies as of a date: every declared code and the code that carries its measures then.

    ``carrier`` maps each declared code to itself or to its successor as of ``date``; ``since``
    gives, for a code that maps elsewhere, the date its own succession took effect.
    """

    date: dt.date
    carrier: Mapping[str, str]
    since: Mapping[str, dt.date] = field(default_factory=dict)

    def of(self, code: str) -> str:
        """The code that carries ``code``'s measures as of the date."""
        return self.carrier.get(code, code)

    def is_merged(self, code: str) -> bool:
        """Whether ``code``'s measures are carried by another agency as of the date."""
        return self.of(code) != code

    def merged(self) -> tuple[str, ...]:
        """The codes, in declaration order, whose measures another agency carries by then."""
        return tuple(code for code, carrier in self.carrier.items() if carrier != code)

    def current(self, agencies: Iterable[Agency]) -> list[Agency]:
        """``agencies`` without those merged by the date, in their order."""
        return [a for a in agencies if not self.is_merged(a.code)]

    def roles(self, measure: Measure) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The measure's responsible and partner codes as of the date, without repeats.

        An agency that would be both (its own partner, after a merger) counts once, as
        responsible: the stronger role.
        """
        responsible = tuple(dict.fromkeys(self.of(c) for c in measure.responsible))
        partners = tuple(
            dict.fromkeys(p for p in (self.of(c) for c in measure.partners) if p not in responsible)
        )
        return responsible, partners

    def shown(self, code: str) -> str:
        """How a person sees ``code`` as of the date: ``OPH (Karvi)`` for a merged one."""
        carrier = self.of(code)
        return code if carrier == code else f"{carrier} ({code})"


def agencies_as_of(dataset: Dataset, date: dt.date) -> AsOf:
    """The agencies of ``dataset`` as of ``date`` (see :class:`AsOf`)."""
    by_code = {a.code: a for a in dataset.agencies}
    carrier: dict[str, str] = {}
    since: dict[str, dt.date] = {}
    for agency in dataset.agencies:
        carrier[agency.code] = successor_chain(by_code, agency.code, date)[-1]
        if carrier[agency.code] != agency.code and agency.successor is not None:
            since[agency.code] = agency.successor.since
    return AsOf(date, carrier, since)


def has_successions(dataset: Dataset) -> bool:
    """Whether any agency of ``dataset`` records a successor."""
    return any(a.successor is not None for a in dataset.agencies)
