"""Everything a user typed in front matter reaches the site as text, never as markup: a journal
whose every field is hostile (tests/data/site-journals/hostile) builds into pages with no live
tag and no `javascript:` link, in the pages, their <title>s and the search index. The user's own
Markdown bodies keep MkDocs' normal behaviour."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from coffeechat.write.edits import init_journal
from site_fixtures import SITE_DATA, article, build, copy_journal, page, title

# Live markup that only a front-matter value could have put there.
LIVE = (
    "<img src=x",
    "<img src=y",
    "<script>alert",
    "<svg onload",
    "<iframe",
    "<marquee",
    "<video",
    "<object",
    "<style>body",
    "<b>t</b>",
    "<b>nt</b>",
    "<b>555",
    "<u>Someone",
    "<i>alumni",
    "<em>Officer",
)
# A tag whose link or source is a script (escaped text has no "<", so it cannot match).
JAVASCRIPT_LINK = re.compile(
    r"""<[a-z][^<>]*\b(href|src|action|data)\s*=\s*["']?\s*javascript:""", re.I
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("hostile")
    journal = copy_journal(SITE_DATA / "hostile", root / "journal")
    result = build(journal, root / "site")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return root / "site", result.output


@pytest.fixture(scope="module")
def site(built: tuple[Path, str]) -> Path:
    return built[0]


def generated_files(site: Path) -> list[Path]:
    """What a browser reads as markup or feeds to the search (follow-ups.ics is plain text)."""
    return [
        p
        for p in sorted(site.rglob("*"))
        if p.suffix in (".html", ".json", ".xml") and "assets" not in p.parts
    ]


def test_no_value_becomes_live_markup_anywhere(site: Path) -> None:
    files = generated_files(site)
    assert len(files) > 8
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(site)}: {live}" for live in LIVE if live in text]
        found += [f"{path.relative_to(site)}: {m[0]}" for m in JAVASCRIPT_LINK.finditer(text)]
    assert not found, "unescaped values:\n" + "\n".join(found)


def test_contact_page_shows_every_hostile_value_as_text(site: Path) -> None:
    text = page(site, "contacts/hostile/")
    assert title(text).startswith("&lt;img src=x onerror=alert(1)&gt; - ")
    html = article(text)
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in html
    for shown in (
        "&lt;script&gt;alert(2)&lt;/script&gt;",  # company
        "Chief &lt;em&gt;Officer&lt;/em&gt;",  # role
        "&lt;b&gt;t&lt;/b&gt;",  # tag
        "&lt;iframe src=javascript:alert(7)&gt;",  # a key of the user's own
        "&lt;marquee&gt;email&lt;/marquee&gt;",  # outreach channel
        "&lt;script&gt;alert(8)&lt;/script&gt;",  # outreach note
        "&lt;u&gt;Someone&lt;/u&gt;",  # referred_by, free text
        "&lt;i&gt;alumni&lt;/i&gt;",  # source
    ):
        assert shown in html, shown
    # Not web addresses, so shown as text and never linked.
    assert "<td>javascript:alert(4)</td>" in html
    assert "JaVaScRiPt:alert(6)" in html
    assert 'href="mailto:x%22%3E%3Cscript%3Ealert%285%29%3C%2Fscript%3E@example.org"' in html, (
        "the quote cannot end the attribute"
    )


def test_multi_paragraph_event_note_stays_text(site: Path) -> None:
    """Blank lines inside a value must not end the HTML block and let Markdown parse the rest."""
    html = article(page(site, "contacts/hostile/"))
    assert "[click me](javascript:alert(13))" in html
    assert "&lt;script&gt;alert(14)&lt;/script&gt;" in html


def test_note_page_shows_every_hostile_value_as_text(site: Path) -> None:
    text = page(site, "notes/2026-11-10-hostile/")
    assert title(text).startswith("&lt;img src=x onerror=alert(1)&gt;, 10 Nov 2026 - ")
    html = article(text)
    for shown in (
        "&lt;svg onload=alert(3)&gt;",  # facts
        "&lt;img src=y onerror=alert(9)&gt; <em>(lead)</em>",  # referral by name
        "&lt;script&gt;alert(10)&lt;/script&gt;",  # referral company
        "&lt;svg onload=alert(11)&gt;",  # referral note
        "&lt;script&gt;alert(12)&lt;/script&gt;",  # follow-up task
        "&lt;video src=x onerror=alert(15)&gt;",  # format
        "&lt;object data=x&gt;&lt;/object&gt;",  # a key of the user's own
        "&lt;b&gt;nt&lt;/b&gt;",  # tag
    ):
        assert shown in html, shown


def test_index_pages_and_dashboard_escape_names(site: Path) -> None:
    name = "&lt;img src=x onerror=alert(1)&gt;"
    assert name in article(page(site, ""))  # the upcoming meeting on 30 Nov
    assert name in article(page(site, "contacts/"))
    assert name in article(page(site, "notes/"))
    assert "&lt;script&gt;alert(12)&lt;/script&gt;" in article(page(site, "follow-ups/"))


def test_search_index_holds_escaped_text_only(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    contact = next(d for d in docs if d["location"] == "contacts/hostile/")
    assert contact["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in contact["text"]
    for doc in docs:
        for field in ("title", "text"):
            assert not [live for live in LIVE if live in doc[field]], (doc["location"], field)
        for tag in doc.get("tags", []):
            assert "<" not in tag, doc["location"]


def test_users_own_markdown_keeps_its_normal_behaviour(site: Path) -> None:
    contact = article(page(site, "contacts/hostile/"))
    assert 'My own <strong>bold</strong> notes with <span class="mine">inline html</span>.' in (
        contact
    )
    note = article(page(site, "notes/2026-11-10-hostile/"))
    assert "<strong>Strong</strong> opinions about <em>everything</em>." in note
    assert '<h2 id="what-did-i-learn-about-the-job">' in note
    own = article(page(site, "about/"))
    assert "<strong>plain Markdown</strong> and <kbd>inline HTML</kbd>" in own


def test_unsafe_links_are_reported_with_file_and_line(built: tuple[Path, str]) -> None:
    output = built[1]
    assert "contacts/hostile.md:9:" in output and "linkedin" in output
    assert "contacts/hostile.md:10:" in output and "website" in output


def test_words_like_our_placeholders_in_a_note_stay_as_written(tmp_path: Path) -> None:
    """The plugin parks generated HTML behind a one-word placeholder while Markdown runs; a user
    who happens to write such a word must get their text back, not our HTML or a crash."""
    journal = tmp_path / "journal"
    init_journal(journal)
    (journal / "contacts" / "ana.md").write_text("---\nname: Ana\n---\n", encoding="utf-8")
    body = "## Odd words\n\nccblock0z, ccblock99z and ccblockx1z stay as written.\n"
    note = f"---\ncontact: ana\ndate: 2026-11-20\n---\n{body}"
    (journal / "notes" / "2026-11-20-ana.md").write_text(note, encoding="utf-8")
    result = build(journal, tmp_path / "site", "--strict")
    assert result.exit_code == 0, result.output
    html = article(page(tmp_path / "site", "notes/2026-11-20-ana/"))
    assert "ccblock0z, ccblock99z and ccblockx1z stay as written." in html
    assert 'class="cc-card"' in html  # the generated header is still restored
