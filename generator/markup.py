"""Small HTML helpers for the render stage: every value a user typed goes through `esc`."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterable
from datetime import date, datetime

from .model import When


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


def front_matter(title: str, **meta: object) -> str:
    """A generated page's own front matter; JSON strings are valid YAML and quote anything."""
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


def block(*parts: str) -> str:
    """Raw HTML that Markdown leaves alone: one block, blank lines around it."""
    inner = "".join(parts).replace("\n\n", "\n")
    return f"\n{inner}\n\n"


def ul(items: Iterable[str], css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


class Links:
    """Relative links between pages, as MkDocs would write them for `use_directory_urls`."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

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
        here, there = self.url(from_src), self.url(to_src)
        base = here.rsplit("/", 1)[0] if "/" in here else ""
        rel = posixpath.relpath(there or ".", base or ".")
        if (not there or there.endswith("/")) and not rel.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return esc(rel + (f"#{anchor}" if anchor else ""))

    def a(self, from_src: str, to_src: str, text: str, anchor: str = "") -> str:
        return f'<a href="{self.href(from_src, to_src, anchor)}">{esc(text)}</a>'
