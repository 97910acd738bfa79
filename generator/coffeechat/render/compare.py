"""Render the comparison pages: /compare/ (index), /compare/<key>/ (one question across notes),
/compare/facts/, /compare/reflections/ and /prep/<contact>/ (a printable sheet before a meeting).

Like pages.py: Markdown text whose HTML blocks hold escaped values from front matter; the answers
themselves are the user's Markdown, placed *between* HTML blocks so MkDocs renders them."""

from __future__ import annotations

import functools
import hashlib
import re

from markdown.extensions.toc import slugify

from coffeechat import urls
from coffeechat.derive.compare import (
    OTHER,
    REFLECTION,
    TOPIC_TITLES,
    Answer,
    Comparison,
    FactSummary,
    KeyAnswers,
    Prep,
    Said,
    Who,
    fact_label,
    fact_text,
)
from coffeechat.questions import normalise
from coffeechat.read.sections import is_blank
from coffeechat.render.html import HTML, NO_SEARCH, block, day_text, front_matter, iso, ul
from coffeechat.render.site import Page, Row, Site, card, contact_rows, sortable_table
from coffeechat.slugs import MAX_SLUG_BYTES, RESERVED_SLUGS, cap
from coffeechat.slugs import slugify as file_slug

INDEX = "compare/index.md"
FACTS = "compare/facts.md"
REFLECTIONS = "compare/reflections.md"
_OWN_PAGES = frozenset({"index", "facts", "reflections"})
_SAFE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_KEY_NAME_BYTES = MAX_SLUG_BYTES
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.MULTILINE)
NO_FIELD = "No field given"


def key_src(key: str) -> str:
    """compare/<key>.md. A key that is not a plain lowercase ASCII name (Кем-вы-работаете, 你的工作,
    `Typical` beside `typical`), is too long for a file name, or is named like one of our own
    pages gets a transliterated name plus a hash of the key: distinct keys never share a page."""
    if _SAFE_KEY.match(key) and key not in _OWN_PAGES and len(key) <= _KEY_NAME_BYTES:
        return f"compare/{key}.md"
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"compare/{cap(file_slug(key), _KEY_NAME_BYTES - 9) or 'question'}-{digest}.md"


def prep_src(slug: str) -> str:
    return f"prep/{slug}.md"


def compare_pages(site: Site, comparison: Comparison) -> list[Page]:
    memo = Memo(site)
    pages = [
        compare_index(site, comparison),
        facts_page(site, comparison, memo),
        reflections_page(site, comparison, memo),
    ]
    pages += [key_page(site, found, memo) for found in comparison.paged()]
    pages += [
        prep_page(site, prep, memo)
        for prep in comparison.preps
        if prep.contact.slug not in RESERVED_SLUGS
    ]
    return pages


