"""`coffeechat init` and `coffeechat new`: what they write, what they refuse, and that the result
passes `check`. Also the writer's promise: never overwrite, never leave a temp file behind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from coffeechat.model import JournalError
from coffeechat.questions import BUILTIN, REFLECTION_PROMPTS
from coffeechat.read.journal import read_journal
from coffeechat.write import writer
from coffeechat.write.templates import NOTE_QUESTIONS
from conftest import Run, snapshot

CLEAN_ONE_EACH = "No problems in 1 contact and 1 note.\n"


@pytest.fixture
def journal(run: Run, tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    assert run("init", str(root)).exit_code == 0
    return root


# -- init ----------------------------------------------------------------------------------------


def test_init_creates_a_ready_journal(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "career"
    result = run("init", str(root))
    assert result.exit_code == 0
    assert result.output == "".join(
        f"created {root / name}\n"
        for name in (
            ".gitignore",
            ".obsidian/types.json",
            "contacts/.gitkeep",
            "frontmatter.json",
            "mkdocs.yml",
            "notes/.gitkeep",
            "pages/pitch.md",
            "schema/contact.schema.json",
            "schema/note.schema.json",
        )
    ) + (f'Next: cd {root} and run `coffeechat new contact "Full Name"`.\n')
    assert (root / "contacts").is_dir()
    assert (root / "notes").is_dir()
    assert "site/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "My career conversations"' in mkdocs
    assert "  - coffeechat:\n" in mkdocs
    # An empty journal passes check.
    check = run("check", journal=root)
    assert (check.exit_code, check.output) == (0, "No problems in 0 contacts and 0 notes.\n")


def test_init_title_is_quoted_safely(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "j"
    assert run("init", str(root), "--title", 'Zoë\'s "search": 2026').exit_code == 0
    assert 'site_name: "Zoë\'s \\"search\\": 2026"' in (root / "mkdocs.yml").read_text("utf-8")
    assert run("check", journal=root).exit_code == 0


def test_init_into_an_existing_empty_folder(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    assert run("init", str(root)).exit_code == 0
    assert (root / "mkdocs.yml").is_file()


def test_init_refuses_a_folder_that_is_not_empty(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "busy"
    root.mkdir()
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("init", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {root}: is not empty; coffeechat init only creates a journal in a new or "
        "empty folder\n"
    )
    assert snapshot(root) == {"notes.txt": b"mine\n"}


def test_init_refuses_an_existing_journal(run: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = run("init", str(journal))
    assert result.exit_code == 1
    assert "is not empty" in result.stderr
    assert snapshot(journal) == before


def test_init_refuses_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    target.write_text("x", encoding="utf-8")
    result = run("init", str(target))
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "x"


# -- new contact ---------------------------------------------------------------------------------


def test_new_contact_prints_the_path_and_never_overwrites(run: Run, journal: Path) -> None:
    result = run("new", "contact", "Ana Lucía Núñez", journal=journal)
    assert (result.exit_code, result.output) == (0, "contacts/ana-lucia-nunez.md\n")
    path = journal / "contacts" / "ana-lucia-nunez.md"
    written = path.read_bytes()
    path.write_bytes(written + b"\nMy own notes.\n")
    before = snapshot(journal)

    again = run("new", "contact", "Ana Lucía Núñez", "--company", "Other", journal=journal)
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr == (
        "Error: contacts/ana-lucia-nunez.md: already exists; coffeechat never overwrites a file\n"
    )
    assert snapshot(journal) == before  # byte-identical, and no temp file left behind


def test_new_contact_with_details_reads_back(run: Run, journal: Path) -> None:
    result = run(
        "new",
        "contact",
        "Terrence O'Duya",
        "--company",
        'Smith: "Welding" & Sons',
        "--role",
        "Inspector #2",
        "--field",
        "Welding",
        "--location",
        "Baltimore, MD",
        "--source",
        "family",
        "--referred-by",
        "Uncle Ray",
        journal=journal,
    )
    assert (result.exit_code, result.output) == (0, "contacts/terrence-oduya.md\n")
    journal_read = read_journal(journal)
    assert journal_read.problems == ()
    contact = journal_read.contacts["terrence-oduya"]
    assert contact.name == "Terrence O'Duya"
    assert (contact.company, contact.role, contact.field) == (
        'Smith: "Welding" & Sons',
        "Inspector #2",
        "Welding",
    )
    assert (contact.location, contact.source, contact.referred_by) == (
        "Baltimore, MD",
        "family",
        "Uncle Ray",
    )


def test_new_contact_needs_a_usable_file_name(run: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = run("new", "contact", "?!", journal=journal)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot make a file name from “?!”; give one with --slug, e.g. --slug wang-wei\n"
    )
    assert snapshot(journal) == before
    named = run("new", "contact", "?!", "--slug", "qm", journal=journal)
    assert (named.exit_code, named.output) == (0, "contacts/qm.md\n")
    assert read_journal(journal).contacts["qm"].name == "?!"
    # Other scripts are transliterated for the file name; the name stays as written.
    chinese = run("new", "contact", "李四", journal=journal)
    assert (chinese.exit_code, chinese.output) == (0, "contacts/li-si.md\n")
    assert read_journal(journal).contacts["li-si"].name == "李四"


def test_new_contact_outside_a_journal(run: Run, tmp_path: Path) -> None:
    result = run("new", "contact", "Ana", journal=tmp_path)
    assert result.exit_code == 1
    assert "is not a coffeechat journal" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- new note ------------------------------------------------------------------------------------


def test_new_note_has_the_questions_and_reflection_prompts(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("new", "contact", "Ana Lucía Núñez", journal=journal)
    result = run("new", "note", "ana-lucia-nunez", "--date", "2026-11-20", journal=journal)
    assert (result.exit_code, result.output) == (0, "notes/2026-11-20-ana-lucia-nunez.md\n")
    text = (journal / "notes/2026-11-20-ana-lucia-nunez.md").read_text(encoding="utf-8")
    assert text.startswith("---\ncontact: ana-lucia-nunez\ndate: 2026-11-20\n")
    assert "Conversation with Ana Lucía Núñez." in text
    questions = {q.id: q.text for q in BUILTIN}
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [questions[q] for q in NOTE_QUESTIONS] + [
        "What did I learn about the job?",
        "What did I learn about the larger career field?",
        "What did I learn about the company?",
        "What did I learn about the skills and competencies needed?",
        "What are my next steps?",
    ]
    # The guides' topics: the person's path, a typical week, skills and qualifications, the
    # field's future, advice, who else to talk to.
    assert {"how-started", "typical-week", "skills-needed", "qualifications"} <= set(NOTE_QUESTIONS)
    assert {"field-future", "advice", "who-else"} <= set(NOTE_QUESTIONS)

    journal_read = read_journal(journal)
    assert journal_read.problems == ()
    [note] = journal_read.notes
    assert (note.contacts, note.date) == (("ana-lucia-nunez",), date(2026, 11, 20))
    assert [s.key for s in note.sections] == [*NOTE_QUESTIONS] + [q.id for q in REFLECTION_PROMPTS]
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-27")  # a week on: not yet a forgotten note
    check = run("check", journal=journal)
    assert (check.exit_code, check.output) == (0, CLEAN_ONE_EACH)


def test_new_note_never_overwrites(run: Run, journal: Path) -> None:
    run("new", "contact", "Zoë Brandt", journal=journal)
    assert run("new", "note", "zoe-brandt", "--date", "2026-11-20", journal=journal).exit_code == 0
    path = journal / "notes/2026-11-20-zoe-brandt.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nWhat she said.\n", encoding="utf-8")
    before = snapshot(journal)
    again = run("new", "note", "zoe-brandt", "--date", "2026-11-20", journal=journal)
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: notes/2026-11-20-zoe-brandt.md: already exists; coffeechat never overwrites a file\n"
    )
    assert snapshot(journal) == before


def test_new_note_for_an_unknown_contact_writes_nothing(run: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = run("new", "note", "nobody", "--date", "2026-11-20", journal=journal)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: contacts/nobody.md: there is no contact “nobody” in contacts/ "
        "(see `coffeechat new contact --help`)\n"
    )
    assert snapshot(journal) == before


def test_new_group_note(run: Run, journal: Path) -> None:
    run("new", "contact", "Ana Lucía Núñez", journal=journal)
    run("new", "contact", "Kwame Asante", journal=journal)
    result = run(
        "new", "note", "ana-lucia-nunez", "kwame-asante", "--date", "2026-10-08", journal=journal
    )
    assert (result.exit_code, result.output) == (
        0,
        "notes/2026-10-08-ana-lucia-nunez-kwame-asante.md\n",
    )
    journal_read = read_journal(journal)
    assert journal_read.problems == ()
    [note] = journal_read.notes
    assert note.contacts == ("ana-lucia-nunez", "kwame-asante")
    assert "Conversation with Ana Lucía Núñez and Kwame Asante." in note.body
    assert journal_read.notes_with("kwame-asante") == (note,)


def test_new_note_for_a_contact_whose_slug_is_a_yaml_word(run: Run, journal: Path) -> None:
    # A hand-made contacts/null.md must not turn into `contact: null` (no contact at all).
    (journal / "contacts/null.md").write_text("---\nname: Nul Person\n---\n", encoding="utf-8")
    assert run("new", "note", "null", "--date", "2026-01-05", journal=journal).exit_code == 0
    [note] = read_journal(journal).notes
    assert note.contacts == ("null",)
    assert run("check", journal=journal).exit_code == 0


def test_new_note_date_defaults_to_today(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-12-01")
    run("new", "contact", "Kwame Asante", journal=journal)
    result = run("new", "note", "kwame-asante", journal=journal)
    assert (result.exit_code, result.output) == (0, "notes/2026-12-01-kwame-asante.md\n")


def test_new_note_rejects_a_bad_date(run: Run, journal: Path) -> None:
    run("new", "contact", "Kwame Asante", journal=journal)
    before = snapshot(journal)
    result = run("new", "note", "kwame-asante", "--date", "2026-13-01", journal=journal)
    assert result.exit_code == 2
    assert (
        "Error: Invalid value for '--date': “2026-13-01” is not a date; write it as YYYY-MM-DD\n"
        in result.stderr
    )
    assert snapshot(journal) == before


def test_new_from_another_folder_with_journal_option(
    run: Run, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-03")  # the new note is a day old
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run("new", "contact", "Zoë Brandt", journal=journal).output == "contacts/zoe-brandt.md\n"
    note = run("new", "note", "zoe-brandt", "--date", "2026-11-02", journal=journal)
    assert note.output == "notes/2026-11-02-zoe-brandt.md\n"
    assert (journal / "notes/2026-11-02-zoe-brandt.md").is_file()
    assert list(elsewhere.iterdir()) == []
    check = run("check", journal=journal)
    assert (check.exit_code, check.output) == (0, CLEAN_ONE_EACH)


def test_new_in_the_current_folder(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(journal)
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-03")  # the new note is a day old
    assert run("new", "contact", "Kwame Asante").output == "contacts/kwame-asante.md\n"
    assert run("new", "note", "kwame-asante", "--date", "2026-11-02").exit_code == 0
    assert run("check").output == CLEAN_ONE_EACH


# -- writer --------------------------------------------------------------------------------------


def test_writer_create_never_overwrites_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "contacts" / "a.md"
    target.parent.mkdir()
    target.write_bytes(b"original\r\n")
    with pytest.raises(JournalError) as raised:
        writer.create(target, "new text", "contacts/a.md")
    assert str(raised.value) == "contacts/a.md: already exists; coffeechat never overwrites a file"
    assert snapshot(tmp_path) == {"contacts/a.md": b"original\r\n"}


def test_writer_create_writes_utf8_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "a.md"
    assert writer.create(target, "Zoë\n") == target
    assert snapshot(tmp_path) == {"deep/er/a.md": "Zoë\n".encode()}


def test_writer_create_tree_checks_every_name_first(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(JournalError):
        writer.create_tree(tmp_path, {"a.txt": "a", "b.txt": "b", "c.txt": "c"})
    assert snapshot(tmp_path) == {"b.txt": b"keep"}


def test_writer_replace_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    writer.replace(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert snapshot(tmp_path) == {"a.md": b"new"}
