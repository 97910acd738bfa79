"""End to end in a real Chromium: the comparison page for a shared question shows every answer,
its links lead to the notes, and one click on a field shows only that field's answers."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO

from generator.cli import main

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TODAY = date(2026, 11, 21)


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run on CI: {reason}")
        pytest.skip(f"browser test skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser-site")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COFFEECHAT_TODAY", TODAY.isoformat())
        args = ["--journal", str(REPO), "build", "--strict", "--today", TODAY.isoformat()]
        result = CliRunner().invoke(main, [*args, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


def test_shared_question_shows_every_answer_and_links_back(browser: Any, served: str) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(served) else outside.append(request.url),
    )
    page.goto(f"{served}/compare/typical-week/")
    assert page.locator("h1").inner_text() == "What is a typical week like?"
    answers = page.locator("div.cc-answer")
    assert answers.count() == 8
    assert all(answers.nth(i).is_visible() for i in range(8))
    # Each answer's text is rendered Markdown (Luis's list), under who said it.
    assert page.get_by_text("58 students across two elementary schools.").is_visible()
    dates = page.locator("div.cc-answer .cc-meta a")
    expected = [dates.nth(i).get_attribute("href") for i in range(8)]
    assert all(href and "/notes/" in href for href in expected)

    # One click on a field shows only that field's answers.
    page.get_by_role("link", name="Librarianship (2)").click()
    visible = [i for i in range(8) if answers.nth(i).is_visible()]
    assert len(visible) == 2
    assert not page.get_by_text("58 students across two elementary schools.").is_visible()
    assert page.get_by_text("Four-hour blocks on the reference desk").is_visible()
    page.get_by_role("link", name="All", exact=True).click()
    assert all(answers.nth(i).is_visible() for i in range(8))

    # The date of an answer leads to its note, at the question.
    harold = page.locator("div.cc-answer", has_text="Harold Kim")
    harold.locator(".cc-meta a").click()
    page.wait_for_url("**/notes/2026-11-12-harold-kim/#what-is-a-typical-week-like")
    assert page.locator("h1").inner_text() == "Harold Kim, 12 Nov 2026"
    assert page.locator("#what-is-a-typical-week-like").is_visible()

    # Every answer's link opens a note page that exists.
    for href in expected:
        page.goto(f"{served}/compare/typical-week/{href}")
        assert page.locator("#what-is-a-typical-week-like").count() == 1, href
    assert outside == []
    page.close()