class Memo:
    """What one render of the comparison pages computes once: who took part in a note, as HTML
    (the same note appears on many pages, and a key page can hold thousands of answers)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._people: dict[tuple[str, str, bool], HTML] = {}
        self._days: dict[str, str] = {}
        self._attrs: dict[str, HTML] = {}

    def people(self, here: str, who: Who, details: bool = True) -> HTML:
        # Links from pages at the same depth are written the same way.
        key = (self.site.links.href(here, "index.md"), who.note.slug, details)
        found = self._people.get(key)
        if found is None:
            found = self._people[key] = _people(self.site, here, who, details)
        return found

    def attrs(self, who: Who) -> HTML:
        """The fields and companies of an answer, for the filters."""
        found = self._attrs.get(who.note.slug)
        if found is None:
            fields = " ".join(sorted(who.field_keys)) or "none"
            found = self._attrs[who.note.slug] = HTML(
                'data-fields="{}" data-companies="{}"'
            ).format(fields, " ".join(sorted(who.company_keys)))
        return found

    def day(self, answer: Answer) -> str:
        found = self._days.get(answer.note.slug)
        if found is None:
            found = self._days[answer.note.slug] = day_text(answer.note.date)
        return found

    def answer_link(self, here: str, answer: Answer) -> HTML:
        return _answer_link(self.site, here, answer, self.day(answer))


# -- shared pieces ----------------------------------------------------------------------------


def _people(site: Site, here: str, who: Who, details: bool = True) -> HTML:
    shown = []
    for person in who.people:
        text = site.contact_link(here, person.slug)
        extra = [p for p in (person.role, person.company) if p] if details else []
        if extra:
            text += f", {' at '.join(extra)}"
        shown.append(text)
    return HTML("; ").join(shown)


def _note_anchor(answer: Answer) -> str:
    """The id the note page gives the section's heading (toc's own slugs, or the explicit id)."""
    section = answer.section
    return section.key if section.explicit else _slug(section.heading)


@functools.lru_cache(maxsize=4096)
def _slug(heading: str) -> str:
    return slugify(heading, "-")


def _answer_link(site: Site, here: str, answer: Answer, text: str) -> HTML:
    return site.links.a(here, f"notes/{answer.note.slug}.md", text, _note_anchor(answer))


def answer_markdown(text: str) -> str:
    """An answer as Markdown between two HTML blocks: a fence it leaves open is closed, so it
    cannot swallow the rest of the page."""
    text = text.strip("\n")
    fences = _FENCE.findall(text)
    if len(fences) % 2:
        text += "\n" + fences[-1]
    return text + "\n"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _intro(site: Site, here: str, text: str) -> HTML:
    """The page's opening line (plain text is escaped) and links to the other compare pages."""
    links = HTML(" · ").join(
        site.links.a(here, src, title)
        for src, title in ((INDEX, "All questions"), (FACTS, "Facts"), (REFLECTIONS, "Reflections"))
        if src != here
    )
    return HTML('<p class="cc-compare-nav">{} {}</p>').format(text, links)


# -- /compare/ --------------------------------------------------------------------------------


def compare_index(site: Site, comparison: Comparison) -> Page:
    here = INDEX
    shared = comparison.shared()
    paged = {k.key for k in comparison.paged()}
    parts = [
        front_matter("Compare"),
        block(
            _intro(
                site,
                here,
                f"{_count(len(shared), 'question')} answered in two or more conversations. "
                "Open one to read every answer side by side, by field and company.",
            )
        ),
    ]
    by_topic: dict[str, list[str]] = {}
    for question in comparison.bank.questions:
        found = comparison.answered(question.id)
        by_topic.setdefault(question.topic, []).append(
            _index_row(site, here, question.text, question.id, found, question.id in paged)
        )
    for found in shared:
        if found.question is None:
            by_topic.setdefault(OTHER, []).append(
                _index_row(site, here, found.title, found.key, found, True)
            )
    for topic, title in TOPIC_TITLES.items():
        rows = by_topic.get(topic)
        if not rows:
            continue
        columns = ("Prompt", "Notes") if topic == REFLECTION else ("Question", "People", "Notes")
        head = HTML().join(HTML('<th scope="col">{}</th>').format(c) for c in columns)
        parts.append(
            block(
                HTML('<h2 id="topic-{}">{}</h2>').format(topic, title),
                HTML('<table class="cc-questions"><thead><tr>{}</tr></thead>').format(head),
                HTML("<tbody>{}</tbody></table>").format(HTML().join(rows)),
            )
        )
    unasked = comparison.unasked()
    parts.append(block(HTML('<h2 id="not-asked-yet">Not asked yet</h2>')))
    if unasked:
        items = [HTML("{} <code>{{#{}}}</code>").format(q.text, q.id) for q in unasked]
        parts.append(
            block(
                HTML(
                    "<p>Nobody has been asked these questions yet: a start for your next "
                    "conversation.</p>"
                ),
                ul(items, "cc-unasked"),
            )
        )
    else:
        parts.append(block(HTML("<p>Every question in the bank has an answer.</p>")))
    if comparison.single:
        parts.append(
            block(
                HTML(
                    '<p class="cc-hint">{} of your own appear in one note only. To compare one '
                    "with other notes, give those headings the same id: "
                    "<code>## Typical week {{#typical-week}}</code>.</p>"
                ).format(_count(comparison.single, "heading"))
            )
        )
    return Page(here, "".join(parts))


