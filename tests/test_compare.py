"""The comparison (derive stage): section keys across notes, near-miss warnings, facts, reflections,
prep sheets, and `coffeechat compare`. The sample journal is tests/data/compare."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from coffeechat.cli import wrap_answer
from coffeechat.derive.compare import (
    Comparison,
    Who,
    compare,
    fact_label,
    fact_text,
    facts_matrix,
)
from coffeechat.derive.derived import derive
from coffeechat.model import WARNING, Note, Problem
from coffeechat.questions import Question, QuestionBank
from coffeechat.read.config import Options
from coffeechat.read.headings import near_misses
from coffeechat.read.journal import read_journal
from coffeechat.read.sections import split_sections
from conftest import DATA, MakeJournal, Run

SAMPLE = DATA / "compare"
TODAY = date(2026, 3, 20)


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    journal = read_journal(SAMPLE)
    options = Options()
    return compare(journal, options.bank, derive(journal, options, TODAY).meetings)


def _keys(found: Comparison, key: str) -> list[tuple[str, str]]:
    return [(a.note.slug, a.section.heading) for a in found.keys[key].answers]


# -- key resolution -----------------------------------------------------------------------------


def test_aliases_put_differently_written_headings_under_one_key(comparison: Comparison) -> None:
    assert _keys(comparison, "typical-week") == [
        ("2026-02-01-ben-ruiz", "Typical day"),
        ("2026-03-05-chen-li", "A normal week"),
    ]
    assert comparison.keys["typical-week"].title == "What is a typical week like?"
    assert comparison.keys["typical-week"].topic == "day-to-day"


def test_explicit_ids_and_normalised_headings_are_keys(comparison: Comparison) -> None:
    assert _keys(comparison, "overtime") == [
        ("2026-01-10-amara-okafor", "Night shifts and overtime")
    ]
    # The same heading without the id is another key (and gets a near-miss warning).
    assert _keys(comparison, "night-shifts-and-overtime") == [
        ("2026-02-01-ben-ruiz", "Night shifts and overtime")
    ]
    shared = comparison.keys["tools-of-the-trade"]
    assert (shared.title, shared.topic, shared.notes, shared.question) == (
        "Tools of the trade",
        "other",
        2,
        None,
    )
    assert [k.key for k in comparison.shared()] == [
        "learned-job",
        "tools-of-the-trade",
        "typical-week",
    ]


def test_empty_sections_and_template_comments_are_not_answers(comparison: Comparison) -> None:
    # Ben's "What is the hardest part of the job?" holds only an HTML comment.
    assert _keys(comparison, "hardest-part") == [("2026-01-10-amara-okafor", "Hardest part")]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("typical-week", "typical-week"),  # a bank id
        ("Typical day", "typical-week"),  # an alias
        ("  what IS a typical week like  ", "typical-week"),  # the question, normalised
        ("overtime", "overtime"),  # an explicit id
        ("Tools of the trade!", "tools-of-the-trade"),  # a heading, normalised
        ("company-culture", "company-culture"),  # a bank question nobody answered yet
        ("tipical-week", None),
        ("nothing like it", None),
    ],
)
def test_resolve(comparison: Comparison, typed: str, key: str | None) -> None:
    assert comparison.resolve(typed) == key


def test_resolve_finds_a_heading_written_with_an_explicit_id() -> None:
    body = "## Night shifts and overtime {#overtime}\n\nLate nights.\n"
    note = Note("n", "notes/n.md", ("x",), date(2026, 1, 1), sections=split_sections(body, 5))
    journal = read_journal(SAMPLE)
    found = compare(type(journal)(journal.root, {}, (note,)), QuestionBank.build())
    assert found.resolve("night shifts and OVERTIME") == "overtime"


def test_close_keys_for_a_typo(comparison: Comparison) -> None:
    assert comparison.close_keys("tipical-week")[0] == "typical-week"


def test_extra_bank_questions_from_the_config_are_keys() -> None:
    bank = QuestionBank.build(
        [Question("tools", "Which tools do you use?", "skills", ("Tools of the trade",))]
    )
    found = compare(read_journal(SAMPLE, bank), bank)
    assert [a.note.slug for a in found.keys["tools"].answers] == [
        "2026-01-10-amara-okafor",
        "2026-02-01-ben-ruiz",
    ]
    assert found.keys["tools"].topic == "skills"
    assert "tools-of-the-trade" not in found.keys


def test_unasked_bank_questions_leave_out_reflection_prompts(comparison: Comparison) -> None:
    unasked = [q.id for q in comparison.unasked()]
    assert "how-started" in unasked and "company-culture" in unasked
    assert "typical-week" not in unasked and "hardest-part" not in unasked
    assert not [q for q in comparison.unasked() if q.topic == "reflection"]


# -- near misses --------------------------------------------------------------------------------

NEAR_MISSES = [
    Problem(
        "notes/2026-01-10-amara-okafor.md",
        12,
        WARNING,
        "the heading “What's a typical week like” is almost the question “What is a typical week "
        "like?” but gets its own key `whats-a-typical-week-like`, so its answers are not "
        "compared: to link it, add `{#typical-week}` to the heading or use the question's text "
        "(a different question? give it an id of its own)",
    ),
    Problem(
        "notes/2026-02-01-ben-ruiz.md",
        14,
        WARNING,
        "the heading “Night shifts and overtime” is the one in notes/2026-01-10-amara-okafor.md, "
        "which has the id `{#overtime}`; add `{#overtime}` here too, or the answers are not "
        "compared",
    ),
    Problem(
        "notes/2026-03-05-chen-li.md",
        15,
        WARNING,
        "the id `{#typical-weak}` is almost the key `typical-week` of the question “What is a "
        "typical week like?”, so its answers are not compared: to link it, write "
        "`{#typical-week}` instead",
    ),
]


def test_near_miss_warnings_name_file_line_and_the_fix() -> None:
    journal = read_journal(SAMPLE)
    assert [p for p in journal.problems if "not compared" in p.message] == NEAR_MISSES
    assert journal.problems == tuple(NEAR_MISSES)  # nothing else is wrong in the sample


def test_check_prints_near_misses_and_exits_0(run: Run) -> None:
    result = run("check", journal=SAMPLE)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [p.as_text() for p in NEAR_MISSES]
    assert result.stdout.splitlines()[-1] == "0 errors and 3 warnings in 5 contacts and 3 notes."


def test_a_near_miss_needs_another_note(make_journal: MakeJournal) -> None:
    """A custom heading used in one note only is no near miss of itself; the same text in two
    notes without ids is one key (compared, so no warning either)."""
    note = "---\ncontact: a\ndate: 2026-01-0{day}\n---\n\n## Salary ranges in the field\n\nText.\n"
    root = make_journal(
        {
            "contacts/a.md": "---\nname: A\n---\n",
            "notes/one.md": note.format(day=1),
            "notes/two.md": note.format(day=2),
        }
    )
    assert read_journal(root).problems == ()


def _notes(*bodies: str) -> list[Note]:
    return [
        Note(f"n{i}", f"notes/n{i}.md", ("x",), date(2026, 1, 1), sections=split_sections(b, 1))
        for i, body in enumerate(bodies)
        for b in [body]
    ]


def test_one_off_headings_almost_alike_in_two_notes_warn() -> None:
    notes = _notes("## Salary range in the field\n\nA.\n", "## Salary ranges in the field\n\nB.\n")
    problems = near_misses(notes, QuestionBank.build())
    assert [(p.file, p.line) for p in problems] == [("notes/n0.md", 1), ("notes/n1.md", 1)]
    assert "add `{#salary-ranges-in-the-field}` to the heading" in problems[0].message


def test_a_numbered_series_is_no_near_miss() -> None:
    notes = _notes("## Project 1\n\nA.\n", "## Project 2\n\nB.\n", "## Week 12\n\nC.\n")
    assert near_misses(notes, QuestionBank.build()) == []


def test_thousands_of_one_off_headings_are_compared_by_shared_words() -> None:
    """Each heading is compared with the bank and with the headings sharing a less common word
    with it, not with every other heading (6,000 different headings: about a second, not 70)."""
    rng = random.Random(1)

    def heading() -> str:
        return " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(3))

    bodies = [
        "\n".join(f"## {heading()} in the field\n\nx\n" for _ in range(3)) for _ in range(2000)
    ]
    bodies.append("## " + bodies[0].split("\n")[0][3:].replace(" in the field", " in a field"))
    problems = near_misses(_notes(*bodies), QuestionBank.build())
    assert [(p.file, p.line) for p in problems] == [("notes/n0.md", 1), ("notes/n2000.md", 1)]


@pytest.mark.parametrize(
    ("heading", "warned"),
    [
        ("What is a typical week like", False),  # the question itself: matched
        ("WHAT is a typical week like!!", False),  # normalised to the same text: matched
        ("What is a typical week like for you?", True),
        ("What's the typical week like", True),
        ("Pay", False),  # too short to judge
        ("What do you read to keep up?", False),  # nothing close
        ("What is a typical week like? {#my-own-week}", False),  # an id of its own: kept apart
    ],
)
def test_near_miss_threshold(heading: str, warned: bool) -> None:
    note = Note(
        "n",
        "notes/n.md",
        ("x",),
        date(2026, 1, 1),
        sections=split_sections(f"## {heading}\n\nAn answer.\n", 1),
    )
    problems = near_misses([note], QuestionBank.build())
    assert bool(problems) is warned, problems
    assert all(p.line == 1 and p.file == "notes/n.md" for p in problems)


def test_near_miss_is_linear_enough_for_thousands_of_notes() -> None:
    """Candidates are deduplicated: 3,000 notes with the same custom heading cost one search."""
    body = "## What's a typical week like\n\nA.\n\n## Who else should I talk to?\n\nB.\n"
    sections = split_sections(body, 1)
    notes = [
        Note(f"n{i}", f"notes/n{i}.md", ("x",), date(2026, 1, 1), sections=sections)
        for i in range(3000)
    ]
    problems = near_misses(notes, QuestionBank.build())
    assert len(problems) == 3000
    assert {p.line for p in problems} == {1}


# -- facts --------------------------------------------------------------------------------------


def test_facts_summary_counts_values_and_keeps_yes_no_readable(comparison: Comparison) -> None:
    facts = comparison.facts
    assert facts.keys == ("degree_required", "hours_per_week", "motto", "union")
    summary = {key: s.text() for key, s in facts.summaries.items()}
    assert summary == {
        "degree_required": "masters: 2, none: 1",
        "hours_per_week": "min 37.5 · median 40 · max 50 (n=3)",
        "motto": "<img src=x onerror=alert(1)>: 1",
        "union": "yes: 2, no: 1",
    }
    assert facts.summaries["degree_required"].disagree
    assert facts.summaries["degree_required"].mode == "masters"
    assert not facts.summaries["motto"].disagree
    assert [who.note.slug for who, _ in facts.rows] == [
        "2026-01-10-amara-okafor",
        "2026-02-01-ben-ruiz",
        "2026-03-05-chen-li",
    ]


def test_fact_values_mixed_numbers_and_text() -> None:
    who = Who.of(Note("n", "notes/n.md", ("x",), date(2026, 1, 1)), ())
    rows = [(who, {"hours": 40}), (who, {"hours": "varies"}), (who, {"hours": 45.0})]
    rows += [(who, {"hours": None}), (who, {"remote": False}), (who, {"start": date(2026, 9, 1)})]
    matrix = facts_matrix(rows)
    assert matrix.summaries["hours"].text() == "min 40 · median 42.5 · max 45 (n=2), varies: 1"
    assert matrix.summaries["hours"].n == 3  # an empty value is no answer
    assert matrix.summaries["remote"].text() == "no: 1"
    assert matrix.summaries["start"].text() == "2026-09-01: 1"
    assert [fact_text(v) for v in (True, False, 45.0, 37.5, 45000, "yes")] == [
        "yes",
        "no",
        "45",
        "37.5",
        "45,000",
        "yes",
    ]


# -- reflections and prep sheets ----------------------------------------------------------------


def test_reflections_are_newest_first(comparison: Comparison) -> None:
    by_id = {r.question.id: r for r in comparison.reflections}
    assert list(by_id) == [
        "learned-job",
        "learned-field",
        "learned-company",
        "learned-skills",
        "next-steps",
    ]
    assert [a.note.slug for a in by_id["learned-job"].answers] == [
        "2026-03-05-chen-li",
        "2026-02-01-ben-ruiz",
    ]
    assert by_id["next-steps"].answers == ()


def test_prep_sheet_for_an_upcoming_meeting(comparison: Comparison) -> None:
    (prep,) = comparison.preps
    assert prep.contact.slug == "dev-patel"
    assert [m.day for m in prep.meetings] == [date(2026, 4, 1)]
    assert prep.event is not None and prep.event.note == "Thirty minutes, before the branch opens."
    assert [(p.name, p.slug) for p in prep.referred_by] == [("Amara Okafor", "amara-okafor")]
    unanswered = [q.id for q in prep.unanswered]
    assert "typical-week" not in unanswered  # Ben (librarianship, any case) answered it
    assert "hardest-part" not in unanswered
    assert unanswered[:3] == ["how-started", "education", "do-differently"]
    said = {s.key: [a.note.slug for a in s.answers] for s in prep.said}
    assert list(said)[:2] == ["typical-week", "hardest-part"]  # bank order, then the user's
    # Amara works where Dev works: her answer comes first, then the newest in the field.
    assert said["tools-of-the-trade"] == ["2026-01-10-amara-okafor", "2026-02-01-ben-ruiz"]
    assert "learned-job" not in said  # reflections are yours, not what others said
    assert all("chen" not in slug for slugs in said.values() for slug in slugs)


def test_no_prep_sheet_once_the_meeting_has_a_note(make_journal: MakeJournal) -> None:
    contact = (
        "---\nname: A\nfield: Law\noutreach:\n  - date: 2026-01-01\n    event: scheduled\n"
        "    meeting: 2026-02-01\n---\n"
    )
    root = make_journal({"contacts/a.md": contact})
    journal = read_journal(root)
    assert (
        len(compare(journal, Options().bank, derive(journal, Options(), TODAY).meetings).preps) == 0
    )
    early = derive(journal, Options(), date(2026, 1, 15)).meetings
    (prep,) = compare(journal, Options().bank, early).preps
    assert prep.said == () and len(prep.unanswered) == 16


# -- coffeechat compare ---------------------------------------------------------------------------


def test_compare_text_output(run: Run) -> None:
    result = run("compare", "Typical day", journal=SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "What is a typical week like? (typical-week)\n"
        "2 answers, oldest first.\n"
        "\n"
        "Ben Ruiz · County Library · 2026-02-01\n"
        "  Meetings, then the desk.\n"
        "\n"
        'Chen Li & Eve <script>alert("name")</script> · Li Welding · Smith & <b>Sons</b> · '
        "2026-03-05\n"
        "  Six ten-hour days.\n"
    )


def test_compare_json_output_and_field_filter(run: Run) -> None:
    result = run(
        "compare", "typical-week", "--field", "LIBRARIANSHIP", "--format", "json", journal=SAMPLE
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "note": "2026-02-01-ben-ruiz",
            "contacts": ["ben-ruiz"],
            "date": "2026-02-01",
            "field": "librarianship",
            "company": "County Library",
            "heading": "Typical day",
            "answer": "Meetings, then the desk.",
        }
    ]


def test_compare_unknown_key_lists_close_keys(run: Run) -> None:
    result = run("compare", "tipical-week", journal=SAMPLE)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: no section has the key “tipical-week”; close keys: typical-week, typical-weak\n"
    )
    result = run("compare", "zzz", journal=SAMPLE)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "keys in two or more notes: learned-job, tools-of-the-trade, typical-week\n"
    )


def test_compare_field_nobody_answered(run: Run) -> None:
    result = run("compare", "typical-week", "--field", "dentistry", journal=SAMPLE)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: nobody in the field “dentistry” answered “typical-week”; fields with answers: "
        "librarianship, Welding\n"
    )


def test_compare_bank_question_nobody_answered(run: Run) -> None:
    result = run("compare", "company-culture", journal=SAMPLE)
    assert result.exit_code == 0
    assert result.stdout == (
        "Nobody has answered “What is it like to work at your organization?” "
        "(company-culture) yet.\n"
    )
    assert run("compare", "company-culture", "--format", "json", journal=SAMPLE).stdout == "[]\n"


def test_compare_help_has_an_example(run: Run) -> None:
    result = run("compare", "--help")
    assert "coffeechat compare typical-week" in result.stdout
    assert "--field" in result.stdout and "--format" in result.stdout


def test_wrap_answer_keeps_lists_and_code_within_80_columns() -> None:
    text = (
        "- " + "word " * 30 + "\n  continued here\n1. second item " + "x" * 10 + "\n\n"
        "```\ncode   stays   as is " + "y" * 90 + "\n```\n\n" + "A paragraph " * 12
    )
    wrapped = wrap_answer(text)
    lines = wrapped.splitlines()
    assert lines[0].startswith("  - word word")
    assert lines[1].startswith("    word")  # hanging indent under the item
    assert "  1. second item xxxxxxxxxx" in lines
    assert "  code   stays   as is " + "y" * 90 in lines
    assert all(len(line) <= 80 for line in lines if "yyy" not in line)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (52000, "52,000"),
        (52000.0, "52,000"),
        (1234567.5, "1,234,567.5"),
        (-15000, "-15,000"),
        (2019, "2019"),  # four digits stay as written: likely a year
        (9999.5, "9999.5"),
        (float("inf"), "inf"),
        ("52000", "52000"),  # text the user quoted stays text
    ],
)
def test_fact_numbers_are_grouped_by_thousands(value: object, shown: str) -> None:
    assert fact_text(value) == shown


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("would_choose_again", "Would choose again"),
        ("hours-per-week", "Hours per week"),
        ("salary_USD", "Salary USD"),
        ("remote", "Remote"),
        ("_odd__key_", "Odd key"),
        ("_", "_"),
        ("час_в_неделю", "Час в неделю"),
    ],
)
def test_fact_keys_read_as_words(key: str, words: str) -> None:
    assert fact_label(key) == words
