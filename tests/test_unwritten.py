"""Only what the user wrote reaches the page: the templates' guidance lives in HTML comments, an
unanswered question is no empty heading on a note page and no answer on /compare/, and `check`
points at template text left in place (issue 11, item 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coffeechat.read.sections import answered_only
from conftest import MakeJournal, Run
from site_fixtures import article, build, page, visible_text

OLD_CONTACT = (
    "---\nname: Old Style\n---\n\n"
    "What you know about them before you write: shared school or people in common, what they\n"
    "work on, something of theirs you read. It helps you write the request and prepare.\n"
)


def _new_journal(run: Run, root: Path) -> None:
    assert run("init", str(root)).exit_code == 0
    assert run("new", "contact", "Ana Lucía Núñez", journal=root).exit_code == 0
    made = run("new", "note", "ana-lucia-nunez", "--date", "2026-11-10", journal=root)
    assert made.exit_code == 0, made.output


def test_template_text_is_in_comments_and_not_on_the_site(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "journal"
    _new_journal(run, root)
    note = root / "notes" / "2026-11-10-ana-lucia-nunez.md"
    text = note.read_text(encoding="utf-8")
    text = text.replace(
        "## What is a typical week like?\n",
        "## What is a typical week like?\n\nStory time on Tuesdays.\n",
    )
    note.write_text(text, encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    note_html = article(page(tmp_path / "site", "notes/2026-11-10-ana-lucia-nunez/"))
    headings = [visible_text(h).strip("¶") for h in re.findall(r"<h2[^>]*>(.*?)</h2>", note_html)]
    assert headings[0] == "What is a typical week like?"
    assert "Story time on Tuesdays." in note_html
    assert "How did you get started" not in note_html  # unanswered: no empty heading
    assert "Leave out" not in visible_text(note_html) and "Questions you leave" not in visible_text(
        note_html
    )
    contact_html = article(page(tmp_path / "site", "contacts/ana-lucia-nunez/"))
    assert "About" not in visible_text(contact_html)
    assert "What you know about them" not in visible_text(contact_html)
    prep = (
        article(page(tmp_path / "site", "prep/ana-lucia-nunez/"))
        if (tmp_path / "site" / "prep" / "ana-lucia-nunez").is_dir()
        else ""
    )
    assert "What you know about them" not in visible_text(prep)


def test_unanswered_questions_are_not_counted_on_compare(
    make_journal: MakeJournal, tmp_path: Path
) -> None:
    note = (
        "---\ncontact: {slug}\ndate: 2026-11-0{day}\n---\n\n"
        "## What is a typical week like?\n\n{week}\n\n"
        "## What advice would you give someone starting out?\n\n<!-- still to write -->\n\n"
    )
    root = make_journal(
        {
            "mkdocs.yml": "site_name: t\ntheme:\n  name: material\nplugins:\n  - coffeechat\n",
            "contacts/a.md": "---\nname: Ann A\nfield: libraries\n---\n",
            "contacts/b.md": "---\nname: Ben B\nfield: libraries\n---\n",
            "notes/2026-11-01-a.md": note.format(slug="a", day=1, week="Meetings."),
            "notes/2026-11-02-b.md": note.format(slug="b", day=2, week="Storytime."),
        }
    )
    result = build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert (site / "compare" / "typical-week" / "index.html").is_file()
    assert not (site / "compare" / "advice").exists()
    index = visible_text(article(page(site, "compare/")))
    # the comment-only answer is not counted: the row says nobody has answered it
    assert "What advice would you give someone starting out?nobody yet0" in index


@pytest.mark.parametrize(("today", "warned"), [("2026-11-17", False), ("2026-11-18", True)])
def test_check_warns_about_a_week_old_note_with_no_answers(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str, warned: bool
) -> None:
    root = tmp_path / "journal"
    _new_journal(run, root)
    monkeypatch.setenv("COFFEECHAT_TODAY", today)
    result = run("check", journal=root)
    expected = (
        "notes/2026-11-10-ana-lucia-nunez.md:16: warning: none of the 12 questions has an answer "
        "yet, 8 days after the conversation; write down what you remember, or delete the "
        "questions you did not ask\n0 errors and 1 warning in 1 contact and 1 note.\n"
        if warned
        else "No problems in 1 contact and 1 note.\n"
    )
    assert (result.exit_code, result.output) == (0, expected)


def test_check_warns_about_a_placeholder_contact_body(
    run: Run, make_journal: MakeJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-21")
    root = make_journal(
        {
            "contacts/old-style.md": OLD_CONTACT,
            "contacts/own-words.md": "---\nname: Own Words\n---\n\nWe met at the ALA conference.\n",
        }
    )
    result = run("check", journal=root)
    assert (result.exit_code, result.output) == (
        0,
        "contacts/old-style.md:5: warning: the text below the front matter is still the "
        "template's placeholder; replace it with what you know about them, or delete it (it "
        "shows as “About” and on the prep sheet)\n0 errors and 1 warning in 2 contacts and 0 notes.\n",
    )


def test_answered_only_keeps_code_and_subheadings() -> None:
    body = (
        "Intro.\n\n## Empty\n\n<!-- prompt -->\n\n## Kept\n\n```\n## not a heading\n```\n\n"
        "## Has a subheading\n### Sub\n\n## Last empty\n"
    )
    assert answered_only(body) == (
        "Intro.\n\n## Kept\n\n```\n## not a heading\n```\n\n## Has a subheading\n### Sub\n"
    )
    assert answered_only("No headings.\n") == "No headings.\n"
