"""Model and diff behaviours that mutation testing found unpinned (issue 12), tested in-process."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL, Invoke
from digivisio_cli.data.matrix import parse
from digivisio_cli.domain.diff import compare, similarity, word_diff
from digivisio_cli.domain.model import Agency, Dataset, Names, OwnText

VALID = SMALL.read_text(encoding="utf-8")


def _data(text: str) -> Dataset:
    return parse(text.encode("utf-8"), "test.yaml")


# --- model -----------------------------------------------------------------------------------


def test_a_goal_description_follows_the_language_and_falls_back_to_finnish(
    small: Dataset,
) -> None:
    goal = small.goals[0]  # 3.1.1: an English description, no Swedish one
    assert goal.description_in("en") == "Description one."
    assert goal.description_in("sv") == "Kuvaus yksi."
    assert goal.description_in("fi") == "Kuvaus yksi."
    assert small.goals[1].description_in("en") == "Kuvaus kaksi."


def test_a_title_follows_the_language_and_falls_back_to_finnish(small: Dataset) -> None:
    theme = small.themes[0]
    assert [theme.title_in(lang) for lang in ("fi", "sv", "en")] == [
        "Ensimmäinen teema",
        "Första temat",
        "First theme",
    ]
    assert small.goals[0].title_in("sv") == "Tavoite yksi"
    assert small.goals[0].title_in("en") == "Goal one"


def test_a_measure_text_is_translated_where_a_translation_exists(small: Dataset) -> None:
    measure = small.measures[0]
    assert measure.translation("fi") is None
    assert measure.translation("sv") is None
    assert measure.text_in("en") == "The ministry is responsible for architecture."
    assert measure.text_in("sv") == measure.text
    assert measure.agencies() == ("OKM", "OPH")


def test_an_own_text_is_shown_in_the_reader_language_where_it_has_one() -> None:
    note = OwnText(en="Passive sentence.", fi="Passiivilause.")
    assert note.get("fi") == ("Passiivilause.", "fi")
    assert note.get("en") == ("Passive sentence.", "en")
    # No Swedish version: the English original, and the language it is really in.
    assert note.get("sv") == ("Passive sentence.", "en")
    assert OwnText(en="x", sv="").get("sv") == ("x", "en")


def test_an_agency_stands_as_its_abbreviation_in_a_language_that_has_one() -> None:
    okm = Agency(code="OKM", names=Names(fi="a", sv="b", en="c"), short_names={"sv": "UKM"})
    assert [okm.short(lang) for lang in ("fi", "sv", "en")] == ["OKM", "UKM", "OKM"]


def test_a_dataset_names_an_agency_by_its_abbreviation_and_an_unknown_code_as_given() -> None:
    data = _data(
        VALID.replace(
            "    abbreviations: [UKM]\n",
            "    abbreviations: [UKM]\n    short_names: {sv: UKM}\n",
            1,
        )
    )
    assert data.short("OKM", "sv") == "UKM"
    assert data.short("OKM", "fi") == "OKM"
    assert data.short("OPH", "sv") == "OPH"
    assert data.short("XYZ", "sv") == "XYZ"


# --- diff ------------------------------------------------------------------------------------


def test_a_word_diff_of_more_than_200_words_treats_no_word_as_junk() -> None:
    # difflib's autojunk would ignore words this frequent in a text of 200 words or more, and
    # the whole text would read as replaced.
    old = "alku " + "sana toinen " * 120
    new = "ALKU " + "sana toinen " * 120
    change = word_diff("text", old.strip(), new.strip())
    assert [op.op for op in change.ops] == ["delete", "insert", "equal"]
    assert change.ops[2].text == ("sana toinen " * 120).strip()
    assert change.similarity > 0.99
    assert similarity(old, new) > 0.99


def test_an_added_agency_counts_from_zero_and_a_removed_one_to_zero(small: Dataset) -> None:
    added = _data(
        VALID.replace(
            "  - code: Karvi\n",
            "  - code: NEW\n    names: {fi: Uusi, sv: Ny, en: New}\n  - code: Karvi\n",
            1,
        ).replace("responsible: [Karvi]", "responsible: [NEW]", 1)
    )
    load = {entry.code: entry for entry in compare(small, added).load}
    assert (load["NEW"].responsible_old, load["NEW"].responsible_new) == (0, 1)
    assert (load["Karvi"].responsible_old, load["Karvi"].responsible_new) == (1, 0)
    assert (load["NEW"].responsible_delta, load["Karvi"].responsible_delta) == (1, -1)
    back = {entry.code: entry for entry in compare(added, small).load}
    assert (back["NEW"].responsible_old, back["NEW"].responsible_new) == (1, 0)
    assert (back["NEW"].partner_old, back["NEW"].partner_new) == (0, 0)
    assert not load["OPH"].changed


# --- data: the messages of a damaged file ---------------------------------------------------


def test_a_measure_without_an_id_is_named_by_its_position(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(VALID.replace('  - id: "3.1.2.1"\n', "  - id: 3121\n", 1), encoding="utf-8")
    result = cli(["validate", str(path)])
    assert result.stderr.splitlines()[0] == (
        f'{path}:64: measure #4: id: expected text, got a number (put it in quotes, e.g. "3.1")'
    )


def test_a_number_where_text_belongs_gets_the_quotes_hint_and_other_types_do_not(
    cli: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(
        VALID.replace(
            '    goal: "3.1.1"\n    text: "Kehitetään tilastopalveluita."',
            "    goal: [a]\n    text: 3.5",
            1,
        ),
        encoding="utf-8",
    )
    lines = cli(["validate", str(path)]).stderr.splitlines()
    assert lines[:2] == [
        f"{path}:58: measure 3.1.1.4: goal: expected text, got a list",
        f'{path}:59: measure 3.1.1.4: text: expected text, got a number (put it in quotes, e.g. "3.1")',
    ]


def _fields(changes: object) -> list[str]:
    return [f.field for c in changes for f in c.fields]  # type: ignore[attr-defined]


def test_translated_titles_and_descriptions_are_compared_by_language(small: Dataset) -> None:
    edited = _data(
        VALID.replace('{en: {title: "First theme"}', '{en: {title: "The first theme"}', 1).replace(
            '{en: {title: "Goal one", description: "Description one."}}',
            '{en: {title: "Goal one", description: "Description one."}, '
            'sv: {title: "Mål ett", description: "Beskrivning ett."}}',
            1,
        )
    )
    result = compare(small, edited)
    assert _fields(result.themes) == ["title_en"]
    assert _fields(result.goals) == ["title_sv", "description_sv"]


def test_an_agency_name_in_swedish_and_its_notes_are_compared(small: Dataset) -> None:
    notes = '    notes: [{as_of: "2025", text: "a"}, {as_of: "2026", text: "b"}]\n'
    before = _data(
        VALID.replace("    abbreviations: [EDUFI]\n", "    abbreviations: [EDUFI]\n" + notes)
    )
    after = _data(
        VALID.replace("sv: Utbildningsstyrelsen", "sv: Utbildningsstyrelsen i Finland").replace(
            "    abbreviations: [EDUFI]\n",
            "    abbreviations: [EDUFI]\n" + notes.replace('"b"', '"c"'),
        )
    )
    (change,) = compare(before, after).agencies
    assert [f.field for f in change.fields] == ["name_sv", "notes"]
    assert change.fields[1].old == "2025: a\n2026: b"  # type: ignore[union-attr]


def test_a_new_code_for_the_same_agency_keeps_both_versions(small: Dataset) -> None:
    renamed = _data(VALID.replace("code: Karvi", "code: KARVI").replace("[Karvi]", "[KARVI]"))
    (change,) = compare(small, renamed).agencies
    assert change.change == "changed"
    assert change.old is not None and change.old.code == "Karvi"  # type: ignore[union-attr]
    assert change.new is not None and change.new.code == "KARVI"  # type: ignore[union-attr]


def test_a_text_sharing_half_its_words_is_still_the_same_measure(small: Dataset) -> None:
    before = _data(VALID.replace("Kehitetään tilastopalveluita.", "Yksi kaksi"))
    after = _data(VALID.replace("Kehitetään tilastopalveluita.", "Yksi kolme"))
    (change,) = compare(before, after).measures
    assert change.change == "changed" and not change.different


def test_an_added_measure_points_to_the_removed_one_it_resembles_by_half(small: Dataset) -> None:
    text = "Opetus- ja kulttuuriministeriö ja Opetushallitus rahoittavat hankkeita."
    moved = _data(
        VALID.replace('id: "3.1.2.2"', 'id: "3.1.2.3"').replace(
            text, "Opetus- ja kulttuuriministeriö tekee työtä."
        )
    )
    # Three words shared, of seven and five: a similarity of exactly one half.
    changes = {c.id: c for c in compare(small, moved).measures}
    assert (changes["3.1.2.3"].change, changes["3.1.2.3"].resembles) == ("added", "3.1.2.2")
    assert (changes["3.1.2.2"].change, changes["3.1.2.2"].resembles) == ("removed", "3.1.2.3")


def test_an_added_agency_had_no_partner_load_before(small: Dataset) -> None:
    added = _data(
        VALID.replace(
            "  - code: Karvi\n",
            "  - code: NEW\n    names: {fi: Uusi, sv: Ny, en: New}\n  - code: Karvi\n",
            1,
        ).replace("partners: [OKM]", "partners: [NEW]", 1)
    )
    load = {entry.code: entry for entry in compare(small, added).load}
    assert (load["NEW"].partner_old, load["NEW"].partner_new) == (0, 1)
    assert (load["NEW"].responsible_old, load["NEW"].responsible_new) == (0, 0)


# --- the model's hooks for the schema (a fresh validator: the loader's is built once) ---------


def _fresh_problems(text: str) -> list[str]:
    from digivisio_cli.data.schema import LazyAdapter, Locator, validate
    from digivisio_cli.data.yaml_strict import Entries, parse_yaml

    entries = Entries(section="measures", key="id")
    raw, lines = parse_yaml(text, "t", entries)
    _, problems = validate(LazyAdapter(Dataset), raw, Locator(raw, lines, "t", entries))
    return [p.message for p in problems]


def test_a_fresh_validator_accepts_the_small_file() -> None:
    assert _fresh_problems(VALID) == []


def test_a_fresh_validator_refuses_an_empty_text() -> None:
    assert _fresh_problems(VALID.replace('"Kehitetään tilastopalveluita."', '""')) == [
        "text: must not be empty"
    ]


def test_a_one_character_text_is_not_empty() -> None:
    assert _fresh_problems(VALID.replace('"Kehitetään tilastopalveluita."', '"K"')) == []


def test_a_fresh_validator_refuses_a_quoted_date() -> None:
    assert _fresh_problems(VALID.replace("published: 2023-04-14", 'published: "2023-04-14"')) == [
        "document.published: expected a date such as 2023-04-14"
    ]


# --- succession -------------------------------------------------------------------------------


def _succeeded(agency: object, by: str, since: str) -> object:
    import dataclasses
    import datetime as dt

    from digivisio_cli.domain.model import Succession

    return dataclasses.replace(
        agency,  # type: ignore[type-var]
        successor=Succession(agency=by, since=dt.date.fromisoformat(since), source="test"),
    )


def test_a_chain_of_successors_stops_before_a_code_repeats(small: Dataset) -> None:
    from digivisio_cli.domain.succession import successor_chain

    okm, oph, karvi = small.agencies
    # A cycle the loader would refuse: OKM → OPH → Karvi → OPH.
    agencies = {
        "OKM": _succeeded(okm, "OPH", "2024-01-01"),
        "OPH": _succeeded(oph, "Karvi", "2024-01-01"),
        "Karvi": _succeeded(karvi, "OPH", "2024-01-01"),
    }
    assert successor_chain(agencies, "OKM") == ("OKM", "OPH", "Karvi")  # type: ignore[arg-type]


def test_a_succession_after_the_date_gives_no_since(small: Dataset) -> None:
    import dataclasses
    import datetime as dt

    from digivisio_cli.domain.succession import AsOf, agencies_as_of

    okm, oph, karvi = small.agencies
    merged = dataclasses.replace(small, agencies=(okm, oph, _succeeded(karvi, "OPH", "2026-01-01")))
    before = agencies_as_of(merged, dt.date(2025, 1, 1))
    assert (before.of("Karvi"), dict(before.since)) == ("Karvi", {})
    after = agencies_as_of(merged, dt.date(2026, 6, 1))
    assert (after.of("Karvi"), dict(after.since)) == ("OPH", {"Karvi": dt.date(2026, 1, 1)})
    assert AsOf(dt.date(2026, 1, 1), {}).of("UNKNOWN") == "UNKNOWN"


def test_a_deletion_alone_gives_no_empty_insertion() -> None:
    ops = word_diff("text", "yksi kaksi kolme", "yksi kolme").ops
    assert [(op.op, op.text) for op in ops] == [
        ("equal", "yksi"),
        ("delete", "kaksi"),
        ("equal", "kolme"),
    ]


def test_an_agency_taking_a_removed_agencys_name_is_not_a_new_code(small: Dataset) -> None:
    karvi_fi = "Kansallinen koulutuksen arviointikeskus"
    start = VALID.index("  - code: Karvi\n")
    end = VALID.index("themes:")
    edited = (VALID[:start] + VALID[end:]).replace("fi: Opetushallitus,", f"fi: {karvi_fi},")
    edited = edited.replace("responsible: [Karvi]", "responsible: [OPH]")
    changes = [(c.id, c.change) for c in compare(small, _data(edited)).agencies]
    assert changes == [("OPH", "changed"), ("Karvi", "removed")]


def test_a_changed_note_translation_shows_in_the_notes_one_line(small: Dataset) -> None:
    before = _data(
        VALID.replace('note: "Passive sentence."', 'note: {en: "Passive.", fi: "Passiivi."}')
    )
    after = _data(
        VALID.replace('note: "Passive sentence."', 'note: {en: "Passive.", fi: "Passiivi!"}')
    )
    (change,) = compare(before, after).measures
    (note,) = change.fields
    assert (note.field, note.old, note.new) == (
        "note",
        "Passive. | Passiivi.",
        "Passive. | Passiivi!",
    )  # type: ignore[union-attr]


def test_a_changed_short_name_is_a_change_of_the_agency(small: Dataset) -> None:
    before = _data(
        VALID.replace(
            "    abbreviations: [UKM]\n",
            "    abbreviations: [UKM]\n    short_names: {sv: UKM, en: MinEdu}\n",
        )
    )
    after = _data(
        VALID.replace(
            "    abbreviations: [UKM]\n",
            "    abbreviations: [UKM]\n    short_names: {sv: UKM2, en: MinEdu}\n",
        )
    )
    (change,) = compare(before, after).agencies
    (short,) = change.fields
    assert (short.field, short.old, short.new) == (
        "short_names",
        "en: MinEdu, sv: UKM",
        "en: MinEdu, sv: UKM2",
    )  # type: ignore[union-attr]
    # Gaining the first short name is a change from none.
    (gained,) = compare(small, before).agencies
    assert [(f.field, f.old) for f in gained.fields] == [("short_names", "")]  # type: ignore[union-attr]


def test_a_note_is_a_translation_only_in_a_language_it_was_translated_into() -> None:
    from digivisio_cli.domain.model import OwnText

    note = OwnText(en="English original", fi="suomeksi")
    assert [note.is_translation(lang) for lang in ("en", "fi", "sv")] == [False, True, False]
    # English is the original even when every translation exists.
    assert not OwnText(en="e", fi="f", sv="s").is_translation("en")
