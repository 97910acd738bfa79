"""Organisations, derived from the contacts' `company` (no file of their own): who you know
there and at what stage, the conversations, what you learned about the place, and how readily
its people answered. Pure functions of (journal, derived); `check` reports names that look like
two spellings of one organisation."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from coffeechat.derive.derived import Derived
from coffeechat.derive.stats import Tally, requests_of, tally
from coffeechat.model import WARNING, Journal, Note, Problem, Section
from coffeechat.read.sections import is_blank
from coffeechat.slugs import slugify

# What the user learned about an organisation: the reflection prompt and the question about it.
COMPANY_KEYS = ("learned-company", "company-culture")
SIMILAR = 0.85  # difflib ratio of two normalised names above which they look like one
# Words that do not tell organisations apart ("The Walters Art Museum" = "Walters Art Museum").
_FILLER = frozenset(["the", "of", "and", "inc", "inc.", "llc", "ltd", "co", "corp", "company"])
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Company:
    name: str  # as first written (contacts in slug order)
    slug: str
    people: tuple[str, ...]  # contacts' slugs
    notes: tuple[Note, ...]  # conversations with its people, oldest first
    learned: tuple[tuple[Note, Section], ...]  # answers to COMPANY_KEYS, oldest first
    facts: tuple[tuple[Note, str, object], ...]  # (note, key, value) from its people's notes
    requests: Tally  # requests sent to its people, answered or not, and how fast


def key_of(name: str) -> str:
    """Names compared ignoring case and spacing: "Enoch Pratt  free library" is one company."""
    return " ".join(name.split()).casefold()


def companies(journal: Journal, derived: Derived) -> tuple[Company, ...]:
    """Every company named by a contact, by name; slugs unique (a clash gets -2, -3)."""
    groups: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for slug in sorted(journal.contacts):
        written = (journal.contacts[slug].company or "").strip()
        if written:
            names.setdefault(key_of(written), " ".join(written.split()))
            groups.setdefault(key_of(written), []).append(slug)
    found = []
    taken: set[str] = set()
    for key in sorted(groups, key=lambda k: names[k].casefold()):
        found.append(
            _company(journal, derived, names[key], _unique(slugify(names[key]), taken), groups[key])
        )
    return tuple(found)


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken or candidate == "index":
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def _company(
    journal: Journal, derived: Derived, name: str, slug: str, people: list[str]
) -> Company:
    notes = sorted(
        {n.path: n for p in people for n in journal.notes_with(p)}.values(),
        key=lambda n: (n.day, n.slug),
    )
    learned = tuple(
        (note, section)
        for note in notes
        for section in note.sections
        if section.key in COMPANY_KEYS and not is_blank(section.text)
    )
    facts = tuple((note, key, value) for note in notes for key, value in note.facts.items())
    requests = [
        request
        for person in people
        for request in requests_of(
            journal.contacts[person], journal.notes_with(person), derived.today
        )
    ]
    return Company(name, slug, tuple(people), tuple(notes), learned, facts, tally(name, requests))


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name.casefold()) if w not in _FILLER)


def look_alike(first: str, second: str) -> bool:
    """Two names that are probably one organisation written two ways: the words of one inside
    the other's ("Enoch Pratt Library", "Enoch Pratt Free Library"), or nearly the same letters."""
    a, b = _words(first), _words(second)
    if not a or not b or key_of(first) == key_of(second):
        return False
    if len(a & b) >= 2 and (a <= b or b <= a):
        return True
    return (
        difflib.SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio() >= SIMILAR
    )


def duplicate_problems(journal: Journal) -> list[Problem]:
    """A warning on each contact whose company looks like another contact's spelled differently."""
    first_seen: dict[str, tuple[str, str]] = {}  # key -> (name, file) of the first spelling
    for slug in sorted(journal.contacts):
        contact = journal.contacts[slug]
        if contact.company and contact.company.strip():
            first_seen.setdefault(key_of(contact.company), (contact.company.strip(), contact.path))
    problems = []
    for slug in sorted(journal.contacts):
        contact = journal.contacts[slug]
        if not contact.company or not contact.company.strip():
            continue
        own = key_of(contact.company)
        for key, (name, path) in first_seen.items():
            if key < own and look_alike(contact.company, name):
                problems.append(
                    Problem(
                        contact.path,
                        contact.lines.get("company"),
                        WARNING,
                        f"company “{contact.company.strip()}” looks like “{name}” ({path}): "
                        "if they are one organisation, write its name the same way",
                    )
                )
    return problems
