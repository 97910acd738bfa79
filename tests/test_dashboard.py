"""The dashboard is read every morning: overdue items (oldest first) then today's, each group
counted; items more than three weeks late folded into one line; the week ahead at a glance; how
late each item is said in words, so urgency does not rest on colour alone."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from coffeechat.derive.derived import derive
from coffeechat.model import Journal
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal
from coffeechat.render.pages import DASHBOARD_DUE, render_site
from conftest import MakeJournal
from site_fixtures import REPO, article, between, build, copy_journal, page, visible_text

TODAY = date(2026, 11, 21)


def _contact(number: int, sent: str) -> str:
    return (
        f"---\nname: Person {number:02d}\noutreach:\n"
        f"  - {{date: {sent}, event: sent, channel: email}}\n---\n"
    )


def _words(fragment: str) -> str:
    return re.sub(r"\s+", " ", visible_text(fragment)).strip()


def test_overdue_oldest_first_then_today_each_counted_and_old_ones_folded(
    make_journal: MakeJournal,
) -> None:
    journal = read_journal(
        make_journal(
            {
                "contacts/old.md": _contact(1, "2026-09-01"),  # nudge due 8 Sep: 74 days late
                "contacts/recent.md": _contact(2, "2026-11-05"),  # nudge due 12 Nov: 9 days late
                "contacts/thanked.md": "---\nname: Zoe Today\n---\n",
                "notes/2026-11-20-thanked.md": "---\ncontact: thanked\ndate: 2026-11-20\n---\n",
            }
        )
    )
    due_now = dashboard_text(journal).split("## Due now", 1)[1].split("\n## ", 1)[0]
    assert due_now.index("### \u26a0 Overdue (2)") < due_now.index("### \u25cf Today (1)")
    overdue = due_now.split("### \u26a0 Overdue (2)", 1)[1].split("###", 1)[0]
    summary = re.findall(r"<summary>(.*?)</summary>", overdue)
    assert summary == ["Older: 1 item more than 3 weeks late, the oldest from 8 Sep 2026"]
    folded = between(overdue, "<details", "</details>")
    assert "Person 01" in folded and "Person 02" not in folded
    assert overdue.index("Person 01") < overdue.index("Person 02"), "oldest first"
    assert '<span class="cc-late">9 days late</span>' in overdue
    today = due_now.split("### \u25cf Today (1)", 1)[1]
    assert _words(today).startswith(
        "21 Nov 2026 due today thank-you Zoe Today: Thank Zoe Today for the conversation of 20 Nov"
    )


def test_each_group_is_capped_with_a_link_to_the_rest(make_journal: MakeJournal) -> None:
    files = {f"contacts/person-{n:02d}.md": _contact(n, "2026-11-10") for n in range(20)}
    journal = read_journal(make_journal(files))
    overdue = dashboard_text(journal).split("### \u26a0 Overdue (20)", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"<li>", overdue)) == DASHBOARD_DUE
    assert f">{20 - DASHBOARD_DUE} more overdue</a> on the follow-ups page" in overdue
    assert 'href="follow-ups/"' in overdue


def test_nothing_due_says_so(make_journal: MakeJournal) -> None:
    journal = read_journal(make_journal({"contacts/a.md": "---\nname: A\n---\n"}))
    due_now = dashboard_text(journal).split("## Due now", 1)[1].split("\n## ", 1)[0]
    assert _words(due_now) == "Nothing overdue or due today."


def test_the_week_ahead_has_one_line_a_day(make_journal: MakeJournal) -> None:
    journal = read_journal(
        make_journal(
            {
                "contacts/sent.md": _contact(
                    1, "2026-11-17"
                ),  # nudge due 24 Nov, as is Mia's prepare
                "contacts/meet.md": (
                    "---\nname: Mia Meet\noutreach:\n"
                    "  - {date: 2026-11-20, event: scheduled, channel: email,"
                    " meeting: 2026-11-26}\n---\n"
                ),
            }
        )
    )
    week = between(dashboard_text(journal), '<ul class="cc-week">', "</ul>")
    lines = [_words(li) for li in re.findall(r"<li>(.*?)</li>", week)]
    assert lines == [
        "Sun 22 Nov free",
        "Mon 23 Nov free",
        "Tue 24 Nov prepare Mia Meet \u00b7 nudge Person 01",
        "Wed 25 Nov free",
        "Thu 26 Nov meeting Mia Meet",
        "Fri 27 Nov free",
        "Sat 28 Nov free",
    ]


def test_a_pinned_day_is_said_on_the_page(make_journal: MakeJournal) -> None:
    journal = read_journal(make_journal({"contacts/a.md": "---\nname: A\n---\n"}))
    derived = derive(journal, Options(), TODAY)
    pinned = {p.src: p for p in render_site(journal, derived, today_pinned=True)}["index.md"]
    clock = {p.src: p for p in render_site(journal, derived)}["index.md"]
    assert "Today is Sat 21 Nov 2026." in clock.text
    assert "built as of this day" not in clock.text
    assert "Today is Sat 21 Nov 2026. The site was built as of this day" in pinned.text


def test_the_example_built_with_today_shows_its_own_week(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    html = article(page(tmp_path / "site", ""))
    assert _words(between(html, '<p class="cc-today">', "</p>")) == (
        "Today is Sat 21 Nov 2026. The site was built as of this day (--today), not the"
        " calendar's date: what is due and overdue is counted from it."
    )
    assert "Overdue (7)" in html and "Today (2)" in html
    assert "Older: 1 item more than 3 weeks late" in html


def dashboard_text(journal: Journal) -> str:
    pages = {page.src: page for page in render_site(journal, derive(journal, Options(), TODAY))}
    return pages["index.md"].text
