"""The built site opened straight from the disk (file://) and over HTTP, in a real Chromium: the
navigation reaches every kind of page (never a folder listing) and search finds a phrase from a
note; and a journal whose mkdocs.yml was written by hand (no `theme.font: false`) makes no request
to any other host, with every other host cut off."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from browser import Watch, cut_off_other_hosts, is_local, served
from site_fixtures import REPO, build, copy_journal

pytestmark = pytest.mark.browser

SEARCH_PHRASE = "Medicaid billing"  # only in the body of the note below
SEARCH_NOTE = "notes/2026-11-19-luis-ferreira/"
# ...and still loads nothing from elsewhere: the pages' content security policy stops it.
TRACKER_URL = "https://tracker.example.com/pixel.png"
TRACKER = f'<img src="{TRACKER_URL}" alt="">'
MINIMAL = "site_name: My chats\ntheme:\n  name: material\nplugins:\n  - search\n  - coffeechat\n"

# How a reader gets from page to page, from the dashboard on: (a navigation entry by name or a link
# on the page by CSS, expected address, expected heading when it is fixed).
NAV = "a.md-tabs__link:visible, nav.md-nav--primary a.md-nav__link:visible"
VIEWPORT = {"width": 1400, "height": 900}  # wide enough for the navigation beside the page
STEPS: list[tuple[str, str, str, str | None]] = [
    ("nav", "Follow-ups", "follow-ups/", "Follow-ups"),
    ("nav", "Contacts", "contacts/", "Contacts"),
    (
        "css",
        "#cc-contacts tbody a[href*='gina-kowalski']",
        "contacts/gina-kowalski/",
        "Gina Kowalski",
    ),
    ("nav", "Notes", "notes/", "Notes"),
    ("css", f"article a[href*='{SEARCH_NOTE.split('/')[1]}']", SEARCH_NOTE, None),
    ("nav", "Compare", "compare/", None),
    ("css", "article a[href*='compare/facts/']", "compare/facts/", None),
    ("nav", "Compare", "compare/", None),
    ("css", "article a[href*='compare/typical-week/']", "compare/typical-week/", None),
    ("nav", "Dashboard", "", "Dashboard"),
    ("css", "article a[href*='prep/']", "prep/", None),
    ("nav", "Network", "network/", None),
    ("nav", "Stats", "stats/", None),
    ("nav", "Tags", "tags/", "Tags"),
]


def local_or_file(url: str) -> bool:
    return url.startswith("file:") or is_local(url)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    root = tmp_path_factory.mktemp("offline")
    journal = copy_journal(REPO, root / "journal")
    result = build(journal, root / "site", "--strict")
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """The example's contacts and notes with the smallest mkdocs.yml SPEC §4 allows."""
    root = tmp_path_factory.mktemp("minimal")
    journal = copy_journal(REPO, root / "journal")
    shutil.rmtree(journal / "pages")
    (journal / "mkdocs.yml").write_text(MINIMAL, encoding="utf-8")
    note = journal / f"{SEARCH_NOTE.rstrip('/')}.md"
    with note.open("a", encoding="utf-8") as file:  # raw HTML in a note is the user's own
        file.write(f"\n{TRACKER}\n")
    result = build(journal, root / "site")
    # nh3 takes the address off an image from another host; the page's policy would stop it too
    assert TRACKER_URL not in (root / "site" / SEARCH_NOTE / "index.html").read_text("utf-8")
    assert result.exit_code == 0, result.output
    return root / "site"


@contextmanager
def opened(site: Path, how: str) -> Iterator[str]:
    """The site's base address: its folder as file:// or served on 127.0.0.1."""
    if how == "file":
        yield site.as_uri() + "/"
        return
    with served(site) as url:
        yield url


def start(site_url: str) -> str:
    return site_url + "index.html" if site_url.startswith("file:") else site_url


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()


