"""Outreach statistics (derive stage, pure): which approaches get answers, and how fast.

How the numbers are counted (the README says the same in plain words):

- A request is a `sent` event dated by today. A contact's request is answered by the first
  `reply`, `scheduled`, `declined` or `call` event, or note, on or after its day and before the
  contact's next request: an answer is credited to the latest request before it, so a second try
  that gets the reply counts as answered and the first try does not.
- Days to reply count from the request's day to the answer's day (0 on the same day).
- A request is grouped by its contact's `source` and `company` and by its own `channel`; labels
  are compared ignoring case, and a missing one is "(not recorded)".
- Declined and "no answer" are people, as the pipeline counts them (a `declined` event or status;
  no answer after `max_nudges` requests). `no-answer` events (calls nobody picked up) are counted
  on their own.
- Every figure comes with its n; under FEW requests a group is marked "too few to tell".
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from coffeechat.derive.derived import Derived
from coffeechat.derive.followups import ANSWERS
from coffeechat.model import Contact, Journal, Note, OutreachEvent

FEW = 5  # fewer requests than this in a group: show the numbers, draw no conclusion
NOT_RECORDED = "(not recorded)"


@dataclass(frozen=True, slots=True)
class Request:
    contact: str
    day: date
    channel: str | None
    answered_on: date | None = None
    answer: str | None = None  # the answering event, or "note"

    @property
    def days(self) -> int | None:
        return None if self.answered_on is None else (self.answered_on - self.day).days


@dataclass(frozen=True, slots=True)
class Tally:
    """Requests of one group, with how many were answered and how fast."""

    label: str
    requests: int
    answered: int
    median_days: float | None  # over the answered requests

    @property
    def rate(self) -> float | None:
        return self.answered / self.requests if self.requests else None

    @property
    def few(self) -> bool:
        return self.requests < FEW


@dataclass(frozen=True, slots=True)
class Snafu:
    contact: str
    day: date
    channel: str | None
    note: str | None
    file: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Stats:
    requests: tuple[Request, ...]
    total: Tally
    people: int  # how many people you sent a request to
    by_source: tuple[Tally, ...]
    by_channel: tuple[Tally, ...]
    by_company: tuple[Tally, ...]
    declined: tuple[str, ...]  # contacts' slugs
    no_answer: tuple[str, ...]  # contacts' slugs: no answer after `max_nudges` requests
    unanswered_calls: int  # `no-answer` events
    snafus: tuple[Snafu, ...]


def outreach_stats(journal: Journal, derived: Derived) -> Stats:
    today = derived.today
    requests = [
        request
        for contact in journal.contacts.values()
        for request in requests_of(contact, journal.notes_with(contact.slug), today)
    ]
    contacts = journal.contacts
    stages = {slug: view.stage for slug, view in derived.contacts.items()}
    return Stats(
        requests=tuple(requests),
        total=tally("all requests", requests),
        people=len({r.contact for r in requests}),
        by_source=tally_by(requests, lambda r: contacts[r.contact].source),
        by_channel=tally_by(requests, lambda r: r.channel),
        by_company=tally_by(requests, lambda r: contacts[r.contact].company),
        declined=tuple(slug for slug, stage in stages.items() if stage == "declined"),
        no_answer=tuple(slug for slug, stage in stages.items() if stage == "no answer"),
        unanswered_calls=sum(
            1
            for c in contacts.values()
            for e in c.outreach
            if e.event == "no-answer" and e.day <= today
        ),
        snafus=_snafus(contacts.values(), today),
    )


def requests_of(contact: Contact, notes: Iterable[Note], today: date) -> list[Request]:
    """The contact's requests, each with the answer credited to it (see the module's notes)."""
    sent = sorted(
        (e for e in contact.outreach if e.event == "sent" and e.day <= today),
        key=lambda e: (e.day, e.line or 0),
    )
    answers = sorted(
        [(e.day, e.event) for e in contact.outreach if e.event in ANSWERS and e.day <= today]
        + [(n.day, "note") for n in notes if n.day <= today]
    )
    found = []
    for index, event in enumerate(sent):
        until = sent[index + 1].day if index + 1 < len(sent) else date.max
        answer = next(((day, what) for day, what in answers if event.day <= day < until), None)
        found.append(_request(contact, event, answer))
    return found


def _request(contact: Contact, event: OutreachEvent, answer: tuple[date, str] | None) -> Request:
    channel = (event.channel or "").strip() or None
    if answer is None:
        return Request(contact.slug, event.day, channel)
    return Request(contact.slug, event.day, channel, answer[0], answer[1])


def tally(label: str, requests: list[Request]) -> Tally:
    days = [r.days for r in requests if r.days is not None]
    return Tally(label, len(requests), len(days), float(statistics.median(days)) if days else None)


def tally_by(requests: list[Request], label: Callable[[Request], str | None]) -> tuple[Tally, ...]:
    """One tally per label (case ignored, the first spelling shown), most requests first."""
    groups: dict[str, list[Request]] = {}
    shown: dict[str, str] = {}
    for request in requests:
        text = (label(request) or "").strip() or NOT_RECORDED
        shown.setdefault(text.casefold(), text)
        groups.setdefault(text.casefold(), []).append(request)
    tallies = [tally(shown[key], found) for key, found in groups.items()]
    return tuple(sorted(tallies, key=lambda t: (-t.requests, t.label.casefold())))


def _snafus(contacts: Iterable[Contact], today: date) -> tuple[Snafu, ...]:
    found = [
        Snafu(c.slug, e.day, e.channel, e.note, c.path, e.line)
        for c in contacts
        for e in c.outreach
        if e.event == "snafu" and e.day <= today
    ]
    return tuple(sorted(found, key=lambda s: (s.day, s.contact, s.line or 0)))
