"""Shared fixtures: the bundled data, a small data file, and a way to run the CLI in-process."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digivisio_cli.app.cli import run
from digivisio_cli.data.matrix import load
from digivisio_cli.data.source import bundled_data_path
from digivisio_cli.domain.model import Dataset

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
    args: list[str], env: Mapping[str, str | None] | None = None, stdin: bytes | None = None
) -> Result:
    """Run the CLI in-process, through the same error handling as the console script."""
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
    with runner.isolation(input=stdin, env=base) as (out, err, _):
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
