"""Split a note's Markdown body into sections at its level-2 headings and give each its key."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from coffeechat.model import Section
from coffeechat.questions import DEFAULT_BANK, QuestionBank, normalise
from coffeechat.slugs import slugify

# Markdown allows up to three spaces before a heading's `#`; four make it an indented code block.
_HEADING = re.compile(r"^[ ]{0,3}##[ \t]+(?P<text>.+?)[ \t]*$")
# A fenced code block's opening or closing line: the one fence rule (sections, answers printed by
# `answers`, the first sentence a letter quotes). Four spaces in front make it indented code instead.
FENCE = r"[ \t]{0,3}(?P<fence>```|~~~)"
_FENCE_LINE = re.compile("^" + FENCE)
# `{#id}` as attr_list writes it, possibly with classes or other attributes beside the id.
_ATTRS = re.compile(r"[ \t]*\{[^{}]*?#(?P<id>[A-Za-z0-9_-]+)[^{}]*\}$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
# Starting with a literal newline lets the regex engine jump from line to line (the body is
# scanned with a newline in front), instead of trying a match at every character.
_MARKS = re.compile(r"\n(?:[ ]{0,3}##[ \t]+(?P<text>[^\n]+?)[ \t]*(?=\n|$)|" + FENCE + r"[^\n]*)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def is_blank(text: str) -> bool:
    """Nothing the user wrote: only blank lines and HTML comments (where a template's guidance
    lives). The one rule for an unanswered question, on note pages, in /compare/ and in `check`."""
    return not _COMMENT.sub("", text).strip()


def _after_fence(open_fence: str | None, mark: str) -> str | None:
    """The open fence after a fence line: it closes an open fence of its own kind, opens one when
    none is open, and is plain text inside a fence of the other kind."""
    return None if open_fence == mark else open_fence or mark


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line, and whether it belongs to a fenced code block (its fence lines included)."""
    fence: str | None = None
    for line in lines:
        mark = _FENCE_LINE.match(line)
        inside = fence is not None or mark is not None
        if mark is not None:
            fence = _after_fence(fence, mark.group("fence"))
        yield line, inside


def heading_parts(raw: str) -> tuple[str, str | None]:
    """The visible heading text and its explicit `{#id}`, if any."""
    text = _CLOSING_HASHES.sub("", raw.strip())
    attrs = _ATTRS.search(text)
    if attrs is None:
        return text.strip(), None
    return text[: attrs.start()].strip(), attrs.group("id")


def section_key(heading: str, explicit_id: str | None, bank: QuestionBank = DEFAULT_BANK) -> str:
    if explicit_id:
        return explicit_id
    question = bank.match(heading)
    if question:
        return question.id
    # A heading of emoji only has no letters to keep: its transliteration (🎉 → tada) is the key.
    return normalise(heading) or slugify(heading)


def split_sections(
    body: str, first_line: int, bank: QuestionBank = DEFAULT_BANK
) -> tuple[Section, ...]:
    """Sections in file order; text before the first `##` heading belongs to no section.

    Only heading and fence lines are visited (one regex scan), so long answers cost nothing."""
    sections: list[Section] = []
    current: tuple[str, str, bool, int, int] | None = None  # heading, key, explicit, line, start
    body = "\n" + body  # so a heading on the first line matches too; offsets shift by one
    line, counted_to = first_line - 1, 0
    for mark in _headings(body):
        line += body.count("\n", counted_to, mark.start() + 1)
        counted_to = mark.start() + 1
        if current is not None:
            sections.append(_section(current, body[current[4] : mark.start()]))
        current = (*_resolve(mark.group("text"), bank), line, mark.end())
    if current is not None:
        sections.append(_section(current, body[current[4] :]))
    return tuple(sections)


def _headings(body: str) -> Iterator[re.Match[str]]:
    """Each `##` heading line of body (which starts with a newline) outside fenced code."""
    fence: str | None = None
    for mark in _MARKS.finditer(body):
        if mark.group("fence"):
            fence = _after_fence(fence, mark.group("fence"))
        elif not fence:
            yield mark


def answered_only(body: str) -> str:
    """The body without its unanswered questions: a `##` heading with nothing under it but blank
    lines or comments is a template question the user did not get to, and on a page it reads as
    an empty heading. Text before the first heading is kept as written."""
    text = "\n" + body
    marks = list(_headings(text))
    if not marks:
        return body
    kept = [text[: marks[0].start()]]
    ends = [mark.start() for mark in marks[1:]] + [len(text)]
    kept += [
        text[m.start() : end]
        for m, end in zip(marks, ends, strict=True)
        if not is_blank(text[m.end() : end])
    ]
    return "".join(kept)[1:]


def _resolve(raw: str, bank: QuestionBank) -> tuple[str, str, bool]:
    """(heading text, key, explicit?) for a heading as written, remembered per bank."""
    known = bank.headings.get(raw)
    if known is None:
        text, explicit = heading_parts(raw)
        known = bank.headings[raw] = (text, section_key(text, explicit, bank), explicit is not None)
    return known


def _section(current: tuple[str, str, bool, int, int], text: str) -> Section:
    heading, key, explicit, line, _ = current
    return Section(key=key, heading=heading, text=text.strip("\n"), line=line, explicit=explicit)
