"""File names from people's names: `Ana Lucía Núñez` → `ana-lucia-nunez`."""

from __future__ import annotations

import re

from .questions import normalise

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """A lowercase ASCII file name; accents are dropped and punctuation becomes hyphens."""
    return normalise(name.replace("&", " and "))


def looks_like_slug(text: str) -> bool:
    """`maria-lopez` looks like a contact's file name; `Maria Lopez` and `Dr. Lopez` do not."""
    return bool(_SLUG.match(text)) and ("-" in text or text.isalpha())
