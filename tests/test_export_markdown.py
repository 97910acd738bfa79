"""`coffeechat export markdown DIR`: the generated site as plain Markdown that plain MkDocs and
ProperDocs build without the coffeechat plugin into the same pages as `coffeechat build`; and
ProperDocs running the plugin itself on the example journal."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from browser import Watch, served
from click.testing import CliRunner, Result
from coffeechat.cli import main
from coffeechat.export_markdown import MARKER, plain
from coffeechat.render.html import BLOCK_END, BLOCK_START
from site_fixtures import REPO, SITE_DATA, TODAY, article, build, copy_journal, visible_text

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# One page of each kind: the article text of these is compared word for word.
SAMPLE = (
    "index.html",
    "follow-ups/index.html",
    "contacts/index.html",
    "contacts/ana-lucia-nunez/index.html",
    "notes/index.html",
    "notes/2026-10-08-ana-lucia-nunez/index.html",
    "compare/index.html",
    "compare/facts/index.html",
    "network/index.html",
    "stats/index.html",
    "tags/index.html",
    "pitch/index.html",
)


def export(journal: Path, target: Path, *args: str) -> Result:
    command = ["--journal", str(journal), "export", "markdown", str(target), "--today", TODAY]
    return CliRunner().invoke(main, [*command, *args], catch_exceptions=False)


def engine(name: str, folder: Path, site_dir: Path, strict: bool = True) -> None:
    """`mkdocs build` or `properdocs build` in folder, as a user would run it."""
    command = [str(BIN / name), "build", "-f", "mkdocs.yml", "--site-dir", str(site_dir)]
    done = subprocess.run(
        command + (["--strict"] if strict else []),
        cwd=folder,
        env={**ENV, "COFFEECHAT_TODAY": TODAY},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr


def words(fragment: str) -> str:
    """What a reader sees of an HTML fragment, one space between words (none between tags)."""
    return " ".join(visible_text(re.sub(r">\s+<", "><", fragment)).split())


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def same_html(fragment: str) -> str:
    """An article's HTML with whitespace between tags and character references evened out: the
    plugin's sanitiser writes `¶` where Python-Markdown writes `&para;`."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r">\s+<", "><", fragment))).strip()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example journal with its git history (the contact pages show it)."""
    folder = tmp_path_factory.mktemp("example")
    journal = copy_journal(REPO, folder / "journal")
    shutil.copytree(REPO / "docs-assets", journal / "docs-assets")
    return journal


@pytest.fixture(scope="module")
def coffeechat_site(example: Path) -> Path:
    target = example.parent / "coffeechat-site"
    result = build(example, target, "--strict")
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def exported(example: Path) -> Path:
    target = example.parent / "exported"
    result = export(example, target)
    assert result.exit_code == 0, result.output
    assert f"to {target}" in result.output
    return target


