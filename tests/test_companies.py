"""/companies/ and /companies/<slug>/ from the contacts' `company`, and `check`'s report of one
organisation written two ways (issue 11, item 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, MakeJournal, Run
from site_fixtures import article, between, build, copy_journal, page, visible_text


def _words(fragment: str) -> str:
    """What a reader sees, each element's text apart: "People 2", not "People2"."""
    spaced = visible_text(re.sub(r"<", " <", fragment))
    return re.sub(r"\s+([,:)])", r"\1", re.sub(r"\(\s+", "(", " ".join(spaced.split())))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("companies")
    journal = copy_journal(REPO, root / "journal")
    result = build(journal, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_index_lists_each_company_with_people_and_replies(site: Path) -> None:
    html = article(page(site, "companies/"))
    body = between(html, "<tbody>", "</tbody>")
    rows = [_words(r) for r in re.findall(r"<tr>(.*?)</tr>", body)]
    assert len(rows) == 13  # 15 contacts, two pairs at one organisation
    assert "Enoch Pratt Free Library 2 1 1 of 1 (100%) 8 days" in rows
    assert "Patapsco Valley Public Library 2 1 1 of 3 (33%) 0 days" in rows
    assert "Little Harbor Speech & Language 1 0 no requests —" in rows
    nav = page(site, "")
    assert 'href="companies/"' in nav


def test_company_page_has_people_conversations_and_what_you_learned(site: Path) -> None:
    text = _words(article(page(site, "companies/enoch-pratt-free-library/")))
    assert (
        "People 2 Conversations 1 Requests answered 1 of 1 (100%) Median days to reply 8 days"
        in (text)
    )
    assert (
        "Ana Lucía Núñez, Branch manager, Highlandtown branch — thanked "
        "Kwame Asante, Teen services librarian — keeping in touch" in text
    )
    assert "What did I learn about the company? The Pratt system is large, has a union" in text
    assert "degree_required: masters (8 Oct 2026)" in text


def test_check_reports_a_likely_duplicate_company(
    run: Run, make_journal: MakeJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-21")
    root = make_journal(
        {
            "contacts/ana.md": "---\nname: Ana\ncompany: Enoch Pratt Free Library\n---\n",
            "contacts/kwame.md": "---\nname: Kwame\nrole: Librarian\ncompany: Enoch Pratt Library\n---\n",
            "contacts/rosa.md": "---\nname: Rosa\ncompany: Patapsco Valley Public Library\n---\n",
            "contacts/same.md": "---\nname: Same\ncompany: enoch pratt  free library\n---\n",
        }
    )
    result = run("check", journal=root)
    assert (result.exit_code, result.output) == (
        0,
        "contacts/kwame.md:4: warning: company “Enoch Pratt Library” looks like “Enoch Pratt Free "
        "Library” (contacts/ana.md): if they are one organisation, write its name the same way\n"
        "0 errors and 1 warning in 4 contacts and 0 notes.\n",
    )
