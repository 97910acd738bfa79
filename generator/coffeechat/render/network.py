"""Render /network/ (who led you to whom, drawn as an SVG at build time, and the leads with the
command that adds each one) and /stats/ (how your requests fared, with small bar charts), plus the
dashboard's short list of leads.

Like pages.py: Markdown text whose HTML blocks hold escaped values from front matter. The charts
are plain inline SVG made here: no script, no request to another host."""

from __future__ import annotations

from coffeechat import urls
from coffeechat.derive.derived import Referred
from coffeechat.derive.network import BOX_H, BOX_W, Lead, Network, Referrer, Route, layout
from coffeechat.derive.stats import FEW, Stats, Tally, outreach_stats
from coffeechat.model import Note
from coffeechat.render.html import HTML, NO_SEARCH, block, day_text, front_matter, iso, ul
from coffeechat.render.site import Page, Site, card
from coffeechat.slugs import RESERVED_SLUGS, slugify
from coffeechat.words import plural

NETWORK = "network.md"
STATS = "stats.md"
DASHBOARD_LEADS = 5  # the dashboard names this many leads, the network page has them all
CHART_GROUPS = 8  # a chart shows the groups with most requests; the table has them all

_LABEL_CHARS = 24  # what fits in a box at 14px; the full name is in the box's tooltip


def network_pages(site: Site) -> list[Page]:
    return [
        network_page(site, site.derived.network),
        stats_page(site, outreach_stats(site.journal, site.derived)),
    ]


# -- dashboard ------------------------------------------------------------------------------


def dashboard_leads(site: Site, here: str) -> str:
    """A short "Leads" section for the dashboard, as Markdown; nothing when there are none."""
    leads = site.derived.network.leads
    if not leads:
        return ""
    rows = [
        site.links.a(here, NETWORK, lead.name, f"lead-{lead.slug}") + _suggested(site, here, lead)
        for lead in leads[:DASHBOARD_LEADS]
    ]
    more = f"All {len(leads)} leads" if len(leads) > DASHBOARD_LEADS else "The leads"
    link = site.links.a(here, NETWORK, f"{more}, with the command that adds each one", "leads")
    return "\n## Leads\n" + block(ul(rows, "cc-leads"), HTML("<p>{}.</p>").format(link))


def _suggested(site: Site, here: str, lead: Lead) -> HTML:
    if not lead.suggested_by:
        return HTML()
    return HTML(" — suggested by ") + _and([site.contact_link(here, s) for s in lead.suggested_by])


def _and(items: list[HTML]) -> HTML:
    return items[0] if len(items) == 1 else HTML(", ").join(items[:-1]) + " and " + items[-1]


# -- network --------------------------------------------------------------------------------


def network_page(site: Site, net: Network) -> Page:
    here = NETWORK
    parts = [front_matter("Referral network", search=NO_SEARCH)]
    if not net.edges:
        parts.append(
            "\nNo referrals yet. At the end of each conversation, ask “Who else should I talk "
            "to?” and write the names under `referrals:` in the note; set `referred_by:` on a "
            "contact someone suggested.\n"
        )
        return Page(here, "".join(parts))
    people = {e.person for e in net.edges}
    talked = len(people & net.talked)
    notes = {note.slug: note for note in site.journal.notes}
    parts += [
        f"\n{plural(len(net.referrers), 'person', 'people')} led you to "
        f"{plural(len(people), 'other', 'others')}; you have talked to {talked} of them. Each "
        "arrow goes from the person who suggested someone to that person.\n",
        block(network_diagram(site, here, net)),
        "\n## Who led you to whom\n",
        block(*(_referrer(site, here, r, notes) for r in net.referrers)),
        "\n## Leads\n",
        block(_leads(site, here, net.leads, notes)),
    ]
    return Page(here, "".join(parts))


