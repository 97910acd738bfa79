"""The calendar feed: parsed back with icalendar and checked field by field; UIDs that stay put."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from coffeechat.derive import followups
from coffeechat.model import FollowUp
from coffeechat.read.config import load_options
from coffeechat.read.journal import read_journal
from coffeechat.render.calendar import follow_ups_ics, uid
from conftest import REPO
from icalendar import Calendar

TODAY = date(2026, 11, 21)
SITE = "https://jordan.example.org/journal/"


def example(root: Path = REPO) -> tuple[FollowUp, ...]:
    return followups.collect(read_journal(root), load_options(root), TODAY)


def events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def copy_example(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    for folder in ("contacts", "notes"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_calendar_fields() -> None:
    cal = Calendar.from_ical(follow_ups_ics(example(), SITE, TODAY))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//coffeechat//follow-ups//EN"
    assert str(cal["X-WR-CALNAME"]) == "coffeechat follow-ups"
    assert str(cal["NAME"]) == "coffeechat follow-ups"


def test_one_all_day_event_per_dated_follow_up() -> None:
    items = example()
    dated = [i for i in items if i.due is not None]
    assert len(dated) < len(items)  # the example has undated tasks: they stay out
    found = events(follow_ups_ics(items, SITE, TODAY))
    assert len(found) == len(dated)
    stamp = datetime(2026, 11, 21, tzinfo=UTC)
    for item, event in zip(dated, found, strict=True):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date and start == item.due
        assert type(end) is date and end == item.due + timedelta(days=1)
        assert event["DTSTAMP"].dt == stamp
        assert str(event["UID"]) == uid(item) and str(event["UID"]).endswith("@coffeechat")
        assert item.reason in str(event["SUMMARY"])
        assert item.name in str(event["SUMMARY"])
        assert str(event["DESCRIPTION"]).startswith(item.reason)
        assert item.file in str(event["DESCRIPTION"])
        assert str(event["URL"]) == f"{SITE}contacts/{item.contact}/"
        assert event["CATEGORIES"].cats == [item.kind]


def test_a_thank_you_field_by_field() -> None:
    thanks = [i for i in example() if i.kind == "thank-you" and i.contact == "terrence-oduya"]
    (event,) = events(follow_ups_ics(thanks, SITE.rstrip("/"), TODAY))
    assert str(event["SUMMARY"]) == "Thank Terrence Oduya for the conversation of 20 Nov"
    assert str(event["DESCRIPTION"]) == (
        "Thank Terrence Oduya for the conversation of 20 Nov\n\n"
        "thank-you · from notes/2026-11-20-terrence-oduya.md, line 3"
    )
    assert event["DTSTART"].dt == date(2026, 11, 21)
    assert str(event["URL"]) == "https://jordan.example.org/journal/contacts/terrence-oduya/"


def test_a_nudge_says_who() -> None:
    nudges = [i for i in example() if i.kind == "nudge"]
    (event,) = events(follow_ups_ics(nudges, None, TODAY))
    assert str(event["SUMMARY"]) == (
        "Nadia Haddad: No reply to your email of 28 Oct — send a short, friendly follow-up"
    )
    assert "URL" not in event  # no site address, no link


def test_empty_calendar_is_still_a_calendar() -> None:
    cal = Calendar.from_ical(follow_ups_ics((), None, TODAY))
    assert str(cal["VERSION"]) == "2.0"
    assert events(follow_ups_ics((), None, TODAY)) == []


def test_deterministic() -> None:
    assert follow_ups_ics(example(), SITE, TODAY) == follow_ups_ics(example(), SITE, TODAY)


def test_uids_are_unique() -> None:
    uids = [str(e["UID"]) for e in events(follow_ups_ics(example(), SITE, TODAY))]
    assert len(uids) == len(set(uids))


def test_the_same_task_twice_still_gets_two_uids() -> None:
    item = FollowUp("task", "ana", TODAY, "today", "Call", "notes/n.md", 4, "n", "n/Call", "Ana")
    uids = [str(e["UID"]) for e in events(follow_ups_ics([item, item], None, TODAY))]
    assert len(set(uids)) == 2


def uids_by_item(root: Path, today: date = TODAY) -> dict[tuple[str, str, str | None], str]:
    items = followups.collect(read_journal(root), load_options(root), today)
    return {
        (str(e["CATEGORIES"].cats[0]), str(e["URL"]).split("/")[-2], str(e["SUMMARY"])): str(
            e["UID"]
        )
        for e in events(follow_ups_ics(items, SITE, today))
    }


def test_uids_stable_across_builds_and_unrelated_edits(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    first = uids_by_item(root)
    # Another contact and another note appear; an unrelated file gets longer.
    (root / "contacts" / "new-person.md").write_text(
        "---\nname: New Person\noutreach:\n  - {date: 2026-11-20, event: sent}\n---\n",
        encoding="utf-8",
    )
    grace = root / "contacts" / "grace-whitaker.md"
    grace.write_text(grace.read_text(encoding="utf-8") + "\nMore research notes.\n", "utf-8")
    second = uids_by_item(root)
    assert {k: v for k, v in second.items() if k[1] != "new-person"} == first


def test_uid_survives_lines_moving_and_dates_moving(tmp_path: Path) -> None:
    root = copy_example(tmp_path)

    def uid_of(kind: str, contact: str, today: date = TODAY) -> str:
        items = followups.collect(read_journal(root), load_options(root), today)
        (item,) = [i for i in items if i.kind == kind and i.contact == contact]
        return uid(item)

    nudge, thanks, prepare = (
        uid_of("nudge", "nadia-haddad"),
        uid_of("thank-you", "terrence-oduya"),
        uid_of("prepare", "helen-markowitz"),
    )
    for path in (root / "contacts").glob("*.md"):  # every line of every file moves down
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\n# a comment\n", 1), encoding="utf-8")
    note = root / "notes" / "2026-11-20-terrence-oduya.md"
    note.write_text(note.read_text().replace("---\n", "---\n# moved\n", 1), encoding="utf-8")
    assert uid_of("nudge", "nadia-haddad") == nudge
    assert uid_of("thank-you", "terrence-oduya") == thanks
    assert uid_of("prepare", "helen-markowitz") == prepare
    # A meeting moved to another day is the same meeting: the calendar moves the event.
    helen = root / "contacts" / "helen-markowitz.md"
    helen.write_text(helen.read_text().replace("2026-11-25", "2026-11-27"), encoding="utf-8")
    assert uid_of("prepare", "helen-markowitz") == prepare


@pytest.mark.parametrize("kind", ["thank-you", "task", "keep-in-touch", "prepare", "move-on"])
def test_uid_depends_on_kind_and_contact(kind: str) -> None:
    items = [i for i in example() if i.kind == kind]
    assert items
    assert all(uid(i).startswith(f"{kind}-") for i in items)
