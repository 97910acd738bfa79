"""Letter drafts: a request for an informational interview per contact, a thank-you per note.

Filled from the journal and the owner's details in mkdocs.yml, through Jinja2 templates packaged
in templates_letters/ that a journal overrides with files of the same name in its `letters/`
folder. The output is plain text (it goes into a mailto: link and an escaped <pre>), so templates
are not HTML-escaped. Everything but `load` is a pure function of its arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

# The thank-you rule lives with the follow-ups; render/letters.py still imports it from here.
from coffeechat.derive.followups import needs_thank_you as needs_thank_you
from coffeechat.derive.referrals import resolve_referral
from coffeechat.fields import LETTERS_FOLDER as LETTERS_FOLDER  # its home; kept here for callers
from coffeechat.model import WARNING, Contact, Journal, Note, Problem, Section
from coffeechat.questions import normalise
from coffeechat.read.config import Options, Owner
from coffeechat.read.sections import fenced, is_blank
from coffeechat.urls import mailto

REQUEST, THANK_YOU = "request.md.j2", "thank-you.md.j2"
WORD_LIMIT = 75  # the guides: an e-mail request is read when it fits on a phone screen
_SUBJECT = re.compile(r"\A\s*subject:[ \t]*(?P<subject>[^\n]*)\n?", re.IGNORECASE)
_DEFAULT_SUBJECTS = {REQUEST: "Informational interview request", THANK_YOU: "Thank you"}


@dataclass(frozen=True, slots=True)
class Draft:
    """One letter: who it goes to, its subject and its plain text."""

    to: str | None
    subject: str
    body: str
    warning: str = ""  # why the built-in template was used instead of the journal's

    @property
    def words(self) -> int:
        return word_count(self.body)

    @property
    def too_long(self) -> bool:
        return self.words > WORD_LIMIT

    @property
    def mailto(self) -> str | None:
        return mailto(self.to, self.subject, self.body) if self.to else None


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True, slots=True)
class Drafter:
    """The owner and the two compiled templates: what every page's draft is made from."""

    owner: Owner
    request_template: jinja2.Template
    thank_you_template: jinja2.Template
    # The first failure of each journal template on a real contact, for the build to report once
    # (the page itself says so too): template name → problem.
    failures: dict[str, Problem] = field(default_factory=dict, compare=False)

    def request(self, contact: Contact, journal: Journal) -> Draft:
        context = request_context(contact, journal, self.owner)
        text, warning = self._render(self.request_template, REQUEST, context, contact)
        return _draft(contact, text, warning, REQUEST)

    def thank_you(self, note: Note, contact: Contact, journal: Journal) -> Draft:
        context = thank_you_context(note, contact, journal, self.owner)
        text, warning = self._render(self.thank_you_template, THANK_YOU, context, contact)
        return _draft(contact, text, warning, THANK_YOU)

    def _render(
        self, template: jinja2.Template, name: str, context: dict[str, Any], contact: Contact
    ) -> tuple[str, str]:
        """The letter, and a warning when a journal's template failed for this one contact (one
        without a company, say) and the built-in one was used: a template never stops a build."""
        try:
            return template.render(context), ""
        except Exception as exc:  # Jinja's errors, and any Python error an expression raises
            builtin = _ENVIRONMENT.from_string(builtin_template(name)).render(context)
            line, reason = template_line(exc), _reason(exc)
            rel = f"{LETTERS_FOLDER}/{name}"
            message = f"fails for {contact.slug} ({reason}); the built-in draft is used there"
            self.failures.setdefault(name, Problem(rel, line, WARNING, message))
            where = rel + (f", line {line}," if line else "")
            return builtin, f"{where} failed here ({reason}); this is the built-in draft"


def template_line(exc: BaseException) -> int | None:
    """The line of the user's template where a render failed: Jinja rewrites the traceback so
    the template's own frames carry the file name `<template>` and the template's line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _reason(exc: BaseException) -> str:
    """`division by zero`, or the error's kind when it has no message (a RecursionError...)."""
    text = str(exc).strip()
    if isinstance(exc, TypeError) and "no loader" in text:  # include/import/extends
        return "a letter template cannot include, import or extend another file"
    return text or type(exc).__name__


