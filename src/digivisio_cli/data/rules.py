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

from digivisio_cli.data.problems import problem
from digivisio_cli.data.schema import Locator
from digivisio_cli.data.succession_rules import successions_are_sound
from digivisio_cli.domain.query import actor_key
from digivisio_cli.errors import Problem
from digivisio_cli.strings import Ref
from digivisio_cli.text import MAX_ECHO, printable
from digivisio_cli.text import quoted as _q

#: An id: dotted whole numbers from 1, no leading zeros, matched against the whole string (with
#: ``fullmatch``: ``$`` would let a trailing line break through), so that two spellings can never
#: name the same item.
_ID = re.compile(r"[1-9][0-9]*(?:\.[1-9][0-9]*)*")

Item = dict[str, Any]


@dataclass
class Context:
    """What the rules share while they walk one document: the raw data and what was declared."""

    raw: dict[str, Any]
    locate: Locator
    #: Each declared agency code, and each id met so far, with the line it was first given on.
    codes: dict[str, int] = field(default_factory=dict)
    seen_ids: dict[str, int] = field(default_factory=dict)
    theme_ids: set[str] = field(default_factory=set)
    goal_ids: set[str] = field(default_factory=set)
    #: Every agency alias by its ``--actor`` key: (agency index, code, what, alias, line).
    aliases: dict[str, tuple[int, str, str, str, int | None]] = field(default_factory=dict)

    @property
    def declared(self) -> str:
        """The declared agency codes, for a message about an unknown one."""
        return ", ".join(self.codes) or Ref("none_declared")

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
        where = ("agencies", i, "code")
        if code in ctx.codes:
            yield ctx.locate.problem(where, "p_code_twice", code=_q(code), line=ctx.codes[code])
        else:
            ctx.codes[code] = ctx.locate.line(where)


def agency_reachable(ctx: Context, i: int, agency: Item) -> Iterator[Problem]:
    """Each of an agency's code, names and abbreviations is one ``--actor`` can match, and no
    other agency answers to it: compared exactly as ``--actor`` compares (case, accents and
    Unicode normalisation folded, runs of spaces as one). A collision names both agencies and
    both lines; within one agency a repeat is harmless (``OKM`` and ``okm``)."""
    code = agency.get("code")
    if not isinstance(code, str):
        return
    for loc, what, alias in _aliases(agency):
        where = ("agencies", i, *loc)
        if " ".join(alias.split()) != alias:
            yield ctx.locate.problem(
                where, "p_agency_spaces", code=_q(code), what=Ref(what), alias=_q(alias)
            )
            continue
        line = ctx.locate.line(where)
        seen = ctx.aliases.setdefault(actor_key(alias), (i, code, what, alias, line))
        if seen[0] != i:
            _, other, other_what, other_alias, other_line = seen
            if what == other_what == "alias_code" and alias == other_alias:
                continue  # the same code declared twice: agency_declared_once says so, once
            yield problem(
                ctx.locate.name,
                line,
                "p_agency_collision",
                other=_q(other),
                code=_q(code),
                alias=_q(alias),
                other_what=Ref(other_what),
                other_alias=_q(other_alias),
                other_line=other_line,
                what=Ref(what),
                line=line,
            )


def _aliases(agency: Item) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """An agency's code, names and abbreviations: (where in the entry, what it is, the text)."""
    yield ("code",), "alias_code", agency["code"]
    names = agency.get("names")
    if isinstance(names, dict):
        for lang in ("fi", "sv", "en"):
            if isinstance(names.get(lang), str):
                yield ("names", lang), "alias_name", names[lang]
    abbreviations = agency.get("abbreviations")
    if isinstance(abbreviations, list):
        for j, abbreviation in enumerate(abbreviations):
            if isinstance(abbreviation, str):
                yield ("abbreviations", j), "alias_abbreviation", abbreviation


def _check_id(
    ctx: Context, key: str, i: int, item: Item, parent: tuple[str, str] | None
) -> Iterator[Problem]:
    # ``parent``: the id the item's id must continue, and the message for one that does not.
    ident = item.get("id")
    if not isinstance(ident, str):
        return
    if not _ID.fullmatch(ident):
        yield ctx.locate.problem((key, i, "id"), "p_id_not_dotted", id=_q(ident))
        return
    if ident in ctx.seen_ids:
        yield ctx.locate.problem(
            (key, i, "id"), "p_duplicate_id", id=_q(ident), line=ctx.seen_ids[ident]
        )
    else:
        ctx.seen_ids[ident] = ctx.locate.line((key, i, "id"))
    if parent is not None:
        parent_id, mismatch = parent
        head, _, tail = ident.rpartition(".")
        if head != parent_id or not tail:
            yield ctx.locate.problem(
                (key, i, "id"),
                mismatch,
                id=_q(ident),
                parent=_q(parent_id),
                expected=printable(parent_id, MAX_ECHO),
            )


def theme_id(ctx: Context, i: int, theme: Item) -> Iterator[Problem]:
    """A theme's id is a dotted number, used once."""
    yield from _check_id(ctx, "themes", i, theme, None)  # a theme has no parent
    if isinstance(theme.get("id"), str):
        ctx.theme_ids.add(theme["id"])


