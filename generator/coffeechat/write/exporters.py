"""Export the journal so it never locks anyone in: contacts and notes as CSV (RFC 4180, for a
spreadsheet), contacts as vCard 3.0 (for an address book). Pure functions of the journal."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

import vobject

from coffeechat.derive.derived import ContactView
from coffeechat.model import Contact, Journal
from coffeechat.read.journal import CONTACT_TEXT

CONTACT_COLUMNS = ("slug", "name", *CONTACT_TEXT, "tags", "status", "stage", "last_interaction")
NOTE_COLUMNS = ("note", "date", "contacts", "format", "duration", "tags", "thank_you")
_TEXT_COLUMNS = ("name", *CONTACT_TEXT)  # Contact's own text fields
LIST_SEPARATOR = "; "  # tags and a group note's contacts, in one cell


# A cell starting with one of these is run as a formula by spreadsheets (a LinkedIn connection
# can call themselves `=HYPERLINK(…)`); OWASP: put a single quote in front, shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """A cell as text a spreadsheet shows and never runs (numbers and dates stay as they are)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(header)
    writer.writerows(["" if cell is None else neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


def contacts_csv(views: Mapping[str, ContactView]) -> str:
    """One row per contact (derive's views: the stage and last interaction need today)."""
    rows = []
    for slug, view in views.items():
        c = view.contact
        plain = [getattr(c, key) for key in _TEXT_COLUMNS]
        last = view.last_interaction.isoformat() if view.last_interaction else None
        rows.append([slug, *plain, LIST_SEPARATOR.join(c.tags), c.status, view.stage, last])
    return _csv(CONTACT_COLUMNS, rows)


def notes_csv(journal: Journal) -> str:
    rows = [
        [
            note.slug,
            note.date.isoformat(),
            LIST_SEPARATOR.join(note.contacts),
            note.format,
            note.duration,
            LIST_SEPARATOR.join(note.tags),
            note.thank_you.isoformat() if note.thank_you else None,
        ]
        for note in journal.notes
    ]
    return _csv(NOTE_COLUMNS, rows)


def vcards(journal: Journal) -> str:
    """vCard 3.0: the version every address book imports (Apple, Google, Outlook); 4.0 is not
    read by older Outlook and Apple Contacts, and vobject writes 3.0."""
    return "".join(_vcard(contact).serialize() for contact in journal.contacts.values())


def _vcard(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    # A stable UID: importing a newer export updates the address book instead of duplicating.
    card.add("uid").value = f"coffeechat-{contact.slug}"
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    _add(card, "email", contact.email, "INTERNET")
    _add(card, "tel", contact.phone)
    if contact.company:
        card.add("org").value = [contact.company]
    _add(card, "title", contact.role)
    _add(card, "url", contact.linkedin)
    _add(card, "url", contact.website)
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    about = [f"{label}: {value}" for label, value in _about(contact) if value]
    if about:
        card.add("note").value = "\n".join(about)
    return card


def _add(card: vobject.base.Component, key: str, value: str | None, kind: str = "") -> None:
    if not value:
        return
    line = card.add(key)
    line.value = value
    if kind:
        line.type_param = kind


def _about(contact: Contact) -> list[tuple[str, str | None]]:
    return [
        ("Field", contact.field),
        ("Location", contact.location),
        ("Found through", contact.source),
    ]
