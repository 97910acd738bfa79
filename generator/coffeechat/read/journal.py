"""Read a journal folder into models, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import contextlib
import difflib
import errno
import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from coffeechat import fields
from coffeechat.dates import MAX_DAYS
from coffeechat.fields import CADENCES, EVENT_KINDS, STATUSES
from coffeechat.model import (
    ERROR,
    WARNING,
    Contact,
    FollowUpItem,
    Journal,
    Note,
    OutreachEvent,
    Problem,
    Referral,
    index_notes,
)
from coffeechat.oserrors import reason as os_reason
from coffeechat.questions import DEFAULT_BANK, QuestionBank
from coffeechat.read import yamlsource
from coffeechat.read.headings import near_misses
from coffeechat.read.sections import split_sections
from coffeechat.slugs import RESERVED_SLUGS, looks_like_slug, slug_for_name

# Known keys come from the field table (fields.py), which also generates the schema and editor files.
CONTACT_TEXT = tuple(  # read as plain text: free text, web addresses, suggested-choice keys
    f.name
    for f in fields.CONTACT_FIELDS
    if not f.required and (f.kind in (fields.TEXT, fields.URL) or f.suggest)
)
CONTACT_KEYS = fields.names(fields.CONTACT_FIELDS)
NOTE_KEYS = fields.names(fields.NOTE_FIELDS)
EVENT_KEYS = fields.names(fields.EVENT_FIELDS)
REFERRAL_KEYS = fields.names(fields.REFERRAL_FIELDS)
FOLLOW_UP_KEYS = fields.names(fields.FOLLOW_UP_FIELDS)

_NOTHING = object()
NamedContacts = tuple[tuple[str, ...], int | None]


def journal_files(root: Path, folder: str, problems: list[Problem] | None = None) -> list[Path]:
    """The Markdown files of one journal folder, sorted; `_` and `.` files and folders are skipped.

    One file per slug: of two files with the same name in different subfolders the one nearest
    the top (then the first by path) is kept and the other reported, never silently dropped. A
    link that leads back into a folder being read, or cannot be followed, is reported and skipped."""
    scan = _Scan(root, problems if problems is not None else [])
    top = os.path.join(root, folder)
    above: tuple[tuple[int, int], ...] = ()
    with contextlib.suppress(OSError):
        above = (scan.enter(top),)
    scan.walk(top, above)
    kept: dict[str, str] = {}
    for path in sorted(scan.files, key=_nearest):
        name = os.path.basename(path)
        first = kept.setdefault(name, path)
        if first is not path:
            scan.report(
                path,
                ERROR,
                f"has the same file name as {scan.rel(first)} (slug “{name[:-3]}”); only "
                f"{scan.rel(first)} is read: rename one of them",
            )
    return [Path(path) for path in sorted(kept.values())]


def _nearest(path: str) -> tuple[int, str]:
    return path.count(os.sep), path


class _Scan:
    """One walk through a folder tree that follows links to folders, each folder once."""

    def __init__(self, root: Path, problems: list[Problem]) -> None:
        self.root = root
        self.problems = problems
        self.files: list[str] = []
        self.seen: dict[tuple[int, int], str] = {}
        self.links: list[tuple[str, tuple[tuple[int, int], ...]]] = []

    def rel(self, path: str) -> str:
        return _relative(Path(path), self.root)

    def report(self, path: str, severity: str, message: str) -> None:
        self.problems.append(Problem(self.rel(path), None, severity, message))

    def enter(self, path: str) -> tuple[int, int]:
        info = os.stat(path)
        key = (info.st_dev, info.st_ino)
        self.seen.setdefault(key, path)
        return key

    def walk(self, top: str, above: tuple[tuple[int, int], ...]) -> None:
        """Real folders first, then links to folders: a folder is reported as a repeat under the
        link's name, never under its own."""
        self.folder(top, above)
        while self.links:
            self.links.sort()  # which of two links to one folder is reported: the same every time
            path, above = self.links.pop(0)
            self.linked(path, above)

    def folder(self, path: str, above: tuple[tuple[int, int], ...]) -> None:
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as exc:
            self.report(path, ERROR, f"cannot read the folder: {os_reason(exc)}; it is skipped")
            return
        for entry in entries:
            if not entry.name.startswith(("_", ".")):
                try:
                    self.entry(entry, above)
                except OSError as exc:
                    self.unreadable(entry, exc)

    def entry(self, entry: os.DirEntry[str], above: tuple[tuple[int, int], ...]) -> None:
        if entry.is_dir(follow_symlinks=False):
            self.linked(entry.path, above)  # a real folder can be one a link reached first
        elif entry.is_symlink() and entry.is_dir():
            self.links.append((entry.path, above))
        elif entry.name.endswith(".md"):
            if entry.is_file():
                self.files.append(entry.path)
            elif entry.is_symlink():
                os.stat(entry.path)  # raises, saying why the link cannot be followed
        elif entry.is_symlink():
            os.stat(entry.path)  # a loop is worth a word; a link to nothing that is not .md is not

    def linked(self, path: str, above: tuple[tuple[int, int], ...]) -> None:
        """Read a folder unless it is read already (each folder once, whichever way it is reached)."""
        try:
            info = os.stat(path)
        except OSError as exc:
            self.report(path, WARNING, f"cannot be read: {os_reason(exc)}; skipped")
            return
        key = (info.st_dev, info.st_ino)
        if key in above:
            message = "is a link back into a folder that holds it (a symbolic link loop); skipped"
            self.report(path, WARNING, message)
            return
        if key in self.seen:
            message = f"leads to a folder read already, as {self.rel(self.seen[key])}/; skipped"
            self.report(path, WARNING, message)
            return
        self.seen[key] = path
        self.folder(path, (*above, key))

    def unreadable(self, entry: os.DirEntry[str], exc: OSError) -> None:
        if exc.errno == errno.ENOENT and entry.name.endswith(".md"):
            self.report(entry.path, ERROR, "is a link to a file that does not exist; skipped")
        elif exc.errno != errno.ENOENT:
            severity = ERROR if entry.name.endswith(".md") else WARNING
            self.report(entry.path, severity, f"cannot be read: {os_reason(exc)}; skipped")


