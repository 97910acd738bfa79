"""`coffeechat due`: the golden JSON of the example journal, and the text a person reads."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from coffeechat import cli
from coffeechat.cli import main
from coffeechat.model import BUCKETS
from conftest import DATA, REPO, MakeJournal, Run

GOLDEN = DATA / "followups" / "example-due.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_example_journal_matches_the_golden_file(run: Run) -> None:
    result = run("due", "--format", "json", "--today", "2026-11-21", journal=REPO)
    assert result.exit_code == 0
    assert result.stderr == ""  # the example journal has no problems
    assert json.loads(result.stdout) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_json_shape_and_order(run: Run) -> None:
    items = json.loads(run("due", "--format", "json", "--today", "2026-11-21", journal=REPO).stdout)
    assert items
    for item in items:
        assert list(item) == ["kind", "contact", "due", "bucket", "reason", "file", "line"]
        assert item["bucket"] in BUCKETS
        assert item["due"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", item["due"])
    keys = [(i["due"] is None, i["due"] or "", i["contact"]) for i in items]
    assert keys == sorted(keys)


def test_today_from_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-21")
    result = run("due", "--format", "json", journal=REPO)
    assert json.loads(result.stdout) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_text_groups_by_bucket_in_80_columns(run: Run) -> None:
    result = run("due", "--today", "2026-11-21", "--width", "80", journal=REPO)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert not ANSI.search(result.stdout)  # not a terminal: no colour
    titles = [line for line in lines if line and not line.startswith(" ")]
    assert titles == [
        "Overdue (7)",
        "Today (2)",
        "This week (2)",
        "Later (11)",
        "Open tasks without a date (6)",
    ]
    assert all(len(line) <= 80 for line in lines)
    assert lines[1] == (
        "  23 Sep  move-on        Rosalind Park: No reply to your email of 16 Sep — seco…"
    )
    assert "  21 Nov  thank-you   Thank Terrence Oduya for the conversation of 20 Nov" in lines
    assert (
        "  no date  task  Gina Kowalski: Practise TIG on the aluminium scrap she gave me" in lines
    )
    assert (
        "  8 Jan 2027   task           Shawn McAllister: Message Shawn in early January…" in lines
    )


def test_colour_on_a_terminal_but_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--journal", str(REPO), "due", "--today", "2026-11-21"]
    coloured = CliRunner().invoke(main, args, color=True)
    assert "\x1b[31m\x1b[1mOverdue (7)\x1b[0m" in coloured.stdout
    assert ANSI.sub("", coloured.stdout) == CliRunner().invoke(main, args).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(CliRunner().invoke(main, args, color=True).stdout)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--kind", "thank-you"],
            [("thank-you", "luis-ferreira"), ("thank-you", "terrence-oduya")],
        ),
        (["--contact", "rosalind-park"], [("move-on", "rosalind-park")]),
        (["--contact", "helen-markowitz", "--kind", "prepare"], [("prepare", "helen-markowitz")]),
        (["--contact", "owen-brandt"], []),
        (["--kind", "nudge", "--today", "2026-11-01"], [("nudge", "nadia-haddad")]),
    ],
)
def test_filters(run: Run, args: list[str], expected: list[tuple[str, str]]) -> None:
    today = [] if "--today" in args else ["--today", "2026-11-21"]
    result = run("due", "--format", "json", *today, *args, journal=REPO)
    assert result.exit_code == 0
    assert [(i["kind"], i["contact"]) for i in json.loads(result.stdout)] == expected


def test_nothing_due(run: Run, make_journal: MakeJournal) -> None:
    root = make_journal({"contacts/ana.md": "---\nname: Ana\n---\n"})
    result = run("due", "--today", "2026-11-21", journal=root)
    assert (result.exit_code, result.stdout) == (0, "Nothing is due.\n")
    result = run("due", "--format", "json", journal=root)
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = run("due", "--contact", "ana", journal=root)
    assert (result.exit_code, result.stdout) == (0, "Nothing is due.\n")


def test_problems_go_to_stderr_and_exit_0(run: Run, make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/ana.md": "---\nname: Ana\noutreach:\n  - {date: 2026-11-02, event: sent}\n---\n",
            "contacts/bad.md": "---\nname: [Bad\n---\n",
            "notes/n.md": "---\ncontact: nobody\ndate: 2026-11-01\n---\n",
        }
    )
    result = run("due", "--today", "2026-11-21", "--width", "80", journal=root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Overdue (1)\n"
        "  9 Nov  nudge  Ana: No reply to your request of 2 Nov — send a short, friendly…\n"
    )
    problems = result.stderr.splitlines()
    assert len(problems) == 2
    assert problems[0].startswith("contacts/bad.md:3: error: the front matter is not valid YAML")
    assert problems[1].startswith("notes/n.md:2: error: this note names the contact “nobody”")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--contact", "nobody"], 2, "there is no contact “nobody” in contacts/"),
        (["--kind", "thanks"], 2, "'thanks' is not one of 'thank-you', 'nudge', 'move-on',"),
        (["--today", "tomorrow"], 1, "“tomorrow” is not a date; write it as YYYY-MM-DD"),
        (["--format", "xml"], 2, "'xml' is not one of 'text', 'json'"),
    ],
)
def test_usage_errors(run: Run, args: list[str], code: int, message: str) -> None:
    result = run("due", *args, journal=REPO)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_not_a_journal(run: Run, tmp_path: object) -> None:
    result = run("due", journal=REPO / "generator")
    assert result.exit_code == 1
    assert "is not a coffeechat journal" in result.output


ROSALIND = "Rosalind Park: No reply to your email of 16 Sep — seco"


def test_piped_or_width_0_prints_every_reason_in_full(run: Run) -> None:
    piped = run("due", "--today", "2026-11-21", journal=REPO).stdout
    assert "…" not in piped
    assert max(len(line) for line in piped.splitlines()) > 120  # the 3B7 advice, whole
    assert run("due", "--today", "2026-11-21", "--width", "0", journal=REPO).stdout == piped
    full = next(line for line in piped.splitlines() if ROSALIND in line)
    assert full.endswith("or ask Harold Kim for another name")  # the whole advice


def test_width_cuts_lines_at_that_many_columns(run: Run) -> None:
    out = run("due", "--today", "2026-11-21", "--width", "120", journal=REPO).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) == 120
    assert any(line.endswith("…") for line in lines)
    bad = run("due", "--width", "-1", journal=REPO)
    assert bad.exit_code == 2 and "--width" in bad.stderr


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_default_width_is_the_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.sys, "stdout", _Terminal())
    monkeypatch.setenv("COLUMNS", "200")  # what shutil.get_terminal_size reads first
    assert cli._due_width() == 200
    monkeypatch.setenv("COLUMNS", "30")
    assert cli._due_width() == 60  # never so narrow that a reason is a word or two
    monkeypatch.undo()
    assert cli._due_width() == 0  # pytest captures stdout: not a terminal, in full
