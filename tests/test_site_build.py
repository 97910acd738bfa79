"""The site of the example journal: built with `coffeechat build` and with plain `mkdocs build`, the
pages of SPEC §7 and what they show, a bad file, and a journal that stays untouched by `build` and
by a `serve` session."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner
from coffeechat.cli import main
from coffeechat.derive.derived import STAGES
from site_fixtures import (
    REPO,
    SITE_DATA,
    TODAY,
    anchors,
    article,
    between,
    build,
    copy_journal,
    free_port,
    navigation,
    page,
    slugs,
    visible_text,
)

CONTACTS = slugs(REPO, "contacts")
NOTES = slugs(REPO, "notes")
# MkDocs stamps these with the day of the build, which says nothing about the journal.
UNSTABLE = frozenset({"sitemap.xml", "sitemap.xml.gz"})


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_journal(REPO, tmp_path_factory.mktemp("example") / "journal")


@pytest.fixture(scope="module")
def site(example: Path) -> Path:
    target = example.parent / "site"
    result = build(example, target, "--strict")
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output, result.output
    assert "Built the site in" in result.output
    return target


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in UNSTABLE
    }


def outreach_of(slug: str) -> list[dict[str, object]]:
    return list(frontmatter.load(REPO / "contacts" / f"{slug}.md").get("outreach") or [])


def notes_with(slug: str) -> list[str]:
    found = []
    for note in NOTES:
        contact = frontmatter.load(REPO / "notes" / f"{note}.md").get("contact")
        if slug == contact or (isinstance(contact, list) and slug in contact):
            found.append(note)
    return found


# -- the example journal, built -------------------------------------------------------------


def test_every_page_of_the_spec_exists(site: Path) -> None:
    expected = ["", "follow-ups/", "contacts/", "notes/"]
    expected += [f"contacts/{slug}/" for slug in CONTACTS]
    expected += [f"notes/{slug}/" for slug in NOTES]
    missing = [a for a in expected if not (site / a / "index.html").is_file()]
    assert not missing, f"pages missing from the site: {missing}"
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "pitch" / "index.html").is_file(), "the user's own page in pages/ is built too"


def test_plain_mkdocs_build_uses_the_plugin_and_gives_the_same_site(
    example: Path, site: Path
) -> None:
    target = example.parent / "site-mkdocs"
    env = {**os.environ, "COFFEECHAT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=example,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    assert files_of(target) == files_of(site)


def test_dashboard_shows_meetings_pipeline_and_recent_notes(site: Path) -> None:
    html = article(page(site, ""))
    meetings = re.findall(r"<li>(.*?)</li>", between(html, '<ul class="cc-meetings">', "</ul>"))
    helen = next(
        m for m in meetings if ("contacts/helen-markowitz/", "Helen Markowitz") in anchors(m, "")
    )
    grace = next(
        m for m in meetings if ("contacts/grace-whitaker/", "Grace Whitaker") in anchors(m, "")
    )
    assert "<strong>25 Nov 2026</strong>" in helen
    assert "<strong>3 Dec 2026</strong>" in grace
    assert meetings.index(helen) < meetings.index(grace), "meetings are listed soonest first"

    chart = between(html, '<figure class="cc-pipeline">', "</figure>")
    assert "<svg" in chart and "<script" not in chart
    label = re.search(r'aria-label="Contacts by stage: ([^"]*)"', chart)
    assert label, chart
    pairs = [item.rsplit(": ", 1) for item in visible_text(label[1]).split(", ")]
    counts = {stage: int(count) for stage, count in pairs}
    assert list(counts) == list(STAGES)
    assert sum(counts.values()) == len(CONTACTS)
    assert counts["replied / scheduled"] >= 2  # Helen and Grace, both with a meeting ahead
    for stage in STAGES:
        assert f">{stage}</text>" in chart
        assert f">{counts[stage]}</text>" in chart

    recent = anchors(between(html, '<ul class="cc-recent">', "</ul>"), "")
    assert [address for address, _ in recent] == [
        f"notes/{slug}/" for slug in sorted(NOTES, reverse=True)[:5]
    ]


def test_contacts_table_has_one_row_per_contact_with_its_stage(site: Path) -> None:
    here = "contacts/"
    html = article(page(site, here))
    body = between(html, '<table id="cc-contacts"', "</table>")
    headers = re.findall(r'<button type="button" class="cc-sort">([^<]*)</button>', body)
    assert headers == ["Name", "Company", "Role", "Field", "Stage", "Last interaction", "Source"]
    rows = re.findall(r"<tr><td>.*?</tr>", between(body, "<tbody>", "</tbody>"))
    assert len(rows) == len(CONTACTS)
    linked = [anchors(row, here)[0][0] for row in rows]
    assert sorted(linked) == [f"contacts/{slug}/" for slug in CONTACTS]
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert visible_text(cells[4]) in STAGES, row
    helen = next(row for row in rows if "Helen Markowitz" in row)
    assert ">replied / scheduled</td>" in helen
    assert 'data-sort="2026-10-20">20 Oct 2026</td>' in helen
    assert 'class="cc-filter"' in html


def test_contact_page_has_links_timeline_and_referrals(site: Path) -> None:
    here = "contacts/gina-kowalski/"
    html = article(page(site, here))
    assert "<h1>Gina Kowalski</h1>" in html
    assert '<a href="mailto:gina@kowalskifab.example.com">' in html
    assert '<a href="tel:4105550127">410-555-0127</a>' in html
    referred_by = between(html, '<th scope="row">Referred by</th>', "</tr>")
    assert anchors(referred_by, here) == [("contacts/marcus-bell/", "Marcus Bell")]
    timeline = between(html, '<ol class="cc-timeline">', "</ol>")
    entries = re.findall(r"<li>(.*?)</li>", timeline)
    assert len(entries) == len(outreach_of("gina-kowalski")) + len(notes_with("gina-kowalski"))
    assert ("notes/2026-10-02-gina-kowalski/", "read the notes") in anchors(timeline, here)
    assert "<strong>Request sent</strong> by email" in timeline
    led_to = between(html, 'id="led-you-to"', "</ul>")
    assert ("contacts/terrence-oduya/", "Terrence Oduya") in anchors(led_to, here)
    assert "Bill Sandoval <em>(lead)</em>" in led_to
    assert "<p>Gina took over her father's shop" in html, "the user's own notes are rendered"


def test_note_page_has_header_markdown_referrals_and_leads(site: Path) -> None:
    here = "notes/2026-10-21-denise-carter/"
    html = article(page(site, here))
    header = between(html, '<table class="cc-card">', "</table>")
    assert ("contacts/denise-carter/", "Denise Carter") in anchors(header, here)
    assert '<time datetime="2026-10-21">21 Oct 2026</time>' in header
    assert "<td>video</td>" in header and "<td>30 minutes</td>" in header
    # The user's Markdown: headings become sections, lists become lists.
    assert '<h2 id="what-is-a-typical-week-like">What is a typical week like?' in html
    assert "<li>Two evaluations a week, each with a long report.</li>" in html
    referrals = between(html, 'id="referrals"', "</ul>")
    assert ("contacts/luis-ferreira/", "Luis Ferreira") in anchors(referrals, here)
    assert "Priya Raman <em>(lead)</em>, Chesapeake Children&#x27;s Hospital" in referrals
    assert "(due 30 Nov 2026)" in between(html, 'id="follow-ups"', "</ul>")


def test_tags_page_lists_contacts_and_notes_by_tag(site: Path) -> None:
    """The example enables Material's tags plugin, so coffeechat adds the Tags page."""
    html = article(page(site, "tags/"))
    academic = between(html, 'id="tag:academic-library"', "</ul>")
    assert "Helen Markowitz" in academic
    bilingual = between(html, 'id="tag:bilingual"', "</ul>")
    assert "Ana Lucía Núñez" in bilingual and "Luis Ferreira, 19 Nov 2026" in bilingual
    assert "Tags" in navigation(page(site, ""))


