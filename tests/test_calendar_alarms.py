"""Alarms in the calendar feed: one DISPLAY alarm at 09:00 on the morning a follow-up is due,
read back with icalendar (which computes when each alarm rings) and imported by calcurse when it
is installed; `calendar_alarms: false` in mkdocs.yml turns them off."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from coffeechat.derive import followups
from coffeechat.derive.followups import headline
from coffeechat.model import FollowUp, JournalError
from coffeechat.read.config import load_options, validate
from coffeechat.read.journal import read_journal
from coffeechat.render.calendar import follow_ups_ics
from conftest import REPO, MakeJournal
from icalendar import Calendar
from site_fixtures import build

TODAY = date(2026, 11, 21)


def example() -> tuple[FollowUp, ...]:
    return followups.collect(read_journal(REPO), load_options(REPO), TODAY)


def feed(alarms: bool = True, items: tuple[FollowUp, ...] | None = None) -> bytes:
    return follow_ups_ics(example() if items is None else items, None, TODAY, alarms)


def test_an_alarm_at_nine_on_the_due_morning() -> None:
    events = list(Calendar.from_ical(feed()).walk("VEVENT"))
    upcoming = [e for e in events if e.decoded("dtstart") >= TODAY]
    assert upcoming and len(upcoming) < len(events)  # the example has both kinds
    for event in upcoming:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert str(alarm["description"]) == str(event["summary"])
        assert alarm.decoded("trigger") == timedelta(hours=9)
        # icalendar works out when it rings: 09:00, floating (the calendar's own time zone).
        (rings,) = event.alarms.times
        assert rings.trigger == datetime.combine(event.decoded("dtstart"), datetime.min.time()) + (
            timedelta(hours=9)
        )
        assert rings.trigger.tzinfo is None


def test_overdue_items_ring_no_old_alarms() -> None:
    for event in Calendar.from_ical(feed()).walk("VEVENT"):
        if event.decoded("dtstart") < TODAY:
            assert event.walk("VALARM") == []


def test_option_off_means_no_alarm_at_all() -> None:
    data = feed(alarms=False)
    assert b"VALARM" not in data
    assert len(Calendar.from_ical(data).walk("VEVENT")) == len(
        Calendar.from_ical(feed()).walk("VEVENT")
    )


def test_round_trip_keeps_every_alarm() -> None:
    first = Calendar.from_ical(feed())
    again = Calendar.from_ical(first.to_ical())
    assert [e.walk("VALARM") for e in again.walk("VEVENT")] == [
        e.walk("VALARM") for e in first.walk("VEVENT")
    ]
    assert feed() == feed()  # deterministic


def test_alarm_on_the_last_day_there_is() -> None:
    item = FollowUp("task", "ada", date.max, "later", "Someday", "notes/n.md", 3, key="n")
    (event,) = Calendar.from_ical(feed(items=(item,))).walk("VEVENT")
    # (icalendar's own alarm-time helper overflows here: it adds a day for the missing DTEND.)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(hours=9)
    assert str(alarm["description"]) == headline(item)


def test_option_must_be_true_or_false() -> None:
    assert validate({}).calendar_alarms is True
    assert validate({"calendar_alarms": False}).calendar_alarms is False
    with pytest.raises(JournalError, match=r"mkdocs.yml.*calendar_alarms.*true or false"):
        validate({"calendar_alarms": "off"})


def small_journal(make: MakeJournal, option: str) -> Path:
    return make(
        {
            "mkdocs.yml": (f"site_name: t\ndocs_dir: pages\nplugins:\n  - coffeechat:\n{option}"),
            "pages/pitch.md": "# Pitch\n",
            "contacts/ada.md": (
                "---\nname: Ada Lovelace\noutreach:\n  - {date: 2026-11-20, event: sent}\n---\n"
            ),
        }
    )


@pytest.mark.parametrize(("option", "alarms"), [("", 1), ("      calendar_alarms: false\n", 0)])
def test_build_follows_the_option(
    make_journal: MakeJournal, tmp_path: Path, option: str, alarms: int
) -> None:
    root = small_journal(make_journal, option)
    result = build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "site" / "follow-ups.ics").read_bytes()
    assert data.count(b"BEGIN:VALARM") == alarms
    assert b"BEGIN:VEVENT" in data


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_calcurse_imports_the_feed(tmp_path: Path) -> None:
    ics = tmp_path / "follow-ups.ics"
    ics.write_bytes(feed())
    expected = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    conf, data = tmp_path / "conf", tmp_path / "data"
    conf.mkdir()
    data.mkdir()
    done = subprocess.run(
        ["calcurse", "-C", str(conf), "-D", str(data), "-i", str(ics)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # calcurse keeps all-day items as "events" (it has no alarms for those) and counts what it
    # could not read as skipped: a malformed VALARM costs the event it is in.
    assert f"0 apps / {len(expected)} events / 0 todos / 0 skipped" in done.stdout
    imported = (data / "apts").read_text(encoding="utf-8").splitlines()
    days = sorted(e.decoded("dtstart").strftime("%m/%d/%Y") for e in expected)
    assert sorted(line.split(" ", 1)[0] for line in imported) == days
