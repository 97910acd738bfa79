"""Follow-up rules (SPEC §5): what the user owes whom, and when.

Everything here is a pure function of (journal, options, today); nothing reads the clock or a file.
Each follow-up says why it exists in words a person understands, and points at the file and line
it comes from.

Decisions the spec leaves open (the README says the same in plain words):

- `status: paused | declined | closed` stops nudges, move-on, prepare and keep-in-touch. It does
  not stop thank-yous (owed for a conversation that happened) or tasks (your own promises).
- A note dated after today is a conversation still to come: it owes no thank-you yet and does not
  count as "talked". A note dated on or after a meeting's day is the note *for* that meeting.
- Only `sent` events are requests: a follow-up sent by phone or LinkedIn is logged as another
  `sent`. A `reply`, `scheduled`, `declined` or `call` event, or a note, on or after a request's
  day answers it.
- When a meeting is rescheduled (a newer `scheduled` event), only the newest one counts; a
  `declined` after it cancels it. A prep reminder is never due before the day the meeting was set.
- Follow-ups are only made for contacts that have a file; a note naming an unknown contact is an
  error that `check` (and `due`, on stderr) reports.
- `close-loop`: after your first conversation with someone a contact led you to (their
  `referred_by`, or a referral in a note of a talk with the referrer), tell the referrer how it
  went, by note date + `thank_you_days` (it is part of saying thank you). An `update` or
  `thank-you` event on the referrer, or a conversation with them, on or after that day closes it.
  None when the referrer took part in that conversation (a group note), when `referred_by` is a
  free-text name, or when the talk came before the note that suggested the person. Like a
  thank-you, it is owed whatever the referrer's `status`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from coffeechat.dates import add_business_days, add_days, add_months
from coffeechat.derive.referrals import Referrals, referrals_of
from coffeechat.model import BUCKETS, Contact, FollowUp, Journal, Note, OutreachEvent, day_of
from coffeechat.read.config import Options

KINDS = ("thank-you", "nudge", "move-on", "prepare", "keep-in-touch", "task", "close-loop")
TOLD = frozenset({"update", "thank-you"})  # events on a referrer that close the loop
ANSWERS = frozenset({"reply", "scheduled", "declined", "call"})
STOPPED = frozenset({"paused", "declined", "closed"})
MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_REQUESTS = {
    "email": "email",
    "letter": "letter",
    "phone": "call",
    "linkedin": "LinkedIn message",
    "text": "text message",
    "in-person": "request in person",
}


def collect(
    journal: Journal, options: Options, today: date, referrals: Referrals | None = None
) -> tuple[FollowUp, ...]:
    """Every open follow-up of the journal, sorted by (due, contact, kind, file, line); undated
    tasks come last. `referrals` is derive's referral index, when the caller has it already."""
    referrals = referrals or referrals_of(journal)
    found: list[FollowUp] = []
    for note in journal.notes:
        found.extend(_thank_yous(journal, note, options, today))
        found.extend(_tasks(journal, note, today))
    found.extend(_close_loops(journal, options, today, referrals))
    for contact in journal.contacts.values():
        if contact.status in STOPPED:
            continue
        talked = tuple(n for n in journal.notes_with(contact.slug) if n.day <= today)
        for item in (
            _nudge(contact, talked, referrals.referrer_name(contact.slug), options, today),
            _prepare(contact, journal.notes_with(contact.slug), options, today),
            _keep_in_touch(contact, talked, options, today),
        ):
            if item is not None:
                found.append(item)
    return tuple(sorted(found, key=order))


def order(item: FollowUp) -> tuple[bool, date, str, str, str, int]:
    """The order of SPEC §6: by due date (undated last), then contact; then kind, file, line."""
    return (
        item.due is None,
        item.due or date.min,
        item.contact,
        item.kind,
        item.file,
        item.line or 0,
    )


def bucket(due: date | None, today: date) -> str:
    """overdue, today, this week (the next 7 days), later; open for an undated task."""
    if due is None:
        return BUCKETS[4]
    days = (due - today).days
    if days < 0:
        return BUCKETS[0]
    if days == 0:
        return BUCKETS[1]
    return BUCKETS[2] if days <= 7 else BUCKETS[3]


def day_text(day: date, today: date) -> str:
    """`2 Nov`, or `2 Nov 2025` when the year is not today's (month names never depend on locale)."""
    text = f"{day.day} {_MONTH_NAMES[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def headline(item: FollowUp) -> str:
    """The reason, with the person's name in front when the reason does not say who."""
    if not item.name or item.name in item.reason:
        return item.reason
    return f"{item.name}: {item.reason}"


def cadence_due(last: date, cadence: str | int) -> date | None:
    """When to get in touch again: months for monthly/quarterly/yearly, days for a number."""
    if isinstance(cadence, int):
        return add_days(last, cadence)
    months = MONTHS.get(cadence)
    return add_months(last, months) if months else None


