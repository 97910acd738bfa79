"""The "Draft a request" and "Draft a thank-you" sections of contact and note pages: the letter in
an escaped <pre>, its word count, and a mailto: link that opens it in the user's mail program."""

from __future__ import annotations

from coffeechat.derive.letters import WORD_LIMIT, Draft, needs_thank_you
from coffeechat.model import Contact, Note
from coffeechat.render.html import HTML, block
from coffeechat.render.site import Site


def request_section(site: Site, contact: Contact) -> list[str]:
    if site.drafts is None:
        return []
    draft = site.drafts.request(contact, site.journal)
    return ["\n## Draft a request\n", block(draft_html(site, contact, draft, "request"))]


def thank_you_section(site: Site, note: Note) -> list[str]:
    """One draft per person in the conversation who has not been thanked yet."""
    if site.drafts is None:
        return []
    people = [site.journal.contacts.get(slug) for slug in dict.fromkeys(note.contacts)]
    due = [c for c in people if c and needs_thank_you(note, c, site.derived.today)]
    parts = []
    for contact in due:
        draft = site.drafts.thank_you(note, contact, site.journal)
        title = HTML("<h3>To {}</h3>").format(contact.name) if len(due) > 1 else HTML()
        parts.append(title + draft_html(site, contact, draft, "thank-you"))
    return ["\n## Draft a thank-you\n", block(*parts)] if parts else []


def draft_html(site: Site, contact: Contact, draft: Draft, kind: str) -> HTML:
    # Newlines as &#10;: block() folds blank lines (Markdown would end the HTML block there),
    # and a <pre> must keep the letter's paragraphs. Escaped by hand first, so the entity that
    # replaces each newline is not escaped itself.
    letter = HTML.escape(draft.body).replace("\n", HTML("&#10;"))
    return HTML(
        '<div class="cc-draft cc-draft-{kind}">'
        '<p class="cc-draft-subject"><strong>Subject:</strong> {subject}</p>'
        '<pre class="cc-letter">{letter}</pre>'
        "{words}{send}{hint}{failed}</div>"
    ).format(
        kind=kind,
        subject=draft.subject,
        letter=letter,
        words=_word_count(draft),
        send=_send(contact, draft),
        hint=_owner_hint(site),
        failed=_failed(draft),
    )


def _word_count(draft: Draft) -> HTML:
    if not draft.too_long:
        return HTML('<p class="cc-word-count">{} words.</p>').format(draft.words)
    return HTML(
        '<p class="cc-word-count cc-too-long">{} words: e-mails of about '
        "{} words or fewer are the ones busy people read; trim it if you can.</p>"
    ).format(draft.words, WORD_LIMIT)


def _send(contact: Contact, draft: Draft) -> HTML:
    if draft.mailto:
        return HTML(
            '<p><a class="md-button cc-mailto" href="{}">Open in your mail program</a></p>'
        ).format(draft.mailto)
    return HTML(
        '<p class="cc-no-email">No e-mail address for {}: copy the text, '
        "or add <code>email:</code> to {} for a link.</p>"
    ).format(contact.name, contact.path)


def _owner_hint(site: Site) -> HTML:
    missing = site.drafts.owner.missing if site.drafts else ()
    if not missing:
        return HTML()
    options = HTML(", ").join(HTML("<code>{}</code>").format(name) for name in missing)
    return HTML(
        '<p class="cc-hint">Set {} under the coffeechat plugin in mkdocs.yml to '
        "complete this draft.</p>"
    ).format(options)


def _failed(draft: Draft) -> HTML:
    return HTML('<p class="cc-hint">{}</p>').format(draft.warning) if draft.warning else HTML()
