"""`coffeechat serve` in a real Chromium: a page left open reloads by itself after a save and shows
the edit (the incremental rebuild, then MkDocs' livereload), and a page the save did not change
still shows its own text and finds the edit through search."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_fixtures import REPO, TODAY, copy_journal, free_port
from test_incremental import CONFIG
from test_site_build import wait_for

pytestmark = pytest.mark.browser

MARKER = "Livereload marker quokka4410"


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    journal = copy_journal(REPO, tmp_path / "journal")
    (journal / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")  # incremental: no tags plugin
    port = free_port()
    log = tmp_path / "serve.log"
    command = [
        *(sys.executable, "-m", "coffeechat.cli", "--journal", str(journal)),
        *("serve", "--dev-addr", f"127.0.0.1:{port}", "--today", TODAY),
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=output, env=os.environ)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(base, lambda text: "</html>" in text, server, log)
            yield journal, base
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)
    assert "Traceback" not in log.read_text(errors="replace")


def test_an_open_page_shows_a_saved_edit(serving: tuple[Path, str], browser: Any) -> None:
    journal, base = serving
    page = browser.new_page()
    page.goto(base + "notes/2026-08-28-shawn-mcallister/")
    assert MARKER not in page.content()
    note = journal / "notes" / "2026-08-28-shawn-mcallister.md"
    note.write_text(note.read_text("utf-8") + f"\n{MARKER}\n", "utf-8")
    page.get_by_text(MARKER).wait_for(timeout=60_000)  # livereload, no eval: the CSP forbids it
    other = browser.new_page()
    other.goto(base + "contacts/harold-kim/")
    assert "Harold Kim" in other.title()  # a page the save left alone is still whole
    box = other.locator("input.md-search__input")
    box.click()
    box.press_sequentially("quokka4410")  # Material searches on key events, not on fill()
    hit = other.locator(".md-search-result__item a[href*='2026-08-28-shawn-mcallister']").first
    hit.wait_for(timeout=30_000)  # the saved text is in the rebuilt search index
    assert other.locator(".md-search-result__item").count() >= 1
