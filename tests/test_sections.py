"""Sections of a note's body (SPEC §3), their keys, and slugs made from names."""

from __future__ import annotations

import pytest
from coffeechat.derive.letters import first_sentence
from coffeechat.model import Section
from coffeechat.questions import DEFAULT_BANK, REFLECTION_PROMPTS, Question, QuestionBank, normalise
from coffeechat.read.sections import fenced, heading_parts, section_key, split_sections
from coffeechat.slugs import looks_like_slug, slugify


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Typical week", ("Typical week", None)),
        ("Typical week {#typical-week}", ("Typical week", "typical-week")),
        ("Typical week   {#typical-week}  ", ("Typical week", "typical-week")),
        ("Pay {.wide #pay data-x=1}", ("Pay", "pay")),
        ("Closing hashes ##", ("Closing hashes", None)),
        ("Both {#both} ##", ("Both", "both")),
        ("C# and F# jobs", ("C# and F# jobs", None)),
        ("Braces {not an id}", ("Braces {not an id}", None)),
    ],
)
def test_heading_parts(raw: str, expected: tuple[str, str | None]) -> None:
    assert heading_parts(raw) == expected


@pytest.mark.parametrize(
    ("heading", "explicit", "key"),
    [
        ("Anything at all", "my-key", "my-key"),  # an explicit id wins over everything
        ("What is a typical week like?", None, "typical-week"),  # the question's text
        ("Typical day", None, "typical-week"),  # an alias
        ("  TYPICAL   day!! ", None, "typical-week"),  # matched after normalising
        ("What are my next steps?", None, "next-steps"),
        ("Next steps", None, "next-steps"),
        ("Who else should I contact?", None, "who-else"),
        ("typical-week", None, "typical-week"),  # the id itself
        ("Pay & benefits: what's normal?", None, "pay-benefits-whats-normal"),
        ("Año en la clínica — ¿cómo?", None, "ano-en-la-clinica-como"),
        ("The day’s “rhythm”", None, "the-days-rhythm"),
    ],
)
def test_section_key(heading: str, explicit: str | None, key: str) -> None:
    assert section_key(heading, explicit) == key


def test_every_reflection_prompt_has_its_own_key() -> None:
    assert [q.text for q in REFLECTION_PROMPTS] == [
        "What did I learn about the job?",
        "What did I learn about the larger career field?",
        "What did I learn about the company?",
        "What did I learn about the skills and competencies needed?",
        "What are my next steps?",
    ]
    keys = [section_key(q.text, None) for q in REFLECTION_PROMPTS]
    assert keys == [
        "learned-job",
        "learned-field",
        "learned-company",
        "learned-skills",
        "next-steps",
    ]


def test_question_bank_texts_do_not_collide() -> None:
    # Two questions sharing a text or alias would silently steal each other's answers.
    seen: dict[str, str] = {}
    for question in DEFAULT_BANK.questions:
        for text in {normalise(t) for t in (question.text, *question.aliases, question.id)}:
            assert seen.setdefault(text, question.id) == question.id, text


def test_extra_questions_from_config() -> None:
    bank = QuestionBank.build([Question("pay", "What does it pay?", "advice", ("Salary",))])
    assert section_key("salary", None, bank) == "pay"
    assert section_key("What does it pay", None, bank) == "pay"
    assert section_key("Salary", None) == "salary"  # not in the default bank


BODY = """\
Intro text before any heading belongs to no section.

## How did you get started in this field?

Line one.
Line two.

### A sub-heading stays inside

##No space: not a heading
 ## Indented by one space: still a heading
    ## Indented by four: code
## Typical week {#week}

```
## inside backticks
```

~~~python
## inside tildes
```
## still inside: a ``` fence does not close ~~~
~~~

## Last ##
"""


def test_split_sections() -> None:
    sections = split_sections(BODY, 10)
    assert [(s.key, s.heading, s.line, s.explicit) for s in sections] == [
        ("how-started", "How did you get started in this field?", 12, False),
        (
            "indented-by-one-space-still-a-heading",
            "Indented by one space: still a heading",
            20,
            False,
        ),
        ("week", "Typical week", 22, True),
        ("last", "Last", 34, False),
    ]
    assert sections[0].text == (
        "Line one.\nLine two.\n\n### A sub-heading stays inside\n\n##No space: not a heading"
    )
    assert sections[1].text == "    ## Indented by four: code"
    assert "## inside backticks" in sections[2].text
    assert "## still inside" in sections[2].text
    assert sections[3] == Section(key="last", heading="Last", text="", line=34, explicit=False)


def test_split_sections_without_headings() -> None:
    assert split_sections("", 5) == ()
    assert split_sections("Just text.\n\n# A title\n", 5) == ()


def test_unclosed_fence_hides_later_headings() -> None:
    # Markdown renders everything after an unclosed fence as code, so no heading follows.
    assert [s.key for s in split_sections("## A\n```\n## B\n", 1)] == ["a"]


def test_same_heading_twice_keeps_both_sections() -> None:
    sections = split_sections("## Advice\none\n## Advice\ntwo\n", 1)
    assert [(s.key, s.text, s.line) for s in sections] == [
        ("advice", "one", 1),
        ("advice", "two", 3),
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ana Lucía Núñez", "ana-lucia-nunez"),
        ("Zoë Brandt", "zoe-brandt"),
        ("Shawn McAllister", "shawn-mcallister"),
        ("Terrence O'Duya", "terrence-oduya"),
        ("Dr. Helen Markowitz, PhD", "dr-helen-markowitz-phd"),
        ("Smith & Wesson", "smith-and-wesson"),
        ("  Jean-Luc   Picard  ", "jean-luc-picard"),
        ("François Ørsted", "francois-orsted"),
        ("Jürgen Weiß", "jurgen-weiss"),
        ("Łukasz Wróbel", "lukasz-wrobel"),
        ("李四", "li-si"),
        ("Иван Петров", "ivan-petrov"),
        ("?!", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("maria-lopez", True),
        ("helen", True),
        ("Maria Lopez", False),
        ("Dr. Lopez", False),
        ("maria--lopez", False),
        ("-maria", False),
        ("2026", False),
        ("", False),
    ],
)
def test_looks_like_slug(text: str, expected: bool) -> None:
    assert looks_like_slug(text) is expected


def test_options_share_one_bank_per_set_of_questions() -> None:
    """The bank remembers heading keys; `serve` rebuilds and repeated commands keep them."""
    from coffeechat.questions import Question
    from coffeechat.read.config import Options

    extra = (Question("commute", "How long is your commute?", "day-to-day"),)
    assert Options().bank is Options().bank
    assert Options(questions=extra).bank is Options(questions=extra).bank
    assert Options(questions=extra).bank is not Options().bank
    assert Options(questions=extra).bank.match("How long is your commute?") == extra[0]


def test_one_fence_rule_for_sections_answers_and_letters() -> None:
    """A ``` line inside a ~~~ block is code, not a closing fence; four spaces make indented code,
    not a fence. The same rule splits sections and finds a letter's first sentence."""
    body = "~~~\n```\n## not a heading\n~~~\n    ```\n## Real heading\nAfter."
    marks = [code for _, code in fenced(body.split("\n"))]
    assert marks == [True, True, True, True, False, False, False]
    sections = split_sections(body, 1)
    assert [s.heading for s in sections] == ["Real heading"]
    assert sections[0].line == 6
    quoted = first_sentence("~~~\n```\nHidden code line.\n~~~\nThe sentence shown here. More.")
    assert quoted == "The sentence shown here."
