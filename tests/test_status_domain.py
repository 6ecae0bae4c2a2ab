"""The status log's domain: carry-forward, fold order, overview counts, since and history."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digivisio_cli.data.matrix import load as load_dataset
from digivisio_cli.domain import status as S

D = dt.date


def entry(measure: str, day: int, **kw: object) -> S.StatusEntry:
    return S.StatusEntry.make(measure, D(2026, 1, day), **kw)  # type: ignore[arg-type]


def test_a_field_left_out_keeps_its_value_and_null_clears_it() -> None:
    log = [
        entry("3.2.2.1", 1, state="in-progress", health="at-risk", owner="OKM/KTPO"),
        entry("3.2.2.1", 2, health=None, note="risk gone"),
    ]
    st_ = S.fold(log)["3.2.2.1"]
    assert (st_.state, st_.health, st_.owner) == ("in-progress", None, "OKM/KTPO")


def test_note_and_by_belong_to_their_entry_but_the_last_note_is_shown() -> None:
    log = [
        entry("1.1", 1, state="in-progress", note="kick-off", by="A"),
        entry("1.1", 5, state="done"),
    ]
    st_ = S.fold(log)["1.1"]
    assert (st_.note, st_.note_date, st_.date, st_.reports) == (
        "kick-off",
        D(2026, 1, 1),
        D(2026, 1, 5),
        2,
    )


def test_same_date_entries_fold_in_file_order() -> None:
    a = entry("1.1", 3, state="done")
    b = entry("1.1", 3, state="on-hold")
    assert S.fold([a, b])["1.1"].state == "on-hold"
    assert S.fold([b, a])["1.1"].state == "done"


def test_an_earlier_date_later_in_the_file_does_not_override() -> None:
    log = [entry("1.1", 9, state="done"), entry("1.1", 2, state="in-progress")]
    assert S.fold(log)["1.1"].state == "done"


_values = {
    "state": st.sampled_from([*S.STATES, None]),
    "health": st.sampled_from([*S.HEALTHS, None]),
    "owner": st.sampled_from(["OKM", "OPH/X", None]),
}
_entries = st.lists(
    st.builds(
        lambda m, d, note, sets: S.StatusEntry.make(m, D(2026, 1, d), note=note, **sets),
        st.sampled_from(["1.1", "1.2", "2.1"]),
        st.integers(1, 4),
        st.sampled_from([None, "kick-off", "budget"]),
        st.fixed_dictionaries({}, optional=_values),
    ),
    max_size=25,
)


@given(_entries, st.randoms())
def test_folding_ignores_the_order_of_different_dates_but_keeps_same_date_order(
    log: list[S.StatusEntry], rnd: object
) -> None:
    # Shuffle the dates, keeping each date's entries in file order: the fold must not change.
    shuffled = list(log)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    by_date: dict[dt.date, list[S.StatusEntry]] = {}
    for e in log:
        by_date.setdefault(e.date, []).append(e)
    rebuilt = []
    for e in shuffled:
        rebuilt.append(by_date[e.date].pop(0))
    assert S.fold(rebuilt) == S.fold(log)


@given(_entries)
def test_each_carried_field_is_the_last_value_set_in_fold_order(log: list[S.StatusEntry]) -> None:
    folded = S.fold(log)
    for m, status in folded.items():
        mine = [e for e in S.in_order(log) if e.measure == m]
        for name in S.CARRIED:
            setters = [e for e in mine if name in e.given]
            expected = getattr(setters[-1], name) if setters else None
            assert getattr(status, name) == expected
        assert status.reports == len(mine)
        assert status.date == max(e.date for e in mine)
        noted = [e for e in mine if e.note is not None]
        assert (status.note, status.note_date) == (
            (noted[-1].note, noted[-1].date) if noted else (None, None)
        )


@given(_entries)
def test_folding_a_log_split_at_any_point_is_folding_the_whole(log: list[S.StatusEntry]) -> None:
    # Appending entries never changes what the earlier ones meant: fold is a left fold.
    ordered = S.in_order(log)
    for cut in range(len(ordered) + 1):
        head = S.fold(ordered[:cut])
        tail = ordered[cut:]
        result = dict(head)
        for e in tail:
            result[e.measure] = S._apply(result.get(e.measure) or S.MeasureStatus(e.measure), e)
        assert result == S.fold(log)


def test_history_takes_an_id_of_any_level_and_a_since_date() -> None:
    log = [entry("3.10.1.1", 1), entry("3.1.1.1", 2), entry("3.1.2.1", 3), entry("3.1.1.2", 1)]
    assert [e.measure for e in S.history(log, ["3.1"])] == ["3.1.1.2", "3.1.1.1", "3.1.2.1"]
    assert [e.measure for e in S.history(log, ["3.1.1"], since=D(2026, 1, 2))] == ["3.1.1.1"]
    assert len(S.history(log)) == 4


def test_since_shows_before_and_now_and_the_notes_written_since() -> None:
    log = [
        entry("1.1", 1, state="in-progress", health="on-track"),
        entry("1.1", 10, health="at-risk", note="budget"),
        entry("1.1", 12, note="meeting"),
        entry("1.2", 2, state="done"),
    ]
    changes = S.since(log, D(2026, 1, 10))
    assert [c.measure for c in changes] == ["1.1"]
    c = changes[0]
    assert (c.before.state, c.before.health) == ("in-progress", "on-track")
    assert (c.now.state, c.now.health) == ("in-progress", "at-risk")
    assert [n.note for n in c.notes] == ["budget", "meeting"]


def test_since_lists_measures_in_the_order_given_then_the_rest_by_id() -> None:
    log = [entry(m, 5) for m in ("3.1.1.10", "9.9", "3.1.1.2", "8.8", "3.1.1.1")]
    order = ["3.1.1.1", "3.1.1.2", "3.1.1.10"]
    assert [c.measure for c in S.since(log, D(2026, 1, 1), order)] == [
        "3.1.1.1",
        "3.1.1.2",
        "3.1.1.10",
        "8.8",
        "9.9",
    ]
    # Without an order, by id as text (the caller passes document order when it matters).
    assert [c.measure for c in S.since(log, D(2026, 1, 1))][:2] == ["3.1.1.1", "3.1.1.10"]


def test_a_log_equals_another_only_with_the_same_version_and_entries() -> None:
    one = (entry("1.1", 1, state="done"),)
    assert S.StatusLog(1, one) == S.StatusLog(1, one)
    assert S.StatusLog(1, one) != S.StatusLog(1, ())
    assert S.StatusLog(1, one) != S.StatusLog(2, one)  # type: ignore[arg-type]
    assert S.StatusLog(1, one).__eq__(one) is NotImplemented


def test_overview_counts_states_no_report_stale_risk_and_share_done() -> None:
    data = load_dataset(None)
    ids = [m.id for m in data.measures]
    today = D(2026, 6, 1)
    log = [
        S.StatusEntry.make(ids[0], D(2026, 5, 1), state="done", health="at-risk"),
        S.StatusEntry.make(ids[1], D(2025, 1, 1), state="in-progress", health="off-track"),
        S.StatusEntry.make(ids[2], D(2026, 5, 1), state="dropped"),
        S.StatusEntry.make(ids[3], D(2026, 5, 1), note="looked at it"),
    ]
    ov = S.overview(data, S.fold(log), today)
    t = ov.total
    assert t.measures == len(ids)
    assert t.no_report == len(ids) - 4
    assert t.states["not-started"] == len(ids) - 3
    assert (t.states["done"], t.states["dropped"], t.states["in-progress"]) == (1, 1, 1)
    assert t.stale == 1  # ids[1]; the done one is closed
    # Stale means older than the cut-off, not on it; each stale or risky one counts once more.
    edge = [
        S.StatusEntry.make(
            ids[0], today - dt.timedelta(days=90), state="in-progress", health="at-risk"
        ),
        S.StatusEntry.make(
            ids[1], today - dt.timedelta(days=91), state="in-progress", health="at-risk"
        ),
        S.StatusEntry.make(
            ids[2], today - dt.timedelta(days=200), state="in-progress", health="at-risk"
        ),
    ]
    edge_total = S.overview(data, S.fold(edge), today).total
    assert (edge_total.stale, edge_total.at_risk) == (2, 3)
    assert (t.at_risk, t.off_track) == (0, 1)  # a done measure carries no risk
    assert t.share_done == 1 / (len(ids) - 1)
    assert sum(r.measures for r in S.overview(data, S.fold(log), today, by="goal").rows) == len(ids)
    keys = [r.key for r in ov.rows]
    assert keys[-1] is None and keys[:-1] == [a.code for a in data.agencies]
    per = sum(r.measures for r in ov.rows)
    assert per == sum(max(1, len(m.responsible)) for m in data.measures)


def test_share_done_is_none_when_everything_was_dropped() -> None:
    assert S.Counts("x", 2, {"dropped": 2}).share_done is None


def test_state_filter_not_started_includes_measures_never_reported() -> None:
    assert S.matches(S.MeasureStatus("1.1"), ["not-started"])
    assert not S.matches(S.MeasureStatus("1.1"), ["done"])
    assert not S.matches(S.MeasureStatus("1.1", health="at-risk"), [], ["on-track"])


def test_a_log_restores_its_entries_only_when_they_are_asked_for() -> None:
    log_entries = (entry("1.1", 1, state="done"),)
    calls: list[int] = []

    def restore() -> tuple[S.StatusEntry, ...]:
        calls.append(1)
        return log_entries

    log = S.StatusLog(1, None, restore=restore, current=S.fold(log_entries))
    assert log.current()["1.1"].state == "done" and not calls
    assert log.entries == log_entries and calls == [1]
    assert log == S.StatusLog(1, log_entries)
    assert S.StatusLog(1, log_entries).current() == log.current()


def test_an_entry_keeps_its_place_and_author_and_refuses_unknown_fields() -> None:
    e = S.StatusEntry.make("1.1", D(2026, 1, 1), by="A. K.", line=7, note="n", state="done")
    assert (e.by, e.line, e.note, e.state, e.given) == ("A. K.", 7, "n", "done", {"state"})
    with pytest.raises(TypeError, match=r"^not a carried field: colour, size$"):
        S.StatusEntry.make("1.1", D(2026, 1, 1), size=1, colour="red")
    assert S.StatusEntry.make("1.1", D(2026, 1, 1)).line == 0  # not read from a file


def test_by_agency_there_is_no_unassigned_group_when_every_measure_has_an_agency(
    small: object,
) -> None:
    from digivisio_cli.domain.model import Dataset

    assert isinstance(small, Dataset)
    everyone = {m.id: ["OKM"] for m in small.measures}
    keys = [key for key, _ in S.groups(small, "agency", responsible=everyone)]
    assert keys == [a.code for a in small.agencies]
    assert [key for key, _ in S.groups(small, "agency")][-1] is None  # 3.1.1.4 has none


def test_a_log_without_entries_or_a_way_to_restore_them_is_a_programming_error() -> None:
    with pytest.raises(
        ValueError, match=r"^a StatusLog needs its entries or a way to restore them$"
    ):
        S.StatusLog(1, None)