def request_context(contact: Contact, journal: Journal, owner: Owner) -> dict[str, Any]:
    referrer = None
    if contact.referred_by:
        referrer = resolve_referral(journal, contact.referred_by, contact.referred_by).name
    return {
        "contact": contact,
        "owner": owner.shown(),
        "referrer": referrer,
        "alumni": (contact.source or "").strip().lower() == "alumni",
        "topic": (contact.field or contact.role or "your work").lower(),
    }


def thank_you_context(
    note: Note, contact: Contact, journal: Journal, owner: Owner
) -> dict[str, Any]:
    names = [resolve_referral(journal, r.slug, r.name).name for r in note.referrals]
    return {
        "contact": contact,
        "owner": owner.shown(),
        "note": note,
        "day": f"{note.day.day} {note.day:%B}",
        "highlight": highlight(note),
        "referrals": _and([name for name in names if name]),
    }


def _and(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _draft(contact: Contact, text: str, warning: str, kind: str) -> Draft:
    text = _tidy(text)
    subject = _SUBJECT.match(text)
    if subject is None:
        return Draft(contact.email, _DEFAULT_SUBJECTS[kind], text, warning)
    body = text[subject.end() :].lstrip("\n")
    title = subject.group("subject").strip() or _DEFAULT_SUBJECTS[kind]
    return Draft(contact.email, title, body, warning)


def _tidy(text: str) -> str:
    """Template whitespace is hard to get exactly right: no trailing spaces, one blank line
    between paragraphs, nothing before or after."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# -- what to mention in a thank-you -----------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|>+|#+)\s+")
# A sentence ends at . ! ? followed by a word that does not start in lower case ("e.g. on" goes on),
# and is at least a few words long ("Dr. Li" is not a sentence).
_SENTENCE = re.compile(r"^(.{12,}?[.!?…])(?=\s+[^\sa-z]|\s*$)")


# What the thank-you says it appreciated, for an answer to a question of the bank: a clause that
# completes "I especially appreciated ...". Questions about the user's own reflections, what they
# should have asked and who else to talk to have none (referrals are thanked for on their own).
APPRECIATED = {
    "how-started": "hearing how you got started in the field",
    "education": "what you said about your studies and how they prepared you",
    "do-differently": "hearing what you would do differently if you started over",
    "typical-week": "hearing what a typical week is like for you",
    "best-part": "hearing what you enjoy most about the work",
    "hardest-part": "your honesty about the hardest part of the job",
    "skills-needed": "what you said about the skills that matter most",
    "qualifications": "what you said about getting qualified and certified",
    "entry-experience": "what you said about the experience employers expect from a beginner",
    "company-culture": "hearing what it is like to work at your organization",
    "advancement": "what you said about room to grow",
    "field-future": "your view of where the field is heading",
    "job-market": "what you said about finding a first job",
    "advice": "your advice for someone starting out",
}
# A `highlight` that starts like this is already a clause; anything else is a topic ("getting
# certified") and reads as "what you said about getting certified".
_CLAUSE_STARTS = frozenset(
    [
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "whether",
        "the",
        "your",
        "hearing",
        "learning",
        "seeing",
        "meeting",
    ]
)


def highlight(note: Note) -> str | None:
    """What the thank-you mentions, as a clause ("what you said about getting certified"): the
    note's `highlight` (a topic, or the key or heading of the question whose answer to mention),
    else the first answered question of the bank that has one. Never a sentence of the answer
    itself: spliced into a letter, the user's shorthand reads as if pasted."""
    chosen = note.extra.get("highlight")
    if isinstance(chosen, str) and chosen.strip():
        marked = _marked_section(note, chosen)
        if marked is not None:
            return _question_clause(marked)
        return _topic_clause(chosen)
    for section in note.sections:
        if section.key in APPRECIATED and not is_blank(section.text):
            return APPRECIATED[section.key]
    return None


def _marked_section(note: Note, chosen: str) -> Section | None:
    wanted = normalise(chosen)
    for section in note.sections:
        if chosen.strip() == section.key or wanted == normalise(section.heading):
            return section
    return None


def _question_clause(section: Section) -> str:
    clause = APPRECIATED.get(section.key)
    if clause is not None:
        return clause
    heading = section.heading.rstrip(" ?.!:")
    return f"what you said when I asked “{heading}”"


def _topic_clause(text: str) -> str:
    topic = " ".join(text.split()).rstrip(" .!?…:;")
    first = topic.split(" ", 1)[0]
    if first.lower() in _CLAUSE_STARTS or (first.lower().endswith("ing") and first[1:].islower()):
        topic = topic[0].lower() + topic[1:]  # "Getting certified" mid-sentence
    if first.lower() in _CLAUSE_STARTS:
        return topic
    return f"what you said about {topic}"


def first_sentence(markdown: str) -> str | None:
    """The first sentence of a section's first paragraph, as plain text."""
    paragraph: list[str] = []
    for line, code in fenced(_COMMENT.sub("", markdown).split("\n")):
        stripped = line.strip()
        if code or not stripped or stripped.startswith("|"):
            if paragraph:
                break
            continue
        item = _MARKER.match(line)
        if item and paragraph:  # a list item is a unit of its own
            break
        paragraph.append(line[item.end() :].strip() if item else stripped)
    text = _LINK.sub(r"\1", " ".join(paragraph))
    text = " ".join(re.sub(r"[*_`]", "", text).split())
    if not text:
        return None
    sentence = _SENTENCE.match(text)
    return sentence.group(1) if sentence else _sentence_end(text)


def _sentence_end(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


# -- templates --------------------------------------------------------------------------------

# Sandboxed: a journal (and its letters/ folder) may come from someone else; a template must not
# reach Python internals. Not autoescaped: the output is plain text, escaped where it is shown.
_ENVIRONMENT = SandboxedEnvironment(
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def builtin_template(name: str) -> str:
    return (
        resources.files("coffeechat.derive").joinpath("letter_templates", name).read_text("utf-8")
    )


def load(root: Path, options: Options) -> tuple[Drafter, list[Problem]]:
    """The drafter for a journal: its own letters/ templates where it has them and they work,
    else the built-in ones (with a warning naming the file and line)."""
    problems: list[Problem] = []
    request = _template(root, REQUEST, problems)
    thank_you = _template(root, THANK_YOU, problems)
    return Drafter(options.owner, request, thank_you), problems


def _template(root: Path, name: str, problems: list[Problem]) -> jinja2.Template:
    builtin = _ENVIRONMENT.from_string(builtin_template(name))
    path = root / LETTERS_FOLDER / name
    if not path.is_file():
        return builtin
    rel = f"{LETTERS_FOLDER}/{name}"
    fallback = "; the built-in template is used instead"
    try:
        template = _ENVIRONMENT.from_string(path.read_text(encoding="utf-8-sig"))
        _trial(template, name)
    except jinja2.TemplateSyntaxError as exc:
        problems.append(Problem(rel, exc.lineno, WARNING, f"{exc.message}{fallback}"))
        return builtin
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, None, WARNING, f"cannot read this template ({exc}){fallback}"))
        return builtin
    except Exception as exc:  # {{ 1/0 }}, a missing include, endless recursion: any render error
        message = f"cannot use this template ({_reason(exc)}){fallback}"
        problems.append(Problem(rel, template_line(exc), WARNING, message))
        return builtin
    return template


def _trial(template: jinja2.Template, name: str) -> None:
    """Render once with a made-up contact, so a misspelt variable is found at load time and
    reported once, instead of failing (or printing nothing) on every page."""
    contact = Contact(
        slug="sample",
        path="contacts/sample.md",
        name="Sample Person",
        company="Sample Co",
        role="Role",
        field="Field",
        email="sample@example.org",
        referred_by="Someone",
    )
    note = Note(slug="sample", path="notes/sample.md", contacts=("sample",), date=date(2026, 1, 2))
    journal = Journal(root=Path("."), contacts={"sample": contact}, notes=(note,))
    owner = Owner("Name", "intro", "goal", "School", "me@example.org")
    if name == REQUEST:
        template.render(request_context(contact, journal, owner))
    else:
        template.render(thank_you_context(note, contact, journal, owner))
