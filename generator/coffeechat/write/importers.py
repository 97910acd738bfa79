"""Import contacts from LinkedIn's Connections.csv and from vCard files (Google, Apple, Outlook).

Reading is pure (text in, people and malformed entries out); `plan` decides, against the contacts
already in the journal, what would be created and what skipped; `create` writes one contact
through edits.new_contact (atomic, never overwriting). Re-importing the same file creates nothing."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import vobject

from coffeechat.model import JournalError
from coffeechat.questions import normalise
from coffeechat.read.journal import journal_files, read_contact
from coffeechat.slugs import slugify
from coffeechat.words import plural
from coffeechat.write.edits import new_contact
from coffeechat.write.writer import ENVIRONMENT, FileSystemError, reason_of, short_name

CREATE, DUPLICATE, MALFORMED = "create", "duplicate", "malformed"
LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)


@dataclass(frozen=True, slots=True)
class Person:
    """One person read from an export, with the line their row or card starts on."""

    name: str
    line: int
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    role: str | None = None
    location: str | None = None
    linkedin: str | None = None
    website: str | None = None
    extra: Mapping[str, str | date] = field(default_factory=dict)

    def details(self, source: str) -> dict[str, str | None]:
        keys = ("company", "role", "location", "email", "phone", "linkedin", "website")
        return {"source": source, **{key: getattr(self, key) for key in keys}}


@dataclass(frozen=True, slots=True)
class Malformed:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Parsed:
    people: tuple[Person, ...]
    malformed: tuple[Malformed, ...]
    unit: str  # what one entry is called in the summary: "row" or "card"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happens to one entry: create contacts/<slug>.md, skip a duplicate, skip a bad entry."""

    action: str
    line: int
    name: str = ""
    slug: str = ""
    reason: str = ""
    person: Person | None = None


def decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise JournalError(
            "is not UTF-8 text; export it again as UTF-8 (or open and save it as UTF-8)",
            shown,
            line,
        ) from None


# -- LinkedIn ---------------------------------------------------------------------------------

