"""The status log's domain: dated entries, folded into each measure's current status.

A status log is the team's record of how far along each measure is; it lives beside the matrix
and is never mixed into it. This module holds the pure part: the entries as frozen dataclasses,
the fold that turns them into a current status per measure, the overview counts, what moved
since a date, and the history of a part of the vision. Standard library only (and the dataset
model, itself standard library), so that an answer from the cache imports neither YAML nor
Pydantic; reading and checking the file is the data layer's business, words the i18n layer's.

The rules (docs/status.md has the full account):

- ``state``, ``health``, ``due``, ``owner`` and ``link`` carry forward: an entry that leaves a
  field out keeps its earlier value, and an entry that sets it to null clears it;
- ``note`` and ``by`` belong to their entry alone;
- a measure's entries are folded in date order, and entries of the same date in file order.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from digivisio_cli.domain.model import Dataset, Measure

State = Literal["not-started", "in-progress", "done", "on-hold", "dropped"]
Health = Literal["on-track", "at-risk", "off-track"]
Carried = Literal["state", "health", "due", "owner", "link"]
GroupBy = Literal["agency", "theme", "goal"]

#: The state codes, in the order a measure normally passes through them.
STATES: tuple[State, ...] = ("not-started", "in-progress", "done", "on-hold", "dropped")
#: The delivery-confidence codes, best first.
HEALTHS: tuple[Health, ...] = ("on-track", "at-risk", "off-track")
#: The fields an entry sets that stay set until a later entry changes or clears them.
CARRIED: tuple[Carried, ...] = ("state", "health", "due", "owner", "link")
#: States after which nothing more is expected: no risk to report, nothing to go stale.
CLOSED: frozenset[str] = frozenset({"done", "dropped"})
#: Days after which a report is stale unless asked otherwise.
DEFAULT_STALE_AFTER = 90


@dataclass(frozen=True)
class StatusEntry:
    """One dated report on one measure, as written in the log.

    ``given`` names the carried fields the entry mentions: a field in ``given`` whose value is
    None clears it; a field not in ``given`` keeps its earlier value, whatever is stored here.
    ``line`` is where the entry starts in its file (0 when it was not read from one).
    """

    measure: str
    date: _dt.date
    state: State | None = None
    health: Health | None = None
    due: _dt.date | None = None
    owner: str | None = None
    link: str | None = None
    note: str | None = None
    by: str | None = None
    given: frozenset[str] = frozenset()
    line: int = 0

    @classmethod
    def make(
        cls,
        measure: str,
        date: _dt.date,
        *,
        note: str | None = None,
        by: str | None = None,
        line: int = 0,
        **carried: object,
    ) -> StatusEntry:
        """An entry that sets exactly the carried fields passed (None among them clears one)."""
        unknown = set(carried) - set(CARRIED)
        if unknown:
            raise TypeError(f"not a carried field: {', '.join(sorted(unknown))}")
        values = {name: carried.get(name) for name in CARRIED}
        return cls(
            measure,
            date,
            note=note,
            by=by,
            line=line,
            given=frozenset(carried),
            **values,  # type: ignore[arg-type]
        )

    def sets(self) -> dict[str, object]:
        """The carried fields this entry sets or clears, with their new values."""
        return {name: getattr(self, name) for name in CARRIED if name in self.given}


class StatusLog:
    """A whole status log: its entries in file order, and each measure's current status.

    Both may be given as they are or as a function that produces them when first asked for, so
    that a log from the cache answers ``current()`` without restoring every entry (a listing
    needs only the current status; the history needs the entries).
    """

    __slots__ = ("_current", "_entries", "_restore", "schema_version")

    def __init__(
        self,
        schema_version: Literal[1] = 1,
        entries: tuple[StatusEntry, ...] | None = (),
        *,
        restore: Callable[[], tuple[StatusEntry, ...]] | None = None,
        current: Mapping[str, MeasureStatus] | None = None,
    ) -> None:
        if entries is None and restore is None:
            raise ValueError("a StatusLog needs its entries or a way to restore them")
        self.schema_version: Literal[1] = schema_version
        self._entries = entries
        self._restore = restore
        self._current = dict(current) if current is not None else None

    @property
    def entries(self) -> tuple[StatusEntry, ...]:
        """The entries, in file order."""
        if self._entries is None:
            assert self._restore is not None
            self._entries = self._restore()
        return self._entries

    def current(self) -> dict[str, MeasureStatus]:
        """Each reported measure's current status (the entries folded), by measure id."""
        if self._current is None:
            self._current = fold(self.entries)
        return self._current

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StatusLog):
            return NotImplemented
        return self.schema_version == other.schema_version and self.entries == other.entries

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StatusLog({len(self.entries)} entries)"