def _index_row(
    site: Site, here: str, title: str, key: str, found: KeyAnswers | None, linked: bool
) -> HTML:
    reflection = (found.topic if found else _topic_of(site, key)) == REFLECTION
    shown: str = title  # plain text, escaped where the row is made; a link where there is a page
    if found and reflection:
        shown = site.links.a(here, REFLECTIONS, title, anchor=key)
    elif found and linked:
        shown = site.links.a(here, key_src(key), title)
    if found is None:
        cells = HTML("<td>0</td>" if reflection else "<td>nobody yet</td><td>0</td>")
        return HTML('<tr class="cc-unasked"><td>{}</td>{}</tr>').format(shown, cells)
    people = HTML() if reflection else HTML("<td>{}</td>").format(found.people)
    return HTML("<tr><td>{}</td>{}<td>{}</td></tr>").format(shown, people, found.notes)


def _topic_of(site: Site, key: str) -> str:
    return site.comparison.topic(key) if site.comparison else OTHER


# -- /compare/<key>/ ----------------------------------------------------------------------------


def key_page(site: Site, found: KeyAnswers, memo: Memo | None = None) -> Page:
    memo = memo or Memo(site)
    here = key_src(found.key)
    groups: dict[str, list[Answer]] = {}
    names: dict[str, str] = {}
    companies: dict[str, list[str]] = {}
    for answer in found.answers:
        fields = sorted(answer.who.field_keys)
        group = normalise(answer.who.fields[0]) if answer.who.fields else ""
        groups.setdefault(group, []).append(answer)
        for field, name in zip(fields, answer.who.fields, strict=False):
            names.setdefault(field, name)
        if group:
            names.setdefault(group, answer.who.fields[0])
        for company in answer.who.companies:
            companies.setdefault(normalise(company), []).append(company)
    order = sorted(groups, key=lambda g: (g == "", -len(groups[g]), names.get(g, "").lower()))
    topic = TOPIC_TITLES.get(found.topic, found.topic)
    people = "1 person" if found.people == 1 else f"{found.people} people"
    intro = HTML("{} from {} · {}").format(_count(len(found.answers), "answer"), people, topic) + (
        HTML(" · key <code>{}</code>.").format(found.key) if found.question is None else "."
    )
    parts = [
        front_matter(found.title, search=NO_SEARCH),
        block(
            _intro(site, here, intro),
            _filters(groups, names, companies, order),
        ),
    ]
    company_anchor: set[str] = set()
    for group in order:
        label = names.get(group, NO_FIELD) if group else NO_FIELD
        parts.append(
            block(
                HTML('<h2 class="cc-group" id="field-{}">{} <small>({})</small></h2>').format(
                    group or "none", label, len(groups[group])
                )
            )
        )
        for answer in groups[group]:
            parts += [block(_answer_head(memo, here, found, answer, company_anchor))]
            parts.append(answer_markdown(answer.section.text))
    parts.append(block(HTML('<div class="cc-end"></div>')))
    return Page(here, "".join(parts))


def _filters(
    groups: dict[str, list[Answer]],
    names: dict[str, str],
    companies: dict[str, list[str]],
    order: list[str],
) -> HTML:
    """Links to each field's group and each company's first answer; coffeechat.js turns them
    into filters that hide the other answers (without it they still jump to the right place)."""
    if len(groups) < 2 and len(companies) < 2:
        return HTML()
    chip = HTML('<a class="cc-chip" href="#{}-{}">{} ({})</a>')
    fields = HTML(" ").join(
        chip.format(
            "field",
            urls.fragment(g or "none"),
            names.get(g, NO_FIELD) if g else NO_FIELD,
            len(groups[g]),
        )
        for g in order
    )
    firms = HTML(" ").join(
        chip.format("company", urls.fragment(key), shown[0], len(shown))
        for key, shown in sorted(companies.items(), key=lambda kv: kv[1][0].lower())
    )
    every = HTML('<a class="cc-chip cc-chip-all" href="#answers">All</a>')
    rows = HTML("<p><strong>Field:</strong> {} {}</p>").format(fields, every)
    if firms:
        rows += HTML("<p><strong>Company:</strong> {}</p>").format(firms)
    return HTML(
        '<nav class="cc-filters" id="answers" aria-label="Show the answers of one field or '
        'company">{}</nav>'
    ).format(rows)


