"""Cross-interview comparison (derive stage): what different people said about the same question.

From the journal and the question bank, in one pass over the notes: the answers per section key,
the facts matrix with a summary per fact, the reflection prompts across notes, and a prep sheet for
every upcoming meeting. Also the near-miss check: a heading that is *almost* a bank question or a
key used in another note. Pure functions of their arguments; nothing here knows about HTML."""

from __future__ import annotations

import difflib
import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from coffeechat.derive.derived import Meeting
from coffeechat.derive.referrals import Referrals, Referred, referrals_of
from coffeechat.model import Contact, Journal, Note, OutreachEvent, Section
from coffeechat.questions import TOPICS, Question, QuestionBank, normalise
from coffeechat.read.sections import is_blank

OTHER = "other"
TOPIC_TITLES = {**dict(TOPICS), OTHER: "Your own questions"}
REFLECTION = "reflection"
PREP_ANSWERS = 3  # per question on a prep sheet: it has to print on one or two pages


# -- answers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """Who gave an answer: a contact, or a slug without a file (still shown)."""

    slug: str
    name: str
    company: str | None = None
    role: str | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Who:
    """A note and the people, fields and companies it speaks for (shared by its sections)."""

    note: Note
    people: tuple[Person, ...]
    fields: tuple[str, ...]  # distinct, as first written
    companies: tuple[str, ...]
    field_keys: frozenset[str]  # normalised, for grouping and filtering
    company_keys: frozenset[str]

    @classmethod
    def of(cls, note: Note, people: tuple[Person, ...]) -> Who:
        fields = tuple(dict.fromkeys(p.field for p in people if p.field))
        companies = tuple(dict.fromkeys(p.company for p in people if p.company))
        return cls(
            note,
            people,
            fields,
            companies,
            frozenset(filter(None, map(normalise, fields))),
            frozenset(filter(None, map(normalise, companies))),
        )


@dataclass(frozen=True, slots=True)
class Answer:
    who: Who
    section: Section

    @property
    def note(self) -> Note:
        return self.who.note

    def as_dict(self) -> dict[str, Any]:
        """The `coffeechat compare --format json` shape."""
        return {
            "note": self.note.slug,
            "contacts": list(self.note.contacts),
            "date": self.note.day.isoformat(),
            "field": ", ".join(self.who.fields) or None,
            "company": ", ".join(self.who.companies) or None,
            "heading": self.section.heading,
            "answer": self.section.text.strip("\n"),
        }


@dataclass(frozen=True, slots=True)
class KeyAnswers:
    """Every non-empty section with one key, oldest note first."""

    key: str
    title: str
    topic: str
    question: Question | None
    answers: tuple[Answer, ...]

    @property
    def notes(self) -> int:
        return len({a.note.slug for a in self.answers})

    @property
    def people(self) -> int:
        return len({p.slug for a in self.answers for p in a.who.people})

    def in_field(self, field: str) -> tuple[Answer, ...]:
        wanted = normalise(field)
        return tuple(a for a in self.answers if any(_same(wanted, f) for f in a.who.field_keys))


def _same(wanted: str, field_key: str) -> bool:
    """`--field librar` or `--field Librarianship` both find the field "Librarianship"."""
    return bool(wanted) and (field_key == wanted or field_key.startswith(wanted))


# -- facts ------------------------------------------------------------------------------------


def fact_text(value: Any) -> str:
    """A fact as the user means it: YAML reads a bare yes/no as a boolean, show it as yes/no.
    Numbers of five digits or more are grouped by thousands with commas (52,000), the same for
    every reader; four digits stay as written, as a year (2019) would be."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if _is_number(value) and math.isfinite(value):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def fact_label(key: str) -> str:
    """A fact's key as words: `would_choose_again` → "Would choose again". Only the first
    letter is raised, so `hours_per_week_US` keeps its capitals."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else key


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class FactSummary:
    key: str
    n: int  # notes with a value
    counts: tuple[tuple[str, int], ...]  # text values (and yes/no), most common first
    numbers: tuple[float, ...] = ()  # numeric values, sorted
    by_field: tuple[tuple[str, FactSummary], ...] = ()  # when notes of 2+ fields have it

    @property
    def values(self) -> int:
        """How many different values were given."""
        return len(self.counts) + len(set(self.numbers))

    @property
    def disagree(self) -> bool:
        return self.values > 1

    @property
    def mode(self) -> str | None:
        """The most common text value, when one value is more common than every other."""
        if self.numbers or not self.counts:
            return None
        if len(self.counts) > 1 and self.counts[0][1] == self.counts[1][1]:
            return None
        return self.counts[0][0]

    def text(self) -> str:
        parts = []
        if self.numbers:
            low, mid, high = self.numbers[0], statistics.median(self.numbers), self.numbers[-1]
            parts.append(
                f"min {fact_text(low)} · median {fact_text(mid)} · max {fact_text(high)} "
                f"(n={len(self.numbers)})"
            )
        parts += [f"{value}: {count}" for value, count in self.counts]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class FactsMatrix:
    keys: tuple[str, ...]
    rows: tuple[tuple[Who, Mapping[str, Any]], ...]  # one per note with facts, oldest first
    summaries: Mapping[str, FactSummary]


