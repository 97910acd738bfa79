"""The front-matter keys of contact and note files (SPEC §2–3), as one table.

The reader takes its known keys and its fixed choices from here, and the JSON Schema (schema.py),
the editor files (editors.py) and `coffeechat schema` are generated from it: a key added here is
known to the reader and offered by every editor without a second edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Fixed choices: a value outside these is an error.
EVENT_KINDS = (
    "sent",
    "reply",
    "call",
    "voicemail",
    "no-answer",
    "scheduled",
    "declined",
    "snafu",
    "thank-you",
    "update",
)
STATUSES = ("active", "paused", "declined", "closed")
CADENCES = ("monthly", "quarterly", "yearly", "never")
# Suggestions: free text is fine too.
CHANNELS = ("email", "letter", "phone", "linkedin", "text", "in-person")
SOURCES = (
    "alumni",
    "linkedin",
    "family",
    "friend",
    "faculty",
    "association",
    "referral",
    "community",
    "employer",
)
FORMATS = ("phone", "video", "in-person", "email")
# `import vcard` without --source: an address book says nothing about how you know someone.
DEFAULT_VCARD_SOURCE = "address-book"
# The journal's own letter templates (request.md.j2, thank-you.md.j2), read by derive/letters.
LETTERS_FOLDER = "letters"

# Kinds of value. Each is one reader method and one schema/editor mapping:
TEXT = "text"  # one piece of text (numbers and dates are read as typed)
URL = "url"  # text, a web address
CHOICE = "choice"  # one of `enum` (or, with `suggest`, free text)
CADENCE = "cadence"  # one of `enum`, or a whole number of days
BOOLEAN = "boolean"
MINUTES = "minutes"  # a whole number >= 0
WHEN = "when"  # a date (YYYY-MM-DD) or a date and time
DAY = "day"  # a date
DONE = "done"  # true, false, or the date it was done
TEXTS = "texts"  # a list of text (one value alone is taken as a list of one)
SLUGS = "slugs"  # a contact slug, or a list of them
RECORDS = "records"  # a list of `key: value` groups described by `fields`
FACTS = "facts"  # a mapping of short key -> single value
KINDS = (
    TEXT,
    URL,
    CHOICE,
    CADENCE,
    BOOLEAN,
    MINUTES,
    WHEN,
    DAY,
    DONE,
    TEXTS,
    SLUGS,
    RECORDS,
    FACTS,
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    example: Any = None
    required: bool = False
    enum: tuple[str, ...] = ()
    suggest: bool = False  # `enum` lists suggestions; any text is accepted
    fields: tuple[Field, ...] = ()  # RECORDS: the keys of one item
    plain: bool = False  # RECORDS: an item may be one piece of text instead of a group
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ").capitalize()


EVENT_FIELDS = (
    Field("date", WHEN, "When it happened: YYYY-MM-DD, or a date and time.", "2026-01-15", True),
    Field(
        "event",
        CHOICE,
        "What happened: sent (request sent), reply, call, voicemail, no-answer, scheduled, "
        "declined, snafu, thank-you, update.",
        "sent",
        True,
        EVENT_KINDS,
    ),
    Field("channel", CHOICE, "How: email, letter, phone, … or free text.", "email", False,
          CHANNELS, suggest=True),
    Field("meeting", WHEN, "With `scheduled`: when the conversation will happen.",
          "2026-01-22T10:00:00"),
    Field("note", TEXT, "Anything else, e.g. “left message with assistant”.",
          "email went to spam"),
)  # fmt: skip

REFERRAL_FIELDS = (
    Field("name", TEXT, "The person's full name.", "Dana Whitfield", True),
    Field("company", TEXT, "Where they work.", "County Library"),
    Field("note", TEXT, "Why talk to them.", "runs the teen program"),
)

FOLLOW_UP_FIELDS = (
    Field("task", TEXT, "What you promised or want to do.", "Send her my portfolio", True),
    Field("due", DAY, "By when (YYYY-MM-DD).", "2026-11-20"),
    Field("done", DONE, "true when done, or the date it was done.", False),
)

CONTACT_FIELDS = (
    Field("name", TEXT, "The person's full name.", "Ana Lucía Núñez", True),
    Field("company", TEXT, "Where they work.", "County Library"),
    Field("role", TEXT, "Their job title.", "Youth services librarian"),
    Field("field", TEXT, "Their career field.", "Librarianship"),
    Field("location", TEXT, "Where they are.", "Baltimore, MD"),
    Field("email", TEXT, "E-mail address.", "ana@example.org"),
    Field("phone", TEXT, "Phone number.", "+1 410 555 0100"),
    Field("linkedin", URL, "LinkedIn profile address (https://…).",
          "https://www.linkedin.com/in/example"),
    Field("website", URL, "Web site address (https://…).", "https://example.org"),
    Field("source", CHOICE, "How you found them: alumni, linkedin, family, friend, … or free text.",
          "alumni", False, SOURCES, suggest=True),
    Field("referred_by", TEXT, "Slug of the contact who suggested them, or a free-text name.",
          "kwame-asante", title="Referred by"),
    Field("tags", TEXTS, "Your labels for this person.", ["libraries"]),
    Field("keep_in_touch", CADENCE,
          "How often to get back in touch after you have talked: monthly, quarterly, yearly, "
          "never, or a number of days. Default: the journal's setting (quarterly).",
          "quarterly", False, CADENCES, title="Keep in touch"),
    Field("status", CHOICE, "Manual override: active (default), paused, declined, closed.",
          "active", False, STATUSES),
    Field("private", BOOLEAN, "true: left out, with everything about them, of public builds.",
          False),
    Field("outreach", RECORDS, "The contact log: one entry per thing that happened.",
          [{"date": "2026-01-15", "event": "sent", "channel": "email"}], fields=EVENT_FIELDS),
)  # fmt: skip

NOTE_FIELDS = (
    Field("contact", SLUGS, "Slug of the person you talked to (their contacts/ file name), or a "
          "list of slugs.", "ana-lucia-nunez", True),
    Field("date", WHEN, "When the conversation happened: YYYY-MM-DD, or a date and time.",
          "2026-11-05", True),
    Field("format", CHOICE, "phone, video, in-person, email, or free text.", "video", False,
          FORMATS, suggest=True),
    Field("duration", MINUTES, "Length in whole minutes.", 30),
    Field("tags", TEXTS, "Your labels for this conversation.", ["libraries"]),
    Field("thank_you", DAY, "When the thank-you note was sent (YYYY-MM-DD).", "2026-11-06",
          title="Thank-you sent"),
    Field("referrals", RECORDS, "People they suggested you talk to next: a contact slug, or "
          "name, company and note.", ["kwame-asante", {"name": "Dana Whitfield"}],
          fields=REFERRAL_FIELDS, plain=True),
    Field("follow_ups", RECORDS, "Promises and next steps: task, due date, done.",
          [{"task": "Send my portfolio", "due": "2026-11-20"}], fields=FOLLOW_UP_FIELDS,
          plain=True, title="Follow-ups"),
    Field("facts", FACTS, "Comparable answers as short key: single value.",
          {"degree_required": "masters", "hours_per_week": 45}),
)  # fmt: skip

TABLES: dict[str, tuple[Field, ...]] = {"contact": CONTACT_FIELDS, "note": NOTE_FIELDS}


def names(table: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(field.name for field in table)


def named(table: tuple[Field, ...], name: str) -> Field:
    return next(field for field in table if field.name == name)
