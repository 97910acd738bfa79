"""The building blocks every render module shares: a Page, the Site being rendered (journal,
derived model, links), links to contacts and notes, and the card and table helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coffeechat import urls
from coffeechat.derive.compare import Comparison
from coffeechat.derive.derived import Derived
from coffeechat.derive.letters import Drafter
from coffeechat.model import Contact, Journal, Note
from coffeechat.read.history import NONE, History, history_url
from coffeechat.render.html import HTML, Links, day_text, safe_url
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
    today_pinned: bool = False  # today came from --today, not the clock: the dashboard says so

    def contact_link(self, here: str, slug: str) -> HTML:
        """A link to the contact's page; without a page, the escaped text (by hand: the result
        is HTML either way, so callers can join it with other HTML)."""
        contact = self.journal.contacts.get(slug)
        if contact is None:
            return HTML.escape(slug)
        if slug in RESERVED_SLUGS:  # no page of its own (check says so): the name, unlinked
            return HTML.escape(contact.name)
        return self.links.a(here, f"contacts/{slug}.md", contact.name)

    def note_link(self, here: str, note: Note, text: str | None = None) -> HTML:
        return self.links.a(here, f"notes/{note.slug}.md", text or note_title(self.journal, note))


def note_title(journal: Journal, note: Note) -> str:
    names = [journal.contacts[s].name if s in journal.contacts else s for s in note.contacts]
    return f"{' & '.join(names)}, {day_text(note.date)}"


Row = tuple[str, str]  # (label, value) for card(): plain strings are escaped, HTML kept


def sortable_table(table_id: str, columns: Iterable[str], rows: Iterable[str]) -> HTML:
    """A table the page's script sorts by column and filters; plain strings are escaped."""
    head = HTML().join(
        HTML('<th scope="col"><button type="button" class="cc-sort">{}</button></th>').format(c)
        for c in columns
    )
    return HTML(
        '<div class="cc-table"><input type="search" class="cc-filter" data-table="{id}" '
        'placeholder="Filter…" aria-label="Filter the table">'
        '<div class="cc-scroll" tabindex="0" role="region" aria-label="The table, scrolls '
        'sideways"><table id="{id}" class="cc-sortable"><thead><tr>{head}</tr></thead>'
        "<tbody>{rows}</tbody></table></div></div>"
    ).format(id=table_id, head=head, rows=HTML().join(rows))


def file_history(site: Site, path: str) -> list[Row]:
    """The "File history" row: when git last saw the file change, how many commits changed it,
    and a link to those commits where mkdocs.yml sets repo_url. No history, no row."""
    found = site.history.get(path)
    if found is None:
        return []
    times = "once" if found.changes == 1 else f"{found.changes} times"
    when = found.last_changed.date()
    text = HTML('changed {}, last on <time datetime="{}">{}</time>').format(
        times, when.isoformat(), day_text(when)
    )
    url = history_url(site.repo_url, site.history.branch, found.repo_path)
    if url:
        text += HTML(' · <a href="{}" rel="noopener">history</a>').format(url)
    return [("File history", text)]


def contact_rows(c: Contact, dial: bool = True) -> list[Row]:
    """Who they are and how to reach them, as (label, value) rows; e-mail and phone become
    mailto:/tel: links unless `dial` is off (a printed sheet)."""
    texts = (("Role", c.role), ("Company", c.company), ("Field", c.field), ("Location", c.location))
    rows: list[Row] = [(label, value) for label, value in texts if value]
    if c.email:
        link = HTML('<a href="{}">{}</a>').format(urls.mailto(c.email), c.email)
        rows.append(("E-mail", link if dial else c.email))
    if c.phone:
        call = HTML('<a href="tel:{}">{}</a>').format(_dial(c.phone), c.phone)
        rows.append(("Phone", call if dial else c.phone))
    for label, url in (("LinkedIn", c.linkedin), ("Website", c.website)):
        if safe_url(url):
            rows.append(
                (label, HTML('<a href="{}" rel="noopener">{}</a>').format(safe_url(url), url))
            )
        elif url:
            rows.append((label, url))
    if c.source:
        rows.append(("Found through", c.source))
    return rows


def card(rows: Iterable[Row], css: str = "cc-card") -> HTML:
    """A two-column table of (label, value) rows; plain strings are escaped, HTML kept."""
    cells = HTML().join(
        HTML('<tr><th scope="row">{}</th><td>{}</td></tr>').format(label, value)
        for label, value in rows
    )
    return HTML('<table class="{}"><tbody>{}</tbody></table>').format(css, cells)


def _dial(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")
