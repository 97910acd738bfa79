"""`coffeechat export csv|vcard`: exact CSV header and rows from the example journal, vCard 3.0
that reads back, output to stdout or a new file that is never overwritten."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import vobject
from click.testing import Result
from coffeechat.read.journal import read_journal
from conftest import REPO, MakeJournal, Run, snapshot

TODAY = "2026-11-21"
CONTACTS_HEADER = (
    "slug,name,company,role,field,location,email,phone,linkedin,website,source,referred_by,"
    "tags,status,stage,last_interaction\r\n"
)
ANA_ROW = (
    'ana-lucia-nunez,Ana Lucía Núñez,Enoch Pratt Free Library,"Branch manager, Highlandtown '
    'branch",Librarianship,"Baltimore, MD",anunez@pratt-library.example.org,410-555-0141,'
    "https://www.linkedin.com/in/ana-lucia-nunez-example,,faculty,Professor Dana Whitfield,"
    "libraries; public-library; bilingual; management,active,thanked,2026-10-08\r\n"
)
NOTES_HEADER = "note,date,contacts,format,duration,tags,thank_you\r\n"
TERRENCE_NOTE = (
    "2026-11-20-terrence-oduya,2026-11-20,terrence-oduya,video,35,welding; inspection; quality,\r\n"
)


def _export(run: Run, *args: str) -> str:
    result = run("--journal", str(REPO), "export", *args)
    assert result.exit_code == 0, result.output
    return _stdout(result)


def _stdout(result: Result) -> str:
    """Exactly what was printed: Result.stdout turns CRLF into LF."""
    return result.stdout_bytes.decode("utf-8")


def test_contacts_csv(run: Run) -> None:
    text = _export(run, "csv", "--today", TODAY)
    assert text.startswith(CONTACTS_HEADER + ANA_ROW)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["slug"] for r in rows] == sorted(read_journal(REPO).contacts)
    stages = {r["slug"]: r["stage"] for r in rows}
    assert stages["elliot-vance"] == "declined"
    assert stages["grace-whitaker"] == "replied / scheduled"
    owen = next(r for r in rows if r["slug"] == "owen-brandt")
    assert owen["email"] == ""


def test_stage_depends_on_today(run: Run) -> None:
    before = _export(run, "csv", "--today", "2026-09-01")
    ana = next(line for line in before.splitlines() if line.startswith("ana-lucia-nunez,"))
    assert ana.endswith(",active,identified,")


def test_notes_csv(run: Run) -> None:
    text = _export(run, "csv", "--notes")
    lines = text.splitlines(keepends=True)
    assert lines[0] == NOTES_HEADER
    assert TERRENCE_NOTE in lines
    assert "2026-10-08-ana-lucia-nunez,2026-10-08,ana-lucia-nunez; kwame-asante,in-person," in text
    assert len(lines) == 1 + len(read_journal(REPO).notes)


def test_vcard_export_reads_back(run: Run) -> None:
    text = _export(run, "vcard")
    assert text == _export(run, "vcard")  # deterministic
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    cards = list(vobject.readComponents(text))
    journal = read_journal(REPO)
    assert [c.fn.value for c in cards] == [c.name for c in journal.contacts.values()]
    ana = cards[0]
    assert ana.uid.value == "coffeechat-ana-lucia-nunez"
    assert ana.email.value == "anunez@pratt-library.example.org"
    assert ana.org.value == ["Enoch Pratt Free Library"]
    assert ana.title.value == "Branch manager, Highlandtown branch"
    assert ana.n.value.family == "Núñez" and ana.n.value.given == "Ana Lucía"
    assert "Field: Librarianship" in ana.note.value


def test_output_file_is_new_and_never_overwritten(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out" / "contacts.csv"
    result = run("--journal", str(REPO), "export", "csv", "--today", TODAY, "-o", str(target))
    count = len(read_journal(REPO).contacts)
    assert (result.exit_code, result.output) == (0, f"exported {count} contacts to {target}\n")
    assert target.read_bytes().decode("utf-8").startswith(CONTACTS_HEADER + ANA_ROW)
    before = snapshot(tmp_path)
    again = run("--journal", str(REPO), "export", "vcard", "-o", str(target))
    assert again.exit_code == 1
    assert again.stderr == f"Error: {target}: already exists; coffeechat never overwrites a file\n"
    assert snapshot(tmp_path) == before


def test_public_export_leaves_out_private_contacts(make_journal: MakeJournal, run: Run) -> None:
    root = make_journal(
        {
            "contacts/a.md": "---\nname: Ann\n---\n",
            "contacts/b.md": "---\nname: Bo\nprivate: true\n---\n",
            "notes/n.md": "---\ncontact: b\ndate: 2026-01-02\n---\n",
        }
    )
    everything = _stdout(run("export", "csv", journal=root))
    assert "\r\nb,Bo," in everything
    public = _stdout(run("export", "csv", "--public", journal=root))
    assert "Bo" not in public and "\r\na,Ann," in public
    assert _stdout(run("export", "csv", "--notes", "--public", journal=root)) == NOTES_HEADER
    assert "Bo" not in run("export", "vcard", "--public", journal=root).stdout


def test_problems_go_to_stderr(make_journal: MakeJournal, run: Run) -> None:
    root = make_journal({"contacts/a.md": "---\nname: Ann\nstatus: sleeping\n---\n"})
    result = run("export", "csv", journal=root)
    assert result.exit_code == 0
    assert _stdout(result).startswith(CONTACTS_HEADER + "a,Ann,")
    assert result.stderr.startswith("contacts/a.md:3: error: ")
