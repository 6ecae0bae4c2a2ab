"""The status commands end to end: a session of ``status set`` and what every command then says."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke

# Report dates well in the past, so that no run of the suite ever meets a "future" one.
D1, D2, D3 = "2024-03-01", "2024-05-15", "2024-06-20"


def session(cli: Invoke, log: Path) -> list[bytes]:
    """A planning season: reports on three measures. The log's bytes after each append."""
    steps = [
        [
            "3.2.2.1",
            "in-progress",
            "--health",
            "on-track",
            "--owner",
            "OKM/KTPO",
            "--date",
            D1,
            "--note",
            "Kick-off held",
            "--by",
            "PMO",
        ],
        ["3.1.1.1", "done", "--date", D1],
        ["3.2.2.1", "--health", "at-risk", "--date", D2, "--note", "Procurement late"],
        ["3.3.2.3", "dropped", "--date", D2],
        ["3.2.2.1", "--clear", "health", "--due", "2027-06-30", "--date", D3],
    ]
    seen = []
    for step in steps:
        result = cli(["--status", str(log), "status", "set", *step])
        assert result.exit_code == 0, result.stderr
        seen.append(log.read_bytes())
    return seen


@pytest.fixture
def log(cli: Invoke, tmp_path: Path) -> Path:
    path = tmp_path / "status.yaml"
    session(cli, path)
    return path


def test_each_append_keeps_the_earlier_bytes_exactly(cli: Invoke, tmp_path: Path) -> None:
    seen = session(cli, tmp_path / "status.yaml")
    for before, after in itertools.pairwise(seen):
        assert after.startswith(before) and len(after) > len(before)


