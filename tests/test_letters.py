"""Letter drafts: what the request and thank-you say, the mailto: link that carries them (parsed
back exactly), the word-count warning, templates overridden from the journal, and the sections on
contact and note pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from coffeechat.derive import followups, letters
from coffeechat.derive.derived import derive
from coffeechat.model import WARNING, Contact, Journal, Note, Problem
from coffeechat.read.config import Options, Owner, load_options
from coffeechat.read.journal import read_journal
from coffeechat.render.pages import render_site
from conftest import REPO, MakeJournal

TODAY = date(2026, 11, 21)
OWNER = Options(
    owner=Owner(
        name="Jordan Reyes",
        intro="a second-year student at Baltimore City Community College",
        goal="I'm exploring careers that mix hands-on work with helping people.",
        school="Baltimore City Community College",
    )
)


@pytest.fixture(scope="module")
def example() -> Journal:
    return read_journal(REPO, load_options(REPO).bank)


@pytest.fixture(scope="module")
def drafter() -> letters.Drafter:
    drafter, problems = letters.load(REPO, OWNER)
    assert problems == []
    return drafter


def parse_mailto(url: str) -> tuple[str, str, str]:
    """(address, subject, body) as a mail program reads them: percent-decoding as UTF-8, CRLF."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    assert len(query["subject"]) == len(query["body"]) == 1
    return unquote(parts.path), query["subject"][0], query["body"][0]


# -- the request -------------------------------------------------------------------------------


def test_request_names_the_referrer_written_as_free_text(
    example: Journal, drafter: letters.Drafter
) -> None:
    draft = drafter.request(example.contacts["ana-lucia-nunez"], example)
    assert draft.to == "anunez@pratt-library.example.org"
    assert draft.body.startswith("Dear Ana Lucía Núñez,\n\n")
    assert "Professor Dana Whitfield suggested I write to you." in draft.body
    assert "I'm Jordan Reyes, a second-year student at Baltimore City Community College." in (
        draft.body
    )
    assert "I'm not asking for a job." in draft.body
    assert "20–30 minutes, at your convenience" in draft.body
    assert "at Enoch Pratt Free Library?" in draft.body
    assert draft.body.endswith("Thank you,\nJordan Reyes")
    assert draft.subject == "A 20-minute conversation about librarianship?"


def test_request_names_a_referrer_given_by_slug(example: Journal, drafter: letters.Drafter) -> None:
    draft = drafter.request(example.contacts["kwame-asante"], example)
    assert "Ana Lucía Núñez suggested I write to you." in draft.body
    assert "ana-lucia-nunez" not in draft.body


def test_request_to_alumni_names_the_shared_school(
    example: Journal, drafter: letters.Drafter
) -> None:
    draft = drafter.request(example.contacts["helen-markowitz"], example)
    assert "I found you through the Baltimore City Community College alumni network." in draft.body
    assert "suggested I write" not in draft.body
    without_school = replace(drafter, owner=replace(drafter.owner, school=""))
    other = without_school.request(example.contacts["helen-markowitz"], example)
    assert "I found you through our alumni network." in other.body


def test_request_without_owner_options_has_placeholders(example: Journal) -> None:
    drafter, _ = letters.load(REPO, Options())
    draft = drafter.request(example.contacts["ana-lucia-nunez"], example)
    assert "I'm [your name], [your school or current role]." in draft.body
    assert drafter.owner.missing == ("owner_name", "owner_intro", "owner_goal")


def test_the_example_request_is_short_enough(example: Journal, drafter: letters.Drafter) -> None:
    for contact in example.contacts.values():
        draft = drafter.request(contact, example)
        assert not draft.too_long, (contact.slug, draft.words)


