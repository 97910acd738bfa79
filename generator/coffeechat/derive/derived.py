"""Everything the pages show that is not typed in a file: each contact's stage in the pipeline, its
timeline, upcoming meetings, who led to whom. Pure functions of (journal, options, today)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coffeechat.dates import add_days
from coffeechat.derive import followups
from coffeechat.model import Contact, FollowUp, Journal, Note, OutreachEvent, When, day_of
from coffeechat.read.config import Options
from coffeechat.slugs import slugify

if TYPE_CHECKING:
    from coffeechat.derive.network import Network

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
class Referred:
    """A person someone led you to: a contact (slug) or a lead (name only)."""

    name: str
    slug: str | None
    via_note: str | None = None


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
    referred: Mapping[str, tuple[Referred, ...]]  # referred_by_index: whom each one led you to

    def stage_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STAGES, 0)
        for view in self.contacts.values():
            counts[view.stage] += 1
        return counts


def derive(journal: Journal, options: Options, today: date) -> Derived:
    referred = referred_by_index(journal)
    views = {
        slug: _view(journal, contact, referred.get(slug, ()), options, today)
        for slug, contact in journal.contacts.items()
    }
    meetings = tuple(sorted((m for v in views.values() for m in v.meetings), key=_meeting_order))
    from coffeechat.derive.network import network  # it builds on this module's referral index

    follow_ups = followups.collect(journal, options, today, referred)
    return Derived(today, views, meetings, follow_ups, network(journal, today, referred), referred)


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


def referred_by_index(journal: Journal) -> dict[str, tuple[Referred, ...]]:
    """For each contact, the people they led you to: `referred_by` on other contacts, and the
    referrals in notes of conversations with them."""
    found: dict[str, dict[str, Referred]] = {}
    for contact in journal.contacts.values():
        if contact.referred_by is not None and contact.referred_by in journal.contacts:
            found.setdefault(contact.referred_by, {})[contact.slug] = Referred(
                contact.name, contact.slug
            )
    for note in journal.notes:
        for referral in note.referrals:
            person = resolve_referral(journal, referral.slug, referral.name)
            for slug in note.contacts:
                known = found.setdefault(slug, {})
                known.setdefault(
                    person.slug or person.name, Referred(person.name, person.slug, note.slug)
                )
    return {
        slug: tuple(sorted(people.values(), key=lambda r: r.name.lower()))
        for slug, people in found.items()
    }


def referrers_of(
    journal: Journal, referred: Mapping[str, tuple[Referred, ...]]
) -> dict[str, dict[str, Referred]]:
    """The index the other way round: for each contact, who led you to them (keyed by the
    referrer's slug), `referred_by` first, then conversations oldest first."""
    notes = {note.slug: (index, note) for index, note in enumerate(journal.notes)}
    pairs = []
    for referrer, people in referred.items():
        contact = journal.contacts.get(referrer)
        shown_name, shown_slug = (contact.name, referrer) if contact else (referrer, None)
        for person in people:
            if person.slug is None:
                continue
            index, note = notes.get(person.via_note or "", (-1, None))
            place = note.contacts.index(referrer) if note and referrer in note.contacts else 0
            shown = Referred(shown_name, shown_slug, person.via_note)
            pairs.append(((index, place), person.slug, referrer, shown))
    found: dict[str, dict[str, Referred]] = {}
    for _, person_slug, referrer, shown in sorted(pairs, key=lambda pair: pair[0]):
        found.setdefault(person_slug, {}).setdefault(referrer, shown)
    return found


def resolve_referral(journal: Journal, slug: str | None, name: str | None) -> Referred:
    """A referral as a person: a contact when the slug (or the name's slug) has a file."""
    if slug and slug in journal.contacts:
        return Referred(journal.contacts[slug].name, slug)
    guess = slugify(name or "")
    if guess in journal.contacts:
        return Referred(journal.contacts[guess].name, guess)
    return Referred(name or slug or "", None)
