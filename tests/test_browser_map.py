"""The referral map and the site's palette in a real Chromium at 1280 px (issue 11, items 2 and 8):
map text renders at 12 px or more, a 200-person map scrolls in its own box and not the page, the
palette follows the system's light or dark setting, the favicon is ours, nothing is fetched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from browser import Watch, served
from site_fixtures import REPO, build, copy_journal
from test_network_layout import _bench_journal

pytestmark = pytest.mark.browser

SCREENSHOT = REPO / "docs-assets" / "network.png"
# The smallest text on the map, in CSS pixels as drawn: its font size times the SVG's scale.
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('.cc-network svg text')].map(
  t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("map")
    example = copy_journal(REPO, root / "example")
    big = _bench_journal(root / "big", 200)
    for journal in (example, big):
        result = build(journal, journal / "site")
        assert result.exit_code == 0, result.output
    with served(example / "site") as one, served(big / "site") as two:
        yield one, two


def _visit(browser: Any, url: str, scheme: str = "light") -> tuple[Any, Watch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page)
    page.goto(url, wait_until="networkidle")
    return page, watch


@pytest.mark.parametrize("which", [0, 1], ids=["example", "200-people"])
def test_map_text_is_readable_and_the_page_does_not_scroll_sideways(
    browser: Any, sites: tuple[str, str], which: int
) -> None:
    page, watch = _visit(browser, sites[which] + "network/")
    assert page.locator(".cc-network svg text").count() >= 10
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest >= 12, smallest
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator(".cc-network-scroll").bounding_box()
    assert box is not None and box["height"] <= 0.8 * 900 + 2
    if which == 1:  # too big for the screen: it scrolls inside its box
        assert page.evaluate(
            "(b => b.scrollHeight > b.clientHeight)(document.querySelector('.cc-network-scroll'))"
        )
    assert watch.errors == [] and watch.foreign() == []
    if which == 0 and os.environ.get("COFFEECHAT_SCREENSHOT") == "1":  # as test_browser.py
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.locator(".cc-network").screenshot(path=str(SCREENSHOT))
    page.context.close()


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_palette_follows_the_system_and_the_favicon_is_ours(
    browser: Any, sites: tuple[str, str], scheme: str, expected: str
) -> None:
    page, watch = _visit(browser, sites[0] + "stats/", scheme)
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert page.evaluate("document.body.dataset.mdColorPrimary") == "brown"
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and icon.endswith("assets/coffeechat/favicon.svg")
    assert page.request.get(sites[0] + "stats/" + icon).ok
    # The charts take their colour from the palette, so it changes with the scheme.
    bar = page.evaluate("getComputedStyle(document.querySelector('.cc-chart .cc-bar')).fill")
    primary = page.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()"
    )
    assert bar != "rgb(85, 85, 85)" and primary  # not the inline fallback grey
    # The toggle is there and switches the scheme.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    other = "slate" if expected == "default" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == other
    assert watch.errors == [] and watch.foreign() == []
    page.context.close()