def expect_page(page: Any, site_url: str, address: str, heading: str | None) -> None:
    """The browser shows the page at address: its own HTML, never a folder listing."""
    page.wait_for_load_state("load")
    url = page.url.split("#")[0].split("?")[0]
    wanted = site_url + address
    if site_url.startswith("file:"):
        assert url.startswith(wanted) and url.endswith("/index.html"), (url, wanted)
    else:
        assert url.startswith(wanted) and url.endswith("/"), (url, wanted)
    assert "Index of" not in page.title()
    title = page.locator("article h1").first
    assert title.is_visible()
    assert title.inner_text().strip() != ""
    if heading is not None:
        assert title.inner_text().strip() == heading


def follow(page: Any, kind: str, target: str) -> None:
    if kind == "css":
        page.locator(target).first.click()
        return
    # Material keeps the whole navigation twice (tabs, and a drawer that may be off screen):
    # click the first copy the reader can see.
    name = re.compile(rf"^\s*{re.escape(target)}\s*$")
    links = page.locator(NAV).filter(has_text=name)
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        if box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"]:
            links.nth(index).click()
            return
    pytest.fail(f"no visible link {target!r} on {page.url}")


def search(page: Any, phrase: str) -> Any:
    """Type into Material's search box; returns the link to SEARCH_NOTE among the results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(phrase)  # Material searches on key events, which fill() does not send
    hit = page.locator(f".md-search-result__item a[href*='{SEARCH_NOTE}']").first
    hit.wait_for(state="visible")
    return hit


@pytest.mark.parametrize("how", ["file", "http"])
def test_navigation_reaches_every_kind_of_page(context: Any, example_site: Path, how: str) -> None:
    with opened(example_site, how) as site_url:
        page = context.new_page()
        watch = Watch(page)
        page.goto(start(site_url))
        expect_page(page, site_url, "", "Dashboard")
        for kind, target, address, heading in STEPS:
            follow(page, kind, target)
            expect_page(page, site_url, address, heading)
        assert watch.errors == []
        assert [url for url in watch.requests if not local_or_file(url)] == []


@pytest.mark.parametrize("how", ["file", "http"])
def test_search_finds_a_phrase_from_a_note_and_opens_it(
    context: Any, example_site: Path, how: str
) -> None:
    with opened(example_site, how) as site_url:
        page = context.new_page()
        watch = Watch(page)
        page.goto(
            start(site_url + "contacts/") if how == "http" else site_url + "contacts/index.html"
        )
        hit = search(page, SEARCH_PHRASE)
        assert "Luis Ferreira" in hit.inner_text()
        hit.click()
        expect_page(page, site_url, SEARCH_NOTE, None)
        assert SEARCH_PHRASE in page.locator("article").inner_text()
        assert watch.errors == []
        index = "search_index.js" if how == "file" else "search_index.json"
        assert any(url.endswith(f"/search/{index}") for url in watch.requests)


@pytest.mark.parametrize("how", ["file", "http"])
def test_hand_written_config_makes_no_request_to_another_host(
    context: Any, minimal_site: Path, how: str
) -> None:
    """Every request to another host is aborted and recorded: the site must not even try."""

    attempted = cut_off_other_hosts(context, local_or_file)
    addresses = ["", "follow-ups/", "contacts/", "contacts/gina-kowalski/", SEARCH_NOTE, "stats/"]
    with opened(minimal_site, how) as site_url:
        requests: list[str] = []
        for address in addresses:
            page = context.new_page()
            watch = Watch(page)
            suffix = "index.html" if how == "file" else ""
            page.goto(site_url + address + suffix, wait_until="networkidle")
            assert page.locator("article h1").first.is_visible(), address
            assert watch.errors == [], address
            requests += watch.requests
        hit = search(page, SEARCH_PHRASE)  # the index and its worker are local too
        assert "Luis Ferreira" in hit.inner_text()
        requests += watch.requests
    assert attempted == []  # not even the tracker: the sanitiser took its address off
    assert len(requests) > 10 and all(local_or_file(url) for url in requests)
    assert any("iframe-worker-shim.js" in url for url in requests)
