"""Print the mutation score per module from mutmut's results in ``mutants/`` (docs/testing.md).

A mutant counts as caught when a test failed on it, it ran past its time limit or the test
process was killed; "no tests" and "survived" count as not caught; mutants not yet checked are
left out. Usage, after
``mutmut run``: ``python scripts/mutation_score.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Exit codes of a test run that noticed the mutant: a test failed (1, 3), the run passed its
#: time limit (36, SIGXCPU as -24, 24, 152, 255), or the test process was killed (-9, -11: a
#: mutant that reads an endless stream whole exhausts the memory; mutmut calls it "segfault").
CAUGHT = {1, 3, 36, -24, 24, 152, 255, -9, -11}
NOT_CAUGHT = {0, 5, 33}


def main(root: Path = Path("mutants/src")) -> int:
    """Print a Markdown table: module, mutants, checked, caught, score; return 1 if none found.

    The last row is the domain and data layers together.
    """
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = list(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values())
        if not codes:
            continue
        checked = [c for c in codes if c in CAUGHT or c in NOT_CAUGHT]
        caught = sum(c in CAUGHT for c in checked)
        module = ".".join(meta.relative_to(root).with_suffix("").with_suffix("").parts)
        rows.append((module.removeprefix("digivisio_cli."), len(codes), len(checked), caught))
    if not rows:
        print("no mutants under", root, file=sys.stderr)
        return 1
    print("| module | mutants | checked | caught | score |")
    print("|---|---|---|---|---|")
    total = ("all", *(sum(r[i] for r in rows) for i in (1, 2, 3)))
    for module, count, checked, caught in [*rows, total]:
        score = f"{100 * caught / checked:.1f} %" if checked else "—"
        print(f"| `{module}` | {count} | {checked} | {caught} | {score} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
