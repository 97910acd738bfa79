"""End to end in a real Chromium: the comparison page for a shared question shows every answer,
its links lead to the notes, and one click on a field shows only that field's answers."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_shared_question_shows_every_answer_and_links_back(browser: Any, example_url: str) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(example_url) else outside.append(request.url)
        ),
    )
    page.goto(f"{example_url}/compare/typical-week/")
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
        page.goto(f"{example_url}/compare/typical-week/{href}")
        assert page.locator("#what-is-a-typical-week-like").count() == 1, href
    assert outside == []
    page.close()
