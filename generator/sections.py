"""Split a note's Markdown body into sections at its level-2 headings and give each its key."""

from __future__ import annotations

import re

from .model import Section
from .questions import DEFAULT_BANK, QuestionBank, normalise

_HEADING = re.compile(r"^##[ \t]+(?P<text>.+?)[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
# `{#id}` as attr_list writes it, possibly with classes or other attributes beside the id.
_ATTRS = re.compile(r"[ \t]*\{[^{}]*?#(?P<id>[A-Za-z0-9_-]+)[^{}]*\}$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")


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
    return question.id if question else normalise(heading)


def split_sections(
    body: str, first_line: int, bank: QuestionBank = DEFAULT_BANK
) -> tuple[Section, ...]:
    """Sections in file order; text before the first `##` heading belongs to no section."""
    sections: list[Section] = []
    current: tuple[str, str | None, int] | None = None
    lines: list[str] = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        fence_mark = _FENCE.match(line)
        if fence_mark:
            fence = None if fence == fence_mark.group(1) else fence or fence_mark.group(1)
        heading = None if fence else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        if current is not None:
            sections.append(_section(current, lines, bank))
        text, explicit = heading_parts(heading.group("text"))
        current, lines = (text, explicit, first_line + offset), []
    if current is not None:
        sections.append(_section(current, lines, bank))
    return tuple(sections)


def _section(current: tuple[str, str | None, int], lines: list[str], bank: QuestionBank) -> Section:
    heading, explicit, line = current
    return Section(
        key=section_key(heading, explicit, bank),
        heading=heading,
        text="\n".join(lines).strip("\n"),
        line=line,
        explicit=explicit is not None,
    )
