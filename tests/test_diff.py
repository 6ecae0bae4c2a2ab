"""``digivisio diff``: comparing two versions of the data, in the module, the view and the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, SMALL, Invoke
from digivisio_cli.data import source
from digivisio_cli.data.matrix import load
from digivisio_cli.data.source import bundled_data_path
from digivisio_cli.domain.diff import (
    DIFFERENT_MEASURE,
    FlagChange,
    ListChange,
    TextChange,
    WordOp,
    compare,
    word_diff,
)
from digivisio_cli.domain.model import Agency, Dataset, Measure, Names
from digivisio_cli.render.diffview import diff_view, mark_words
from digivisio_cli.render.registry import FORMATS, LISTING_FORMATS, RenderContext

SMALL_V2 = FIXTURES / "small-v2.yaml"
GOLDEN = Path(__file__).parent / "golden"


# --- helpers -------------------------------------------------------------------------------


def measure(ds: Dataset, ident: str) -> Measure:
    return next(m for m in ds.measures if m.id == ident)


def edit(ds: Dataset, ident: str, **fields: Any) -> Dataset:
    """``ds`` with measure ``ident``'s fields replaced."""
    return replace(
        ds, measures=tuple(replace(m, **fields) if m.id == ident else m for m in ds.measures)
    )


def drop(ds: Dataset, ident: str) -> Dataset:
    return replace(ds, measures=tuple(m for m in ds.measures if m.id != ident))


def _block(text: str, ident: str) -> tuple[int, int]:
    """Where measure ``ident``'s entry starts and ends in a data file's text."""
    start = text.index(f'  - id: "{ident}"\n')
    end = text.find("\n  - id: ", start + 1)
    return start, (len(text) if end < 0 else end + 1)


def _in_measure(text: str, ident: str, old: str, new: str) -> str:
    start, end = _block(text, ident)
    assert text.count(old, start, end) == 1, (ident, old)
    return text[:start] + text[start:end].replace(old, new) + text[end:]


def _without_measure(text: str, ident: str) -> str:
    start, end = _block(text, ident)
    return text[:start] + text[end:]


#: The "done when" scenario of issue 7, as (kind, id, change, changed fields).
THREE_CHANGES = [
    ("measure", "3.1.1.1", "changed", ["responsible"]),
    ("measure", "3.2.2.1", "changed", ["text"]),
    ("measure", "3.3.3.5", "removed", []),
]


@pytest.fixture
def three_changes(tmp_path: Path) -> Path:
    """A copy of the bundled data with one responsible agency changed (3.1.1.1: OKM → OPH), one
    measure removed (3.3.3.5) and one text edited (3.2.2.1), made by editing the YAML text."""
    text = bundled_data_path().read_text(encoding="utf-8")
    text = _in_measure(text, "3.1.1.1", "responsible: [OKM]", "responsible: [OPH]")
    text = _without_measure(text, "3.3.3.5")
    text = _in_measure(
        text,
        "3.2.2.1",
        "ja vastaa siitä, että arkkitehtuuri edistää",
        "ja varmistaa, että arkkitehtuuri tukee",
    )
    path = tmp_path / "measures-v2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- compare -------------------------------------------------------------------------------


def test_identical_datasets_have_no_changes_and_unchanged_load(small: Dataset) -> None:
    diff = compare(small, small)
    assert diff.same and diff.changes == ()
    assert [a.code for a in diff.load] == ["OKM", "OPH", "Karvi"]
    assert not any(a.changed for a in diff.load)


def test_a_new_responsible_agency_is_gained_and_the_old_one_lost(small: Dataset) -> None:
    diff = compare(small, edit(small, "3.1.1.2", responsible=("Karvi",)))
    (change,) = diff.changes
    assert (change.kind, change.id, change.change) == ("measure", "3.1.1.2", "changed")
    (field,) = change.fields
    assert isinstance(field, ListChange) and field.field == "responsible"
    assert (field.gained, field.lost) == (("Karvi",), ("OPH",))


def test_partners_gained_and_lost_are_named_per_role(small: Dataset) -> None:
    diff = compare(small, edit(small, "3.1.1.1", partners=("Karvi",), mentioned=("OPH",)))
    (change,) = diff.changes
    partners, mentioned = change.field("partners"), change.field("mentioned")
    assert isinstance(partners, ListChange) and isinstance(mentioned, ListChange)
    assert (partners.gained, partners.lost) == (("Karvi",), ("OPH",))
    assert (mentioned.gained, mentioned.lost) == (("OPH",), ())
    assert change.field("responsible") is None


