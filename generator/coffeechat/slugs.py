"""File names from people's names: `Ana Lucía Núñez` → `ana-lucia-nunez`, `Иван Петров` →
`ivan-petrov`, `王伟` → `wangwei`."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping

from anyascii import anyascii

from coffeechat.questions import normalise
from coffeechat.textsafe import clean_name

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# File names MkDocs keeps for a folder's own page (README.md becomes index.html): a contact or
# note named so has no page of its own; `check` and `build` say so.
RESERVED_SLUGS = frozenset({"index", "README"})
# Well under every file system's 255-byte name limit, with room for `.md` and a date prefix.
MAX_SLUG_BYTES = 100


def slugify(name: str) -> str:
    """A lowercase ASCII file name; accents are dropped, other scripts transliterated, punctuation
    becomes hyphens. A name that transliterates to nothing gets a short stable hash instead."""
    name = clean_name(name)  # the name as new/import write it: no terminal sequences
    ascii_name = normalise("".join(map(_ascii, name.replace("&", " and "))))
    if not ascii_name and normalise(name):
        ascii_name = "u-" + hashlib.sha1(name.strip().encode()).hexdigest()[:10]
    return cap(ascii_name)


def _ascii(char: str) -> str:
    # A Chinese character is a syllable of its own: 李四 is li-si, not lisi.
    code = ord(char)
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000:
        return f" {anyascii(char)} "
    return anyascii(char)


def cap(slug: str, limit: int = MAX_SLUG_BYTES) -> str:
    """At most `limit` bytes (slugs are ASCII), cut at a hyphen when one is near the end."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    hyphen = cut.rfind("-")
    return (cut[:hyphen] if hyphen > limit // 2 else cut).strip("-")


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
