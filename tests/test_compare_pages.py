"""The comparison pages and prep sheets, built from the example journal (the repository itself), plus
golden files of the generated Markdown (tests/data/compare/golden; UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from coffeechat.cli import main
from coffeechat.derive.compare import Comparison, compare
from coffeechat.derive.derived import derive
from coffeechat.mkdocs_plugin import _inclusion
from coffeechat.read.config import Options, load_options
from coffeechat.read.journal import read_journal
from coffeechat.render.compare import compare_pages, facts_page, key_page, key_src
from coffeechat.render.html import Links
from coffeechat.render.pages import Site, render_site
from conftest import DATA, REPO

GOLDEN = DATA / "compare" / "golden"
TODAY = date(2026, 11, 21)


def build(journal: Path, site_dir: Path) -> None:
    with pytest.MonkeyPatch.context() as env:  # `build --today` sets COFFEECHAT_TODAY
        env.setenv("COFFEECHAT_TODAY", TODAY.isoformat())
        args = ["--journal", str(journal), "build", "--strict", "--today", TODAY.isoformat()]
        result = CliRunner().invoke(main, [*args, "--site-dir", str(site_dir)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    build(REPO, target)
    return target


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def target(site: Path, address: str, href: str) -> Path:
    """The file a relative link on page `address` opens."""
    path = href.split("#", 1)[0]
    resolved = (site / address / path).resolve()
    return resolved / "index.html" if resolved.is_dir() else resolved


# -- the example journal, built -----------------------------------------------------------------


def test_compare_index_lists_shared_questions_by_topic_and_the_unasked(site: Path) -> None:
    html = page(site, "compare")
    assert "15 questions answered in two or more conversations" in html
    assert '<h2 id="topic-day-to-day">The job day to day</h2>' in html
    row = re.search(
        r'<a href="([^"]+)">What is a typical week like\?</a></td><td>9</td><td>8</td>', html
    )
    assert row and target(site, "compare", row.group(1)).parent.name == "typical-week"
    assert re.search(r'href="[^"]*overtime/">Night shifts and overtime</a>', html)  # user's own
    unasked = html.split('id="not-asked-yet"', 1)[1]
    assert "What is it like to work at your organization?" in unasked
    assert "What is a typical week like?" not in unasked
    for href in links(html):
        if not href.startswith(("http", "#", "mailto:")):
            assert target(site, "compare", href).is_file(), href


def test_key_page_shows_every_answer_with_links_back(site: Path) -> None:
    html = page(site, "compare/typical-week")
    notes = [n for n in read_journal(REPO).notes if "typical-week" in {s.key for s in n.sections}]
    assert len(notes) == 8
    assert html.count('class="cc-answer"') == 8
    hrefs = links(html)
    for note in notes:
        href = f"../../notes/{note.slug}/#what-is-a-typical-week-like"
        assert href in hrefs
        assert target(site, "compare/typical-week", href).is_file()
        note_html = page(site, f"notes/{note.slug}")
        assert 'id="what-is-a-typical-week-like"' in note_html  # the anchor exists
    assert '<a href="../../contacts/harold-kim/">Harold Kim</a>' in html
    # Rendered as Markdown: Luis's list is a list, Shawn's bold stays bold on other pages.
    assert "<li>58 students across two elementary schools.</li>" in html
    # Grouped by field, with one-click filters per field and company.
    assert '<h2 class="cc-group" id="field-welding">Welding <small>(4)</small></h2>' in html
    assert '<a class="cc-chip" href="#field-librarianship">Librarianship (2)</a>' in html
    assert 'href="#company-enoch-pratt-free-library"' in html
    assert 'id="company-enoch-pratt-free-library"' in html


def test_facts_page_summarises_and_marks_disagreement(site: Path) -> None:
    html = page(site, "compare/facts")
    assert "masters: 4, none: 4" in html
    assert "min 37.5 · median 45 · max 60 (n=8)" in html
    assert "yes: 7, no: 1" in html
    assert re.search(
        r'<tr class="cc-disagree"><th scope="row"><span class="cc-fact-key" '
        r'title="facts: would_choose_again">Would choose again</span>',
        html,
    )
    assert '<td class="cc-differs">no</td>' in html  # Luis would not choose it again
    # would_choose_again, remote_possible: in the side-by-side grid and in the by-note table
    assert html.count('<td class="cc-differs">') == 4
    assert "Evening weekend shifts</span></th><td>2</td><td>yes: 2</td>" in html
    assert "min 41,600 · median 57,000 · max 72,000 (n=8)" in html
    grid = html.split('id="side-by-side"', 1)[1].split('id="by-note"', 1)[0]
    rows = re.findall(r'<tr( class="cc-disagree")?><th scope="row"><span [^>]*>([^<]+)<', grid)
    assert ("", "Evening weekend shifts") in rows  # yes: 2, nobody differs
    assert (' class="cc-disagree"', "Would choose again") in rows
    assert len(rows) == 9  # one row per fact
    assert '<td class="cc-number" data-sort="41600">41,600</td>' in grid


def test_reflections_page_newest_first_with_links_back(site: Path) -> None:
    html = page(site, "compare/reflections")
    for prompt in (
        "What did I learn about the job?",
        "What did I learn about the larger career field?",
        "What did I learn about the company?",
        "What did I learn about the skills and competencies needed?",
        "What are my next steps?",
    ):
        assert f">{prompt}</h2>" in html
    steps = html.split('id="next-steps"', 1)[1]
    dates = re.findall(r'#what-are-my-next-steps">([^<]+)</a>', steps)
    assert dates[:3] == ["20 Nov 2026", "19 Nov 2026", "12 Nov 2026"]
    assert len(dates) == 7
    for href in links(html):
        if "/notes/" in href:
            assert target(site, "compare/reflections", href).is_file()


def test_prep_sheet_for_helen_markowitz(site: Path) -> None:
    html = page(site, "prep/helen-markowitz")
    assert "<h1" in html and "Prep: Helen Markowitz" in html
    assert (
        '<strong>Meeting:</strong> <time datetime="2026-11-25">25 Nov 2026</time> (email)' in html
    )
    assert "Video call, 30 minutes, the day before Thanksgiving." in html
    # Named in the branch visit's referrals: that counts as referring her.
    assert '<th scope="row">Referred by</th><td><a href="../../contacts/ana-lucia-nunez/">' in html
    assert "Helen transferred from our community college" in html  # the research notes
    questions = html.split('id="questions"', 1)[1].split('id="others-said"', 1)[0]
    assert "Not answered yet in Librarianship" in questions
    assert "☐ What did you study, and how well did it prepare you?" in questions
    assert "What is a typical week like?" not in questions  # Harold and Ana Lucía answered it
    said = html.split('id="others-said"', 1)[1]
    assert "What others in Librarianship or at Chesapeake State University Library said" in said
    assert '<a href="../../compare/typical-week/">What is a typical week like?</a>' in said
    assert "Harold Kim</strong>, Patapsco Valley Public Library" in said
    assert "Welding" not in said and "Marcus" not in said
    assert len(html) < 60_000  # one or two printed pages, not the whole journal


def test_dashboard_links_prep_sheets(site: Path) -> None:
    html = page(site, "")
    assert '<a href="prep/helen-markowitz/">prep sheet</a>' in html
    assert '<a href="prep/grace-whitaker/">prep sheet</a>' in html
    assert (site / "prep/grace-whitaker/index.html").is_file()


def test_compare_pages_stay_out_of_the_nav(site: Path) -> None:
    from mkdocs.structure.files import InclusionLevel

    assert _inclusion("compare/index.md") == InclusionLevel.UNDEFINED
    for src in ("compare/typical-week.md", "compare/facts.md", "prep/helen-markowitz.md"):
        assert _inclusion(src) == InclusionLevel.NOT_IN_NAV
    nav = page(site, "").split('<nav class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="compare/"' in nav
    assert "typical-week" not in nav and "prep/" not in nav


def test_comparison_can_be_switched_off(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    for name in ("contacts", "notes", "pages"):
        shutil.copytree(REPO / name, journal / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      prepare_days: 2", "      prepare_days: 2\n      compare: false")
    (journal / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert load_options(journal).compare is False
    build(journal, tmp_path / "site")
    assert not (tmp_path / "site" / "compare").exists()
    assert not (tmp_path / "site" / "prep").exists()
    dashboard = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "prep sheet" not in dashboard
    assert 'href="compare/"' not in dashboard


# -- the render functions: golden Markdown and escaping -------------------------------------------


def _site_and_comparison(root: Path, today: date = TODAY) -> tuple[Site, Comparison]:
    options = load_options(root) if (root / "mkdocs.yml").is_file() else Options()
    journal = read_journal(root, options.bank)
    derived = derive(journal, options, today)
    comparison = compare(journal, options.bank, derived.meetings)
    return Site(journal, derived, Links(True), comparison), comparison


@pytest.fixture(scope="module")
def example() -> tuple[Site, Comparison]:
    return _site_and_comparison(REPO)


@pytest.mark.parametrize(
    ("golden", "render"),
    [
        ("facts.md", lambda s, c: facts_page(s, c)),
        ("typical-week.md", lambda s, c: key_page(s, c.keys["typical-week"])),
    ],
)
def test_golden_markdown(example: tuple[Site, Comparison], golden: str, render: object) -> None:
    site, comparison = example
    text = render(site, comparison).text  # type: ignore[operator]
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):  # UPDATE_GOLDEN=1 pytest ...: after a deliberate change
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_render_site_adds_compare_pages_only_when_asked(example: tuple[Site, Comparison]) -> None:
    site, comparison = example
    without = {p.src for p in render_site(site.journal, site.derived)}
    with_compare = {p.src for p in render_site(site.journal, site.derived, True, comparison)}
    added = with_compare - without
    assert {"compare/index.md", "compare/facts.md", "compare/reflections.md"} <= added
    assert {"prep/helen-markowitz.md", "prep/grace-whitaker.md"} <= added
    assert "compare/typical-week.md" in added and "compare/overtime.md" in added
    assert without <= with_compare


def test_key_addresses_never_clash_with_our_own_pages() -> None:
    assert key_src("typical-week") == "compare/typical-week.md"
    assert key_src("facts") == "compare/facts-f6d1842e.md"
    assert key_src("index") == "compare/index-e540cdd1.md"
    assert key_src("reflections").startswith("compare/reflections-")
    assert key_src("a/b c") == "compare/a-b-c-9f597a63.md"
    # a key spelled like another key's page (`index-answers`) keeps its own page
    assert key_src("index-answers") == "compare/index-answers.md"


def _pages(root: Path) -> Iterator[tuple[str, str]]:
    site, comparison = _site_and_comparison(root, date(2026, 3, 20))
    for rendered in compare_pages(site, comparison):
        yield rendered.src, rendered.text


def test_every_value_from_front_matter_is_escaped() -> None:
    pages = dict(_pages(DATA / "compare"))
    assert "prep/dev-patel.md" in pages
    everything = "\n".join(pages.values())
    for raw in ("<script>", "<b>Sons</b>", "<i>Welder</i>", "<img src=x"):
        assert raw not in everything, raw
    assert "Eve &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in everything
    assert "Smith &amp; &lt;b&gt;Sons&lt;/b&gt;" in everything
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["compare/facts.md"]
    # A heading with HTML in it is shown escaped, in the page title too.
    key = "pay-script-alert-1-script-perks"
    assert key_src(key) not in pages  # in one note only: no page of its own
    site, comparison = _site_and_comparison(DATA / "compare", date(2026, 3, 20))
    text = key_page(site, comparison.keys[key]).text
    assert 'title: "Pay &lt;script&gt;alert(1)&lt;/script&gt; &amp; perks"' in text
    assert "<script>" not in text


# -- what the golden files must say, written by hand from the example notes ------------------------


def _summary_row(text: str, fact: str) -> str:
    pattern = rf'<tr[^>]*><th scope="row"><span [^>]*title="facts: {fact}">.*?</tr>'
    row = re.search(pattern, text)
    assert row, fact
    return row.group()


def test_facts_page_rows_from_the_notes(example: tuple[Site, Comparison]) -> None:
    """hours_per_week in the notes' facts: Shawn 60, Marcus 50, Gina 45, Terrence 45 (welding),
    Ana Lucía 40, Harold 37.5 (librarianship), Denise 42, Luis 45 (speech-language pathology)."""
    text = facts_page(*example).text
    hours = _summary_row(text, "hours_per_week")
    assert "<td>8</td><td>min 37.5 · median 45 · max 60 (n=8)</td>" in hours
    assert "<li>Welding — min 45 · median 47.5 · max 60 (n=4)</li>" in hours
    assert "<li>Librarianship — min 37.5 · median 38.75 · max 40 (n=2)</li>" in hours
    assert 'class="cc-disagree"' in hours and "≠" in hours  # six different values
    pay = _summary_row(text, "starting_pay")
    assert "min 41,600 · median 57,000 · max 72,000 (n=8)" in pay  # Gina's and Denise's
    # Every note is a row of the table, newest first, linking the note and its people.
    rows = re.findall(r'<td data-sort="(\d{4}-\d\d-\d\d)"><a href="([^"]+)">', text)
    assert [day for day, _ in rows] == [
        "2026-11-20", "2026-11-19", "2026-11-12", "2026-10-21",
        "2026-10-08", "2026-10-02", "2026-09-10", "2026-08-28",
    ]  # fmt: skip
    assert rows[0][1] == "../../notes/2026-11-20-terrence-oduya/"
    group = '<a href="../../contacts/ana-lucia-nunez/">Ana Lucía Núñez</a>; '
    assert group + '<a href="../../contacts/kwame-asante/">Kwame Asante</a>' in text


def test_typical_week_page_from_the_notes(example: tuple[Site, Comparison]) -> None:
    """Eight notes answer `## What is a typical week like?`; one of them is Ana Lucía and Kwame's
    together, so nine people. Welding's four answers come first, oldest first."""
    text = key_page(example[0], example[1].keys["typical-week"]).text
    assert text.startswith('---\ntitle: "What is a typical week like?"\n')
    assert "8 answers from 9 people" in text
    assert '<a class="cc-chip" href="#field-welding">Welding (4)</a>' in text
    assert '<a class="cc-chip" href="#field-librarianship">Librarianship (2)</a>' in text
    answers = re.findall(r'<div class="cc-answer" id="answer-([^"]+)"', text)
    # the id names the note and the line of its heading (line 30 of Shawn's note, 38 of Marcus's)
    assert answers[:4] == [
        "2026-08-28-shawn-mcallister-30",
        "2026-09-10-marcus-bell-38",
        "2026-10-02-gina-kowalski-39",
        "2026-11-20-terrence-oduya-37",
    ]
    assert len(answers) == 8
    back = '<a href="../../notes/2026-08-28-shawn-mcallister/#what-is-a-typical-week-like">'
    assert back + "28 Aug 2026</a>" in text
    assert "Weather is the real boss" in text  # the answer itself, as Markdown