def test_the_order_of_codes_in_a_list_is_not_a_change(small: Dataset) -> None:
    assert compare(small, edit(small, "3.1.2.2", responsible=("OPH", "OKM"))).same


def test_a_pending_flag_that_flips_records_before_and_after(small: Dataset) -> None:
    (change,) = compare(small, edit(small, "3.1.1.4", pending=False)).changes
    assert change.fields == (FlagChange("pending", True, False),)


def test_an_edited_text_gives_word_operations_and_stays_the_same_measure(small: Dataset) -> None:
    new = edit(small, "3.1.1.1", text="Opetus- ja kulttuuriministeriö johtaa arkkitehtuuria.")
    (change,) = compare(small, new).changes
    text = change.field("text")
    assert isinstance(text, TextChange)
    assert text.ops == (
        WordOp("equal", "Opetus- ja kulttuuriministeriö"),
        WordOp("delete", "vastaa arkkitehtuurista."),
        WordOp("insert", "johtaa arkkitehtuuria."),
    )
    assert text.similarity == pytest.approx(0.6)
    assert not change.different and change.resembles is None


def test_word_diff_keeps_every_word_once_in_order() -> None:
    change = word_diff("text", "a b c d e", "a x c d y e")
    assert mark_words(change.ops) == "a [-b-] {+x+} c d {+y+} e"
    kept_old = " ".join(op.text for op in change.ops if op.op != "insert")
    kept_new = " ".join(op.text for op in change.ops if op.op != "delete")
    assert (kept_old, kept_new) == ("a b c d e", "a x c d y e")


def test_translations_and_notes_are_compared_too(small: Dataset) -> None:
    from digivisio_cli.domain.model import MeasureTranslation

    tr = {"en": MeasureTranslation("The ministry answers for architecture.")}
    (change,) = compare(
        small, edit(small, "3.1.1.1", unofficial_translations=tr, note="New note.")
    ).changes
    assert [f.field for f in change.fields] == ["translation_en", "note"]
    note = change.field("note")
    assert isinstance(note, TextChange) and (note.old, note.new) == ("", "New note.")


def test_added_and_removed_measures_come_in_numeric_id_order(small: Dataset) -> None:
    extra = replace(measure(small, "3.1.1.1"), id="3.1.1.10", text="Uusi toimenpide.")
    new = drop(replace(small, measures=(*small.measures, extra)), "3.1.1.2")
    changes = compare(small, new).changes
    assert [(c.id, c.change) for c in changes] == [("3.1.1.2", "removed"), ("3.1.1.10", "added")]
    assert changes[0].new is None and changes[1].old is None


def test_a_renumbered_measure_is_marked_different_and_points_to_its_old_id(
    small: Dataset,
) -> None:
    # 3.1.1.2 is deleted and 3.1.1.4 moves up into its id: the list was renumbered.
    moved = replace(measure(small, "3.1.1.4"), id="3.1.1.2")
    new = replace(
        small,
        measures=tuple(
            moved if m.id == "3.1.1.2" else m for m in small.measures if m.id != "3.1.1.4"
        ),
    )
    by_id = {c.id: c for c in compare(small, new).measures}
    assert set(by_id) == {"3.1.1.2", "3.1.1.4"}
    replaced, gone = by_id["3.1.1.2"], by_id["3.1.1.4"]
    text = replaced.field("text")
    assert isinstance(text, TextChange) and text.similarity < DIFFERENT_MEASURE
    assert (replaced.change, replaced.different, replaced.resembles) == ("changed", True, "3.1.1.4")
    assert (gone.change, gone.resembles) == ("removed", "3.1.1.2")


def test_an_unchanged_look_alike_is_never_suggested_as_where_a_text_went(
    small: Dataset,
) -> None:
    twin = replace(measure(small, "3.1.1.1"), id="3.1.2.3")  # the same text under another id
    old = replace(small, measures=(*small.measures, twin))
    (change,) = compare(old, drop(old, "3.1.1.1")).changes
    assert (change.id, change.change, change.resembles) == ("3.1.1.1", "removed", None)


def test_goal_and_theme_titles_that_change_are_reported(small: Dataset) -> None:
    goals = tuple(replace(g, title="Uusi otsikko") if g.id == "3.1.2" else g for g in small.goals)
    themes = tuple(replace(t, description="Uusi kuvaus.") for t in small.themes[:1])
    diff = compare(small, replace(small, goals=goals, themes=themes + small.themes[1:]))
    assert [(c.kind, c.id, [f.field for f in c.fields]) for c in diff.changes] == [
        ("theme", "3.1", ["description"]),
        ("goal", "3.1.2", ["title"]),
    ]


