"""Write a valid synthetic data file with N measures, for the scale benchmark.

The document and the agencies are the bundled file's; the themes, goals and measures are made up
by cycling through the real ones, so texts, translations, roles and flags look like real data.
The output is deterministic for a given N.

    python benchmarks/generate.py 10000 -o /tmp/measures-10k.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "measures.yaml"

MEASURES_PER_GOAL = 50
GOALS_PER_THEME = 20


def measure_id(index: int) -> str:
    """The id that :func:`synthetic` gives its ``index``-th measure (from 0)."""
    goal = index // MEASURES_PER_GOAL
    theme, goal_in_theme = divmod(goal, GOALS_PER_THEME)
    return f"3.{theme + 1}.{goal_in_theme + 1}.{index % MEASURES_PER_GOAL + 1}"


def synthetic(template: dict[str, Any], count: int) -> dict[str, Any]:
    """A data set shaped like ``template`` but holding ``count`` measures."""
    real_themes, real_goals, real_measures = (
        template["themes"],
        template["goals"],
        template["measures"],
    )
    goals_needed = -(-count // MEASURES_PER_GOAL)
    themes_needed = -(-goals_needed // GOALS_PER_THEME)
    themes: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    for t in range(themes_needed):
        theme_id = f"3.{t + 1}"
        themes.append({**real_themes[t % len(real_themes)], "id": theme_id})
        for g in range(GOALS_PER_THEME):
            if len(goals) == goals_needed:
                break
            goal_id = f"{theme_id}.{g + 1}"
            goal = real_goals[len(goals) % len(real_goals)]
            goals.append({**goal, "id": goal_id, "theme": theme_id})
            for n in range(MEASURES_PER_GOAL):
                if len(measures) == count:
                    break
                real = real_measures[len(measures) % len(real_measures)]
                measures.append({**real, "id": f"{goal_id}.{n + 1}", "goal": goal_id})
    return {**template, "themes": themes, "goals": goals, "measures": measures}


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of measures")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    with BUNDLED.open("rb") as handle:
        template = yaml.load(handle, Loader=yaml.CSafeLoader)
    data = synthetic(template, args.count)
    base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]
        """Writes shared values out in full: data files may not use aliases."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    dumper = Dumper
    with args.output.open("w", encoding="utf-8") as out:
        yaml.dump(data, out, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    print(f"wrote {args.output}: {args.count} measures", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
