"""Render: every page of the site as Markdown text, keyed by its path under the site. Values from
front matter are escaped into HTML blocks; the user's own Markdown bodies are passed through.
Pure functions of the journal and what `derive` found; MkDocs turns the text into HTML."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from coffeechat.derive import followups
from coffeechat.derive.compare import Comparison
from coffeechat.derive.derived import STAGES, ContactView, Derived, Meeting, resolve_referral
from coffeechat.derive.letters import Drafter
from coffeechat.model import BUCKETS, Contact, FollowUp, Journal, Note
from coffeechat.read.history import NONE, History
from coffeechat.read.sections import answered_only, is_blank
from coffeechat.render.companies import company_pages
from coffeechat.render.compare import FACTS, compare_pages
from coffeechat.render.html import (
    HTML,
    NO_SEARCH,
    Links,
    block,
    day_text,
    front_matter,
    iso,
    tags,
    ul,
)
from coffeechat.render.letters import request_section, thank_you_section
from coffeechat.render.network import NETWORK, STATS, dashboard_leads, network_pages
from coffeechat.render.site import (
    Page,
    Row,
    Site,
    card,
    contact_rows,
    file_history,
    note_title,
    sortable_table,
)
from coffeechat.slugs import RESERVED_SLUGS

NAV = (
    ("Dashboard", "index.md"),
    ("Follow-ups", "follow-ups.md"),
    ("Contacts", "contacts/index.md"),
    ("Notes", "notes/index.md"),
    ("Compare", "compare/index.md"),
    ("Companies", "companies/index.md"),
    ("Network", "network.md"),
    ("Stats", "stats.md"),
    ("Tags", "tags.md"),  # only when the journal enables Material's tags plugin
)
# Pages of tables and charts: Material hides both sidebars on them (front matter `hide`), so a
# table gets the whole width of a laptop screen instead of a 688 px column.
DATA_PAGES = frozenset(
    {
        "follow-ups.md",
        "contacts/index.md",
        "notes/index.md",
        "companies/index.md",
        FACTS,
        NETWORK,
        STATS,
    }
)
FULL_WIDTH = '---\nhide: ["navigation", "toc"]\n'
RECENT_NOTES = 5
DASHBOARD_DUE = 12
OLDER_DAYS = 21  # overdue by more than three weeks: folded under "Older" on the dashboard
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # never the locale's

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


def render_site(
    journal: Journal,
    derived: Derived,
    directory_urls: bool = True,
    comparison: Comparison | None = None,
    drafts: Drafter | None = None,
    history: History = NONE,
    repo_url: str | None = None,
    today_pinned: bool = False,
) -> list[Page]:
    site = Site(
        journal,
        derived,
        Links(directory_urls),
        comparison,
        drafts=drafts,
        history=history,
        repo_url=repo_url,
        today_pinned=today_pinned,
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
    pages += network_pages(site)
    pages += company_pages(site)
    if comparison is not None:
        pages += compare_pages(site, comparison)
    return sorted((_full_width(p) for p in pages), key=lambda p: p.src)


def _full_width(page: Page) -> Page:
    """A data page with the sidebars hidden; every generated page opens with front matter."""
    if page.src not in DATA_PAGES or not page.text.startswith("---\n"):
        return page
    return dataclasses.replace(page, text=FULL_WIDTH + page.text[4:])


# -- dashboard ------------------------------------------------------------------------------


def dashboard(site: Site) -> Page:
    here = "index.md"
    derived = site.derived
    parts = [
        front_matter("Dashboard"),
        block(_today_line(site)),
        "\n## Due now\n",
        _due_now(site, here),
        "\n## The week ahead\n",
        block(_week_ahead(site, here)),
        "\n## Upcoming meetings\n",
        block(_meetings(site, here, derived.meetings)),
        dashboard_leads(site, here),
        "\n## Pipeline\n",
        block(pipeline_chart(derived.stage_counts())),
        "\n## Recent notes\n",
        block(_recent_notes(site, here)),
    ]
    return Page(here, "".join(parts))


def _today_line(site: Site) -> HTML:
    line = HTML('<p class="cc-today">Today is {} {}.').format(
        WEEKDAYS[site.derived.today.weekday()], day_text(site.derived.today)
    )
    if site.today_pinned:
        # A pinned day (the example journal is built as of its own week) must not pass for the
        # calendar's: everything due or overdue on the page is counted from it.
        line += HTML(
            " The site was built as of this day (<code>--today</code>), not the calendar's"
            " date: what is due and overdue is counted from it."
        )
    return line + HTML("</p>")


def _due_now(site: Site, here: str) -> str:
    """Overdue first, oldest first, then today, each group under a heading with its count; items
    more than OLDER_DAYS late are folded into one line, so a newcomer (or a week away) is not met
    by a pile. Each group shows at most DASHBOARD_DUE; the follow-ups page has the whole list."""
    items = site.derived.follow_ups
    today = site.derived.today
    overdue = [f for f in items if f.bucket == "overdue"]  # sorted by due date: oldest first
    due_today = [f for f in items if f.bucket == "today"]
    if not overdue and not due_today:
        return block(HTML("<p>Nothing overdue or due today.</p>"))
    parts = []
    if overdue:
        older = [f for f in overdue if f.due and (today - f.due).days > OLDER_DAYS]
        recent = overdue[len(older) :]
        body = _older(site, here, older) + _capped(site, here, recent, "overdue")
        parts += [f"\n### \u26a0 Overdue ({len(overdue)})\n", block(body)]
    if due_today:
        parts += [
            f"\n### \u25cf Today ({len(due_today)})\n",
            block(_capped(site, here, due_today, "due today")),
        ]
    return "".join(parts)


def _older(site: Site, here: str, older: list[FollowUp]) -> HTML:
    if not older:
        return HTML()
    oldest = older[0].due
    summary = HTML("Older: {} more than {} weeks late, the oldest from {}").format(
        _count(len(older), "item"), OLDER_DAYS // 7, day_text(oldest)
    )
    return HTML('<details class="cc-older"><summary>{}</summary>{}</details>').format(
        summary, _capped(site, here, older, "older")
    )


def _capped(site: Site, here: str, items: list[FollowUp], what: str) -> HTML:
    if not items:
        return HTML()
    shown = _follow_up_list(site, here, items[:DASHBOARD_DUE], site.derived.today)
    more = len(items) - DASHBOARD_DUE
    if more <= 0:
        return shown
    link = site.links.a(here, "follow-ups.md", f"{more} more {what}")
    return shown + HTML("<p>{} on the follow-ups page.</p>").format(link)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _week_ahead(site: Site, here: str) -> HTML:
    """The next seven days at a glance: one line a day with what falls due and who you meet."""
    today = site.derived.today
    rows = []
    for ahead in range(1, 8):
        day = today + timedelta(days=ahead)
        due = [f for f in site.derived.follow_ups if f.due == day]
        met = [m for m in site.derived.meetings if m.day == day]
        what: list[HTML] = [
            HTML('<span class="cc-kind cc-kind-{kind}">{kind}</span> {who}').format(
                kind=f.kind, who=site.contact_link(here, f.contact)
            )
            for f in due
        ]
        what += [
            HTML('<span class="cc-kind cc-kind-meeting">meeting</span> {}').format(
                site.contact_link(here, m.contact)
            )
            for m in met
        ]
        body = HTML(" · ").join(what) if what else HTML('<span class="cc-free">free</span>')
        rows.append(
            HTML('<span class="cc-week-day">{} {}</span> {}').format(
                WEEKDAYS[day.weekday()], followups.day_text(day, today), body
            )
        )
    link = site.links.a(here, "follow-ups.md", "follow-ups page")
    return ul(rows, "cc-week") + HTML("<p>Everything, later items too, on the {}.</p>").format(link)


def pipeline_chart(counts: dict[str, int]) -> HTML:
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
            HTML(
                '<g><text x="{lx}" y="{ty}" text-anchor="end">{stage}</text>'
                '<rect class="{css}" x="{x}" y="{y}" width="{bar}" height="{h}" rx="3"/>'
                '<text x="{cx}" y="{ty}">{count}</text></g>'
            ).format(
                lx=label_width - 8,
                ty=y + 16,
                stage=stage,
                css=css,
                x=label_width,
                y=y,
                bar=bar,
                h=bar_height,
                cx=label_width + bar + 6,
                count=count,
            )
        )
    height = len(STAGES) * (bar_height + gap)
    summary = ", ".join(f"{stage}: {counts.get(stage, 0)}" for stage in STAGES)
    return HTML(
        '<figure class="cc-pipeline"><svg role="img" viewBox="0 0 {w} {h}" '
        'width="100%" aria-label="Contacts by stage: {summary}">'
        "<title>Contacts by stage</title>{rows}</svg>"
        "<figcaption>Contacts by stage of the conversation.</figcaption></figure>"
    ).format(w=width, h=height, summary=summary, rows=HTML().join(rows))


def _meetings(site: Site, here: str, meetings: tuple[Meeting, ...]) -> HTML:
    if not meetings:
        return HTML("<p>No meetings scheduled.</p>")
    rows = []
    for meeting in meetings:
        contact = site.journal.contacts[meeting.contact]
        where = HTML(" ({})").format(meeting.channel) if meeting.channel else HTML()
        if site.comparison and meeting.contact in site.comparison.prep_slugs - RESERVED_SLUGS:
            where += HTML(" · {}").format(
                site.links.a(here, f"prep/{meeting.contact}.md", "prep sheet")
            )
        rows.append(
            HTML("<strong>{}</strong> — {}{}{}").format(
                day_text(meeting.when),
                site.contact_link(here, meeting.contact),
                _at(contact),
                where,
            )
        )
    return ul(rows, "cc-meetings")


def _at(contact: Contact) -> str:
    """ ", role at company" as plain text (escaped where it lands)."""
    parts = [p for p in (contact.role, contact.company) if p]
    return f", {' at '.join(parts)}" if parts else ""


def _recent_notes(site: Site, here: str) -> HTML:
    notes = sorted(site.journal.notes, key=lambda n: (n.day, n.slug), reverse=True)[:RECENT_NOTES]
    if not notes:
        return HTML(
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
    parts.append(block(HTML("<p>Add these to your calendar: {}.</p>").format(feed)))
    return Page(here, "".join(parts))


def _follow_up_list(
    site: Site,
    here: str,
    items: list[FollowUp] | tuple[FollowUp, ...],
    today: date | None = None,
) -> HTML:
    """The list of follow-ups; with `today`, each item also says in words how late it is, so the
    urgency reads without its colour."""
    rows = []
    for item in items:
        # A close-loop follow-up is owed to the referrer about a note with someone else.
        own = item.kind != "close-loop"
        notes = site.derived.contacts[item.contact].notes if own else site.journal.notes
        note = next((n for n in notes if n.slug == item.note), None)
        source = HTML(" · {}").format(site.note_link(here, note, "note")) if note else HTML()
        due = (
            HTML('<span class="cc-due-date">{}</span> ').format(day_text(item.due))
            if item.due
            else HTML()
        )
        if today is not None and item.due is not None:
            due += _lateness(item.due, today)
        rows.append(
            HTML(
                '{due}<span class="cc-kind cc-kind-{kind}">{kind}</span> {who}: {why}{src}'
            ).format(
                due=due,
                kind=item.kind,
                who=site.contact_link(here, item.contact),
                why=item.reason,
                src=source,
            )
        )
    return ul(rows, "cc-follow-ups")


def _lateness(due: date, today: date) -> HTML:
    days = (today - due).days
    if days > 0:
        return HTML('<span class="cc-late">{} late</span> ').format(_count(days, "day"))
    if days == 0:
        return HTML('<span class="cc-due-today">due today</span> ')
    return HTML()


# -- contacts -------------------------------------------------------------------------------

_CONTACT_COLUMNS = ("Name", "Company", "Role", "Field", "Stage", "Last interaction", "Source")


def contacts_index(site: Site) -> Page:
    here = "contacts/index.md"
    rows = []
    for slug, view in site.derived.contacts.items():
        c = view.contact
        stage_rank = STAGES.index(view.stage)
        cells = [
            HTML("<td>{}</td>").format(site.contact_link(here, slug)),
            *(HTML("<td>{}</td>").format(v or "") for v in (c.company, c.role, c.field)),
            HTML('<td data-sort="{}">{}</td>').format(stage_rank, view.stage),
            HTML('<td data-sort="{}">{}</td>').format(
                iso(view.last_interaction), day_text(view.last_interaction)
            ),
            HTML("<td>{}</td>").format(c.source or ""),
        ]
        rows.append(HTML("<tr>{}</tr>").format(HTML().join(cells)))
    parts = [
        front_matter("Contacts", search=NO_SEARCH),
        f"\n{len(rows)} people. Click a column title to sort; type to filter.\n",
        block(sortable_table("cc-contacts", _CONTACT_COLUMNS, rows)),
    ]
    return Page(here, "".join(parts))


def contact_page(site: Site, view: ContactView) -> Page:
    c = view.contact
    here = f"contacts/{c.slug}.md"
    parts = [
        front_matter(c.name, tags=tags(c.tags)),
        block(_contact_card(site, here, view)),
    ]
    if not is_blank(c.body):  # a template's guidance, kept in a comment, is not "About"
        parts += ["\n## About\n\n", c.body.strip("\n"), "\n"]
    parts += ["\n## Timeline\n", block(_timeline(site, here, view))]
    parts += request_section(site, c)
    if view.referred:
        parts += ["\n## Led you to\n", block(_referred(site, here, view))]
    if c.extra:
        parts += ["\n## Other details\n", block(_details(c.extra))]
    return Page(here, "".join(parts), source=c.path)


def _contact_card(site: Site, here: str, view: ContactView) -> HTML:
    c = view.contact
    status = "" if c.status == "active" else f" ({c.status})"
    rows: list[Row] = [("Stage", view.stage + status)]
    rows += contact_rows(c)
    if c.referred_by:
        person = resolve_referral(site.journal, c.referred_by, c.referred_by)
        rows.append(
            ("Referred by", site.contact_link(here, person.slug) if person.slug else person.name)
        )
    if view.last_interaction:
        rows.append(("Last interaction", day_text(view.last_interaction)))
    if c.tags:
        rows.append(("Tags", ", ".join(c.tags)))
    rows += file_history(site, c.path)
    return card(rows)


def _timeline(site: Site, here: str, view: ContactView) -> HTML:
    if not view.timeline:
        return HTML(
            "<p>Nothing yet: record your first request with <code>coffeechat log SLUG sent</code>.</p>"
        )
    rows = []
    for entry in view.timeline:
        when = HTML('<time datetime="{}">{}</time>').format(iso(entry.when), day_text(entry.when))
        if entry.note is not None:
            rows.append(
                HTML("{} <strong>Conversation</strong> — {}").format(
                    when, site.note_link(here, entry.note, "read the notes")
                )
            )
            continue
        event = entry.event
        assert event is not None
        text = HTML("{} <strong>{}</strong>").format(when, _EVENT_LABELS[event.event])
        if event.channel:
            text += f" by {event.channel}"
        if event.meeting is not None:
            text += f", meeting on {day_text(event.meeting)}"
        if event.note:
            text += f" — {event.note}"
        rows.append(text)
    items = HTML().join(HTML("<li>{}</li>").format(r) for r in rows)
    return HTML('<ol class="cc-timeline">{}</ol>').format(items)


def _referred(site: Site, here: str, view: ContactView) -> HTML:
    rows = []
    for person in view.referred:
        shown = (
            site.contact_link(here, person.slug)
            if person.slug
            else HTML("{} <em>(lead)</em>").format(person.name)
        )
        if person.slug and site.derived.contacts[person.slug].notes:
            shown += " — you have talked"
        rows.append(shown)
    return ul(rows)


def _details(extra: dict[str, object] | object) -> HTML:
    items = extra.items() if isinstance(extra, dict) else ()
    cells = HTML().join(
        HTML('<tr><th scope="row">{}</th><td>{}</td></tr>').format(k, _shown(v)) for k, v in items
    )
    return HTML('<table class="cc-details"><tbody>{}</tbody></table>').format(cells)


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
        people = HTML(", ").join(site.contact_link(here, s) for s in note.contacts)
        cells = [
            HTML('<td data-sort="{}">{}</td>').format(
                iso(note.date), site.note_link(here, note, day_text(note.date))
            ),
            HTML("<td>{}</td>").format(people),
            HTML("<td>{}</td>").format(", ".join(companies)),
            HTML("<td>{}</td>").format(note.format or ""),
            HTML('<td data-sort="{:05d}">{}</td>').format(note.duration or 0, note.duration or ""),
            HTML("<td>{}</td>").format(", ".join(note.tags)),
        ]
        rows.append(HTML("<tr>{}</tr>").format(HTML().join(cells)))
    parts = [
        front_matter("Notes by date", search=NO_SEARCH),
        f"\n{len(rows)} conversations, newest first.\n",
        block(sortable_table("cc-notes", _NOTE_COLUMNS, rows)),
    ]
    return Page(here, "".join(parts))


def note_page(site: Site, note: Note) -> Page:
    here = f"notes/{note.slug}.md"
    parts = [
        front_matter(note_title(site.journal, note), tags=tags(note.tags)),
        block(_note_header(site, here, note)),
        answered_only(note.body).strip("\n"),  # a question left unanswered is no empty heading
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


def _note_header(site: Site, here: str, note: Note) -> HTML:
    people = []
    for slug in note.contacts:
        contact = site.journal.contacts.get(slug)
        people.append(site.contact_link(here, slug) + (_at(contact) if contact else ""))
    rows: list[Row] = [
        ("With", HTML("; ").join(people)),
        ("When", HTML('<time datetime="{}">{}</time>').format(iso(note.date), day_text(note.date))),
    ]
    if note.format:
        rows.append(("Format", note.format))
    if note.duration is not None:
        rows.append(("Duration", f"{note.duration} minutes"))
    thanked = f"sent {day_text(note.thank_you)}" if note.thank_you else "not recorded yet"
    rows.append(("Thank-you", thanked))
    if note.tags:
        rows.append(("Tags", ", ".join(note.tags)))
    rows += file_history(site, note.path)
    return card(rows)


def _note_referrals(site: Site, here: str, note: Note) -> HTML:
    rows = []
    for referral in note.referrals:
        person = resolve_referral(site.journal, referral.slug, referral.name)
        shown = (
            site.contact_link(here, person.slug)
            if person.slug
            else HTML("{} <em>(lead)</em>").format(person.name)
        )
        if referral.company:
            shown += f", {referral.company}"
        if referral.note:
            shown += f" — {referral.note}"
        rows.append(shown)
    return ul(rows)


def _note_follow_ups(note: Note) -> HTML:
    rows = []
    for item in note.follow_ups:
        state = "done" if item.done else (f"due {day_text(item.due)}" if item.due else "open")
        if item.done and item.done_on:
            state = f"done {day_text(item.done_on)}"
        mark = "☑" if item.done else "☐"
        rows.append(HTML("{} {} <em>({})</em>").format(mark, item.task, state))
    return ul(rows, "cc-tasks")
