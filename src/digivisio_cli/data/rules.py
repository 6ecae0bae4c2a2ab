"""The rules of the matrix that its schema cannot express, one small function per rule.

They run on the raw data (after the schema has had its say), so that every problem is reported
at once: ids that are not dotted numbers or do not match their parent, references to themes,
goals and agencies that do not exist, repeated ids and codes, blank texts, flags that are not
true or false, and invisible characters. :func:`hidden_characters` serves every document kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from digivisio_cli.data.schema import Locator
from digivisio_cli.data.succession_rules import successions_are_sound
from digivisio_cli.errors import Problem
from digivisio_cli.text import MAX_ECHO, printable
from digivisio_cli.text import quoted as _q

_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")

Item = dict[str, Any]


@dataclass
class Context:
    """What the rules share while they walk one document: the raw data and what was declared."""

    raw: dict[str, Any]
    locate: Locator
    codes: dict[str, int] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)
    theme_ids: set[str] = field(default_factory=set)
    goal_ids: set[str] = field(default_factory=set)

    @property
    def declared(self) -> str:
        """The declared agency codes, for a message about an unknown one."""
        return ", ".join(self.codes) or "none"

    def entries(self, key: str) -> Iterator[tuple[int, Item]]:
        """The mappings in the top-level list ``key`` with their positions (others are skipped:
        the schema reports them)."""
        items = self.raw.get(key)
        if isinstance(items, list):
            yield from ((i, item) for i, item in enumerate(items) if isinstance(item, dict))


Rule = Callable[[Context, int, Item], Iterator[Problem]]


def agency_declared_once(ctx: Context, i: int, agency: Item) -> Iterator[Problem]:
    """An agency code is declared once; the declared codes are remembered for the references."""
    code = agency.get("code")
    if isinstance(code, str):
        if code in ctx.codes:
            yield ctx.locate.problem(
                ("agencies", i, "code"), f"agency code {_q(code)} is declared twice"
            )
        ctx.codes[code] = i


def _check_id(
    ctx: Context, key: str, i: int, item: Item, parent: str | None, what: str
) -> Iterator[Problem]:
    ident = item.get("id")
    if not isinstance(ident, str):
        return
    if not _ID.match(ident):
        yield ctx.locate.problem((key, i, "id"), f"id {_q(ident)} is not a dotted number")
        return
    if ident in ctx.seen_ids:
        yield ctx.locate.problem((key, i, "id"), f"duplicate id {_q(ident)}")
    ctx.seen_ids.add(ident)
    if parent is not None:
        head, _, tail = ident.rpartition(".")
        if head != parent or not tail.isdigit() or int(tail) < 1:
            yield ctx.locate.problem(
                (key, i, "id"),
                f"id {_q(ident)} does not match its {what} {_q(parent)} "
                f"(expected '{printable(parent, MAX_ECHO)}.<n>')",
            )


def theme_id(ctx: Context, i: int, theme: Item) -> Iterator[Problem]:
    """A theme's id is a dotted number, used once."""
    yield from _check_id(ctx, "themes", i, theme, None, "")
    if isinstance(theme.get("id"), str):
        ctx.theme_ids.add(theme["id"])


def goal_under_theme(ctx: Context, i: int, goal: Item) -> Iterator[Problem]:
    """A goal names an existing theme, and its id continues the theme's."""
    theme = goal.get("theme")
    if isinstance(theme, str):
        if theme not in ctx.theme_ids:
            yield ctx.locate.problem(("goals", i, "theme"), f"theme {_q(theme)} does not exist")
        yield from _check_id(ctx, "goals", i, goal, theme, "theme")
    if isinstance(goal.get("id"), str):
        ctx.goal_ids.add(goal["id"])


def _not_blank(key: str) -> Rule:
    def rule(ctx: Context, i: int, item: Item) -> Iterator[Problem]:
        for name in ("title", "description"):
            if isinstance(item.get(name), str) and not item[name].strip():
                yield ctx.locate.problem((key, i, name), f"{name}: must not be blank")

    rule.__doc__ = f"The title and description of a {key[:-1]} are not blank."
    return rule