_MONTHS = {
    month: number
    for number, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def read_linkedin(text: str) -> Parsed:
    """Connections.csv: a few lines of notes, then the header, then one row per connection."""
    people: list[Person] = []
    malformed: list[Malformed] = []
    header: list[str] | None = None
    # The rows are read while the header is found, so the width is looked up late on purpose.
    width = lambda: len(header) if header else None  # noqa: E731
    for line, row in _csv_rows(text, malformed, width):
        if header is None:
            if [cell.strip() for cell in row[:2]] == list(LINKEDIN_HEADER[:2]):
                header = [cell.strip() for cell in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            reason = f"it has {len(row)} fields instead of {len(header)} (a comma outside quotes?)"
            if any("\n" in cell or "\r" in cell for cell in row):
                reason = "a quote on this line opens a field that is never closed"
            malformed.append(Malformed(line, reason))
            continue
        person = _linkedin_person(dict(zip(header, row, strict=True)), line)
        if isinstance(person, Malformed):
            malformed.append(person)
        else:
            people.append(person)
    if header is None:
        raise JournalError(
            "has no LinkedIn header line (“First Name,Last Name,URL,Email Address,…”); is it "
            "Connections.csv from LinkedIn's “Get a copy of your data”?"
        )
    return Parsed(tuple(people), tuple(malformed), "row")


def _csv_rows(
    text: str, malformed: list[Malformed], width: Callable[[], int | None]
) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on. A quoted field may span lines, but once the header is
    known (width() gives its number of fields) a row that spans lines and has the wrong number of
    fields is a stray quote swallowing the rows after it: that line is reported, and the lines it
    swallowed are read again on their own."""
    lines = io.StringIO(text, newline="").readlines()
    index = 0
    while index < len(lines):
        row, used, error = _one_record(lines, index)
        expected = width()
        if used > 1 and expected is not None and (error or len(row) != expected):
            last = index + used
            row, used, error = _one_record(lines[index : index + 1], 0)
            if error or len(row) != expected:
                malformed.append(Malformed(index + 1, _stray_quote(index + 1, last)))
                index += 1
                continue
        if error:
            malformed.append(Malformed(index + 1, f"it cannot be read as CSV ({error})"))
        else:
            yield index + 1, row
        index += max(used, 1)


def _one_record(lines: list[str], start: int) -> tuple[list[str], int, str]:
    """The CSV record starting at lines[start], how many lines it takes, and csv's error."""
    # A generator, not lines[start:]: copying the rest of the file for every row is quadratic.
    reader = csv.reader(lines[index] for index in range(start, len(lines)))
    try:
        return next(reader, []), reader.line_num, ""
    except csv.Error as exc:
        return [], max(reader.line_num, 1), str(exc)


def _stray_quote(line: int, last: int) -> str:
    swallowed = f"line {last}" if last == line + 1 else f"lines {line + 1}–{last}"
    return (
        f"a quote on this line opens a field that runs on into {swallowed}; this row is "
        'skipped and the rows after it are read on their own (remove the stray " or close it)'
    )


def _linkedin_person(values: dict[str, str], line: int) -> Person | Malformed:
    def value(key: str) -> str | None:
        text = " ".join((values.get(key) or "").split())
        return text or None

    name = " ".join(filter(None, (value("First Name"), value("Last Name"))))
    if not name:
        return Malformed(line, "it has no first or last name")
    url = value("URL")
    connected = value("Connected On")
    extra: dict[str, str | date] = {}
    if connected:
        extra["connected_on"] = _linkedin_date(connected) or connected
    return Person(
        name=name,
        line=line,
        email=value("Email Address"),
        company=value("Company"),
        role=value("Position"),
        linkedin=url if url and url.lower().startswith(("http://", "https://")) else None,
        extra=extra,
    )


def _linkedin_date(text: str) -> date | None:
    """The day from LinkedIn's "05 Mar 2024" (English month names in every language's export)."""
    parts = text.split()
    if len(parts) != 3 or parts[1][:3].lower() not in _MONTHS:
        return None
    try:
        return date(int(parts[2]), _MONTHS[parts[1][:3].lower()], int(parts[0]))
    except ValueError:
        return None


# -- vCard ------------------------------------------------------------------------------------

_BEGIN = re.compile(r"^BEGIN:VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD[ \t]*$", re.IGNORECASE)
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}  # pictures and keys: large, and not for a Markdown file
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")


def read_vcards(text: str) -> Parsed:
    """Every card in a .vcf file (vCard 2.1, 3.0 or 4.0); a card that cannot be read is reported
    with the line of its BEGIN:VCARD and the others are still read."""
    people: list[Person] = []
    malformed: list[Malformed] = []
    for line, lines, complete in _cards(text):
        if not complete:
            malformed.append(Malformed(line, "the card has no END:VCARD"))
            continue
        person = _vcard_person(_prepared(lines), line)
        if isinstance(person, Malformed):
            malformed.append(person)
        else:
            people.append(person)
    return Parsed(tuple(people), tuple(malformed), "card")


def _cards(text: str) -> Iterator[tuple[int, list[str], bool]]:
    card: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if _BEGIN.match(line):
            if card is not None:
                yield start, card, False
            card, start = [line], number
        elif card is not None:
            card.append(line)
            if _END.match(line):
                yield start, card, True
                card = None
    if card is not None:
        yield start, card, False


def _prepared(lines: list[str]) -> str:
    """The card as vobject reads it: Outlook's quoted-printable soft line breaks (a line ending
    in `=`) joined, and pictures left out (vobject would decode them, and fail on a bad one)."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if previous.endswith("=") and "QUOTED-PRINTABLE" in previous.split(":", 1)[0].upper():
            joined[-1] = previous[:-1] + line
        else:
            joined.append(line)
    kept: list[str] = []
    skipping = False
    for line in joined:
        if line[:1] in (" ", "\t"):  # a folded continuation belongs to the line before
            if not skipping:
                kept.append(line)
            continue
        name = _NAME.match(line)
        skipping = name is not None and name.group(1).upper() in _BINARY
        if not skipping:
            kept.append(line)
    return "\r\n".join(kept) + "\r\n"


def _vcard_person(text: str, line: int) -> Person | Malformed:
    try:
        card = vobject.readOne(text)
    except Exception as exc:  # vobject raises ParseError, but also binascii/ValueError on bad data
        return Malformed(line, f"the card cannot be read ({_short(exc)})")
    contents: dict[str, list[Any]] = card.contents
    name = _text(_first(contents, "fn")) or _structured_name(_first(contents, "n"))
    if not name:
        return Malformed(line, "the card has no name (FN or N)")
    urls = [_text(u) for u in contents.get("url", []) + contents.get("x-socialprofile", [])]
    web = [u for u in urls if u and u.lower().startswith(("http://", "https://"))]
    return Person(
        name=name,
        line=line,
        email=_strip_scheme(_text(_preferred(contents.get("email", []))), "mailto:"),
        phone=_strip_scheme(_text(_preferred(contents.get("tel", []))), "tel:"),
        company=_component(_first(contents, "org")),
        role=_text(_first(contents, "title")),
        location=_location(_first(contents, "adr")),
        linkedin=next((u for u in web if "linkedin.com" in u.lower()), None),
        website=next((u for u in web if "linkedin.com" not in u.lower()), None),
    )


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _first(contents: dict[str, list[Any]], key: str) -> Any:
    found = contents.get(key)
    return found[0] if found else None


def _text(line: Any) -> str | None:
    value = getattr(line, "value", None)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _strip_scheme(text: str | None, scheme: str) -> str | None:
    if text and text.lower().startswith(scheme):
        return text[len(scheme) :] or None
    return text


def _structured_name(line: Any) -> str | None:
    name = getattr(line, "value", None)
    if name is None or isinstance(name, str):
        return _text(line)
    parts = [name.prefix, name.given, name.additional, name.family, name.suffix]
    flat = [" ".join(p) if isinstance(p, list) else p for p in parts]
    return " ".join(" ".join(filter(None, flat)).split()) or None


def _component(line: Any) -> str | None:
    """ORG is `Company;Department`: the company."""
    value = getattr(line, "value", None)
    if isinstance(value, list):
        value = next((v for v in value if str(v).strip()), None)
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _location(line: Any) -> str | None:
    address = getattr(line, "value", None)
    if address is None or isinstance(address, str):
        return None
    parts = [getattr(address, key, "") for key in ("city", "region")]
    parts = [" ".join(p) if isinstance(p, list) else p for p in parts]
    found = ", ".join(p.strip() for p in parts if p and p.strip())
    return found or (str(getattr(address, "country", "")).strip() or None)


def _preferred(lines: list[Any]) -> Any:
    """The first address or number, preferring one marked preferred (TYPE=pref, PREF=1, or 2.1's
    bare PREF), then one marked work."""
    if not lines:
        return None

    def rank(indexed: tuple[int, Any]) -> tuple[bool, bool, int]:
        index, line = indexed
        types = _types(line)
        return ("pref" not in types and "PREF" not in line.params, "work" not in types, index)

    return min(enumerate(lines), key=rank)[1]


def _types(line: Any) -> set[str]:
    types = {t.strip().lower() for v in line.params.get("TYPE", []) for t in v.split(",")}
    return types | {s.lower() for s in getattr(line, "singletonparams", [])}


# -- deciding and writing ---------------------------------------------------------------------


@dataclass
class _Known:
    """Who is in the journal already, by file name, e-mail and name; grows as entries are planned,
    so a person listed twice in one file is created once."""

    by_slug: dict[str, str] = field(default_factory=dict)
    by_email: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    def add(self, slug: str, name: str | None, email: str | None) -> None:
        path = f"contacts/{slug}.md"
        self.by_slug.setdefault(slug, path)
        if name:
            self.by_name.setdefault(_name_key(name), path)
        if email:
            self.by_email.setdefault(email.strip().lower(), path)

    def find(self, slug: str, person: Person) -> str | None:
        email = (person.email or "").strip().lower()
        return (
            self.by_slug.get(slug)
            or (self.by_email.get(email) if email else None)
            or self.by_name.get(_name_key(person.name))
        )


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def known_contacts(root: Path) -> _Known:
    known = _Known()
    for path in journal_files(root, "contacts"):
        contact, _ = read_contact(path, path.relative_to(root).as_posix())
        email = contact.email if contact else None
        known.add(path.stem, contact.name if contact else None, email)
    return known


@dataclass(frozen=True, slots=True)
class Selection:
    """`import linkedin --match TEXT --since DATE`: whom to import out of a large export.

    A person is kept when their company or position contains one of `match` (case, accents and
    punctuation aside: "societe" finds "Société Générale") and, with `since`, when they were
    connected on that day or later (a row without a readable Connected On is left out then)."""

    match: tuple[str, ...] = ()
    since: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "match", tuple(normalise(text) for text in self.match))
        if any(not text for text in self.match):
            raise JournalError("--match needs letters or digits to look for")

    def keeps(self, person: Person) -> bool:
        if self.match:
            where = f"{normalise(person.company or '')} {normalise(person.role or '')}"
            if not any(text in where for text in self.match):
                return False
        if self.since is not None:
            connected = person.extra.get("connected_on")
            if not isinstance(connected, date) or connected < self.since:
                return False
        return True

    def apply(self, parsed: Parsed) -> tuple[Parsed, int]:
        """The parsed file with only the people kept (malformed rows are still reported), and
        how many were left out."""
        if not self.match and self.since is None:
            return parsed, 0
        kept = tuple(person for person in parsed.people if self.keeps(person))
        return Parsed(kept, parsed.malformed, parsed.unit), len(parsed.people) - len(kept)


def plan(root: Path, parsed: Parsed) -> list[Outcome]:
    """What importing would do, entry by entry in file order; nothing is written."""
    known = known_contacts(root)
    longest = _longest_name(root / "contacts")
    outcomes = [Outcome(MALFORMED, m.line, reason=m.reason) for m in parsed.malformed]
    for person in parsed.people:
        outcomes.append(_decide(person, known, longest))
    return sorted(outcomes, key=lambda o: o.line)


def _longest_name(folder: Path) -> int:
    """The longest file name (in bytes) the file system takes in contacts/."""
    for place in (folder, folder.parent):
        try:
            return os.pathconf(place, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return 255


_ADD_BY_HAND = "add them with `coffeechat new contact NAME --slug …`"


def _decide(person: Person, known: _Known, longest: int = 255) -> Outcome:
    slug = slugify(person.name) or slugify((person.email or "").split("@")[0])
    if not slug:
        reason = f"cannot make a file name from “{person.name}”; {_ADD_BY_HAND}"
        return Outcome(MALFORMED, person.line, person.name, reason=reason)
    if len(f"{slug}.md".encode()) > longest:
        reason = f"the name is too long for a file name ({len(slug)} characters); {_ADD_BY_HAND}"
        return Outcome(MALFORMED, person.line, short_name(person.name, 60), reason=reason)
    existing = known.find(slug, person)
    if existing:
        return Outcome(DUPLICATE, person.line, person.name, slug, f"already in {existing}")
    known.add(slug, person.name, person.email)
    return Outcome(CREATE, person.line, person.name, slug, person=person)


def create(root: Path, outcome: Outcome, source: str) -> Outcome:
    """Write one planned contact; a file that appeared since planning is skipped, not replaced."""
    assert outcome.person is not None
    person = outcome.person
    try:
        new_contact(root, person.name, person.details(source), outcome.slug, dict(person.extra))
    except FileSystemError as exc:
        if exc.errno in ENVIRONMENT:
            raise  # a full disk fails every next row too: the import stops here
        reason = f"{reason_of(exc)}; {_ADD_BY_HAND}"
        return Outcome(MALFORMED, outcome.line, outcome.name, reason=reason)
    except JournalError:
        reason = f"already in contacts/{outcome.slug}.md"
        return Outcome(DUPLICATE, outcome.line, outcome.name, outcome.slug, reason)
    return outcome


def summary(outcomes: list[Outcome], unit: str, dry_run: bool, left_out: int = 0) -> str:
    """`created 12, skipped 3 duplicates, 1 malformed row` (`, 40 left out by --match/--since`)."""
    counts = {
        action: sum(o.action == action for o in outcomes)
        for action in (CREATE, DUPLICATE, MALFORMED)
    }
    text = (
        f"{'would create' if dry_run else 'created'} {counts[CREATE]}, "
        f"{'skip' if dry_run else 'skipped'} {plural(counts[DUPLICATE], 'duplicate')}, "
        f"{plural(counts[MALFORMED], f'malformed {unit}')}"
    )
    if left_out:
        text += f", {left_out} left out by --match/--since"
    return f"{text} (dry run: nothing was written)" if dry_run else text