@dataclass
class ParseCache:
    """Parsed files keyed by (path, size, mtime): `serve` re-reads only what changed."""

    entries: dict[str, tuple[tuple[int, int], Any]] = field(default_factory=dict)
    stat: bool = True  # a one-off read (the command line) has nothing to compare against

    def get(self, path: Path, parse: Callable[[], Any]) -> Any:
        if not self.stat:
            return parse()
        try:
            stat = path.stat()
        except OSError:  # gone since the folder was read (serve): the parse says so
            return parse()
        stamp = (stat.st_size, stat.st_mtime_ns)
        key = str(path)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = parse()
        self.entries[key] = (stamp, value)
        return value


def read_journal(
    root: Path,
    bank: QuestionBank = DEFAULT_BANK,
    cache: ParseCache | None = None,
    only: frozenset[str] | None = None,
) -> Journal:
    """Read contacts/ and notes/ under root; models are built for everything readable.

    With `only` (paths inside the journal, like `notes/a.md`), just those files are read; references
    are still checked against every contact file name, which costs a folder listing, not a read.
    Headings are then compared with the question bank and the chosen notes only."""
    cache = cache or ParseCache(stat=False)
    problems: list[Problem] = []
    contact_paths = journal_files(root, "contacts", problems)
    contact_slugs = frozenset(path.stem for path in contact_paths)
    contacts: dict[str, Contact] = {}
    for path in contact_paths:
        rel = _relative(path, root)
        if only is not None and rel not in only:
            continue
        contact, found = cache.get(path, partial(read_contact, path, rel))
        problems.extend(found)
        problems.extend(_reserved(rel, path.stem, "contacts"))
        if contact is not None:
            contacts[contact.slug] = contact
    notes: list[Note] = []
    note_paths = journal_files(root, "notes", problems)
    names = {s: contacts[s].name if s in contacts else s for s in sorted(contact_slugs)}
    for path in note_paths:
        rel = _relative(path, root)
        if only is not None and rel not in only:
            continue
        note, found, named = cache.get(path, partial(read_note, path, rel, bank))
        problems.extend(found)
        problems.extend(_unknown_contacts(rel, named, names))
        problems.extend(_reserved(rel, path.stem, "notes"))
        if note is not None:
            notes.append(note)
    problems.extend(_cross_check(contacts, contact_slugs, notes))
    problems.extend(near_misses(notes, bank))  # needs every note, so not cached per file
    notes.sort(key=lambda n: (n.day, n.slug))
    return Journal(
        root=root,
        contacts=dict(sorted(contacts.items())),
        notes=tuple(notes),
        problems=tuple(sorted(problems, key=lambda p: p.sort_key)),
        notes_by_contact=index_notes(notes),
        contact_files=contact_slugs,
        note_files=len(note_paths),
    )


