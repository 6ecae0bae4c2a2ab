"""Succession in the domain: resolving an agency as of a date, chains, cycles, roles."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from digivisio_cli.domain.model import Agency, Dataset, Measure, Names, Succession
from digivisio_cli.domain.query import Filters, count_by_agency, filter_measures
from digivisio_cli.domain.succession import AsOf, agencies_as_of, find_cycle, successor_chain

D2026 = dt.date(2026, 1, 1)


def agency(code: str, to: str | None = None, since: dt.date = D2026) -> Agency:
    successor = Succession(agency=to, since=since, source="test") if to else None
    return Agency(code=code, names=Names(fi=code, sv=code, en=code), successor=successor)


def by_code(*agencies: Agency) -> dict[str, Agency]:
    return {a.code: a for a in agencies}


def measure(responsible: tuple[str, ...], partners: tuple[str, ...] = ()) -> Measure:
    return Measure(
        id="3.1.1.1",
        goal="3.1.1",
        text="x",
        responsible=responsible,
        partners=partners,
        pending=False,
    )


def test_an_agency_without_successor_is_its_own_chain() -> None:
    assert successor_chain(by_code(agency("OPH")), "OPH", D2026) == ("OPH",)


def test_a_succession_applies_from_its_first_day() -> None:
    agencies = by_code(agency("Karvi", "OPH"), agency("OPH"))
    assert successor_chain(agencies, "Karvi", D2026 - dt.timedelta(days=1)) == ("Karvi",)
    assert successor_chain(agencies, "Karvi", D2026) == ("Karvi", "OPH")


def test_without_a_date_the_whole_chain_is_followed() -> None:
    agencies = by_code(
        agency("A", "B", dt.date(2026, 1, 1)), agency("B", "C", dt.date(2030, 1, 1)), agency("C")
    )
    assert successor_chain(agencies, "A") == ("A", "B", "C")
    assert successor_chain(agencies, "A", dt.date(2027, 1, 1)) == ("A", "B")


def test_a_cycle_stops_the_chain_instead_of_looping() -> None:
    agencies = by_code(agency("A", "B"), agency("B", "A"))
    assert successor_chain(agencies, "A", D2026) == ("A", "B")


def test_a_successor_that_is_not_declared_ends_the_chain() -> None:
    assert successor_chain(by_code(agency("A", "Z")), "A", D2026) == ("A", "Z")


def test_find_cycle_names_the_codes_around_it() -> None:
    assert find_cycle({"A": "B", "B": "C", "C": "B"}) == ("B", "C")
    assert find_cycle({"A": "A"}) == ("A",)
    assert find_cycle({"Karvi": "OPH"}) is None


@given(st.dictionaries(st.sampled_from("ABCDEF"), st.sampled_from("ABCDEF")))
def test_find_cycle_finds_a_cycle_exactly_when_one_exists(links: dict[str, str]) -> None:
    found = find_cycle(links)

    # Brute force: a code that comes back to itself within len(links) steps lies on a cycle.
    def returns(code: str) -> bool:
        step = links.get(code)
        for _ in range(len(links)):
            if step is None:
                return False
            if step == code:
                return True
            step = links.get(step)
        return False

    assert (found is not None) == any(returns(c) for c in links)
    if found is not None:
        assert all(links[a] == b for a, b in zip(found, (*found[1:], found[0]), strict=True))


def test_as_of_counts_a_merged_agency_for_its_successor_once() -> None:
    view = AsOf(D2026, {"OPH": "OPH", "Karvi": "OPH"})
    assert view.roles(measure(("Karvi",))) == (("OPH",), ())
    assert view.roles(measure(("OPH", "Karvi"))) == (("OPH",), ())
    # Its own partner after the merger: the stronger role only.
    assert view.roles(measure(("OPH",), ("Karvi",))) == (("OPH",), ())
    assert view.shown("Karvi") == "OPH (Karvi)" and view.shown("OPH") == "OPH"
    assert view.merged() == ("Karvi",)


def test_before_any_succession_every_filter_answers_as_published(bundled: Dataset) -> None:
    view = agencies_as_of(bundled, D2026 - dt.timedelta(days=1))
    assert view.merged() == ()
    for agency in bundled.agencies:
        for role in (None, "responsible", "partner"):
            filters = Filters(actor=agency.code, role=role)  # type: ignore[arg-type]
            assert filter_measures(bundled, filters, view) == filter_measures(bundled, filters)
    assert count_by_agency(bundled, bundled.measures, view) == count_by_agency(
        bundled, bundled.measures
    )


def test_after_the_merger_oph_carries_its_own_and_karvis_measures(bundled: Dataset) -> None:
    view = agencies_as_of(bundled, D2026)
    assert view.merged() == ("Karvi",) and view.of("Karvi") == "OPH"
    oph = filter_measures(bundled, Filters(actor="OPH"), view)
    published = filter_measures(bundled, Filters(actor="OPH"))
    karvi = filter_measures(bundled, Filters(actor="Karvi"))
    assert oph == [m for m in bundled.measures if m in published or m in karvi]
    # Karvi is still found by its own name: the document gives it that measure.
    assert filter_measures(bundled, Filters(actor="Karvi"), view) == karvi
    counts = {c.code: c for c in count_by_agency(bundled, bundled.measures, view)[0]}
    before = {c.code: c for c in count_by_agency(bundled, bundled.measures)[0]}
    assert counts["Karvi"].responsible == 0
    assert counts["OPH"].responsible == before["OPH"].responsible + before["Karvi"].responsible
    assert counts["OKM"] == before["OKM"]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_as_of_any_date_no_measure_is_lost_or_counted_twice(bundled: Dataset, day: dt.date) -> None:
    # In the bundled data no measure names Karvi together with OPH, so merging them moves
    # Karvi's count to OPH and keeps every total.
    view = agencies_as_of(bundled, day)
    counts, none = count_by_agency(bundled, bundled.measures, view)
    published, none_before = count_by_agency(bundled, bundled.measures)
    assert none == none_before
    assert sum(c.responsible for c in counts) == sum(c.responsible for c in published)
    assert sum(c.partner for c in counts) == sum(c.partner for c in published)
    assert (counts == published) == (day < D2026)
