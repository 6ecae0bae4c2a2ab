"""Write a valid synthetic status log with N entries, for the benchmark.

The entries report on the bundled data file's measures in turn, a day apart, going back from
a fixed date; they set states, health, owners and due dates and carry notes the way a team's
log would. The output is deterministic for a given N (and, after 2026-11-30, any day).

    python benchmarks/generate_status.py 1000 -o /tmp/status-1k.yaml
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "measures.yaml"

STATES = ("not-started", "in-progress", "in-progress", "on-hold", "done", "dropped")
HEALTHS = ("on-track", "on-track", "at-risk", "off-track")
OWNERS = ("OKM/KTPO", "OKM/VARAKE", "OPH/Digipalvelut", "Karvi/Arviointi")
LAST = dt.date(2026, 11, 30)


def measure_ids() -> list[str]:
    """The bundled file's measure ids, read from the text (no YAML parser needed)."""
    ids = re.findall(r"^  - id: \"?([0-9.]+)\"?$", BUNDLED.read_text("utf-8"), re.MULTILINE)
    return [i for i in ids if i.count(".") == 3]


def entries(count: int) -> str:
    """The YAML text of a log with ``count`` entries, oldest first."""
    ids = measure_ids()
    out = ["# digivisio status log (synthetic, for the benchmark)", "schema_version: 1", "entries:"]
    # Never after yesterday: a report dated in the future is an error.
    last = min(LAST, dt.date.today() - dt.timedelta(days=1))
    first = last - dt.timedelta(days=count // len(ids) + 1)
    for i in range(count):
        date = first + dt.timedelta(days=i // len(ids))
        out += [f"  - measure: {ids[i % len(ids)]}", f"    date: {date.isoformat()}"]
        if i % 3 == 0:
            out.append(f"    state: {STATES[(i // 3) % len(STATES)]}")
        if i % 2 == 0:
            out.append(f"    health: {HEALTHS[(i // 2) % len(HEALTHS)]}")
        if i % 5 == 0:
            out.append(f"    owner: {OWNERS[i % len(OWNERS)]}")
            out.append(f"    due: {(date + dt.timedelta(days=180)).isoformat()}")
        if i % 7 == 0:
            out.append("    health: null" if i % 2 else "    link: https://okm.fi/hanke")
        out.append(f'    note: "Report {i + 1}: steering group met, minutes filed."')
        if i % 4 == 0:
            out.append("    by: PMO")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of entries")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    args.output.write_text(entries(args.count), encoding="utf-8")
    print(f"wrote {args.output}: {args.count} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