def test_a_long_request_gets_the_75_word_warning(example: Journal) -> None:
    wordy = replace(OWNER, owner=replace(OWNER.owner, goal=" ".join(["word"] * 40)))
    drafter, _ = letters.load(REPO, wordy)
    draft = drafter.request(example.contacts["ana-lucia-nunez"], example)
    assert draft.words == letters.word_count(draft.body) > 75
    assert draft.too_long
    assert letters.word_count("one two\n\nthree  four") == 4
    assert not letters.Draft("a@b", "s", " ".join(["w"] * 75)).too_long
    assert letters.Draft("a@b", "s", " ".join(["w"] * 76)).too_long


# -- the thank-you -----------------------------------------------------------------------------


def _note(journal: Journal, slug: str) -> Note:
    return next(n for n in journal.notes if n.slug == slug)


def test_thank_you_mentions_the_highlight_as_a_clause(
    example: Journal, drafter: letters.Drafter
) -> None:
    note = _note(example, "2026-11-20-terrence-oduya")
    note = replace(note, extra={**note.extra, "highlight": "getting certified"})
    draft = drafter.thank_you(note, example.contacts["terrence-oduya"], example)
    assert draft.subject == "Thank you, Terrence Oduya"
    assert draft.body.split("\n\n")[1] == (
        "Thank you for taking the time to talk with me on 20 November. I especially appreciated "
        "what you said about getting certified. Thank you also for suggesting I talk to Tomás "
        "Ortega and Carla Nguyen."
    )
    assert "shipyard" not in draft.body  # never a sentence of the answer spliced in
    assert ": " not in draft.body.split("\n\n")[1]


@pytest.mark.parametrize(
    ("chosen", "clause"),
    [
        ("getting certified", "what you said about getting certified"),
        ("Getting  certified.", "what you said about getting certified"),
        ("the story of  the weld\nyou had cut out", "the story of the weld you had cut out"),
        ("How you Chose CWI", "how you Chose CWI"),
        ("Enoch Pratt's branches", "what you said about Enoch Pratt's branches"),
        # the key or the heading of a question in the note: that answer, phrased from the question
        ("qualifications", "what you said about getting qualified and certified"),
        ("What is the hardest part of the job?", "your honesty about the hardest part of the job"),
    ],
)
def test_highlight_is_a_clause(example: Journal, chosen: str, clause: str) -> None:
    note = _note(example, "2026-11-20-terrence-oduya")
    assert letters.highlight(replace(note, extra={"highlight": chosen})) == clause


def test_a_marked_question_of_your_own_is_named(example: Journal) -> None:
    note = _note(example, "2026-11-20-terrence-oduya")
    own = replace(note.sections[0], key="drones", heading="Do inspectors use drones yet?")
    marked = replace(note, sections=(own, *note.sections[1:]), extra={"highlight": "drones"})
    assert letters.highlight(marked) == "what you said when I asked “Do inspectors use drones yet”"


def test_without_highlight_the_first_answered_question(example: Journal) -> None:
    note = replace(_note(example, "2026-11-20-terrence-oduya"), extra={})
    first, second = note.sections[:2]
    assert (first.key, second.key) == ("how-started", "typical-week")
    assert letters.highlight(note) == "hearing how you got started in the field"
    blank = replace(first, text="<!-- nothing yet -->\n\n")
    assert letters.highlight(replace(note, sections=(blank, second))) == (
        "hearing what a typical week is like for you"
    )
    reflections = tuple(s for s in note.sections if s.key not in letters.APPRECIATED)
    assert letters.highlight(replace(note, sections=reflections)) is None


def test_who_needs_a_thank_you(example: Journal) -> None:
    luis = _note(example, "2026-11-19-luis-ferreira")
    gina = _note(example, "2026-10-02-gina-kowalski")  # thanked by a `thank-you` event
    harold = _note(example, "2026-11-12-harold-kim")  # has `thank_you`
    contacts = example.contacts
    assert followups.needs_thank_you(luis, contacts["luis-ferreira"], TODAY)
    assert not followups.needs_thank_you(luis, contacts["luis-ferreira"], date(2026, 11, 18))
    assert not followups.needs_thank_you(gina, contacts["gina-kowalski"], TODAY)
    assert not followups.needs_thank_you(harold, contacts["harold-kim"], TODAY)