def measure_under_goal(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """A measure names an existing goal, and its id continues the goal's."""
    goal = measure.get("goal")
    if isinstance(goal, str):
        if goal not in ctx.goal_ids:
            yield ctx.locate.problem(("measures", i, "goal"), f"goal {_q(goal)} does not exist")
        yield from _check_id(ctx, "measures", i, measure, goal, "goal")


def measure_text_not_blank(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """A measure's text is not blank (an empty one the schema reports)."""
    text = measure.get("text")
    if isinstance(text, str) and text and not text.strip():
        yield ctx.locate.problem(("measures", i, "text"), "text: must not be blank")


def pending_is_boolean(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """``pending`` is true or false, never 1 or "yes" (which Pydantic's lax mode would take)."""
    pending = measure.get("pending")
    if "pending" in measure and not isinstance(pending, bool):
        yield ctx.locate.problem(
            ("measures", i, "pending"),
            f"pending: expected true or false, got {printable(repr(pending), MAX_ECHO)}",
        )


def roles_name_known_agencies_once(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """Every agency of a role is declared, and no agency has two roles in one measure."""
    roles: dict[str, str] = {}
    for role in ("responsible", "partners", "mentioned"):
        values = measure.get(role)
        if not isinstance(values, list):
            continue
        for j, code in enumerate(values):
            if not isinstance(code, str):
                continue
            if code not in ctx.codes:
                yield ctx.locate.problem(
                    ("measures", i, role, j),
                    f"{role}: unknown agency {_q(code)} (declared: {ctx.declared})",
                )
            elif code in roles:
                yield ctx.locate.problem(
                    ("measures", i, role, j),
                    f"{role}: agency {_q(code)} is already listed in {roles[code]}",
                )
            roles.setdefault(code, role)


def publisher_is_known(ctx: Context) -> Iterator[Problem]:
    """The document's publisher is a declared agency."""
    document = ctx.raw.get("document")
    if isinstance(document, dict):
        publisher = document.get("publisher")
        if isinstance(publisher, str) and publisher not in ctx.codes:
            yield ctx.locate.problem(
                ("document", "publisher"),
                f"publisher: unknown agency {_q(publisher)} (declared: {ctx.declared})",
            )


#: The rules per top-level list, in the order they run (agencies first: the others refer to them).
RULES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("agencies", (agency_declared_once,)),
    ("themes", (theme_id,)),
    ("goals", (goal_under_theme,)),
    ("themes", (_not_blank("themes"),)),
    ("goals", (_not_blank("goals"),)),
    (
        "measures",
        (
            measure_under_goal,
            measure_text_not_blank,
            pending_is_boolean,
            roles_name_known_agencies_once,
        ),
    ),
)


def matrix_problems(raw: dict[str, Any], locate: Locator) -> list[Problem]:
    """Every problem the rules find in a matrix document, in the order they are found."""
    ctx = Context(raw, locate)
    out: list[Problem] = []
    for key, rules in RULES:
        for i, item in ctx.entries(key):
            for rule in rules:
                out.extend(rule(ctx, i, item))
    out.extend(publisher_is_known(ctx))
    out.extend(successions_are_sound(raw, locate, ctx.codes))
    out.extend(hidden_characters(raw, locate))
    return out


#: Characters no text of the data may hold: controls other than line break and tab (a terminal
#: would obey ESC and BEL), the bidirectional overrides and isolates (they reorder a line when
#: shown), and the Unicode line and paragraph separators. YAML lets quoted strings spell them
#: (``"\e"``, ``"\u202e"``).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def hidden_character(text: str) -> str | None:
    """The first character of :data:`_HIDDEN` in ``text``, or None (for text typed to be stored)."""
    found = _HIDDEN.search(text)
    return found.group() if found else None


def hidden_characters(raw: dict[str, Any], locate: Locator) -> list[Problem]:
    """A problem for every text of any document that holds a character in :data:`_HIDDEN`."""
    out: list[Problem] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), raw)]
    while stack:  # not recursive: YAML nesting may be deeper than Python's recursion limit
        loc, obj = stack.pop()
        if isinstance(obj, dict):
            stack.extend(((*loc, k), v) for k, v in obj.items())
        elif isinstance(obj, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(obj))
        elif isinstance(obj, str) and (found := _HIDDEN.search(obj)):
            inner = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
            name = ".".join(str(part) for part in inner if not isinstance(part, int))
            out.append(
                locate.problem(
                    loc,
                    f"{name}: holds the invisible control character "
                    f"U+{ord(found.group()):04X}; delete it",
                )
            )
    return out
