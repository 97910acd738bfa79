"""Escaping by type (issue 10.4): one hostile value in every front-matter field of a contact and a
note comes out escaped exactly once on every kind of generated page, through a real MkDocs build.

The value holds a tag (`<script>`), a quote that would end an attribute (`"onmouseover=`) and an
entity (`&amp;`): escaped once it reads `&lt;script&gt;…&quot;onmouseover=&amp;amp;`; left raw a
live tag or attribute appears; escaped twice the reader would see `&amp;lt;` as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coffeechat.render.html import HTML, ul
from coffeechat.render.site import card, sortable_table
from site_fixtures import article, build, page

HOSTILE = '<script>x</script>"onmouseover=&amp;'
ESCAPED = "&lt;script&gt;x&lt;/script&gt;&quot;onmouseover=&amp;amp;"
# What unescaped output would show: the tag, the quote, or the entity as it was typed.
RAW = re.compile(r'<script>x|"onmouseover=|onmouseover=&amp;(?!amp;)')
TWICE = ("&amp;lt;script", "&amp;quot;onmouseover", "&amp;amp;amp;")  # escaped twice
# A value cut to fit a chart or a diagram box keeps its start: escaped, it still begins so.
START = "&lt;script&gt;x&lt;/script&gt;"

MKDOCS = """\
site_name: Markup test journal
docs_dir: pages
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
plugins:
  - search
  - coffeechat:
      owner_name: Jordan Reyes
"""
H = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')  # the value as a YAML double-quoted string
CONTACT = f"""\
---
name: "{H}"
company: "{H}"
role: "{H}"
field: "{H}"
location: "{H}"
email: "{H}"
phone: "{H}"
linkedin: "{H}"
website: "{H}"
source: "{H}"
referred_by: "{H}"
tags: ["{H}"]
hobby: "{H}"
outreach:
  - date: 2026-11-01
    event: sent
    channel: "{H}"
    note: "{H}"
  - date: 2026-11-02
    event: reply
  - date: 2026-11-02
    event: scheduled
    meeting: 2026-11-30
    channel: "{H}"
    note: "{H}"
  - date: 2026-11-03
    event: snafu
    channel: "{H}"
    note: "{H}"
---

Research notes.
"""
PLAIN = """\
---
name: Plain Person
company: Normal Co
field: Libraries
referred_by: eve
---
"""
NOTE = f"""\
---
contact: eve
date: 2026-11-10
format: "{H}"
duration: 30
tags: ["{H}"]
referrals:
  - name: "{H}"
    company: "{H}"
    note: "{H}"
  - plain
follow_ups:
  - task: "{H}"
    due: 2026-11-25
facts:
  hours: "{H}"
  degree: masters
mood: "{H}"
---

## What is a typical week like?

Busy.

## What did I learn about the job?

A lot.
"""
PLAIN_NOTE = """\
---
contact: plain
date: 2026-11-12
facts:
  hours: 40
  degree: none
---

## What is a typical week like?

Quiet.

## What did I learn about the job?

Little.
"""

# Every kind of page the render stage writes, and whether the hostile value must be shown there.
PAGES = {
    "": True,  # dashboard
    "follow-ups/": True,
    "contacts/": True,
    "contacts/eve/": True,
    "notes/": True,
    "notes/2026-11-10-eve/": True,
    "compare/": False,  # question texts only: nothing from a contact or a note
    "compare/typical-week/": True,
    "compare/facts/": True,
    "compare/reflections/": True,
    "prep/eve/": True,
    "network/": True,
    "stats/": True,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    journal = root / "journal"
    for name, text in {
        "mkdocs.yml": MKDOCS,
        "pages/about.md": "# About\n",
        "contacts/eve.md": CONTACT,
        "contacts/plain.md": PLAIN,
        "notes/2026-11-10-eve.md": NOTE,
        "notes/2026-11-12-plain.md": PLAIN_NOTE,
    }.items():
        (journal / name).parent.mkdir(parents=True, exist_ok=True)
        (journal / name).write_text(text, encoding="utf-8")
    result = build(journal, root / "site")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return root / "site"


@pytest.mark.parametrize("address", sorted(PAGES))
def test_hostile_value_is_escaped_once_on_every_page_kind(site: Path, address: str) -> None:
    html = article(page(site, address))
    raw = RAW.findall(html)
    assert not raw, f"{address or 'dashboard'} shows the value unescaped: {raw}"
    twice = [t for t in TWICE if t in html]
    assert not twice, f"{address or 'dashboard'} escapes the value twice: {twice}"
    if PAGES[address]:
        assert START in html, f"{address or 'dashboard'} does not show the value"


def test_every_field_of_contact_and_note_shows_the_whole_value(site: Path) -> None:
    """The value is shown in full, escaped, once per field that shows it."""
    contact = article(page(site, "contacts/eve/"))
    # name (h1), company, role, field, location, e-mail, phone, LinkedIn, website, source,
    # referred by, tags, hobby, and the timeline's channels and notes
    assert contact.count(ESCAPED) >= 17, contact.count(ESCAPED)
    note = article(page(site, "notes/2026-11-10-eve/"))
    # with (name, role at company), format, tags, referral name, company and note, follow-up,
    # facts and other details
    assert note.count(ESCAPED) >= 9, note.count(ESCAPED)


def test_helpers_escape_plain_strings_and_keep_html() -> None:
    """card(), sortable_table() and ul() take plain strings (escaped) or HTML (kept)."""
    shown = card([("Name", HOSTILE), ("Link", HTML('<a href="x">y</a>'))])
    assert ESCAPED in shown and '<a href="x">y</a>' in shown and "<script>" not in shown
    table = sortable_table("t", [HOSTILE], [HTML("<tr><td>1</td></tr>")])
    assert ESCAPED in table and "<tr><td>1</td></tr>" in table
    assert ul([HOSTILE, HTML("<b>ok</b>")]) == (f"<ul><li>{ESCAPED}</li><li><b>ok</b></li></ul>")
    # the same entities as html.escape, so pages keep their bytes
    assert HTML("{}").format("'\"") == "&#x27;&quot;"
    assert isinstance(HTML("<p>{}</p>").format(HOSTILE), HTML)