def _answer_head(
    memo: Memo, here: str, found: KeyAnswers, answer: Answer, company_anchor: set[str]
) -> HTML:
    who = answer.who
    anchors = HTML()
    for key in sorted(who.company_keys):
        if key not in company_anchor:
            company_anchor.add(key)
            anchors += HTML('<span class="cc-anchor" id="company-{}"></span>').format(key)
    meta = HTML(" · ").join([*who.fields, memo.answer_link(here, answer)])
    heading = HTML()
    if answer.section.heading != found.title:
        heading = HTML('<p class="cc-asked">Asked as “{}”</p>').format(answer.section.heading)
    return HTML(
        '<div class="cc-answer" id="answer-{slug}-{line}" {attrs}>{anchors}'
        '<p class="cc-who">{who}</p>'
        '<p class="cc-meta">{meta}</p>{heading}</div>'
    ).format(
        slug=normalise(answer.note.slug),
        line=answer.section.line,
        attrs=memo.attrs(who),
        anchors=anchors,
        who=memo.people(here, who),
        meta=meta,
        heading=heading,
    )


# -- /compare/facts/ ----------------------------------------------------------------------------


def facts_page(site: Site, comparison: Comparison, memo: Memo | None = None) -> Page:
    memo = memo or Memo(site)
    here = FACTS
    matrix = comparison.facts
    parts = [
        front_matter("Facts compared", search=NO_SEARCH),
        block(
            _intro(
                site,
                here,
                HTML(
                    "The <code>facts:</code> of {}, side by side. Facts where people disagree "
                    "are marked ≠; in the table below, a value other than the most common one "
                    "stands out."
                ).format(_count(len(matrix.rows), "note")),
            )
        ),
    ]
    if not matrix.keys:
        parts.append(
            block(
                HTML(
                    "<p>No facts yet. Add short, comparable answers to a note's front matter, "
                    "e.g. <code>facts: {degree_required: masters, hours_per_week: 45}</code>.</p>"
                )
            )
        )
        return Page(here, "".join(parts))
    rows = [_summary_row(matrix.summaries[key]) for key in matrix.keys]
    columns = ("Fact", "Notes", "Values", "By field")
    head = HTML().join(HTML('<th scope="col">{}</th>').format(t) for t in columns)
    parts += [
        block(HTML('<h2 id="summary">Summary</h2>')),
        block(
            HTML(
                '<div class="cc-scroll"><table class="cc-fact-summary"><thead><tr>{}</tr>'
                "</thead><tbody>{}</tbody></table></div>"
            ).format(head, HTML().join(rows))
        ),
        block(HTML('<h2 id="side-by-side">Side by side</h2>')),
        block(_side_by_side(memo, here, comparison)),
        block(HTML('<h2 id="by-note">By note</h2>')),
        block(_matrix(memo, here, comparison)),
    ]
    return Page(here, "".join(parts))


def _summary_row(summary: FactSummary) -> HTML:
    mark = (
        HTML(' <span class="cc-differ" title="{} different values">≠</span>').format(summary.values)
        if summary.disagree
        else HTML()
    )
    fields = HTML().join(
        HTML("<li{}>{} — {}</li>").format(
            css_of(len(found.counts) > 1), name or NO_FIELD, found.text()
        )
        for name, found in summary.by_field
    )
    by_field = HTML('<ul class="cc-by-field">{}</ul>').format(fields) if fields else HTML()
    return HTML(
        '<tr{css}><th scope="row">{key}{mark}</th>'
        "<td>{n}</td><td>{text}</td><td>{by_field}</td></tr>"
    ).format(
        css=css_of(summary.disagree),
        key=_fact_heading(summary.key),
        mark=mark,
        n=summary.n,
        text=summary.text(),
        by_field=by_field,
    )


def _fact_heading(key: str) -> HTML:
    """The key as words; the key itself in the tooltip, for finding it in the notes' YAML."""
    return HTML('<span class="cc-fact-key" title="facts: {}">{}</span>').format(
        key, fact_label(key)
    )