def network_diagram(site: Site, here: str, net: Network) -> HTML:
    """A layered drawing (derive.network.layout): referrers to the left of the people they led
    to; contacts link to their pages, leads (dashed) to their entry below. Drawn at its own size,
    so text stays at its CSS size; a large network scrolls inside its box, not the page."""
    shape = layout(net.edges)
    edges = HTML().join(_edge(route) for route in shape.routes)
    nodes = HTML().join(_node(site, here, net, node, *shape.boxes[node]) for node in shape.boxes)
    return HTML(
        '<figure class="cc-network"><div class="cc-network-scroll" tabindex="0" '
        'role="region" aria-label="Referral map (scrolls)">'
        '<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="cc-network-title">'
        '<title id="cc-network-title">Who led you to whom</title>'
        '<defs><marker id="cc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        "{edges}{nodes}</svg></div>"
        "<figcaption>Boxes with a bold border: people you have talked to. Dashed: leads, "
        "suggested to you but without a contact file yet.</figcaption></figure>"
    ).format(w=_n(shape.width), h=_n(shape.height), edges=edges, nodes=nodes)


def _n(value: float) -> str:
    """A coordinate as short as it can be written: the same number always gives the same text."""
    return f"{value:.1f}".removesuffix(".0")


def _edge(route: Route) -> HTML:
    """Straight across a slot (same height at both ends), a curve between two columns whose
    control points stay in the gap, so the curve does too."""
    (x, y), *rest = route.points
    path = [f"M{_n(x)},{_n(y)}"]
    for nx, ny in rest:
        if ny == y:
            path.append(f"L{_n(nx)},{_n(ny)}")
        else:
            mid = (x + nx) / 2
            path.append(f"C{_n(mid)},{_n(y)} {_n(mid)},{_n(ny)} {_n(nx)},{_n(ny)}")
        x, y = nx, ny
    lead = route.edge.lead
    dashed = ' stroke-dasharray="5 4"' if lead else ""
    css = "cc-edge cc-edge-lead" if lead else "cc-edge"
    # Only numbers and fixed words: nothing from the journal reaches this element.
    return HTML(
        f'<path class="{css}" d="{" ".join(path)}" fill="none" stroke="#888"{dashed} '
        'marker-end="url(#cc-arrow)"/>'
    )


def _node(site: Site, here: str, net: Network, slug: str, x: float, y: float) -> HTML:
    name = net.names[slug]
    lead = slug not in site.journal.contacts
    if lead:
        css, state = "cc-node cc-lead", "lead: no contact file yet"
        href = f"#lead-{urls.fragment(slug)}"
    else:
        talked = slug in net.talked
        css = "cc-node cc-talked" if talked else "cc-node"
        state = "you have talked" if talked else "not talked yet"
        href = "" if slug in RESERVED_SLUGS else site.links.href(here, f"contacts/{slug}.md")
    label = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1].rstrip() + "…"
    dashed = HTML(' stroke-dasharray="5 4"') if lead else HTML()
    box = HTML(
        '<g class="{css}"><title>{name} ({state})</title>'
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="5" fill="#fff" '
        'stroke="#888"{dashed}/>'
        '<text x="{tx}" y="{ty}">{label}</text></g>'
    ).format(
        css=css,
        name=name,
        state=state,
        x=_n(x),
        y=_n(y),
        w=BOX_W,
        h=BOX_H,
        dashed=dashed,
        tx=_n(x + 10),
        ty=_n(y + BOX_H / 2 + 5),
        label=label,
    )
    return HTML('<a href="{}">{}</a>').format(href, box) if href else box


def _referrer(site: Site, here: str, referrer: Referrer, notes: dict[str, Note]) -> HTML:
    rows = HTML().join(_referred_row(site, here, person, notes) for person in referrer.people)
    return HTML(
        '<h3 id="from-{slug}">{who}</h3>'
        "<p>Led you to {led}; you have talked to {talked}.</p>"
        '<table class="cc-referred"><thead><tr><th scope="col">Person</th>'
        '<th scope="col">Stage</th><th scope="col">Suggested in</th></tr></thead>'
        "<tbody>{rows}</tbody></table>"
    ).format(
        slug=referrer.slug,
        who=site.contact_link(here, referrer.slug),
        led=plural(referrer.led_to, "person", "people"),
        talked=referrer.talked,
        rows=rows,
    )