@pytest.mark.parametrize("name", ["mkdocs", "properdocs"])
def test_engines_build_the_export_into_the_same_pages(
    name: str, exported: Path, coffeechat_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / name
    engine(name, exported, site)
    assert html_pages(site) == html_pages(coffeechat_site)
    differ = [
        page
        for page in sorted(html_pages(site) - {"404.html"})
        if same_html(article(_read(site / page)))
        != same_html(article(_read(coffeechat_site / page)))
    ]
    assert not differ, f"{name} builds these pages differently: {differ}"
    for page in SAMPLE:
        text = words(article(_read(site / page)))
        assert text == words(article(_read(coffeechat_site / page))), page
        assert len(text) > 100, page
    assert "Today is Sat 21 Nov 2026." in _read(site / "index.html"), "--today reaches the pages"
    assert (site / "follow-ups.ics").read_bytes() == (
        coffeechat_site / "follow-ups.ics"
    ).read_bytes()
    assert (site / "assets/coffeechat/coffeechat.css").is_file()
    assert 'href="../assets/coffeechat/coffeechat.css"' in _read(site / "stats/index.html")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_export_is_markdown_without_the_plugin_or_its_marks(exported: Path) -> None:
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "coffeechat:" not in config and "owner_name" not in config
    assert "docs_dir: docs" in config and "- Dashboard: index.md" in config
    assert "- pitch.md" in config, "the user's own top-level page is in the navigation"
    assert "contacts/ana-lucia-nunez.md" not in config, "contact pages stay out of the nav"
    assert "/contacts/*.md" in config and "!/contacts/index.md" in config  # not_in_nav
    pages = list((exported / "docs").rglob("*.md"))
    assert len(pages) > 40
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert BLOCK_START not in text and BLOCK_END not in text, path
    assert (exported / "docs" / "pitch.md").read_bytes() == (
        REPO / "pages" / "pitch.md"
    ).read_bytes()
    assert (exported / "docs" / "follow-ups.ics").is_file()


def test_export_is_deterministic_and_replaces_an_earlier_export(
    example: Path, exported: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert export(example, again).exit_code == 0
    assert _files(again) == _files(exported)
    # Into the same folder again: recognised by its marker, the same bytes, a built site kept.
    (again / "site").mkdir()
    (again / "site" / "index.html").write_text("built", encoding="utf-8")
    result = export(example, again)
    assert result.exit_code == 0, result.output
    assert {k: v for k, v in _files(again).items() if not k.startswith("site/")} == _files(exported)
    assert (again / "site" / "index.html").read_text(encoding="utf-8") == "built"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_contact_removed_from_the_journal_leaves_the_next_export(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    target = tmp_path / "out"
    assert export(journal, target).exit_code == 0
    assert (target / "docs" / "contacts" / "elliot-vance.md").is_file()
    (journal / "contacts" / "elliot-vance.md").unlink()
    result = export(journal, target)
    assert result.exit_code == 0, result.output
    # their page, and their organisation's, which had no one else
    assert "removed 2 old files" in result.output
    assert not (target / "docs" / "contacts" / "elliot-vance.md").exists()
    assert not (
        target / "docs" / "companies" / "chesapeake-maritime-historical-society.md"
    ).exists()
    assert "docs/contacts/elliot-vance.md" not in (target / MARKER).read_text(encoding="utf-8")


def test_a_folder_holding_other_files_is_refused_untouched(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.md").write_text("mine", encoding="utf-8")
    result = export(journal, target)
    assert result.exit_code == 1
    assert "is not empty and holds no earlier export" in result.output
    assert [p.name for p in target.iterdir()] == ["thesis.md"]


@pytest.mark.parametrize("inside", ["contacts/out", "notes", "pages/export", "."])
def test_a_folder_overlapping_the_journal_is_refused(tmp_path: Path, inside: str) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    before = _files(journal)
    result = export(journal, journal / inside)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "the journal" in result.output and "nothing was changed" in result.output
    assert _files(journal) == before


def test_a_marker_naming_files_outside_removes_nothing_there(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    target = tmp_path / "out"
    (tmp_path / "precious.txt").write_text("keep", encoding="utf-8")
    target.mkdir()
    (target / MARKER).write_text("../precious.txt\n/etc/hostname\n", encoding="utf-8")
    assert export(journal, target).exit_code == 0
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep"


def test_a_journal_without_a_docs_folder_exports_and_builds(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    for folder in ("contacts", "notes"):
        shutil.copytree(REPO / folder, journal / folder)
    (journal / "mkdocs.yml").write_text("site_name: Mine\nplugins:\n  - coffeechat\n")
    target = tmp_path / "out"
    result = export(journal, target)
    assert result.exit_code == 0, result.output
    engine("mkdocs", target, tmp_path / "site")
    assert (tmp_path / "site" / "contacts" / "ana-lucia-nunez" / "index.html").is_file()
    assert "site_name: Mine" in (target / "mkdocs.yml").read_text(encoding="utf-8")


def test_public_export_leaves_out_private_contacts(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    contact = journal / "contacts" / "luis-ferreira.md"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("---\n", "---\nprivate: true\n", 1),
        encoding="utf-8",
    )
    (journal / "pages" / "gossip.md").write_text("# Gossip\n\nLuis Ferreira said so.\n")
    (journal / "pages" / "raw.md").write_text("# Raw\n\nHello <script>alert(1)</script>\n")
    result = export(journal, tmp_path / "out", "--public")
    assert result.exit_code == 0, result.output
    assert "left out pages/gossip.md" in result.output
    # The user's own pages are sanitised in a public export, as the plugin sanitises them.
    raw = (tmp_path / "out" / "docs" / "pitch.md").read_text(encoding="utf-8")
    assert raw == (REPO / "pages" / "pitch.md").read_text(encoding="utf-8"), "plain stays plain"
    sanitised = (tmp_path / "out" / "docs" / "raw.md").read_text(encoding="utf-8")
    assert "<script" not in sanitised and "<h1" in sanitised and "Hello" in sanitised
    for path, data in _files(tmp_path / "out").items():
        assert b"Luis Ferreira" not in data and b"luis-ferreira" not in data, path


class _Dangers(HTMLParser):
    """Elements and attributes that would run something in a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "video"):  # our own SVG is drawn
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def test_raw_html_in_the_journal_is_sanitised_in_the_export(tmp_path: Path) -> None:
    """The hostile journal, with md_in_html on: the engine sees the user's raw HTML only after
    the sanitiser, and the pages say what `coffeechat build` says."""
    journal = tmp_path / "journal"
    shutil.copytree(SITE_DATA / "hostile", journal)
    config = journal / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - tables\n", "  - tables\n  - md_in_html\n"))
    note = next((journal / "notes").glob("*.md"))
    note.write_text(
        note.read_text(encoding="utf-8")
        + "\n<img src=x onerror=alert(1)>\n\n[run](javascript:alert(2))\n\n"
        + '<div markdown="1">**md** <iframe src="https://elsewhere.example/"></iframe></div>\n',
        encoding="utf-8",
    )
    coffeechat_site = tmp_path / "coffeechat-site"
    assert build(journal, coffeechat_site).exit_code == 0
    assert export(journal, tmp_path / "out").exit_code == 0
    markdown = (tmp_path / "out" / "docs" / "notes" / note.name).read_text(encoding="utf-8")
    for raw in ("<img src=x onerror", "](javascript:", "<iframe"):
        assert raw not in markdown, raw
    assert "The zebra-heron protocol matters." in markdown
    engine("mkdocs", tmp_path / "out", tmp_path / "site", strict=False)  # the journal warns
    assert html_pages(tmp_path / "site") == html_pages(coffeechat_site)
    for page in sorted(html_pages(coffeechat_site) - {"404.html"}):
        ours = article(_read(tmp_path / "site" / page))
        checker = _Dangers()
        checker.feed(ours)
        assert not checker.found, (page, checker.found)
        # The user's sanitised HTML sits in one <div>: the page reads the same.
        assert words(ours) == words(article(_read(coffeechat_site / page))), page


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Plain **text** with [a link](https://example.org) and [here](../notes/).", True),
        ("A [mail](mailto:a@b.org), an autolink <https://example.org>, `x < y`.", True),
        ("![local](pic.png) and [top](#about)", True),
        ("<b>bold</b>", False),
        ("<!-- a comment -->", False),
        ("[x](javascript:alert(1))", False),
        ("[x](JaVaScRiPt:alert(1))", False),
        ("[x]: data:text/html,hi", False),
        ("![remote](https://tracker.example/p.gif)", False),
        ("![remote](//tracker.example/p.gif)", False),
        ("[x](jav&#x61;script:alert(1))", False),
    ],
)
def test_plain_markdown_is_what_needs_no_sanitiser(markdown: str, expected: bool) -> None:
    assert plain(markdown) is expected


def test_properdocs_runs_the_plugin_on_the_example_journal(example: Path, tmp_path: Path) -> None:
    """ProperDocs (a maintained MkDocs 1.x fork) runs coffeechat's plugin unchanged: the same
    pages as `coffeechat build` of the same journal."""
    journal = copy_journal(REPO, tmp_path / "journal")  # no git history: compare like with like
    reference = tmp_path / "reference"
    assert build(journal, reference, "--strict").exit_code == 0
    engine("properdocs", journal, tmp_path / "site")
    assert html_pages(tmp_path / "site") == html_pages(reference)
    for page in sorted(html_pages(reference) - {"404.html"}):
        theirs = same_html(article(_read(tmp_path / "site" / page)))
        assert theirs == same_html(article(_read(reference / page))), page
    assert (tmp_path / "site" / "search" / "search_index.js").is_file(), "the plugin's hooks ran"


@pytest.mark.browser
def test_the_exported_site_works_in_a_browser_without_the_plugin(
    exported: Path, tmp_path: Path, browser: Any
) -> None:
    """Built by plain MkDocs: our stylesheet and scripts load from mkdocs.yml, the contacts table
    sorts, the pipeline is drawn, and nothing is requested from another host."""
    site = tmp_path / "site"
    engine("mkdocs", exported, site)
    with served(site) as base:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(10_000)
        try:
            page = context.new_page()
            watch = Watch(page)
            page.goto(base, wait_until="networkidle")
            assert page.locator("figure.cc-pipeline rect").count() == 8
            page.goto(base + "contacts/", wait_until="networkidle")
            header = page.locator("#cc-contacts thead th").first
            header.locator("button.cc-sort").click()
            assert header.get_attribute("aria-sort") == "ascending"
            names = page.locator("#cc-contacts tbody tr td:nth-child(1)").all_inner_texts()
            assert names == sorted(names, key=str.casefold) and len(names) > 10
            assert watch.errors == []
            assert watch.foreign() == []
        finally:
            context.close()


def test_an_own_page_at_a_generated_address_gives_way_with_a_warning(tmp_path: Path) -> None:
    journal = copy_journal(REPO, tmp_path / "journal")
    (journal / "pages" / "stats.md").write_text("# My stats\n", encoding="utf-8")
    result = export(journal, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "pages/stats.md: warning: has the same address as a page coffeechat makes" in (
        result.output
    )
    assert "My stats" not in (tmp_path / "out" / "docs" / "stats.md").read_text(encoding="utf-8")
    assert "- stats.md" not in (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")


TAGGED = """site_name: Tagged
site_url: !ENV [SITE_URL, "https://journal.example/"]
theme: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  coffeechat:
    owner_name: Me
  search: {}
hooks:
  - hooks.py
repo_url: https://github.com/me/journal
edit_uri: edit/main/docs/
"""


def test_the_journals_settings_keep_their_tags_and_lose_what_needs_the_journal(
    tmp_path: Path,
) -> None:
    """`!ENV` and `!!python/name` stay as written; hooks (Python) and edit links go; the theme
    keeps to the system's fonts; plugins given as a mapping lose coffeechat only."""
    journal = tmp_path / "journal"
    for folder in ("contacts", "notes"):
        shutil.copytree(REPO / folder, journal / folder)
    (journal / "mkdocs.yml").write_text(TAGGED, encoding="utf-8")
    assert export(journal, tmp_path / "out").exit_code == 0
    config = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "https://journal.example/"]' in config
    assert "!!python/name:material.extensions.emoji.to_svg" in config
    assert "hooks" not in config and "owner_name" not in config
    assert "edit_uri: ''" in config and "font: false" in config and "- search: {}" in config
    engine("mkdocs", tmp_path / "out", tmp_path / "site")
    assert 'href="https://journal.example/"' in _read(tmp_path / "site" / "index.html")