def test_agencies_added_removed_and_renamed(small: Dataset) -> None:
    okm, oph, karvi = small.agencies
    renamed = replace(oph, names=replace(oph.names, en="EDUFI"))
    new_code = replace(karvi, code="KARVI")
    added = Agency("TK", Names("Tilastokeskus", "Statistikcentralen", "Statistics Finland"))
    measures = tuple(
        replace(m, responsible=tuple("KARVI" if c == "Karvi" else c for c in m.responsible))
        for m in small.measures
    )
    new = replace(small, agencies=(okm, renamed, new_code, added), measures=measures)
    diff = compare(small, new)
    assert [(c.id, c.change, [f.field for f in c.fields]) for c in diff.agencies] == [
        ("OPH", "changed", ["name_en"]),
        ("Karvi", "changed", ["code"]),
        ("TK", "added", []),
    ]
    # Karvi's one measure now names KARVI: the measure changed too, and the load moved.
    (moved,) = diff.measures
    assert moved.id == "3.1.2.1"
    load = {a.code: (a.responsible_old, a.responsible_new) for a in diff.load}
    assert load["Karvi"] == (1, 0) and load["KARVI"] == (0, 1) and load["TK"] == (0, 0)


def test_agency_load_counts_before_after_and_delta(small: Dataset) -> None:
    new = drop(edit(small, "3.1.1.1", responsible=("OPH",), partners=()), "3.1.2.2")
    load = {a.code: a for a in compare(small, new).load}
    okm, oph = load["OKM"], load["OPH"]
    # 3.1.1.1 went from OKM (OPH partner) to OPH alone; 3.1.2.2 (OKM and OPH) was removed.
    assert (okm.responsible_old, okm.responsible_new, okm.responsible_delta) == (2, 0, -2)
    assert (oph.responsible_old, oph.responsible_new, oph.responsible_delta) == (3, 3, 0)
    assert (oph.partner_old, oph.partner_new, oph.partner_delta) == (1, 0, -1)
    assert not load["Karvi"].changed


def test_every_field_that_can_change_has_a_label_in_each_language(small: Dataset) -> None:
    from digivisio_cli.domain.model import AgencyNote, MeasureTranslation, TitleTranslation

    okm, oph, karvi = small.agencies
    agencies = (
        replace(
            okm, names=Names("a", "b", "c"), abbreviations=("X",), notes=(AgencyNote("2025", "n"),)
        ),
        oph,
        karvi,
    )
    new_title = {lang: TitleTranslation("t", "d") for lang in ("en", "sv")}
    themes = tuple(
        replace(t, title="t", description="d", unofficial_translations=new_title)
        for t in small.themes
    )
    goals = tuple(
        replace(g, title="t", description="d", unofficial_translations=new_title)
        for g in small.goals
    )
    tr = {lang: MeasureTranslation("t") for lang in ("en", "sv")}  # type: ignore[misc]
    m = replace(
        measure(small, "3.1.1.1"),
        text="t",
        responsible=("OPH",),
        partners=("Karvi",),
        mentioned=("OKM",),
        other_parties=("p",),
        pending=True,
        note="n",
        unofficial_translations=tr,
    )
    new = replace(small, agencies=agencies, themes=themes, goals=goals, measures=(m,))
    diff = compare(small, replace(new, agencies=(*agencies[:2], replace(karvi, code="K"))))
    fields = {f.field for c in diff.changes for f in c.fields}
    assert fields >= {"code", "name_fi", "abbreviations", "notes", "title_sv", "description_en"}
    assert fields >= {"responsible", "partners", "mentioned", "other_parties", "pending", "note"}
    assert fields >= {"text", "translation_en", "translation_sv"}
    for lang in ("fi", "sv", "en"):
        view = diff_view(diff, lang, "a", "b")  # type: ignore[arg-type]
        assert all(row["field_label"] for row in view.rows if row.get("field"))


# --- the view: golden files ----------------------------------------------------------------

GOLDEN_CASES = [(fmt, "en") for fmt in LISTING_FORMATS] + [
    (fmt, lang) for fmt in ("table", "plain") for lang in ("fi", "sv")
]


