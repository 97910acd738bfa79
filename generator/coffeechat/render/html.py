"""Small HTML helpers for the render stage: every value a user typed goes through `esc`."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from datetime import date, datetime

from coffeechat import urls
from coffeechat.model import When


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


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
    """A generated page's own front matter; JSON strings are valid YAML and quote anything."""
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


# Marks around generated HTML, so an engine can skip re-parsing it (the MkDocs plugin does); for
# any other Markdown engine they are plain comments. Escaped values can never contain them.
BLOCK_START, BLOCK_END = "<!--cc-->", "<!--/cc-->"
BLOCK = re.compile(re.escape(BLOCK_START) + "(.*?)" + re.escape(BLOCK_END), re.DOTALL)


def block(*parts: str) -> str:
    """Raw HTML that Markdown leaves alone: one block, blank lines around it."""
    inner = "".join(parts).replace("\n\n", "\n")
    return f"\n{BLOCK_START}{inner}{BLOCK_END}\n\n"


def ul(items: Iterable[str], css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


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
        page links to hundreds of others)."""
        rel = self._up(from_src) + urls.path(self.url(to_src))
        return esc((rel or "./") + (f"#{urls.fragment(anchor)}" if anchor else ""))

    def _up(self, from_src: str) -> str:
        up = self._ups.get(from_src)
        if up is None:
            up = self._ups[from_src] = "../" * self.url(from_src).count("/")
        return up

    def a(self, from_src: str, to_src: str, text: str, anchor: str = "") -> str:
        return f'<a href="{self.href(from_src, to_src, anchor)}">{esc(text)}</a>'
