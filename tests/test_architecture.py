"""The shape of the package that docs/architecture.md promises, checked where it can drift."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

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


def test_a_run_builds_only_the_command_it_names() -> None:
    import typer

    from digivisio_cli.app.argv import command_name
    from digivisio_cli.app.cli import _only, app

    assert command_name(["--lang", "fi", "--no-color", "who-owns", "3.2.2"]) == "who-owns"
    assert command_name(["--data", "x.yaml", "--help"]) is None
    built = typer.main.get_command(_only("who-owns"))
    assert list(getattr(built, "commands", {})) == ["who-owns"]
    assert _only("who-own") is app and _only(None) is app
    status = typer.main.get_command(_only("status"))
    assert list(getattr(status, "commands", {})) == ["status"]


def test_each_command_helps_alike_built_alone_or_with_all(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    from digivisio_cli.app.cli import _only, app

    monkeypatch.setenv("COLUMNS", "100")

    def help_of(command: typer.core.TyperGroup, name: str) -> str:
        with pytest.raises(SystemExit) as done:
            command.main([name, "--help"], prog_name="digivisio")
        assert done.value.code == 0
        return capsys.readouterr().out

    full = typer.main.get_command(app)
    assert isinstance(full, typer.core.TyperGroup)
    names = list(full.commands)
    assert len(names) >= 9
    for name in names:
        alone = typer.main.get_command(_only(name))
        assert isinstance(alone, typer.core.TyperGroup)
        assert help_of(alone, name) == help_of(full, name)


def test_a_status_run_builds_only_the_subcommand_it_names() -> None:
    import typer

    from digivisio_cli.app.cli import _only

    def subcommands(rest: list[str]) -> list[str]:
        built = typer.main.get_command(_only("status", rest))
        group = getattr(built, "commands", {})["status"]
        return sorted(getattr(group, "commands", {}))

    assert subcommands(["--format", "json"]) == []
    assert subcommands(["set", "3.2.2.1", "done"]) == ["set"]
    assert subcommands(["--by", "goal"]) == []
    assert subcommands(["set", "--help"]) == ["import", "log", "set", "since"]
