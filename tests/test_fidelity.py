"""The transcription against the source text, read independently of the YAML.

``source_text.py`` parses the PDF extraction by the rules in ``shared/source/README.md``; these
tests compare every goal and measure of ``data/measures.yaml`` with it. They are skipped only where
the source is not beside the checkout (an installed copy); CI has it.
"""

from __future__ import annotations

import os
import re

import pytest

from digivisio_cli.domain.model import Dataset
from source_text import SourceGoal, read_goals, source_path

SOURCE = source_path()
if SOURCE is None and os.environ.get("DIGIVISIO_REQUIRE_SOURCE"):
    raise RuntimeError(
        "DIGIVISIO_REQUIRE_SOURCE is set but shared/source is not beside the checkout"
    )
pytestmark = pytest.mark.skipif(SOURCE is None, reason="the source text is not beside the checkout")

# How the text names each agency, in any inflection (Opetushallitus, Opetushallituksen, …).
AGENCY_PATTERNS = {
    "OKM": re.compile(r"opetus- ja kulttuuriministeriö", re.IGNORECASE),
    "OPH": re.compile(r"\bOpetushallit"),
    "Karvi": re.compile(
        r"Kansallinen koulutuksen arviointikeskus|Kansallisen koulutuksen arviointikeskuksen"
    ),
}
# A measure whose text opens with an agency in the nominative has that agency as its subject.
NOMINATIVE_SUBJECT = {
    "OKM": "Opetus- ja kulttuuriministeriö ",
    "OPH": "Opetushallitus ",
    "Karvi": "Kansallinen koulutuksen arviointikeskus ",
}


@pytest.fixture(scope="module")
def source_goals() -> list[SourceGoal]:
    assert SOURCE is not None
    return read_goals(SOURCE)


def test_source_has_ten_goals_and_44_measures(source_goals: list[SourceGoal]) -> None:
    assert [g.id for g in source_goals] == [
        "3.1.1",
        "3.1.2",
        "3.1.3",
        "3.2.1",
        "3.2.2",
        "3.2.3",
        "3.2.4",
        "3.3.1",
        "3.3.2",
        "3.3.3",
    ]
    assert sum(len(g.measures) for g in source_goals) == 44


def test_goals_match_source_ids_and_titles(
    bundled: Dataset, source_goals: list[SourceGoal]
) -> None:
    assert [(g.id, g.title) for g in bundled.goals] == [(g.id, g.title) for g in source_goals]


def test_measure_count_per_goal_matches_source(
    bundled: Dataset, source_goals: list[SourceGoal]
) -> None:
    data = {g.id: sum(1 for m in bundled.measures if m.goal == g.id) for g in bundled.goals}
    assert data == {g.id: len(g.measures) for g in source_goals}


def test_measure_ids_are_document_order(bundled: Dataset, source_goals: list[SourceGoal]) -> None:
    assert [m.id for m in bundled.measures] == [m.id for g in source_goals for m in g.measures]


def test_measure_texts_match_source_exactly(
    bundled: Dataset, source_goals: list[SourceGoal]
) -> None:
    source = {m.id: m.text for g in source_goals for m in g.measures}
    mismatched = [m.id for m in bundled.measures if m.text != source.get(m.id)]
    assert mismatched == []


def test_pending_flags_are_exactly_the_asterisks(
    bundled: Dataset, source_goals: list[SourceGoal]
) -> None:
    source = {m.id for g in source_goals for m in g.measures if m.asterisk}
    assert {m.id for m in bundled.measures if m.pending} == source
    assert source == {"3.3.2.3", "3.3.2.4", "3.3.2.5"}


def test_every_agency_named_in_a_measure_has_a_role(bundled: Dataset) -> None:
    for m in bundled.measures:
        named = {code for code, pattern in AGENCY_PATTERNS.items() if pattern.search(m.text)}
        recorded = set(m.responsible) | set(m.partners) | set(m.mentioned)
        assert named == recorded, m.id


def test_an_agency_opening_the_sentence_is_responsible(bundled: Dataset) -> None:
    for m in bundled.measures:
        for code, opening in NOMINATIVE_SUBJECT.items():
            if m.text.startswith(opening):
                assert code in m.responsible, m.id


def test_passive_measures_naming_no_agency_have_no_responsible(bundled: Dataset) -> None:
    for m in bundled.measures:
        if not any(p.search(m.text) for p in AGENCY_PATTERNS.values()):
            assert m.responsible == (), m.id
            assert m.note and "passive" in m.note.en.lower(), m.id


def test_joint_subjects_record_both_agencies(bundled: Dataset) -> None:
    joint = [
        m.id
        for m in bundled.measures
        if m.text.startswith("Opetus- ja kulttuuriministeriö ja Opetushallitus ")
    ]
    assert joint
    for m in bundled.measures:
        if m.id in joint:
            assert set(m.responsible) == {"OKM", "OPH"}, m.id


def test_collaborating_agencies_are_partners(bundled: Dataset) -> None:
    # "yhteistyössä Opetushallituksen kanssa", "yhdessä Opetushallituksen kanssa" and the like.
    pattern = re.compile(
        r"(yhteistyössä|yhdessä) (Opetushallituksen|opetus- ja kulttuuriministeriön)"
    )
    for m in bundled.measures:
        match = pattern.search(m.text)
        if match:
            code = "OPH" if match.group(2).startswith("Opetushallit") else "OKM"
            assert code in m.partners, m.id


def test_other_parties_are_quoted_from_the_text(bundled: Dataset) -> None:
    for m in bundled.measures:
        for party in m.other_parties:
            assert party in m.text, (m.id, party)


def test_every_judgement_call_is_written_down(bundled: Dataset) -> None:
    needs_note = [
        m for m in bundled.measures if len(m.responsible) != 1 or m.mentioned or m.pending
    ]
    assert needs_note
    assert [m.id for m in needs_note if not m.note] == []


def test_one_karvi_measure(bundled: Dataset) -> None:
    assert [m.id for m in bundled.measures if "Karvi" in m.agencies()] == ["3.1.2.4"]


def test_every_measure_has_an_english_translation(bundled: Dataset) -> None:
    assert [m.id for m in bundled.measures if not m.translation("en")] == []
