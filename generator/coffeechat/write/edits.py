"""Changes to the user's journal: the only ones coffeechat makes (`init`, `new`, `log`)."""

from __future__ import annotations

import codecs
import errno
import json
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from coffeechat.fields import EVENT_KINDS
from coffeechat.model import ERROR, Contact, JournalError, OutreachEvent, Problem
from coffeechat.read import yamlsource
from coffeechat.read.journal import journal_files, read_contact
from coffeechat.slugs import slug_for_name, slugify
from coffeechat.textsafe import clean_name
from coffeechat.write import editor_files as editors
from coffeechat.write import templates, writer


def init_journal(folder: Path, title: str = "My career conversations") -> list[Path]:
    """Create an empty journal; a folder that already holds anything is left alone."""
    if folder.exists() and not folder.is_dir():
        raise JournalError("exists and is not a folder", str(folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise JournalError(
            "is not empty; coffeechat init only creates a journal in a new or empty folder",
            str(folder),
        )
    # The editor files (Front Matter CMS, Obsidian, the JSON Schemas) come with every new journal.
    files = templates.journal_files(title) | editors.rendered()
    return writer.create_tree(folder, files)


def new_contact(
    root: Path,
    name: str,
    details: Mapping[str, str | None],
    slug: str | None = None,
    extra: Mapping[str, str | date] | None = None,
) -> Path:
    """Create contacts/<slug>.md for a person; the slug comes from the name unless given."""
    name = clean_name(name)
    slug = slugify(slug or name)
    if not name or not slug:
        raise JournalError(
            f"cannot make a file name from “{name}”; give one with --slug, e.g. --slug wang-wei"
        )
    target = root / "contacts" / f"{slug}.md"
    text = templates.contact_file(name, details, extra)
    try:
        return writer.create(target, text, f"contacts/{slug}.md")
    except writer.FileSystemError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
        raise writer.FileSystemError(
            f"{writer.reason_of(exc)}; give a shorter file name with --slug, e.g. "
            f"--slug {_short_slug(slug)}",
            exc.file,
            exc.errno,
        ) from None


def _short_slug(slug: str) -> str:
    """The slug's first words, for a hint."""
    return "-".join(slug.split("-")[:3])[:40].strip("-") or "short-name"


def new_note(root: Path, contacts: list[str], when: date) -> Path:
    """Create notes/<date>-<slug>.md for a conversation with existing contacts."""
    known = {path.stem: path for path in journal_files(root, "contacts")}
    names = []
    for slug in contacts:
        if slug not in known:
            raise _no_contact(slug, known)
        contact, _ = read_contact(known[slug], f"contacts/{slug}.md")
        names.append(contact.name if contact else slug)
    text = templates.note_file(contacts, when, names)
    name = f"{when.isoformat()}-{'-'.join(contacts)}.md"
    try:
        return writer.create(root / "notes" / name, text, f"notes/{name}")
    except writer.FileSystemError as exc:
        if exc.errno != errno.ENAMETOOLONG or len(contacts) < 2:
            raise
    # A group with long names: the file name is only a suggestion, the contacts are in the note.
    name = f"{when.isoformat()}-{contacts[0]}-and-{len(contacts) - 1}-more.md"
    return writer.create(root / "notes" / name, text, f"notes/{name}")


# -- log: one more outreach event, the rest of the file byte for byte -------------------------

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NULL = "tag:yaml.org,2002:null"
# Characters YAML does not allow as they are (or reads as line breaks) inside a quoted string.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,'()/&+_-]*")


def log_event(
    root: Path,
    slug: str,
    event: str,
    when: date | datetime,
    channel: str | None = None,
    meeting: date | datetime | None = None,
    note: str | None = None,
) -> Path:
    """Append an outreach event to contacts/<slug>.md. Only the new lines are added (or the one
    line `outreach: []` becomes `outreach:`); comments, key order, quoting, the body, a BOM and
    the file's line endings stay as they were. The file is checked before and after, and replaced
    in one step; on any doubt nothing is written."""
    if event not in EVENT_KINDS:
        raise JournalError(
            f"“{event}” is not an outreach event; use one of: {', '.join(EVENT_KINDS)}"
        )
    if meeting is not None and event != "scheduled":
        raise JournalError("a meeting date goes with the event `scheduled` only")
    channel, note = _given(channel), _given(note)
    path, rel = _contact_path(root, slug)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise writer.os_error(exc, rel, "read the file") from None
    before = _readable(path, rel)
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    fields: list[tuple[str, object]] = [("date", when), ("event", event)]
    fields += [(k, v) for k, v in (("channel", channel), ("meeting", meeting), ("note", note)) if v]
    new_text = _append_event(text, fields, rel)
    try:
        data = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")
    except UnicodeEncodeError:
        raise JournalError("the note or channel holds characters that are not text", rel) from None
    expected = OutreachEvent(when, event, channel, meeting, note)

    def check(written: Path) -> None:
        after = _readable(written, rel, "coffeechat could not add the event safely")
        added = Counter(map(_event_value, after.outreach))
        added.subtract(map(_event_value, before.outreach))  # a lost event would count -1
        if added != Counter([_event_value(expected)]):
            raise JournalError(
                "coffeechat could not add the event safely (the file is written in a way it does "
                "not expect); nothing was changed: add it by hand",
                rel,
            )

    # `expected`: an editor's save since `raw` was read is kept, and this command refused.
    return writer.replace(path, data, check, expected=raw, shown=rel)


def _given(text: str | None) -> str | None:
    return text if text and text.strip() else None


def _contact_path(root: Path, slug: str) -> tuple[Path, str]:
    problems: list[Problem] = []
    known = {path.stem: path for path in journal_files(root, "contacts", problems)}
    for problem in problems:  # two files with this slug: which one is meant is not for us to guess
        if problem.severity == ERROR and Path(problem.file).stem == slug:
            message = problem.message.removesuffix("; skipped")
            raise JournalError(f"{message}; nothing was written", problem.file)
    if slug not in known:
        raise _no_contact(slug, known)
    path = known[slug]
    return path, path.relative_to(root).as_posix()


def _no_contact(slug: str, known: Mapping[str, Path]) -> JournalError:
    """No contacts/<slug>.md: suggest the slug of the person meant (a full name, a first name or
    a typo), reading the contacts' names only now that they are needed."""
    names = {}
    for other, path in sorted(known.items()):
        contact, _ = read_contact(path, f"contacts/{other}.md")
        names[other] = contact.name if contact else other
    close = slug_for_name(slug, names)
    hint = f"; did you mean “{close}”?" if close else " (see `coffeechat new contact --help`)"
    return JournalError(f"there is no contact “{slug}” in contacts/{hint}", f"contacts/{slug}.md")


def _readable(path: Path, rel: str, failure: str | None = None) -> Contact:
    contact, problems = read_contact(path, rel)
    errors = [p for p in problems if p.severity == ERROR]
    if contact is not None and not errors:
        return contact
    if failure:
        raise JournalError(f"{failure}; nothing was changed: add it by hand", rel)
    first = errors[0] if errors else None
    where = f"line {first.line}: " if first and first.line else ""
    reason = f" ({where}{first.message})" if first else ""
    raise JournalError(
        f"has a problem to fix first{reason}; run `coffeechat check`, then log again", rel
    )


def _event_value(event: OutreachEvent) -> tuple[object, ...]:
    return (event.date, event.event, event.channel, event.meeting, event.note)


def _append_event(text: str, fields: list[tuple[str, object]], rel: str) -> str:
    """The text with one more `outreach` item; every other byte of it unchanged."""
    lines = _LINES.findall(text)
    normal = text.replace("\r\n", "\n").replace("\r", "\n")  # what the reader parses
    try:
        yaml_text, _, _ = yamlsource.split(normal)
        matter = yamlsource.load(normal)
    except yamlsource.FrontMatterError as exc:
        raise JournalError(exc.message, rel, exc.line) from None
    top = 1  # the file line (from 0) where the front matter's YAML starts
    node = matter.nodes.get("outreach")
    if "outreach" not in matter.key_lines:
        closing = top + yaml_text.count("\n")
        eol = _ending(lines[closing - 1])
        lines[closing:closing] = [f"outreach:{eol}", *_block_item(fields, 2, 4, eol)]
    elif isinstance(node, SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        end = _content_end(last)
        while end > 0 and yaml_text[end - 1] in " \t\n":
            end -= 1
        anchor = top + yaml_text.count("\n", 0, end - 1)
        dash, column = _dash(lines[top + last.start_mark.line], last.start_mark.column, node)
        eol = _ending(lines[anchor])
        lines[anchor + 1 : anchor + 1] = _block_item(fields, dash, column, eol)
    elif isinstance(node, SequenceNode) and node.value:
        end = _content_end(node.value[-1])
        row = top + yaml_text.count("\n", 0, end)
        column = end - (yaml_text.rfind("\n", 0, end) + 1)
        item = ", ".join(f"{key}: {_scalar(value, flow=True)}" for key, value in fields)
        lines[row] = f"{lines[row][:column]}, {{{item}}}{lines[row][column:]}"
    elif (
        node is not None
        and (isinstance(node, SequenceNode) or node.tag == _NULL)
        and _one_line(node)
    ):
        row = top + node.start_mark.line
        line, eol = lines[row][: len(lines[row]) - len(_ending(lines[row]))], _ending(lines[row])
        kept = line[: node.start_mark.column].rstrip() + line[node.end_mark.column :]
        key_column = len(line) - len(line.lstrip(" "))
        eol = eol or "\n"
        lines[row : row + 1] = [
            kept + eol,
            *_block_item(fields, key_column + 2, key_column + 4, eol),
        ]
    else:
        raise JournalError(
            "`outreach` is written in a way coffeechat cannot add to; add the event by hand",
            rel,
            matter.key_lines.get("outreach"),
        )
    return "".join(lines)


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _one_line(node: Node) -> bool:
    return node.start_mark.line == node.end_mark.line


def _content_end(node: Node) -> int:
    """Where a node's own text ends (block collections' marks run on to the next key)."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    if isinstance(node, SequenceNode):
        children = list(node.value)
    else:
        children = [part for pair in node.value for part in pair]
    return max((_content_end(child) for child in children), default=node.end_mark.index)


def _dash(line: str, column: int, sequence: Node) -> tuple[int, int]:
    """The column of the item's `-` and of its first key, copied from the last item."""
    dash = line.rfind("-", 0, column)
    if dash >= 0 and not line[dash + 1 : column].strip():
        return dash, column
    return sequence.start_mark.column, sequence.start_mark.column + 2


def _block_item(fields: list[tuple[str, object]], dash: int, column: int, eol: str) -> list[str]:
    first = " " * dash + "-" + " " * (column - dash - 1)
    return [
        f"{first if i == 0 else ' ' * column}{key}: {_scalar(value)}{eol}"
        for i, (key, value) in enumerate(fields)
    ]


def _scalar(value: object, flow: bool = False) -> str:
    """A YAML value that reads back as exactly this: dates as they are, words plain, the rest
    quoted (JSON's double-quoted strings are YAML's too)."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and not (flow and "," in text)
        and not text.endswith(" ")
        and yaml.safe_load(f"k: {text}") == {"k": text}
    ):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
