"""Everything the pages show that is not typed in a file: each contact's stage in the pipeline, its
timeline, upcoming meetings, who led to whom. Pure functions of (journal, options, today)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from coffeechat.dates import add_days
from coffeechat.derive import followups
from coffeechat.derive.network import Network, network
from coffeechat.derive.referrals import Referrals, Referred, referrals_of, resolve_referral
from coffeechat.model import Contact, FollowUp, Journal, Note, OutreachEvent, When, day_of
from coffeechat.read.config import Options

# The pipeline in the order a conversation moves through it, then the two ways it can stop.
STAGES = (
    "identified",
    "request sent",
    "replied / scheduled",
    "talked",
    "thanked",
    "keeping in touch",
    "declined",
    "no answer",
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    when: When
    event: OutreachEvent | None = None
    note: Note | None = None

    @property
    def day(self) -> date:
        return day_of(self.when)


@dataclass(frozen=True, slots=True)
class Meeting:
    contact: str
    when: When
    channel: str | None
    file: str
    line: int | None

    @property
    def day(self) -> date:
        return day_of(self.when)


@dataclass(frozen=True, slots=True)
class ContactView:
    contact: Contact
    stage: str
    last_interaction: date | None
    notes: tuple[Note, ...]
    timeline: tuple[TimelineEntry, ...]
    referred: tuple[Referred, ...]
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True, slots=True)
class Derived:
    today: date
    contacts: Mapping[str, ContactView]
    meetings: tuple[Meeting, ...]
    follow_ups: tuple[FollowUp, ...]
    network: Network
    referrals: Referrals  # who led you to whom: SPEC §5's one rule

    @property
    def referred(self) -> Mapping[str, tuple[Referred, ...]]:
        """For each contact, the people they led you to."""
        return self.referrals.led_to

    def stage_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STAGES, 0)
        for view in self.contacts.values():
            counts[view.stage] += 1
        return counts


def derive(journal: Journal, options: Options, today: date) -> Derived:
    referrals = referrals_of(journal)
    views = {
        slug: _view(journal, contact, referrals.led_to.get(slug, ()), options, today)
        for slug, contact in journal.contacts.items()
    }
    meetings = tuple(sorted((m for v in views.values() for m in v.meetings), key=_meeting_order))
    follow_ups = followups.collect(journal, options, today, referrals)
    graph = network(journal, today, referrals)
    return Derived(today, views, meetings, follow_ups, graph, referrals)


def _meeting_order(meeting: Meeting) -> tuple[date, str]:
    return (meeting.day, meeting.contact)


def _view(
    journal: Journal,
    contact: Contact,
    referred: tuple[Referred, ...],
    options: Options,
    today: date,
) -> ContactView:
    notes = journal.notes_with(contact.slug)
    timeline = sorted(
        [TimelineEntry(e.date, event=e) for e in contact.outreach]
        + [TimelineEntry(n.date, note=n) for n in notes],
        key=lambda t: (t.day, t.note is not None, t.note.slug if t.note else ""),
    )
    past = [t.day for t in timeline if t.day <= today]
    return ContactView(
        contact=contact,
        stage=stage_of(contact, notes, options, today),
        last_interaction=max(past) if past else None,
        notes=notes,
        timeline=tuple(timeline),
        referred=referred,
        meetings=_upcoming(contact, notes, today),
    )


def stage_of(contact: Contact, notes: tuple[Note, ...], options: Options, today: date) -> str:
    events = [e for e in contact.outreach if e.day <= today]
    talked = [n for n in notes if n.day <= today]
    if contact.status == "declined" or any(e.event == "declined" for e in events):
        return "declined"
    if talked:
        return _talked_stage(contact, talked, events)
    if any(e.event in followups.ANSWERS for e in events):
        return "replied / scheduled"
    sent = [e for e in events if e.event == "sent"]
    if not sent:
        return "identified"
    gave_up = add_days(sent[-1].day, options.nudge_days[-1])
    if len(sent) >= options.max_nudges and gave_up < today:
        return "no answer"
    return "request sent"


def _talked_stage(contact: Contact, talked: list[Note], events: list[OutreachEvent]) -> str:
    latest = talked[-1]
    thanked = latest.thank_you is not None or followups.thanked_since(contact, latest.day)
    if not thanked:
        return "talked"
    first = talked[0].day
    kept_up = len(talked) > 1 or any(e.event == "update" and e.day > first for e in events)
    return "keeping in touch" if kept_up else "thanked"


def _upcoming(contact: Contact, notes: tuple[Note, ...], today: date) -> tuple[Meeting, ...]:
    event = followups.upcoming_meeting(contact, notes, today)
    if event is None or event.meeting is None:
        return ()
    return (Meeting(contact.slug, event.meeting, event.channel, contact.path, event.line),)


__all__ = ["Referred", "resolve_referral"]  # render's way to the one referral rule, for now