@pytest.mark.parametrize(("fmt", "lang"), GOLDEN_CASES)
def test_diff_output_matches_golden_file(small: Dataset, fmt: str, lang: str) -> None:
    view = diff_view(compare(small, load(SMALL_V2)), lang, "small.yaml", "small-v2.yaml")  # type: ignore[arg-type]
    out = FORMATS[fmt].render([view], RenderContext(lang=lang, width=100))
    assert isinstance(out, str)
    path = GOLDEN / f"diff.{lang}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8")


def test_the_table_colours_deleted_words_red_and_inserted_green(small: Dataset) -> None:
    view = diff_view(compare(small, load(SMALL_V2)), "en", "a", "b")
    out = FORMATS["table"].render([view], RenderContext(lang="en", width=200, color=True))
    assert isinstance(out, str)
    assert "\x1b[31m[-arkkitehtuurista.-]\x1b[0m" in out
    assert "\x1b[32m{+Karvi+}\x1b[0m" in out


# --- the command line ----------------------------------------------------------------------


def _changes_in(fmt: str, stdout: str) -> list[tuple[str, str]]:
    """(id, change) of every change a format shows, read back the way its reader would."""
    if fmt == "json":
        return [(c["id"], c["change"]) for c in json.loads(stdout)["changes"]]
    if fmt == "csv":
        return [(r["id"], r["change"]) for r in csv.DictReader(io.StringIO(stdout))]
    if fmt == "plain":
        return [tuple(line.split("\t")[1:3]) for line in stdout.splitlines()]  # type: ignore[misc]
    if fmt == "md":
        body = [line for line in stdout.splitlines() if line.startswith("| measure")]
        return [tuple(cell.strip() for cell in line.split("|")[2:4]) for line in body]  # type: ignore[misc]
    rows = re.findall(r"^\s+measure\s+(\S+)\s+(\S+)", stdout, flags=re.MULTILINE)
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("fmt", LISTING_FORMATS)
def test_one_agency_change_one_removal_one_text_edit_give_exactly_three_changes(
    cli: Invoke, three_changes: Path, fmt: str
) -> None:
    result = cli(["diff", "bundled", str(three_changes), "-f", fmt])
    assert result.exit_code == 1
    assert _changes_in(fmt, result.stdout) == [(i, c) for _, i, c, _ in THREE_CHANGES]
    # Nothing else: no other measure is named anywhere in the output.
    ids = set(re.findall(r"\b3\.\d+\.\d+\.\d+\b", result.stdout))
    assert ids == {"3.1.1.1", "3.2.2.1", "3.3.3.5"}
    assert "Traceback" not in result.stderr


def test_the_three_changes_are_named_in_json(cli: Invoke, three_changes: Path) -> None:
    data = json.loads(cli(["diff", "bundled", str(three_changes), "-f", "json"]).stdout)
    assert data["same"] is False
    assert [
        (c["kind"], c["id"], c["change"], [f["field"] for f in c["fields"]])
        for c in data["changes"]
    ] == THREE_CHANGES
    responsible = data["changes"][0]["fields"][0]
    assert (responsible["gained"], responsible["lost"]) == (["OPH"], ["OKM"])
    text = data["changes"][1]["fields"][0]
    assert {"op": "delete", "text": "edistää"} in text["ops"]
    assert {"op": "insert", "text": "tukee"} in text["ops"]
    assert data["changes"][2]["old"]["text"].startswith("Opetushallitus selvittää")
    load = {a["agency"]: a for a in data["load"]}
    assert load["OKM"]["responsible"] == {"old": 21, "new": 20, "delta": -1}
    # OPH gained 3.1.1.1 and lost 3.3.3.5: no net change.
    assert load["OPH"]["responsible"] == {"old": 24, "new": 24, "delta": 0}


def test_plain_shows_the_word_diff_and_the_load_on_stderr(cli: Invoke, three_changes: Path) -> None:
    result = cli(["diff", "bundled", str(three_changes), "-f", "plain"])
    lines = result.stdout.splitlines()
    assert lines[0] == "measure\t3.1.1.1\tchanged\tResponsible\t[-OKM-], {+OPH+}"
    words = "ja [-vastaa siitä,-] {+varmistaa,+} että arkkitehtuuri [-edistää-] {+tukee+}"
    assert lines[1].startswith("measure\t3.2.2.1\tchanged\tText\t") and words in lines[1]
    assert result.stderr.strip() == (
        "Net change in load: OKM responsible 21 → 20 (−1), partner 2 → 2 (±0)"
    )