# -- mailto: -----------------------------------------------------------------------------------


def test_mailto_round_trips_utf8_newlines_and_ampersands() -> None:
    body = "Dear Zoë Núñez-O'Brien,\n\nQ&A at Smith & Sons? 100% yes + more = #1\n\n— Jordan"
    subject = "Coffee & questions? Zoë / 20–30 min"
    url = letters.mailto("zoe+jobs@example.org", subject, body)
    assert url.count("&") == 1  # only the one between subject and body
    assert "%0D%0A%0D%0A" in url and "\n" not in url and " " not in url
    assert "%C3%AB" in url  # ë as UTF-8
    assert "%26" in url and "%2B" in url and "%23" in url and "%3D" in url
    address, parsed_subject, parsed_body = parse_mailto(url)
    assert address == "zoe+jobs@example.org"
    assert parsed_subject == subject
    assert parsed_body == body.replace("\n", "\r\n")


def test_draft_mailto_only_with_an_email(example: Journal, drafter: letters.Drafter) -> None:
    owen = example.contacts["owen-brandt"]
    assert owen.email is None
    assert drafter.request(owen, example).mailto is None
    draft = drafter.request(example.contacts["kwame-asante"], example)
    assert draft.mailto is not None
    assert parse_mailto(draft.mailto) == (
        "kasante@pratt-library.example.org",
        draft.subject,
        draft.body.replace("\n", "\r\n"),
    )


# -- templates from the journal ----------------------------------------------------------------


def test_journal_templates_override_the_built_in_ones(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/ana.md": "---\nname: Ana & <b>Co</b>\nemail: ana@example.org\n---\n",
            "letters/request.md.j2": (
                "Subject: Hello {{ contact.name }}\n\nHi {{ contact.name }}, it's {{ owner.name }}."
            ),
        }
    )
    drafter, problems = letters.load(root, OWNER)
    assert problems == []
    journal = read_journal(root)
    draft = drafter.request(journal.contacts["ana"], journal)
    # Not HTML-escaped: the text goes into a mailto: URL and is escaped where it is shown.
    assert (draft.subject, draft.body) == (
        "Hello Ana & <b>Co</b>",
        "Hi Ana & <b>Co</b>, it's Jordan Reyes.",
    )
    assert drafter.thank_you_template is not None  # the other one is still the built-in


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        ("Dear {{ contact.name }},\n\n{% endfor %}", 3, "unknown tag 'endfor'"),
        ("Dear {{ contact.nmae }}", 1, "has no attribute 'nmae'"),
        ("{{ contact.__class__.__mro__ }}", 1, "unsafe"),
    ],
)
def test_a_broken_journal_template_warns_and_falls_back(
    make_journal: MakeJournal, template: str, line: int | None, message: str
) -> None:
    root = make_journal({"letters/thank-you.md.j2": template})
    drafter, problems = letters.load(root, OWNER)
    [problem] = problems
    assert (problem.file, problem.line, problem.severity) == (
        "letters/thank-you.md.j2",
        line,
        WARNING,
    )
    assert message in problem.message
    assert problem.message.endswith("; the built-in template is used instead")
    assert isinstance(problem, Problem)
    contact = Contact(slug="a", path="contacts/a.md", name="A")
    note = Note(slug="n", path="notes/n.md", contacts=("a",), date=TODAY)
    journal = Journal(root=root, contacts={"a": contact}, notes=(note,))
    assert drafter.thank_you(note, contact, journal).subject == "Thank you, A"


