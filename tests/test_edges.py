"""Input at the edges (issue 9: items 6, 11, 14 and the small ones): dates and numbers at the ends of
their types, broken letter templates, a LinkedIn CSV with a stray quote, comma-separated tags, a
name where a slug is expected, tabs in front matter. Through the command line and real MkDocs
builds; and across hostile journals, `check` never says "No problems" about one that `due` or
`build` then fails on."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from coffeechat.dates import MAX_DAYS, add_business_days, add_days, add_months, next_day
from coffeechat.derive.referrals import referrals_of
from coffeechat.read.journal import read_journal
from conftest import MakeJournal, Run
from icalendar import Calendar
from site_fixtures import build

TODAY = "2026-11-21"  # site_fixtures.build uses the same day
MKDOCS = (
    "site_name: Edges\ndocs_dir: pages\ntheme:\n  name: material\n  font: false\n"
    "plugins:\n  - coffeechat{options}\n"
)
ANA = "---\nname: Ana Lucía Núñez\ncompany: Enoch Pratt Free Library\n{extra}---\n"
KWAME = "---\nname: Kwame Asante\n---\n"


def journal_with(make_journal: MakeJournal, files: dict[str, str], options: str = "") -> Path:
    """A journal with a minimal hand-written mkdocs.yml, plus the files given."""
    mkdocs = MKDOCS.format(options=":\n" + options if options else "")
    root = make_journal({"mkdocs.yml": mkdocs, "pages/.keep": "", **files})
    return root


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def events(site: Path) -> list:
    return list(Calendar.from_ical((site / "follow-ups.ics").read_bytes()).walk("VEVENT"))


# -- item 6: date arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 21), 7, date(2026, 11, 28)),
        (date(9999, 12, 31), 1, date.max),
        (date(9999, 12, 1), 10**12, date.max),
        (date(1, 1, 2), -5, date.min),
        (date(2026, 1, 1), -(10**12), date.min),
    ],
)
def test_add_days_saturates_at_the_ends_of_the_calendar(
    start: date, days: int, expected: date
) -> None:
    assert add_days(start, days) == expected


def test_add_business_days_matches_counting_day_by_day_and_saturates() -> None:
    def slow(day: date, count: int) -> date:
        while count > 0:
            day = add_days(day, 1)
            count -= day.weekday() < 5
        return day

    for offset in range(14):  # every weekday, weekends included, as a start
        start = date(2026, 11, 2 + offset)
        for count in range(0, 40):
            assert add_business_days(start, count) == slow(start, count), (start, count)
    assert add_business_days(date(9999, 12, 30), 3) == date.max
    assert add_business_days(date(2026, 1, 1), 10**15) == date.max  # at once, not in a loop


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(9999, 6, 1), 12, date.max),
        (date(9999, 12, 31), 1, date.max),
        (date(1, 3, 1), -5, date.min),
    ],
)
def test_add_months_saturates(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_next_day_stops_at_the_last_day() -> None:
    assert next_day(date(2026, 12, 31)) == date(2027, 1, 1)
    assert next_day(date.max) is None


FAR_JOURNALS = {
    "task due on the last day": {
        "contacts/ana.md": ANA.format(extra=""),
        "notes/2026-11-01-ana.md": (
            "---\ncontact: ana\ndate: 2026-11-01\nthank_you: 2026-11-02\nfollow_ups:\n"
            "  - task: Send the portfolio\n    due: 9999-12-31\n"
            "  - task: Ancient task\n    due: 0001-01-01\n---\n"
        ),
    },
    "request sent on the last day": {
        "contacts/ana.md": ANA.format(
            extra="outreach:\n  - date: 9999-12-31\n    event: sent\n    channel: email\n"
        ),
    },
    "two requests at the end, move-on": {
        "contacts/ana.md": ANA.format(
            extra="outreach:\n  - date: 9999-12-30\n    event: sent\n"
            "  - date: 9999-12-31\n    event: sent\n"
        ),
    },
    "meeting on the last day": {
        "contacts/ana.md": ANA.format(
            extra="outreach:\n  - date: 9999-12-31\n    event: scheduled\n"
            "    meeting: 9999-12-31T23:59:00\n"
        ),
    },
    "conversation on the last day, yearly": {
        "contacts/ana.md": ANA.format(extra=f"keep_in_touch: {MAX_DAYS}\n"),
        "contacts/kwame.md": "---\nname: Kwame Asante\nkeep_in_touch: yearly\n---\n",
        "notes/9999-12-31-ana.md": "---\ncontact: [ana, kwame]\ndate: 9999-12-31\n---\n",
    },
    "everything on the first day": {
        "contacts/ana.md": ANA.format(
            extra="keep_in_touch: monthly\noutreach:\n  - date: 0001-01-01\n    event: sent\n"
            "  - date: 0001-01-01\n    event: scheduled\n    meeting: 0001-01-01\n"
        ),
        "notes/0001-01-01-ana.md": "---\ncontact: ana\ndate: 0001-01-01\n---\n",
    },
}


@pytest.mark.parametrize("case", FAR_JOURNALS)
def test_far_dates_work_in_due_check_and_build(
    make_journal: MakeJournal, run: Run, case: str, tmp_path: Path
) -> None:
    root = journal_with(make_journal, FAR_JOURNALS[case])
    checked = run("check", journal=root)
    no_traceback(checked)
    assert checked.exit_code == 0, checked.output
    due = run("due", "--today", TODAY, journal=root)
    no_traceback(due)
    assert due.exit_code == 0, due.output
    as_json = run("due", "--today", TODAY, "--format", "json", journal=root)
    assert as_json.exit_code == 0
    built = build(root, tmp_path / "site")
    no_traceback(built)
    assert built.exit_code == 0, built.output
    for event in events(tmp_path / "site"):
        start = event.decoded("dtstart")
        if "DTEND" in event:
            assert event.decoded("dtend") > start
        else:  # only an event on the last day may go without an end
            assert start == date.max
    if "9999" in str(FAR_JOURNALS[case]):
        assert "9999" in due.output or case == "conversation on the last day, yearly"


def test_last_day_events_are_in_the_calendar_without_dtend(
    make_journal: MakeJournal, tmp_path: Path
) -> None:
    root = journal_with(make_journal, FAR_JOURNALS["task due on the last day"])
    assert build(root, tmp_path / "site").exit_code == 0
    found = {str(e.get("summary")): e for e in events(tmp_path / "site")}
    last = next(e for summary, e in found.items() if "Send the portfolio" in summary)
    assert last.decoded("dtstart") == date.max
    assert "DTEND" not in last
    first = next(e for summary, e in found.items() if "Ancient task" in summary)
    assert first.decoded("dtend") == date(1, 1, 2)


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ("      nudge_days: 99999999999\n", "nudge_days"),
        ("      nudge_days: 3B99999999\n", "nudge_days"),
        ("      keep_in_touch: 999999999\n", "keep_in_touch"),
        ("      thank_you_days: 36501\n", "thank_you_days"),
        ("      prepare_days: 99999999999999999999999\n", "prepare_days"),
    ],
)
def test_out_of_range_options_are_refused_naming_mkdocs_yml_and_the_option(
    make_journal: MakeJournal, run: Run, tmp_path: Path, options: str, option: str
) -> None:
    files = {
        "contacts/ana.md": ANA.format(extra="outreach:\n  - date: 2026-11-01\n    event: sent\n"),
        "notes/2026-11-02-ana.md": "---\ncontact: ana\ndate: 2026-11-02\n---\n",
    }
    root = journal_with(make_journal, files, options)
    checked = run("check", journal=root)
    assert checked.exit_code == 1
    assert f"mkdocs.yml: error: coffeechat option `{option}`" in checked.output
    for result in (run("due", "--today", TODAY, journal=root), build(root, tmp_path / "site")):
        no_traceback(result)
        assert result.exit_code == 1
        assert "mkdocs.yml" in result.output and f"`{option}`" in result.output
        assert "OverflowError" not in result.output
    assert not (tmp_path / "site").exists()


def test_plain_mkdocs_build_refuses_an_out_of_range_option(
    make_journal: MakeJournal, tmp_path: Path
) -> None:
    root = journal_with(make_journal, {}, "      nudge_days: 99999999999\n")
    env = {**os.environ, "COFFEECHAT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "nudge_days" in done.stderr and "at most 36500" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("999999999", "`keep_in_touch` is 999999999 days; it can be at most 36500"),
        ("36501", "`keep_in_touch` is 36501 days; it can be at most 36500"),
        ("0", "`keep_in_touch` is “0”"),
    ],
)
def test_contact_keep_in_touch_out_of_range_is_reported_with_file_and_line(
    make_journal: MakeJournal, run: Run, tmp_path: Path, value: str, message: str
) -> None:
    files = {
        "contacts/ana.md": ANA.format(extra=f"keep_in_touch: {value}\n"),
        "notes/2026-11-02-ana.md": "---\ncontact: ana\ndate: 2026-11-02\n---\n",
    }
    root = journal_with(make_journal, files)
    checked = run("check", journal=root)
    assert checked.exit_code == 1
    assert f"contacts/ana.md:4: error: {message}" in checked.output
    due = run("due", "--today", "9999-12-31", journal=root)
    no_traceback(due)
    assert due.exit_code == 0


# -- item 11: the user's letter templates ---------------------------------------------------------

BROKEN_TEMPLATES = [
    ("Dear {{ contact.name }},\n\n{{ 1/0 }}\n", 3, "division by zero"),
    ("Hello\n{{ contact.nothing.deeper }}", 2, "has no attribute 'nothing'"),
    ('{% include "signature.txt" %}', 1, "cannot include, import or extend"),
    ("Hi {{ contact.name\n", 1, "expected 'end of print statement'"),
    ("{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}", 1, "recursion"),
    ("{{ contact.name.__class__ }}", 1, "unsafe"),
]


@pytest.mark.parametrize(("template", "line", "message"), BROKEN_TEMPLATES)
def test_a_failing_letter_template_warns_with_file_and_line_and_the_build_goes_on(
    make_journal: MakeJournal, run: Run, tmp_path: Path, template: str, line: int, message: str
) -> None:
    files = {
        "contacts/ana.md": ANA.format(extra="email: ana@example.org\n"),
        "letters/request.md.j2": template,
    }
    root = journal_with(make_journal, files)
    built = build(root, tmp_path / "site")
    no_traceback(built)
    assert built.exit_code == 0, built.output
    assert f"letters/request.md.j2:{line}: warning:" in built.output
    assert message in built.output
    assert "built-in template is used instead" in built.output
    page = (tmp_path / "site" / "contacts" / "ana" / "index.html").read_text(encoding="utf-8")
    assert "Dear Ana" in page  # the built-in request draft
    checked = run("check", journal=root)
    assert f"letters/request.md.j2:{line}: warning:" in checked.output


def test_a_template_failing_for_one_contact_only_falls_back_for_that_contact(
    make_journal: MakeJournal, tmp_path: Path
) -> None:
    files = {
        "contacts/ana.md": ANA.format(extra=""),
        "contacts/bo.md": "---\nname: Bo Li\ncompany: ACME\n---\n",
        # ACME has four letters: 4 // (4 - 4) fails for Bo only (the trial contact's is Sample Co)
        "letters/request.md.j2": "Hi {{ contact.name }}, {{ 8 // (contact.company|length - 4) }}",
    }
    root = journal_with(make_journal, files)
    built = build(root, tmp_path / "site")
    assert built.exit_code == 0, built.output
    bo = (tmp_path / "site" / "contacts" / "bo" / "index.html").read_text(encoding="utf-8")
    ana = (tmp_path / "site" / "contacts" / "ana" / "index.html").read_text(encoding="utf-8")
    assert "letters/request.md.j2, line 1, failed here" in bo
    assert "letters/request.md.j2:1: warning: fails for bo (integer division" in built.output
    assert "fails for ana" not in built.output
    assert "Hi Ana Lucía Núñez, 0" in ana


# -- item 14: a LinkedIn CSV with a stray quote --------------------------------------------------

HEADER = (
    'Notes:\n"When exporting your connection data,\nsome e-mails are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def _row(first: str, last: str, position: str = "Librarian") -> str:
    return (
        f"{first},{last},https://www.linkedin.com/in/{first.lower()},,ACME,{position},01 Jan 2026\n"
    )


@pytest.mark.parametrize(
    ("rows", "created", "skipped"),
    [
        # A quote opening the last name, never closed: it would swallow every row after it.
        (
            [_row("Ana", "Nunez"), _row("Bo", '"Li'), _row("Cy", "Ng"), _row("Di", "Ok")],
            ["ana-nunez", "cy-ng", "di-ok"],
            {7: "runs on into lines 8–9"},
        ),
        # The stray quote closes on a later row's properly quoted field.
        (
            [_row("Bo", '"Li'), _row("Cy", "Ng", '"Dev, senior"'), _row("Di", "Ok")],
            ["cy-ng", "di-ok"],
            {6: "runs on into line 7"},
        ),
        # On the last row, with nothing left to swallow.
        ([_row("Ana", "Nunez"), _row("Bo", '"Li')], ["ana-nunez"], {7: "never closed"}),
        # A legitimate field over two lines is kept, and the row after a bad one is read.
        (
            [_row("Ana", "Nunez", '"Branch\nmanager"'), "Bo,Li,too,few\n", _row("Cy", "Ng")],
            ["ana-nunez", "cy-ng"],
            {8: "4 fields instead of 7"},
        ),
    ],
)
def test_a_stray_quote_names_its_line_and_the_other_rows_are_imported(
    run: Run, tmp_path: Path, rows: list[str], created: list[str], skipped: dict[int, str]
) -> None:
    root = tmp_path / "journal"
    assert run("init", str(root)).exit_code == 0
    before = {p.stem for p in (root / "contacts").glob("*.md")}
    csv = tmp_path / "Connections.csv"
    csv.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = run("import", "linkedin", str(csv), journal=root)
    no_traceback(result)
    made = sorted({p.stem for p in (root / "contacts").glob("*.md")} - before)
    assert made == created
    for line, reason in skipped.items():
        assert any(
            text.startswith(f"Connections.csv:{line}: skipped:") and reason in text
            for text in result.output.splitlines()
        ), result.output
    assert result.output.splitlines()[-1].endswith(
        f"{len(skipped)} malformed row" + ("s" if len(skipped) > 1 else "")
    )


# -- Also: tags, names for slugs, tabs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "tags"),
    [
        ("tags: libraries, bilingual", ("libraries", "bilingual")),
        ("tags: [libraries, bilingual]", ("libraries", "bilingual")),
        ('tags:\n  - "libraries, bilingual"\n  - teens', ("libraries", "bilingual", "teens")),
        ("tags: libraries,, libraries ,", ("libraries",)),
        ("tags: one", ("one",)),
    ],
)
def test_commas_separate_tags(make_journal: MakeJournal, written: str, tags: tuple) -> None:
    root = make_journal({"contacts/ana.md": ANA.format(extra=written + "\n")})
    journal = read_journal(root)
    assert journal.contacts["ana"].tags == tags
    assert journal.problems == ()


PEOPLE = {
    "contacts/ana-lucia-nunez.md": "---\nname: Ana Lucía Núñez\n---\n",
    "contacts/kwame-asante.md": KWAME,
    "contacts/ana-berg.md": "---\nname: Ana Berg\n---\n",
}


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("Ana Lucía Núñez", "ana-lucia-nunez"),
        ("ana lucia nunez", "ana-lucia-nunez"),
        ("ANA-LUCIA-NUNEZ", "ana-lucia-nunez"),
        ("Kwame", "kwame-asante"),
        ("Asante", "kwame-asante"),
        ("kwame-asnate", "kwame-asante"),
    ],
)
def test_a_name_where_a_slug_is_expected_gets_the_slug_suggested(
    make_journal: MakeJournal, run: Run, given: str, meant: str
) -> None:
    root = make_journal(dict(PEOPLE))
    hint = f"did you mean “{meant}”?"
    for args in (("new", "note", given), ("log", given, "sent")):
        result = run(*args, journal=root)
        no_traceback(result)
        assert result.exit_code != 0
        assert hint in result.output, result.output
    assert hint in run("due", "--contact", given, journal=root).output
    (root / "notes" / "2026-11-01-x.md").write_text(
        f"---\ncontact: {given}\ndate: 2026-11-01\n---\n", encoding="utf-8"
    )
    checked = run("check", journal=root)
    assert (
        f"notes/2026-11-01-x.md:2: error: this note names the contact “{given}”" in checked.output
    )
    assert hint in checked.output
    assert len(list((root / "notes").iterdir())) == 1  # nothing was created


def test_a_first_name_two_people_share_gets_no_name_hint(
    make_journal: MakeJournal, run: Run
) -> None:
    root = make_journal(dict(PEOPLE))
    result = run("log", "Ana", "sent", journal=root)
    assert result.exit_code != 0
    assert "did you mean" not in result.output


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nname: Ana\n\tcompany: ACME\n---\n", 3),
        ("---\nname: Ana\noutreach:\n\t- date: 2026-11-01\n\t  event: sent\n---\n", 4),
        ("---\nname: Ana\ntags:\n  - a\n\t- b\n---\n", 5),
        ("---\nname: Ana\nfacts:\n  pay: 1\n\thours: 40\n---\n", 5),
    ],
)
def test_a_tab_in_front_matter_is_named(
    make_journal: MakeJournal, run: Run, text: str, line: int
) -> None:
    root = make_journal({"contacts/ana.md": text})
    checked = run("check", journal=root)
    assert checked.exit_code == 1
    expected = f"contacts/ana.md:{line}: error: a tab is not allowed for indenting YAML; use spaces"
    assert expected in checked.output


def test_a_tab_inside_a_value_is_fine(make_journal: MakeJournal) -> None:
    root = make_journal({"contacts/ana.md": "---\nname:\tAna\ncompany: ACME\t\n---\n"})
    assert read_journal(root).problems == ()


# -- the invariant: check's "No problems" means due and build work -------------------------------

HOSTILE = {
    **FAR_JOURNALS,
    "time zones": {
        "contacts/ana.md": ANA.format(
            extra="outreach:\n  - date: 2026-11-01\n    event: scheduled\n"
            "    meeting: 2026-12-01T10:00:00+05:00\n"
        ),
        "notes/a.md": "---\ncontact: ana\ndate: 2026-01-01T10:00:00+05:00\n---\n",
        "notes/b.md": "---\ncontact: ana\ndate: 2026-01-01T10:00:00\n---\n",
        "notes/c.md": "---\ncontact: ana\ndate: 2026-01-01\n---\n",
    },
    "numbers at the edges": {
        "contacts/ana.md": ANA.format(extra=""),
        "notes/a.md": (
            "---\ncontact: ana\ndate: 2026-01-01\nduration: 99999999999999999999999\nfacts:\n"
            "  pay: 1e400\n  hours: .nan\n  big: 99999999999999999999999999999999999\n---\n"
            "## Typical week\nx\n"
        ),
        "notes/b.md": (
            "---\ncontact: ana\ndate: 2026-01-02\nfacts:\n  pay: -.inf\n  hours: 40\n"
            "  big: 1.5e308\n---\n## Typical week\ny\n"
        ),
    },
    "digits beyond str()": {
        "contacts/ana.md": ANA.format(extra="phone: " + "9" * 5000 + "\n"),
        "notes/a.md": "---\ncontact: ana\ndate: 2026-01-01\nduration: " + "9" * 5000 + "\n---\n",
    },
    "year 10000": {
        "contacts/ana.md": ANA.format(extra="outreach:\n  - date: 10000-01-01\n    event: sent\n"),
        "notes/a.md": "---\ncontact: ana\ndate: 10000-01-01\n---\n",
    },
    "broken letters": {
        "contacts/ana.md": ANA.format(extra="email: ana@example.org\n"),
        "notes/2026-11-01-ana.md": "---\ncontact: ana\ndate: 2026-11-01\n---\n",
        "letters/request.md.j2": "{{ 1/0 }}",
        "letters/thank-you.md.j2": "{{ range(10**9) | list | length }}",
    },
    "tags and tabs": {
        "contacts/ana.md": ANA.format(extra="tags: a, , b,\t c\n"),
        "contacts/bo.md": "---\nname: Bo\n\tcompany: x\n---\n",
        "notes/a.md": "---\ncontact: Ana Lucía Núñez\ndate: 2026-01-01\n---\n",
    },
}


@pytest.mark.parametrize("case", HOSTILE)
def test_check_never_passes_a_journal_that_due_or_build_fails_on(
    make_journal: MakeJournal, run: Run, tmp_path: Path, case: str
) -> None:
    root = journal_with(make_journal, HOSTILE[case])
    checked = run("check", journal=root)
    due = run("due", "--today", TODAY, journal=root)
    built = build(root, tmp_path / "site")
    for result in (checked, due, built):
        no_traceback(result)
    assert checked.exit_code in (0, 1)
    if checked.exit_code == 0:
        assert due.exit_code == 0, due.output
        assert built.exit_code == 0, built.output


def test_a_contacts_name_written_as_a_referral_or_referred_by_links_them(
    make_journal: MakeJournal, run: Run
) -> None:
    root = make_journal(
        {
            "contacts/kwame.md": KWAME,
            "contacts/ana-lucia-nunez.md": "---\nname: Ana Lucía Núñez\n---\n",
            "contacts/bo.md": "---\nname: Bo Li\nreferred_by: ana lucía núñez\n---\n",
            "contacts/cy.md": "---\nname: Cy Ng\nreferred_by: Someone Else\n---\n",
            "notes/2026-11-01-bo.md": (
                "---\ncontact: bo\ndate: 2026-11-01\nreferrals:\n  - Kwame Asante\n"
                "  - Ana Lucía Núñez\n  - name: KWAME ASANTE\n  - Someone Else\n---\n"
            ),
        }
    )
    # SPEC §5: a `{name}` or `referred_by` that matches a contact's name is that contact, so
    # check has nothing to say and derive links them.
    result = run("check", journal=root)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    found = referrals_of(read_journal(root))
    assert [p.slug for p in found.led_to["ana-lucia-nunez"]] == ["bo"]
    assert [p.slug for p in found.led_to["bo"]] == ["ana-lucia-nunez", "kwame", None]
    assert found.referrer_name("cy") == "Someone Else"
