"""Start-up stays lean: each command imports only what it needs (timings: benchmarks/run.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the console script's main() and lists the top-level packages that got imported.
PROBE = """
import sys
from digivisio_cli.__main__ import main
out = sys.argv[1]
try:
    code = main(sys.argv[2:])
finally:
    with open(out, "w") as f:
        f.write(" ".join(sorted({m.split(".")[0] for m in sys.modules})))
sys.exit(code)
"""

HEAVY = {"pydantic", "pydantic_core", "yaml", "rich", "annotated_types"}


def _imported(tmp_path: Path, args: list[str], extra_env: dict[str, str] | None = None) -> set[str]:
    listing = tmp_path / "modules.txt"
    env = {
        **os.environ,
        "DIGIVISIO_CACHE": "on",
        "DIGIVISIO_CACHE_DIR": str(tmp_path / "cache"),
        "DIGIVISIO_LANG": "en",
        **(extra_env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(listing), *args],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    return set(listing.read_text().split())


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A cache already holding the bundled data, as after a user's first command."""
    _imported(tmp_path, ["validate"])
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["who-owns", "3.2.2", "--format", "json"],
        ["measures", "--format", "plain"],
        ["measures", "--format", "csv", "--actor", "oph"],
    ],
)
@pytest.mark.subprocess
def test_answers_from_a_warm_cache_import_no_yaml_pydantic_or_rich(
    warm: Path, args: list[str]
) -> None:
    assert not _imported(warm, args) & HEAVY


@pytest.mark.subprocess
def test_the_first_run_does_validate_with_yaml_and_pydantic(tmp_path: Path) -> None:
    assert {"yaml", "pydantic"} <= _imported(tmp_path, ["who-owns", "3.2.2", "--format", "json"])


@pytest.mark.subprocess
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["who-owns", "--help"]])
def test_help_and_version_import_no_yaml_or_pydantic(tmp_path: Path, args: list[str]) -> None:
    assert not _imported(tmp_path, args) & (HEAVY - {"rich"})


@pytest.mark.subprocess
def test_completion_answers_without_typer(warm: Path) -> None:
    env = {
        "_DIGIVISIO_COMPLETE": "complete_bash",
        "COMP_WORDS": "digivisio who-owns 3.2.",
        "COMP_CWORD": "2",
    }
    assert not _imported(warm, [], env) & (HEAVY | {"typer", "click"})


def test_a_command_thaws_only_what_it_froze() -> None:
    import gc

    from conftest import invoke_cli

    assert invoke_cli(["goals", "-f", "json"]).exit_code == 0
    assert gc.get_freeze_count() == 0  # the command froze the data, and thawed it at the end
    gc.freeze()
    try:
        assert invoke_cli(["goals", "-f", "json"]).exit_code == 0
        assert gc.get_freeze_count() > 0  # what the host program froze stays frozen
    finally:
        gc.unfreeze()


@pytest.fixture
def warm_log(tmp_path: Path) -> Path:
    """A cache holding the bundled data and a status log, as after a user's first commands."""
    log = tmp_path / "status.yaml"
    log.write_text(
        "schema_version: 1\nentries:\n"
        "  - measure: 3.2.2.1\n    date: 2024-01-15\n    state: in-progress\n"
        "  - measure: 3.1.1.1\n    date: 2024-02-01\n    state: done\n    health: on-track\n",
        encoding="utf-8",
    )
    _imported(tmp_path, ["--status", str(log), "status", "--format", "json"])
    return log


@pytest.mark.parametrize(
    "args",
    [
        ["who-owns", "3.2.2", "--format", "json"],
        ["status", "--format", "json"],
        ["measures", "--format", "csv", "--state", "done"],
        ["status", "since", "2024-01-01", "--format", "json"],
    ],
)
@pytest.mark.subprocess
def test_answers_with_a_status_log_from_a_warm_cache_import_no_yaml_pydantic_or_rich(
    warm_log: Path, args: list[str]
) -> None:
    assert not _imported(warm_log.parent, ["--status", str(warm_log), *args]) & HEAVY


@pytest.mark.subprocess
def test_a_status_log_in_the_environment_is_answered_from_the_cache_too(warm_log: Path) -> None:
    env = {"DIGIVISIO_STATUS": str(warm_log)}
    assert not _imported(warm_log.parent, ["status", "log", "--format", "json"], env) & HEAVY


@pytest.mark.subprocess
def test_an_appended_log_is_answered_from_the_cache_at_once(warm_log: Path) -> None:
    # status set parses the new content to check it, and leaves it in the cache.
    assert _imported(
        warm_log.parent,
        ["--status", str(warm_log), "status", "set", "3.1.1.2", "done", "--date", "2024-03-01"],
    )
    assert (
        not _imported(warm_log.parent, ["--status", str(warm_log), "status", "-f", "json"]) & HEAVY
    )


@pytest.mark.subprocess
def test_without_a_status_log_no_status_module_is_imported(warm: Path) -> None:
    listing = warm / "modules-full.txt"
    probe = PROBE.replace('m.split(".")[0] for m in sys.modules', "m for m in sys.modules")
    env = {**os.environ, "DIGIVISIO_CACHE": "on", "DIGIVISIO_CACHE_DIR": str(warm / "cache")}
    env.pop("DIGIVISIO_STATUS", None)
    subprocess.run(
        [sys.executable, "-c", probe, str(listing), "who-owns", "3.2.2", "--format", "json"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    imported = set(listing.read_text().split())
    assert not imported & {"digivisio_cli.domain.status", "digivisio_cli.data.status"}
