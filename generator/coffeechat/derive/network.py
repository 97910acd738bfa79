"""The referral network (derive stage, pure): who led you to whom, how far each introduction got,
and the leads, people a conversation suggested who have no contact file yet.

Who led to whom is derive/referrals.py's one rule, which also decides whether a referral is a
contact or a lead. A lead is keyed by the file
name `coffeechat new contact` would give them, so "Tomás Ortega" suggested twice is one lead.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from coffeechat.derive.referrals import Referrals, Referred, referrals_of, resolve_referral
from coffeechat.model import Journal, Note
from coffeechat.slugs import slugify

# Characters a shell still interprets inside double quotes (`!` is bash's history expansion).
_DOUBLE_QUOTE_UNSAFE = frozenset('"\\$`!')


@dataclass(frozen=True, slots=True)
class Edge:
    referrer: str  # a contact's slug
    person: str  # a contact's slug, or a lead's (the file `new contact` would create)
    lead: bool
    note: str | None  # the note that suggested them; None when it is their `referred_by`


@dataclass(frozen=True, slots=True)
class Referrer:
    slug: str
    people: tuple[Referred, ...]  # by name; a lead has no slug
    talked: int  # how many of them you have talked to

    @property
    def led_to(self) -> int:
        return len(self.people)


@dataclass(frozen=True, slots=True)
class Lead:
    slug: str
    name: str
    suggested_by: tuple[str, ...]  # contacts' slugs, earliest suggestion first
    notes: tuple[str, ...]  # the notes that name them, oldest first
    company: str | None
    note: str | None
    command: str  # the shell command that creates their contact file


@dataclass(frozen=True, slots=True)
class Network:
    edges: tuple[Edge, ...]
    referrers: tuple[Referrer, ...]  # most people led to first
    leads: tuple[Lead, ...]  # by name
    names: Mapping[str, str]  # every node's slug → name
    talked: frozenset[str]  # the contacts you have had a conversation with

    def as_dict(self) -> dict[str, Any]:
        """The graph as plain data (the golden file of the tests)."""
        return {
            "edges": [
                {"referrer": e.referrer, "person": e.person, "lead": e.lead, "note": e.note}
                for e in self.edges
            ],
            "referrers": [
                {"referrer": r.slug, "led_to": r.led_to, "talked": r.talked} for r in self.referrers
            ],
            "leads": [
                {
                    "slug": lead.slug,
                    "name": lead.name,
                    "suggested_by": list(lead.suggested_by),
                    "notes": list(lead.notes),
                    "company": lead.company,
                    "note": lead.note,
                    "command": lead.command,
                }
                for lead in self.leads
            ],
        }


def network(journal: Journal, today: date, referrals: Referrals | None = None) -> Network:
    """The graph of the journal; a conversation counts as had when its note is dated by today."""
    talked = frozenset(
        slug for slug in journal.contacts if any(n.day <= today for n in journal.notes_with(slug))
    )
    people = _people(journal, (referrals or referrals_of(journal)).led_to)
    leads = _leads(journal)
    names = {slug: c.name for slug, c in journal.contacts.items()}
    names.update({lead.slug: lead.name for lead in leads})
    edges = [
        Edge(slug, key, person.slug is None, person.via_note)
        for slug, found in people.items()
        for key, person in found.items()
    ]
    referrers = [
        Referrer(slug, tuple(found.values()), sum(1 for r in found.values() if r.slug in talked))
        for slug, found in people.items()
    ]
    return Network(
        edges=tuple(sorted(edges, key=lambda e: (e.referrer, e.person))),
        referrers=tuple(sorted(referrers, key=lambda r: (-r.led_to, names[r.slug].lower()))),
        leads=leads,
        names=names,
        talked=talked,
    )


def _people(
    journal: Journal, referred: Mapping[str, tuple[Referred, ...]]
) -> dict[str, dict[str, Referred]]:
    """The referral index, for referrers with a contact file, each person keyed by slug (a lead by
    the slug of their name: two spellings of one name are one person)."""
    found: dict[str, dict[str, Referred]] = {}
    for slug, people in referred.items():
        if slug not in journal.contacts:  # a note naming an unknown contact: `check` says so
            continue
        for person in people:
            key = person.slug or slugify(person.name)
            if key and key != slug:
                found.setdefault(slug, {}).setdefault(key, person)
    return found


def _leads(journal: Journal) -> tuple[Lead, ...]:
    suggestions: dict[str, list[tuple[Note, str, str | None, str | None]]] = {}
    for note in journal.notes:  # oldest first: the first suggestion names the referrer
        for referral in note.referrals:
            person = resolve_referral(journal, referral.slug, referral.name)
            key = slugify(person.name)
            if person.slug is None and key:
                suggestions.setdefault(key, []).append(
                    (note, person.name, referral.company, referral.note)
                )
    leads = [_lead(journal, slug, found) for slug, found in suggestions.items()]
    return tuple(sorted(leads, key=lambda lead: (lead.name.lower(), lead.slug)))


def _lead(
    journal: Journal, slug: str, found: list[tuple[Note, str, str | None, str | None]]
) -> Lead:
    referrers = [s for note, *_ in found for s in note.contacts if s in journal.contacts]
    name = found[0][1]
    company = next((c for _, _, c, _ in found if c), None)
    return Lead(
        slug=slug,
        name=name,
        suggested_by=tuple(dict.fromkeys(referrers)),
        notes=tuple(dict.fromkeys(note.slug for note, *_ in found)),
        company=company,
        note=next((n for *_, n in found if n), None),
        command=new_contact_command(name, company, referrers[0] if referrers else None),
    )


def new_contact_command(name: str, company: str | None, referrer: str | None) -> str:
    """`coffeechat new contact 'Priya Raman' --company … --source referral --referred-by …`,
    quoted for a POSIX shell (names have spaces, accents and apostrophes)."""
    words = ["coffeechat", "new", "contact", name]
    if company:
        words += ["--company", company]
    if referrer:
        words += ["--source", "referral", "--referred-by", referrer]
    return " ".join(_quote(word) for word in words)


def _quote(word: str) -> str:
    """shlex.quote, except that a word whose only awkward character is an apostrophe goes in
    double quotes: "Children's Hospital" reads better than 'Children'"'"'s Hospital'."""
    if "'" in word and not _DOUBLE_QUOTE_UNSAFE.intersection(word):
        return f'"{word}"'
    return shlex.quote(word)


def depths(edges: tuple[Edge, ...]) -> dict[str, int]:
    """Each node's column in the diagram: the longest chain of referrals leading to it, so every
    arrow points right. A loop (A led to B, B led to A) is cut at its first name."""
    parents: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.person, []).append(edge.referrer)
        children.setdefault(edge.referrer, []).append(edge.person)
    nodes = sorted(set(parents) | set(children))
    waiting = {node: len(parents.get(node, ())) for node in nodes}
    ready = [node for node in nodes if not waiting[node]]
    depth: dict[str, int] = {}
    while len(depth) < len(nodes):
        if not ready:
            ready = [min(node for node in nodes if node not in depth)]
        node = ready.pop(0)
        if node in depth:
            continue
        depth[node] = max((depth[p] + 1 for p in parents.get(node, ()) if p in depth), default=0)
        for child in children.get(node, ()):
            waiting[child] -= 1
            if waiting[child] == 0 and child not in depth:
                ready.append(child)
    return depth