def _reserved(rel: str, slug: str, folder: str) -> list[Problem]:
    """`index.md` and `README.md` name the folder's own page on the site (the list of all
    contacts or notes): a journal file named so would silently have no page."""
    if slug not in RESERVED_SLUGS:
        return []
    message = (
        f"{slug}.md is the name of the site's own page for {folder}/ (the list of all {folder}), "
        f"so this file gets no page of its own; rename it (e.g. to {slug}-1.md)"
    )
    return [Problem(rel, None, WARNING, message)]


def _relative(path: Path, root: Path) -> str:
    """The path inside the journal, as shown in messages (journal_files builds it under root)."""
    prefix, text = root.as_posix().rstrip("/") + "/", path.as_posix()
    if prefix != "./" and text.startswith(prefix):
        return text[len(prefix) :]
    return path.relative_to(root).as_posix()


def _cross_check(
    contacts: dict[str, Contact], contact_slugs: frozenset[str], notes: list[Note]
) -> list[Problem]:
    """References between files: a note's contacts must exist; slug-like references should."""
    problems: list[Problem] = []
    for note in notes:
        for referral in note.referrals:
            if referral.slug and referral.slug not in contact_slugs:
                message = (
                    f"referral “{referral.slug}” looks like a contact's file name, but there is no "
                    f"contacts/{referral.slug}.md; it is shown as a lead"
                )
                problems.append(Problem(note.path, referral.line, WARNING, message))
    for contact in contacts.values():
        ref = contact.referred_by
        # A name links by itself (derive/referrals); a slug-like word with no file does not.
        if ref and looks_like_slug(ref) and ref not in contact_slugs:
            message = (
                f"`referred_by` is “{ref}”, which looks like a contact's file name, but there is "
                f"no contacts/{ref}.md; write the person's full name if they have no file"
            )
            problems.append(
                Problem(contact.path, contact.lines.get("referred_by"), WARNING, message)
            )
    return problems


def _unknown_contacts(rel: str, named: NamedContacts, names: Mapping[str, str]) -> list[Problem]:
    slugs, line = named
    return [Problem(rel, line, ERROR, _unknown_contact(s, names)) for s in slugs if s not in names]


