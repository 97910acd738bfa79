"""What a public build (`--public`) leaves out, failing closed (SPEC §8).

A contact is private when their file says so, when their `private` value is not a clear false, and
when their file cannot be read at all (their privacy cannot be established). Nothing about a
private person is published: no note with them, no note or contact whose text names them (by slug
in any case, by name with or without accents and honorifics, by e-mail), no referral or
`referred_by` pointing at them. Contact details (e-mail, phone) and the letter drafts that carry
them stay out unless the user opts in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from coffeechat.model import Contact, Journal, Note, Referral, index_notes
from coffeechat.questions import _LETTERS  # letters NFKD keeps whole (ø, ł, ß): one table for both
from coffeechat.read.journal import _is_private_key, journal_files, private_value
from coffeechat.slugs import looks_like_slug, slugify

# Words written before a name ("Dr. Núñez", "Sra. Núñez"): a title plus a surname names someone.
# fmt: off
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam", "madame",
    "mme", "mlle", "m", "herr", "frau", "sr", "sra", "srta", "don", "dona", "dra", "rev", "fr",
    "father", "coach", "dean", "judge", "hon",
})
# Letters after a name ("Ana Núñez, CCC-SLP"): not part of the name itself.
SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "rn", "esq", "mba", "msw", "lcsw", "ccc",
    "slp", "cpa",
})
# fmt: on
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The name line of a contact file whose YAML cannot be read (the rest of it is not needed).
# `- name: …` and `{name: …}` too: a file that is a list, or one flow mapping, is unreadable as well.
_NAME_LINE = re.compile(
    r"""^[\s{-]*["']?name["']?\s*:\s*(.+?)[\s},]*$""", re.MULTILINE | re.IGNORECASE
)
# The user's own keys that hold contact details ("mobile", "work_email"): left out with e-mail.
_DETAIL_KEY = re.compile(r"e-?mail|phone|mobile|cell|tel|fax|whatsapp|signal", re.IGNORECASE)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=16384)
def _folded(run: str) -> str:
    """Letters outside ASCII without case and accents (a journal repeats them: each run once)."""
    decomposed = unicodedata.normalize("NFKD", run.translate(_LETTERS).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Text as comparable words: no case, no accents, apostrophes and punctuation split words."""
    if not text.isascii():
        # NFC first: an accent typed as its own character joins its letter before both are folded.
        text = _NON_ASCII.sub(lambda run: _folded(run.group()), unicodedata.normalize("NFC", text))
    return _WORD.findall(_APOSTROPHES.sub(" ", text).lower())


def _name_forms(name: str) -> list[tuple[str, ...]]:
    """A name's words as written, and with the apostrophes closed up (O'Brien, OBrien)."""
    joined = words(_APOSTROPHES.sub("", name))
    split = words(name)
    return [tuple(split)] + ([tuple(joined)] if joined != split else [])


def _core(name: tuple[str, ...]) -> tuple[str, ...]:
    """The name without titles in front and letters after it (kept when nothing else is left)."""
    start, end = 0, len(name)
    while start < end - 1 and name[start] in HONORIFICS:
        start += 1
    while end > start + 1 and name[end - 1] in SUFFIXES:
        end -= 1
    return name[start:end]


def name_phrases(name: str) -> set[tuple[str, ...]]:
    """Word sequences that name this person: the whole name, first name and any other part of
    it either way round ("Ana Núñez", "Núñez, Ana" for Ana Lucía Núñez), and a title with any
    later part ("Ms. Núñez")."""
    phrases: set[tuple[str, ...]] = set()
    for form in _name_forms(name):
        core = _core(form)
        if not core:
            continue
        phrases.update({form, core})
        for later in range(1, len(core)):
            phrases.update({(core[0], core[later]), (core[later], core[0])})  # "Núñez, Ana"
            for title in HONORIFICS:
                phrases.update({(title, core[later]), (title, *core[later:])})
    return phrases


@dataclass(frozen=True, slots=True)
class Mentions:
    """Finds any private person named in a piece of text: by name, slug or e-mail."""

    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # by first word
    emails: re.Pattern[str] | None  # any of the addresses, in casefolded text

    @classmethod
    def of(cls, names: Iterable[str], slugs: Iterable[str], emails: Iterable[str]) -> Mentions:
        found: set[tuple[str, ...]] = set()
        for name in names:
            found |= name_phrases(name)
        for slug in slugs:  # `ana-nunez`, `Ana-Nunez`, `ana_nunez` all read as the same words
            found.update(form for form in _name_forms(slug) if form)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(found):
            by_first.setdefault(phrase[0], []).append(phrase)
        kept = sorted({e.strip().casefold() for e in emails if e and e.strip()})
        pattern = re.compile("|".join(map(re.escape, kept))) if kept else None
        return cls({k: tuple(v) for k, v in by_first.items()}, pattern)

    def __bool__(self) -> bool:
        return bool(self.phrases or self.emails)

    def in_text(self, text: str) -> bool:
        if not self:
            return False
        if self.emails is not None and self.emails.search(text.casefold()):
            return True
        # Both spellings of O'Brien: "O'Brien" (two words) and "OBrien" (one).
        forms = [words(text)]
        if _APOSTROPHES.search(text):
            forms.append(words(_APOSTROPHES.sub("", text)))
        return any(self._in_words(form) for form in forms)

    def _in_words(self, form: list[str]) -> bool:
        present = set(form)
        # Only phrases whose every word is in the text are looked for in order (most texts
        # have none, and a set of words is cheap next to walking them).
        wanted = [
            phrase
            for first in present.intersection(self.phrases)
            for phrase in self.phrases[first]
            if present.issuperset(phrase)
        ]
        if not wanted:
            return False
        firsts = {phrase[0] for phrase in wanted}
        for index, word in enumerate(form):
            if word in firsts:
                for phrase in wanted:
                    if phrase[0] == word and tuple(form[index : index + len(phrase)]) == phrase:
                        return True
        return False

    def in_any(self, value: Any) -> bool:
        return any(self.in_text(text) for text in texts(value))


def texts(value: Any) -> Iterator[str]:
    """Every piece of text in a model value (a contact, a note, a referral), keys included: what
    a page, the search index or an export could show."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from texts(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from texts(item)