def test_a_template_failing_for_one_contact_falls_back_for_that_one(
    make_journal: MakeJournal,
) -> None:
    root = make_journal(
        {
            "contacts/a.md": "---\nname: Ann\ncompany: Acme\n---\n",
            "contacts/b.md": "---\nname: Bo\n---\n",
            "letters/request.md.j2": "Hi {{ contact.name }} of {{ contact.company.upper() }}",
        }
    )
    drafter, problems = letters.load(root, OWNER)
    assert problems == []  # the trial contact has a company
    journal = read_journal(root)
    ann = drafter.request(journal.contacts["a"], journal)
    assert (ann.body, ann.warning) == ("Hi Ann of ACME", "")
    bo = drafter.request(journal.contacts["b"], journal)
    assert bo.body.startswith("Dear Bo,")
    assert bo.warning.startswith("letters/request.md.j2, line 1, failed here (")
    assert bo.warning.endswith("); this is the built-in draft")


# -- the pages ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(example: Journal, drafter: letters.Drafter) -> dict[str, str]:
    derived = derive(example, load_options(REPO), TODAY)
    return {p.src: p.text for p in render_site(example, derived, drafts=drafter)}


def test_contact_page_has_the_request(pages: dict[str, str]) -> None:
    page = pages["contacts/ana-lucia-nunez.md"]
    assert "\n## Draft a request\n" in page
    assert "Professor Dana Whitfield suggested I write to you." in page
    assert "I&#x27;m Jordan Reyes" in page  # escaped in the <pre>
    assert '<a class="md-button cc-mailto" href="mailto:anunez@pratt-library.example.org?' in page
    assert "&amp;body=Dear%20Ana%20Luc%C3%ADa%20N%C3%BA%C3%B1ez%2C%0D%0A%0D%0A" in page
    assert '<p class="cc-word-count">' in page


def test_contact_without_email_says_so(pages: dict[str, str]) -> None:
    page = pages["contacts/owen-brandt.md"]
    assert "\n## Draft a request\n" in page
    assert "cc-mailto" not in page
    assert "No e-mail address for Owen Brandt" in page
    assert "contacts/owen-brandt.md for a link" in page


def test_note_pages_have_a_thank_you_only_until_it_is_sent(pages: dict[str, str]) -> None:
    assert "\n## Draft a thank-you\n" in pages["notes/2026-11-20-terrence-oduya.md"]
    assert "\n## Draft a thank-you\n" in pages["notes/2026-11-19-luis-ferreira.md"]
    for thanked in ("2026-10-02-gina-kowalski", "2026-11-12-harold-kim"):
        assert "Draft a thank-you" not in pages[f"notes/{thanked}.md"]


def test_no_drafts_without_a_drafter(example: Journal) -> None:
    derived = derive(example, load_options(REPO), TODAY)
    texts = [p.text for p in render_site(example, derived)]
    assert not any("Draft a" in text for text in texts)


def test_drafts_escape_what_the_user_typed(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/x.md": (
                '---\nname: "<script>alert(1)</script>"\nemail: "x@example.org?cc=evil"\n'
                'company: "A&B <i>"\n---\n'
            ),
        }
    )
    journal = read_journal(root)
    drafter, _ = letters.load(root, OWNER)
    derived = derive(journal, Options(), TODAY)
    page = next(
        p.text for p in render_site(journal, derived, drafts=drafter) if p.src == "contacts/x.md"
    )
    section = page[page.index("## Draft a request") :]
    assert "<script>" not in section and "<i>" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "mailto:x@example.org%3Fcc%3Devil?subject=" in section  # no header injection


def test_long_draft_warning_on_the_page(example: Journal) -> None:
    wordy = replace(OWNER, owner=replace(OWNER.owner, goal=" ".join(["word"] * 40)))
    drafter, _ = letters.load(REPO, wordy)
    derived = derive(example, load_options(REPO), TODAY)
    page = next(
        p.text
        for p in render_site(example, derived, drafts=drafter)
        if p.src == "contacts/ana-lucia-nunez.md"
    )
    assert 'class="cc-word-count cc-too-long"' in page
    assert "e-mails of about 75 words or fewer" in page


def test_builtin_templates_are_packaged() -> None:
    for name in (letters.REQUEST, letters.THANK_YOU):
        assert letters.builtin_template(name).lstrip().startswith("{#-")
    assert Path(letters.__file__).with_name("letter_templates").is_dir()
