"""The reader: every kind of bad file in tests/data/invalid, valid edge cases in tests/data/valid,
and a cross-check of the example journal against python-frontmatter."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import frontmatter
import pytest
from coffeechat.model import ERROR, WARNING, Journal, Problem
from coffeechat.read import yamlsource
from coffeechat.read.journal import (
    CONTACT_KEYS,
    NOTE_KEYS,
    ParseCache,
    journal_files,
    read_contact,
    read_journal,
)
from conftest import INVALID, REPO, VALID, MakeJournal


def error(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, ERROR, message)


def warning(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, WARNING, message)


NOT_YAML = "the front matter is not valid YAML: "
DATE_FORMAT = "should be a date written YYYY-MM-DD (like 2026-11-05)"

# One file per kind of problem, with everything the reader must say about it.
INVALID_CASES: dict[str, list[Problem]] = {
    "contacts/yaml-syntax-error.md": [
        # Line 4 of the file (line 3 of the front matter block).
        error(
            "contacts/yaml-syntax-error.md",
            4,
            NOT_YAML + "mapping values are not allowed in this context "
            "(put quotes around a value that contains a colon)",
        )
    ],
    "contacts/crlf-yaml-error.md": [
        error(
            "contacts/crlf-yaml-error.md",
            4,
            NOT_YAML + "while scanning a quoted scalar: found unexpected end of stream "
            "(a quote opened on this line is never closed)",
        )
    ],
    "contacts/invalid-utf8.md": [
        error(
            "contacts/invalid-utf8.md",
            3,
            "the file is not UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8 in your editor",
        )
    ],
    "contacts/empty.md": [
        error(
            "contacts/empty.md",
            None,
            "the file is empty; delete it, or start it again with `coffeechat new`",
        )
    ],
    "contacts/list-front-matter.md": [
        error(
            "contacts/list-front-matter.md",
            2,
            "the front matter must be `key: value` lines, not a list",
        )
    ],
    "contacts/no-front-matter.md": [
        error(
            "contacts/no-front-matter.md",
            1,
            "the file must start with front matter: a line `---`, then `key: value` lines, "
            "then another `---`",
        )
    ],
    "contacts/never-closed.md": [
        error(
            "contacts/never-closed.md",
            1,
            "the front matter opened on line 1 is never closed: add a line `---` after it",
        )
    ],
    "contacts/missing-name.md": [
        error(
            "contacts/missing-name.md",
            1,
            "missing `name`: every contact needs the person's full name",
        )
    ],
    "contacts/wrong-types.md": [
        error("contacts/wrong-types.md", 3, "`company` should be one piece of text, not a list"),
        error(
            "contacts/wrong-types.md",
            4,
            "`private` should be true or false, not “maybe”; until it is, the contact is treated "
            "as private",
        ),
        error("contacts/wrong-types.md", 5, "`tags` should be a list (lines starting with `- `)"),
    ],
    "contacts/unknown-enums.md": [
        error(
            "contacts/unknown-enums.md",
            3,
            "`status` is “archived”, which coffeechat does not know; "
            "use one of: active, paused, declined, closed (did you mean “closed”?)",
        ),
        error(
            "contacts/unknown-enums.md",
            4,
            "`keep_in_touch` is “weekly”, which coffeechat does not know; "
            "use one of: monthly, quarterly, yearly, never, or a number of days like 60",
        ),
        error(
            "contacts/unknown-enums.md",
            7,
            "`event` is “replyed”, which coffeechat does not know; use one of: sent, reply, "
            "call, voicemail, no-answer, scheduled, declined, snafu, thank-you, update "
            "(did you mean “reply”?)",
        ),
    ],
    "contacts/impossible-outreach-date.md": [
        error(
            "contacts/impossible-outreach-date.md",
            6,
            "`date` is “2026-02-30”, which is not a real date (day is out of range for month)",
        )
    ],
    "contacts/key-typos.md": [
        warning(
            "contacts/key-typos.md", 3, "unknown key `refered_by`: did you mean `referred_by`?"
        ),
        warning(
            "contacts/key-typos.md", 4, "unknown key `keep_in_tuch`: did you mean `keep_in_touch`?"
        ),
    ],
    "contacts/alias-bomb.md": [
        error(
            "contacts/alias-bomb.md",
            2,
            "the front matter uses YAML aliases (`*name`) that expand to more than 10,000 values; "
            "write the values out instead",
        )
    ],
    "notes/missing-date.md": [
        error(
            "notes/missing-date.md",
            1,
            "missing `date`: every note needs the date of the conversation",
        )
    ],
    "notes/missing-contact.md": [
        error(
            "notes/missing-contact.md",
            1,
            "missing `contact`: every note needs the slug of the person you talked to",
        )
    ],
    "notes/wrong-duration.md": [
        error(
            "notes/wrong-duration.md", 4, "`duration` should be a whole number of minutes, like 30"
        )
    ],
    "notes/impossible-date.md": [
        error(
            "notes/impossible-date.md",
            3,
            "`date` is “2026-13-01”, which is not a real date (month must be in 1..12)",
        )
    ],
    "notes/date-written-wrongly.md": [
        error("notes/date-written-wrongly.md", 3, f"`date` {DATE_FORMAT}, not “2026-1-5”")
    ],
    "notes/date-in-words.md": [
        error("notes/date-in-words.md", 3, f"`date` {DATE_FORMAT}, not “next tuesday”")
    ],
    "notes/unknown-contact.md": [
        error(
            "notes/unknown-contact.md",
            2,
            "this note names the contact “jordan-smith”, but there is no "
            "contacts/jordan-smith.md; create it with `coffeechat new contact` or fix the name",
        ),
        error(
            "notes/unknown-contact.md",
            2,
            "this note names the contact “mario-lopes”, but there is no "
            "contacts/mario-lopes.md; did you mean “maria-lopez”?",
        ),
    ],
}


@pytest.fixture(scope="module")
def invalid() -> Journal:
    return read_journal(INVALID)


@pytest.fixture(scope="module")
def valid() -> Journal:
    return read_journal(VALID)


@pytest.mark.parametrize("rel", sorted(INVALID_CASES))
def test_each_bad_file_reports_exactly_its_problems(invalid: Journal, rel: str) -> None:
    assert [p for p in invalid.problems if p.file == rel] == INVALID_CASES[rel]


def test_every_invalid_file_has_a_case_and_only_the_good_contact_is_clean(
    invalid: Journal,
) -> None:
    on_disk = {
        path.relative_to(INVALID).as_posix()
        for folder in ("contacts", "notes")
        for path in journal_files(INVALID, folder)
    }
    assert on_disk - set(INVALID_CASES) == {"contacts/maria-lopez.md"}
    assert set(INVALID_CASES) <= on_disk
    assert {p.file for p in invalid.problems} == set(INVALID_CASES)
    # Problems come sorted by file and line, so the output of `check` is stable.
    assert list(invalid.problems) == sorted(invalid.problems, key=lambda p: p.sort_key)


def test_a_bad_file_never_hides_the_rest_of_the_journal(invalid: Journal) -> None:
    # Files whose front matter could be read still become contacts and notes; only the bad values
    # are left out. Files that cannot be read at all are skipped.
    assert sorted(invalid.contacts) == [
        "impossible-outreach-date",
        "key-typos",
        "maria-lopez",
        "missing-name",
        "unknown-enums",
        "wrong-types",
    ]
    assert invalid.contacts["maria-lopez"].name == "María López"
    assert invalid.contacts["missing-name"].name == "missing-name"  # the slug stands in
    wrong = invalid.contacts["wrong-types"]
    # An unclear `private` fails closed: the contact stays out of public builds.
    assert (wrong.company, wrong.private, wrong.tags) == (None, True, ())
    enums = invalid.contacts["unknown-enums"]
    assert (enums.status, enums.keep_in_touch, enums.outreach) == ("active", None, ())
    [kept] = invalid.contacts["impossible-outreach-date"].outreach
    assert (kept.date, kept.event, kept.line) == (date(2026, 2, 28), "sent", 4)
    # The typo'd keys are kept as the user's own keys.
    assert invalid.contacts["key-typos"].extra == {
        "keep_in_tuch": "monthly",
        "refered_by": "maria-lopez",
    }
    # A note with a bad duration still counts; notes without a date or contact cannot be placed.
    assert [n.slug for n in invalid.notes] == ["wrong-duration", "unknown-contact"]
    assert invalid.notes[0].duration is None
    assert invalid.notes_with("maria-lopez") == invalid.notes
    # `_draft.md` starts with an underscore: ignored, not counted, not reported.
    assert "_draft" not in invalid.contact_files
    assert len(invalid.contact_files) == 14


def test_alias_bomb_is_refused_quickly() -> None:
    path = INVALID / "contacts" / "alias-bomb.md"
    started = time.perf_counter()
    contact, problems = read_contact(path, "contacts/alias-bomb.md")
    assert time.perf_counter() - started < 1.0
    assert contact is None
    assert problems == INVALID_CASES["contacts/alias-bomb.md"]


def test_a_few_aliases_are_fine(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/a.md": "---\nname: A\ntags: &t [x, y]\nshared: *t\n---\n",
        }
    )
    journal = read_journal(root)
    assert journal.problems == ()
    assert journal.contacts["a"].tags == ("x", "y")
    assert journal.contacts["a"].extra == {"shared": ["x", "y"]}


# -- valid edge cases ------------------------------------------------------------------------


def test_valid_journal_has_no_problems(valid: Journal) -> None:
    assert valid.problems == ()
    assert sorted(valid.contact_files) == ["ana-lucia-nunez", "kwame-asante", "zoe-brandt"]


def test_bom_file_reads_like_any_other(valid: Journal) -> None:
    assert (VALID / "contacts/ana-lucia-nunez.md").read_bytes().startswith(b"\xef\xbb\xbf---")
    ana = valid.contacts["ana-lucia-nunez"]
    assert ana.name == "Ana Lucía Núñez"
    assert ana.path == "contacts/ana-lucia-nunez.md"
    assert ana.lines["name"] == 2
    assert ana.tags == ("libraries", "bilingual")
    assert ana.referred_by == "Professor Dana Whitfield"
    assert ana.body == "\nSaved with a byte-order mark, as some Windows editors do.\n"
    assert ana.body_line == 21


def test_outreach_is_sorted_by_date_and_keeps_file_lines(valid: Journal) -> None:
    events = valid.contacts["ana-lucia-nunez"].outreach
    assert [(e.date, e.event, e.channel, e.meeting, e.line) for e in events] == [
        (date(2026, 9, 15), "sent", "email", None, 17),
        (date(2026, 9, 23), "scheduled", "phone", date(2026, 10, 8), 13),
    ]


def test_unknown_keys_are_kept_in_extra_without_a_problem(valid: Journal) -> None:
    assert valid.contacts["ana-lucia-nunez"].extra == {
        "met_at": {"event": "Maryland Library Association", "year": 2025},
        "pronouns": "she/her",
    }
    [branch_visit] = [n for n in valid.notes if n.slug == "2026-10-08-branch-visit"]
    assert branch_visit.extra == {"mood": "hopeful"}


def test_crlf_file_has_no_carriage_returns_and_right_lines(valid: Journal) -> None:
    assert b"\r\n" in (VALID / "contacts/zoe-brandt.md").read_bytes()
    zoe = valid.contacts["zoe-brandt"]
    assert zoe.name == "Zoë Brandt"
    assert zoe.company == "Chesapeake Children's Therapy"
    assert (zoe.keep_in_touch, zoe.private, zoe.status) == (60, True, "active")
    assert zoe.referred_by == "ana-lucia-nunez"
    assert zoe.lines == {
        "name": 2,
        "company": 3,
        "role": 4,
        "field": 5,
        "keep_in_touch": 6,
        "private": 7,
        "referred_by": 8,
    }
    assert zoe.body == "\nWritten on Windows: every line ends in CRLF.\n"
    [note] = [n for n in valid.notes if n.slug == "2026-09-01-zoe-brandt"]
    assert [(s.key, s.line, s.text) for s in note.sections] == [
        ("how-started", 7, "A summer job at a camp."),
        ("next-steps", 11, "Shadow a school SLP."),
    ]
    assert "\r" not in note.body


def test_contact_defaults(valid: Journal) -> None:
    kwame = valid.contacts["kwame-asante"]
    assert (kwame.status, kwame.keep_in_touch, kwame.private) == ("paused", "yearly", False)
    assert (kwame.tags, kwame.outreach, kwame.extra, kwame.body) == ((), (), {}, "")


def test_group_note_with_a_time_zone(valid: Journal) -> None:
    [note] = [n for n in valid.notes if n.slug == "2026-10-08-branch-visit"]
    assert note.contacts == ("ana-lucia-nunez", "kwame-asante")
    assert note.date == datetime(2026, 10, 8, 14, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert note.day == date(2026, 10, 8)  # the day in the note's own time zone
    assert (note.format, note.duration, note.thank_you) == ("in-person", 45, date(2026, 10, 9))
    assert [(r.slug, r.name, r.company, r.line) for r in note.referrals] == [
        ("zoe-brandt", None, None, 8),
        (None, "Lena Okafor", "Baltimore City Public Schools", 9),
    ]
    assert [(f.task, f.due, f.done, f.done_on, f.line) for f in note.follow_ups] == [
        ("Compare three online MLIS programs", date(2026, 11, 15), False, None, 12),
        ("Send Kwame the makerspace article", None, True, date(2026, 10, 10), 15),
    ]
    assert note.facts == {"degree_required": "masters", "hours_per_week": 40, "union": True}


def test_sections_keys_lines_and_fenced_code(valid: Journal) -> None:
    [note] = [n for n in valid.notes if n.slug == "2026-10-08-branch-visit"]
    assert note.body_line == 23
    assert [(s.key, s.heading, s.line, s.explicit) for s in note.sections] == [
        ("typical-week", "Typical day", 26, False),  # an alias in the question bank
        ("overtime", "Night shifts and overtime", 30, True),  # `{#overtime}`
        ("our-own-question-whats-next", "Our own question: what's next?", 38, False),
    ]
    # The `## ` line inside the fence belongs to the section before it.
    assert note.sections[1].text == (
        "One evening and one Saturday a month.\n\n```markdown\n"
        "## This is not a heading: it is inside a fenced code block\n```"
    )
    assert note.sections[2].text == "Nothing yet."


def test_notes_sorted_by_day_and_indexed_by_contact(valid: Journal) -> None:
    assert [n.slug for n in valid.notes] == [
        "2026-09-01-zoe-brandt",
        "2026-10-08-branch-visit",
        "2026-11-02-zoe-brandt",
    ]
    assert list(valid.contacts) == ["ana-lucia-nunez", "kwame-asante", "zoe-brandt"]
    assert [n.slug for n in valid.notes_with("zoe-brandt")] == [
        "2026-09-01-zoe-brandt",
        "2026-11-02-zoe-brandt",
    ]
    assert [n.slug for n in valid.notes_with("kwame-asante")] == ["2026-10-08-branch-visit"]
    assert valid.notes_with("ana-lucia-nunez") == valid.notes_with("kwame-asante")
    assert valid.notes_with("nobody") == ()


def test_models_are_immutable(valid: Journal) -> None:
    with pytest.raises(AttributeError):
        valid.contacts["kwame-asante"].name = "Someone else"  # type: ignore[misc]


# -- smaller cases, one journal each -----------------------------------------------------------


def problems_of(make_journal: MakeJournal, files: dict[str, str | bytes]) -> list[str]:
    return [p.as_text() for p in read_journal(make_journal(files)).problems]


CONTACT_A = {"contacts/a.md": "---\nname: A\n---\n"}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"contacts/b.md": '---\nname: ""\n---\n'},
            ["contacts/b.md:2: error: `name` is empty: every contact needs the person's full name"],
        ),
        (
            {"notes/n.md": "---\ncontact: []\ndate: 2026-01-02\n---\n"},
            [
                "notes/n.md:2: error: `contact` is empty: "
                "every note needs the slug of the person you talked to"
            ],
        ),
        (
            {"notes/n.md": '---\ncontact: ["", " "]\ndate: 2026-01-02\n---\n'},
            [
                "notes/n.md:2: error: `contact` is empty: "
                "every note needs the slug of the person you talked to"
            ],
        ),
        (
            {"notes/n.md": "---\ncontact: a\ndate:\n---\n"},
            ["notes/n.md:3: error: `date` is empty: every note needs the date of the conversation"],
        ),
        (
            {"contacts/b.md": "---\nname: B\noutreach:\n  - date:\n    event: sent\n---\n"},
            ["contacts/b.md:4: error: this `outreach` entry has no `date`"],
        ),
        (
            {"contacts/b.md": "---\nname: B\nname: Bea\n---\n"},
            ["contacts/b.md:3: warning: `name` is written twice; only this last one counts"],
        ),
        (
            {"contacts/b.md": "---\nname: B\nlinkedin: linkedin.com/in/b\n---\n"},
            ["contacts/b.md:3: warning: `linkedin` should be a web address starting with https://"],
        ),
        (
            {"contacts/b.md": "---\nname: B\nreferred_by: jo-smith\n---\n"},
            [
                "contacts/b.md:3: warning: `referred_by` is “jo-smith”, which looks like a "
                "contact's file name, but there is no contacts/jo-smith.md; write the person's "
                "full name if they have no file"
            ],
        ),
        (
            {"notes/n.md": "---\ncontact: a\ndate: 2026-01-02\nreferrals: [jo-smith]\n---\n"},
            [
                "notes/n.md:4: warning: referral “jo-smith” looks like a contact's file name, "
                "but there is no contacts/jo-smith.md; it is shown as a lead"
            ],
        ),
        (
            {"notes/n.md": "---\ncontact: a\ndate: 2026-01-02\nduration: -5\n---\n"},
            ["notes/n.md:4: error: `duration` should be a whole number of minutes, like 30"],
        ),
        (
            {"notes/n.md": "---\ncontact: a\ndate: 2026-01-02\nname: A\n---\n"},
            [
                "notes/n.md:4: warning: `name` does not belong in this kind of file; it is kept as is"
            ],
        ),
        (
            {
                "notes/n.md": "---\ncontact: a\ndate: 2026-01-02\n"
                "follow_ups:\n  - task: Write\n    due: soon\n    done: maybe\n---\n"
            },
            [
                f"notes/n.md:6: error: `due` {DATE_FORMAT}, not “soon”",
                "notes/n.md:7: error: `done` should be true, false or the date it was done, "
                "not “maybe”",
            ],
        ),
        (
            {"notes/n.md": "---\ncontact: a\ndate: 2026-01-02\nfacts: {pay: [1, 2]}\n---\n"},
            ["notes/n.md:4: error: fact `pay` should be a single value, not a list"],
        ),
        (
            {"contacts/b.md": "---\nname: B\n\tcompany: Acme\n---\n"},
            ["contacts/b.md:3: error: a tab is not allowed for indenting YAML; use spaces"],
        ),
        (
            {"contacts/b.md": "\ufeff---\r\nname: B\r\nrole: a: b\r\n---\r\n"},
            [
                "contacts/b.md:3: error: the front matter is not valid YAML: mapping values "
                "are not allowed in this context (put quotes around a value that contains a "
                "colon)"
            ],
        ),
        (
            {"contacts/b.md": "---\nname: B\n---\n", "notes/.hidden.md": "", "notes/_x/n.md": ""},
            [],
        ),
    ],
)
def test_small_cases(
    make_journal: MakeJournal, files: dict[str, str | bytes], expected: list[str]
) -> None:
    assert problems_of(make_journal, {**CONTACT_A, **files}) == expected


def test_keys_that_look_alike_once_read_keep_their_own_values(make_journal: MakeJournal) -> None:
    # YAML reads `1` as 1 and `yes` as True, and True == 1 in Python: still two different keys.
    root = make_journal({"contacts/b.md": "---\nname: B\n1: one\nyes: two\n1.0: three\n---\n"})
    journal = read_journal(root)
    assert journal.problems == ()
    assert journal.contacts["b"].extra == {"1": "one", "1.0": "three", "yes": "two"}


def test_parse_cache_rereads_only_changed_files(make_journal: MakeJournal) -> None:
    root = make_journal(CONTACT_A)
    cache = ParseCache()
    first = read_journal(root, cache=cache)
    again = read_journal(root, cache=cache)
    assert again.contacts["a"] is first.contacts["a"]
    (root / "contacts/a.md").write_text("---\nname: Alma Alvarez\n---\n", encoding="utf-8")
    assert read_journal(root, cache=cache).contacts["a"].name == "Alma Alvarez"


def test_front_matter_block_splitting() -> None:
    assert yamlsource.split("---\na: 1\n---\nbody\n") == ("a: 1\n", "body\n", 4)
    assert yamlsource.split("--- \na: 1\n...\n") == ("a: 1\n", "", 4)
    assert yamlsource.split("---\n---") == ("", "", 2)
    with pytest.raises(yamlsource.FrontMatterError):
        yamlsource.split("---")


# -- cross-check with python-frontmatter --------------------------------------------------------

EXAMPLE_FILES = [
    path.relative_to(REPO).as_posix()
    for folder in ("contacts", "notes")
    for path in journal_files(REPO, folder)
]


def test_example_journal_is_not_empty() -> None:
    assert len(EXAMPLE_FILES) >= 14


@pytest.mark.parametrize("rel", EXAMPLE_FILES)
def test_reader_agrees_with_python_frontmatter(rel: str) -> None:
    text = (REPO / rel).read_text(encoding="utf-8-sig")
    ours = yamlsource.load(text.replace("\r\n", "\n"))
    theirs = frontmatter.loads(text)
    assert ours.body.strip() == theirs.content.strip()
    assert ours.data == theirs.metadata
    known = CONTACT_KEYS if rel.startswith("contacts/") else NOTE_KEYS
    assert {k: v for k, v in ours.data.items() if k in known} == {
        k: v for k, v in theirs.metadata.items() if k in known
    }


def test_example_journal_models_match_python_frontmatter() -> None:
    journal = read_journal(REPO)
    assert journal.problems == ()
    for contact in journal.contacts.values():
        post = frontmatter.load(REPO / contact.path)
        assert contact.name == post["name"]
        assert contact.body.strip() == post.content.strip()
    for note in journal.notes:
        post = frontmatter.load(REPO / note.path)
        named = post["contact"]
        assert list(note.contacts) == (named if isinstance(named, list) else [named])
        assert note.date == post["date"]
        assert note.body.strip() == post.content.strip()


def test_example_journal_sections_are_shared() -> None:
    # Comparison pages need the same key in different notes: most notes answer common questions.
    journal = read_journal(REPO)
    counts: dict[str, int] = {}
    for note in journal.notes:
        for key in {s.key for s in note.sections}:
            counts[key] = counts.get(key, 0) + 1
    assert sum(1 for n in counts.values() if n >= 3) >= 5


def test_paths_are_posix_and_relative(valid: Journal) -> None:
    for contact in valid.contacts.values():
        assert contact.path == f"contacts/{contact.slug}.md"
    for note in valid.notes:
        assert note.path == f"notes/{note.slug}.md"
        assert Path(note.path).parts[0] == "notes"


@pytest.mark.parametrize("root", [".", "./", "journal", "journal/"])
def test_problem_paths_are_inside_the_journal_whatever_the_root_looks_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: str
) -> None:
    journal = tmp_path / "journal"
    (journal / "contacts").mkdir(parents=True)
    (journal / "contacts" / "bad.md").write_text("---\nname: [x\n---\n", encoding="utf-8")
    monkeypatch.chdir(journal if root.startswith(".") else tmp_path)
    problems = read_journal(Path(root)).problems
    assert [p.file for p in problems] == ["contacts/bad.md"]