def _side_by_side(memo: Memo, here: str, comparison: Comparison) -> HTML:
    """Facts down, people across: one row per fact reads along a line, so a value that differs
    from the most common one (and the ≠ of a fact people disagree on) is seen at a glance."""
    matrix = comparison.facts
    notes = list(reversed(matrix.rows))  # newest first, like the by-note table
    head = HTML().join(
        HTML('<th scope="col" class="cc-name">{}<br><small>{}</small></th>').format(
            memo.people(here, who, details=False), day_text(who.note.date)
        )
        for who, _ in notes
    )
    rows = []
    for key in matrix.keys:
        summary = matrix.summaries[key]
        mark = HTML(' <span class="cc-differ" title="people disagree">≠</span>')
        cells = HTML().join(_fact_cell(summary, facts.get(key)) for _, facts in notes)
        rows.append(
            HTML('<tr{}><th scope="row">{}{}</th>{}</tr>').format(
                css_of(summary.disagree),
                _fact_heading(key),
                mark if summary.disagree else HTML(),
                cells,
            )
        )
    return HTML(
        '<div class="cc-scroll" tabindex="0" role="region" aria-label="Facts by person">'
        '<table class="cc-fact-grid"><thead><tr><th scope="col">Fact</th>{}</tr></thead>'
        "<tbody>{}</tbody></table></div>"
    ).format(head, HTML().join(rows))


def css_of(disagree: bool) -> HTML:
    return HTML(' class="cc-disagree"') if disagree else HTML()


def _matrix(memo: Memo, here: str, comparison: Comparison) -> HTML:
    site = memo.site
    matrix = comparison.facts
    columns = ("Date", "With", "Field", *(fact_label(k) for k in matrix.keys))
    rows = []
    for who, facts in reversed(matrix.rows):  # newest first, like the notes' index
        note = who.note
        cells = [
            HTML('<td data-sort="{}">{}</td>').format(
                iso(note.date), site.note_link(here, note, day_text(note.date))
            ),
            HTML('<td class="cc-name">{}</td>').format(memo.people(here, who, details=False)),
            HTML("<td>{}</td>").format(", ".join(who.fields)),
        ]
        for key in matrix.keys:
            cells.append(_fact_cell(matrix.summaries[key], facts.get(key)))
        rows.append(HTML("<tr>{}</tr>").format(HTML().join(cells)))
    table = sortable_table("cc-facts", columns, rows)
    return HTML('<div class="cc-matrix">{}</div>').format(table)  # sortable_table scrolls


def _fact_cell(summary: FactSummary, value: object) -> HTML:
    if value is None:
        return HTML('<td class="cc-missing" data-sort=""></td>')
    text = fact_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return HTML('<td class="cc-number" data-sort="{}">{}</td>').format(value, text)
    mode = summary.mode  # None when two values are equally common: then nobody stands out
    if summary.disagree and mode is not None and text.strip() != mode:
        return HTML('<td class="cc-differs">{}</td>').format(text)
    return HTML("<td>{}</td>").format(text)


# -- /compare/reflections/ ----------------------------------------------------------------------


def reflections_page(site: Site, comparison: Comparison, memo: Memo | None = None) -> Page:
    memo = memo or Memo(site)
    here = REFLECTIONS
    toc = [
        HTML('<a href="#{}">{}</a> ({})').format(
            urls.fragment(r.question.id), r.question.text, len(r.answers)
        )
        for r in comparison.reflections
    ]
    parts = [
        front_matter("Reflections", search=NO_SEARCH),
        block(
            _intro(
                site,
                here,
                "What you wrote after each conversation, newest first, prompt by prompt.",
            ),
            ul(toc, "cc-reflection-toc"),
        ),
    ]
    for reflection in comparison.reflections:
        question = reflection.question
        parts.append(block(HTML('<h2 id="{0}">{1}</h2>').format(question.id, question.text)))
        if not reflection.answers:
            nothing = HTML("<p>Nothing yet: answer “{}” in a note.</p>").format(question.text)
            parts.append(block(nothing))
        for answer in reflection.answers:
            parts.append(
                block(
                    HTML(
                        '<div class="cc-answer cc-reflection"><p class="cc-who">{} — {}</p></div>'
                    ).format(memo.answer_link(here, answer), memo.people(here, answer.who))
                )
            )
            parts.append(answer_markdown(answer.section.text))
    parts.append(block(HTML('<div class="cc-end"></div>')))
    return Page(here, "".join(parts))


