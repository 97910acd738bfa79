"""`coffeechat import linkedin|vcard`: real-shaped exports (LinkedIn's preamble and quoting, vCards
from Google, Apple, Outlook and a 4.0 file), duplicates skipped and named, malformed entries
reported by line, --dry-run, idempotent re-import, and export → import round trip."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from coffeechat import cli
from coffeechat.fields import DEFAULT_VCARD_SOURCE
from coffeechat.read.journal import read_journal
from coffeechat.write import importers
from conftest import DATA, REPO, Run, snapshot

IMPORT = DATA / "import"
LINKEDIN = IMPORT / "Connections.csv"

LINKEDIN_OUTPUT = """\
created contacts/ana-lucia-nunez.md
created contacts/tomas-ortega.md
created contacts/carla-nguyen.md
created contacts/siobhan-o-briain.md
Connections.csv:9: skipped: it has 6 fields instead of 7 (a comma outside quotes?)
created contacts/jurgen-weber.md
Connections.csv:11: skipped: it has no first or last name
skipped Carla Nguyen: already in contacts/carla-nguyen.md
created 5, skipped 1 duplicate, 2 malformed rows
"""


@pytest.fixture
def journal(run: Run, tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    assert run("init", str(root)).exit_code == 0
    return root


def _contacts(root: Path) -> dict[str, tuple[str, str | None]]:
    journal = read_journal(root)
    return {slug: (c.name, c.email) for slug, c in journal.contacts.items()}


# -- LinkedIn ------------------------------------------------------------------------------------


def test_linkedin_rows_are_read_past_the_preamble() -> None:
    parsed = importers.read_linkedin(importers.decode(LINKEDIN.read_bytes(), "Connections.csv"))
    people = {p.name: p for p in parsed.people}
    assert list(people) == [
        "Ana Lucía Núñez",
        "Tomás Ortega",
        "Carla Nguyen",
        "Siobhán Ó Briain",
        "Jürgen Weber",
    ]
    carla = people["Carla Nguyen"]
    assert (carla.company, carla.role) == (
        "Patapsco Testing & Inspection, LLC",
        "Technician, Level II (UT, MT)",
    )
    assert carla.linkedin == "https://www.linkedin.com/in/carla-nguyen-ndt"
    assert carla.extra == {"connected_on": date(2026, 11, 20)}
    assert people["Tomás Ortega"].email is None  # LinkedIn leaves most e-mails empty
    assert people["Siobhán Ó Briain"].company == "Smith, Jones & Associates"
    assert people["Jürgen Weber"].role == 'Welding engineer, "IWE"'
    assert people["Ana Lucía Núñez"].line == 5  # the preamble and header are lines 1–4
    assert parsed.malformed == (
        importers.Malformed(9, "it has 6 fields instead of 7 (a comma outside quotes?)"),
        importers.Malformed(11, "it has no first or last name"),
    )


def test_import_linkedin(run: Run, journal: Path) -> None:
    result = run("import", "linkedin", str(LINKEDIN), journal=journal)
    assert (result.exit_code, result.output) == (0, LINKEDIN_OUTPUT)
    check = run("check", journal=journal)
    assert (check.exit_code, check.output) == (0, "No problems in 5 contacts and 0 notes.\n")
    contact = read_journal(journal).contacts["ana-lucia-nunez"]
    assert (contact.name, contact.source, contact.email) == (
        "Ana Lucía Núñez",
        "linkedin",
        "anunez@pratt-library.example.org",
    )
    assert (contact.company, contact.role) == (
        "Enoch Pratt Free Library",
        "Branch manager, Highlandtown branch",
    )
    assert contact.linkedin == "https://www.linkedin.com/in/ana-lucia-nunez-example"
    assert dict(contact.extra) == {"connected_on": date(2026, 10, 14)}


def test_match_and_since_choose_whom_to_import(run: Run, journal: Path) -> None:
    # "LIBRARY" finds the company in any case, "pathologist" the position, "siemens" is a third
    # match; --since leaves out Jürgen (connected 2024) and keeps the 2025 and 2026 rows.
    result = run(
        "import", "linkedin", str(LINKEDIN), "--match", "LIBRARY", "--match", "pathologist",
        "--match", "siemens", "--since", "2025-01-01", journal=journal,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert set(_contacts(journal)) == {"ana-lucia-nunez", "siobhan-o-briain"}
    assert result.output.splitlines()[-1] == (
        "created 2, skipped 0 duplicates, 2 malformed rows, 4 left out by --match/--since"
    )


def test_match_ignores_accents_and_punctuation(run: Run, journal: Path) -> None:
    # "Núñez" is a name, not a company: only company and position are searched.
    nunez = run("import", "linkedin", str(LINKEDIN), "--match", "nunez", journal=journal)
    assert nunez.output.splitlines()[-1].endswith("6 left out by --match/--since")
    result = run("import", "linkedin", str(LINKEDIN), "--match", "smith jones", journal=journal)
    assert set(_contacts(journal)) == {"siobhan-o-briain"}
    weld = run("import", "linkedin", str(LINKEDIN), "--match", "WÉLDING", journal=journal)
    assert set(_contacts(journal)) == {"siobhan-o-briain", "jurgen-weber"}
    assert (result.exit_code, weld.exit_code) == (0, 0)


def test_match_without_letters_and_a_bad_since_are_refused(run: Run, journal: Path) -> None:
    empty = run("import", "linkedin", str(LINKEDIN), "--match", "&&", journal=journal)
    assert empty.exit_code == 2 and "--match needs letters or digits" in empty.output
    bad = run("import", "linkedin", str(LINKEDIN), "--since", "last year", journal=journal)
    assert bad.exit_code == 2 and "“last year” is not a date" in bad.output
    assert _contacts(journal) == {}


def test_a_large_import_reports_rows_per_second(run: Run, journal: Path, tmp_path: Path) -> None:
    rows = "".join(
        f"Person,Number{i},https://www.linkedin.com/in/p{i},,Acme,Engineer,01 Jan 2025\n"
        for i in range(cli._PROGRESS_FROM)
    )
    big = tmp_path / "big.csv"
    big.write_text(LINKEDIN.read_text(encoding="utf-8").split("Ana Lucía")[0] + rows, "utf-8")
    result = run("import", "linkedin", str(big), "--dry-run", journal=journal)
    assert result.exit_code == 0
    assert re.search(
        rf"^{cli._PROGRESS_FROM} rows in [0-9.]+ s \([0-9,]+ rows/s\)$", result.stderr, re.M
    )
    assert "rows/s" not in result.stdout


def test_reimport_creates_nothing(run: Run, journal: Path) -> None:
    run("import", "linkedin", str(LINKEDIN), journal=journal)
    before = snapshot(journal)
    again = run("import", "linkedin", str(LINKEDIN), journal=journal)
    assert again.exit_code == 0
    assert "created" not in again.output.replace("created 0,", "")
    assert again.output.splitlines()[-1] == "created 0, skipped 6 duplicates, 2 malformed rows"
    assert snapshot(journal) == before


def test_dry_run_writes_nothing(run: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = run("import", "linkedin", str(LINKEDIN), "--dry-run", journal=journal)
    assert result.exit_code == 0
    assert result.output == (
        LINKEDIN_OUTPUT.replace("created contacts/", "would create contacts/").replace(
            "created 5, skipped 1 duplicate, 2 malformed rows",
            "would create 5, skip 1 duplicate, 2 malformed rows (dry run: nothing was written)",
        )
    )
    assert snapshot(journal) == before


def test_existing_contacts_are_skipped_by_name_email_or_file_name(run: Run, journal: Path) -> None:
    run("new", "contact", "Ana Lucía Núñez", journal=journal)  # same file name
    (journal / "contacts/carla.md").write_text(  # same e-mail, another file name
        "---\nname: C. Nguyen\nemail: CARLA.NGUYEN@example.com\n---\n", encoding="utf-8"
    )
    (journal / "contacts/tomas.md").write_text(  # same name, another file name
        "---\nname: tomás  ortega\n---\n", encoding="utf-8"
    )
    mine = (journal / "contacts/ana-lucia-nunez.md").read_bytes()
    result = run("import", "linkedin", str(LINKEDIN), journal=journal)
    lines = result.output.splitlines()
    assert "skipped Ana Lucía Núñez: already in contacts/ana-lucia-nunez.md" in lines
    assert "skipped Carla Nguyen: already in contacts/carla.md" in lines
    assert "skipped Tomás Ortega: already in contacts/tomas.md" in lines
    assert lines[-1] == "created 2, skipped 4 duplicates, 2 malformed rows"
    assert (journal / "contacts/ana-lucia-nunez.md").read_bytes() == mine


def test_linkedin_file_without_the_header(run: Run, journal: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "contacts.csv"
    wrong.write_text("Name,Email\nAna,ana@example.org\n", encoding="utf-8")
    before = snapshot(journal)
    result = run("import", "linkedin", str(wrong), journal=journal)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: contacts.csv: has no LinkedIn header line")
    assert snapshot(journal) == before


def test_a_file_that_is_not_utf8(run: Run, journal: Path, tmp_path: Path) -> None:
    latin = tmp_path / "Connections.csv"
    latin.write_bytes("First Name,Last Name\nJos\xe9,N\xfa\xf1ez\n".encode("latin-1"))
    result = run("import", "linkedin", str(latin), journal=journal)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Connections.csv:2: is not UTF-8 text; export it again as UTF-8 (or open and "
        "save it as UTF-8)\n"
    )


def test_a_name_without_a_file_name_uses_the_email(journal: Path) -> None:
    person = importers.Person(name="?!", line=2, email="li.si@example.cn")
    parsed = importers.Parsed((person, importers.Person(name="???", line=3)), (), "row")
    [made, unnamed] = importers.plan(journal, parsed)
    assert (made.action, made.slug) == (importers.CREATE, "li-si")
    assert unnamed.action == importers.MALFORMED
    assert "cannot make a file name from “???”" in unnamed.reason


# -- vCard ---------------------------------------------------------------------------------------


def _people(name: str) -> tuple[dict[str, importers.Person], tuple[importers.Malformed, ...]]:
    parsed = importers.read_vcards(importers.decode((IMPORT / name).read_bytes(), name))
    return {p.name: p for p in parsed.people}, parsed.malformed


def test_google_vcard() -> None:
    people, malformed = _people("google.vcf")
    assert malformed == ()
    priya = people["Priya Raman"]
    assert priya.email == "praman@bmore-speech.example.org"  # the work address, not the first
    assert priya.phone == "+1 410-555-0102"
    assert (priya.company, priya.role, priya.location) == (
        "Baltimore Speech Partners",
        "Clinical director",
        "Baltimore, MD",
    )
    assert priya.linkedin == "https://www.linkedin.com/in/priya-raman-example"
    assert people["Dev Patel"].line == 17


def test_apple_vcard_with_grouped_email_and_folded_photo() -> None:
    people, malformed = _people("apple.vcf")
    assert malformed == ()  # the second card's photo is not even valid base64: it is skipped
    tomas = people["Tomás Ortega"]
    assert tomas.email == "tortega@ironworkers16.example.org"  # item1.EMAIL;type=pref
    assert tomas.phone == "(410) 555-0131"
    assert tomas.company == "Ironworkers Local 16"  # ORG's first part
    assert tomas.linkedin == "https://www.linkedin.com/in/tomas-ortega-example"
    assert tomas.website == "https://ironworkers16.example.org"
    assert people["Professor Dana Whitfield"].email == "dwhitfield@bccc.example.edu"


def test_outlook_vcard_quoted_printable() -> None:
    people, malformed = _people("outlook.vcf")
    assert malformed == ()
    carla = people["Carla Nguyen"]
    assert carla.email == "cnguyen@patapsco-testing.example.com"  # EMAIL;PREF
    assert carla.phone == "(410) 555-0144"
    jose = people["José Zúñiga"]  # N, FN, ORG and TITLE all quoted-printable UTF-8
    assert jose.company == "Chesapeake Bridge & Tunnel Authority"  # a soft line break
    assert jose.role == "Ingeniero de soldadura – inspección"


def test_vcard_4() -> None:
    people, malformed = _people("v4.vcf")
    zoe = people["Zoë Brandt"]
    assert zoe.email == "zbrandt@harbor-audiology.example.org"  # PREF=1
    assert zoe.phone == "+1-410-555-0151"  # tel: URI
    assert (zoe.company, zoe.location) == ("Harbor Audiology, LLC", "Annapolis, MD")
    assert zoe.website == "https://harbor-audiology.example.org/zoe"
    assert malformed == (
        importers.Malformed(20, "the card has no name (FN or N)"),
        importers.Malformed(25, "the card has no END:VCARD"),
    )


def test_import_vcards(run: Run, journal: Path) -> None:
    outputs = [
        run("import", "vcard", str(IMPORT / name), journal=journal).output
        for name in ("google.vcf", "apple.vcf", "outlook.vcf", "v4.vcf")
    ]
    assert outputs == [
        "created contacts/priya-raman.md\ncreated contacts/dev-patel.md\n"
        "created 2, skipped 0 duplicates, 0 malformed cards\n",
        "created contacts/tomas-ortega.md\ncreated contacts/professor-dana-whitfield.md\n"
        "created 2, skipped 0 duplicates, 0 malformed cards\n",
        "created contacts/carla-nguyen.md\ncreated contacts/jose-zuniga.md\n"
        "created 2, skipped 0 duplicates, 0 malformed cards\n",
        "created contacts/zoe-brandt.md\n"
        "v4.vcf:20: skipped: the card has no name (FN or N)\n"
        "v4.vcf:25: skipped: the card has no END:VCARD\n"
        "created 1, skipped 0 duplicates, 2 malformed cards\n",
    ]
    contacts = read_journal(journal).contacts
    assert {c.source for c in contacts.values()} == {DEFAULT_VCARD_SOURCE}
    assert contacts["zoe-brandt"].website == "https://harbor-audiology.example.org/zoe"
    assert run("check", journal=journal).output == "No problems in 7 contacts and 0 notes.\n"
    # LinkedIn after the address book: the people already there are named, not duplicated.
    linkedin = run("import", "linkedin", str(LINKEDIN), journal=journal).output
    assert "skipped Tomás Ortega: already in contacts/tomas-ortega.md" in linkedin


def test_vcard_source_option(run: Run, journal: Path) -> None:
    result = run(
        "import", "vcard", str(IMPORT / "google.vcf"), "--source", "alumni", journal=journal
    )
    assert result.exit_code == 0
    assert read_journal(journal).contacts["priya-raman"].source == "alumni"
    blank = run("import", "vcard", str(IMPORT / "google.vcf"), "--source", " ", journal=journal)
    assert blank.exit_code == 2


def test_import_outside_a_journal(run: Run, tmp_path: Path) -> None:
    result = run("import", "linkedin", str(LINKEDIN), journal=tmp_path)
    assert result.exit_code == 1
    assert "is not a coffeechat journal" in result.stderr
    assert list(tmp_path.iterdir()) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_large_files_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    many = [importers.Outcome(importers.DUPLICATE, n) for n in range(cli._PROGRESS_FROM)]
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert isinstance(cli._progress(many, "Creating"), contextlib.nullcontext)
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(cli._progress(many[1:], "Creating"), contextlib.nullcontext)
    with cli._progress(many, "Creating") as bar:
        assert list(bar) == many
    assert "Creating" in sys.stderr.getvalue()


# -- round trip ----------------------------------------------------------------------------------


def test_export_vcard_then_import_gives_the_same_people(run: Run, journal: Path) -> None:
    exported = run("--journal", str(REPO), "export", "vcard")
    assert exported.exit_code == 0
    vcf = journal.parent / "journal.vcf"
    vcf.write_bytes(exported.stdout_bytes)
    result = run("import", "vcard", str(vcf), journal=journal)
    expected = _contacts(REPO)
    assert result.output.splitlines()[-1] == (
        f"created {len(expected)}, skipped 0 duplicates, 0 malformed cards"
    )
    assert _contacts(journal) == expected
    # ... and once more: nothing new.
    again = run("import", "vcard", str(vcf), journal=journal)
    assert again.output.splitlines()[-1] == (
        f"created 0, skipped {len(expected)} duplicates, 0 malformed cards"
    )
