"""The catalogue of damaged status logs: each case, the exact report, and nothing written.

Every case is read through the real command line (``--status FILE status``, in-process) and must
give exit 1 and exactly the lines listed here on stderr (the log's path written as ``{path}``);
then ``status set`` on the same log must refuse in the same way and leave its bytes as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Invoke

HEAD = "schema_version: 1\nentries:\n"


@dataclass(frozen=True)
class Case:
    """A damaged log and the lines its report must consist of."""

    name: str
    content: str
    lines: tuple[str, ...]


def entry(measure: str, date: str = "2024-01-15", **fields: str) -> str:
    out = f"  - measure: {measure}\n    date: {date}\n"
    return out + "".join(f"    {k}: {v}\n" for k, v in fields.items())


CATALOGUE = [
    Case(
        "unknown measure id, with did-you-mean",
        HEAD + entry("3.2.9.1"),
        (
            "{path}:3: measure: no measure has the id '3.2.9.1'; did you mean 3.2.4.1, 3.2.3.1, 3.2.2.1?",
        ),
    ),
    Case(
        "a measure the data file no longer has",
        HEAD + entry("3.2.2.9"),
        (
            "{path}:3: measure: the data file no longer has '3.2.2.9' (goal 3.2.2 has "
            "3.2.2.1–3.2.2.6); was it removed or renumbered?",
        ),
    ),
    Case(
        "a goal id where a measure is meant",
        HEAD + entry("3.2.2"),
        (
            "{path}:3: measure: '3.2.2' is a goal, not a measure; an entry reports on one "
            "measure (such as 3.2.2.1, 3.2.2.2)",
        ),
    ),
    Case(
        "a theme id, quoted, where a measure is meant",
        HEAD + entry('"3.1"'),
        (
            "{path}:3: measure: '3.1' is a theme, not a measure; an entry reports on one "
            "measure (such as 3.1.1.1, 3.1.1.2)",
        ),
    ),
    Case(
        "a theme id YAML reads as a number",
        HEAD + entry("3.1"),
        (
            '{path}:3: measure #1: measure: expected text, got a number (put it in quotes, e.g. "3.1")',
        ),
    ),
    Case(
        "unknown state, a label where the code belongs",
        HEAD + entry("3.2.2.1", state="käynnissä"),
        (
            "{path}:5: measure 3.2.2.1: state: unknown state 'käynnissä' (the file holds codes: "
            "not-started, in-progress, done, on-hold, dropped); did you mean in-progress?",
        ),
    ),
    Case(
        # At least half like three codes: the two nearest are suggested.
        "unknown state, a typo near two codes",
        HEAD + entry("3.2.2.1", state="oned"),
        (
            "{path}:5: measure 3.2.2.1: state: unknown state 'oned' (the file holds codes: "
            "not-started, in-progress, done, on-hold, dropped); did you mean done, on-hold?",
        ),
    ),
    Case(
        "unknown state, a typo just over half like a code",
        HEAD + entry("3.2.2.1", state="odod"),
        (
            "{path}:5: measure 3.2.2.1: state: unknown state 'odod' (the file holds codes: "
            "not-started, in-progress, done, on-hold, dropped); did you mean on-hold, dropped?",
        ),
    ),
    Case(
        "unknown health",
        HEAD + entry("3.2.2.1", health="amber"),
        (
            "{path}:5: measure 3.2.2.1: health: unknown health 'amber' (the file holds codes: "
            "on-track, at-risk, off-track)",
        ),
    ),
    Case(
        "impossible report date",
        HEAD + entry("3.2.2.1", "2024-02-30"),
        (
            "{path}:4: measure 3.2.2.1: not valid YAML: '2024-02-30' is not a valid date "
            "(day is out of range for month)",
        ),
    ),
    Case(
        "report dated in the future",
        HEAD + entry("3.2.2.1", "2999-01-01"),
        ("{path}:3: measure 3.2.2.1: date: the report is dated 2999-01-01, after today ({today})",),
    ),
    Case(
        "duplicate key in an entry",
        HEAD + entry("3.2.2.1", state="done") + "    state: dropped\n",
        (
            "{path}:6: measure 3.2.2.1: duplicate key 'state' (first at line 5); YAML would "
            "silently keep only one of them",
        ),
    ),
    Case(
        "unknown key in an entry",
        HEAD + entry("3.2.2.1", colour="red"),
        ("{path}:5: measure 3.2.2.1: unknown key 'colour'",),
    ),
    Case(
        "missing report date",
        HEAD + "  - measure: 3.2.2.1\n    state: done\n",
        ("{path}:3: measure 3.2.2.1: missing required key 'date'",),
    ),
    Case(
        "wrong schema version",
        "schema_version: 2\nentries:\n" + entry("3.2.2.1"),
        ("{path}:1: schema_version: must be 1",),
    ),
    Case(
        "entries missing",
        "schema_version: 1\n",
        ("{path}:1: missing required key 'entries'",),
    ),
    Case("an empty log", "", ("{path}: the file is empty",)),
    Case(
        # Found last (every text is searched once the schema is checked), listed first.
        "an invisible character in a note, above a later problem",
        HEAD
        + entry("3.2.2.1", note='"a\\u200bb"')
        + entry("3.2.2.1", "2024-01-16", state="finished"),
        (
            "{path}:5: measure 3.2.2.1: note: holds the invisible control character U+200B; "
            "delete it",
            "{path}:8: measure 3.2.2.1: state: unknown state 'finished' (the file holds codes: "
            "not-started, in-progress, done, on-hold, dropped)",
        ),
    ),
    Case(
        "entries tagged as a list but written as a mapping",
        "schema_version: 1\nentries: !!seq {a: 1}\n",
        ("{path}:2: not valid YAML: the value '!!seq' cannot be read (!!seq needs a list)",),
    ),
    Case(
        "entries tagged as a mapping but written as a list",
        "schema_version: 1\nentries: !!map [1, 2]\n",
        ("{path}:2: not valid YAML: the value '!!map' cannot be read (!!map needs a mapping)",),
    ),
    Case(
        "not a mapping",
        "- measure: 3.2.2.1\n",
        ("{path}:1: a status log must be a mapping with the keys schema_version and entries",),
    ),
    Case(
        "cut off mid-entry",
        HEAD + '  - measure: 3.2.2.1\n    note: "half a sent',
        (),  # checked below by prefix: the YAML reader's wording
    ),
]


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.name for c in CATALOGUE])
def test_damaged_log_gets_its_exact_report_and_nothing_is_written(
    cli: Invoke, tmp_path: Path, case: Case
) -> None:
    import datetime as dt

    path = tmp_path / "status.yaml"
    path.write_text(case.content, encoding="utf-8")
    result = cli(["--status", str(path), "status", "--format", "json"])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    expected = [line.format(path=path, today=dt.date.today().isoformat()) for line in case.lines]
    if expected:
        assert lines[:-1] == expected
    else:
        assert lines[0].startswith(f"{path}:")
    assert lines[-1].startswith(f"{path}: ") and "nothing was loaded" in lines[-1]
    assert "Traceback" not in result.stderr
    before = path.read_bytes()
    refused = cli(
        ["--status", str(path), "status", "set", "3.1.1.1", "done", "--date", "2024-02-01"]
    )
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == f"{path} was left as it was."
    assert path.read_bytes() == before


def test_catalogue_names_are_unique() -> None:
    assert len({c.name for c in CATALOGUE}) == len(CATALOGUE)


def test_a_log_naming_a_measure_an_edited_data_file_dropped_is_caught_from_the_cache(
    cli: Invoke, tmp_path: Path
) -> None:
    # The log is valid against the bundled data and is cached so; against a data file without
    # the measure it is an error, though the log's bytes (and so its cache entry) are the same.
    from conftest import SMALL

    path = tmp_path / "status.yaml"
    path.write_text(HEAD + entry("3.2.2.6"), encoding="utf-8")
    env = {"DIGIVISIO_CACHE": "on", "DIGIVISIO_CACHE_DIR": str(tmp_path / "cache")}
    assert cli(["--status", str(path), "status"], env=env).exit_code == 0
    small = cli(["--data", str(SMALL), "--status", str(path), "status"], env=env)
    assert small.exit_code == 1 and "'3.2.2.6'" in small.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "toimenpide 3.2.2.1: avain 'state' toistuu (ensin rivillä 4)"),
        ("en", "measure 3.2.2.1: duplicate key 'state' (first at line 4)"),
    ],
)
def test_a_duplicate_key_in_a_log_is_reported_in_the_reader_language(
    cli: Invoke, tmp_path: Path, lang: str, expected: str
) -> None:
    # The YAML reader's own problems once lost their message key on the way to the report,
    # and a Finnish report said them in English.
    path = tmp_path / "status.yaml"
    path.write_text(
        "schema_version: 1\nentries:\n  - measure: 3.2.2.1\n    state: done\n    state: planned\n"
        "    date: 2024-01-15\n",
        encoding="utf-8",
    )
    result = cli(["--lang", lang, "--status", str(path), "status"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{path}:5: {expected}")


def test_an_empty_status_option_is_refused_by_its_name(cli: Invoke) -> None:
    result = cli(["--status", "", "status"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("--status: is empty;")
