"""Small HTML helpers for the render stage. Finished HTML has its own type, `HTML` (a
markupsafe.Markup); a plain string that meets it (`HTML.format`, `.join`, `+`, `%`, or any helper
here that takes HTML) is escaped on the way in, so a value from the journal is escaped without
anyone remembering to."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Self

from markupsafe import Markup

from coffeechat import urls
from coffeechat.model import When


class HTML(Markup):
    """Finished HTML. It escapes what it meets like `html.escape(quote=True)` (`&quot;`,
    `&#x27;`), not like markupsafe (`&#34;`, `&#39;`): the same bytes as the pages have always had,
    so a changed page in a diff means a changed page."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: object, /) -> Self:
        if isinstance(s, cls):
            return s
        if hasattr(s, "__html__"):
            return cls._of(s.__html__())
        return cls._of(html.escape(str(s), quote=True))

    def format(self, /, *args: Any, **kwargs: Any) -> Self:
        """Markup.format, with each value escaped first and then placed by `str.format`:
        markupsafe runs `string.Formatter` in Python, which doubled the render time of a large
        journal. Numbers are placed as they are, so `{:05d}` works; they hold no markup. (A
        format spec on a text value would apply to its escaped form: none is used here.)"""
        return self._of(
            str.format(self, *map(_field, args), **{k: _field(v) for k, v in kwargs.items()})
        )

    @classmethod
    def _of(cls, text: str) -> Self:
        """Text already escaped, as HTML (skips Markup.__new__'s checks: this is the hot path)."""
        return str.__new__(cls, text)


def _field(value: object) -> object:
    if isinstance(value, int | float):
        return value
    return HTML.escape(value)


def day_text(when: When | None, today: date | None = None) -> str:
    """21 Nov 2026 (a datetime keeps its time: 14 Oct 2026, 09:30)."""
    if when is None:
        return ""
    text = f"{when.day} {when:%b %Y}"
    if isinstance(when, datetime) and (when.hour or when.minute):
        text += f", {when:%H:%M}"
    return text


def iso(when: When | None) -> str:
    if when is None:
        return ""
    return (when.date() if isinstance(when, datetime) else when).isoformat()


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links: never `javascript:` or other schemes."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


# Page meta for MkDocs' search: list and overview pages only repeat what the contact and note
# pages say, so searching them would only add noise (and indexing them costs build time).
NO_SEARCH = {"exclude": True}


def front_matter(title: str, **meta: object) -> str:
    """A generated page's own front matter; JSON strings are valid YAML and quote anything. The
    title goes in escaped: MkDocs writes a page's title into the navigation and <title> as HTML."""
    lines = ["---", f"title: {json.dumps(str(HTML.escape(title)), ensure_ascii=False)}"]
    for key, value in meta.items():
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


# Marks around generated HTML, so an engine can skip re-parsing it (the MkDocs plugin does); for
# any other Markdown engine they are plain comments. Escaped values can never contain them.
BLOCK_START, BLOCK_END = "<!--cc-->", "<!--/cc-->"
BLOCK = re.compile(re.escape(BLOCK_START) + "(.*?)" + re.escape(BLOCK_END), re.DOTALL)


def block(*parts: str) -> str:
    """Raw HTML that Markdown leaves alone: one block, blank lines around it. The result is
    Markdown text, not HTML; parts that are plain strings are escaped."""
    inner = HTML().join(parts).replace("\n\n", "\n")
    return f"\n{BLOCK_START}{inner}{BLOCK_END}\n\n"


def ul(items: Iterable[str], css: str = "") -> HTML:
    """A list; items that are plain strings are escaped."""
    cls = HTML(' class="{}"').format(css) if css else ""
    rows = HTML().join(HTML("<li>{}</li>").format(item) for item in items)
    return HTML("<ul{}>{}</ul>").format(cls, rows)


def tags(values: Iterable[str]) -> list[str]:
    """Tags for a page's front matter, escaped: Material writes them into the page as HTML."""
    return [str(HTML.escape(value)) for value in values]


class Links:
    """Relative links between pages, as MkDocs would write them for `use_directory_urls`."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls
        self._ups: dict[str, str] = {}

    def url(self, src: str) -> str:
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """Up to the site's root, then down to the target: right from any page, and cheap (a
        page links to hundreds of others). A URL, not HTML: escaped where it is written."""
        rel = self._up(from_src) + urls.path(self.url(to_src))
        return (rel or "./") + (f"#{urls.fragment(anchor)}" if anchor else "")

    def _up(self, from_src: str) -> str:
        up = self._ups.get(from_src)
        if up is None:
            up = self._ups[from_src] = "../" * self.url(from_src).count("/")
        return up

    def a(self, from_src: str, to_src: str, text: str, anchor: str = "") -> HTML:
        """A link; plain text is escaped, HTML kept."""
        return HTML('<a href="{}">{}</a>').format(self.href(from_src, to_src, anchor), text)
