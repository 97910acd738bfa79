"""Headings that almost match a question (of the bank, or a key other notes share) but got a key
of their own, so their answers would never be compared: the reader reports them as warnings."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from coffeechat.model import WARNING, Note, Problem, Section
from coffeechat.questions import QuestionBank, normalise

NEAR_MISS_CUTOFF = 0.85  # difflib ratio of the normalised texts; 1.0 is the same text
NEAR_MISS_SHORTEST = 6  # shorter headings ("Pay", "Hours") are too short to judge
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class _Target:
    key: str
    shown: str  # the question's text, or the other note's heading
    path: str | None  # None for a bank question


def near_misses(notes: Iterable[Note], bank: QuestionBank) -> list[Problem]:
    """Warnings for headings that are almost a bank question, or almost an established key of
    other notes (an explicit id, or a key two notes share), but got a key of their own: their
    answers would not be compared. Near-linear: each distinct heading is compared once, only
    with the bank and the established keys, and only with texts of a length that could match."""
    notes = list(notes)
    bank_ids = {q.id for q in bank.questions}
    paths: dict[str, set[str]] = {}  # key → notes using it (at most two kept)
    explicit: set[str] = set()
    written: dict[str, dict[str, _Target]] = {}  # key → normalised heading → first target
    for note in notes:
        for section in note.sections:
            if not section.key or section.key in bank_ids:
                continue
            used = paths.setdefault(section.key, set())
            if len(used) < 2:
                used.add(note.path)
            if section.explicit:
                explicit.add(section.key)
            written.setdefault(section.key, {}).setdefault(
                normalise(section.heading), _Target(section.key, section.heading, note.path)
            )
    targets = _Targets()
    for question in bank.questions:
        target = _Target(question.id, question.text, None)
        for text in (question.text, *question.aliases, question.id):
            targets.add(normalise(text), target)
    for key, headings in written.items():
        established = len(paths[key]) >= 2 or key in explicit
        first = next(iter(headings.values()))
        for text, target in [(normalise(key), first), *headings.items()]:
            if established:
                targets.add(text, target)
            else:
                targets.add_by_words(text, target)
    problems: list[Problem] = []
    memo: dict[tuple[str, str], list[tuple[float, str, _Target]]] = {}
    for note in notes:
        for section in note.sections:
            candidate = _candidate(section, bank, bank_ids)
            if candidate is None:
                continue
            close = memo.get((candidate, section.key))
            if close is None:
                close = memo[(candidate, section.key)] = targets.close(candidate, section.key)
            for _, _, target in close:
                elsewhere = target.path is None or paths.get(target.key, set()) - {note.path}
                if elsewhere:
                    problems.append(_near_miss(note, section, target))
                    break
    return problems


class _Targets:
    """Texts a heading may almost be. The bank's and the established keys' are compared with
    every heading of a length that could match (a ratio of 0.85 needs lengths within 74-135 %);
    the headings of one note only, of which there can be thousands, only with the headings that
    share one of their less common words with them."""

    RARE = 64  # a word in more one-note headings than this finds no candidates

    def __init__(self) -> None:
        self.by_length: dict[int, dict[str, dict[str, _Target]]] = {}
        self.by_word: dict[str, dict[str, dict[str, _Target]]] = {}

    def add(self, text: str, target: _Target) -> None:
        if text:
            found = self.by_length.setdefault(len(text), {}).setdefault(text, {})
            found.setdefault(target.key, target)

    def add_by_words(self, text: str, target: _Target) -> None:
        for word in set(text.split("-")):
            if len(word) >= 3:
                found = self.by_word.setdefault(word, {}).setdefault(text, {})
                found.setdefault(target.key, target)

    def _others(self, text: str, shortest: int, longest: int) -> dict[str, dict[str, _Target]]:
        found: dict[str, dict[str, _Target]] = {}
        for length in range(shortest, longest + 1):
            found.update(self.by_length.get(length, {}))
        for word in set(text.split("-")):
            texts = self.by_word.get(word, {})
            if len(texts) <= self.RARE:
                for other, by_key in texts.items():
                    if shortest <= len(other) <= longest:
                        found.setdefault(other, {}).update(by_key)
        return found

    def close(self, text: str, own_key: str) -> list[tuple[float, str, _Target]]:
        cutoff = NEAR_MISS_CUTOFF
        shortest = math.ceil(len(text) * cutoff / (2 - cutoff))
        longest = math.floor(len(text) * (2 - cutoff) / cutoff)
        matcher = difflib.SequenceMatcher(b=text, autojunk=False)
        series = _DIGITS.sub("#", text)
        found: list[tuple[float, str, _Target]] = []
        for other, by_key in self._others(text, shortest, longest).items():
            if own_key in by_key and len(by_key) == 1:
                continue
            matcher.set_seq1(other)
            if matcher.quick_ratio() < cutoff:
                continue
            ratio = matcher.ratio()
            if ratio < cutoff or (other != text and _DIGITS.sub("#", other) == series):
                continue  # not close; or "week-1" and "week-2", a numbered series
            for key, target in by_key.items():
                if key != own_key:
                    found.append((ratio, key, target))
        found.sort(key=lambda item: (-item[0], item[2].path is not None, item[1]))
        return found


def _candidate(section: Section, bank: QuestionBank, bank_ids: set[str]) -> str | None:
    """The text to compare, for a heading whose key is its own (not a bank question's)."""
    if not section.key or section.key in bank_ids:
        return None
    text = normalise(section.key) if section.explicit else normalise(section.heading)
    if not section.explicit and bank.match(section.heading) is not None:
        return None
    return text if len(text) >= NEAR_MISS_SHORTEST else None


def _near_miss(note: Note, section: Section, target: _Target) -> Problem:
    where = "the question" if target.path is None else "the heading"
    shown = f"{where} “{target.shown}”" + (f" in {target.path}" if target.path else "")
    if section.explicit:
        message = (
            f"the id `{{#{section.key}}}` is almost the key `{target.key}` of {shown}, so its "
            f"answers are not compared: to link it, write `{{#{target.key}}}` instead"
        )
    elif target.path and normalise(section.heading) == normalise(target.shown):
        message = (
            f"the heading “{section.heading}” is the one in {target.path}, which has the id "
            f"`{{#{target.key}}}`; add `{{#{target.key}}}` here too, or the answers are not compared"
        )
    else:
        how = f"add `{{#{target.key}}}` to the heading"
        if target.path is None:
            how += " or use the question's text"
        message = (
            f"the heading “{section.heading}” is almost {shown} but gets its own key "
            f"`{section.key}`, so its answers are not compared: to link it, {how} "
            "(a different question? give it an id of its own)"
        )
    return Problem(note.path, section.line, WARNING, message)
