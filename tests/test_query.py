"""Query functions on the small fixture."""

from __future__ import annotations

import pytest

from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.query import (
    Filters,
    count_by_agency,
    filter_measures,
    fold,
    has_prefix,
    matrix,
    normalize_id,
    resolve,
    resolve_agency,
)
from digivisio_cli.errors import UnknownNameError


def ids(measures: object) -> list[str]:
    return [m.id for m in measures]  # type: ignore[attr-defined]


@pytest.mark.parametrize("typed", ["3.1.1", " 3.1.1 ", "3.1.1.", "３.１.１", "3.1.1\u200f"])
def test_ids_are_accepted_as_people_type_them(small: Dataset, typed: str) -> None:
    assert resolve(small, typed).id == "3.1.1"


def test_resolve_goal_theme_measure_and_section(small: Dataset) -> None:
    assert ids(resolve(small, "3.1.1").measures) == ["3.1.1.1", "3.1.1.2", "3.1.1.4"]
    assert resolve(small, "3.1").kind == "theme"
    assert ids(resolve(small, "3.1").measures) == [
        "3.1.1.1",
        "3.1.1.2",
        "3.1.1.4",
        "3.1.2.1",
        "3.1.2.2",
    ]
    assert resolve(small, "3.1.2.2").kind == "measure"
    assert resolve(small, "3").kind == "section"
    assert len(resolve(small, "3").measures) == 6


def test_unknown_id_suggests_close_and_nearby_ids(small: Dataset) -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve(small, "3.1.3")
    assert "3.1.1" in info.value.suggestions
    assert info.value.valid == ["3.1.1", "3.1.2"]


def test_prefix_matches_by_component() -> None:
    assert has_prefix("3.1.1", "3.1")
    assert not has_prefix("3.10.1", "3.1")
    assert normalize_id(" 3.2. ") == "3.2"


@pytest.mark.parametrize(
    "name",
    [
        "OPH",
        "oph",
        "Opetushallitus",
        "utbildningsstyrelsen",
        "EDUFI",
        "Finnish National Agency for Education",
        " opetushallitus ",
    ],
)
def test_agency_answers_to_every_official_name(small: Dataset, name: str) -> None:
    assert resolve_agency(small, name).code == "OPH"


def test_agency_names_are_diacritic_insensitive(small: Dataset) -> None:
    assert resolve_agency(small, "opetus- ja kulttuuriministerio").code == "OKM"


def test_unknown_agency_suggests(small: Dataset) -> None:
    with pytest.raises(UnknownNameError) as info:
        resolve_agency(small, "OPHH")
    assert info.value.suggestions == ["OPH"]


def test_actor_filter_takes_either_role_by_default(small: Dataset) -> None:
    assert ids(filter_measures(small, Filters(actor="OPH"))) == [
        "3.1.1.1",
        "3.1.1.2",
        "3.1.2.2",
        "3.10.1.1",
    ]
    assert ids(filter_measures(small, Filters(actor="OPH", role="partner"))) == ["3.1.1.1"]
    assert ids(filter_measures(small, Filters(actor="OPH", role="responsible"))) == [
        "3.1.1.2",
        "3.1.2.2",
        "3.10.1.1",
    ]


def test_goal_filter_never_matches_3_10_for_3_1(small: Dataset) -> None:
    assert "3.10.1.1" not in ids(filter_measures(small, Filters(goal="3.1")))
    assert ids(filter_measures(small, Filters(goal="3.10"))) == ["3.10.1.1"]


def test_pending_filter(small: Dataset) -> None:
    assert ids(filter_measures(small, Filters(pending=True))) == ["3.1.1.4", "3.10.1.1"]
    assert len(filter_measures(small, Filters(pending=False))) == 4


def test_search_is_case_and_diacritic_insensitive_over_translations(small: Dataset) -> None:
    assert ids(filter_measures(small, Filters(search="KEHITETAAN"))) == ["3.1.1.4"]
    assert ids(filter_measures(small, Filters(search="architecture"))) == ["3.1.1.1"]
    assert ids(filter_measures(small, Filters(search="| put"))) == ["3.1.1.2"]
    assert fold("Ärsyttävä") == "arsyttava"


def test_filters_combine(small: Dataset) -> None:
    assert ids(filter_measures(small, Filters(actor="okm", pending=True))) == ["3.10.1.1"]


def test_counts_and_matrix(small: Dataset) -> None:
    counts, none = count_by_agency(small, small.measures)
    assert [(c.code, c.responsible, c.partner, c.pending) for c in counts] == [
        ("OKM", 2, 1, 1),
        ("OPH", 3, 1, 1),
        ("Karvi", 1, 0, 0),
    ]
    assert none == 1
    rows = matrix(small)
    assert [(r.goal.id, r.total, r.no_agency) for r in rows] == [
        ("3.1.1", 3, 1),
        ("3.1.2", 2, 0),
        ("3.10.1", 1, 0),
    ]


def test_bundled_who_owns_3_2_2_has_six_measures(bundled: Dataset) -> None:
    sel = resolve(bundled, "3.2.2")
    assert len(sel.measures) == 6
    assert {c for m in sel.measures for c in m.agencies()} == {"OKM", "OPH"}


def test_bundled_pending_and_karvi(bundled: Dataset) -> None:
    assert ids(filter_measures(bundled, Filters(pending=True))) == ["3.3.2.3", "3.3.2.4", "3.3.2.5"]
    assert ids(filter_measures(bundled, Filters(actor="karvi"))) == ["3.1.2.4"]
