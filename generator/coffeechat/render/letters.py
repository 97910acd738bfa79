"""The "Draft a request" and "Draft a thank-you" sections of contact and note pages: the letter in
an escaped <pre>, its word count, and a mailto: link that opens it in the user's mail program."""

from __future__ import annotations

from coffeechat.derive.letters import WORD_LIMIT, Draft, needs_thank_you
from coffeechat.model import Contact, Note
from coffeechat.render.html import block, esc
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
        title = f"<h3>To {esc(contact.name)}</h3>" if len(due) > 1 else ""
        parts.append(title + draft_html(site, contact, draft, "thank-you"))
    return ["\n## Draft a thank-you\n", block(*parts)] if parts else []


def draft_html(site: Site, contact: Contact, draft: Draft, kind: str) -> str:
    # Newlines as &#10;: block() folds blank lines (Markdown would end the HTML block there),
    # and a <pre> must keep the letter's paragraphs.
    letter = esc(draft.body).replace("\n", "&#10;")
    return (
        f'<div class="cc-draft cc-draft-{kind}">'
        f'<p class="cc-draft-subject"><strong>Subject:</strong> {esc(draft.subject)}</p>'
        f'<pre class="cc-letter">{letter}</pre>'
        f"{_word_count(draft)}{_send(contact, draft)}{_owner_hint(site)}{_failed(draft)}</div>"
    )


def _word_count(draft: Draft) -> str:
    if not draft.too_long:
        return f'<p class="cc-word-count">{draft.words} words.</p>'
    return (
        f'<p class="cc-word-count cc-too-long">{draft.words} words: e-mails of about '
        f"{WORD_LIMIT} words or fewer are the ones busy people read; trim it if you can.</p>"
    )


def _send(contact: Contact, draft: Draft) -> str:
    if draft.mailto:
        return (
            f'<p><a class="md-button cc-mailto" href="{esc(draft.mailto)}">'
            f"Open in your mail program</a></p>"
        )
    return (
        f'<p class="cc-no-email">No e-mail address for {esc(contact.name)}: copy the text, '
        f"or add <code>email:</code> to {esc(contact.path)} for a link.</p>"
    )


def _owner_hint(site: Site) -> str:
    missing = site.drafts.owner.missing if site.drafts else ()
    if not missing:
        return ""
    options = ", ".join(f"<code>{name}</code>" for name in missing)
    return (
        f'<p class="cc-hint">Set {options} under the coffeechat plugin in mkdocs.yml to '
        "complete this draft.</p>"
    )


def _failed(draft: Draft) -> str:
    return f'<p class="cc-hint">{esc(draft.warning)}</p>' if draft.warning else ""