def _unknown_contact(slug: str, names: Mapping[str, str]) -> str:
    """`names` maps every contact file's slug to the person's name (their slug if unreadable)."""
    message = f"this note names the contact “{slug}”, but there is no contacts/{slug}.md"
    close = slug_for_name(slug, names)
    if close:
        return f"{message}; did you mean “{close}”?"
    return f"{message}; create it with `coffeechat new contact` or fix the name"


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text with BOM and CRLF removed, or a problem saying why it can't be read."""
    try:
        with open(path, "rb") as stream:  # plain open(): pathlib's wrapper costs more than the read
            raw = stream.read()
    except OSError as exc:
        return None, [Problem(rel, None, ERROR, f"cannot read the file: {os_reason(exc)}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); "
            "save it as UTF-8 in your editor"
        )
        return None, [Problem(rel, line, ERROR, message)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [
            Problem(
                rel,
                None,
                ERROR,
                "the file is empty; delete it, or start it again with `coffeechat new`",
            )
        ]
    return text, []


def _load(path: Path, rel: str) -> tuple[_Fields | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    try:
        matter = yamlsource.load(text)
    except yamlsource.FrontMatterError as exc:
        return None, [Problem(rel, exc.line, ERROR, exc.message)]
    fields = _Fields(rel, matter)
    for line, message in matter.value_errors:
        fields.error(line, message)
    for line, key in matter.duplicate_keys:
        if not _is_private_key(key):  # `privacy` says what a repeated `private` means
            fields.warn(line, f"`{key}` is written twice; only this last one counts")
    return fields, fields.problems


def read_contact(path: Path, rel: str) -> tuple[Contact | None, list[Problem]]:
    """One contact file; a contact is still returned when only some of its values are wrong."""
    try:
        fields, problems = _load(path, rel)
        if fields is None:
            return None, problems
        return _contact(path.stem, rel, fields), fields.problems
    except Exception as exc:  # a bug of ours must not hide the rest of the journal
        return None, [Problem(rel, None, ERROR, f"coffeechat could not read this file ({exc!r})")]


def read_note(
    path: Path, rel: str, bank: QuestionBank = DEFAULT_BANK
) -> tuple[Note | None, list[Problem], NamedContacts]:
    """One note file, and the contacts it names (checked even when the note cannot be placed:
    a note without a readable date or contact is dropped)."""
    try:
        fields, problems = _load(path, rel)
        if fields is None:
            return None, problems, ((), None)
        note = _note(path.stem, rel, fields, bank)
        return note, fields.problems, (fields.named_contacts, fields.line("contact"))
    except Exception as exc:  # a bug of ours must not hide the rest of the journal
        problem = Problem(rel, None, ERROR, f"coffeechat could not read this file ({exc!r})")
        return None, [problem], ((), None)


def _contact(slug: str, rel: str, f: _Fields) -> Contact:
    f.unknown_keys(CONTACT_KEYS, NOTE_KEYS)
    name = f.text("name", required="every contact needs the person's full name")
    texts = {key: f.text(key) for key in CONTACT_TEXT}
    for key in ("linkedin", "website"):
        url = texts[key]
        if url and not url.lower().startswith(("http://", "https://")):
            f.warn(f.line(key), f"`{key}` should be a web address starting with https://")
    return Contact(
        slug=slug,
        path=rel,
        name=name or slug,
        **texts,
        tags=f.tags(),
        keep_in_touch=f.cadence("keep_in_touch"),
        status=f.choice("status", STATUSES) or "active",
        private=f.privacy(),
        outreach=f.outreach(),
        extra=f.extra(CONTACT_KEYS),
        body=f.matter.body,
        body_line=f.matter.body_line,
        lines=dict(f.matter.key_lines),
    )


def _note(slug: str, rel: str, f: _Fields, bank: QuestionBank) -> Note | None:
    f.unknown_keys(NOTE_KEYS, CONTACT_KEYS)
    contacts = f.slugs("contact", required="every note needs the slug of the person you talked to")
    when = f.when("date", required="every note needs the date of the conversation")
    duration = f.integer("duration")
    note = Note(
        slug=slug,
        path=rel,
        contacts=contacts,
        date=when or date.min,
        format=f.text("format"),
        duration=duration,
        tags=f.tags(),
        thank_you=f.day("thank_you"),
        referrals=f.referrals(),
        follow_ups=f.follow_ups(),
        facts=f.facts(),
        sections=split_sections(f.matter.body, f.matter.body_line, bank),
        extra=f.extra(NOTE_KEYS),
        body=f.matter.body,
        body_line=f.matter.body_line,
        lines=dict(f.matter.key_lines),
    )
    return note if contacts and when is not None else None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of `key: value` lines"
    if isinstance(value, datetime | date):
        return "a date"
    if isinstance(value, int | float):
        return "a number"
    return "a piece of text"


@dataclass
class _Fields:
    """Typed access to one file's front matter; every accessor reports what it rejects."""

    rel: str
    matter: yamlsource.FrontMatter
    problems: list[Problem] = field(default_factory=list)
    named_contacts: tuple[str, ...] = ()

    # -- reporting --------------------------------------------------------------------------
    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.rel, line, ERROR, message))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.rel, line, WARNING, message))

    def line(self, key: str) -> int | None:
        return self.matter.key_lines.get(key)

    def _get(self, key: str, required: str | None = None) -> Any:
        value = self.matter.data.get(key, _NOTHING)
        if value is _NOTHING or value is None or (required and _blank(value)):
            if required and key not in self.matter.key_lines:
                self.error(1, f"missing `{key}`: {required}")
            elif required:
                self.error(self.line(key), f"`{key}` is empty: {required}")
            return _NOTHING
        return value

    # -- keys -------------------------------------------------------------------------------
    def unknown_keys(self, known: tuple[str, ...], other_kind: tuple[str, ...]) -> None:
        for key, line in self.matter.key_lines.items():
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if close:
                self.warn(line, f"unknown key `{key}`: did you mean `{close[0]}`?")
            elif key in other_kind and key not in known:
                self.warn(line, f"`{key}` does not belong in this kind of file; it is kept as is")

    def extra(self, known: tuple[str, ...]) -> dict[str, Any]:
        return {k: v for k, v in sorted(self.matter.data.items()) if k not in known}

    # -- scalars ----------------------------------------------------------------------------
    def text(self, key: str, required: str | None = None) -> str | None:
        value = self._get(key, required)
        if value is _NOTHING:
            return None
        return self._as_text(key, value, self.matter.nodes.get(key))

    def _as_text(self, key: str, value: Any, node: Node | None) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, list | dict):
            self.error(
                self._line(node, key),
                f"`{key}` should be one piece of text, not {_describe(value)}",
            )
            return None
        # Numbers, yes/no and dates read as text exactly as typed (a phone number, "No", 2026).
        return node.value if isinstance(node, ScalarNode) else str(value)

    def _line(self, node: Node | None, key: str) -> int | None:
        return self.matter.line_of(node) if node is not None else self.line(key)

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if value in choices:
            return value
        self.error(self.line(key), _not_one_of(key, value, choices))
        return None

    def privacy(self) -> bool:
        """`private`, failing closed (SPEC §8): only a clear false makes a contact public. A
        misspelt key (`Private:`, `privat:`) counts too; so does a value that cannot be read."""
        keys = [k for k in self.matter.key_lines if _is_private_key(k)]
        if not keys:
            return False
        private = False
        for key in keys:
            line = self.line(key)
            if any(k == key for _, k in self.matter.duplicate_keys):
                self.error(line, f"`{key}` is written twice; the contact is treated as private")
                private = True
                continue
            value = self.matter.data.get(key, _NOTHING)
            meaning = private_value(value)
            if meaning is None:
                shown = "nothing" if value in (None, _NOTHING) else f"“{value}”"
                self.error(
                    line,
                    f"`{key}` should be true or false, not {shown}; until it is, the contact "
                    "is treated as private",
                )
                private = True
            elif not isinstance(value, bool):
                self.warn(line, f"write `private: {str(meaning).lower()}` (no quotes, no number)")
            private = private or bool(meaning)
        return private

    def integer(self, key: str) -> int | None:
        value = self._get(key)
        if value is _NOTHING:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.error(self.line(key), f"`{key}` should be a whole number of minutes, like 30")
        return None

    def when(self, key: str, required: str | None = None) -> date | datetime | None:
        return self._when(key, self._get(key, required), self.matter.nodes.get(key))

    def _when(self, key: str, value: Any, node: Node | None) -> date | datetime | None:
        if value is _NOTHING or value is None:
            return None
        if isinstance(value, date):
            return value
        self._bad_date(key, value, node, self._line(node, key))
        return None

    def _bad_date(self, key: str, value: Any, node: Node | None, line: int | None) -> None:
        if isinstance(value, yamlsource.InvalidDate):
            line = self.matter.line_of_invalid(value)
            self.error(line, f"`{key}` is “{value}”, which is not a real date ({value.reason})")
            return
        shown = node.value if isinstance(node, ScalarNode) else value
        self.error(
            line, f"`{key}` should be a date written YYYY-MM-DD (like 2026-11-05), not “{shown}”"
        )

    def day(self, key: str) -> date | None:
        value = self.when(key)
        return value.date() if isinstance(value, datetime) else value

    def cadence(self, key: str) -> str | int | None:
        value = self._get(key)
        if value is _NOTHING:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_DAYS:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_DAYS:
            self.error(self.line(key), f"`{key}` is {value} days; it can be at most {MAX_DAYS}")
            return None
        if isinstance(value, str) and value in CADENCES:
            return value
        message = _not_one_of(key, str(value), CADENCES)
        self.error(self.line(key), message + ", or a number of days like 60")
        return None

    # -- lists and groups -------------------------------------------------------------------
    def _items(self, key: str) -> list[tuple[Any, Node | None]]:
        value = self._get(key)
        if value is _NOTHING:
            return []
        node = self.matter.nodes.get(key)
        if not isinstance(value, list):
            if isinstance(value, str | int):
                return [(value, node)]  # a single value where a list was expected: take it
            self.error(self.line(key), f"`{key}` should be a list (lines starting with `- `)")
            return []
        nodes = node.value if isinstance(node, SequenceNode) else [None] * len(value)
        return list(zip(value, nodes, strict=False))

    def tags(self) -> tuple[str, ...]:
        """`tags: libraries, bilingual` is two tags, as is the list form: a comma always
        separates tags (no tag needs one, and people write them both ways)."""
        tags: list[str] = []
        for value, node in self._items("tags"):
            text = self._as_text("tags", value, node)
            for tag in (text or "").split(","):
                if tag.strip() and tag.strip() not in tags:
                    tags.append(tag.strip())
        return tuple(tags)

    def slugs(self, key: str, required: str) -> tuple[str, ...]:
        if self._get(key, required) is _NOTHING:
            return ()
        found: list[str] = []
        reported = len(self.problems)
        for value, node in self._items(key):
            text = self._as_text(key, value, node)
            if text and text.strip():
                found.append(text.strip())
        if not found and len(self.problems) == reported:
            # `contact: [""]` names nobody: say so, or the note would silently disappear.
            self.error(self.line(key), f"`{key}` is empty: {required}")
        self.named_contacts = tuple(found)
        return self.named_contacts

    def facts(self) -> dict[str, Any]:
        value = self._get("facts")
        if value is _NOTHING:
            return {}
        if not isinstance(value, dict):
            self.error(
                self.line("facts"), "`facts` should be `key: value` lines, indented under it"
            )
            return {}
        facts: dict[str, Any] = {}
        for fact, fact_value in value.items():
            if isinstance(fact_value, list | dict):
                self.error(
                    self.line("facts"),
                    f"fact `{fact}` should be a single value, not {_describe(fact_value)}",
                )
            else:
                facts[str(fact)] = fact_value
        return dict(sorted(facts.items()))

    def _mappings(
        self, key: str, known: tuple[str, ...]
    ) -> list[tuple[dict[str, Any], int | None, Node | None]]:
        """List items that are `key: value` groups, with their line; other items are reported."""
        found = []
        for value, node in self._items(key):
            line = self._line(node, key)
            if isinstance(value, dict):
                for item_key in value:
                    if item_key not in known:
                        close = difflib.get_close_matches(str(item_key), known, n=1, cutoff=0.8)
                        hint = f": did you mean `{close[0]}`?" if close else ""
                        self.warn(line, f"unknown key `{item_key}` in `{key}`{hint}")
                found.append((value, line, node))
            else:
                found.append(({"": value}, line, node))
        return found

    def outreach(self) -> tuple[OutreachEvent, ...]:
        events: list[OutreachEvent] = []
        for item, line, node in self._mappings("outreach", EVENT_KEYS):
            event = self._event(item, line, node)
            if event is not None:
                events.append(event)
        return tuple(sorted(events, key=lambda e: (e.day, e.line or 0)))

    def _event(
        self, item: dict[str, Any], line: int | None, node: Node | None
    ) -> OutreachEvent | None:
        if "" in item:
            self.error(line, "each `outreach` entry needs `date:` and `event:` lines")
            return None
        when = self._item_when(item, "date", node, line)
        kind = item.get("event")
        if when is None and item.get("date") is None:
            self.error(line, "this `outreach` entry has no `date`")
        if kind is None:
            self.error(
                line, f"this `outreach` entry has no `event`; use one of: {', '.join(EVENT_KINDS)}"
            )
            return None
        if str(kind) not in EVENT_KINDS:
            self.error(
                self._item_line(node, "event", line), _not_one_of("event", str(kind), EVENT_KINDS)
            )
            return None
        meeting = self._item_when(item, "meeting", node, line)
        if when is None:
            return None
        return OutreachEvent(
            date=when,
            event=str(kind),
            channel=_plain(item.get("channel")),
            meeting=meeting,
            note=_plain(item.get("note")),
            line=line,
        )

    def _item_line(self, node: Node | None, key: str, default: int | None) -> int | None:
        """The line of `key:` inside a list item, when the item came from a `key: value` group."""
        for key_node, _ in getattr(node, "value", ()) if node is not None else ():
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return self.matter.line_of(key_node)
        return default

    def _item_value_node(self, node: Node | None, key: str) -> Node | None:
        for key_node, value_node in getattr(node, "value", ()) if node is not None else ():
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node if isinstance(value_node, Node) else None
        return None

    def _item_when(
        self, item: dict[str, Any], key: str, node: Node | None, line: int | None
    ) -> date | datetime | None:
        if item.get(key) is None:
            return None
        value = item[key]
        if isinstance(value, date):
            return value
        self._bad_date(
            key, value, self._item_value_node(node, key), self._item_line(node, key, line)
        )
        return None

    def referrals(self) -> tuple[Referral, ...]:
        found: list[Referral] = []
        for item, line, _node in self._mappings("referrals", REFERRAL_KEYS):
            if "" in item:
                text = _plain(item[""])
                if text:
                    slug = text.strip() if looks_like_slug(text.strip()) else None
                    found.append(
                        Referral(slug=slug, name=None if slug else text.strip(), line=line)
                    )
                continue
            name = _plain(item.get("name"))
            if not name:
                self.error(line, "each referral written as `key: value` lines needs a `name`")
                continue
            found.append(
                Referral(
                    name=name,
                    company=_plain(item.get("company")),
                    note=_plain(item.get("note")),
                    line=line,
                )
            )
        return tuple(found)

    def follow_ups(self) -> tuple[FollowUpItem, ...]:
        found: list[FollowUpItem] = []
        for item, line, node in self._mappings("follow_ups", FOLLOW_UP_KEYS):
            if "" in item:
                task = _plain(item[""])
                if task:
                    found.append(FollowUpItem(task=task, line=line))
                continue
            task = _plain(item.get("task"))
            if not task:
                self.error(line, "each follow-up needs a `task` saying what to do")
                continue
            due = self._item_when(item, "due", node, line)
            done, done_on = self._done(item.get("done"), self._item_line(node, "done", line))
            due_day = due.date() if isinstance(due, datetime) else due
            found.append(
                FollowUpItem(task=task, due=due_day, done=done, done_on=done_on, line=line)
            )
        return tuple(found)

    def _done(self, value: Any, line: int | None) -> tuple[bool, date | None]:
        if value is None:
            return False, None
        if isinstance(value, bool):
            return value, None
        if isinstance(value, date):
            return True, value.date() if isinstance(value, datetime) else value
        self.error(line, f"`done` should be true, false or the date it was done, not “{value}”")
        return False, None