@dataclass(frozen=True, slots=True)
class Public:
    """A journal as a public build shows it, and what was left out (file, why) to say so."""

    journal: Journal
    mentions: Mentions
    left_out: tuple[tuple[str, str], ...]


def public_journal(journal: Journal, contact_details: bool = False) -> Public:
    """The journal without private people and without anything that names them."""
    unreadable = unreadable_contacts(journal)
    private = {slug: c for slug, c in journal.contacts.items() if c.private}
    hidden = set(private) | set(unreadable)
    mentions = Mentions.of(
        [c.name for c in private.values()] + [n for names, _ in unreadable.values() for n in names],
        hidden,
        [c.email or "" for c in private.values()]
        + [e for _, es in unreadable.values() for e in es],
    )
    left_out = [(c.path, "private") for c in private.values()]
    left_out += [(p, "cannot be read, so treated as private") for p in _paths(journal, unreadable)]
    # A contact whose own text names a private person is left out like a note would be.
    withheld = {
        slug
        for slug, contact in journal.contacts.items()
        if slug not in hidden
        and mentions.in_any(_without_referrer(contact, journal, hidden, mentions))
    }
    left_out += [(journal.contacts[s].path, "it names a private contact") for s in withheld]
    gone = hidden | withheld
    contacts = {
        slug: _shown_contact(_without_referrer(c, journal, gone, mentions), contact_details)
        for slug, c in journal.contacts.items()
        if slug not in gone
    }
    notes: list[Note] = []
    for note in journal.notes:
        why = _note_left_out(note, contacts, mentions)
        if why:
            left_out.append((note.path, why))
        else:
            notes.append(replace(note, referrals=_referrals(note, journal, contacts, mentions)))
    shown = replace(
        journal,
        contacts=contacts,
        notes=tuple(notes),
        notes_by_contact=index_notes(notes),
        contact_files=frozenset(contacts),
    )
    return Public(shown, mentions, tuple(sorted(left_out)))


