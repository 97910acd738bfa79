"""Render: every page of the site as Markdown text, keyed by its path under the site. Values from
front matter are escaped into HTML blocks; the user's own Markdown bodies are passed through.
Pure functions of the journal and what `derive` found; MkDocs turns the text into HTML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coffeechat import urls
from coffeechat.derive.compare import Comparison
from coffeechat.derive.derived import STAGES, ContactView, Derived, Meeting, resolve_referral
from coffeechat.derive.letters import Drafter
from coffeechat.model import BUCKETS, Contact, FollowUp, Journal, Note
from coffeechat.read.history import NONE, History, history_url
from coffeechat.render.html import (
    NO_SEARCH,
    Links,
    block,
    day_text,
    esc,
    front_matter,
    iso,
    safe_url,
    ul,
)
from coffeechat.render.letters import request_section, thank_you_section
from coffeechat.slugs import RESERVED_SLUGS

NAV = (
    ("Dashboard", "index.md"),
    ("Follow-ups", "follow-ups.md"),
    ("Contacts", "contacts/index.md"),
    ("Notes", "notes/index.md"),
    ("Compare", "compare/index.md"),
    ("Network", "network.md"),
    ("Stats", "stats.md"),
    ("Tags", "tags.md"),  # only when the journal enables Material's tags plugin
)
RECENT_NOTES = 5
DASHBOARD_DUE = 12

_EVENT_LABELS = {
    "sent": "Request sent",
    "reply": "Reply",
    "call": "Call",
    "voicemail": "Voicemail left",
    "no-answer": "No answer",
    "scheduled": "Scheduled",
    "declined": "Declined",
    "snafu": "Snafu",
    "thank-you": "Thank-you sent",
    "update": "Update sent",
}


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


def render_site(
    journal: Journal,
    derived: Derived,
    directory_urls: bool = True,
    comparison: Comparison | None = None,
    drafts: Drafter | None = None,
    history: History = NONE,
    repo_url: str | None = None,
) -> list[Page]:
    site = Site(
        journal,
        derived,
        Links(directory_urls),
        comparison,
        drafts=drafts,
        history=history,
        repo_url=repo_url,
    )
    pages = [
        dashboard(site),
        follow_ups_page(site),
        contacts_index(site),
        notes_index(site),
    ]
    pages += [
        contact_page(site, view)
        for slug, view in derived.contacts.items()
        if slug not in RESERVED_SLUGS
    ]
    pages += [note_page(site, note) for note in journal.notes if note.slug not in RESERVED_SLUGS]
    from coffeechat.render.network import network_pages  # it builds on Site and Page, defined here

    pages += network_pages(site)
    if comparison is not None:
        from coffeechat.render.compare import (
            compare_pages,  # it builds on Site and Page, defined here
        )

        pages += compare_pages(site, comparison)
    return sorted(pages, key=lambda p: p.src)


def note_title(journal: Journal, note: Note) -> str:
    names = [journal.contacts[s].name if s in journal.contacts else s for s in note.contacts]
    return f"{' & '.join(names)}, {day_text(note.date)}"


# -- dashboard ------------------------------------------------------------------------------


def dashboard(site: Site) -> Page:
    from coffeechat.render.network import dashboard_leads  # it builds on Site, defined here

    here = "index.md"
    derived = site.derived
    parts = [
        front_matter("Dashboard"),
        block(f'<p class="cc-today">Today is {esc(day_text(derived.today))}.</p>'),
        "\n## Due now\n",
        block(_due_now(site, here)),
        "\n## Upcoming meetings\n",
        block(_meetings(site, here, derived.meetings)),
        dashboard_leads(site, here),
        "\n## Pipeline\n",
        block(pipeline_chart(derived.stage_counts())),
        "\n## Recent notes\n",
        block(_recent_notes(site, here)),
    ]
    return Page(here, "".join(parts))


def _due_now(site: Site, here: str) -> str:
    """Today's items, then the overdue ones, at most DASHBOARD_DUE: the dashboard is read every
    morning; the follow-ups page has the whole list."""
    items = site.derived.follow_ups
    urgent = [f for f in items if f.bucket == "today"] + [f for f in items if f.bucket == "overdue"]
    shown = _follow_up_list(site, here, urgent[:DASHBOARD_DUE]) if urgent else ""
    if not urgent:
        shown = "<p>Nothing overdue or due today.</p>"
    more = len(urgent) - DASHBOARD_DUE
    if more > 0:
        label = f"{more} more overdue or due today, and the coming days"
    else:
        label = "The coming days" if items else ""
    link = (
        f"<p>{site.links.a(here, 'follow-ups.md', label)} on the follow-ups page.</p>"
        if label
        else ""
    )
    return shown + link


def pipeline_chart(counts: dict[str, int]) -> str:
    """A horizontal bar per stage, drawn at build time as inline SVG (no script, no request)."""
    bar_height, gap, label_width, width = 22, 8, 170, 560
    most = max(counts.values(), default=0) or 1
    rows = []
    for index, stage in enumerate(STAGES):
        count = counts.get(stage, 0)
        y = index * (bar_height + gap)
        bar = round((width - label_width - 40) * count / most)
        css = "cc-bar-stopped" if stage in ("declined", "no answer") else "cc-bar"
        rows.append(
            f'<g><text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{esc(stage)}</text>'
            f'<rect class="{css}" x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" rx="3"/>'
            f'<text x="{label_width + bar + 6}" y="{y + 16}">{count}</text></g>'
        )
    height = len(STAGES) * (bar_height + gap)
    summary = ", ".join(f"{stage}: {counts.get(stage, 0)}" for stage in STAGES)
    return (
        f'<figure class="cc-pipeline"><svg role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="Contacts by stage: {esc(summary)}">'
        f"<title>Contacts by stage</title>{''.join(rows)}</svg>"
        f"<figcaption>Contacts by stage of the conversation.</figcaption></figure>"
    )


def _meetings(site: Site, here: str, meetings: tuple[Meeting, ...]) -> str:
    if not meetings:
        return "<p>No meetings scheduled.</p>"
    rows = []
    for meeting in meetings:
        contact = site.journal.contacts[meeting.contact]
        where = f" ({esc(meeting.channel)})" if meeting.channel else ""
        if site.comparison and meeting.contact in site.comparison.prep_slugs - RESERVED_SLUGS:
            where += f" · {site.links.a(here, f'prep/{meeting.contact}.md', 'prep sheet')}"
        rows.append(
            f"<strong>{esc(day_text(meeting.when))}</strong> — "
            f"{site.contact_link(here, meeting.contact)}{_at(contact)}{where}"
        )
    return ul(rows, "cc-meetings")


def _at(contact: Contact) -> str:
    parts = [p for p in (contact.role, contact.company) if p]
    return f", {esc(' at '.join(parts))}" if parts else ""


def _recent_notes(site: Site, here: str) -> str:
    notes = sorted(site.journal.notes, key=lambda n: (n.day, n.slug), reverse=True)[:RECENT_NOTES]
    if not notes:
        return (
            "<p>No notes yet: after a conversation, run <code>coffeechat new note SLUG</code>.</p>"
        )
    return ul((site.note_link(here, note) for note in notes), "cc-recent")


# -- follow-ups -----------------------------------------------------------------------------

_BUCKET_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "this week": "This week",
    "later": "Later",
    "open": "Open tasks without a date",
}


def follow_ups_page(site: Site) -> Page:
    here = "follow-ups.md"
    parts = [front_matter("Follow-ups", search=NO_SEARCH)]
    items = site.derived.follow_ups
    if not items:
        parts.append("\nNothing to follow up on. Well done.\n")
    for bucket in BUCKETS:
        found = [f for f in items if f.bucket == bucket]
        if found:
            parts += [
                f"\n## {_BUCKET_TITLES[bucket]} ({len(found)})\n",
                block(_follow_up_list(site, here, found)),
            ]
    feed = site.links.a(here, "follow-ups.ics", "follow-ups.ics")
    parts.append(block(f"<p>Add these to your calendar: {feed}.</p>"))
    return Page(here, "".join(parts))


def _follow_up_list(site: Site, here: str, items: list[FollowUp] | tuple[FollowUp, ...]) -> str:
    rows = []
    for item in items:
        # A close-loop follow-up is owed to the referrer about a note with someone else.
        own = item.kind != "close-loop"
        notes = site.derived.contacts[item.contact].notes if own else site.journal.notes
        note = next((n for n in notes if n.slug == item.note), None)
        source = f" · {site.note_link(here, note, 'note')}" if note else ""
        due = f'<span class="cc-due-date">{esc(day_text(item.due))}</span> ' if item.due else ""
        rows.append(
            f'{due}<span class="cc-kind cc-kind-{esc(item.kind)}">{esc(item.kind)}</span> '
            f"{site.contact_link(here, item.contact)}: {esc(item.reason)}{source}"
        )
    return ul(rows, "cc-follow-ups")


# -- contacts -------------------------------------------------------------------------------

_CONTACT_COLUMNS = ("Name", "Company", "Role", "Field", "Stage", "Last interaction", "Source")


def contacts_index(site: Site) -> Page:
    here = "contacts/index.md"
    rows = []
    for slug, view in site.derived.contacts.items():
        c = view.contact
        stage_rank = STAGES.index(view.stage)
        cells = [
            f"<td>{site.contact_link(here, slug)}</td>",
            *(f"<td>{esc(v or '')}</td>" for v in (c.company, c.role, c.field)),
            f'<td data-sort="{stage_rank}">{esc(view.stage)}</td>',
            f'<td data-sort="{iso(view.last_interaction)}">{esc(day_text(view.last_interaction))}</td>',
            f"<td>{esc(c.source or '')}</td>",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    parts = [
        front_matter("Contacts", search=NO_SEARCH),
        f"\n{len(rows)} people. Click a column title to sort; type to filter.\n",
        block(sortable_table("cc-contacts", _CONTACT_COLUMNS, rows)),
    ]
    return Page(here, "".join(parts))


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


def contact_page(site: Site, view: ContactView) -> Page:
    c = view.contact
    here = f"contacts/{c.slug}.md"
    parts = [
        front_matter(c.name, tags=[esc(t) for t in c.tags]),
        block(_contact_card(site, here, view)),
    ]
    if c.body.strip():
        parts += ["\n## About\n\n", c.body.strip("\n"), "\n"]
    parts += ["\n## Timeline\n", block(_timeline(site, here, view))]
    parts += request_section(site, c)
    if view.referred:
        parts += ["\n## Led you to\n", block(_referred(site, here, view))]
    if c.extra:
        parts += ["\n## Other details\n", block(_details(c.extra))]
    return Page(here, "".join(parts), source=c.path)


def _contact_card(site: Site, here: str, view: ContactView) -> str:
    c = view.contact
    rows = [("Stage", esc(view.stage) + ("" if c.status == "active" else f" ({esc(c.status)})"))]
    rows += contact_rows(c)
    if c.referred_by:
        person = resolve_referral(site.journal, c.referred_by, c.referred_by)
        shown = site.contact_link(here, person.slug) if person.slug else esc(person.name)
        rows.append(("Referred by", shown))
    if view.last_interaction:
        rows.append(("Last interaction", esc(day_text(view.last_interaction))))
    if c.tags:
        rows.append(("Tags", ", ".join(esc(t) for t in c.tags)))
    rows += file_history(site, c.path)
    return card(rows)


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


def _timeline(site: Site, here: str, view: ContactView) -> str:
    if not view.timeline:
        return "<p>Nothing yet: record your first request with <code>coffeechat log SLUG sent</code>.</p>"
    rows = []
    for entry in view.timeline:
        when = f'<time datetime="{iso(entry.when)}">{esc(day_text(entry.when))}</time>'
        if entry.note is not None:
            rows.append(
                f"{when} <strong>Conversation</strong> — {site.note_link(here, entry.note, 'read the notes')}"
            )
            continue
        event = entry.event
        assert event is not None
        text = f"{when} <strong>{esc(_EVENT_LABELS[event.event])}</strong>"
        if event.channel:
            text += f" by {esc(event.channel)}"
        if event.meeting is not None:
            text += f", meeting on {esc(day_text(event.meeting))}"
        if event.note:
            text += f" — {esc(event.note)}"
        rows.append(text)
    return '<ol class="cc-timeline">' + "".join(f"<li>{r}</li>" for r in rows) + "</ol>"


def _referred(site: Site, here: str, view: ContactView) -> str:
    rows = []
    for person in view.referred:
        shown = (
            site.contact_link(here, person.slug)
            if person.slug
            else f"{esc(person.name)} <em>(lead)</em>"
        )
        if person.slug and site.derived.contacts[person.slug].notes:
            shown += " — you have talked"
        rows.append(shown)
    return ul(rows)


def _details(extra: dict[str, object] | object) -> str:
    items = extra.items() if isinstance(extra, dict) else ()
    cells = "".join(
        f'<tr><th scope="row">{esc(k)}</th><td>{esc(_shown(v))}</td></tr>' for k, v in items
    )
    return f'<table class="cc-details"><tbody>{cells}</tbody></table>'


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    return "" if value is None else str(value)


# -- notes ----------------------------------------------------------------------------------

_NOTE_COLUMNS = ("Date", "With", "Company", "Format", "Minutes", "Tags")


def notes_index(site: Site) -> Page:
    here = "notes/index.md"
    rows = []
    for note in sorted(site.journal.notes, key=lambda n: (n.day, n.slug), reverse=True):
        companies = sorted(
            {c.company for s in note.contacts if (c := site.journal.contacts.get(s)) and c.company}
        )
        cells = [
            f'<td data-sort="{iso(note.date)}">{site.note_link(here, note, day_text(note.date))}</td>',
            "<td>" + ", ".join(site.contact_link(here, s) for s in note.contacts) + "</td>",
            f"<td>{esc(', '.join(companies))}</td>",
            f"<td>{esc(note.format or '')}</td>",
            f'<td data-sort="{note.duration or 0:05d}">{esc(note.duration or "")}</td>',
            f"<td>{esc(', '.join(note.tags))}</td>",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    parts = [
        front_matter("Notes by date", search=NO_SEARCH),
        f"\n{len(rows)} conversations, newest first.\n",
        block(sortable_table("cc-notes", _NOTE_COLUMNS, rows)),
    ]
    return Page(here, "".join(parts))


def note_page(site: Site, note: Note) -> Page:
    here = f"notes/{note.slug}.md"
    parts = [
        front_matter(note_title(site.journal, note), tags=[esc(t) for t in note.tags]),
        block(_note_header(site, here, note)),
        note.body.strip("\n"),
        "\n",
    ]
    if note.referrals:
        parts += ["\n## Referrals\n", block(_note_referrals(site, here, note))]
    if note.follow_ups:
        parts += ["\n## Follow-ups\n", block(_note_follow_ups(note))]
    if note.facts:
        parts += ["\n## Facts\n", block(_details(dict(note.facts)))]
    if note.extra:
        parts += ["\n## Other details\n", block(_details(dict(note.extra)))]
    parts += thank_you_section(site, note)
    return Page(here, "".join(parts), source=note.path)


def _note_header(site: Site, here: str, note: Note) -> str:
    people = []
    for slug in note.contacts:
        contact = site.journal.contacts.get(slug)
        people.append(site.contact_link(here, slug) + (_at(contact) if contact else ""))
    rows = [
        ("With", "; ".join(people)),
        ("When", f'<time datetime="{iso(note.date)}">{esc(day_text(note.date))}</time>'),
    ]
    if note.format:
        rows.append(("Format", esc(note.format)))
    if note.duration is not None:
        rows.append(("Duration", f"{note.duration} minutes"))
    thanked = f"sent {esc(day_text(note.thank_you))}" if note.thank_you else "not recorded yet"
    rows.append(("Thank-you", thanked))
    if note.tags:
        rows.append(("Tags", ", ".join(esc(t) for t in note.tags)))
    rows += file_history(site, note.path)
    return card(rows)


def _note_referrals(site: Site, here: str, note: Note) -> str:
    rows = []
    for referral in note.referrals:
        person = resolve_referral(site.journal, referral.slug, referral.name)
        shown = (
            site.contact_link(here, person.slug)
            if person.slug
            else f"{esc(person.name)} <em>(lead)</em>"
        )
        if referral.company:
            shown += f", {esc(referral.company)}"
        if referral.note:
            shown += f" — {esc(referral.note)}"
        rows.append(shown)
    return ul(rows)


def _note_follow_ups(note: Note) -> str:
    rows = []
    for item in note.follow_ups:
        state = "done" if item.done else (f"due {day_text(item.due)}" if item.due else "open")
        if item.done and item.done_on:
            state = f"done {day_text(item.done_on)}"
        mark = "☑" if item.done else "☐"
        rows.append(f"{mark} {esc(item.task)} <em>({esc(state)})</em>")
    return ul(rows, "cc-tasks")
