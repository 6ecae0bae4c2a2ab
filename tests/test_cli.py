"""The command line: exit codes, streams and messages, in each language."""

from __future__ import annotations

import json

import pytest

from conftest import SMALL, Invoke


def test_version(cli: Invoke) -> None:
    result = cli(["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("digivisio ")


def test_measures_json_has_the_stable_fields(cli: Invoke) -> None:
    result = cli(["measures", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 44
    first = data[0]
    for key in ("id", "goal", "text", "responsible", "partners", "pending", "translation"):
        assert key in first
    assert isinstance(first["responsible"], list) and isinstance(first["pending"], bool)
    assert first["text"].startswith("Opetus- ja kulttuuriministeriö")


def test_json_text_is_finnish_whatever_the_language(cli: Invoke) -> None:
    data = json.loads(cli(["--lang", "sv", "measures", "-f", "json"]).stdout)
    assert data[0]["text"].startswith("Opetus- ja kulttuuriministeriö")
    assert data[0]["translation_lang"] == "sv"


def test_who_owns_piped_prints_plain_lines(cli: Invoke) -> None:
    result = cli(["who-owns", "3.2.2"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == [f"3.2.2.{n}" for n in range(1, 7)]
    assert "OKM: 2 responsible, 0 as partner; OPH: 5 responsible, 1 as partner" in result.stderr


def test_who_owns_table_shows_title_and_summary(cli: Invoke) -> None:
    result = cli(["who-owns", "3.2.2", "-f", "table", "--lang", "fi"])
    assert "3.2.2 Digitaalisia palveluita" in result.stdout
    assert "OKM: vastuussa 2, yhteistyössä 0" in result.stdout
    assert "\x1b[" not in result.stdout


def test_actor_oph_json_lists_exactly_its_measures(cli: Invoke, bundled: object) -> None:
    data = json.loads(cli(["measures", "--actor", "OPH", "--format", "json"]).stdout)
    assert data and all("OPH" in m["responsible"] + m["partners"] for m in data)
    assert len(data) == 27  # 24 responsible (5 jointly with OKM) + 3 as partner


def test_actor_karvi_lists_one_measure(cli: Invoke) -> None:
    data = json.loads(cli(["measures", "--actor", "karvi", "-f", "json"]).stdout)
    assert [m["id"] for m in data] == ["3.1.2.4"]


def test_pending_lists_the_flagged(cli: Invoke) -> None:
    data = json.loads(cli(["measures", "--pending", "-f", "json"]).stdout)
    assert [m["id"] for m in data] == ["3.3.2.3", "3.3.2.4", "3.3.2.5"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "No theme, goal or measure has the id '3.2.9'."),
        ("fi", "Tunnuksella '3.2.9' ei ole teemaa, tavoitetta eikä toimenpidettä."),
        ("sv", "Det finns inget tema, mål eller åtgärd med id '3.2.9'."),
    ],
)
def test_unknown_id_exits_2_with_did_you_mean(cli: Invoke, lang: str, text: str) -> None:
    result = cli(["who-owns", "3.2.9", "--lang", lang])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"digivisio: {text}"
    assert "3.2.2" in result.stderr.splitlines()[1]


def test_unknown_agency_exits_2_and_lists_valid(cli: Invoke) -> None:
    result = cli(["measures", "--actor", "OPX"])
    assert result.exit_code == 2
    assert "Did you mean: OPH?" in result.stderr
    assert "Karvi (Kansallinen koulutuksen arviointikeskus)" in result.stderr


def test_no_match_is_success_with_a_note(cli: Invoke) -> None:
    result = cli(["measures", "--search", "zzzz-not-there", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "No measure matches" in result.stderr


def test_language_from_environment(cli: Invoke) -> None:
    result = cli(["who-owns", "3.2.9"], env={"DIGIVISIO_LANG": "sv"})
    assert "Det finns inget tema" in result.stderr


def test_language_from_locale(cli: Invoke) -> None:
    result = cli(
        ["who-owns", "3.2.9"], env={"DIGIVISIO_LANG": None, "LANG": "fi_FI.UTF-8", "LC_ALL": None}
    )
    assert "Tunnuksella" in result.stderr


def test_validate_bundled(cli: Invoke) -> None:
    result = cli(["validate"])
    assert result.exit_code == 0
    assert "10 goals, 44 measures, 3 agencies, 3 pending" in result.stdout


def test_validate_broken_file_exits_1_without_traceback(cli: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.yaml"
    bad.write_text(SMALL.read_text().replace("[Karvi]", "[KARVI]"), encoding="utf-8")
    result = cli(["validate", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr and "unknown agency 'KARVI'" in result.stderr
    assert result.stderr.strip().endswith("1 problem; nothing was loaded.")


def test_data_option_and_env_point_at_another_file(cli: Invoke) -> None:
    assert "6 measures" in cli(["--data", str(SMALL), "validate"]).stdout
    assert "6 measures" in cli(["validate"], env={"DIGIVISIO_DATA": str(SMALL)}).stdout
    assert len(json.loads(cli(["measures", "-f", "json", "--data", str(SMALL)]).stdout)) == 6


def test_usage_error_exits_2(cli: Invoke) -> None:
    assert cli(["measures", "--format", "docx"]).exit_code == 2
    assert cli(["nonsense"]).exit_code == 2


def test_matrix_csv_has_integer_columns(cli: Invoke) -> None:
    lines = cli(["matrix", "-f", "csv"]).stdout.splitlines()
    assert lines[0].startswith("goal,goal_title,OKM_responsible,OKM_partner,OPH_responsible")
    assert "/" not in lines[1].split(",", 2)[2]


def test_show_measure_has_original_and_translation(cli: Invoke) -> None:
    data = json.loads(cli(["show", "3.3.2.3", "-f", "json"]).stdout)
    assert data["pending"] is True and data["responsible"] == []
    assert data["text"].startswith("Kehitetään") and data["translation"]


def test_goals_tree_counts(cli: Invoke) -> None:
    data = json.loads(cli(["goals", "-f", "json"]).stdout)
    assert [r["measures"] for r in data if r["kind"] == "theme"] == [10, 18, 16]


def test_actors_load(cli: Invoke) -> None:
    data = json.loads(cli(["actors", "-f", "json"]).stdout)
    karvi = next(a for a in data if a["code"] == "Karvi")
    assert (karvi["responsible"], karvi["partner"], karvi["name_sv"]) == (
        1,
        0,
        "Nationella centret för utbildningsutvärdering",
    )
