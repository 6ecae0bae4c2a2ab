"""Shared fixtures: the bundled data, a small data file, and a way to run the CLI in-process."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner

from digivisio_cli.app.cli import run
from digivisio_cli.data.matrix import load
from digivisio_cli.data.source import bundled_data_path
from digivisio_cli.domain.model import Dataset

# No test may read or write the real user's cache folder: the session runs with the cache off,
# and a folder of its own in case a test switches it on without choosing one (tests of the cache
# give it their own). Set before anything is loaded, so the session fixtures obey it too.
os.environ["DIGIVISIO_CACHE"] = "off"
os.environ["DIGIVISIO_CACHE_DIR"] = tempfile.mkdtemp(prefix="digivisio-test-cache-")

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.yaml"


@dataclass
class Result:
    """What a CLI run left behind."""

    exit_code: int
    stdout: str
    stderr: str


Invoke = Callable[..., Result]


def invoke_cli(
    args: list[str],
    env: Mapping[str, str | None] | None = None,
    stdin: bytes | BinaryIO | None = None,
    stdin_closed: bool = False,
) -> Result:
    """Run the CLI in-process, through the same error handling as the console script.

    ``stdin`` is the bytes of standard input, or an open binary file to read it from (a device,
    say); ``stdin_closed`` runs it as after ``0<&-``: ``sys.stdin`` is None.
    """
    runner = CliRunner()
    base: dict[str, str | None] = {
        "DIGIVISIO_LANG": "en",
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "DIGIVISIO_CACHE": "off",
        # A developer's own setting must not turn every answer into an as-of one.
        "DIGIVISIO_AS_OF": None,
    }
    base.update(env or {})
    given = stdin if isinstance(stdin, bytes) else None
    with runner.isolation(input=given, env=base) as (out, err, _):
        if stdin_closed:
            sys.stdin = None  # type: ignore[assignment]  # restored by the isolation
        elif stdin is not None and not isinstance(stdin, bytes):
            sys.stdin = io.TextIOWrapper(stdin)  # type: ignore[arg-type]
        code = run(args)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Result(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli() -> Invoke:
    """The CLI runner."""
    return invoke_cli


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The bundled data set."""
    return load(bundled_data_path())


@pytest.fixture(scope="session")
def small() -> Dataset:
    """The small test data set."""
    return load(SMALL)


def pytest_configure(config: pytest.Config) -> None:
    """Compile the message catalogs of a source checkout when they are missing or stale.

    An installed package carries its compiled catalogs (the wheel's build hook made them) and no
    .po files, so nothing happens there; run from ``src/`` the .mo files are built beside the
    .po files with Babel, as ``python scripts/catalogs.py compile`` would.
    """
    import digivisio_cli

    locale = Path(digivisio_cli.__file__).parent / "locale"
    if not any(locale.glob("*/LC_MESSAGES/*.po")):
        return
    scripts = Path(__file__).resolve().parent.parent / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import catalogs
    finally:
        sys.path.remove(str(scripts))
    if catalogs.stale(locale):
        catalogs.compile_all(locale)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutmut, run the quickest tests first (docs/testing.md, "Mutation testing").

    mutmut stops a mutant's run at the first failing test; with the tests that its statistics
    found quickest first, a caught mutant is caught sooner. mutmut names the mutant in
    ``MUTANT_UNDER_TEST`` (empty for its clean run, which therefore runs in the same order).
    Outside mutmut the order is pytest's own.
    """
    stats = Path("mutmut-stats.json")
    if "MUTANT_UNDER_TEST" not in os.environ or not stats.is_file():
        return
    import json

    duration = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: duration.get(item.nodeid, 0.0))


def _hypothesis_profile() -> None:
    """No deadline and no "too slow" health check: the examples stay the same, but a busy
    two-core machine (a mutation run, CI beside other jobs) must not fail a property for speed."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "digivisio", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("digivisio")


_hypothesis_profile()
