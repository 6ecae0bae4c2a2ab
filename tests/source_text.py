"""An independent reader of the source document, used only by the fidelity tests.

It knows nothing of ``data/measures.yaml`` or of the package. It reads the PDF extraction in
``shared/source`` and repairs its artefacts by the rules that ``shared/source/README.md`` writes
down: a bullet is a tab and a ``y``; a hyphen glued to a line end splits a word, while one
followed by a space is a real hyphen; page breaks leave stray leading spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_NAME = "digitalisation-vision-2027.fi.txt"
BULLET = re.compile(r"^\s*\ty (.*)$", re.DOTALL)
MEASURES_HEADING = "Toimenpiteet ja vastuunjako"
GOAL_HEADING = re.compile(r"^\s*(3\.\d\.\d) (\S.*)$")
THEME_HEADING = re.compile(r"^\s*(3\.\d) (\S.*)$")
FOOTNOTE = re.compile(r"^\s*\d  \S")


def source_path() -> Path | None:
    """The source text beside the checkout (``<parent>/shared/source``), or None when absent."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "source" / SOURCE_NAME
        if candidate.is_file():
            return candidate
    return None


def join_lines(raw_lines: list[str]) -> str:
    """Join extracted lines into running text, repairing line-end hyphenation."""
    text = ""
    previous = ""
    for raw in raw_lines:
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped:
            continue
        if not text:
            text = stripped
        elif previous.endswith("-") and not previous.endswith(" -"):
            # 'koulu-' + 'tuspoliittisessa': a word split by the PDF's line breaking.
            text = text[:-1] + stripped
        else:
            text = text + " " + stripped
        previous = line
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class SourceMeasure:
    """One bullet under a goal's 'Toimenpiteet ja vastuunjako', as the source has it."""

    goal: str
    number: int
    text: str
    asterisk: bool

    @property
    def id(self) -> str:
        """The id the transcription must give this bullet: ``<goal>.<n>`` in document order."""
        return f"{self.goal}.{self.number}"


@dataclass
class SourceGoal:
    """A goal heading of section 3 and the bullets under its measures heading."""

    id: str
    title: str
    measures: list[SourceMeasure] = field(default_factory=list)


def read_goals(path: Path) -> list[SourceGoal]:
    """Every goal of section 3 with its measures, in document order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("3 Tavoitteet"))
    goals: list[SourceGoal] = []
    in_measures = False
    bullet: list[str] | None = None

    def close_bullet() -> None:
        nonlocal bullet
        if bullet is not None and goals:
            text = join_lines(bullet)
            asterisk = text.endswith("*")
            if asterisk:
                text = text[:-1].rstrip()
            goal = goals[-1]
            goal.measures.append(SourceMeasure(goal.id, len(goal.measures) + 1, text, asterisk))
        bullet = None

    i = start
    while i < len(lines):
        line = lines[i]
        goal_match = GOAL_HEADING.match(line)
        if goal_match:
            close_bullet()
            title_lines = [goal_match.group(2)]
            while i + 1 < len(lines) and lines[i + 1].strip():
                i += 1
                title_lines.append(lines[i])
            goals.append(SourceGoal(goal_match.group(1), join_lines(title_lines)))
            in_measures = False
        elif THEME_HEADING.match(line) or FOOTNOTE.match(line) or line.startswith("http"):
            close_bullet()
            in_measures = False
        elif line.strip().startswith(MEASURES_HEADING):
            close_bullet()
            in_measures = True
        elif in_measures:
            bullet_match = BULLET.match(line)
            if bullet_match:
                close_bullet()
                bullet = [bullet_match.group(1)]
            elif bullet is not None and line.strip():
                bullet.append(line)
            elif not line.strip():
                close_bullet()
        i += 1
    close_bullet()
    return goals
