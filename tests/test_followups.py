"""The follow-up rules of SPEC §5, one table row per rule and edge, on small journals built from
snippets of front matter."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from coffeechat.derive import followups
from coffeechat.derive.followups import add_business_days, add_months, bucket, collect, day_text
from coffeechat.model import FollowUp, Journal
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal

TODAY = date(2026, 11, 21)  # a Saturday


def build(root: Path, contacts: dict[str, str], notes: dict[str, str] | None = None) -> Journal:
    """A journal from snippets: contacts/<slug>.md gets `name: <Slug>` unless the snippet has one."""
    for folder, files in (("contacts", contacts), ("notes", notes or {})):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for slug, snippet in files.items():
            front = textwrap.dedent(snippet).strip()
            if folder == "contacts" and not front.startswith("name:") and "\nname:" not in front:
                front = f"name: {slug.replace('-', ' ').title()}\n{front}"
            text = f"---\n{front}\n---\n\nBody.\n"
            (root / folder / f"{slug}.md").write_text(text, encoding="utf-8")
    journal = read_journal(root)
    assert not journal.errors, journal.errors
    return journal


def due(items: tuple[FollowUp, ...]) -> list[tuple[str, str, str | None, str]]:
    return [(f.kind, f.contact, f.due.isoformat() if f.due else None, f.bucket) for f in items]


def sent(day: str, channel: str = "email") -> str:
    return f"  - {{date: {day}, event: sent, channel: {channel}}}"


def event(day: str, kind: str, **more: str) -> str:
    extra = "".join(f", {k}: {v}" for k, v in more.items())
    return f"  - {{date: {day}, event: {kind}{extra}}}"


def outreach(*events: str, head: str = "") -> str:
    return (head + "\n" if head else "") + "outreach:\n" + "\n".join(events)


def note(who: str, day: str, *more: str) -> str:
    return "\n".join([f"contact: {who}", f"date: {day}", *more])


# id, contacts, notes, options, today, expected (kind, contact, due, bucket) in output order
CASES: list[tuple[str, dict[str, str], dict[str, str], dict[str, Any], date, list[Any]]] = [
    # -- thank-you ----------------------------------------------------------------------------
    (
        "thank-you due the day after the conversation",
        {"ana": ""},
        {"n": note("ana", "2026-11-20")},
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ana", "2026-11-21", "today")],
    ),
    (
        "thank-you overdue",
        {"ana": ""},
        {"n": note("ana", "2026-11-10")},
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ana", "2026-11-11", "overdue")],
    ),
    (
        "same-day thank-you in the note",
        {"ana": ""},
        {"n": note("ana", "2026-11-20", "thank_you: 2026-11-20")},
        {"keep_in_touch": "never"},
        TODAY,
        [],
    ),
    (
        "thank_you_days 0: due the same day",
        {"ana": ""},
        {"n": note("ana", "2026-11-21")},
        {"keep_in_touch": "never", "thank_you_days": 0},
        TODAY,
        [("thank-you", "ana", "2026-11-21", "today")],
    ),
    (
        "thank-you recorded on the contact instead of the note",
        {"ana": outreach(event("2026-11-20", "thank-you", channel="letter"))},
        {"n": note("ana", "2026-11-20")},
        {"keep_in_touch": "never"},
        TODAY,
        [],
    ),
    (
        "a thank-you event before the conversation does not count",
        {"ana": outreach(event("2026-10-01", "thank-you"))},
        {"n": note("ana", "2026-11-20")},
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ana", "2026-11-21", "today")],
    ),
    (
        "group note: one thank-you per person",
        {"ana": "", "ben": ""},
        {"n": note("[ana, ben]", "2026-11-19")},
        {"keep_in_touch": "never"},
        TODAY,
        [
            ("thank-you", "ana", "2026-11-20", "overdue"),
            ("thank-you", "ben", "2026-11-20", "overdue"),
        ],
    ),
    (
        "group note: the note's thank_you covers everyone",
        {"ana": "", "ben": ""},
        {"n": note("[ana, ben]", "2026-11-19", "thank_you: 2026-11-19")},
        {"keep_in_touch": "never"},
        TODAY,
        [],
    ),
    (
        "group note: a thank-you event covers only that person",
        {"ana": outreach(event("2026-11-19", "thank-you")), "ben": ""},
        {"n": note("[ana, ben]", "2026-11-19")},
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ben", "2026-11-20", "overdue")],
    ),
    (
        "a note dated after today is still to come: no thank-you yet",
        {"ana": ""},
        {"n": note("ana", "2026-11-25")},
        {},
        TODAY,
        [],
    ),
    (
        "a date with a time zone counts by its own calendar day",
        {"ana": ""},
        {"n": note("ana", "2026-11-20T23:30:00-08:00")},  # already 21 Nov in UTC
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ana", "2026-11-21", "today")],
    ),
    (
        "a thank-you event with a time zone on the note's day counts",
        {"ana": outreach(event("2026-11-20T07:00:00+09:00", "thank-you"))},
        {"n": note("ana", "2026-11-20")},
        {"keep_in_touch": "never"},
        TODAY,
        [],
    ),
    # -- nudge and move-on --------------------------------------------------------------------
    (
        "nudge 7 days after an unanswered request",
        {"ana": outreach(sent("2026-11-16"))},
        {},
        {},
        TODAY,
        [("nudge", "ana", "2026-11-23", "this week")],
    ),
    (
        "nudge overdue",
        {"ana": outreach(sent("2026-11-02"))},
        {},
        {},
        TODAY,
        [("nudge", "ana", "2026-11-09", "overdue")],
    ),
    (
        "a reply before the nudge date clears it",
        {"ana": outreach(sent("2026-11-02"), event("2026-11-04", "reply"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "a reply on the day of the request clears it",
        {"ana": outreach(sent("2026-11-02"), event("2026-11-02", "reply"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "a call clears it",
        {"ana": outreach(sent("2026-11-02"), event("2026-11-12", "call"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "declined clears it",
        {"ana": outreach(sent("2026-11-02"), event("2026-11-12", "declined"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "a voicemail or no-answer does not",
        {"ana": outreach(sent("2026-11-02"), event("2026-11-05", "voicemail"))},
        {},
        {},
        TODAY,
        [("nudge", "ana", "2026-11-09", "overdue")],
    ),
    (
        "a note with the contact clears it",
        {"ana": outreach(sent("2026-11-02"))},
        {"n": note("ana", "2026-11-06", "thank_you: 2026-11-06")},
        {"keep_in_touch": "never"},
        TODAY,
        [],
    ),
    (
        "a request sent again after an answered one starts a new round",
        {"ana": outreach(sent("2026-09-01"), event("2026-09-02", "reply"), sent("2026-11-17"))},
        {},
        {},
        TODAY,
        [("nudge", "ana", "2026-11-24", "this week")],
    ),
    (
        "a second request moves the nudge (max_nudges 3)",
        {"ana": outreach(sent("2026-11-02"), sent("2026-11-12"))},
        {},
        {"max_nudges": 3},
        TODAY,
        [("nudge", "ana", "2026-11-19", "overdue")],
    ),
    (
        "max_nudges unanswered requests: move on",
        {"ana": outreach(sent("2026-11-02"), sent("2026-11-12"))},
        {},
        {},
        TODAY,
        [("move-on", "ana", "2026-11-19", "overdue")],
    ),
    (
        "max_nudges 1: move on after the first",
        {"ana": outreach(sent("2026-11-16"))},
        {},
        {"max_nudges": 1},
        TODAY,
        [("move-on", "ana", "2026-11-23", "this week")],
    ),
    (
        "nudge_days 10",
        {"ana": outreach(sent("2026-11-16"))},
        {},
        {"nudge_days": (10,)},
        TODAY,
        [("nudge", "ana", "2026-11-26", "this week")],
    ),
    (
        "a request with a time zone counts by its own day",
        {"ana": outreach(sent("2026-11-14T23:30:00-10:00"))},  # 15 Nov in UTC
        {},
        {},
        TODAY,
        [("nudge", "ana", "2026-11-21", "today")],
    ),
    (
        "a datetime reply and a date request on the same day",
        {"ana": outreach(sent("2026-11-10"), event("2026-11-10T18:00:00+02:00", "reply"))},
        {},
        {},
        TODAY,
        [],
    ),
    # -- 3B7: business days (2026-11-19 is a Thursday) ----------------------------------------
    (
        "3B7 before 3 business days: the first step, over the weekend",
        {"ana": outreach(sent("2026-11-19"))},
        {},
        {"nudge_days": (3, 7), "nudge_business_days": True},
        date(2026, 11, 20),
        [("nudge", "ana", "2026-11-24", "this week")],
    ),
    (
        "3B7 between 3 and 7 business days: the first step is overdue",
        {"ana": outreach(sent("2026-11-19"))},
        {},
        {"nudge_days": (3, 7), "nudge_business_days": True},
        date(2026, 11, 27),
        [("nudge", "ana", "2026-11-24", "overdue")],
    ),
    (
        "3B7 at 7 business days: follow up",
        {"ana": outreach(sent("2026-11-19"))},
        {},
        {"nudge_days": (3, 7), "nudge_business_days": True},
        date(2026, 11, 30),
        [("nudge", "ana", "2026-11-30", "today")],
    ),
    (
        "3B7 a request sent on a Saturday",
        {"ana": outreach(sent("2026-11-21"))},
        {},
        {"nudge_days": (3, 7), "nudge_business_days": True},
        TODAY,
        [("nudge", "ana", "2026-11-25", "this week")],
    ),
    (
        "3B7 move on 7 business days after the second request",
        {"ana": outreach(sent("2026-11-02"), sent("2026-11-11"))},
        {},
        {"nudge_days": (3, 7), "nudge_business_days": True},
        TODAY,
        [("move-on", "ana", "2026-11-20", "overdue")],
    ),
    # -- prepare ------------------------------------------------------------------------------
    (
        "prepare two days before a meeting",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-26"))},
        {},
        {},
        TODAY,
        [("prepare", "ana", "2026-11-24", "this week")],
    ),
    (
        "meeting today: still listed, preparation overdue",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-21"))},
        {},
        {},
        TODAY,
        [("prepare", "ana", "2026-11-19", "overdue")],
    ),
    (
        "meeting past: gone",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-20"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "meeting today with its note: gone (and the thank-you is due)",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-21"))},
        {"n": note("ana", "2026-11-21")},
        {"keep_in_touch": "never"},
        TODAY,
        [("thank-you", "ana", "2026-11-22", "this week")],
    ),
    (
        "a note written ahead for the meeting: preparing has started",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-26"))},
        {"n": note("ana", "2026-11-26")},
        {},
        TODAY,
        [],
    ),
    (
        "a meeting set for tomorrow: not due before the day it was set",
        {"ana": outreach(event("2026-11-21", "scheduled", meeting="2026-11-22"))},
        {},
        {},
        TODAY,
        [("prepare", "ana", "2026-11-21", "today")],
    ),
    (
        "rescheduled: only the newest booking counts",
        {
            "ana": outreach(
                event("2026-11-01", "scheduled", meeting="2026-11-24"),
                event("2026-11-15", "scheduled", meeting="2026-12-10"),
            )
        },
        {},
        {},
        TODAY,
        [("prepare", "ana", "2026-12-08", "later")],
    ),
    (
        "cancelled by a later declined",
        {
            "ana": outreach(
                event("2026-11-01", "scheduled", meeting="2026-11-24"),
                event("2026-11-15", "declined"),
            )
        },
        {},
        {},
        TODAY,
        [],
    ),
    (
        "a meeting with a time zone counts by its own day",
        {"ana": outreach(event("2026-11-10", "scheduled", meeting="2026-11-25T23:00:00-08:00"))},
        {},
        {"prepare_days": 1},
        TODAY,
        [("prepare", "ana", "2026-11-24", "this week")],
    ),
    # -- keep in touch ------------------------------------------------------------------------
    (
        "quarterly: 31 Aug + 3 months is 30 Nov",
        {"ana": ""},
        {"n": note("ana", "2026-08-31", "thank_you: 2026-08-31")},
        {},
        TODAY,
        [("keep-in-touch", "ana", "2026-11-30", "later")],
    ),
    (
        "monthly: 31 Oct + 1 month is 30 Nov",
        {"ana": "keep_in_touch: monthly"},
        {"n": note("ana", "2026-10-31", "thank_you: 2026-10-31")},
        {},
        TODAY,
        [("keep-in-touch", "ana", "2026-11-30", "later")],
    ),
    (
        "yearly from 29 Feb of a leap year: 28 Feb",
        {"ana": "keep_in_touch: yearly"},
        {"n": note("ana", "2024-02-29", "thank_you: 2024-02-29")},
        {},
        date(2025, 1, 1),
        [("keep-in-touch", "ana", "2025-02-28", "later")],
    ),
    (
        "monthly from 31 Jan of a leap year: 29 Feb",
        {"ana": "keep_in_touch: monthly"},
        {"n": note("ana", "2028-01-31", "thank_you: 2028-01-31")},
        {},
        date(2028, 2, 1),
        [("keep-in-touch", "ana", "2028-02-29", "later")],
    ),
    (
        "an integer cadence is days",
        {"ana": "keep_in_touch: 45"},
        {"n": note("ana", "2026-10-10", "thank_you: 2026-10-10")},
        {},
        TODAY,
        [("keep-in-touch", "ana", "2026-11-24", "this week")],
    ),
    (
        "the journal's default cadence applies (integer option)",
        {"ana": ""},
        {"n": note("ana", "2026-11-01", "thank_you: 2026-11-01")},
        {"keep_in_touch": 30},
        TODAY,
        [("keep-in-touch", "ana", "2026-12-01", "later")],
    ),
    (
        "the contact's cadence overrides the journal's",
        {"ana": "keep_in_touch: monthly"},
        {"n": note("ana", "2026-11-01", "thank_you: 2026-11-01")},
        {"keep_in_touch": "never"},
        TODAY,
        [("keep-in-touch", "ana", "2026-12-01", "later")],
    ),
    (
        "never",
        {"ana": "keep_in_touch: never"},
        {"n": note("ana", "2026-08-01", "thank_you: 2026-08-01")},
        {},
        TODAY,
        [],
    ),
    (
        "only for contacts you have talked to",
        {"ana": outreach(event("2026-06-01", "update"))},
        {},
        {},
        TODAY,
        [],
    ),
    (
        "a later outreach event is the last interaction",
        {"ana": "keep_in_touch: monthly\n" + outreach(event("2026-11-05", "update"))},
        {"n": note("ana", "2026-09-10", "thank_you: 2026-09-10")},
        {},
        TODAY,
        [("keep-in-touch", "ana", "2026-12-05", "later")],
    ),
    (
        "events after today do not count",
        {"ana": "keep_in_touch: monthly\n" + outreach(event("2026-12-05", "update"))},
        {"n": note("ana", "2026-10-10", "thank_you: 2026-10-10")},
        {},
        TODAY,
        [("keep-in-touch", "ana", "2026-11-10", "overdue")],
    ),
    # -- status -------------------------------------------------------------------------------
    *[
        (
            f"{status}: no nudge, prepare or keep-in-touch; thank-you and tasks remain",
            {
                "ana": f"status: {status}\n"
                + outreach(
                    sent("2026-11-01"), event("2026-11-02", "scheduled", meeting="2026-12-01")
                ),
                "ben": f"status: {status}\n" + outreach(sent("2026-11-01")),
            },
            {
                "n": note(
                    "ana",
                    "2026-08-20",
                    "follow_ups:\n  - {task: Send the article, due: 2026-11-25}",
                )
            },
            {},
            TODAY,
            [
                ("thank-you", "ana", "2026-08-21", "overdue"),
                ("task", "ana", "2026-11-25", "this week"),
            ],
        )
        for status in ("paused", "declined", "closed")
    ],
    # -- tasks --------------------------------------------------------------------------------
    (
        "tasks: dated, done, done on a date, undated",
        {"ana": "", "ben": ""},
        {
            "n": note(
                "[ben, ana]",
                "2026-11-01",
                "thank_you: 2026-11-01",
                "follow_ups:",
                "  - {task: Read the report, due: 2026-11-20}",
                "  - {task: Already sent, due: 2026-11-02, done: true}",
                "  - {task: Done on a day, due: 2026-11-02, done: 2026-11-03}",
                "  - Ask about the summer program",
                "  - {task: No date yet}",
            )
        },
        {"keep_in_touch": "never"},
        TODAY,
        [
            ("task", "ben", "2026-11-20", "overdue"),
            ("task", "ben", None, "open"),
            ("task", "ben", None, "open"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("contacts", "notes", "options", "today", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule(
    tmp_path: Path,
    contacts: dict[str, str],
    notes: dict[str, str],
    options: dict[str, Any],
    today: date,
    expected: list[Any],
) -> None:
    journal = build(tmp_path, contacts, notes)
    assert due(collect(journal, Options(**options), today)) == expected


# -- reasons, sources and order ---------------------------------------------------------------


def one(
    tmp_path: Path, contacts: dict[str, str], notes: dict[str, str] | None = None, **options: Any
) -> FollowUp:
    items = collect(build(tmp_path, contacts, notes), Options(**options), TODAY)
    assert len(items) == 1, items
    return items[0]


def test_thank_you_reason_and_source(tmp_path: Path) -> None:
    item = one(
        tmp_path,
        {"terrence-oduya": "name: Terrence Oduya\nkeep_in_touch: never"},
        {"2026-11-20-terrence-oduya": "contact: terrence-oduya\nformat: video\ndate: 2026-11-20"},
    )
    assert item.reason == "Thank Terrence Oduya for the conversation of 20 Nov"
    assert (item.file, item.line, item.note) == (
        "notes/2026-11-20-terrence-oduya.md",
        4,
        "2026-11-20-terrence-oduya",
    )
    assert item.name == "Terrence Oduya"


def test_nudge_reason_and_source(tmp_path: Path) -> None:
    item = one(tmp_path, {"ana": "tags: [x]\n" + outreach(sent("2026-11-02"))})
    assert item.reason == "No reply to your email of 2 Nov — send a short, friendly follow-up"
    assert (item.file, item.line, item.note) == ("contacts/ana.md", 5, None)


def test_second_try_reason(tmp_path: Path) -> None:
    item = one(
        tmp_path,
        {"ana": outreach(sent("2026-11-02", "linkedin"), sent("2026-11-12", "phone"))},
        max_nudges=3,
    )
    assert item.reason == "No reply to your call of 12 Nov — second try, follow up once more"
    assert item.line == 5


def test_move_on_suggests_someone_else_at_the_company(tmp_path: Path) -> None:
    contacts = {
        "kwame": "company: Enoch Pratt Free Library\n"
        + outreach(sent("2025-10-20"), sent("2026-11-02"))
    }
    item = one(tmp_path, contacts)
    assert item.kind == "move-on"
    assert item.reason == (
        "No reply to your email of 2 Nov — second try, consider asking someone else at "
        "Enoch Pratt Free Library"
    )


@pytest.mark.parametrize(
    ("extra", "suffix"),
    [
        ("referred_by: ana-lucia\n", ", or ask Ana Lucía Núñez for another name"),
        (
            "referred_by: Professor Dana Whitfield\n",
            ", or ask Professor Dana Whitfield for another name",
        ),
        ("", ""),
    ],
)
def test_move_on_suggests_asking_the_referrer(tmp_path: Path, extra: str, suffix: str) -> None:
    contacts = {
        "ana-lucia": "name: Ana Lucía Núñez\nkeep_in_touch: never",
        "kwame": extra
        + "field: Librarianship\n"
        + outreach(sent("2026-11-02"), sent("2026-11-03")),
    }
    items = collect(build(tmp_path, contacts), Options(), TODAY)
    assert [i.reason for i in items] == [
        "No reply to your email of 3 Nov — second try, consider asking someone else in "
        "Librarianship" + suffix
    ]


def test_move_on_asks_who_referred_them_in_a_note(tmp_path: Path) -> None:
    contacts = {
        "harold": "name: Harold Kim\nkeep_in_touch: never",
        "rosalind": outreach(sent("2026-09-02", "linkedin"), sent("2026-09-16")),
    }
    notes = {"n": note("harold", "2026-09-01", "thank_you: 2026-09-01", "referrals: [rosalind]")}
    item = one(tmp_path, contacts, notes)
    assert item.reason.endswith(
        "second try, consider asking someone else, or ask Harold Kim for another name"
    )


def test_3b7_reasons(tmp_path: Path) -> None:
    journal = build(tmp_path, {"ana": "company: Acme\n" + outreach(sent("2026-11-19"))})
    options = Options(nudge_days=(3, 7), nudge_business_days=True)
    first = collect(journal, options, date(2026, 11, 20))[0]
    assert first.reason == (
        "No reply to your email of 19 Nov after 3 business days — write to a second person at "
        "Acme too"
    )
    second = collect(journal, options, date(2026, 11, 30))[0]
    assert second.reason == (
        "No reply to your email of 19 Nov after 7 business days — send a short follow-up"
    )
    assert first.key == second.key  # the same follow-up, moved on: the calendar updates it


def test_prepare_reason_with_a_time(tmp_path: Path) -> None:
    item = one(
        tmp_path,
        {
            "ana": "name: Ana Núñez\n"
            + outreach(event("2026-11-10", "scheduled", meeting="2026-11-25T14:30:00"))
        },
    )
    assert item.reason == "Prepare for your talk with Ana Núñez on 25 Nov at 14:30"
    assert (item.file, item.line) == ("contacts/ana.md", 4)


def test_keep_in_touch_reason_and_source(tmp_path: Path) -> None:
    contacts = {"marcus": "keep_in_touch: 45\n" + outreach(event("2025-10-12", "update"))}
    notes = {"n": note("marcus", "2025-09-10", "thank_you: 2025-09-10")}
    item = one(tmp_path, contacts, notes)
    assert item.reason == "Check in with Marcus: last in touch 12 Oct 2025 (every 45 days)"
    assert (item.file, item.line, item.note) == ("contacts/marcus.md", 5, None)
    item = one(tmp_path / "2", {"marcus": ""}, notes)
    assert item.reason == "Check in with Marcus: last in touch 10 Sep 2025 (quarterly)"
    assert (item.file, item.line, item.note) == ("notes/n.md", 3, "n")


def test_task_reason_and_source(tmp_path: Path) -> None:
    notes = {
        "n": note(
            "ana",
            "2026-11-01",
            "thank_you: 2026-11-01",
            "follow_ups:",
            "  - task: Read it",
            "    due: 2026-11-30",
        )
    }
    item = one(tmp_path, {"ana": "keep_in_touch: never"}, notes)
    assert (item.reason, item.file, item.line, item.note) == ("Read it", "notes/n.md", 6, "n")


def test_unknown_contacts_make_no_follow_ups(tmp_path: Path) -> None:
    root = tmp_path
    (root / "contacts").mkdir()
    (root / "notes").mkdir()
    (root / "notes" / "n.md").write_text(
        "---\ncontact: nobody\ndate: 2026-11-01\nfollow_ups: [Call back]\n---\n", encoding="utf-8"
    )
    journal = read_journal(root)
    assert journal.errors  # `check` and `due` say so
    assert collect(journal, Options(), TODAY) == ()


def test_order_by_due_then_contact_with_undated_last(tmp_path: Path) -> None:
    contacts = {"ben": outreach(sent("2026-11-02")), "ana": outreach(sent("2026-11-02")), "cy": ""}
    notes = {
        "n": note(
            "cy",
            "2026-11-01",
            "follow_ups:",
            "  - Later, no date",
            "  - {task: Early, due: 2026-10-01}",
        )
    }
    items = collect(build(tmp_path, contacts, notes), Options(keep_in_touch="never"), TODAY)
    assert [(i.due and i.due.isoformat(), i.contact, i.kind) for i in items] == [
        ("2026-10-01", "cy", "task"),
        ("2026-11-02", "cy", "thank-you"),
        ("2026-11-09", "ana", "nudge"),
        ("2026-11-09", "ben", "nudge"),
        (None, "cy", "task"),
    ]
    assert list(items) == sorted(items, key=followups.order)


def test_collect_is_pure(tmp_path: Path) -> None:
    """The same journal and the same today give the same follow-ups; the clock is never read."""
    journal = build(
        tmp_path, {"ana": outreach(sent("2026-11-02"))}, {"n": note("ana", "2026-11-20")}
    )
    first = collect(journal, Options(), TODAY)
    assert collect(journal, Options(), TODAY) == first
    later = collect(journal, Options(), date(2030, 1, 1))
    assert {i.bucket for i in later} == {"overdue"}


# -- the date arithmetic on its own ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 19), 3, date(2026, 11, 24)),  # Thursday + 3 → Tuesday, over the weekend
        (date(2026, 11, 19), 7, date(2026, 11, 30)),  # Thursday + 7 → the Monday after next
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday + 1 → Monday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday + 1 → Monday
        (date(2026, 11, 22), 5, date(2026, 11, 27)),  # Sunday + 5 → Friday
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # Monday + 5 → Monday
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-30, "overdue"),
        (-1, "overdue"),
        (0, "today"),
        (1, "this week"),
        (7, "this week"),
        (8, "later"),
    ],
)
def test_buckets(offset: int, expected: str) -> None:
    assert bucket(TODAY + timedelta(days=offset), TODAY) == expected
    assert bucket(None, TODAY) == "open"


def test_day_text() -> None:
    assert day_text(date(2026, 11, 2), TODAY) == "2 Nov"
    assert day_text(date(2025, 11, 2), TODAY) == "2 Nov 2025"
    assert day_text(date(2027, 1, 8), TODAY) == "8 Jan 2027"


def test_follow_up_json_shape() -> None:
    item = FollowUp("task", "ana", None, "open", "Read it", "notes/n.md", 6, "n", "k", "Ana")
    assert item.as_dict() == {
        "kind": "task",
        "contact": "ana",
        "due": None,
        "bucket": "open",
        "reason": "Read it",
        "file": "notes/n.md",
        "line": 6,
    }
    assert replace(item, due=TODAY).as_dict()["due"] == "2026-11-21"