def facts_matrix(rows: list[tuple[Who, Mapping[str, Any]]]) -> FactsMatrix:
    """One pass over the notes' facts: per key, and per key and field (a note counts for the
    first field of its people, as on the comparison pages)."""
    values: dict[str, dict[str, list[Any]]] = {}  # key → field → values
    names: dict[str, str] = {}
    for who, facts in rows:
        field = normalise(who.fields[0]) if who.fields else ""
        names.setdefault(field, who.fields[0] if who.fields else "")
        for key, value in facts.items():
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            values.setdefault(key, {}).setdefault(field, []).append(value)
    summaries = {}
    for key, by_field in sorted(values.items()):
        total = _summary(key, [v for found in by_field.values() for v in found])
        if len(by_field) > 1:
            fields = sorted(by_field, key=lambda f: (f == "", names[f].lower()))
            per_field = tuple((names[f], _summary(key, by_field[f])) for f in fields)
            total = replace(total, by_field=per_field)
        summaries[key] = total
    return FactsMatrix(tuple(summaries), tuple(rows), summaries)


def _summary(key: str, values: list[Any]) -> FactSummary:
    numbers = sorted(v for v in values if _is_number(v))
    counts: dict[str, int] = {}
    for value in values:
        if not _is_number(value):
            text = fact_text(value).strip()
            counts[text] = counts.get(text, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    return FactSummary(key, len(values), tuple(ordered), tuple(numbers))


# -- reflections and prep sheets --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reflection:
    question: Question
    answers: tuple[Answer, ...]  # newest first


@dataclass(frozen=True, slots=True)
class Said:
    """What others in the same field or company said about one key: the newest few answers."""

    key: str
    title: str
    answers: tuple[Answer, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Prep:
    contact: Contact
    meetings: tuple[Meeting, ...]  # upcoming, soonest first
    event: OutreachEvent | None  # the `scheduled` event of the first meeting (for its note)
    referred_by: tuple[Referred, ...]  # their `referred_by`, and whoever named them in a note
    earlier: tuple[Note, ...]  # conversations you already had with them
    unanswered: tuple[Question, ...]  # bank questions nobody in their field has answered
    said: tuple[Said, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    bank: QuestionBank
    keys: Mapping[str, KeyAnswers]  # every key with an answer, sorted
    facts: FactsMatrix
    reflections: tuple[Reflection, ...]
    preps: tuple[Prep, ...]
    single: int  # keys of one note only that are not bank questions

    @property
    def prep_slugs(self) -> frozenset[str]:
        return frozenset(p.contact.slug for p in self.preps)

    def answered(self, key: str) -> KeyAnswers | None:
        return self.keys.get(key)

    def shared(self) -> tuple[KeyAnswers, ...]:
        """Keys that appear in two or more notes."""
        return tuple(k for k in self.keys.values() if k.notes >= 2)

    def paged(self) -> tuple[KeyAnswers, ...]:
        """Keys that get a page of their own: shared ones and every bank question with an answer,
        except the reflection prompts (they are your own words: all five are on one page)."""
        return tuple(
            k
            for k in self.keys.values()
            if (k.notes >= 2 or k.question is not None) and k.topic != REFLECTION
        )

    def unasked(self) -> tuple[Question, ...]:
        """Bank questions nobody has been asked (reflection prompts are not asked of anyone)."""
        return tuple(
            q for q in self.bank.questions if q.topic != REFLECTION and q.id not in self.keys
        )

    def topic(self, key: str) -> str:
        found = self.keys.get(key)
        if found is not None:
            return found.topic
        question = _by_id(self.bank).get(key)
        return question.topic if question else OTHER

    def resolve(self, text: str) -> str | None:
        """The key that KEY on the command line means: a key, a bank id, text or alias, or a
        heading written another way; None when nothing has it."""
        if text in self.keys or text in _by_id(self.bank):
            return text
        question = self.bank.match(text)
        if question is not None:
            return question.id
        key = normalise(text)
        if key in self.keys:
            return key
        for found in self.keys.values():  # a heading as written in a note with an explicit id
            if any(normalise(a.section.heading) == key for a in found.answers):
                return found.key
        return None

    def close_keys(self, text: str, n: int = 5) -> list[str]:
        known = sorted({*self.keys, *_by_id(self.bank)})
        found = difflib.get_close_matches(text, known, n=n, cutoff=0.6)
        found += difflib.get_close_matches(normalise(text), known, n=n, cutoff=0.6)
        return list(dict.fromkeys(found))[:n]


def _by_id(bank: QuestionBank) -> dict[str, Question]:
    return {q.id: q for q in bank.questions}


def is_empty(text: str) -> bool:
    """A section with nothing but blank lines or HTML comments (a template's prompt) is empty."""
    return is_blank(text)


def compare(
    journal: Journal,
    bank: QuestionBank,
    meetings: Iterable[Meeting] = (),
    referrals: Referrals | None = None,
) -> Comparison:
    """Everything the comparison pages, the prep sheets and `coffeechat compare` show.
    `referrals` is derive's referral index, when the caller has it already."""
    by_id = _by_id(bank)
    people: dict[str, Person] = {}
    per_key: dict[str, list[Answer]] = {}
    headings: dict[str, dict[str, int]] = {}
    fact_rows: list[tuple[Who, Mapping[str, Any]]] = []
    for note in journal.notes:  # oldest first
        who = Who.of(note, tuple(_person(journal, slug, people) for slug in note.contacts))
        for section in note.sections:
            if not section.key or is_empty(section.text):
                continue
            per_key.setdefault(section.key, []).append(Answer(who, section))
            seen = headings.setdefault(section.key, {})
            seen[section.heading] = seen.get(section.heading, 0) + 1
        if note.facts:
            fact_rows.append((who, note.facts))
    keys: dict[str, KeyAnswers] = {}
    for key in sorted(per_key):
        question = by_id.get(key)
        title = question.text if question else _most_common(headings[key])
        topic = question.topic if question else OTHER
        keys[key] = KeyAnswers(key, title, topic, question, tuple(per_key[key]))
    reflections = tuple(
        Reflection(q, tuple(reversed(keys[q.id].answers)) if q.id in keys else ())
        for q in bank.questions
        if q.topic == REFLECTION
    )
    single = sum(1 for k in keys.values() if k.notes < 2 and k.question is None)
    return Comparison(
        bank=bank,
        keys=keys,
        facts=facts_matrix(fact_rows),
        reflections=reflections,
        preps=_preps(journal, bank, keys, meetings, referrals or referrals_of(journal)),
        single=single,
    )


def _person(journal: Journal, slug: str, cache: dict[str, Person]) -> Person:
    found = cache.get(slug)
    if found is None:
        contact = journal.contacts.get(slug)
        if contact is None:
            found = Person(slug, slug)
        else:
            found = Person(slug, contact.name, contact.company, contact.role, contact.field)
        cache[slug] = found
    return found


def _most_common(headings: dict[str, int]) -> str:
    """The heading most notes wrote for a key (ties: the first one written)."""
    return max(headings.items(), key=lambda kv: kv[1])[0]


def _preps(
    journal: Journal,
    bank: QuestionBank,
    keys: Mapping[str, KeyAnswers],
    meetings: Iterable[Meeting],
    referrals: Referrals,
) -> tuple[Prep, ...]:
    upcoming: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.contact in journal.contacts:
            upcoming.setdefault(meeting.contact, []).append(meeting)
    if not upcoming:
        return ()
    # One pass over every answer: by field and by company, oldest first.
    by_field: dict[str, dict[str, list[Answer]]] = {}
    by_company: dict[str, dict[str, list[Answer]]] = {}
    for key, found in keys.items():
        if found.topic == REFLECTION:
            continue
        for answer in found.answers:
            for field in answer.who.field_keys:
                by_field.setdefault(field, {}).setdefault(key, []).append(answer)
            for company in answer.who.company_keys:
                by_company.setdefault(company, {}).setdefault(key, []).append(answer)
    order = {q.id: i for i, q in enumerate(bank.questions)}
    preps = []
    for slug, found_meetings in sorted(upcoming.items()):
        contact = journal.contacts[slug]
        field = normalise(contact.field) if contact.field else ""
        company = normalise(contact.company) if contact.company else ""
        in_field = by_field.get(field, {}) if field else {}
        at_company = by_company.get(company, {}) if company else {}
        asked = set(in_field) if field else set(keys)
        unanswered = tuple(q for q in bank.questions if q.topic != REFLECTION and q.id not in asked)
        said = []
        for key in sorted({*in_field, *at_company}, key=lambda k: (order.get(k, len(order)), k)):
            said.append(_said(keys[key], at_company.get(key, []), in_field.get(key, []), field))
        meetings_sorted = tuple(sorted(found_meetings, key=lambda m: (m.day, m.line or 0)))
        first = meetings_sorted[0]
        event = next((e for e in contact.outreach if e.line == first.line), None)
        preps.append(
            Prep(
                contact=contact,
                meetings=meetings_sorted,
                event=event,
                referred_by=referrals.led_by.get(slug, ()),
                earlier=journal.notes_with(slug),
                unanswered=unanswered,
                said=tuple(said),
            )
        )
    return tuple(preps)


def _said(found: KeyAnswers, at_company: list[Answer], in_field: list[Answer], field: str) -> Said:
    """Newest answers first, same company before same field, at most PREP_ANSWERS of them."""
    picked: list[Answer] = []
    for answer in [*reversed(at_company[-PREP_ANSWERS:]), *reversed(in_field[-PREP_ANSWERS:])]:
        if answer not in picked and len(picked) < PREP_ANSWERS:
            picked.append(answer)
    total = len(in_field) + sum(1 for a in at_company if field not in a.who.field_keys)
    return Said(found.key, found.title, tuple(picked), total)


# -- near misses --------------------------------------------------------------------------------
