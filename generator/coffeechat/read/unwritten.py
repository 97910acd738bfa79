"""What a template wrote and the user has not replaced yet, for `check`: a contact whose body is
still the placeholder `new contact` wrote, and a note more than a week old whose questions are
all still unanswered. Pure functions of the journal and today."""

from __future__ import annotations

import re
from datetime import date

from coffeechat.model import WARNING, Contact, Journal, Note, Problem
from coffeechat.read.sections import is_blank

# What `new contact` puts below the front matter (in an HTML comment since issue 11; earlier
# versions wrote it as text, which then showed on the contact page and the prep sheet).
CONTACT_PLACEHOLDER = (
    "What you know about them before you write: shared school or people in common, what they\n"
    "work on, something of theirs you read. It helps you write the request and prepare."
)
STALE_NOTE_DAYS = 7  # a week after the conversation, an empty note is a note forgotten
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACE = re.compile(r"\s+")


def unwritten(journal: Journal, today: date) -> list[Problem]:
    problems = [p for c in journal.contacts.values() if (p := _placeholder(c)) is not None]
    problems += [p for n in journal.notes if (p := _empty_note(n, today)) is not None]
    return problems


def _placeholder(contact: Contact) -> Problem | None:
    """The placeholder written as text (outside a comment) is on the page as if the user wrote it."""
    body = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), contact.body)
    start = _SPACE.sub(" ", body).find(_SPACE.sub(" ", CONTACT_PLACEHOLDER))
    if start < 0:
        return None
    first_line = body.find(CONTACT_PLACEHOLDER.split("\n", 1)[0])
    line = contact.body_line + body[: max(first_line, 0)].count("\n")
    return Problem(
        contact.path,
        line,
        WARNING,
        "the text below the front matter is still the template's placeholder; replace it with "
        "what you know about them, or delete it (it shows as “About” and on the prep sheet)",
    )


def _empty_note(note: Note, today: date) -> Problem | None:
    if not note.sections or (today - note.day).days <= STALE_NOTE_DAYS:
        return None
    if not all(is_blank(section.text) for section in note.sections):
        return None
    return Problem(
        note.path,
        note.sections[0].line,
        WARNING,
        f"none of the {len(note.sections)} questions has an answer yet, "
        f"{(today - note.day).days} days after the conversation; write down what you remember, "
        "or delete the questions you did not ask",
    )