@dataclass(frozen=True)
class MeasureStatus:
    """A measure's current status: its entries folded.

    ``note`` is the latest note written (in fold order), with ``note_date`` its entry's date;
    ``date`` the date of the latest report; ``reports`` how many entries the measure has.
    """

    measure: str
    state: State | None = None
    health: Health | None = None
    due: _dt.date | None = None
    owner: str | None = None
    link: str | None = None
    note: str | None = None
    note_date: _dt.date | None = None
    date: _dt.date | None = None
    reports: int = 0

    @property
    def reported(self) -> bool:
        """Whether any entry names the measure."""
        return self.reports > 0

    def effective_state(self) -> State:
        """The state to count the measure under: a measure never reported has not started."""
        return self.state or "not-started"


def in_order(entries: Iterable[StatusEntry]) -> list[StatusEntry]:
    """The entries in fold order: by date, and entries of one date in file order."""
    # NOTE: sorted() is stable, so entries of the same date keep the order they were given in.
    return sorted(entries, key=lambda e: e.date)


def _apply(current: MeasureStatus, entry: StatusEntry) -> MeasureStatus:
    values: dict[str, object] = {
        "measure": current.measure,
        "state": current.state,
        "health": current.health,
        "due": current.due,
        "owner": current.owner,
        "link": current.link,
        "note": current.note,
        "note_date": current.note_date,
    }
    values.update(entry.sets())
    if entry.note is not None:
        values["note"], values["note_date"] = entry.note, entry.date
    return MeasureStatus(date=entry.date, reports=current.reports + 1, **values)  # type: ignore[arg-type]


def fold(entries: Iterable[StatusEntry]) -> dict[str, MeasureStatus]:
    """Each reported measure's current status, by measure id.

    The same as applying :func:`_apply` entry by entry, without a new status per entry: the
    values are gathered in one mapping per measure and frozen once at the end.
    """
    values: dict[str, dict[str, object]] = {}
    for entry in in_order(entries):
        current = values.get(entry.measure)
        if current is None:
            current = values[entry.measure] = {"measure": entry.measure, "reports": 0}
        for name in entry.given:
            current[name] = getattr(entry, name)
        if entry.note is not None:
            current["note"], current["note_date"] = entry.note, entry.date
        current["date"] = entry.date
        current["reports"] += 1  # type: ignore[operator]
    return {m: MeasureStatus(**v) for m, v in values.items()}  # type: ignore[arg-type]


def status_of(folded: Mapping[str, MeasureStatus], measure_id: str) -> MeasureStatus:
    """The measure's status, or an empty one (never reported)."""
    return folded.get(measure_id) or MeasureStatus(measure_id)


def history(
    entries: Iterable[StatusEntry],
    prefixes: Sequence[str] = (),
    since: _dt.date | None = None,
) -> list[StatusEntry]:
    """The entries under any of ``prefixes`` (all when none), dated on or after ``since``, oldest first."""
    from digivisio_cli.domain.query import has_prefix  # here: query is heavy for a status run

    chosen = [
        e
        for e in entries
        if (not prefixes or any(has_prefix(e.measure, p) for p in prefixes))
        and (since is None or e.date >= since)
    ]
    return in_order(chosen)


@dataclass(frozen=True)
class Change:
    """What moved for one measure since a date: state and health before and now, and the notes."""

    measure: str
    before: MeasureStatus
    now: MeasureStatus
    entries: tuple[StatusEntry, ...]

    @property
    def notes(self) -> tuple[StatusEntry, ...]:
        """The entries since the date that carry a note, oldest first."""
        return tuple(e for e in self.entries if e.note is not None)


def since(
    entries: Iterable[StatusEntry], date: _dt.date, order: Sequence[str] = ()
) -> list[Change]:
    """Per measure with an entry dated on or after ``date``: its status before ``date`` and now.

    Measures come in ``order`` (document order, say); any not in it follow in id order.
    """
    everything = in_order(entries)
    before = fold(e for e in everything if e.date < date)
    now = fold(everything)
    recent: dict[str, list[StatusEntry]] = {}
    for e in everything:
        if e.date >= date:
            recent.setdefault(e.measure, []).append(e)
    rank = {m: i for i, m in enumerate(order)}
    ids = sorted(recent, key=lambda m: (rank.get(m, len(rank)), m))
    return [Change(m, status_of(before, m), now[m], tuple(recent[m])) for m in ids]


