"""The dashboard is read every morning: it shows today's follow-ups first, then the overdue ones,
never more than DASHBOARD_DUE, and links to the follow-ups page for the rest."""

from __future__ import annotations

import re
from datetime import date

from coffeechat.derive.derived import derive
from coffeechat.model import Journal
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal
from coffeechat.render.pages import DASHBOARD_DUE, render_site
from conftest import MakeJournal

TODAY = date(2026, 11, 21)


def _contact(number: int, sent: str) -> str:
    return (
        f"---\nname: Person {number:02d}\noutreach:\n"
        f"  - {{date: {sent}, event: sent, channel: email}}\n---\n"
    )


def test_due_now_is_capped_with_a_link_to_the_rest(make_journal: MakeJournal) -> None:
    files = {f"contacts/person-{n:02d}.md": _contact(n, "2026-10-01") for n in range(20)}
    files["contacts/thanked-today.md"] = "---\nname: Zoe Today\n---\n"
    files["notes/2026-11-20-thanked-today.md"] = (
        "---\ncontact: thanked-today\ndate: 2026-11-20\n---\n"
    )
    journal = read_journal(make_journal(files))
    site_text = dashboard_text(journal)
    due_now = site_text.split("## Due now", 1)[1].split("## ", 1)[0]
    items = re.findall(r"<li>", due_now)
    assert len(items) == DASHBOARD_DUE
    assert due_now.index("Zoe Today") < due_now.index("Person 00")  # today's item comes first
    assert f"{21 - DASHBOARD_DUE} more overdue or due today" in due_now
    assert 'href="follow-ups/"' in due_now


def test_a_short_list_is_shown_whole(make_journal: MakeJournal) -> None:
    journal = read_journal(make_journal({"contacts/a.md": _contact(1, "2026-10-01")}))
    due_now = dashboard_text(journal).split("## Due now", 1)[1].split("## ", 1)[0]
    assert len(re.findall(r"<li>", due_now)) == 1
    assert "more overdue" not in due_now


def dashboard_text(journal: Journal) -> str:
    pages = {page.src: page for page in render_site(journal, derive(journal, Options(), TODAY))}
    return pages["index.md"].text
