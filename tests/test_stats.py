"""Outreach statistics on a small journal whose numbers were worked out by hand
(tests/data/stats/README.md shows the working)."""

from __future__ import annotations

from datetime import date

import pytest
from coffeechat.derive.derived import derive
from coffeechat.derive.stats import FEW, Stats, Tally, outreach_stats, requests_of, tally_by
from coffeechat.model import Contact, OutreachEvent
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal
from conftest import DATA

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def stats() -> Stats:
    journal = read_journal(DATA / "stats")
    assert not journal.problems
    return outreach_stats(journal, derive(journal, Options(), TODAY))


def rows(tallies: tuple[Tally, ...]) -> list[tuple[str, int, int, float | None]]:
    return [(t.label, t.requests, t.answered, t.median_days) for t in tallies]


def test_totals(stats: Stats) -> None:
    assert (stats.total.requests, stats.total.answered, stats.people) == (9, 5, 7)
    assert stats.total.rate == pytest.approx(5 / 9)
    assert stats.total.median_days == 3
    assert not stats.total.few


def test_each_request_and_its_answer(stats: Stats) -> None:
    found = [(r.contact, r.day.isoformat(), r.channel, r.answer, r.days) for r in stats.requests]
    assert found == [
        ("amy", "2026-10-01", "email", "reply", 3),
        ("ben", "2026-10-01", "linkedin", None, None),  # the reply came after the second try
        ("ben", "2026-10-10", "email", "reply", 5),
        ("cy", "2026-10-05", "linkedin", None, None),  # a `no-answer` call is no answer
        ("cy", "2026-10-20", "phone", None, None),
        ("dee", "2026-11-01", None, "note", 8),
        ("eve", "2026-09-01", "email", "declined", 1),
        ("fay", "2026-11-10", "in-person", "scheduled", 0),
        ("gus", "2026-11-18", "email", None, None),  # the reply and the 25 Nov try are to come
    ]


def test_by_source_ignores_case_and_keeps_the_first_spelling(stats: Stats) -> None:
    assert rows(stats.by_source) == [
        ("LinkedIn", 4, 1, 5),
        ("alumni", 2, 2, 1.5),
        ("referral", 2, 2, 4.5),
        ("(not recorded)", 1, 0, None),
    ]


def test_by_channel(stats: Stats) -> None:
    assert rows(stats.by_channel) == [
        ("email", 4, 3, 3),
        ("linkedin", 2, 0, None),
        ("(not recorded)", 1, 1, 8),
        ("in-person", 1, 1, 0),
        ("phone", 1, 0, None),
    ]


def test_by_company(stats: Stats) -> None:
    assert rows(stats.by_company) == [
        ("Acme", 4, 3, 3),
        ("Beta", 3, 1, 8),
        ("(not recorded)", 1, 1, 1),
        ("Gamma", 1, 0, None),
    ]


def test_declined_no_answer_and_snafus(stats: Stats) -> None:
    assert stats.declined == ("eve",)
    assert stats.no_answer == ("cy",)  # two unanswered requests, the last over a week ago
    assert stats.unanswered_calls == 1
    assert [(s.contact, s.day.isoformat(), s.note) for s in stats.snafus] == [
        ("fay", "2026-11-11", "Gave her the wrong phone number")
    ]
    assert (stats.snafus[0].file, stats.snafus[0].line) == ("contacts/fay.md", 8)


def test_small_groups_say_so(stats: Stats) -> None:
    assert FEW == 5
    assert all(t.few for t in stats.by_source)  # 4 requests is still too few to tell
    assert Tally("x", 5, 1, 2).few is False
    assert Tally("x", 0, 0, None).rate is None


def test_same_day_tries_credit_the_answer_to_the_later_one() -> None:
    contact = Contact(
        "ana",
        "contacts/ana.md",
        "Ana",
        outreach=(
            OutreachEvent(date(2026, 11, 2), "sent", "email", line=5),
            OutreachEvent(date(2026, 11, 2), "sent", "linkedin", line=6),
            OutreachEvent(date(2026, 11, 4), "call", line=7),
        ),
    )
    found = [(r.channel, r.days) for r in requests_of(contact, (), TODAY)]
    assert found == [("email", None), ("linkedin", 2)]
    assert tally_by([], lambda r: r.channel) == ()
