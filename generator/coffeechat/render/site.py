"""The building blocks every render module shares: a Page, the Site being rendered (journal,
derived model, links), links to contacts and notes, and the card and table helpers."""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat import urls
from coffeechat.derive.compare import Comparison
from coffeechat.derive.derived import Derived
from coffeechat.derive.letters import Drafter
from coffeechat.model import Contact, Journal, Note
from coffeechat.read.history import NONE, History, history_url
from coffeechat.render.html import Links, day_text, esc, safe_url
from coffeechat.slugs import RESERVED_SLUGS


@dataclass(frozen=True, slots=True)
class Page:
    src: str
    text: str
    source: str | None = None  # the journal file it shows, for "edit this page"


@dataclass(frozen=True, slots=True)
class Site:
    """What one render needs: the journal, what derive found, and how links are written."""

    journal: Journal
    derived: Derived
    links: Links
    comparison: Comparison | None = None  # None: no comparison pages or prep sheets
    drafts: Drafter | None = None  # None: no letter drafts on contact and note pages
    history: History = NONE  # git history of the journal's files (none: no row on the page)
    repo_url: str | None = None  # where the repository is hosted, for the "history" link

    def contact_link(self, here: str, slug: str) -> str:
        contact = self.journal.contacts.get(slug)
        if contact is None:
            return esc(slug)
        if slug in RESERVED_SLUGS:  # no page of its own (check says so): the name, unlinked
            return esc(contact.name)
        return self.links.a(here, f"contacts/{slug}.md", contact.name)

    def note_link(self, here: str, note: Note, text: str | None = None) -> str:
        return self.links.a(here, f"notes/{note.slug}.md", text or note_title(self.journal, note))


def note_title(journal: Journal, note: Note) -> str:
    names = [journal.contacts[s].name if s in journal.contacts else s for s in note.contacts]
    return f"{' & '.join(names)}, {day_text(note.date)}"


def sortable_table(table_id: str, columns: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(
        f'<th scope="col"><button type="button" class="cc-sort">{esc(c)}</button></th>'
        for c in columns
    )
    return (
        f'<div class="cc-table"><input type="search" class="cc-filter" data-table="{table_id}" '
        f'placeholder="Filter…" aria-label="Filter the table">'
        f'<table id="{table_id}" class="cc-sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def file_history(site: Site, path: str) -> list[tuple[str, str]]:
    """The "File history" row: when git last saw the file change, how many commits changed it,
    and a link to those commits where mkdocs.yml sets repo_url. No history, no row."""
    found = site.history.get(path)
    if found is None:
        return []
    times = "once" if found.changes == 1 else f"{found.changes} times"
    when = found.last_changed.date()
    text = (
        f'changed {times}, last on <time datetime="{when.isoformat()}">{esc(day_text(when))}</time>'
    )
    url = history_url(site.repo_url, site.history.branch, found.repo_path)
    if url:
        text += f' · <a href="{esc(url)}" rel="noopener">history</a>'
    return [("File history", text)]


def contact_rows(c: Contact, dial: bool = True) -> list[tuple[str, str]]:
    """Who they are and how to reach them, as (label, HTML) rows; e-mail and phone become
    mailto:/tel: links unless `dial` is off (a printed sheet)."""
    texts = (("Role", c.role), ("Company", c.company), ("Field", c.field), ("Location", c.location))
    rows = [(label, esc(value)) for label, value in texts if value]
    if c.email:
        shown = esc(c.email)
        link = f'<a href="{esc(urls.mailto(c.email))}">{shown}</a>'
        rows.append(("E-mail", link if dial else shown))
    if c.phone:
        shown = esc(c.phone)
        rows.append(
            ("Phone", f'<a href="tel:{esc(_dial(c.phone))}">{shown}</a>' if dial else shown)
        )
    for label, url in (("LinkedIn", c.linkedin), ("Website", c.website)):
        if safe_url(url):
            rows.append((label, f'<a href="{esc(safe_url(url))}" rel="noopener">{esc(url)}</a>'))
        elif url:
            rows.append((label, esc(url)))
    if c.source:
        rows.append(("Found through", esc(c.source)))
    return rows


def card(rows: list[tuple[str, str]]) -> str:
    """A two-column table of (label, HTML) rows; values must already be escaped."""
    cells = "".join(
        f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in rows
    )
    return f'<table class="cc-card"><tbody>{cells}</tbody></table>'


def _dial(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")
