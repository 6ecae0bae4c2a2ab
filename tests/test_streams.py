"""Output that cannot be encoded or written: replaced, or a clean error, never a traceback.

These run the CLI in a real process, because encodings, closed pipes and closed descriptors are
properties of the process's standard streams.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from conftest import invoke_cli
from digivisio_cli.app.cli import run as run_cli

COMMAND = [sys.executable, "-m", "digivisio_cli"]


def environment(**changes: str | None) -> dict[str, str]:
    """The test's environment (PYTHONPATH kept), English messages, with ``changes`` applied."""
    env = {**os.environ, "DIGIVISIO_LANG": "en", "DIGIVISIO_CACHE": "off", "NO_COLOR": "1"}
    for key in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LC_CTYPE", "LANG"):
        env.pop(key, None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, env=dict(env), timeout=30, check=False
    )


ASCII_ONLY = {
    "PYTHONIOENCODING=ascii": environment(PYTHONIOENCODING="ascii"),
    "LC_ALL=C, no UTF-8 mode": environment(
        LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0"
    ),
}


@pytest.mark.subprocess
@pytest.mark.parametrize("env", ASCII_ONLY.values(), ids=ASCII_ONLY.keys())
def test_unencodable_answer_is_shown_with_replacements(env: Mapping[str, str]) -> None:
    proc = run(["--lang", "fi", "who-owns", "3.2.2", "-f", "plain"], env)
    assert proc.returncode == 0
    assert b"Traceback" not in proc.stderr
    stdout = proc.stdout.decode("ascii")  # nothing but ASCII reached the stream
    assert stdout.startswith("3.2.2.1\tOKM\tOPH\tei\tOpetus- ja kulttuuriministeri? johtaa")
    assert len(stdout.splitlines()) == 6


@pytest.mark.subprocess
@pytest.mark.parametrize("env", ASCII_ONLY.values(), ids=ASCII_ONLY.keys())
def test_unencodable_error_message_is_still_readable(env: Mapping[str, str]) -> None:
    proc = run(["--lang", "fi", "who-owns", "3.2.9"], env)
    assert proc.returncode == 2
    stderr = proc.stderr.decode("ascii")
    assert "Traceback" not in stderr
    # Python escapes what stderr's encoding cannot show: the message keeps its meaning.
    assert stderr.splitlines()[0] == (
        "digivisio: Tunnuksella '3.2.9' ei ole teemaa, tavoitetta eik\\xe4 toimenpidett\\xe4."
    )


@pytest.mark.subprocess
def test_table_on_an_ascii_stream_replaces_letters_and_lines() -> None:
    proc = run(["--lang", "fi", "goals", "-f", "table"], ASCII_ONLY["PYTHONIOENCODING=ascii"])
    assert proc.returncode == 0
    assert b"Traceback" not in proc.stderr
    table = proc.stdout.decode("ascii")
    assert "3.2.2" in table and "kehitet??n kokonaisuutena" in table


@pytest.mark.subprocess
def test_closed_pipe_ends_quietly_after_what_was_read() -> None:
    expected_first = invoke_cli(["measures", "--format", "plain"]).stdout.splitlines()[0]
    # A small pipe, so that the writer is still writing when the reader goes away.
    with subprocess.Popen(
        [*COMMAND, "measures", "--format", "plain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
        pipesize=4096,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline().decode("utf-8").rstrip("\n")
        proc.stdout.close()
        stderr = proc.stderr.read().decode("utf-8")
        code = proc.wait(timeout=30)
    assert first == expected_first
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert code == 0


@pytest.mark.subprocess
def test_closed_stdout_is_a_clean_error() -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *COMMAND, "measures", "--format", "plain"],
        capture_output=False,
        stderr=subprocess.PIPE,
        env=environment(),
        timeout=30,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines()[-1] == (
        "digivisio: Could not write the output: standard output is closed."
    )


@pytest.mark.subprocess
def test_closed_stderr_keeps_messages_out_of_the_data() -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" 2>&-', "sh", *COMMAND, "measures", "--pending", "-f", "plain"],
        stdout=subprocess.PIPE,
        env=environment(),
        timeout=30,
        check=False,
    )
    assert proc.returncode == 0
    lines = proc.stdout.decode("utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["3.3.2.3", "3.3.2.4", "3.3.2.5"]


@pytest.mark.subprocess
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["measures", "-f", "plain"], ["export", "-f", "xlsx"]], ids=["text", "bytes"]
)
def test_full_disk_is_a_clean_error(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*COMMAND, *args],
            stdout=full,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=30,
            check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines()[-1] == (
        "digivisio: Could not write the output: No space left on device."
    )


class _ReaderGoneStream(io.StringIO):
    """A stdout whose reader has gone away: every write breaks the pipe."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize(
    "args", [["measures", "-f", "plain"], ["validate"]], ids=["listing", "validate"]
)
def test_a_pipe_broken_inside_the_command_also_ends_with_exit_0(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Click would turn a BrokenPipeError raised inside a command into exit 1; whether the pipe
    # breaks there or at the final flush is a race, so both must end alike.
    monkeypatch.setenv("DIGIVISIO_CACHE", "off")
    monkeypatch.setattr(sys, "stdout", _ReaderGoneStream())
    assert run_cli(args) == 0
