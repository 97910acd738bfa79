"""Every page kind at a phone's 390x844 and a laptop's 1280x900, in a real Chromium: the page never
scrolls sideways (a wide table scrolls in its own box), no name breaks inside a word, data pages
hide Material's sidebars, and nothing logs an error or asks another host for anything (issue 11)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from browser import Watch, served
from site_fixtures import REPO, build, copy_journal

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "laptop": (1280, 900)}
KINDS = {
    "dashboard": "",
    "follow-ups": "follow-ups/",
    "contacts": "contacts/",
    "contact": "contacts/ana-lucia-nunez/",
    "notes": "notes/",
    "note": "notes/2026-10-08-ana-lucia-nunez/",
    "compare": "compare/",
    "question": "compare/typical-week/",
    "facts": "compare/facts/",
    "reflections": "compare/reflections/",
    "network": "network/",
    "stats": "stats/",
}
DATA_PAGES = ("follow-ups", "contacts", "notes", "facts", "network", "stats")

# What the page measures about itself: sideways overflow, and every word of a name (a contact
# link in a table) that the browser laid out on more than one line, i.e. broke inside the word.
MEASURE = """() => {
  const names = [...document.querySelectorAll(
    '.md-content td a[href*="contacts/"], .md-content th a[href*="contacts/"]')];
  const broken = [];
  for (const a of names) {
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word[0]);
      }
    }
  }
  const header = document.querySelector('.md-header');
  return {
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    header: header ? Math.round(header.getBoundingClientRect().width) : 0,
    names: names.length, broken: broken,
    sidebar: [...document.querySelectorAll('.md-sidebar--primary, .md-sidebar--secondary')]
      .some(s => !s.hidden && s.offsetWidth > 0 && getComputedStyle(s).visibility !== 'hidden'),
  };
}"""


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    root = tmp_path_factory.mktemp("phone")
    journal = copy_journal(REPO, root / "journal")
    result = build(journal, root / "site", "--strict")
    assert result.exit_code == 0, result.output
    with served(root / "site") as url:
        yield url


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    """scripts/bench.py's synthetic journal at 200 contacts and 300 notes."""
    root = tmp_path_factory.mktemp("crowd")
    journal = _bench().write_journal(root / "journal", 200, 300, 11)
    result = build(journal, root / "site")
    assert result.exit_code == 0, result.output
    with served(root / "site") as url:
        yield url


def _measure(browser: Any, url: str, size: str) -> tuple[dict[str, Any], list[str]]:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        watch = Watch(page)
        page.goto(url, wait_until="networkidle")
        found: dict[str, Any] = page.evaluate(MEASURE)
        return found, [*watch.errors, *watch.foreign()]
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_fits_the_screen(browser: Any, example: str, kind: str, size: str) -> None:
    found, problems = _measure(browser, example + KINDS[kind], size)
    assert problems == []
    assert found["scroll"] <= found["inner"], found  # no page-level sideways scrolling
    assert found["header"] == found["inner"]  # the header spans the width
    assert found["broken"] == []  # no name wraps inside a word
    if kind in DATA_PAGES and size == "laptop":
        assert not found["sidebar"], "a data page hides both sidebars"
    if kind in ("contacts", "facts"):
        assert found["names"] >= 8


def test_a_prose_page_keeps_its_sidebars(browser: Any, example: str) -> None:
    found, _ = _measure(browser, example + KINDS["contact"], "laptop")
    assert found["sidebar"]


def test_a_wide_table_scrolls_in_its_box(browser: Any, example: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(example + KINDS["facts"], wait_until="networkidle")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.cc-scroll')].map(b => ({
                 wide: b.scrollWidth, shown: b.clientWidth,
                 overflow: getComputedStyle(b).overflowX,
                 cue: getComputedStyle(b).backgroundImage }))"""
        )
    finally:
        context.close()
    assert len(boxes) == 3  # summary, side by side, by note
    wide = [b for b in boxes if b["wide"] > b["shown"]]
    assert wide, boxes  # the by-note table is wider than a phone
    for box in wide:
        assert box["overflow"] == "auto"
        assert "gradient" in box["cue"]  # the shadow that says "more this way"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", DATA_PAGES)
def test_200_contacts_fit_the_screen(browser: Any, crowd: str, kind: str, size: str) -> None:
    found, problems = _measure(browser, crowd + KINDS[kind], size)
    assert problems == []
    assert found["scroll"] <= found["inner"], found
    assert found["broken"] == []
