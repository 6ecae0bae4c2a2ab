"""Questions asked of a dataset: resolve ids and agencies, filter measures, count the matrix.

Pure functions over :mod:`digivisio_cli.domain.model`; no I/O, no Typer, no Rich. Unknown ids and
agencies raise :class:`~digivisio_cli.errors.UnknownNameError` with suggestions.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from digivisio_cli.domain.model import Agency, Dataset, Goal, Measure, Theme
from digivisio_cli.domain.succession import AsOf
from digivisio_cli.errors import UnknownNameError
from digivisio_cli.text import MAX_ECHO, printable

Role = Literal["responsible", "partner"]
Kind = Literal["section", "theme", "goal", "measure"]

#: Longest id we try to interpret; anything longer is not an id anyone typed on purpose.
MAX_ID_LENGTH = 64


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form of ``text`` for matching (``Ä`` → ``a``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def actor_key(name: str) -> str:
    """What ``--actor`` compares: ``name`` folded, with every run of spaces taken as one.

    The data rules compare every agency's code, names and abbreviations by this key too, so
    that an agency reached by ``--actor X`` is the only one ``X`` can mean.
    """
    return fold(" ".join(name.split()))


def normalize_id(raw: str) -> str:
    """An id as people type or paste it: ``' 3.2.2. '``, fullwidth ``３.２`` → ``3.2.2``."""
    text = unicodedata.normalize("NFKC", raw)[: MAX_ID_LENGTH * 4]
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("C", "Z")))
    return text.strip(".").strip()


def id_parts(ident: str) -> tuple[str, ...]:
    """The dotted components of an id."""
    return tuple(ident.split("."))


def has_prefix(ident: str, prefix: str) -> bool:
    """Whether ``prefix`` is a leading run of ``ident``'s components (3.1 is not a prefix of 3.10)."""
    want = id_parts(prefix)
    return id_parts(ident)[: len(want)] == want


@dataclass(frozen=True)
class Selection:
    """What an id names: the section, a theme, a goal or a measure, and the measures under it."""

    kind: Kind
    id: str
    theme: Theme | None
    goal: Goal | None
    measure: Measure | None
    measures: tuple[Measure, ...]


def all_ids(dataset: Dataset) -> list[str]:
    """Every id a user may name, in document order."""
    sections = list(dict.fromkeys(t.id.split(".")[0] for t in dataset.themes))
    return (
        sections
        + [t.id for t in dataset.themes]
        + [g.id for g in dataset.goals]
        + [m.id for m in dataset.measures]
    )


def resolve(dataset: Dataset, raw_id: str) -> Selection:
    """The theme, goal or measure that ``raw_id`` names, or UnknownNameError with suggestions."""
    ident = normalize_id(raw_id)
    themes = {t.id: t for t in dataset.themes}
    goals = {g.id: g for g in dataset.goals}
    if ident in goals:
        goal = goals[ident]
        ms = tuple(m for m in dataset.measures if m.goal == ident)
        return Selection("goal", ident, themes.get(goal.theme), goal, None, ms)
    if ident in themes:
        ms = tuple(m for m in dataset.measures if has_prefix(m.goal, ident))
        return Selection("theme", ident, themes[ident], None, None, ms)
    for measure in dataset.measures:
        if measure.id == ident:
            parent = goals.get(measure.goal)
            theme = themes.get(parent.theme) if parent else None
            return Selection("measure", ident, theme, parent, measure, (measure,))
    if ident and any(t.id.split(".")[0] == ident for t in dataset.themes):
        ms = tuple(m for m in dataset.measures if has_prefix(m.goal, ident))
        return Selection("section", ident, None, None, None, ms)
    raise unknown_id(dataset, raw_id, ident)


def unknown_id(dataset: Dataset, raw: str, ident: str) -> UnknownNameError:
    """The error for an id that names nothing: close matches, and the valid ids nearby."""
    ids = all_ids(dataset)
    shown = raw if len(raw) <= MAX_ID_LENGTH else raw[:MAX_ID_LENGTH] + "…"
    # An empty id resembles nothing: difflib finds no match for it.
    suggestions = difflib.get_close_matches(ident, ids, n=4)
    # Nearby: the ids under the longest prefix of the typed id that exists (at worst, the themes).
    parts = id_parts(ident) if ident else ()
    nearby = next(
        (
            found
            for cut in range(len(parts), -1, -1)
            if (found := _one_level_under(ids, parts[:cut]))
        ),
        [],
    )
    return UnknownNameError(
        "unknown_id",
        printable(shown),
        [printable(i, MAX_ECHO) for i in suggestions],
        [printable(i, MAX_ECHO) for i in nearby[:12]],
    )


def _one_level_under(ids: Sequence[str], parts: Sequence[str]) -> list[str]:
    """The ids one level below the id made of ``parts`` (the themes, below nothing)."""
    prefix = ".".join(parts)
    return [
        i
        for i in ids
        if len(id_parts(i)) == len(parts) + 1 and (not prefix or has_prefix(i, prefix))
    ]


def agency_aliases(agency: Agency) -> list[str]:
    """Every name an agency answers to: code, names in three languages, abbreviations."""
    return [agency.code, agency.names.fi, agency.names.sv, agency.names.en, *agency.abbreviations]


