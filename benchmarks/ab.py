"""Two builds of digivisio timed side by side: is a change faster or slower than before?

A ratio to the import floor measured at another time says little on a busy machine (the floor
itself moves by a third); runs interleaved with each other do. Install each build into its own
virtual environment (``python -m venv /tmp/a && /tmp/a/bin/pip install .``), then::

    python benchmarks/ab.py /tmp/a/bin/python /tmp/b/bin/python            # who-owns json
    python benchmarks/ab.py /tmp/a/bin/python /tmp/b/bin/python --rounds 40 -- measures -f plain

Each round runs the command once in each build and once the floor (a process that imports typer,
yaml, rich and pydantic, with the first interpreter), in that order; the first rounds warm the
shared cache folder and are not counted. Prints the medians and their ratios to the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

FLOOR = "import typer, yaml, rich.console, rich.table; from pydantic import BaseModel"
RUN = "import sys; from digivisio_cli.__main__ import main; sys.exit(main(sys.argv[1:]))"
WARM_UP = 3


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    """Time the builds against each other and the floor; print one line per build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pythons", nargs="+", help="the interpreter of each build's venv")
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="after --: digivisio's argv")
    args = parser.parse_args()
    command = [a for a in args.command if a != "--"] or ["who-owns", "3.2.2", "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "DIGIVISIO_CACHE_DIR": cache, "DIGIVISIO_LANG": "en"}
        cases = {p: [p, "-c", RUN, *command] for p in args.pythons}
        cases["floor"] = [args.pythons[0], "-c", FLOOR]
        times: dict[str, list[float]] = {name: [] for name in cases}
        for round_ in range(args.rounds + WARM_UP):
            for name, argv in cases.items():
                took = _time(argv, env)
                if round_ >= WARM_UP:
                    times[name].append(took)
    floor = statistics.median(times["floor"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{median * 1000:7.1f} ms  {median / floor:5.2f} × floor  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
