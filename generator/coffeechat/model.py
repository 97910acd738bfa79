"""The journal as typed, immutable values: what the reader produces and every later stage reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime
from pathlib import Path
from typing import Any

When = date | datetime  # a datetime is also a date; `day_of` flattens both


ERROR = "error"
WARNING = "warning"


def day_of(when: When) -> date:
    """The calendar day of a date or datetime (a datetime keeps its own time zone's day)."""
    return when.date() if isinstance(when, datetime) else when


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or suspicious) in one file, said so that a non-programmer can fix it."""

    file: str
    line: int | None
    severity: str
    message: str

    def as_text(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.severity, self.message)


class JournalError(Exception):
    """A domain error that names the file (and line) it is about; shells convert it."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class OutreachEvent:
    date: When
    event: str
    channel: str | None = None
    meeting: When | None = None
    note: str | None = None
    line: int | None = None

    @property
    def day(self) -> dt.date:
        return day_of(self.date)


@dataclass(frozen=True, slots=True)
class Contact:
    slug: str
    path: str
    name: str
    company: str | None = None
    role: str | None = None
    field: str | None = None
    location: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    website: str | None = None
    source: str | None = None
    referred_by: str | None = None
    tags: tuple[str, ...] = ()
    keep_in_touch: str | int | None = None
    status: str = "active"
    private: bool = False
    outreach: tuple[OutreachEvent, ...] = ()
    extra: Mapping[str, Any] = default(default_factory=dict)
    body: str = ""
    body_line: int = 1
    lines: Mapping[str, int] = default(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Referral:
    """A person a conversation pointed to: a known contact (slug) or a lead (name only)."""

    slug: str | None = None
    name: str | None = None
    company: str | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    task: str
    due: date | None = None
    done: bool = False
    done_on: date | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    text: str
    line: int
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    slug: str
    path: str
    contacts: tuple[str, ...]
    date: When
    format: str | None = None
    duration: int | None = None
    tags: tuple[str, ...] = ()
    thank_you: dt.date | None = None
    referrals: tuple[Referral, ...] = ()
    follow_ups: tuple[FollowUpItem, ...] = ()
    facts: Mapping[str, Any] = default(default_factory=dict)
    sections: tuple[Section, ...] = ()
    extra: Mapping[str, Any] = default(default_factory=dict)
    body: str = ""
    body_line: int = 1
    lines: Mapping[str, int] = default(default_factory=dict)

    @property
    def day(self) -> dt.date:
        return day_of(self.date)


@dataclass(frozen=True, slots=True)
class Journal:
    """Everything read from one journal folder, sorted, plus the problems found on the way."""

    root: Path
    contacts: Mapping[str, Contact]
    notes: tuple[Note, ...]
    problems: tuple[Problem, ...] = ()
    notes_by_contact: Mapping[str, tuple[Note, ...]] = default(default_factory=dict)
    contact_files: frozenset[str] = frozenset()
    note_files: int = 0  # every file in notes/, placed or not (check's summary counts them)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    def notes_with(self, slug: str) -> tuple[Note, ...]:
        return self.notes_by_contact.get(slug, ())


def index_notes(notes: Iterable[Note]) -> dict[str, tuple[Note, ...]]:
    """Journal.notes_by_contact: each contact's notes, oldest first."""
    index: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: (n.day, n.slug)):
        for slug in note.contacts:
            index.setdefault(slug, []).append(note)
    return {slug: tuple(found) for slug, found in sorted(index.items())}


BUCKETS = ("overdue", "today", "this week", "later", "open")


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Something the user owes someone, derived from the journal (SPEC §5)."""

    kind: str  # thank-you, nudge, move-on, prepare, keep-in-touch, task, close-loop
    contact: str
    due: date | None  # None only for undated tasks (bucket "open")
    bucket: str
    reason: str
    file: str
    line: int | None = None
    note: str | None = None  # slug of the note it comes from, when it comes from one
    # What makes it the same follow-up across builds and edits (with kind and contact): the
    # note's slug, the day of the request or booking; the calendar's UID is made from it.
    key: str = ""
    name: str = ""  # the contact's name, for places that show the follow-up on its own

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "contact": self.contact,
            "due": self.due.isoformat() if self.due else None,
            "bucket": self.bucket,
            "reason": self.reason,
            "file": self.file,
            "line": self.line,
        }