@pytest.mark.parametrize(
    "address",
    ["", "contacts/", "notes/", "contacts/gina-kowalski/", "notes/2026-11-19-luis-ferreira/"],
)
def test_navigation_lists_sections_but_no_contact_or_note(site: Path, address: str) -> None:
    nav = navigation(page(site, address))
    for section in ("Dashboard", "Follow-ups", "Contacts", "Notes"):
        assert section in nav
    listed = [slug for slug in CONTACTS + NOTES if slug in nav]
    assert not listed, f"the navigation of /{address} lists {listed}"


def test_same_journal_same_day_gives_byte_identical_site(example: Path, site: Path) -> None:
    again = example.parent / "site-again"
    assert build(example, again, "--strict").exit_code == 0
    first, second = files_of(site), files_of(again)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"files that differ between two builds: {differ}"


# -- one bad file ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = copy_journal(REPO, tmp_path_factory.mktemp("bad") / "journal")
    (journal / "contacts" / "pat-broken.md").write_bytes(
        (SITE_DATA / "bad-contact.md").read_bytes()
    )
    return journal


def test_bad_file_is_a_warning_and_the_rest_is_built(bad_journal: Path) -> None:
    target = bad_journal.parent / "site"
    result = build(bad_journal, target)
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "pat-broken" in line)
    assert warning.startswith("WARNING")
    assert "contacts/pat-broken.md:4:" in warning and "not valid YAML" in warning
    for address in ["", "follow-ups/", "contacts/", "notes/"] + [
        f"contacts/{slug}/" for slug in CONTACTS
    ]:
        assert (target / address / "index.html").is_file(), address
    for note in NOTES:
        assert (target / "notes" / note / "index.html").is_file(), note


