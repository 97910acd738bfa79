"""Options as a user writes them: `nudge_days: 3B7` and custom `questions` in a real mkdocs.yml,
through the command line (`due`, `compare`) and a real MkDocs build (the plugin's own config
class), not through Options(...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MakeJournal, Run
from site_fixtures import build, page

MKDOCS_YML = """\
site_name: Options
docs_dir: pages
plugins:
  - coffeechat:
      nudge_days: 3B7
      questions:
        - id: tools
          text: Which tools do you use every day?
          topic: skills
          aliases: [Tools of the trade]
"""

NOTE = """\
---
contact: {slug}
date: {day}
---

## {heading}

{answer}
"""


@pytest.fixture
def journal(make_journal: MakeJournal) -> Path:
    return make_journal(
        {
            "mkdocs.yml": MKDOCS_YML,
            "pages/pitch.md": "# Pitch\n",
            # 19 Nov 2026 is a Thursday: 3 business days on is Tuesday 24, 7 is Monday 30.
            "contacts/ana.md": (
                "---\nname: Ana Núñez\ncompany: Acme\noutreach:\n"
                "  - {date: 2026-11-19, event: sent, channel: email}\n---\n"
            ),
            "contacts/ben.md": "---\nname: Ben Ruiz\nfield: Welding\n---\n",
            "contacts/cy.md": "---\nname: Cy Young\nfield: Welding\n---\n",
            # The question's text in one note, its alias in the other: one key, `tools`.
            "notes/2026-11-02-ben.md": NOTE.format(
                slug="ben",
                day="2026-11-02",
                heading="Which tools do you use every day?",
                answer="A grinder and a TIG torch.",
            ),
            "notes/2026-11-09-cy.md": NOTE.format(
                slug="cy", day="2026-11-09", heading="Tools of the trade", answer="Mostly a laptop."
            ),
        }
    )


def _due(run: Run, root: Path, today: str) -> list[dict[str, object]]:
    result = run("due", "--format", "json", "--today", today, journal=root)
    assert result.exit_code == 0, result.output
    items: list[dict[str, object]] = json.loads(result.stdout)
    return [item for item in items if item["contact"] == "ana"]


def test_due_reads_3b7_from_mkdocs_yml(run: Run, journal: Path) -> None:
    first = _due(run, journal, "2026-11-20")
    assert [(i["kind"], i["due"]) for i in first] == [("nudge", "2026-11-24")]
    assert "after 3 business days — write to a second person at Acme too" in str(first[0]["reason"])
    second = _due(run, journal, "2026-11-30")
    assert [(i["kind"], i["due"]) for i in second] == [("nudge", "2026-11-30")]
    assert "after 7 business days — send a short follow-up" in str(second[0]["reason"])


def test_compare_command_reads_custom_questions_from_mkdocs_yml(run: Run, journal: Path) -> None:
    result = run("compare", "tools", "--format", "json", journal=journal)
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)
    assert [a["note"] for a in answers] == ["2026-11-02-ben", "2026-11-09-cy"]
    assert [a["answer"] for a in answers] == ["A grinder and a TIG torch.", "Mostly a laptop."]
    # the question's text finds the key too
    by_text = run("compare", "Which tools do you use every day?", journal=journal)
    assert by_text.exit_code == 0 and "Mostly a laptop." in by_text.stdout


def test_build_reads_both_options_from_mkdocs_yml(journal: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build(journal, site, "--strict")  # site_fixtures' today: 2026-11-21
    assert result.exit_code == 0, result.output
    # The custom question has its comparison page, titled with its text, both answers on it.
    tools = page(site, "compare/tools")
    assert "Which tools do you use every day?" in tools
    assert "A grinder and a TIG torch." in tools and "Mostly a laptop." in tools
    assert 'href="../../notes/2026-11-09-cy/' in tools
    assert not (site / "compare" / "tools-of-the-trade").exists()  # the alias is no key
    # 3B7 on the site: the first step, due Tuesday 24 Nov, in the calendar feed too.
    ics = (site / "follow-ups.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261124" in ics
    assert "after 3 business days" in page(site, "follow-ups")


def test_defaults_without_options_in_mkdocs_yml(run: Run, journal: Path) -> None:
    """No coffeechat options at all: a 7 calendar-day nudge, and `tools` is an ordinary key."""
    (journal / "mkdocs.yml").write_text(
        "site_name: Options\ndocs_dir: pages\nplugins:\n  - coffeechat\n", encoding="utf-8"
    )
    items = _due(run, journal, "2026-11-20")
    assert [(i["kind"], i["due"]) for i in items] == [("nudge", "2026-11-26")]
    result = run("compare", "tools", journal=journal)
    assert result.exit_code != 0  # the two headings are two different keys now
