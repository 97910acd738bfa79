"""The follow-ups as an iCalendar feed (RFC 5545): `/follow-ups.ics`, one all-day event per dated
follow-up. Deterministic: the same follow-ups and the same today give the same bytes, and a
follow-up keeps its UID across builds, so a subscribed calendar updates events instead of
duplicating them.

Each follow-up due today or later also carries an alarm (VALARM, DISPLAY) at 09:00 on the morning
it is due: TRIGGER:PT9H after the start of the all-day event, which RFC 5545 reads in the
calendar's own local time (an absolute trigger would have to be in UTC, i.e. the wrong hour for
most people). Overdue items get none: their morning has passed, and a calendar subscribing to the
feed should not ring a pile of old reminders at once. `calendar_alarms: false` turns them off."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from coffeechat import urls
from coffeechat.dates import next_day
from coffeechat.derive.followups import headline
from coffeechat.model import FollowUp

PRODID = "-//coffeechat//follow-ups//EN"
CALENDAR_NAME = "coffeechat follow-ups"
REFRESH = timedelta(hours=6)  # how often a subscribed calendar should fetch the feed again
ALARM_AT = timedelta(hours=9)  # after the start of the due day: 09:00 local time


def uid(item: FollowUp) -> str:
    """Made from what the follow-up *is* (kind, contact, and the note or the day of the request
    it is about), never from a line number or a due date that edits elsewhere can move."""
    identity = "\0".join((item.kind, item.contact, item.key))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:20]
    return f"{item.kind}-{digest}@coffeechat"


def follow_ups_ics(
    items: Iterable[FollowUp], site_url: str | None, today: date, alarms: bool = True
) -> bytes:
    """The calendar of every dated follow-up; undated tasks have no day to go on, so they are
    left out. With site_url each event links back to the contact's page; with alarms, each one
    due today or later rings at 09:00 on its day."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.calendar_name = CALENDAR_NAME
    cal.refresh_interval = REFRESH
    cal.add("x-published-ttl", "PT6H")
    stamp = datetime.combine(today, time(), tzinfo=UTC)
    seen: dict[str, int] = {}
    for item in items:
        if item.due is None:
            continue
        base = uid(item)
        seen[base] = seen.get(base, 0) + 1
        event = Event()
        event.add("uid", base if seen[base] == 1 else base.replace("@", f"-{seen[base]}@", 1))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        end = next_day(item.due)
        if end is not None:  # after 9999-12-31 there is no day: an all-day event needs no DTEND
            event.add("dtend", end)
        event.add("summary", headline(item))
        event.add("description", _description(item))
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        if site_url:
            event.add("url", f"{site_url.rstrip('/')}/contacts/{urls.segment(item.contact)}/")
        if alarms and item.due >= today:
            event.add_component(_alarm(item))
        cal.add_component(event)
    ical: bytes = cal.to_ical()  # icalendar's annotation is loose
    return ical


def _alarm(item: FollowUp) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", headline(item))
    alarm.add("trigger", ALARM_AT)
    return alarm


def _description(item: FollowUp) -> str:
    where = item.file if item.line is None else f"{item.file}, line {item.line}"
    return f"{item.reason}\n\n{item.kind} · from {where}"