# -- thank-you ------------------------------------------------------------------------------


def _thank_yous(journal: Journal, note: Note, options: Options, today: date) -> list[FollowUp]:
    due = add_days(note.day, options.thank_you_days)
    items = []
    for slug in dict.fromkeys(note.contacts):
        contact = journal.contacts.get(slug)
        if contact is None or not needs_thank_you(note, contact, today):
            continue
        items.append(
            _follow_up(
                "thank-you",
                contact,
                due,
                today,
                f"Thank {contact.name} for the conversation of {day_text(note.day, today)}",
                note.path,
                note.lines.get("date"),
                note=note.slug,
                key=note.slug,
            )
        )
    return items


def needs_thank_you(note: Note, contact: Contact, today: date) -> bool:
    """The one thank-you rule (follow-ups and letter drafts): not thanked yet, by the note's
    `thank_you` or a later thank-you event, and the conversation is not still ahead."""
    return note.thank_you is None and note.day <= today and not thanked_since(contact, note.day)


def thanked_since(contact: Contact, day: date) -> bool:
    """A `thank-you` event recorded on the contact on or after the day."""
    return any(e.event == "thank-you" and e.day >= day for e in contact.outreach)


# -- tasks ----------------------------------------------------------------------------------


def _tasks(journal: Journal, note: Note, today: date) -> list[FollowUp]:
    contact = next((journal.contacts[s] for s in note.contacts if s in journal.contacts), None)
    if contact is None:
        return []
    return [
        _follow_up(
            "task",
            contact,
            item.due,
            today,
            item.task,
            note.path,
            item.line,
            note=note.slug,
            key=f"{note.slug}/{item.task}",
        )
        for item in note.follow_ups
        if not item.done
    ]


# -- nudge and move-on ----------------------------------------------------------------------


def _nudge(
    contact: Contact,
    talked: tuple[Note, ...],
    referrer: str | None,
    options: Options,
    today: date,
) -> FollowUp | None:
    answered = [e.day for e in contact.outreach if e.event in ANSWERS] + [n.day for n in talked]
    last_answer = max(answered, default=None)
    waiting = [
        e
        for e in contact.outreach
        if e.event == "sent" and (last_answer is None or e.day > last_answer)
    ]
    if not waiting:
        return None
    first, last, tries = waiting[0], waiting[-1], len(waiting)
    what = f"your {_request(last)} of {day_text(last.day, today)}"
    if tries >= options.max_nudges:
        due = _after(last.day, options.nudge_days[-1], options)
        kind = "move-on"
        reason = f"No reply to {what} — {_ordinal(tries)} try, {_elsewhere(contact, referrer)}"
    elif options.nudge_business_days and tries == 1:
        # 3B7: after 3 business days, write to a second person; after 7, follow up with this one.
        stages = [add_business_days(first.day, n, options.holidays) for n in options.nudge_days]
        step = max((i for i, day in enumerate(stages) if day <= today), default=0)
        due, days, kind = stages[step], options.nudge_days[step], "nudge"
        if step < len(stages) - 1:
            place = f"at {contact.company}" if contact.company else "who does the same work"
            reason = (
                f"No reply to {what} after {days} business days — write to a second person "
                f"{place} too"
            )
        else:
            reason = f"No reply to {what} after {days} business days — send a short follow-up"
    else:
        due = _after(last.day, options.nudge_days[-1], options)
        kind = "nudge"
        again = "send a short, friendly follow-up" if tries == 1 else "follow up once more"
        tried = f"{_ordinal(tries)} try, " if tries > 1 else ""
        reason = f"No reply to {what} — {tried}{again}"
    return _follow_up(
        kind, contact, due, today, reason, contact.path, last.line, key=first.day.isoformat()
    )


def _after(day: date, count: int, options: Options) -> date:
    if options.nudge_business_days:
        return add_business_days(day, count, options.holidays)
    return add_days(day, count)


def _request(event: OutreachEvent) -> str:
    channel = (event.channel or "").strip()
    if not channel:
        return "request"
    return _REQUESTS.get(channel.lower(), f"request ({channel})")


def _ordinal(count: int) -> str:
    return _ORDINALS[count - 1] if count <= len(_ORDINALS) else f"{count}th"


def _elsewhere(contact: Contact, referrer: str | None) -> str:
    if contact.company:
        advice = f"consider asking someone else at {contact.company}"
    elif contact.field:
        advice = f"consider asking someone else in {contact.field}"
    else:
        advice = "consider asking someone else"
    return f"{advice}, or ask {referrer} for another name" if referrer else advice


# -- prepare --------------------------------------------------------------------------------


