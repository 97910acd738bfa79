"""End to end in a real Chromium: the request draft on a contact page and the thank-you draft on a
note page carry, in their mailto: links, exactly the letter shown on the page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser


def _draft_on(browser: Any, example_url: str, path: str) -> tuple[str, str, str, dict[str, str]]:
    """(href, subject shown, letter shown, the link as the browser itself parses it)."""
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(example_url) else outside.append(r.url))
    page.goto(example_url + path)
    draft = page.locator("div.cc-draft").first
    link = draft.locator("a.cc-mailto")
    assert link.is_visible()
    href = link.get_attribute("href")
    shown = draft.locator("pre.cc-letter").inner_text()
    subject = draft.locator(".cc-draft-subject").inner_text().removeprefix("Subject:").strip()
    # The browser's own URL parser accepts it as a mailto: link, and decodes it the same way.
    parsed = link.evaluate(
        """a => {
            const url = new URL(a.href);
            const query = new URLSearchParams(url.search);
            return {protocol: url.protocol, to: decodeURIComponent(url.pathname),
                    subject: query.get("subject"), body: query.get("body")};
        }"""
    )
    page.close()
    assert outside == []
    return href, subject, shown, parsed


def _decoded(href: str) -> tuple[str, str, str]:
    parts = urlsplit(href)
    query = parse_qs(parts.query, strict_parsing=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


def test_request_link_carries_the_letter_shown(browser: Any, example_url: str) -> None:
    href, subject, shown, parsed = _draft_on(browser, example_url, "/contacts/ana-lucia-nunez/")
    assert "Professor Dana Whitfield suggested I write to you." in shown
    assert shown.startswith("Dear Ana Lucía Núñez,\n\nProfessor Dana Whitfield")
    to, link_subject, body = _decoded(href)
    assert to == "anunez@pratt-library.example.org"
    assert link_subject == subject == "A 20-minute conversation about librarianship?"
    assert body == shown.replace("\n", "\r\n")
    assert parsed == {
        "protocol": "mailto:",
        "to": to,
        "subject": subject,
        "body": body,
    }


def test_thank_you_link_carries_the_letter_shown(browser: Any, example_url: str) -> None:
    path = "/notes/2026-11-20-terrence-oduya/"
    href, subject, shown, parsed = _draft_on(browser, example_url, path)
    assert "I especially appreciated hearing how you got started in the field." in shown
    to, link_subject, body = _decoded(href)
    assert to == "toduya@patapscotesting.example.com"
    assert (link_subject, body) == (subject, shown.replace("\n", "\r\n"))
    assert parsed["protocol"] == "mailto:" and parsed["body"] == body
