"""Start-up and scale benchmark: whole processes, timed and weighed side by side with the floor.

Run it from the project's virtual environment, after ``pip install .``::

    python benchmarks/run.py            # start-up, then scale (1,000 / 10,000 / 100,000 measures)
    python benchmarks/run.py --no-scale # start-up only (about a minute)

Every case is a fresh process. The cases run round-robin (one run of each, again and again), so
a machine that gets busier or quieter during the run affects every case alike; the medians after
a warm-up are compared with the *floor* measured in the same run: a Python process that merely
imports typer, yaml, rich and pydantic. Peak memory is the process's maximum resident set size.

The data cache lives in a temporary folder: the warm-up runs fill it, so the timed runs measure
what a user sees from the second command on. ``who-owns (no cache)`` shows the first run.
"""

from __future__ import annotations

import argparse
import marshal
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from generate import measure_id  # benchmarks/, the folder of this script, is on sys.path
from generate_status import entries as status_entries

HERE = Path(__file__).resolve().parent
FLOOR_IMPORTS = "import typer, yaml, rich.console, rich.table; from pydantic import BaseModel"


@dataclass
class Case:
    """One command to time: its argv, extra environment, and what a correct run prints."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    expect_in_stdout: str = ""
    target: float | None = None  # the highest acceptable ratio to the floor's time
    stretch: float | None = None  # a tighter ratio worth reaching
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        """Median peak resident memory in MiB."""
        return statistics.median(self.peaks) / 1024


# Peak memory is read from wait4's ru_maxrss, which on Linux includes what the process had when
# it was forked: a child forked from this benchmark would start at this benchmark's size. So the
# commands are started by a launcher that imports nothing (8 MiB), which also times them, and
# which keeps nothing of their output (that would grow it, and every later child with it): it
# only counts the bytes and looks for the expected text, across chunk boundaries. It reads
# (argv, env, stderr file, expected bytes) as marshal records on stdin and answers (seconds,
# exit code, ru_maxrss, bytes written, expected text seen) the same way. The child's stdout is
# a pipe, as when a user pipes the output; its stdin is /dev/null.
_LAUNCHER = """
import marshal, os, sys, time
inp, out = sys.stdin.buffer, sys.stdout.buffer
while True:
    head = inp.read(10)
    if len(head) < 10:
        break
    argv, env, errpath, expected = marshal.loads(inp.read(int(head)))
    r, w = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(w, 1)
        os.dup2(os.open(errpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    os.close(w)
    size, seen, tail = 0, not expected, b""
    while True:
        data = os.read(r, 65536)
        if not data:
            break
        size += len(data)
        if not seen:
            window = tail + data
            seen = expected in window
            tail = window[-len(expected):]
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    reply = marshal.dumps((elapsed, code, usage.ru_maxrss, size, seen))
    out.write(b"%010d" % len(reply) + reply)
    out.flush()
"""


class Launcher:
    """A small long-lived process that starts, times and weighs each command."""

    def __init__(self, errfile: Path) -> None:
        self.errfile = errfile
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def time_once(self, case: Case, env: dict[str, str]) -> None:
        """Run ``case`` once; record its time and peak memory; stop everything if it fails."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        expected = case.expect_in_stdout.encode()
        request = marshal.dumps((case.argv, {**env, **case.env}, str(self.errfile), expected))
        self.proc.stdin.write(b"%010d" % len(request) + request)
        self.proc.stdin.flush()
        size = int(self.proc.stdout.read(10))
        elapsed, code, peak, _, seen = marshal.loads(self.proc.stdout.read(size))
        if code != 0 or not seen:
            err = self.errfile.read_text(errors="replace")[-2000:]
            sys.exit(f"benchmark case {case.name!r} failed (exit {code}):\n{err}")
        case.times.append(elapsed)
        case.peaks.append(peak // 1024 if sys.platform == "darwin" else peak)  # macOS: bytes

    def close(self) -> None:
        """Let the launcher end."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def run_round_robin(
    launcher: Launcher, cases: Sequence[Case], env: dict[str, str], warmup: int, runs: int
) -> None:
    """Warm up, then time every case ``runs`` times, one run of each in turn."""
    for i in range(warmup + runs):
        for case in cases:
            before = len(case.times)
            launcher.time_once(case, env)
            if i < warmup:  # warm-up runs fill caches and are not counted
                del case.times[before:]
                del case.peaks[before:]
        print(f"  round {i + 1}/{warmup + runs}", end="\r", file=sys.stderr, flush=True)
    print(" " * 30, end="\r", file=sys.stderr)


def digivisio_command() -> list[str]:
    """How a user starts digivisio from this environment: the console script."""
    script = Path(sys.executable).with_name("digivisio")
    if script.exists():
        return [str(script)]
    found = shutil.which("digivisio")
    if not found:
        sys.exit("digivisio is not installed in this environment: pip install . first")
    return [found]


def warn_if_not_byte_compiled() -> None:
    """Say so when digivisio's modules have no .pyc files: every run would compile them."""
    import importlib.util

    spec = importlib.util.find_spec("digivisio_cli")
    if spec is None or not spec.submodule_search_locations:
        return
    package = Path(next(iter(spec.submodule_search_locations)))
    if not list((package / "app" / "__pycache__").glob("cli.*.pyc")):
        print(
            f"warning: {package} is not byte-compiled (an editable install with "
            "PYTHONDONTWRITEBYTECODE?): every run compiles it, about 20 ms more than a user's "
            "`pip install .`",
            file=sys.stderr,
        )


#: Entries in the status log of the start-up cases (issue 15).
STATUS_ENTRIES = 1000


def status_cases(workdir: Path) -> list[Case]:
    """Start-up with a 1,000-entry status log: answers from the cache, and ``status set``.

    ``status set`` appends to a log of its own (the others' must stay unchanged, or every run
    would miss the cache); its log grows by one entry per run, from 1,000.
    """
    dv = digivisio_command()
    log, appended = workdir / "status-1k.yaml", workdir / "status-set.yaml"
    log.write_text(status_entries(STATUS_ENTRIES), encoding="utf-8")
    appended.write_text(status_entries(STATUS_ENTRIES), encoding="utf-8")
    return [
        Case(
            "who-owns 3.2.2 --format json, 1,000-entry log",
            [*dv, "--status", str(log), "who-owns", "3.2.2", "--format", "json"],
            expect_in_stdout='"status_date"',
            target=0.7,
        ),
        Case(
            "status --format json, 1,000-entry log",
            [*dv, "--status", str(log), "status", "--format", "json"],
            expect_in_stdout='"total"',
            target=0.7,
        ),
        Case(
            "status set (1,000-entry log)",
            [*dv, "--status", str(appended), "status", "set", "3.2.2.1", "--note", "benchmark"],
            target=1.5,
        ),
    ]


def report_log_overhead(cases: Sequence[Case]) -> list[str]:
    """How much a status log in use adds to the same answer without one (target ≤ 25 %)."""
    by_name = {c.name: c for c in cases}
    plain = by_name.get("who-owns 3.2.2 --format json")
    with_log = by_name.get("who-owns 3.2.2 --format json, 1,000-entry log")
    if plain is None or with_log is None:
        return []
    extra = with_log.median / plain.median - 1
    verdict = "met" if extra <= 0.25 else "**missed**"
    return [
        "",
        f"- a 1,000-entry status log adds {extra:.0%} to `who-owns` (target ≤ 25 %: {verdict})",
    ]


def status_scale(
    launcher: Launcher, env: dict[str, str], runs: int, sizes: Sequence[int], workdir: Path
) -> list[str]:
    """Load status logs of growing size with the cache off: the overview in json."""
    dv = digivisio_command()
    rows = [
        "| log entries | file MiB | status --format json s | peak MiB |",
        "|---:|---:|---:|---:|",
    ]
    results: dict[int, float] = {}
    for size in sizes:
        path = workdir / f"status-{size}.yaml"
        path.write_text(status_entries(size), encoding="utf-8")
        case = Case(
            "status",
            [*dv, "--status", str(path), "status", "--format", "json"],
            env={"DIGIVISIO_CACHE": "off"},
            expect_in_stdout='"total"',
        )
        print(f"status scale: {size} entries", file=sys.stderr)
        run_round_robin(launcher, [case], env, warmup=1, runs=runs)
        results[size] = case.median
        rows.append(
            f"| {size:,} | {path.stat().st_size / 2**20:.1f} | {case.median:.2f} | {case.peak:.0f} |"
        )
        path.unlink()
    if 10_000 in results and 100_000 in results:
        growth = results[100_000] / results[10_000]
        verdict = "met" if growth <= 12 else "**missed**"
        rows += ["", f"- status log: 100,000 / 10,000 = {growth:.1f} (target ≤ 12: {verdict})"]
    return rows


def startup_cases() -> tuple[list[Case], Case, Case]:
    """The commands of the start-up benchmark, the floor and ``python -c pass``."""
    dv = digivisio_command()
    py = sys.executable
    floor = Case("floor: import typer, yaml, rich, pydantic", [py, "-c", FLOOR_IMPORTS])
    bare = Case("python -c pass", [py, "-c", "pass"])
    cases = [
        Case(
            "who-owns 3.2.2 --format json",
            [*dv, "who-owns", "3.2.2", "--format", "json"],
            expect_in_stdout='"3.2.2.6"',
            target=0.85,
            stretch=0.6,
        ),
        Case(
            "who-owns (no cache)",
            [*dv, "who-owns", "3.2.2", "--format", "json"],
            env={"DIGIVISIO_CACHE": "off"},
            expect_in_stdout='"3.2.2.6"',
        ),
        Case(
            "measures --format plain",
            [*dv, "measures", "--format", "plain"],
            expect_in_stdout="3.3.3.6",
        ),
        Case("--help", [*dv, "--help"], expect_in_stdout="who-owns", target=1.0),
        Case(
            "completion: who-owns 3.2.<Tab>",
            dv,
            env={
                "_DIGIVISIO_COMPLETE": "complete_bash",
                "COMP_WORDS": "digivisio who-owns 3.2.",
                "COMP_CWORD": "2",
            },
            expect_in_stdout="3.2.2",
            target=0.5,
        ),
    ]
    return cases, floor, bare


def import_cases(folder: Path, env: dict[str, str]) -> list[Case]:
    """``status import`` of a 44-row tracking workbook (issue 16), prepared in ``folder``.

    A log with two reports, a workbook exported with it and filled in with openpyxl (three states
    and a note): the dry run reads, checks and compares every cell and shows the changes, so it
    can be repeated; a real import would write only the first time.
    """
    import openpyxl

    dv = digivisio_command()
    log, book = folder / "import-status.yaml", folder / "import-meeting.xlsx"
    for args in (["3.1.1.1", "in-progress"], ["3.2.2.1", "on-hold"]):
        subprocess.run(
            [*dv, "--status", str(log), "status", "set", *args, "--date", "2024-03-01"],
            env=env,
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [*dv, "--status", str(log), "export", "-f", "xlsx", "-o", str(book)],
        env=env,
        check=True,
        capture_output=True,
    )
    wb = openpyxl.load_workbook(book)
    sheet = wb["Tracking"]
    for ref, value in (("E2", "done"), ("E3", "in progress"), ("E4", "on hold"), ("J5", "Agreed")):
        sheet[ref] = value
    wb.save(book)
    return [
        Case(
            "status import (44 rows, --dry-run)",
            [*dv, "--status", str(log), "status", "import", str(book), "--dry-run", "-f", "json"],
            expect_in_stdout='"Agreed"',
            target=3.0,
        )
    ]


def report_startup(cases: Sequence[Case], floor: Case, bare: Case) -> list[str]:
    """The start-up results as Markdown table rows, with ratios to the floor."""
    rows = [
        "| command | median ms | × floor | target | peak MiB | × floor |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for case in [*cases, floor, bare]:
        ratio = case.median / floor.median
        memory = case.peak / floor.peak if floor.peak else 0.0
        if case.target is None:
            verdict = ""
        else:
            verdict = f"≤ {case.target:g} {'met' if ratio <= case.target else '**missed**'}"
            if case.stretch is not None:
                met = "met" if ratio <= case.stretch else "missed"
                verdict += f" (stretch ≤ {case.stretch:g} {met})"
        mem_ok = " **over 1.5**" if case in cases and memory > 1.5 else ""
        rows.append(
            f"| `{case.name}` | {case.median * 1000:.0f} | {ratio:.2f} | {verdict} "
            f"| {case.peak:.1f} | {memory:.2f}{mem_ok} |"
        )
    return rows


def _parse_case(path: Path, collector: bool) -> Case:
    code = "import gc, sys, yaml\n"
    if not collector:
        code += "gc.disable()\n"
    code += "with open(sys.argv[1], 'rb') as f:\n    yaml.load(f, Loader=yaml.CSafeLoader)"
    return Case("parse", [sys.executable, "-c", code, str(path)])


def scale(
    launcher: Launcher, env: dict[str, str], runs: int, sizes: Sequence[int], workdir: Path
) -> list[str]:
    """Time validate and csv listing on generated files, next to a bare CSafeLoader parse.

    The target compares with ``yaml.load(f, Loader=yaml.CSafeLoader)`` as anyone would write
    it; digivisio pauses the garbage collector while loading, so a parse with the collector off
    is shown too, as the fairer yardstick of digivisio's own work.
    """
    dv = digivisio_command()
    rows = [
        "| measures | file MiB | parse s | parse, GC off s | validate s | × parse | peak MiB "
        "| measures --format csv s | × parse | peak MiB | validate, cached s | peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = workdir / f"measures-{size}.yaml"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), "-o", str(path)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        parse, parse_gc_off = _parse_case(path, True), _parse_case(path, False)
        cold = {"DIGIVISIO_CACHE": "off"}
        validate = Case(
            "validate", [*dv, "--data", str(path), "validate"], env=cold, expect_in_stdout="valid"
        )
        listing = Case(
            "csv",
            [*dv, "--data", str(path), "measures", "--format", "csv"],
            env=cold,
            expect_in_stdout=f"\n{measure_id(size - 1)},",  # the last measure's row
        )
        warm = Case("validate warm", [*dv, "--data", str(path), "validate"])
        print(f"scale: {size} measures", file=sys.stderr)
        cases = [parse, parse_gc_off, validate, listing, warm]
        run_round_robin(launcher, cases, env, warmup=1, runs=runs)
        results[size] = {
            "validate": validate.median,
            "csv": listing.median,
            "parse": parse.median,
        }
        rows.append(
            f"| {size:,} | {path.stat().st_size / 2**20:.1f} | {parse.median:.2f} "
            f"| {parse_gc_off.median:.2f} | {validate.median:.2f} "
            f"| {validate.median / parse.median:.2f} | {validate.peak:.0f} "
            f"| {listing.median:.2f} | {listing.median / parse.median:.2f} | {listing.peak:.0f} "
            f"| {warm.median:.2f} | {warm.peak:.0f} |"
        )
        path.unlink()
    rows.append("")
    if 10_000 in results and 100_000 in results:
        for what in ("validate", "csv"):
            growth = results[100_000][what] / results[10_000][what]
            verdict = "met" if growth <= 12 else "**missed**"
            rows.append(f"- {what}: 100,000 / 10,000 = {growth:.1f} (target ≤ 12: {verdict})")
    if 100_000 in results:
        for what in ("validate", "csv"):
            ratio = results[100_000][what] / results[100_000]["parse"]
            verdict = "met" if ratio <= 2 else "**missed**"
            rows.append(f"- {what} at 100,000: {ratio:.2f} × parse (target ≤ 2: {verdict})")
    return rows


def machine() -> list[str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for dist in ("digivisio", "typer", "pydantic", "rich", "PyYAML"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    import yaml

    libyaml = "with libyaml" if hasattr(yaml, "CSafeLoader") else "without libyaml"
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {', '.join(versions)} ({libyaml})",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale benchmark")
    parser.add_argument(
        "--scale-runs", type=int, default=3, help="timed runs per scale case (default 3)"
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="measure counts for the scale benchmark"
    )
    parser.add_argument(
        "--status-sizes",
        default="10000,100000",
        help="status log entries for the scale benchmark",
    )
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs must be at least 10: medians of fewer runs are noise")

    with tempfile.TemporaryDirectory(prefix="digivisio-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DIGIVISIO_", "_DIGI"))}
        env["DIGIVISIO_CACHE_DIR"] = str(Path(tmp) / "cache")
        env.pop("NO_COLOR", None)
        warn_if_not_byte_compiled()
        cases, floor, bare = startup_cases()
        cases += status_cases(Path(tmp))
        cases += import_cases(Path(tmp), env)
        print("start-up", file=sys.stderr)
        launcher = Launcher(Path(tmp) / "stderr.txt")
        run_round_robin(launcher, [*cases, floor, bare], env, args.warmup, args.runs)
        lines = ["## Start-up", "", *machine(), f"- {args.runs} timed runs each, medians", ""]
        lines += report_startup(cases, floor, bare)
        lines += report_log_overhead(cases)
        if not args.no_scale:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            if sizes:
                lines += ["", "## Scale", "", f"- {args.scale_runs} timed runs each, medians", ""]
                lines += scale(launcher, env, args.scale_runs, sizes, Path(tmp))
            log_sizes = [int(s) for s in args.status_sizes.split(",") if s.strip()]
            lines += ["", "## Status log scale", "", f"- {args.scale_runs} timed runs each", ""]
            lines += status_scale(launcher, env, args.scale_runs, log_sizes, Path(tmp))
        launcher.close()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