def _prepare(
    contact: Contact, notes: tuple[Note, ...], options: Options, today: date
) -> FollowUp | None:
    event = upcoming_meeting(contact, notes, today)
    if event is None or event.meeting is None:
        return None
    meeting = day_of(event.meeting)
    due = max(add_days(meeting, -options.prepare_days), event.day)
    at = f" at {event.meeting:%H:%M}" if isinstance(event.meeting, datetime) else ""
    reason = f"Prepare for your talk with {contact.name} on {day_text(meeting, today)}{at}"
    return _follow_up(
        "prepare", contact, due, today, reason, contact.path, event.line, key=event.day.isoformat()
    )


def upcoming_meeting(
    contact: Contact, notes: tuple[Note, ...], today: date
) -> OutreachEvent | None:
    """The newest `scheduled` event, if its meeting is today or later, has no note yet and was not
    declined afterwards: the dashboard and the prepare reminder both use this one rule."""
    booked = [e for e in contact.outreach if e.event == "scheduled"]
    event = booked[-1] if booked else None
    if event is None or event.meeting is None:
        return None
    meeting = day_of(event.meeting)
    if meeting < today or any(n.day >= meeting for n in notes):
        return None
    return None if _cancelled(contact.outreach, event) else event


def _cancelled(events: Iterable[OutreachEvent], booked: OutreachEvent) -> bool:
    """A `declined` recorded after the booking (later day, or the same day further down)."""
    return any(
        e.event == "declined" and (e.day, e.line or 0) > (booked.day, booked.line or 0)
        for e in events
    )


# -- keep in touch --------------------------------------------------------------------------


def _keep_in_touch(
    contact: Contact, talked: tuple[Note, ...], options: Options, today: date
) -> FollowUp | None:
    cadence = contact.keep_in_touch if contact.keep_in_touch is not None else options.keep_in_touch
    if not talked or cadence == "never":
        return None
    latest = talked[-1]
    note: str | None
    day, file, line, note = latest.day, latest.path, latest.lines.get("date"), latest.slug
    for event in contact.outreach:
        if day < event.day <= today:
            day, file, line, note = event.day, contact.path, event.line, None
    due = cadence_due(day, cadence)
    if due is None:
        return None
    every = f"every {cadence} days" if isinstance(cadence, int) else cadence
    reason = f"Check in with {contact.name}: last in touch {day_text(day, today)} ({every})"
    return _follow_up("keep-in-touch", contact, due, today, reason, file, line, note=note)


# -- close the loop -------------------------------------------------------------------------


def _close_loops(
    journal: Journal, options: Options, today: date, referrals: Referrals
) -> list[FollowUp]:
    notes = {note.slug: note for note in journal.notes}
    items = []
    for slug, people in referrals.led_to.items():
        referrer = journal.contacts.get(slug)
        if referrer is None:  # a note naming an unknown contact: `check` reports it
            continue
        for person in people:
            since = notes[person.via_note].day if person.via_note in notes else date.min
            item = _close_loop(journal, referrer, person.slug, since, options, today)
            if item is not None:
                items.append(item)
    return items


def _close_loop(
    journal: Journal,
    referrer: Contact,
    slug: str | None,
    since: date,
    options: Options,
    today: date,
) -> FollowUp | None:
    """The first conversation with the person on or after the referral, if the referrer was not
    part of it and has not heard from you since."""
    person = journal.contacts.get(slug or "")
    if person is None or person.slug == referrer.slug:
        return None
    talks = [n for n in journal.notes_with(person.slug) if since <= n.day <= today]
    if not talks or referrer.slug in talks[0].contacts:
        return None
    talk = talks[0]
    if _told_since(journal, referrer, talk.day, today):
        return None
    return _follow_up(
        "close-loop",
        referrer,
        add_days(talk.day, options.thank_you_days),
        today,
        f"Tell {referrer.name} how your conversation with {person.name} went",
        talk.path,
        talk.lines.get("contact"),
        note=talk.slug,
        key=f"{talk.slug}/{person.slug}",  # one talk can be with two people they led you to
    )


def _told_since(journal: Journal, contact: Contact, day: date, today: date) -> bool:
    """An `update` or `thank-you` event on or after the day, or a conversation with them since."""
    return any(e.event in TOLD and e.day >= day for e in contact.outreach) or any(
        day <= n.day <= today for n in journal.notes_with(contact.slug)
    )


# -- one follow-up --------------------------------------------------------------------------


def _follow_up(
    kind: str,
    contact: Contact,
    due: date | None,
    today: date,
    reason: str,
    file: str,
    line: int | None,
    note: str | None = None,
    key: str = "",
) -> FollowUp:
    return FollowUp(
        kind=kind,
        contact=contact.slug,
        due=due,
        bucket=bucket(due, today),
        reason=reason,
        file=file,
        line=line,
        note=note,
        key=key,
        name=contact.name,
    )
