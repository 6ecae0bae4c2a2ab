"""The Python API: its documented examples run, it is the CLI's code, and importing it is free."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import digivisio_cli as dv
from conftest import FIXTURES, SMALL, Invoke
from digivisio_cli.domain.model import Dataset
from digivisio_cli.domain.query import Filters, filter_measures
from digivisio_cli.errors import UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def test_the_examples_in_docs_api_md_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGIVISIO_LANG", "en")
    monkeypatch.delenv("DIGIVISIO_DATA", raising=False)
    result = doctest.testfile(
        str(ROOT / "docs" / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        verbose=False,
    )
    assert result.attempted > 20
    assert result.failed == 0


@pytest.mark.subprocess
def test_the_issue_one_liner_prints_karvis_measure() -> None:
    code = "import digivisio_cli as dv; ds = dv.load(); print([m.id for m in dv.measures(ds, actor='karvi')])"
    env = {**os.environ, "PYTHONPATH": str(SRC), "DIGIVISIO_CACHE": "off"}
    env.pop("DIGIVISIO_DATA", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert (out.returncode, out.stdout) == (0, "['3.1.2.4']\n")


@pytest.mark.subprocess
def test_importing_the_package_imports_nothing_of_the_api() -> None:
    probe = "import sys, digivisio_cli; print(sorted(m for m in sys.modules if m.startswith('digivisio_cli')))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == "['digivisio_cli']"
    assert "typing" not in out.stdout


def test_the_api_answers_as_the_cli_does(bundled: Dataset, cli: Invoke) -> None:
    found = dv.measures(bundled, actor="OPH", goal="3.2", pending=False)
    assert found == filter_measures(bundled, Filters("OPH", None, "3.2", False, None))
    listed = json.loads(
        cli(["measures", "--actor", "OPH", "--goal", "3.2", "--no-pending", "-f", "json"]).stdout
    )
    assert dv.to_records(bundled, found) == listed
    grid = json.loads(cli(["matrix", "-f", "json"]).stdout)
    assert dv.to_records(bundled, dv.matrix(bundled)) == grid


def test_load_takes_a_path_and_diff_takes_paths(small: Dataset) -> None:
    assert dv.load(SMALL) == small
    changes = dv.diff(SMALL, SMALL.with_name("small-v2.yaml"))
    assert not changes.same
    assert {r["kind"] for r in dv.to_records(changes)} >= {"measure"}


def test_errors_are_the_cli_exceptions_with_their_message(bundled: Dataset) -> None:
    with pytest.raises(UnknownNameError) as caught:
        dv.measures(bundled, actor="nobody")
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith("digivisio: No agency is called 'nobody'.")
    with pytest.raises(dv.DataFileError):
        dv.load(SMALL.with_name("no-such.yaml"))


def test_the_package_is_typed() -> None:
    assert (SRC / "digivisio_cli" / "py.typed").is_file()


@pytest.mark.subprocess
@pytest.mark.skipif(
    not os.environ.get("DIGIVISIO_BUILD_WHEEL"), reason="set DIGIVISIO_BUILD_WHEEL=1"
)
def test_the_wheel_ships_py_typed_and_the_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "digivisio_cli/py.typed" in names
    assert "digivisio_cli/data/measures.yaml" in names


def test_a_status_log_loads_with_the_data_and_filters_by_state(bundled: Dataset) -> None:
    ds = dv.load(status=FIXTURES / "status.yaml")
    assert isinstance(ds, dv.DatasetWithStatus)
    assert ds.measures == bundled.measures
    assert [m.id for m in dv.measures(ds, state="done")] == ["3.1.2.4"]
    assert [m.id for m in dv.measures(ds, state=["in-progress", "valmis"])] == [
        "3.1.2.4",
        "3.2.2.1",
    ]
    assert len(dv.measures(ds, state="not-started")) == 42  # never reported: not started
    record = dv.to_records(ds, dv.measures(ds, actor="karvi"))[0]
    assert (record["state"], record["status_date"]) == ("done", "2026-02-01")


def test_a_state_without_a_log_or_an_unknown_state_is_a_usage_error(bundled: Dataset) -> None:
    with pytest.raises(dv.UsageError) as caught:
        dv.measures(bundled, state="done")
    assert "needs a status log" in str(caught.value)
    ds = dv.load(status=FIXTURES / "status.yaml")
    with pytest.raises(dv.UsageError) as unknown:
        dv.measures(ds, health="purple")
    assert "Unknown health 'purple'" in str(unknown.value)