# -- /prep/<contact>/ ---------------------------------------------------------------------------


def prep_page(site: Site, prep: Prep, memo: Memo | None = None) -> Page:
    memo = memo or Memo(site)
    contact = prep.contact
    here = prep_src(contact.slug)
    parts = [
        front_matter(f"Prep: {contact.name}", search=NO_SEARCH),
        block(
            HTML('<div class="cc-prep">'),
            _prep_meeting(prep),
            _prep_card(site, here, prep),
            HTML(
                '<p class="cc-hint cc-no-print">Print this page (Ctrl+P or ⌘P): navigation is '
                "left out. {}.</p>"
            ).format(site.links.a(here, f"contacts/{contact.slug}.md", "Contact page")),
            HTML("</div>"),
        ),
        block(HTML('<h2 id="research">Your research</h2>')),
    ]
    if not is_blank(contact.body):
        parts.append(answer_markdown(contact.body))
    else:
        parts.append(
            block(
                HTML(
                    "<p>No research notes yet: write them below the front matter of "
                    "<code>{}</code>.</p>"
                ).format(contact.path)
            )
        )
    where = contact.field or "any conversation"
    parts.append(block(HTML('<h2 id="questions">Not answered yet in {}</h2>').format(where)))
    if prep.unanswered:
        items = [f"☐ {q.text}" for q in prep.unanswered]
        parts.append(block(ul(items, "cc-tasks cc-prep-questions")))
    else:
        parts.append(block(HTML("<p>Every question in the bank has an answer in this field.</p>")))
    if prep.said:
        others = " or ".join(
            part
            for part in (
                f"in {contact.field}" if contact.field else "",
                f"at {contact.company}" if contact.company else "",
            )
            if part
        )
        parts.append(block(HTML('<h2 id="others-said">What others {} said</h2>').format(others)))
        parts += [block(_said(memo, here, said)) for said in prep.said]
    return Page(here, "".join(parts))


def _prep_meeting(prep: Prep) -> HTML:
    first = prep.meetings[0]
    text = HTML('<strong>Meeting:</strong> <time datetime="{}">{}</time>').format(
        iso(first.when), day_text(first.when)
    )
    if first.channel:
        text += f" ({first.channel})"
    if prep.event is not None and prep.event.note:
        text += f" — {prep.event.note}"
    later = [day_text(m.when) for m in prep.meetings[1:]]
    if later:
        text += f". Also scheduled: {', '.join(later)}"
    return HTML('<p class="cc-meeting">{}</p>').format(text)


def _prep_card(site: Site, here: str, prep: Prep) -> HTML:
    rows: list[Row] = contact_rows(prep.contact, dial=False)
    if prep.referred_by:
        shown = HTML(", ").join(
            site.contact_link(here, p.slug) if p.slug else p.name for p in prep.referred_by
        )
        rows.append(("Referred by", shown))
    if prep.earlier:
        earlier = HTML(", ").join(site.note_link(here, n) for n in prep.earlier)
        rows.append(("Talked before", earlier))
    return card(rows)


def _said(memo: Memo, here: str, said: Said) -> HTML:
    site = memo.site
    more = said.total - len(said.answers)
    link = site.links.a(here, key_src(said.key), said.title)
    items = []
    for answer in said.answers:
        where = ", ".join(answer.who.companies)
        items.append(
            HTML("<strong>{}</strong>{}, {}: {}").format(
                HTML(" & ").join(p.name for p in answer.who.people),
                f", {where}" if where else "",
                memo.answer_link(here, answer),
                excerpt(answer.section.text),
            )
        )
    if more > 0:
        items.append(HTML("<em>and {} more on the comparison page</em>").format(more))
    return HTML("<h3>{} <small>({})</small></h3>{}").format(link, said.total, ul(items, "cc-said"))


_MARKUP = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]|>|#+)[ \t]+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__|`|~~)"), ""),
    (re.compile(r"\s+"), " "),
)


def excerpt(text: str, limit: int = 180) -> str:
    """An answer as one short line of plain text (a prep sheet has to fit on one or two pages)."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
