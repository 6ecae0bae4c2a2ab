"""The shape of the package that docs/architecture.md promises, checked where it can drift."""

from __future__ import annotations

import io
import re
from pathlib import Path

from digivisio_cli.app.cli import run
from digivisio_cli.app.terminal import Environment
from digivisio_cli.errors import DiffExit, ExitCode
from digivisio_cli.render.registry import EXPORT_FORMATS, FORMATS, LISTING_FORMATS

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "digivisio_cli"
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_500_lines() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines()) for p in MODULES}
    assert MODULES and {name: n for name, n in sizes.items() if n > 500} == {}


def test_no_module_imports_by_name_at_run_time() -> None:
    # importlib hides imports from the import graph (and so from the contracts).
    found = [p.name for p in MODULES if re.search(r"\bimportlib\b|import_module", p.read_text())]
    assert found == []


def test_exit_codes_are_distinct_and_diff_has_its_own() -> None:
    assert sorted(int(c) for c in ExitCode) == [0, 1, 2, 130]
    assert [int(c) for c in DiffExit] == [0, 1, 2]


def test_every_format_offered_somewhere_and_binary_ones_only_as_exports() -> None:
    assert set(LISTING_FORMATS) | set(EXPORT_FORMATS) == set(FORMATS)
    assert all(not FORMATS[name].binary for name in LISTING_FORMATS)


def test_the_process_edge_can_be_injected() -> None:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(out, err, {"NO_COLOR": "1"})
    assert run(["--lang", "en", "who-owns", "3.2.9"], env=env) == ExitCode.USAGE
    assert out.getvalue() == ""
    assert err.getvalue().startswith("digivisio: No theme, goal or measure has the id '3.2.9'.")
    assert run(["who-owns", "3.2.2.1", "--format", "plain"], env=env) == ExitCode.OK
    assert out.getvalue().startswith("3.2.2.1\t")
