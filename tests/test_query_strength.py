"""Query behaviours that mutation testing found unpinned (issue 12), tested in-process.

Each test names the behaviour; together they carry what a changed comparison, bound or
default in :mod:`digivisio_cli.domain.query` would break.
"""

from __future__ import annotations

import pytest

from conftest import SMALL
from digivisio_cli.data.matrix import parse
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.query import (
    Filters,
    all_ids,
    count_by_agency,
    filter_measures,
    fold,
    matrix,
    measure_search_text,
    normalize_id,
    resolve,
    resolve_agency,
)
from digivisio_cli.errors import UnknownNameError

VALID = SMALL.read_text(encoding="utf-8")


def ids(measures: object) -> list[str]:
    return [m.id for m in measures]  # type: ignore[attr-defined]


def _data(text: str) -> Dataset:
    return parse(text.encode("utf-8"), "test.yaml")


def _with_agencies(codes: list[str]) -> Dataset:
    extra = "".join(f"  - code: {c}\n    names: {{fi: f{c}, sv: s{c}, en: e{c}}}\n" for c in codes)
    return _data(VALID.replace("agencies:\n", "agencies:\n" + extra, 1))


def _with_measures(goal: str, numbers: list[str]) -> Dataset:
    extra = "".join(
        f'  - id: "{goal}.{n}"\n    goal: "{goal}"\n    text: "T."\n    responsible: []\n'
        "    pending: false\n"
        for n in numbers
    )
    return _data(VALID + extra)


# --- ids -----------------------------------------------------------------------------------------


def test_a_pasted_id_is_read_up_to_256_characters() -> None:
    assert normalize_id("3" * 300) == "3" * 256


def test_only_dots_and_spaces_are_trimmed_from_an_id() -> None:
    assert normalize_id(" X3.2.2. ") == "X3.2.2"


def test_the_sections_come_first_among_all_ids(small: Dataset) -> None:
    assert all_ids(small)[:3] == ["3", "3.1", "3.10"]


def test_a_goal_is_resolved_with_its_theme(small: Dataset) -> None:
    selection = resolve(small, "3.1.2")
    assert selection.theme is not None and selection.theme.id == "3.1"
    assert selection.goal is not None and selection.goal.id == "3.1.2"


def test_a_measure_is_resolved_as_a_selection_of_itself(small: Dataset) -> None:
    selection = resolve(small, "3.1.2.1")
    assert (selection.kind, ids(selection.measures)) == ("measure", ["3.1.2.1"])
    assert selection.theme is not None and selection.theme.id == "3.1"


def test_a_section_is_resolved_with_its_id(small: Dataset) -> None:
    selection = resolve(small, "3")
    assert (selection.kind, selection.id) == ("section", "3")


def _unknown(dataset: Dataset, typed: str) -> UnknownNameError:
    with pytest.raises(UnknownNameError) as caught:
        resolve(dataset, typed)
    return caught.value


def test_a_mistyped_id_gets_four_close_suggestions(bundled: Dataset) -> None:
    error = _unknown(bundled, "3.2.9")
    assert error.suggestions == ["3.2.4", "3.2.3", "3.2.2", "3.2.1"]
    assert error.valid == ["3.2.1", "3.2.2", "3.2.3", "3.2.4"]


@pytest.mark.parametrize("typed", ["zzz", ""])
def test_a_wholly_unknown_id_offers_the_top_level(small: Dataset, typed: str) -> None:
    assert _unknown(small, typed).valid == ["3"]


@pytest.mark.parametrize(
    ("length", "shown"), [(64, "9" * 64), (65, "9" * 64 + "…")], ids=["64", "65"]
)
def test_an_unknown_id_is_echoed_up_to_64_characters(
    small: Dataset, length: int, shown: str
) -> None:
    assert _unknown(small, "9" * length).value == shown


def test_long_suggested_ids_are_cut_short() -> None:
    long_number = "1" * 70
    dataset = _with_measures("3.1.2", [long_number])
    error = _unknown(dataset, "3.1.2." + long_number[:-1])
    cut = ("3.1.2." + long_number)[:64] + "…"
    assert error.suggestions[0] == cut
    assert cut in error.valid


def test_at_most_twelve_nearby_ids_are_listed() -> None:
    dataset = _with_measures("3.1.2", [str(n) for n in range(3, 16)])
    error = _unknown(dataset, "3.1.2.99")
    assert error.valid == [f"3.1.2.{n}" for n in range(1, 13)]


# --- agencies ------------------------------------------------------------------------------------


def test_an_unknown_agency_gets_at_most_three_suggestions() -> None:
    dataset = _with_agencies(["AB1", "AB2", "AB3", "AB4"])
    with pytest.raises(UnknownNameError) as caught:
        resolve_agency(dataset, "AB")
    assert caught.value.suggestions == ["AB4", "AB3", "AB2"]


def test_an_unknown_agency_is_echoed_cut_short(small: Dataset) -> None:
    with pytest.raises(UnknownNameError) as caught:
        resolve_agency(small, "Q" * 100)
    assert caught.value.value == "Q" * 64 + "…"
    assert caught.value.suggestions == []
    assert caught.value.valid[0] == "OKM (Opetus- ja kulttuuriministeriö)"


# --- search and filters -------------------------------------------------------------------------


def test_search_text_joins_the_original_and_translations_with_a_space(small: Dataset) -> None:
    measure = resolve(small, "3.1.1.1").measures[0]
    assert measure_search_text(measure) == fold(
        measure.text + " " + "The ministry is responsible for architecture."
    )


def test_role_without_actor_keeps_measures_that_have_someone_in_it(small: Dataset) -> None:
    assert ids(filter_measures(small, Filters(role="responsible"))) == [
        "3.1.1.1",
        "3.1.1.2",
        "3.1.2.1",
        "3.1.2.2",
        "3.10.1.1",
    ]
    assert ids(filter_measures(small, Filters(role="partner"))) == ["3.1.1.1", "3.10.1.1"]


def test_an_actor_as_partner_is_found_after_measures_it_is_not_partner_in(
    small: Dataset,
) -> None:
    assert ids(filter_measures(small, Filters(actor="OKM", role="partner"))) == ["3.10.1.1"]
    assert ids(filter_measures(small, Filters(actor="OPH", role="responsible"))) == [
        "3.1.1.2",
        "3.1.2.2",
        "3.10.1.1",
    ]


# --- counts ---------------------------------------------------------------------------------------


def test_measures_naming_no_agency_are_all_counted(bundled: Dataset) -> None:
    _, none = count_by_agency(bundled, bundled.measures)
    assert none == 3


def test_the_matrix_of_a_selection_counts_only_the_selection(small: Dataset) -> None:
    chosen = filter_measures(small, Filters(actor="Karvi"))
    rows = matrix(small, chosen)
    assert sum(row.total for row in rows) == 1
    assert [row.total for row in rows] == [0, 1, 0]