def _referred_row(site: Site, here: str, person: Referred, notes: dict[str, Note]) -> HTML:
    if person.slug is None:
        anchor = urls.fragment(slugify(person.name))
        shown = HTML('<a href="#lead-{}">{}</a> <em>(lead)</em>').format(anchor, person.name)
        stage = "lead"
    else:
        shown = site.contact_link(here, person.slug)
        stage = site.derived.contacts[person.slug].stage
    note = notes.get(person.via_note or "")
    where = (
        site.note_link(here, note, day_text(note.date))
        if note
        else HTML("their <code>referred_by</code>")
    )
    return HTML("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(shown, stage, where)


def _leads(site: Site, here: str, leads: tuple[Lead, ...], notes: dict[str, Note]) -> HTML:
    if not leads:
        return HTML("<p>No leads: everyone suggested to you has a contact file.</p>")
    rows = []
    for lead in leads:
        said = [notes[s] for s in lead.notes if s in notes]
        text = HTML("<strong>{}</strong>").format(lead.name)
        if lead.company:
            text += f", {lead.company}"
        text += _suggested(site, here, lead)
        if said:
            links = HTML(", ").join(site.note_link(here, n, day_text(n.date)) for n in said)
            text += HTML(" ({})").format(links)
        if lead.note:
            text += HTML("<br><em>{}</em>").format(lead.note)
        text += HTML("<br><code>{}</code>").format(lead.command)
        rows.append(HTML('<li id="lead-{}">{}</li>').format(lead.slug, text))
    return HTML(
        "<p>People suggested in your notes who have no contact file yet. Run the command in the "
        "journal folder to add one (it never overwrites a file).</p>"
        '<ul class="cc-leads">{}</ul>'
    ).format(HTML().join(rows))


# -- stats ----------------------------------------------------------------------------------


def stats_page(site: Site, stats: Stats) -> Page:
    here = STATS
    parts = [front_matter("Outreach statistics", search=NO_SEARCH)]
    if not stats.requests:
        parts.append(
            "\nNo requests recorded yet. Log each one with "
            "`coffeechat log SLUG sent --channel email` and this page will show which ones get "
            "answers.\n"
        )
        return Page(here, "".join(parts))
    parts += [
        f"\n*n* is the number of requests (`sent` events) a figure is based on. With fewer than "
        f"{FEW}, a percentage is an anecdote, not a pattern: the tables say “too few to tell”.\n",
        "\n## Overall\n",
        block(_overall(site, here, stats)),
    ]
    for title, tallies in (
        ("Source", stats.by_source),
        ("Channel", stats.by_channel),
        ("Company", stats.by_company),
    ):
        parts += [
            f"\n## By {title.lower()}\n",
            block(rate_chart(tallies, title), _tally_table(title, tallies)),
        ]
    parts += ["\n## Snafus\n", block(_snafus(site, here, stats))]
    return Page(here, "".join(parts))


def _overall(site: Site, here: str, stats: Stats) -> HTML:
    total = stats.total
    rows = [
        ("Requests sent", f"{total.requests} to {plural(stats.people, 'person', 'people')}"),
        ("Answered", answered_share(total) + _few(total)),
        ("No answer yet", str(total.requests - total.answered)),
        ("Median days to reply", f"{days_to_reply(total.median_days)} (n = {total.answered})"),
        ("Declined", _people(site, here, stats.declined)),
        ("No answer after your follow-ups", _people(site, here, stats.no_answer)),
        ("Calls nobody picked up", str(stats.unanswered_calls)),
    ]
    return card(rows, "cc-card cc-stats")


def answered_share(tally: Tally, none: str = "—") -> str:
    """`3 of 4 (75%)`; `none` when there were no requests."""
    if not tally.requests:
        return none
    return f"{tally.answered} of {tally.requests} ({round(100 * (tally.rate or 0))}%)"


def _few(tally: Tally) -> HTML:
    return HTML(' <span class="cc-hint">too few to tell</span>') if tally.few else HTML()


def days_to_reply(median: float | None) -> str:
    if median is None:
        return "—"
    shown = f"{median:g}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def _people(site: Site, here: str, slugs: tuple[str, ...]) -> HTML:
    if not slugs:
        return HTML("0")
    people = HTML(", ").join(site.contact_link(here, slug) for slug in slugs)
    return HTML("{}: {}").format(len(slugs), people)


def _tally_table(title: str, tallies: tuple[Tally, ...]) -> HTML:
    rows = HTML().join(
        HTML(
            "<tr><td>{label}</td>"
            '<td class="cc-number">{requests}</td>'
            '<td class="cc-number">{answered}</td>'
            '<td class="cc-number">{rate}</td>'
            '<td class="cc-number">{days}</td>'
            "<td>{few}</td></tr>"
        ).format(
            label=t.label,
            requests=t.requests,
            answered=t.answered,
            rate="—" if t.rate is None else f"{round(100 * t.rate)}%",
            days=days_to_reply(t.median_days),
            few=_few(t).strip(),
        )
        for t in tallies
    )
    numbers = ("Requests (n)", "Answered", "Reply rate", "Median days to reply")
    head = (
        HTML('<th scope="col">{}</th>').format(title)
        + HTML().join(HTML('<th scope="col" class="cc-number">{}</th>').format(h) for h in numbers)
        + HTML('<th scope="col"><span class="md-visually-hidden">Note</span></th>')
    )
    return HTML(
        '<table class="cc-tally"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
    ).format(head, rows)


def rate_chart(tallies: tuple[Tally, ...], title: str) -> HTML:
    """One bar per group: its length is the number of requests, the filled part the answered
    ones, so a 100% from one request looks as small as it is."""
    shown = tallies[:CHART_GROUPS]
    bar_height, gap, label_width, width = 20, 6, 210, 560
    most = max((t.requests for t in shown), default=0) or 1
    scale = (width - label_width - 90) / most
    rows = []
    for index, t in enumerate(shown):
        y = index * (bar_height + gap)
        label = t.label if len(t.label) <= 28 else t.label[:27].rstrip() + "…"
        sent, answered = round(scale * t.requests), round(scale * t.answered)
        rows.append(
            HTML(
                "<g><title>{full}: {n_answered} of {n} answered</title>"
                '<text x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="cc-bar-sent" x="{x}" y="{y}" width="{sent}" '
                'height="{h}" rx="3" fill="#ddd"/>'
                '<rect class="cc-bar" x="{x}" y="{y}" width="{answered}" '
                'height="{h}" rx="3" fill="#555"/>'
                '<text x="{cx}" y="{ty}">{n_answered} of {n}</text></g>'
            ).format(
                full=t.label,
                n_answered=t.answered,
                n=t.requests,
                lx=label_width - 8,
                ty=y + 15,
                label=label,
                x=label_width,
                y=y,
                sent=sent,
                answered=answered,
                h=bar_height,
                cx=label_width + sent + 6,
            )
        )
    height = max(1, len(shown)) * (bar_height + gap)
    more = (
        f" The {CHART_GROUPS} with most requests; the table has all {len(tallies)}."
        if len(tallies) > len(shown)
        else ""
    )
    return HTML(
        '<figure class="cc-chart"><svg role="img" viewBox="0 0 {w} {h}" width="100%" '
        'aria-label="Requests answered by {title}">'
        "{rows}</svg><figcaption>Bar: requests sent; filled: answered.{more}"
        "</figcaption></figure>"
    ).format(w=width, h=height, title=title.lower(), rows=HTML().join(rows), more=more)


def _snafus(site: Site, here: str, stats: Stats) -> HTML:
    if not stats.snafus:
        return HTML(
            "<p>No snafus recorded. When something goes wrong (a message in spam, a wrong "
            "number), log it with <code>coffeechat log SLUG snafu --note …</code>.</p>"
        )
    rows = []
    for snafu in stats.snafus:
        text = HTML('<time datetime="{}">{}</time> {}').format(
            iso(snafu.day), day_text(snafu.day), site.contact_link(here, snafu.contact)
        )
        if snafu.channel:
            text += f" ({snafu.channel})"
        if snafu.note:
            text += f" — {snafu.note}"
        rows.append(text)
    return ul(rows, "cc-snafus")