def resolve_agency(dataset: Dataset, name: str) -> Agency:
    """The agency that ``name`` names (code, any official name or abbreviation, any case)."""
    wanted = actor_key(name)
    for agency in dataset.agencies:
        if any(actor_key(alias) == wanted for alias in agency_aliases(agency)):
            return agency
    folded = {
        actor_key(alias): agency.code
        for agency in dataset.agencies
        for alias in agency_aliases(agency)
    }
    close = difflib.get_close_matches(wanted, list(folded))  # difflib's 3, at 0.6
    # Every echo is cut short: a data file may hold a code or a name of any length.
    suggestions = list(dict.fromkeys(printable(folded[c], MAX_ECHO) for c in close))
    valid = [
        f"{printable(a.code, MAX_ECHO)} ({printable(a.names.fi, MAX_ECHO)})"
        for a in dataset.agencies
    ]
    return _raise(UnknownNameError("unknown_agency", printable(name, MAX_ECHO), suggestions, valid))


def _raise(error: Exception) -> Agency:
    raise error


@dataclass(frozen=True)
class Filters:
    """The filters of ``measures`` and ``export``; None means "any"."""

    actor: str | None = None
    role: Role | None = None
    goal: str | None = None
    pending: bool | None = None
    search: str | None = None


def measure_search_text(measure: Measure) -> str:
    """What ``--search`` looks in: the original and every translation, folded."""
    texts = [measure.text, *(t.text for t in measure.unofficial_translations.values())]
    return fold(" ".join(texts))


def filter_measures(dataset: Dataset, filters: Filters, as_of: AsOf | None = None) -> list[Measure]:
    """The measures that pass every filter, in document order.

    With ``as_of``, an agency also has the roles it holds by succession then: as of 2026,
    ``--actor OPH`` finds Karvi's measure, and ``--actor Karvi`` still finds it as published.
    """
    code = resolve_agency(dataset, filters.actor).code if filters.actor else None
    goal_prefix = normalize_id(filters.goal) if filters.goal is not None else None
    needle = fold(" ".join(filters.search.split())) if filters.search else None
    out = []
    for m in dataset.measures:
        if code is not None:
            in_resp = code in m.responsible
            in_part = code in m.partners
            if as_of is not None and not (in_resp or in_part):
                now_resp, now_part = as_of.roles(m)
                in_resp, in_part = code in now_resp, code in now_part
            if filters.role == "responsible" and not in_resp:
                continue
            if filters.role == "partner" and not in_part:
                continue
            if filters.role is None and not (in_resp or in_part):
                continue
        elif (filters.role == "responsible" and not m.responsible) or (
            filters.role == "partner" and not m.partners
        ):
            continue
        if goal_prefix is not None and not has_prefix(m.id, goal_prefix):
            continue
        if filters.pending is not None and m.pending != filters.pending:
            continue
        if needle and needle not in measure_search_text(m):
            continue
        out.append(m)
    return out


@dataclass(frozen=True)
class AgencyCount:
    """How many measures an agency carries and partners in (and how many of them are pending)."""

    code: str
    responsible: int = 0
    partner: int = 0
    pending: int = 0


def count_by_agency(
    dataset: Dataset, measures: Iterable[Measure], as_of: AsOf | None = None
) -> tuple[list[AgencyCount], int]:
    """Per declared agency, its responsible/partner/pending counts; and the count naming none.

    With ``as_of``, the roles as of that date: a merged agency counts 0, its successor carries
    its measures (once per measure, in the stronger role).
    """
    resp: Counter[str] = Counter()
    part: Counter[str] = Counter()
    pend: Counter[str] = Counter()
    none = 0
    for m in measures:
        responsible, partners = as_of.roles(m) if as_of else (m.responsible, m.partners)
        for code in responsible:
            resp[code] += 1
        for code in partners:
            part[code] += 1
        for code in dict.fromkeys(responsible + partners):
            pend[code] += m.pending
        if not m.responsible and not m.partners:
            none += 1
    counts = [
        AgencyCount(a.code, resp[a.code], part[a.code], pend[a.code]) for a in dataset.agencies
    ]
    return counts, none


@dataclass(frozen=True)
class MatrixRow:
    """One goal's row of the responsibility matrix."""

    goal: Goal
    counts: list[AgencyCount]
    no_agency: int
    total: int


def matrix(
    dataset: Dataset, measures: Sequence[Measure] | None = None, as_of: AsOf | None = None
) -> list[MatrixRow]:
    """Goals × agencies: per goal, each agency's responsible and partner counts (as of a date,
    with ``as_of``)."""
    chosen = dataset.measures if measures is None else measures
    by_goal: dict[str, list[Measure]] = {g.id: [] for g in dataset.goals}
    for m in chosen:
        by_goal.setdefault(m.goal, []).append(m)
    rows = []
    for goal in dataset.goals:
        counts, none = count_by_agency(dataset, by_goal[goal.id], as_of)
        rows.append(MatrixRow(goal, counts, none, len(by_goal[goal.id])))
    return rows


@dataclass(frozen=True)
class TreeTheme:
    """A theme with its goals and their measure counts, for ``goals``."""

    theme: Theme
    goals: list[tuple[Goal, int]] = field(default_factory=list)


def tree(dataset: Dataset) -> list[TreeTheme]:
    """The vision's themes → goals, with the number of measures under each goal."""
    per_goal = Counter(m.goal for m in dataset.measures)
    out = []
    for theme in dataset.themes:
        goals = [(g, per_goal[g.id]) for g in dataset.goals if g.theme == theme.id]
        out.append(TreeTheme(theme, goals))
    return out