@dataclass(frozen=True)
class Counts:
    """One overview row: how the measures of an agency, theme or goal stand.

    ``states`` counts every measure under its state, a measure never reported under
    not-started; ``no_report`` how many have no entry at all; ``stale`` how many open ones were
    reported but not in the last ``stale_after`` days; ``health`` the open measures under their
    health (done and dropped ones have no risk left to report).
    """

    key: str | None
    measures: int = 0
    states: Mapping[str, int] = field(default_factory=dict)
    no_report: int = 0
    stale: int = 0
    health: Mapping[str, int] = field(default_factory=dict)

    @property
    def at_risk(self) -> int:
        """Open measures at risk."""
        return self.health.get("at-risk", 0)

    @property
    def off_track(self) -> int:
        """Open measures off track."""
        return self.health.get("off-track", 0)

    @property
    def share_done(self) -> float | None:
        """Done over all but dropped; None when every measure was dropped (or there are none)."""
        base = self.measures - self.states.get("dropped", 0)
        return self.states.get("done", 0) / base if base else None


@dataclass(frozen=True)
class Overview:
    """The overview: a row per group, and the total over every measure counted once."""

    by: GroupBy
    rows: tuple[Counts, ...]
    total: Counts
    today: _dt.date
    stale_after: int


def _count(
    key: str | None,
    measures: Sequence[Measure],
    folded: Mapping[str, MeasureStatus],
    today: _dt.date,
    stale_after: int,
) -> Counts:
    states: dict[str, int] = dict.fromkeys(STATES, 0)
    health: dict[str, int] = dict.fromkeys(HEALTHS, 0)
    no_report = stale = 0
    cutoff = today - _dt.timedelta(days=stale_after)
    for m in measures:
        st = status_of(folded, m.id)
        state = st.effective_state()
        states[state] += 1
        if not st.reported:
            no_report += 1
            continue
        if state in CLOSED:
            continue
        if st.date is not None and st.date < cutoff:
            stale += 1
        if st.health is not None:
            health[st.health] += 1
    return Counts(key, len(measures), states, no_report, stale, health)


def groups(
    dataset: Dataset,
    by: GroupBy,
    responsible: Mapping[str, Sequence[str]] | None = None,
    agencies: Sequence[str] | None = None,
) -> list[tuple[str | None, list[Measure]]]:
    """The overview's groups, in document order, each with its measures.

    By agency a measure counts for every agency responsible for it, and there is a group for
    each of ``agencies`` (default: every declared one). ``responsible`` overrides the published
    assignment per measure id and ``agencies`` names the agencies of the day, for an as-of view.
    Measures with no agency responsible form a last group with the key None, present only when
    there are any.
    """
    if by == "agency":
        resp = responsible or {}
        codes = [a.code for a in dataset.agencies] if agencies is None else agencies
        per: dict[str | None, list[Measure]] = {code: [] for code in codes}
        for m in dataset.measures:
            codes = resp.get(m.id, m.responsible)
            # The None group comes into being with its first measure: present only when needed.
            for code in codes or (None,):
                per.setdefault(code, []).append(m)
        return list(per.items())
    if by == "theme":
        from digivisio_cli.domain.query import has_prefix

        return [
            (t.id, [m for m in dataset.measures if has_prefix(m.goal, t.id)])
            for t in dataset.themes
        ]
    return [(g.id, [m for m in dataset.measures if m.goal == g.id]) for g in dataset.goals]


def overview(
    dataset: Dataset,
    folded: Mapping[str, MeasureStatus],
    today: _dt.date,
    by: GroupBy = "agency",
    stale_after: int = DEFAULT_STALE_AFTER,
    responsible: Mapping[str, Sequence[str]] | None = None,
    agencies: Sequence[str] | None = None,
) -> Overview:
    """The overview of ``dataset``'s measures, each with its status in ``folded`` (see
    :func:`fold`), as of ``today``.

    ``responsible`` and ``agencies``: see :func:`groups`.
    """
    rows = tuple(
        _count(key, ms, folded, today, stale_after)
        for key, ms in groups(dataset, by, responsible, agencies)
    )
    total = _count(None, list(dataset.measures), folded, today, stale_after)
    return Overview(by, rows, total, today, stale_after)


def matches(status: MeasureStatus, states: Iterable[str] = (), healths: Iterable[str] = ()) -> bool:
    """Whether a measure passes ``--state``/``--health`` (none given: any; never reported: not-started)."""
    want_states, want_health = set(states), set(healths)
    if want_states and status.effective_state() not in want_states:
        return False
    return not want_health or status.health in want_health
