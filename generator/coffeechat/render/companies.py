"""/companies/ and /companies/<slug>/: the organisations your contacts work for, derived from
their `company`. Before applying somewhere, this is where to look back: who you know there, what
they told you about the place, and how readily its people answered."""

from __future__ import annotations

from coffeechat.derive.companies import Company, companies
from coffeechat.render.compare import answer_markdown
from coffeechat.render.html import HTML, NO_SEARCH, block, day_text, front_matter, ul
from coffeechat.render.network import answered_share, days_to_reply
from coffeechat.render.site import Page, Row, Site, card, sortable_table

INDEX = "companies/index.md"
_COLUMNS = ("Company", "People", "Conversations", "Requests answered", "Median days to reply")


def company_src(company: Company) -> str:
    return f"companies/{company.slug}.md"


def company_pages(site: Site) -> list[Page]:
    found = companies(site.journal, site.derived)
    return [companies_index(site, found)] + [company_page(site, c) for c in found]


def companies_index(site: Site, found: tuple[Company, ...]) -> Page:
    parts = [front_matter("Companies", search=NO_SEARCH)]
    if not found:
        parts.append("\nNo contact has a `company` yet: add one to a contact file.\n")
        return Page(INDEX, "".join(parts))
    parts.append(
        "\nThe organisations your contacts work for, from their `company`. Before you apply "
        "somewhere, look here: who you know there, what they told you, how readily they answered.\n"
    )
    rows = [
        HTML(
            "<tr><td>{}</td>"
            '<td class="cc-number">{}</td><td class="cc-number">{}</td>'
            '<td class="cc-number" data-sort="{}">{}</td><td class="cc-number">{}</td></tr>'
        ).format(
            site.links.a(INDEX, company_src(c), c.name),
            len(c.people),
            len(c.notes),
            f"{c.requests.rate:.3f}" if c.requests.rate is not None else "",
            answered_share(c.requests, "no requests"),
            days_to_reply(c.requests.median_days),
        )
        for c in found
    ]
    parts.append(block(sortable_table("cc-companies", _COLUMNS, rows)))
    return Page(INDEX, "".join(parts))


def company_page(site: Site, company: Company) -> Page:
    here = company_src(company)
    rows: list[Row] = [
        ("People", str(len(company.people))),
        ("Conversations", str(len(company.notes))),
        ("Requests answered", answered_share(company.requests, "no requests")),
        ("Median days to reply", days_to_reply(company.requests.median_days)),
    ]
    parts = [
        front_matter(company.name, search=NO_SEARCH),
        block(card(rows, "cc-card cc-company")),
        "\n## People\n",
        block(_people(site, here, company)),
        "\n## Conversations\n",
        block(_conversations(site, here, company)),
        "\n## What you learned\n",
    ]
    if not company.learned and not company.facts:
        parts.append(
            block(
                HTML(
                    "<p>Nothing yet: answer “What did I learn about the company?” in a note, or "
                    "add <code>facts</code>.</p>"
                )
            )
        )
    for note, section in company.learned:
        who = HTML(", ").join(site.contact_link(here, slug) for slug in note.contacts)
        parts.append(
            block(
                HTML('<p class="cc-answer-meta">{} · {} · {}</p>').format(
                    site.note_link(here, note, day_text(note.day)), who, section.heading
                )
            )
        )
        parts.append(answer_markdown(section.text))
    if company.facts:
        facts = [
            HTML("<strong>{}</strong>: {} ({})").format(
                key, _value(value), site.note_link(here, note, day_text(note.day))
            )
            for note, key, value in company.facts
        ]
        parts += ["\n### Facts\n", block(ul(facts, "cc-company-facts"))]
    return Page(here, "".join(parts))


def _people(site: Site, here: str, company: Company) -> HTML:
    rows = []
    for slug in company.people:
        view = site.derived.contacts[slug]
        role = HTML(", {}").format(view.contact.role) if view.contact.role else HTML()
        rows.append(
            HTML('{}{} — <span class="cc-stage">{}</span>').format(
                site.contact_link(here, slug), role, view.stage
            )
        )
    return ul(rows, "cc-company-people")


def _conversations(site: Site, here: str, company: Company) -> HTML:
    if not company.notes:
        return HTML("<p>No conversations yet.</p>")
    return ul(
        (HTML("{} — {}").format(day_text(n.day), site.note_link(here, n)) for n in company.notes),
        "cc-company-notes",
    )


def _value(value: object) -> str:
    if isinstance(value, bool):  # YAML reads yes/no as true/false: show them as written
        return "yes" if value else "no"
    return str(value)
