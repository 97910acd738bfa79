"""Shared by the site tests: copies of the example journal, in-process builds, and small HTML
helpers. A plain module (not a conftest) so each test module imports only what it uses."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import socket
from pathlib import Path

from click.testing import CliRunner, Result
from coffeechat.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent  # the repository root is the example journal
SITE_DATA = TESTS / "data" / "site-journals"  # not data/site: .gitignore drops every site/
TODAY = "2026-11-21"
JOURNAL_PARTS = ("mkdocs.yml", "pages", "contacts", "notes")


def copy_journal(source: Path, target: Path) -> Path:
    """Copy a journal's own files (never its built site) into target and return target."""
    target.mkdir(parents=True, exist_ok=True)
    for part in JOURNAL_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part)
        elif path.is_file():
            shutil.copy2(path, target / part)
    return target


def build(journal: Path, site_dir: Path | None = None, *args: str) -> Result:
    """`coffeechat --journal J build --today TODAY [--site-dir S] ARGS`, in-process."""
    command = ["--journal", str(journal), "build", "--today", TODAY, *args]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    return CliRunner().invoke(main, command, catch_exceptions=False)


def slugs(journal: Path, folder: str) -> list[str]:
    return sorted(
        p.stem for p in (journal / folder).glob("*.md") if not p.name.startswith(("_", "."))
    )


def page(site: Path, address: str) -> str:
    """The HTML served at an address such as `contacts/` or `notes/x/`."""
    return (site / address / "index.html").read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    """The part of text from the first `start` to the next `end` (both must be there)."""
    first = text.index(start)
    return text[first : text.index(end, first)]


def article(text: str) -> str:
    """A page's own content, without Material's header, navigation and footer."""
    return between(text, '<article class="md-content__inner', "</article>")


def navigation(text: str) -> str:
    """Everything on a page that comes from the site navigation: the tabs and the sidebar."""
    tabs = between(text, '<nav class="md-tabs"', "</nav>") if 'class="md-tabs"' in text else ""
    sidebar = between(
        text, 'class="md-nav md-nav--primary', 'class="md-sidebar md-sidebar--secondary'
    )
    return tabs + sidebar


def title(text: str) -> str:
    found = re.search(r"<title>(.*?)</title>", text, re.S)
    assert found, "the page has no <title>"
    return found.group(1)


def visible_text(fragment: str) -> str:
    """Tags dropped and entities decoded: what a reader sees of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def anchors(fragment: str, here: str) -> list[tuple[str, str]]:
    """(address the link leads to, its visible text) for each <a href> in a fragment of the page
    at `here` (an address such as `contacts/x/`), so tests do not depend on how a link is spelled.
    """
    found = []
    for href, inner in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', fragment, re.S):
        href = html.unescape(href)
        if ":" in href or href.startswith("#"):
            found.append((href, visible_text(inner)))
            continue
        path = href.split("#")[0]
        target = posixpath.normpath(posixpath.join(here, path))
        address = "" if target == "." else target + ("/" if path.endswith("/") else "")
        found.append((address, visible_text(inner)))
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
