"""The follow-ups as an iCalendar feed (RFC 5545): `/follow-ups.ics`, one all-day event per dated
follow-up. Deterministic: the same follow-ups and the same today give the same bytes, and a
follow-up keeps its UID across builds, so a subscribed calendar updates events instead of
duplicating them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from . import urls
from .followups import headline
from .model import FollowUp

PRODID = "-//coffeechat//follow-ups//EN"
CALENDAR_NAME = "coffeechat follow-ups"
REFRESH = timedelta(hours=6)  # how often a subscribed calendar should fetch the feed again


def uid(item: FollowUp) -> str:
    """Made from what the follow-up *is* (kind, contact, and the note or the day of the request
    it is about), never from a line number or a due date that edits elsewhere can move."""
    identity = "\0".join((item.kind, item.contact, item.key))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:20]
    return f"{item.kind}-{digest}@coffeechat"


def follow_ups_ics(items: Iterable[FollowUp], site_url: str | None, today: date) -> bytes:
    """The calendar of every dated follow-up; undated tasks have no day to go on, so they are
    left out. With site_url each event links back to the contact's page."""
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
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", headline(item))
        event.add("description", _description(item))
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        if site_url:
            event.add("url", f"{site_url.rstrip('/')}/contacts/{urls.segment(item.contact)}/")
        cal.add_component(event)
    return cal.to_ical()


def _description(item: FollowUp) -> str:
    where = item.file if item.line is None else f"{item.file}, line {item.line}"
    return f"{item.reason}\n\n{item.kind} · from {where}"
