"""Who referred whom: SPEC §5's one rule, computed once per build and asked by every consumer
(follow-ups, the network, prep sheets, letters, public builds).

A contact's `referred_by` (a slug, or a free-text name) makes the person it names their referrer.
Every contact of a note is a referrer of each person in the note's `referrals` (a slug, or a
`{name}`). A slug or a name resolves to a contact when it matches a contact's slug, or a contact's
name ignoring case, accents and titles ("Dr. Ana Núñez" is Ana Lucía Núñez only if that is
unambiguous); otherwise the person is a lead, known by name only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from coffeechat.model import Journal
from coffeechat.slugs import slugify

_TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame)\.?\s+)+", re.I)


@dataclass(frozen=True, slots=True)
class Referred:
    """A person someone led you to (or who led you to someone): a contact (slug) or a lead."""

    name: str
    slug: str | None
    via_note: str | None = None  # the note that named them; None for a `referred_by`


def name_key(name: str) -> str:
    """A name as a slug, without titles: `Dr. Ana Núñez` → `ana-nunez`."""
    return slugify(_TITLES.sub("", name.strip()))


@dataclass(frozen=True)
class Resolver:
    """Turns a slug or a name into a person, against the journal's contacts."""

    journal: Journal

    @cached_property
    def _by_name(self) -> Mapping[str, str | None]:
        found: dict[str, str | None] = {}
        for slug, contact in sorted(self.journal.contacts.items()):
            for key in {name_key(contact.name), slugify(contact.name)}:
                # two contacts with the same name: the name alone names neither of them
                found[key] = slug if key not in found else None
        return found

    def slug_of(self, text: str | None) -> str | None:
        """The contact a slug or a name stands for, if exactly one does."""
        text = (text or "").strip()
        if not text:
            return None
        if text in self.journal.contacts:
            return text
        lowered = text.lower()
        if lowered in self.journal.contacts:
            return lowered
        return self._by_name.get(name_key(text)) or self._by_name.get(slugify(text))

    def person(self, slug: str | None, name: str | None, via_note: str | None = None) -> Referred:
        found = self.slug_of(slug) or self.slug_of(name)
        if found is not None:
            return Referred(self.journal.contacts[found].name, found, via_note)
        return Referred((name or slug or "").strip(), None, via_note)


@dataclass(frozen=True)
class Referrals:
    """The referral index both ways round."""

    # referrer's slug → the people they led you to, sorted by name
    led_to: Mapping[str, tuple[Referred, ...]]
    # person's slug → their referrers: `referred_by` first, then notes oldest first
    led_by: Mapping[str, tuple[Referred, ...]] = field(default_factory=dict)

    def referrer_name(self, slug: str) -> str | None:
        """Whom to ask for another name when `slug` does not answer."""
        people = self.led_by.get(slug, ())
        return people[0].name if people else None


_LAST: list[Resolver] = []  # the resolver of the journal asked last: one build asks about one


def resolver_for(journal: Journal) -> Resolver:
    """The journal's resolver, made once however many pages ask (its name index is a pass over
    every contact)."""
    if not _LAST or _LAST[0].journal is not journal:
        _LAST[:] = [Resolver(journal)]
    return _LAST[0]


def resolve_referral(journal: Journal, slug: str | None, name: str | None) -> Referred:
    """A referral as a person: a contact when the slug or the name names one, else a lead."""
    return resolver_for(journal).person(slug, name)


def referrals_of(journal: Journal) -> Referrals:
    resolver = resolver_for(journal)
    led_to: dict[str, dict[str, Referred]] = {}
    led_by: dict[str, dict[str, Referred]] = {}

    def link(referrer: Referred, person: Referred) -> None:
        if person.slug is not None and person.slug == referrer.slug:
            return  # naming oneself leads nowhere
        if referrer.slug is not None:
            led_to.setdefault(referrer.slug, {}).setdefault(person.slug or person.name, person)
        if person.slug is not None:
            led_by.setdefault(person.slug, {}).setdefault(referrer.slug or referrer.name, referrer)

    for slug, contact in sorted(journal.contacts.items()):
        if contact.referred_by and contact.referred_by.strip():
            referrer = resolver.person(contact.referred_by, contact.referred_by)
            link(referrer, Referred(contact.name, slug))
    for note in journal.notes:  # sorted oldest first by the reader
        for referral in note.referrals:
            person = resolver.person(referral.slug, referral.name, note.slug)
            for slug in note.contacts:
                known = journal.contacts.get(slug)
                # a note naming a contact with no file: `check` says so; no page to link to
                if known is not None:
                    link(Referred(known.name, slug, note.slug), person)
    return Referrals(
        led_to={
            slug: tuple(sorted(people.values(), key=lambda r: (r.name.casefold(), r.slug or "")))
            for slug, people in sorted(led_to.items())
        },
        led_by={slug: tuple(people.values()) for slug, people in sorted(led_by.items())},
    )
