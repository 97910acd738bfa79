"""Changes to the user's journal: the only ones coffeechat makes (`init`, `new`, `log`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import templates, writer
from .model import JournalError
from .reader import journal_files, read_contact
from .slugs import slugify


def init_journal(folder: Path, title: str = "My career conversations") -> list[Path]:
    """Create an empty journal; a folder that already holds anything is left alone."""
    if folder.exists() and not folder.is_dir():
        raise JournalError("exists and is not a folder", str(folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise JournalError(
            "is not empty; coffeechat init only creates a journal in a new or empty folder",
            str(folder),
        )
    return writer.create_tree(folder, templates.journal_files(title))


def new_contact(
    root: Path, name: str, details: dict[str, str | None], slug: str | None = None
) -> Path:
    """Create contacts/<slug>.md for a person; the slug comes from the name unless given."""
    name = name.strip()
    slug = slugify(slug or name)
    if not name or not slug:
        raise JournalError(
            f"cannot make a file name from “{name}”; give one with --slug, e.g. --slug wang-wei"
        )
    target = root / "contacts" / f"{slug}.md"
    return writer.create(target, templates.contact_file(name, details), f"contacts/{slug}.md")


def new_note(root: Path, contacts: list[str], when: date) -> Path:
    """Create notes/<date>-<slug>.md for a conversation with existing contacts."""
    known = {path.stem: path for path in journal_files(root, "contacts")}
    names = []
    for slug in contacts:
        if slug not in known:
            hint = " (see `coffeechat new contact --help`)"
            raise JournalError(
                f"there is no contact “{slug}” in contacts/{hint}", f"contacts/{slug}.md"
            )
        contact, _ = read_contact(known[slug], f"contacts/{slug}.md")
        names.append(contact.name if contact else slug)
    name = f"{when.isoformat()}-{'-'.join(contacts)}.md"
    target = root / "notes" / name
    return writer.create(target, templates.note_file(contacts, when, names), f"notes/{name}")
