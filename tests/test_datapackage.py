"""The data package export: valid by Frictionless' own validator, keys that resolve, safe writing."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, Invoke
from digivisio_cli.domain.model import Dataset
from digivisio_cli.render.cells import LIST_SEPARATOR, neutralize
from digivisio_cli.render.datapackage import render_files
from digivisio_cli.render.package import package_sections
from digivisio_cli.render.registry import FORMATS, RenderContext

RESOURCES = ["themes", "goals", "measures", "agencies", "agency_notes", "responsibilities"]
STATUS = FIXTURES / "status.yaml"


def _frictionless(descriptor: Path) -> dict[str, object]:
    """The report of ``frictionless validate --json``, run as a user would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    report: dict[str, object] = json.loads(result.stdout)
    assert result.returncode == (0 if report["valid"] else 1)
    return report


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _export(cli: Invoke, folder: Path, *args: str) -> None:
    result = cli(["export", "-f", "datapackage", "-o", str(folder), *args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data exported as a data package, once for the module."""
    from conftest import invoke_cli

    folder = tmp_path_factory.mktemp("dp") / "pkg"
    _export(invoke_cli, folder)
    return folder


def test_frictionless_finds_the_package_valid(package: Path) -> None:
    report = _frictionless(package / "datapackage.json")
    assert report["valid"] is True
    tasks = report["tasks"]
    assert isinstance(tasks, list)
    assert [t["name"] for t in tasks] == RESOURCES


def test_the_package_is_v2_with_table_resources_keys_and_honest_licensing(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert {r["type"] for r in descriptor["resources"]} == {"table"}
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["measures"]["primaryKey"] == ["id"]
    assert schemas["responsibilities"]["primaryKey"] == ["measure", "agency", "role"]
    assert {fk["reference"]["resource"] for fk in schemas["responsibilities"]["foreignKeys"]} == {
        "measures",
        "agencies",
    }
    role = next(f for f in schemas["responsibilities"]["fields"] if f["name"] == "role")
    assert role["constraints"] == {"required": True, "enum": ["responsible", "partner"]}
    pending = next(f for f in schemas["measures"]["fields"] if f["name"] == "pending")
    assert pending["type"] == "boolean"
    assert set(descriptor["document"]["title"]) == {"fi", "sv", "en"}
    assert descriptor["document"]["published"] == "2023-04-14"
    assert descriptor["document"]["publisher"]["code"] == "OKM"
    # The project's own licence for its work; none claimed for the ministry's text.
    assert [lic["name"] for lic in descriptor["licenses"]] == ["MIT"]
    assert "No licence is claimed" in descriptor["rights"]
    assert "CC BY 4.0" in descriptor["rights"]


def test_the_tables_hold_the_data_and_every_key_resolves(package: Path, bundled: Dataset) -> None:
    measures = _rows(package, "measures")
    assert len(measures) == 44
    goals = {r["id"] for r in _rows(package, "goals")}
    themes = {r["id"] for r in _rows(package, "themes")}
    agencies = {r["code"] for r in _rows(package, "agencies")}
    assert all(r["goal"] in goals for r in measures)
    assert all(r["theme"] in themes for r in _rows(package, "goals"))
    roles = _rows(package, "responsibilities")
    ids = {r["id"] for r in measures}
    assert all(r["measure"] in ids and r["agency"] in agencies for r in roles)
    expected = sum(len(m.responsible) + len(m.partners) for m in bundled.measures)
    assert len(roles) == expected
    karvi = [r["measure"] for r in roles if r["agency"] == "Karvi"]
    assert karvi == ["3.1.2.4"]
    assert sum(r["pending"] == "true" for r in measures) == 3


def test_filters_apply_to_the_measures_and_the_package_stays_valid(
    cli: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "oph"
    _export(cli, folder, "--actor", "OPH", "--role", "partner")
    assert _frictionless(folder / "datapackage.json")["valid"] is True
    assert [r["id"] for r in _rows(folder, "measures")] == ["3.2.2.1", "3.2.4.2", "3.3.1.2"]
    assert len(_rows(folder, "goals")) == 10  # whole, so that every key resolves
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["filters"] == {"actor": "OPH", "role": "partner"}
    assert "3 of 44" in descriptor["description"]


def test_labels_follow_the_language(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "fi"
    assert cli(["--lang", "fi", "export", "-f", "datapackage", "-o", str(folder)]).exit_code == 0
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "Kasvatuksen, opetuksen ja koulutuksen digitalisaation visio 2027"
    titles = {r["name"]: r["title"] for r in descriptor["resources"]}
    assert titles["responsibilities"] == "Vastuunjako"
    assert "Niille ei tässä ilmoiteta lisenssiä" in descriptor["rights"]


def test_refuses_stdout_and_the_matrix_as_the_registry_says(cli: Invoke) -> None:
    spec = FORMATS["datapackage"]
    assert spec.folder and not spec.listing and "matrix" not in spec.what
    for args in ([], ["-o", "-"]):
        result = cli(["export", "-f", "datapackage", *args])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "writes a folder; name it with -o FOLDER" in result.stderr
    result = cli(["export", "-f", "datapackage", "--what", "matrix", "-o", "x"])
    assert result.exit_code == 2
    assert "cannot export --what matrix (it can: measures)" in result.stderr


def test_a_non_empty_folder_is_refused_and_an_earlier_export_replaced_with_force(
    cli: Invoke, tmp_path: Path, bundled: Dataset
) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    result = cli(["export", "-f", "datapackage", "-o", str(folder)])
    assert result.exit_code == 1
    assert "is not empty; nothing was written" in result.stderr
    # --force never deletes what is not an earlier export.
    result = cli(["export", "-f", "datapackage", "-o", str(folder), "--force"])
    assert result.exit_code == 1
    assert "not replaced, even with --force" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]
    (folder / "keep.txt").unlink()
    _export(cli, folder)  # an empty folder is fine
    _export(cli, folder, "--goal", "3.1", "--force")
    under = [m.id for m in bundled.measures if m.goal.startswith("3.1.")]
    assert [r["id"] for r in _rows(folder, "measures")] == under
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_file_in_the_way_is_an_error_and_nothing_is_left_behind(
    cli: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "pkg"
    target.write_text("a file")
    result = cli(["export", "-f", "datapackage", "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert "exists and is not a folder" in result.stderr
    missing = tmp_path / "no" / "such" / "pkg"
    result = cli(["export", "-f", "datapackage", "-o", str(missing)])
    assert result.exit_code == 1
    assert "Could not write" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_the_registry_offers_only_what_export_knows() -> None:
    from digivisio_cli.app.options import ExportWhat
    from digivisio_cli.render.registry import WHATS

    assert {w.value for w in ExportWhat} == set(WHATS)
    assert all(set(f.what) <= set(WHATS) and f.what for f in FORMATS.values())
    # A folder format is never offered where output goes to stdout.
    assert all(not f.listing for f in FORMATS.values() if f.folder)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
    parties=st.lists(
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
            lambda p: LIST_SEPARATOR not in p and p.strip() == p
        ),
        max_size=3,
    ),
)
def test_any_text_reads_back_from_the_csv_as_written(
    text: str, parties: list[str], small: Dataset
) -> None:
    first = dataclasses.replace(small.measures[0], text=text, other_parties=tuple(parties))
    changed = dataclasses.replace(small, measures=(first, *small.measures[1:]))
    sections = package_sections(changed, changed.measures, "en", "2026-01-01")
    files = render_files(sections, RenderContext())
    rows = list(csv.DictReader(io.StringIO(files["measures.csv"].decode("utf-8"), newline="")))
    assert rows[0]["text"] == neutralize(text)
    cell = rows[0]["other_parties"]
    assert cell == neutralize(LIST_SEPARATOR.join(parties))
    if parties and neutralize(parties[0]) == parties[0]:
        assert cell.split(LIST_SEPARATOR) == parties


def test_successors_are_data_and_as_of_names_each_roles_carrier(
    cli: Invoke, tmp_path: Path, package: Path, bundled: Dataset
) -> None:
    import datetime as dt

    from digivisio_cli.domain.succession import agencies_as_of

    agencies = {r["code"]: r for r in _rows(package, "agencies")}
    assert (agencies["Karvi"]["successor"], agencies["Karvi"]["successor_since"]) == (
        "OPH",
        "2026-01-01",
    )
    assert agencies["OPH"]["successor"] == ""
    assert "agency_as_of" not in _rows(package, "responsibilities")[0]  # published roles only
    folder = tmp_path / "asof"
    result = cli(
        ["--as-of", "2026-06-01", "export", "-f", "datapackage", "-o", str(folder), "-a", "OPH"]
    )
    assert result.exit_code == 0, result.stderr
    assert _frictionless(folder / "datapackage.json")["valid"] is True
    roles = _rows(folder, "responsibilities")
    karvi = [r for r in roles if r["measure"] == "3.1.2.4"]
    assert karvi == [
        {"measure": "3.1.2.4", "agency": "Karvi", "role": "responsible", "agency_as_of": "OPH"}
    ]
    # As of the date, OPH's measures include the one it carries for Karvi.
    ids = [r["id"] for r in _rows(folder, "measures")]
    then = agencies_as_of(bundled, dt.date(2026, 6, 1))
    assert ids == [m.id for m in bundled.measures if "OPH" in sum(then.roles(m), ())]
    assert "3.1.2.4" in ids
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["as_of"] == "2026-06-01"
    before = tmp_path / "before"
    assert (
        cli(["--as-of", "2025-06-01", "export", "-f", "datapackage", "-o", str(before)]).exit_code
        == 0
    )
    assert {
        r["agency_as_of"] for r in _rows(before, "responsibilities") if r["agency"] == "Karvi"
    } == {"Karvi"}


def test_with_a_status_log_the_package_holds_the_status_and_the_log(
    cli: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "st"
    result = cli(["--status", str(STATUS), "export", "-f", "datapackage", "-o", str(folder)])
    assert result.exit_code == 0, result.stderr
    report = _frictionless(folder / "datapackage.json")
    assert report["valid"] is True
    assert [t["name"] for t in report["tasks"]] == [*RESOURCES, "status", "status_log"]
    assert len(_rows(folder, "measures")) == 44
    status = {r["measure"]: r for r in _rows(folder, "status")}
    assert sorted(status) == ["3.1.2.4", "3.2.2.1"]
    assert status["3.2.2.1"]["state"] == "in-progress"
    assert status["3.2.2.1"]["health"] == ""  # cleared by the second report
    assert status["3.2.2.1"]["reports"] == "2"
    log = _rows(folder, "status_log")
    assert [(r["entry"], r["measure"], r["cleared"]) for r in log] == [
        ("1", "3.2.2.1", ""),
        ("2", "3.2.2.1", "health"),
        ("3", "3.1.2.4", ""),
    ]
    # Who reported is personal data; a package is for sharing.
    assert "by" not in log[0]
    assert "M. V." not in (folder / "datapackage.json").read_text(encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    state = next(f for f in schemas["status"]["fields"] if f["name"] == "state")
    assert state["constraints"]["enum"][:3] == ["not-started", "in-progress", "done"]
    assert "3 entries" in descriptor["description"]


def test_filters_and_states_select_the_status_rows_too(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "done"
    args = ["--status", str(STATUS), "export", "-f", "datapackage", "-o", str(folder)]
    assert cli([*args, "--state", "done"]).exit_code == 0
    assert _frictionless(folder / "datapackage.json")["valid"] is True
    assert [r["id"] for r in _rows(folder, "measures")] == ["3.1.2.4"]
    assert [r["entry"] for r in _rows(folder, "status_log")] == ["3"]  # numbered as in the log
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["filters"] == {"state": "done"}