# `private` written as a word or a number: these are clear; anything else means private.
_PRIVATE_WORDS = {"true": True, "yes": True, "on": True, "y": True, "1": True}
_PRIVATE_WORDS |= {"false": False, "no": False, "off": False, "n": False, "0": False}


def private_value(value: Any) -> bool | None:
    """What a `private` value means: True, False, or None when it is not clearly either."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str):
        return _PRIVATE_WORDS.get(str(value).strip().lower())
    return None


@functools.lru_cache(maxsize=1024)
def _is_private_key(key: str) -> bool:
    """`private` and the ways people mistype it (`Private`, `PRIVATE `, `privat`)."""
    folded = key.strip().lower()
    return folded == "private" or difflib.SequenceMatcher(None, folded, "private").ratio() >= 0.8


def _blank(value: Any) -> bool:
    """`name: ""` or `contact: []` is as good as missing for a required key."""
    return (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def _plain(value: Any) -> str | None:
    if value is None or isinstance(value, list | dict):
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _not_one_of(key: str, value: str, choices: tuple[str, ...]) -> str:
    message = (
        f"`{key}` is “{value}”, which coffeechat does not know; use one of: {', '.join(choices)}"
    )
    meant = _SYNONYMS.get(value.strip().lower())
    close = (
        [meant] if meant in choices else difflib.get_close_matches(value, choices, n=1, cutoff=0.75)
    )
    return f"{message} (did you mean “{close[0]}”?)" if close else message


# Words people reach for instead of the ones coffeechat knows; spelling similarity would mislead
# (“archived” looks more like “active” than like “closed”).
_SYNONYMS = {
    "archived": "closed",
    "done": "closed",
    "finished": "closed",
    "inactive": "paused",
    "on hold": "paused",
    "on-hold": "paused",
    "rejected": "declined",
    "replied": "reply",
    "responded": "reply",
    "emailed": "sent",
    "request": "sent",
    "thanks": "thank-you",
    "thank you": "thank-you",
    "meeting": "scheduled",
}