def test_creating_the_log_says_so_and_writes_a_header_comment(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    result = cli(["--status", str(path), "status", "set", "3.1.1.1", "done", "--date", D1])
    assert result.exit_code == 0
    assert f"Created the status log {path}" in result.stderr
    text = path.read_text()
    assert text.startswith("# digivisio status log") and "schema_version: 1" in text
    again = cli(["--status", str(path), "status", "set", "3.1.1.1", "--note", "x", "--date", D1])
    assert "Created" not in again.stderr


def test_carry_forward_and_clear_reach_the_measures_json(cli: Invoke, log: Path) -> None:
    result = cli(["--status", str(log), "measures", "--goal", "3.2.2", "--format", "json"])
    first = json.loads(result.stdout)[0]
    assert first["id"] == "3.2.2.1"
    assert {k: first[k] for k in ("state", "health", "due", "owner", "link")} == {
        "state": "in-progress",
        "health": None,  # cleared on D3
        "due": "2027-06-30",
        "owner": "OKM/KTPO",  # carried from D1
        "link": None,
    }
    assert first["status_note"] == "Procurement late"
    assert first["status_date"] == D3
    never = json.loads(result.stdout)[1]
    assert never["state"] is None and never["status_date"] is None


def test_csv_carries_the_status_columns_by_their_names(cli: Invoke, log: Path) -> None:
    result = cli(["--status", str(log), "measures", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    keys = ["state", "health", "due", "owner", "link", "status_note", "status_date"]
    assert list(rows[0])[-7:] == keys
    done = [r["id"] for r in rows if r["state"] == "done"]
    assert done == ["3.1.1.1"]


def test_without_a_log_listings_have_no_status_keys(cli: Invoke) -> None:
    result = cli(["measures", "--format", "json"])
    assert "state" not in json.loads(result.stdout)[0]


def test_state_filter_not_started_includes_measures_never_reported(
    cli: Invoke, log: Path, bundled: object
) -> None:
    result = cli(["--status", str(log), "measures", "--state", "not-started", "--format", "json"])
    ids = [m["id"] for m in json.loads(result.stdout)]
    assert len(ids) == 44 - 3 and "3.2.2.2" in ids and "3.1.1.1" not in ids
    both = cli(["--status", str(log), "measures", "--state", "done,dropped", "--format", "json"])
    assert [m["id"] for m in json.loads(both.stdout)] == ["3.1.1.1", "3.3.2.3"]


@pytest.mark.parametrize(
    ("lang", "word"), [("fi", "käynnissä"), ("sv", "pågår"), ("en", "in progress")]
)
def test_states_are_accepted_and_shown_as_labels_in_each_language(
    cli: Invoke, tmp_path: Path, lang: str, word: str
) -> None:
    path = tmp_path / "s.yaml"
    result = cli(
        ["--lang", lang, "--status", str(path), "status", "set", "3.1.2.1", word, "--date", D1]
    )
    assert result.exit_code == 0, result.stderr
    assert "state: in-progress" in path.read_text()
    shown = cli(["--lang", lang, "--status", str(path), "who-owns", "3.1.2.1", "--format", "plain"])
    assert word in shown.stdout


def test_the_export_formats_carry_the_status(cli: Invoke, log: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = cli(["--status", str(log), "export", "--format", fmt, "--state", "done"])
        assert out.exit_code == 0 and "3.1.1.1" in out.stdout and "3.2.2.1" not in out.stdout
        assert "done" in out.stdout
    from openpyxl import load_workbook

    target = tmp_path / "x.xlsx"
    cli(["--status", str(log), "export", "--format", "xlsx", "-o", str(target)])
    sheet = load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert "State" in header and "Reported" in header  # the workbook's headings are labels


def test_show_gives_a_measures_status_in_its_envelope(cli: Invoke, log: Path) -> None:
    data = json.loads(cli(["--status", str(log), "show", "3.1.1.1", "--format", "json"]).stdout)
    assert data["state"] == "done" and data["status_date"] == D1


def test_overview_counts_per_agency_with_a_total(cli: Invoke, log: Path) -> None:
    result = cli(["--status", str(log), "status", "--format", "json"])
    data = json.loads(result.stdout)
    rows = {r["key"]: r for r in data["rows"]}
    total = rows["total"]
    assert total["measures"] == 44
    assert (total["done"], total["dropped"], total["in-progress"]) == (1, 1, 1)
    assert total["not-started"] == 41 and total["no_report"] == 41
    assert total["share_done"] == round(1 / 43, 4)
    assert rows[None]["measures"] == 3  # the measures naming no agency
    assert rows["OKM"]["in-progress"] == 1  # 3.2.2.1 is the ministry's
    assert data["by"] == "agency" and data["stale_after"] == 90
    assert total["stale"] == 1  # 3.2.2.1, reported in 2024; closed measures never go stale


def test_overview_by_goal_and_theme_adds_up(cli: Invoke, log: Path) -> None:
    for by in ("goal", "theme"):
        data = json.loads(
            cli(["--status", str(log), "status", "--by", by, "--format", "json"]).stdout
        )
        parts = [r for r in data["rows"] if r["key"] != "total"]
        assert sum(r["measures"] for r in parts) == 44


def test_overview_on_a_terminal_draws_a_bar_per_row(cli: Invoke, log: Path) -> None:
    result = cli(["--status", str(log), "status", "--format", "table"])
    assert result.stdout.count("░") > 0
    plain = cli(["--status", str(log), "status", "--format", "plain"])
    assert "░" not in plain.stdout


def test_log_lists_entries_oldest_first_filtered_by_id_and_date(cli: Invoke, log: Path) -> None:
    entries = json.loads(
        cli(["--status", str(log), "status", "log", "3.2", "--format", "json"]).stdout
    )
    assert [e["date"] for e in entries] == [D1, D2, D3]
    assert entries[-1]["cleared"] == ["health"]
    later = json.loads(
        cli(["--status", str(log), "status", "log", "--since", D2, "--format", "json"]).stdout
    )
    assert [e["measure"] for e in later] == ["3.2.2.1", "3.3.2.3", "3.2.2.1"]


def test_since_shows_before_and_now_and_the_notes(cli: Invoke, log: Path) -> None:
    data = json.loads(cli(["--status", str(log), "status", "since", D2, "--format", "json"]).stdout)
    moved = {m["measure"]: m for m in data["measures"]}
    assert set(moved) == {"3.2.2.1", "3.3.2.3"}
    m = moved["3.2.2.1"]
    assert (m["health_before"], m["health"]) == ("on-track", None)
    assert m["notes"] == [f"{D2}: Procurement late"]
    assert moved["3.3.2.3"]["state_before"] is None


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["3.2.2.7", "done"], "Did you mean: 3.2.2.6"),
        (["3.2.2", "done"], "is a goal"),
        (["3.2.2.1", "dnoe"], "Did you mean: done"),
        (["3.2.2.1", "--health", "amber"], "Valid: on-track"),
        (["3.2.2.1", "done", "--date", "2024-02-30"], "YYYY-MM-DD"),
        (["3.2.2.1", "done", "--date", "2999-01-01"], "after today"),
        (["3.2.2.1", "--due", "soon"], "YYYY-MM-DD"),
        (["3.2.2.1", "--clear", "helth"], "Did you mean: health"),
        (["3.2.2.1", "--health", "at-risk", "--clear", "health"], "both set and cleared"),
        (["3.2.2.1"], "Nothing to record"),
    ],
)
def test_bad_input_is_a_usage_error_and_the_log_is_untouched(
    cli: Invoke, log: Path, args: list[str], needle: str
) -> None:
    before = log.read_bytes()
    result = cli(["--status", str(log), "status", "set", *args])
    assert result.exit_code == 2, result.stderr
    assert needle in result.stderr
    assert log.read_bytes() == before


def test_a_refused_first_entry_creates_no_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "none.yaml"
    assert cli(["--status", str(path), "status", "set", "9.9", "done"]).exit_code == 2
    assert not path.exists()


def test_a_symlinked_log_is_written_through_to_its_target(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    session(cli, target)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    before = target.read_bytes()
    assert (
        cli(["--status", str(link), "status", "set", "3.1.1.2", "done", "--date", D3]).exit_code
        == 0
    )
    assert link.is_symlink()
    assert target.read_bytes().startswith(before) and b"3.1.1.2" in target.read_bytes()


def test_status_filters_and_commands_need_a_log(cli: Invoke) -> None:
    for args in (["measures", "--state", "done"], ["status"], ["status", "log"]):
        result = cli(args, env={"DIGIVISIO_STATUS": None})
        assert result.exit_code == 2 and "needs a status log" in result.stderr


def test_the_log_can_come_from_the_environment(cli: Invoke, log: Path) -> None:
    result = cli(["status", "--format", "json"], env={"DIGIVISIO_STATUS": str(log)})
    assert result.exit_code == 0 and '"total"' in result.stdout


def test_a_log_whose_entries_are_in_brackets_is_refused_not_rewritten(
    cli: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("schema_version: 1\nentries: []\n")
    result = cli(["--status", str(path), "status", "set", "3.1.1.1", "done", "--date", D1])
    assert result.exit_code == 1 and "cannot add" in result.stderr
    assert path.read_text() == "schema_version: 1\nentries: []\n"


@pytest.mark.subprocess
def test_ten_concurrent_status_sets_leave_ten_entries(tmp_path: Path) -> None:
    path = tmp_path / "busy.yaml"
    env = {**os.environ, "DIGIVISIO_CACHE": "off", "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "digivisio_cli",
                "--status",
                str(path),
                "status",
                "set",
                "3.1.1.1",
                "--note",
                f"run {i}",
                "--date",
                D1,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(10)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    text = path.read_text()
    assert text.count("- measure: 3.1.1.1") == 10
    assert sorted(text.count(f'"run {i}"') for i in range(10)) == [1] * 10


def test_what_status_set_leaves_in_the_cache_is_what_the_parser_reads(
    cli: Invoke, tmp_path: Path, bundled: object
) -> None:
    from digivisio_cli.data import cache
    from digivisio_cli.data.status import CachedLog, parse

    env = {"DIGIVISIO_CACHE": "on", "DIGIVISIO_CACHE_DIR": str(tmp_path / "cache")}
    path = tmp_path / "s.yaml"
    path.write_text(
        "schema_version: 1\nentries:\n- measure: '3.1.1.1'\n  date: '2024-01-02'\n  note: |\n"
        "    two\n    lines\n",
        encoding="utf-8",
    )  # quoted values, items not indented, a block scalar last: the append must fit in
    args = [
        "--status",
        str(path),
        "status",
        "set",
        "3.2.2.1",
        "on-hold",
        "--owner",
        "OKM/KTPO",
        "--link",
        "https://okm.fi/hanke?tunnus=OKM071:00/2021",
        "--note",
        'say "no": #1',
        "--clear",
        "due",
        "--date",
        D2,
    ]
    assert cli(args, env=env).exit_code == 0
    content = path.read_bytes()
    os.environ["DIGIVISIO_CACHE_DIR"], saved = (
        str(tmp_path / "cache"),
        os.environ.get("DIGIVISIO_CACHE_DIR"),
    )
    os.environ["DIGIVISIO_CACHE"], saved_switch = "on", os.environ.get("DIGIVISIO_CACHE")
    try:
        kept = cache.lookup(cache.key(content, "status"), CachedLog)
    finally:
        for var, value in (("DIGIVISIO_CACHE_DIR", saved), ("DIGIVISIO_CACHE", saved_switch)):
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
    assert kept is not None
    fresh = parse(content, str(path), bundled)  # type: ignore[arg-type]
    again = CachedLog.of(fresh)
    assert (kept.current, kept.first_lines, kept.latest) == (
        again.current,
        again.first_lines,
        again.latest,
    )
    stored = kept.log()
    assert stored == fresh and stored.current() == fresh.current()
    assert stored.entries[-1].note == 'say "no": #1' and stored.entries[-1].given == {
        "state",
        "owner",
        "link",
        "due",
    }


def test_text_with_a_control_character_is_refused_before_writing(cli: Invoke, log: Path) -> None:
    before = log.read_bytes()
    result = cli(["--status", str(log), "status", "set", "3.2.2.1", "--note", "bell\x07"])
    assert result.exit_code == 2 and "U+0007" in result.stderr
    assert log.read_bytes() == before


def test_overview_as_of_a_date_counts_the_agencies_of_that_date(cli: Invoke, log: Path) -> None:
    # The bundled data records Karvi's succession by OPH: as of a later date Karvi's measure
    # counts for OPH, and Karvi has no row of its own.
    published = json.loads(cli(["--status", str(log), "status", "-f", "json"]).stdout)
    later = json.loads(
        cli(["--status", str(log), "--as-of", "2030-01-01", "status", "-f", "json"]).stdout
    )
    before = {r["key"]: r["measures"] for r in published["rows"]}
    after = {r["key"]: r["measures"] for r in later["rows"]}
    assert "Karvi" in before and "Karvi" not in after
    assert after["OPH"] == before["OPH"] + before["Karvi"]
    assert later["as_of"] == "2030-01-01" and "as_of" not in published
    assert after["total"] == before["total"] == 44


def test_a_failed_write_leaves_the_old_log_and_no_temporary_file(
    cli: Invoke, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk shows as an OSError while the new content is written or renamed into place.
    before = log.read_bytes()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = cli(["--status", str(log), "status", "set", "3.1.1.2", "done", "--date", D3])
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert log.read_bytes() == before
    assert sorted(p.name for p in log.parent.iterdir()) == ["status.yaml", "status.yaml.lock"]


def test_a_mistyped_status_subcommand_gets_the_near_one_suggested(cli: Invoke) -> None:
    # A run builds only the subcommands it names; a name that matches none keeps them all.
    result = cli(["status", "sett"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: No such command 'sett'. Did you mean 'set'?"
