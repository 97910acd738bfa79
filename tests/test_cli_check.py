"""`coffeechat check`: exact text and JSON output, exit codes, and which folder it reads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from coffeechat.read.journal import journal_files, read_journal
from conftest import INVALID, REPO, VALID, MakeJournal, Run

GOLDEN = INVALID / "expected-check.txt"


def test_invalid_journal_text_output_matches_golden_file(run: Run) -> None:
    result = run("check", journal=INVALID)
    if os.environ.get("UPDATE_GOLDEN"):  # UPDATE_GOLDEN=1 pytest ...: after a deliberate change
        GOLDEN.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert result.exit_code == 1
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_golden_file_names_every_bad_file_once_per_problem() -> None:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "24 errors and 2 warnings in 14 contacts and 7 notes."
    files = {line.split(":", 1)[0] for line in lines[:-1]}
    bad = {
        path.relative_to(INVALID).as_posix()
        for folder in ("contacts", "notes")
        for path in journal_files(INVALID, folder)
    } - {"contacts/maria-lopez.md"}
    assert files == bad
    assert "Traceback" not in "\n".join(lines)


def test_invalid_journal_json_output(run: Run) -> None:
    result = run("check", "--format", "json", journal=INVALID)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert isinstance(problems, list)
    assert all(set(p) == {"file", "line", "severity", "message"} for p in problems)
    assert all(p["severity"] in ("error", "warning") for p in problems)
    assert all(p["line"] is None or isinstance(p["line"], int) for p in problems)
    assert problems == [p.as_dict() for p in read_journal(INVALID).problems]
    assert {
        "file": "contacts/yaml-syntax-error.md",
        "line": 4,
        "severity": "error",
        "message": "the front matter is not valid YAML: mapping values are not allowed in this "
        "context (put quotes around a value that contains a colon)",
    } in problems
    assert {
        "file": "contacts/empty.md",
        "line": None,
        "severity": "error",
        "message": "the file is empty; delete it, or start it again with `coffeechat new`",
    } in problems
    # Text and JSON say the same thing.
    text = run("check", journal=INVALID).stdout.splitlines()[:-1]
    as_text = [
        f"{p['file']}{'' if p['line'] is None else ':' + str(p['line'])}: "
        f"{p['severity']}: {p['message']}"
        for p in problems
    ]
    assert text == as_text


def test_valid_journal_is_clean(run: Run) -> None:
    result = run("check", journal=VALID)
    assert (result.exit_code, result.output) == (0, "No problems in 3 contacts and 3 notes.\n")
    json_result = run("check", "--format", "json", journal=VALID)
    assert (json_result.exit_code, json.loads(json_result.stdout)) == (0, [])


def test_example_journal_is_clean(run: Run) -> None:
    contacts = len(journal_files(REPO, "contacts"))
    notes = len(journal_files(REPO, "notes"))
    assert contacts >= 8
    assert notes >= 6
    result = run("check", journal=REPO)
    assert result.output == f"No problems in {contacts} contacts and {notes} notes.\n"
    assert result.exit_code == 0


def test_check_reads_the_current_folder_by_default(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(VALID)
    result = run("check")
    assert (result.exit_code, result.output) == (0, "No problems in 3 contacts and 3 notes.\n")


def test_check_journal_option_from_another_folder(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", journal=Path(os.path.relpath(INVALID, tmp_path)))
    assert result.exit_code == 1
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_check_outside_a_journal_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    result = run("check", journal=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {tmp_path} is not a coffeechat journal (it has no contacts/ or notes/ folder); "
        "run `coffeechat init DIR` to create one, or pass --journal DIR\n"
    )
    missing = run("check", journal=tmp_path / "nowhere")
    assert missing.exit_code == 1
    assert "nowhere is not a coffeechat journal" in missing.stderr


def test_warnings_alone_exit_zero(run: Run, make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/a.md": "---\nname: A\nkeep_in_tuch: monthly\n---\n",
            "notes/n.md": "---\ncontact: a\ndate: 2026-01-02\n---\n",
        }
    )
    result = run("check", journal=root)
    assert result.exit_code == 0
    assert result.output == (
        "contacts/a.md:3: warning: unknown key `keep_in_tuch`: did you mean `keep_in_touch`?\n"
        "0 errors and 1 warning in 1 contact and 1 note.\n"
    )


def test_one_error_exits_one(run: Run, make_journal: MakeJournal) -> None:
    root = make_journal({"notes/n.md": "---\ncontact: ghost\ndate: 2026-01-02\n---\n"})
    result = run("check", journal=root)
    assert result.exit_code == 1
    assert result.output == (
        "notes/n.md:2: error: this note names the contact “ghost”, but there is no "
        "contacts/ghost.md; create it with `coffeechat new contact` or fix the name\n"
        "1 error and 0 warnings in 0 contacts and 1 note.\n"
    )


def test_empty_journal_is_clean(run: Run, make_journal: MakeJournal) -> None:
    result = run("check", journal=make_journal({}))
    assert (result.exit_code, result.output) == (0, "No problems in 0 contacts and 0 notes.\n")


def test_bad_mkdocs_yml_is_one_more_problem(run: Run, make_journal: MakeJournal) -> None:
    root = make_journal({"mkdocs.yml": "site_name: x\nplugins: [\n", "contacts/a.md": "---\n"})
    result = run("check", journal=root)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "contacts/a.md:1: error: the front matter opened on line 1 is never closed: "
        "add a line `---` after it"
    )
    assert lines[1].startswith("mkdocs.yml:3: error: mkdocs.yml is not valid YAML: ")
    assert lines[2] == "2 errors and 0 warnings in 1 contact and 0 notes."


def test_check_never_writes_into_the_journal(run: Run) -> None:
    before = sorted(p.relative_to(INVALID) for p in INVALID.rglob("*"))
    run("check", journal=INVALID)
    assert sorted(p.relative_to(INVALID) for p in INVALID.rglob("*")) == before


def test_check_names_the_exact_problems_of_three_bad_files(run: Run) -> None:
    """Written by hand from the files themselves, not from the golden file: a regenerated golden
    file cannot make these pass."""
    lines = run("check", journal=INVALID).stdout.splitlines()

    def of(path: str) -> list[str]:
        return [line for line in lines if line.startswith(path + ":")]

    # company: [Acme, Globex] / private: maybe / tags: {a: 1} on lines 3, 4, 5
    assert of("contacts/wrong-types.md") == [
        "contacts/wrong-types.md:3: error: `company` should be one piece of text, not a list",
        "contacts/wrong-types.md:4: error: `private` should be true or false, not “maybe”; "
        "until it is, the contact is treated as private",
        "contacts/wrong-types.md:5: error: `tags` should be a list (lines starting with `- `)",
    ]
    # Misspelt keys are warnings with the right spelling, each on its own line.
    assert of("contacts/key-typos.md") == [
        "contacts/key-typos.md:3: warning: unknown key `refered_by`: did you mean `referred_by`?",
        "contacts/key-typos.md:4: warning: unknown key `keep_in_tuch`: did you mean "
        "`keep_in_touch`?",
    ]
    # contact: [maria-lopez, mario-lopes, jordan-smith]: the known one is fine, the near miss gets
    # a suggestion, the unknown one the command that creates it.
    unknown = of("notes/unknown-contact.md")
    assert len(unknown) == 2
    assert all(line.startswith("notes/unknown-contact.md:2: error: ") for line in unknown)
    assert "“mario-lopes”" in unknown[1] and "did you mean “maria-lopez”?" in unknown[1]
    assert "“jordan-smith”" in unknown[0] and "`coffeechat new contact`" in unknown[0]
    assert not of("contacts/maria-lopez.md")  # the one good file says nothing
    assert not of("contacts/_draft.md")  # underscore files are not read
    errors = sum(": error: " in line for line in lines)
    warnings = sum(": warning: " in line for line in lines)
    assert (errors, warnings) == (24, 2)
    assert lines[-1] == f"{errors} errors and {warnings} warnings in 14 contacts and 7 notes."
