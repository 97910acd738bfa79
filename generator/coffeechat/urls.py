"""Every part of a URL that comes from the journal goes through here, percent-encoded.

A slug is a file name and may hold `#`, `?`, `%` or spaces (`contacts/a#b.md`); an e-mail
address may hold `?cc=…&bcc=…`. Written raw into a link, they cut the address short or add
headers to a mail. MkDocs percent-encodes its own page URLs the same way, so these links match."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote


@lru_cache(maxsize=8192)
def path(text: str) -> str:
    """A relative URL path: each segment encoded, the `/` between them kept."""
    return quote(text, safe="/")


def segment(text: str) -> str:
    """One path segment (a slug): `/` encoded too."""
    return quote(text, safe="")


def fragment(text: str) -> str:
    """The part after `#`: an element id as written in the page, encoded like a browser does for
    letters outside ASCII, and `#`, `%`, spaces and quotes encoded too."""
    return quote(text, safe="-._~!$&'()*+,;=:@/?")


def mailto(address: str, subject: str | None = None, body: str | None = None) -> str:
    """A mailto: URL (RFC 6068): UTF-8 percent-encoded, line breaks as CRLF (%0D%0A), and `&`,
    `=`, `+`, `?` and `#` encoded too, so the address stays one address (no `?cc=` headers
    smuggled in) and every mail program reads back exactly this text."""
    url = f"mailto:{quote(address.strip(), safe='@')}"
    fields = [
        (name, value) for name, value in (("subject", subject), ("body", body)) if value is not None
    ]
    if not fields:
        return url
    query = "&".join(f"{name}={quote(_crlf(value), safe='')}" for name, value in fields)
    return f"{url}?{query}"


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")
