"""File names from people's names: `Ana Lucía Núñez` → `ana-lucia-nunez`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from .questions import normalise

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """A lowercase ASCII file name; accents are dropped and punctuation becomes hyphens."""
    return normalise(name.replace("&", " and "))


def looks_like_slug(text: str) -> bool:
    """`maria-lopez` looks like a contact's file name; `Maria Lopez` and `Dr. Lopez` do not."""
    return bool(_SLUG.match(text)) and ("-" in text or text.isalpha())


def slug_for_name(text: str, names: Mapping[str, str], cutoff: float = 0.75) -> str | None:
    """The contact slug someone most likely meant by `text`, for a "did you mean" hint: the slug
    itself written differently (`Ana-Lucia-Nunez`), the person's full name (`Ana Lucía Núñez`) or
    the one person with that first or last name (`Kwame`), ignoring accents and case; else the
    closest slug by spelling. `names` maps each slug to the person's name."""
    key = slugify(text)
    folded = " ".join(text.casefold().split())
    if key in names:
        return key
    for slug, name in names.items():
        if (key and key == slugify(name)) or folded == " ".join(name.casefold().split()):
            return slug
    if key:
        words = [s for s, n in names.items() if key in (*s.split("-"), *slugify(n).split("-"))]
        if len(words) == 1:
            return words[0]
    close = difflib.get_close_matches(text, sorted(names), n=1, cutoff=cutoff)
    return close[0] if close else None