def _note_left_out(note: Note, contacts: Mapping[str, Contact], mentions: Mentions) -> str:
    """Why a note stays out of a public build ("" when it is shown)."""
    if any(slug not in contacts for slug in note.contacts):
        # Private, unreadable, left out, mistyped (`Ana-Nunez`) or skipped: a note with someone
        # whose privacy cannot be established is not shown.
        return "it is about a contact who is private, left out or has no readable file"
    if any(_is_private_key(key) and private_value(v) is not False for key, v in note.extra.items()):
        return "the note is marked private"
    # Referrals are judged one by one (_referrals): naming someone private drops the referral.
    if mentions.in_any(replace(note, referrals=())):
        return "it names a private contact"
    return ""


def _referrals(
    note: Note, journal: Journal, contacts: Mapping[str, Contact], mentions: Mentions
) -> tuple[Referral, ...]:
    """A note's referrals without those that point at someone not shown: by slug, by a name whose
    slug is a file that is not shown (`{name: Luis Ferreira}`), or by text naming someone private."""
    kept = []
    for referral in note.referrals:
        if referral.slug and referral.slug not in contacts:
            continue
        target = _file_of(referral.name or "", journal)
        if (target and target not in contacts) or mentions.in_any(referral):
            continue
        kept.append(referral)
    return tuple(kept)


def _without_referrer(
    contact: Contact, journal: Journal, gone: set[str], mentions: Mentions
) -> Contact:
    """`referred_by` is dropped when it points at someone not shown, at a slug with no file
    (whose privacy cannot be established), or names someone private."""
    ref = (contact.referred_by or "").strip()
    if not ref:
        return contact
    target = _file_of(ref, journal)
    unknown_slug = target is None and looks_like_slug(ref)
    if target in gone or unknown_slug or mentions.in_text(ref):
        return replace(contact, referred_by=None)
    return contact


def _file_of(reference: str, journal: Journal) -> str | None:
    """The contact file a slug or a free-text name points at, in any case (`Ana-Nunez`)."""
    text = reference.strip()
    if not text:
        return None
    if text in journal.contact_files:
        return text
    guess = slugify(text)
    return guess if guess in journal.contact_files else None


def _shown_contact(contact: Contact, contact_details: bool) -> Contact:
    return contact if contact_details else _without_details(contact)


def _without_details(contact: Contact) -> Contact:
    extra = {
        key: value
        for key, value in contact.extra.items()
        if not _DETAIL_KEY.search(str(key)) and not any(_EMAIL.search(t) for t in texts(value))
    }
    return replace(contact, email=None, phone=None, extra=extra)


def unreadable_contacts(journal: Journal) -> dict[str, tuple[list[str], list[str]]]:
    """Contact files the reader could not make a contact of, with what can still be found in
    them: the `name:` lines and e-mail addresses, so notes naming them are left out too."""
    slugs = journal.contact_files - set(journal.contacts)
    if not slugs:
        return {}
    found: dict[str, tuple[list[str], list[str]]] = {slug: ([], []) for slug in slugs}
    for path in journal_files(journal.root, "contacts"):
        if path.stem in found:
            names, emails = found[path.stem]
            text = _raw_text(path)
            names += [m.strip("\"' ") for m in _NAME_LINE.findall(text)]
            emails += _EMAIL.findall(text)
    return found


def _raw_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _paths(journal: Journal, unreadable: Mapping[str, Any]) -> list[str]:
    root = journal.root
    return [
        path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        for path in journal_files(root, "contacts")
        if path.stem in unreadable
    ]
