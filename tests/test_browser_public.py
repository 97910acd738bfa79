"""Raw HTML from journal bodies in a real Chromium: a note and a contact full of scripts, handlers,
iframes and pictures from other hosts run nothing and request nothing outside 127.0.0.1, in a
private and in a public build (SPEC §8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import Watch, cut_off_other_hosts, served
from site_fixtures import build
from test_public import ANA, BOB_NOTE, HOSTILE, journal

pytestmark = pytest.mark.browser
# Every way the hostile bodies could run code sets this flag; it must stay unset.
PWNED = "window.__pwned = 1"
EXTRA = f"""
<img src="missing.png" onerror="{PWNED}">
<p onmouseover="{PWNED}" id="hover-me">hover me</p>
<a id="js-link" href="javascript:{PWNED}">js link</a>
<details ontoggle="{PWNED}" open><summary>more</summary>text</details>
<body onload="{PWNED}">
<script>{PWNED}</script>
"""


@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_hostile_bodies_run_nothing_and_load_nothing_from_elsewhere(
    browser: Any, tmp_path: Path, public: bool
) -> None:
    body = HOSTILE + EXTRA
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="").replace("Ana runs", body),
            "notes/2026-11-10-bob-public.md": BOB_NOTE + "\n" + body,
        },
    )
    result = build(root, tmp_path / "site", *(["--public"] if public else []))
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)

    attempted = cut_off_other_hosts(context)
    dialogs: list[str] = []
    try:
        with served(tmp_path / "site") as base:
            for address in ("contacts/ana-lucia-nunez/", "notes/2026-11-10-bob-public/"):
                page = context.new_page()
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                watch = Watch(page)
                page.goto(base + address, wait_until="networkidle")
                page.locator("#hover-me").hover()
                page.locator("#js-link").click()
                page.wait_for_timeout(200)
                assert page.evaluate("window.__pwned") is None, address
                assert page.locator("article img[src='photo.png']").count() == 1
                assert page.locator("article .cc-card").count() == 1  # our own HTML is kept
                # The pictures next to the page are not there (404); nothing else may go wrong.
                assert [e for e in watch.errors if "status of 404" not in e] == [], address
                assert watch.foreign() == []
    finally:
        context.close()
    assert attempted == [] and dialogs == []