def test_bad_file_fails_a_strict_build_with_a_clear_message(bad_journal: Path) -> None:
    result = build(bad_journal, bad_journal.parent / "site-strict", "--strict")
    assert result.exit_code == 1, result.output
    assert "contacts/pat-broken.md:4:" in result.output
    assert "Error: the site was not built" in result.output
    assert "strict mode" in result.output
    assert "Traceback" not in result.output


# -- nothing is written into the journal ----------------------------------------------------


def git(journal: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=journal,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def git_journal(tmp_path: Path) -> Path:
    journal = copy_journal(REPO, tmp_path / "journal")
    (journal / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(journal, "init", "-q")
    git(journal, "add", "-A")
    git(journal, "-c", "commit.gpgsign=false", "commit", "-qm", "journal")
    return journal


def test_build_leaves_git_status_clean(git_journal: Path) -> None:
    result = build(git_journal)  # the default site/ inside the journal, as a user would
    assert result.exit_code == 0, result.output
    assert (git_journal / "site" / "index.html").is_file()
    assert git(git_journal, "status", "--porcelain", "--untracked-files=all") == ""


MARKER = "Served-edit marker wombat7731"


def wait_for(
    url: str, ready: Callable[[str], bool], server: subprocess.Popen[bytes], log: Path
) -> str:
    """The page at url once ready(page) holds, polled for at most 20 s."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"`coffeechat serve` stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if ready(text):
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not show what was expected in 20 s:\n{log.read_text(errors='replace')}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)  # what Ctrl+C sends: MkDocs cleans its temp folder
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_shows_an_edit_and_writes_nothing(git_journal: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/contacts/owen-brandt/"
    log = git_journal.parent / "serve.log"
    command = [
        *(sys.executable, "-m", "coffeechat.cli", "--journal", str(git_journal)),
        *("serve", "--dev-addr", f"127.0.0.1:{port}", "--today", TODAY),
    ]
    contact = git_journal / "contacts" / "owen-brandt.md"
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=git_journal.parent, stdout=output, stderr=output)
        try:
            first = wait_for(url, lambda text: "<h1>Owen Brandt</h1>" in text, server, log)
            assert MARKER not in first
            with contact.open("a", encoding="utf-8") as file:
                file.write(f"\n{MARKER}\n")
            updated = wait_for(url, lambda text: MARKER in text, server, log)
        finally:
            stop(server)
    assert f"<p>{MARKER}</p>" in article(updated)
    assert git(git_journal, "status", "--porcelain", "--untracked-files=all") == (
        " M contacts/owen-brandt.md\n"
    )
    assert "Traceback" not in log.read_text(errors="replace")


def test_public_build_leaves_out_private_contacts_and_their_notes(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    contact = journal / "contacts" / "luis-ferreira.md"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("---\n", "---\nprivate: true\n", 1),
        encoding="utf-8",
    )
    public = build(journal, tmp_path / "public", "--strict", "--public")
    assert public.exit_code == 0, public.output
    assert not (tmp_path / "public" / "contacts" / "luis-ferreira").exists()
    assert not (tmp_path / "public" / "notes" / "2026-11-19-luis-ferreira").exists()
    assert "Luis Ferreira" not in page(tmp_path / "public", "contacts/")
    # Nor does anything we generate name them: no lead, no network node, no referrer link.
    for address in ("", "network/", "contacts/denise-carter/", "notes/", "follow-ups/"):
        assert "luis-ferreira" not in page(tmp_path / "public", address), address
    assert b"luis-ferreira" not in (tmp_path / "public" / "follow-ups.ics").read_bytes()
    # The next build in the same process, without --public, shows everyone again.
    private = build(journal, tmp_path / "all", "--strict")
    assert private.exit_code == 0, private.output
    assert (tmp_path / "all" / "contacts" / "luis-ferreira" / "index.html").is_file()


def test_one_runs_today_and_public_never_reach_the_next(tmp_path: Path) -> None:
    """Two builds in one process with different --today and --public, then a plain one: each
    sees only its own arguments (they travel as arguments, not through the environment)."""
    journal = copy_journal(REPO, tmp_path / "journal")
    private = journal / "contacts" / "luis-ferreira.md"
    private.write_text(
        private.read_text("utf-8").replace("---\n", "---\nprivate: true\n", 1), "utf-8"
    )
    runner = CliRunner()
    one_site, two_site = str(tmp_path / "one"), str(tmp_path / "two")
    first = runner.invoke(
        main,
        [
            "--journal",
            str(journal),
            "build",
            "--today",
            "2020-01-01",
            "--public",
            "--site-dir",
            one_site,
        ],
    )
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        main,
        ["--journal", str(journal), "build", "--today", "2026-11-21", "--site-dir", two_site],
    )
    assert second.exit_code == 0, second.output
    one = (tmp_path / "one" / "index.html").read_text("utf-8")
    two = (tmp_path / "two" / "index.html").read_text("utf-8")
    assert "1 Jan 2020" in one and "1 Jan 2020" not in two
    assert "21 Nov 2026" in two
    assert not (tmp_path / "one" / "contacts" / "luis-ferreira").exists()
    assert (tmp_path / "two" / "contacts" / "luis-ferreira" / "index.html").is_file()
    assert "COFFEECHAT_TODAY" not in os.environ and "COFFEECHAT_PUBLIC" not in os.environ


def test_no_page_shows_our_own_markup_as_text(site: Path) -> None:
    """Escaping by type cuts both ways: the example journal holds no markup of its own, so an
    escaped tag anywhere on its site is coffeechat's HTML escaped by mistake (a plain str handed
    where HTML was meant)."""
    escaped_tag = re.compile(r"&lt;/?(?:a|p|div|span|ul|li|table|tr|td|th|svg|details)\b")
    found = {
        path.relative_to(site).as_posix(): match.group()
        for path in sorted(site.rglob("*.html"))
        if (match := escaped_tag.search(path.read_text("utf-8")))
    }
    assert found == {}
    follow_ups = page(site, "follow-ups/")
    assert (
        'Add these to your calendar: <a href="../follow-ups.ics">follow-ups.ics</a>.' in follow_ups
    )
