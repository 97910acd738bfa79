"""Business days that know public holidays: `holidays: US` in mkdocs.yml makes 3B7 nudges skip
Thanksgiving and New Year's Day; without it, Monday to Friday. Through the arithmetic, the options,
`coffeechat due` and a real MkDocs build."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from coffeechat.dates import Holidays, add_business_days
from coffeechat.model import JournalError
from coffeechat.read.config import validate
from conftest import MakeJournal, Run
from site_fixtures import build, page

US = Holidays("US")


@pytest.mark.parametrize(
    ("start", "count", "plain", "with_us"),
    [
        # Tuesday before Thanksgiving (Thu 2026-11-26): Wed, (Thu), Fri, Mon.
        (date(2026, 11, 24), 3, date(2026, 11, 27), date(2026, 11, 30)),
        (date(2026, 11, 24), 7, date(2026, 12, 3), date(2026, 12, 4)),
        # Sent on Thanksgiving itself: counting starts the next day as usual.
        (date(2026, 11, 26), 1, date(2026, 11, 27), date(2026, 11, 27)),
        # New Year's Day 2027 is a Friday: Wed, Thu, (Fri), Mon.
        (date(2026, 12, 29), 3, date(2027, 1, 1), date(2027, 1, 4)),
        # New Year's Day 2022 was a Saturday, observed on Friday 2021-12-31.
        (date(2021, 12, 29), 2, date(2021, 12, 31), date(2022, 1, 3)),
        # Christmas 2026 (Friday) and New Year: 7 business days from 22 Dec.
        (date(2026, 12, 22), 7, date(2026, 12, 31), date(2027, 1, 4)),
        (date(2026, 12, 22), 0, date(2026, 12, 22), date(2026, 12, 22)),
        # Never past the last date there is.
        (date(9999, 12, 28), 36500, date(9999, 12, 31), date(9999, 12, 31)),
    ],
)
def test_business_days(start: date, count: int, plain: date, with_us: date) -> None:
    assert add_business_days(start, count) == plain
    assert add_business_days(start, count, US) == with_us


def test_subdivision_adds_its_own_days() -> None:
    # California also closes on the day after Thanksgiving.
    assert add_business_days(date(2026, 11, 24), 2, US) == date(2026, 11, 27)
    assert add_business_days(date(2026, 11, 24), 2, Holidays("US", "CA")) == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("US", Holidays("US")),
        ("us", Holidays("US")),
        ("US-CA", Holidays("US", "CA")),
        ("us-ca", Holidays("US", "CA")),
        ({"country": "US", "subdiv": "CA"}, Holidays("US", "CA")),
        ({"country": "GB", "subdiv": "sct"}, Holidays("GB", "SCT")),
        ("DE", Holidays("DE")),
        ("", None),
        (None, None),
    ],
)
def test_option_values(value: object, expected: Holidays | None) -> None:
    assert validate({"holidays": value}).holidays == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("XX", ["mkdocs.yml", "holidays", "no country “XX”", "two-letter ISO code"]),
        ("Germany", ["mkdocs.yml", "no country “Germany”", "for Germany write DE"]),
        ("united states", ["for United States write US"]),
        ("Narnia", ["no country “Narnia”", "such as US, GB or DE"]),
        ("US-ZZ", ["mkdocs.yml", "US has no subdivision “ZZ”", "CA"]),
        ({"country": "US", "state": "CA"}, ["mkdocs.yml", "{country: US, subdiv: CA}"]),
        ({"subdiv": "CA"}, ["mkdocs.yml", "{country: US, subdiv: CA}"]),
        (False, ["mkdocs.yml", '"NO"', "Norway"]),
        (3, ["mkdocs.yml", "holidays", "text or a mapping"]),
    ],
)
def test_bad_option_values(value: object, words: list[str]) -> None:
    with pytest.raises(JournalError) as caught:
        validate({"holidays": value})
    for word in words:
        assert word in str(caught.value)


def journal(make: MakeJournal, holidays: str) -> Path:
    option = f"      holidays: {holidays}\n" if holidays else ""
    return make(
        {
            "mkdocs.yml": (
                "site_name: t\ndocs_dir: pages\nplugins:\n  - coffeechat:\n"
                "      nudge_days: 3B7\n" + option
            ),
            "pages/pitch.md": "# Pitch\n",
            # Sent on the Tuesday before Thanksgiving, and on the Tuesday before New Year.
            "contacts/ada.md": (
                "---\nname: Ada Lovelace\noutreach:\n  - {date: 2026-11-24, event: sent}\n---\n"
            ),
            "contacts/bo.md": (
                "---\nname: Bo Diddley\noutreach:\n  - {date: 2026-12-29, event: sent}\n---\n"
            ),
        }
    )


def due(run: Run, root: Path, today: str) -> dict[str, str]:
    result = run("due", "--format", "json", "--today", today, journal=root)
    assert result.exit_code == 0, result.output
    return {item["contact"]: item["due"] for item in json.loads(result.stdout)}


def test_due_skips_thanksgiving_and_new_year(run: Run, make_journal: MakeJournal) -> None:
    root = journal(make_journal, "US")
    assert due(run, root, "2026-11-25") == {"ada": "2026-11-30", "bo": "2027-01-04"}


def test_due_without_the_option_is_monday_to_friday(run: Run, make_journal: MakeJournal) -> None:
    root = journal(make_journal, "")
    assert due(run, root, "2026-11-25") == {"ada": "2026-11-27", "bo": "2027-01-01"}


def test_due_with_a_subdivision_mapping(run: Run, make_journal: MakeJournal) -> None:
    root = journal(make_journal, "{country: US, subdiv: CA}")
    # 7 business days from 24 Nov in California: 25, 30, 1, 2, 3, 4, 7 Dec.
    assert due(run, root, "2026-12-08")["ada"] == "2026-12-07"


def test_due_with_an_unknown_country_names_mkdocs_yml(run: Run, make_journal: MakeJournal) -> None:
    root = journal(make_journal, "XX")
    result = run("due", "--today", "2026-11-25", journal=root)
    assert result.exit_code != 0
    assert "mkdocs.yml" in result.output and "“XX”" in result.output
    assert "Traceback" not in result.output


def test_build_uses_the_same_holidays(make_journal: MakeJournal, tmp_path: Path) -> None:
    root = journal(make_journal, "US")
    site = tmp_path / "site"
    result = build(root, site)
    assert result.exit_code == 0, result.output
    text = page(site, "follow-ups")
    ics = (site / "follow-ups.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261130" in ics and "DTSTART;VALUE=DATE:20270104" in ics
    assert "DTSTART;VALUE=DATE:20261127" not in ics
    assert "Ada Lovelace" in text


def test_build_with_an_unknown_country_is_a_clear_error(
    make_journal: MakeJournal, tmp_path: Path
) -> None:
    root = journal(make_journal, "US-ZZ")
    result = build(root, tmp_path / "site")
    assert result.exit_code != 0
    assert "mkdocs.yml" in result.output and "“ZZ”" in result.output
    assert "Traceback" not in result.output