def test_identical_files_exit_0_with_no_differences(cli: Invoke) -> None:
    result = cli(["diff", "bundled", str(bundled_data_path()), "-f", "plain"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No differences.\n")
    data = json.loads(cli(["diff", "bundled", "bundled", "-f", "json"]).stdout)
    assert data["same"] is True and data["changes"] == []


def test_no_differences_in_finnish_and_swedish(cli: Invoke) -> None:
    assert "Ei eroja." in cli(["--lang", "fi", "diff", "bundled", "bundled", "-f", "md"]).stdout
    assert "Inga skillnader." in cli(["diff", "bundled", "bundled", "--lang", "sv"]).stderr


def test_an_invalid_file_exits_2_with_the_loaders_report(cli: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = _in_measure(
        bundled_data_path().read_text(encoding="utf-8"),
        "3.1.2.4",
        "responsible: [Karvi]",
        "responsible: [KARVI]",
    )
    bad.write_text(text, encoding="utf-8")
    result = cli(["diff", "bundled", str(bad)])
    assert result.exit_code == 2 and result.stdout == ""
    first, last = result.stderr.strip().splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(bad))}:\d+: measure 3\.1\.2\.4: responsible: unknown agency 'KARVI' "
        r"\(declared: OKM, OPH, Karvi\)",
        first,
    )
    assert last == f"{bad}: 1 problem; nothing was loaded."


def test_a_missing_file_exits_2(cli: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = cli(["diff", str(missing), "bundled"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{missing}: no such file"


def test_usage_errors_exit_2(cli: Invoke) -> None:
    assert cli(["diff", "bundled"]).exit_code == 2
    assert cli(["diff", "bundled", "bundled", "-f", "xlsx"]).exit_code == 2
    empty = cli(["diff", "", "bundled"])
    # Issue 12: an empty argument says so (it used to be read as "." and called a folder).
    assert empty.exit_code == 2 and "OLD: is empty" in empty.stderr
    both = cli(["diff", "-", "-"], stdin=b"")
    assert both.exit_code == 2 and "standard input" in both.stderr


def test_a_file_can_come_from_standard_input(cli: Invoke, three_changes: Path) -> None:
    result = cli(["diff", "-", "bundled", "-f", "json"], stdin=three_changes.read_bytes())
    assert result.exit_code == 1
    changes = json.loads(result.stdout)["changes"]
    assert [(c["id"], c["change"]) for c in changes][2] == ("3.3.3.5", "added")
    bad = cli(["diff", "-", "bundled"], stdin=b"measures: [")
    assert bad.exit_code == 2 and bad.stderr.startswith("-:")


def test_standard_input_over_the_size_limit_is_refused_like_a_file(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 2**20)
    result = cli(["diff", "-", "bundled"], stdin=b"#" * (2**20 + 1))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "-: is over 1 MiB, larger than any data file could be (the limit is 1 MiB); not read"
    )


def test_a_renumbered_measure_gets_a_note(cli: Invoke, tmp_path: Path) -> None:
    # Delete 3.3.3.5; 3.3.3.6 moves up into its id, as when a list is edited.
    text = _without_measure(bundled_data_path().read_text(encoding="utf-8"), "3.3.3.5")
    text = text.replace('id: "3.3.3.6"', 'id: "3.3.3.5"')
    edited = tmp_path / "renumbered.yaml"
    edited.write_text(text, encoding="utf-8")
    result = cli(["diff", "bundled", str(edited), "-f", "plain"])
    assert result.exit_code == 1
    assert [tuple(line.split("\t")[1:4]) for line in result.stdout.splitlines()] == [
        ("3.3.3.5", "changed", "Text"),
        ("3.3.3.5", "changed", "Translation (en)"),
        ("3.3.3.5", "changed", "Translation (sv)"),
        ("3.3.3.5", "changed", "Transcription note"),
        ("3.3.3.6", "removed", ""),
    ]
    notes = result.stderr.splitlines()
    assert notes[0].startswith("3.3.3.5 now holds a clearly different measure (text similarity ")
    assert notes[1] == "3.3.3.5: the text resembles that of 3.3.3.6 in the old version."
    assert notes[2] == "3.3.3.6 (removed): the text resembles that of 3.3.3.5 in the new version."


def test_small_fixtures_through_the_cli_match_the_golden_plain_output(cli: Invoke) -> None:
    result = cli(["diff", str(SMALL), str(SMALL_V2), "-f", "plain"])
    assert result.exit_code == 1
    assert result.stdout == (GOLDEN / "diff.en.plain").read_text(encoding="utf-8")