def goal_under_theme(ctx: Context, i: int, goal: Item) -> Iterator[Problem]:
    """A goal names an existing theme, and its id continues the theme's."""
    theme = goal.get("theme")
    if isinstance(theme, str):
        if theme not in ctx.theme_ids:
            yield ctx.locate.problem(("goals", i, "theme"), "p_no_such_theme", theme=_q(theme))
        yield from _check_id(ctx, "goals", i, goal, (theme, "p_id_not_under_theme"))
    if isinstance(goal.get("id"), str):
        ctx.goal_ids.add(goal["id"])


def _not_blank(ctx: Context, key: str, i: int, item: Item) -> Iterator[Problem]:
    for name in ("title", "description"):
        if isinstance(item.get(name), str) and not item[name].strip():
            yield ctx.locate.problem((key, i, name), "p_blank", field=name)


# Two plain functions rather than one made per list: a rule built when the module is imported
# would be out of reach of mutation testing, which switches code at call time.
def theme_not_blank(ctx: Context, i: int, theme: Item) -> Iterator[Problem]:
    """The title and description of a theme are not blank."""
    yield from _not_blank(ctx, "themes", i, theme)


def goal_not_blank(ctx: Context, i: int, goal: Item) -> Iterator[Problem]:
    """The title and description of a goal are not blank."""
    yield from _not_blank(ctx, "goals", i, goal)


def measure_under_goal(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """A measure names an existing goal, and its id continues the goal's."""
    goal = measure.get("goal")
    if isinstance(goal, str):
        if goal not in ctx.goal_ids:
            yield ctx.locate.problem(("measures", i, "goal"), "p_no_such_goal", goal=_q(goal))
        yield from _check_id(ctx, "measures", i, measure, (goal, "p_id_not_under_goal"))


def measure_text_not_blank(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """A measure's text is not blank (an empty one the schema reports)."""
    text = measure.get("text")
    if isinstance(text, str) and text and not text.strip():
        yield ctx.locate.problem(("measures", i, "text"), "p_blank", field="text")


def pending_is_boolean(ctx: Context, i: int, measure: Item) -> Iterator[Problem]:
    """``pending`` is true or false, never 1 or "yes" (which Pydantic's lax mode would take)."""
    pending = measure.get("pending")
    if "pending" in measure and not isinstance(pending, bool):
        yield ctx.locate.problem(
            ("measures", i, "pending"),
            "p_pending_not_bool",
            got=printable(repr(pending), MAX_ECHO),
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
                    "p_unknown_agency",
                    role=role,
                    code=_q(code),
                    declared=ctx.declared,
                )
            elif code in roles:
                yield ctx.locate.problem(
                    ("measures", i, role, j),
                    "p_agency_twice",
                    role=role,
                    code=_q(code),
                    other=roles[code],
                )
            roles.setdefault(code, role)


def schema_version_is_one(ctx: Context) -> Iterator[Problem]:
    """``schema_version`` is the whole number 1: not ``true`` or ``1.0``, which equal 1 in
    Python and which Pydantic's literal check therefore lets through."""
    if "schema_version" in ctx.raw:
        version = ctx.raw["schema_version"]
        if type(version) is not int or version != 1:
            yield ctx.locate.problem(
                ("schema_version",), "p_must_be", field="schema_version", expected="1"
            )


def publisher_is_known(ctx: Context) -> Iterator[Problem]:
    """The document's publisher is a declared agency."""
    document = ctx.raw.get("document")
    if isinstance(document, dict):
        publisher = document.get("publisher")
        if isinstance(publisher, str) and publisher not in ctx.codes:
            yield ctx.locate.problem(
                ("document", "publisher"),
                "p_unknown_publisher",
                code=_q(publisher),
                declared=ctx.declared,
            )


#: The rules per top-level list, in the order they run (agencies first: the others refer to them).
RULES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("agencies", (agency_declared_once, agency_reachable)),
    ("themes", (theme_id,)),
    ("goals", (goal_under_theme,)),
    ("themes", (theme_not_blank,)),
    ("goals", (goal_not_blank,)),
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
    out.extend(schema_version_is_one(ctx))
    out.extend(publisher_is_known(ctx))
    out.extend(successions_are_sound(raw, locate, ctx.codes, ctx.declared))
    out.extend(hidden_characters(raw, locate))
    return out


#: Characters no text of the data may hold: controls other than line break and tab (a terminal
#: would obey ESC and BEL), Unicode's format characters (category Cf: the bidirectional overrides
#: and isolates reorder a line; the zero-width space and joiners, the word joiner, a byte-order
#: mark and the soft hyphen are invisible and make a code unreachable or a search miss), and the
#: line and paragraph separators. YAML lets quoted strings spell them (``"\e"``, ``"\u200b"``).
#: The Cf ranges are spelled out (Unicode 15.1) so that no table is built at start-up;
#: ``tests/test_damaged_2.py`` checks them against :mod:`unicodedata`.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\u2028\u2029]"
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
                    "p_hidden_char",
                    field=name,
                    code=f"{ord(found.group()):04X}",
                )
            )
    return out
