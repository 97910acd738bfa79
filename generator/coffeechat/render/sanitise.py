"""Raw HTML in the journal's Markdown, made safe with nh3 (the Rust `ammonia` sanitiser): a built
site runs no script from a journal file and loads nothing from another host (SPEC §8).

It runs on the HTML that Markdown makes of a page, before coffeechat's own generated HTML (cards,
tables, the pipeline's SVG) is put back in, so only what the user wrote is cleaned, and Markdown
links (`[x](javascript:…)`, `![](https://…)`) are caught as well as HTML tags.
"""

from __future__ import annotations

import re
from dataclasses import replace

import nh3

from coffeechat.model import Journal
from coffeechat.render.html import BLOCK_END, BLOCK_START

# What Markdown and its usual extensions write (tables, footnotes, admonitions, code highlighting,
# task lists, abbreviations), and nothing that runs, embeds or styles: no script, style, iframe,
# object, embed, form, svg, video or audio.
TAGS = frozenset(nh3.ALLOWED_TAGS) | {"input", "label"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "input": {"checked", "disabled"},
    "label": {"for"},
}
# A task list's boxes are the only inputs Markdown writes.
TAG_VALUES = {"input": {"type": {"checkbox"}}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes whose address the browser fetches on its own (a link's is only followed on a click).
_FETCHED = {"src"}
# A relative address stays on this site; a scheme, `//host` or `\\host` (which browsers read as
# `//host`) leads elsewhere.
_ELSEWHERE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|[/\\]{2})|[\\\x00-\x1f]")


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in _FETCHED and _ELSEWHERE.search(value):
        return None
    return value


def clean(html: str) -> str:
    """The HTML without anything that runs or loads from elsewhere; text and layout are kept."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        tag_attribute_values=TAG_VALUES,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        strip_comments=True,
        link_rel=None,  # no target="_blank" is kept, so no opener to guard against
    )


def _unmarked(text: str) -> str:
    """Text without coffeechat's block marks: the plugin sets marked HTML aside before the
    sanitiser runs, so marks typed in a journal would smuggle raw HTML past it."""
    while BLOCK_START in text or BLOCK_END in text:
        text = text.replace(BLOCK_START, "<!-- cc -->").replace(BLOCK_END, "<!-- /cc -->")
    return text


def unmarked(journal: Journal) -> Journal:
    """The journal with the block marks taken out of every Markdown body (and its sections):
    the only text that goes into a page without being escaped."""
    marked = (BLOCK_START, BLOCK_END)

    def has_marks(text: str) -> bool:
        return any(mark in text for mark in marked)

    contacts = {
        slug: replace(c, body=_unmarked(c.body)) if has_marks(c.body) else c
        for slug, c in journal.contacts.items()
    }
    changed = {
        n.slug: replace(
            n,
            body=_unmarked(n.body),
            sections=tuple(replace(s, text=_unmarked(s.text)) for s in n.sections),
        )
        for n in journal.notes
        if has_marks(n.body)
    }
    if not changed and all(c is journal.contacts[s] for s, c in contacts.items()):
        return journal
    notes = tuple(changed.get(n.slug, n) for n in journal.notes)
    by_contact = {
        slug: tuple(changed.get(n.slug, n) for n in found)
        for slug, found in journal.notes_by_contact.items()
    }
    return replace(journal, contacts=contacts, notes=notes, notes_by_contact=by_contact)
