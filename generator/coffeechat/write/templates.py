"""Text of the files `init` and `new` create. Comments in them teach the format as the user edits."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import yaml

from coffeechat.questions import BUILTIN, REFLECTION_PROMPTS
from coffeechat.read.unwritten import CONTACT_PLACEHOLDER
from coffeechat.textsafe import clean_name, yaml_string

# The questions a new note starts with: one or two per topic, so the note covers the person's path,
# the work, what it takes, where the field is going, advice, and who to talk to next.
NOTE_QUESTIONS = (
    "how-started",
    "typical-week",
    "skills-needed",
    "qualifications",
    "field-future",
    "advice",
    "who-else",
)


def _yaml_text(value: str) -> str:
    """A string as a YAML scalar that reads back unchanged (JSON strings are valid YAML)."""
    return yaml_string(value)


def _yaml_slug(slug: str) -> str:
    """A slug as typed by hand, unless YAML would read it as something else (`null`, `a #2`).
    Tried inside `[...]`, the stricter place it goes for a group note (`a,b` splits there)."""
    try:
        plain = yaml.safe_load(f"[{slug}]") == [slug]
    except yaml.YAMLError:
        plain = False
    return slug if plain else _yaml_text(slug)


def contact_file(
    name: str, details: Mapping[str, str | None], extra: Mapping[str, str | date] | None = None
) -> str:
    """A new contact; `details` fills the known keys (blank ones stay as prompts), `extra` adds
    the user's own keys (an import's `connected_on`)."""
    # Control characters (a name typed with DEL, a LinkedIn row with C1 codes) are left out.
    lines = ["---", f"name: {_yaml_text(clean_name(name))}"]
    for key in ("company", "role", "field", "location", "source", "referred_by"):
        lines.append(_contact_line(key, details.get(key)))
    lines += [_contact_line(key, details.get(key)) for key in ("email", "phone", "linkedin")]
    if details.get("website"):  # not a prompt in hand-made files: most people have none
        lines.append(_contact_line("website", details.get("website")))
    lines.append("tags: []")
    for key, value in (extra or {}).items():
        shown = value.isoformat() if isinstance(value, date) else _yaml_text(value)
        lines.append(f"{key}: {shown}")
    lines += [
        "# keep_in_touch: quarterly   # monthly, quarterly, yearly, never, or a number of days",
        "# Record what happens with `coffeechat log SLUG sent --channel email` (or by hand):",
        "# outreach:",
        "#   - {date: 2026-01-15, event: sent, channel: email}",
        "---",
        "",
        # In a comment, so only what the user writes reaches the site (`check` warns about the
        # placeholder written as text, as versions before issue 11 did).
        f"<!-- {CONTACT_PLACEHOLDER} -->",
        "",
    ]
    return "\n".join(lines)


def _contact_line(key: str, value: str | None) -> str:
    value = clean_name(value) if value else value
    if value:
        return f"{key}: {_yaml_text(value)}{_CONTACT_COMMENTS.get(key, '')}"
    return f"{key}:{_CONTACT_COMMENTS.get(key, _BLANK_COMMENTS.get(key, ''))}"


_CONTACT_COMMENTS = {
    "source": "                 # alumni, linkedin, family, friend, faculty, association, referral, ...",
    "referred_by": "            # the slug of the contact who suggested them, or a name",
}
# A prompt only while blank: a filled-in address needs no example.
_BLANK_COMMENTS = {"linkedin": "                # https://www.linkedin.com/in/..."}


def note_file(contacts: list[str], when: date, names: list[str]) -> str:
    slugs = [_yaml_slug(slug) for slug in contacts]
    contact_value = slugs[0] if len(slugs) == 1 else "[" + ", ".join(slugs) + "]"
    questions = {q.id: q for q in BUILTIN}
    lines = [
        "---",
        f"contact: {contact_value}",
        f"date: {when.isoformat()}",
        "format:                 # phone, video, in-person, email",
        "duration:               # minutes",
        "tags: []",
        "thank_you:              # the date you sent your thank-you (within a day!)",
        "referrals: []           # who they suggested: a contact's slug, or {name: ..., company: ...}",
        "follow_ups: []          # promises and next steps: {task: ..., due: YYYY-MM-DD, done: false}",
        "facts: {}               # short answers to compare, e.g. {degree_required: masters}",
        "---",
        "",
        f"<!-- Conversation with {_in_comment(' and '.join(names))}. Questions you leave unanswered are not",
        "     shown on the site; delete the ones you did not ask, add your own as `## ` headings. -->",
        "",
    ]
    for question_id in NOTE_QUESTIONS:
        lines += [f"## {questions[question_id].text}", "", ""]
    lines += ["<!-- Afterwards: reflect while it is fresh. -->", ""]
    for prompt in REFLECTION_PROMPTS:
        lines += [f"## {prompt.text}", "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


JOURNAL_MKDOCS = """\
site_name: {title}
# Your own extra pages (an elevator pitch, a target list) go in pages/; coffeechat adds the rest.
docs_dir: pages
theme:
  name: material
  font: false               # no Google Fonts: the site makes no request to any other host
  features:
    - navigation.tabs
    - search.highlight
markdown_extensions:
  - attr_list               # lets a heading carry its comparison key: ## Typical week {{#typical-week}}
  - tables
  - toc:
      permalink: true
plugins:
  - search
  - tags                    # Material's: a Tags page listing contacts and notes by tag
  - coffeechat:
      thank_you_days: 1     # a thank-you is due this many days after a conversation
      nudge_days: 7         # follow up on an unanswered request after this many days (or 3B7)
      max_nudges: 2         # after this many unanswered requests, suggest moving on
      keep_in_touch: quarterly
      prepare_days: 2       # a prep reminder this many days before a scheduled meeting
      # holidays: US        # with 3B7, business days skip public holidays (US-CA: a state's too)
      # calendar_alarms: false  # no 09:00 reminders in the follow-ups.ics calendar feed
      # Who you are, for the letter drafts on contact and note pages (remove the # to use):
      # owner_name: Your Name
      # owner_intro: a second-year student at Your College   # or your current role
      # owner_goal: I'm exploring careers in ... and would love to hear how you got into yours.
      # owner_school: Your College   # named when you write to alumni
extra:
  generator: false          # no "Made with Material" link in the footer: nothing points elsewhere
watch:
  - contacts
  - notes
"""

JOURNAL_GITIGNORE = "site/\n.venv/\n__pycache__/\n"

JOURNAL_PITCH = """\
# My elevator pitch

Thirty to forty-five seconds, said at the start of every conversation: who you are, where you are
in your search (still studying? changing careers?), what kind of work you hope to do and why, and
what you hope to learn from this person.
"""


def journal_files(title: str) -> dict[str, str]:
    return {
        "mkdocs.yml": JOURNAL_MKDOCS.format(title=_yaml_text(title)),
        ".gitignore": JOURNAL_GITIGNORE,
        "pages/pitch.md": JOURNAL_PITCH,
        "contacts/.gitkeep": "",
        "notes/.gitkeep": "",
    }


def _in_comment(text: str) -> str:
    """Text that cannot end the HTML comment it is placed in (a name typed with `-->`)."""
    return text.replace("-->", "->")
