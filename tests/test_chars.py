"""Characters and links (issue 9, items 8, 9, 13): control characters in names and printed text,
YAML line breaks and line numbers, keys and addresses in every script, percent-encoded links, and
file names the site reserves. Real files, real commands, real MkDocs builds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from coffeechat.questions import normalise
from coffeechat.read.journal import read_journal
from coffeechat.read.sections import section_key
from coffeechat.render.compare import key_src
from coffeechat.slugs import MAX_SLUG_BYTES, slugify
from coffeechat.textsafe import clean_name, printable, yaml_string
from coffeechat.urls import fragment, mailto, path
from conftest import Run
from site_fixtures import build, page

ESC = "\x1b"
HOSTILE = (
    "\x1b[31m",  # colour
    "\x1b]0;pwned\x07",  # window title
    "\x9b31m",  # C1 CSI
    "\x7f",  # DEL
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\r",  # overwrites the line
    "\x85",  # NEL
)


@pytest.fixture
def journal(run: Run, tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    assert run("init", str(root)).exit_code == 0
    for sample in [*(root / "contacts").glob("*.md"), *(root / "notes").glob("*.md")]:
        sample.unlink()  # the journal's own examples would only add noise to exact outputs
    return root


def write(root: Path, name: str, text: str) -> Path:
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="")
    return target


def contact(root: Path, slug: str, name: str, extra: str = "") -> None:
    write(root, f"contacts/{slug}.md", f"---\nname: {yaml_string(name)}\n{extra}---\n")


def note(root: Path, name: str, who: str, day: str, body: str, extra: str = "") -> None:
    write(root, f"notes/{name}.md", f"---\ncontact: {who}\ndate: {day}\n{extra}---\n{body}")


def no_controls(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


# -- control characters in names written by new and import ----------------------------------------


@pytest.mark.parametrize("bad", HOSTILE)
def test_new_contact_with_control_characters_reads_back(run: Run, journal: Path, bad: str) -> None:
    result = run(
        "new", "contact", f"Ana{bad}Lucía Núñez", "--company", f"Pratt{bad}", journal=journal
    )
    assert result.exit_code == 0, result.output
    [made] = (journal / "contacts").glob("*.md")
    read = read_journal(journal)
    assert read.problems == ()
    person = read.contacts[made.stem]
    assert no_controls(person.name) and no_controls(person.company or "")
    assert person.name.replace(" ", "") == "AnaLucíaNúñez"
    check = run("check", journal=journal)
    assert (check.exit_code, check.output) == (0, "No problems in 1 contact and 0 notes.\n")


def test_a_name_of_only_control_characters_is_refused(run: Run, journal: Path) -> None:
    result = run("new", "contact", "\x1b\x7f\x9b", journal=journal)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot make a file name from “”")
    assert list((journal / "contacts").glob("*.md")) == []


def test_linkedin_rows_with_control_characters_read_back(run: Run, journal: Path) -> None:
    csv = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Del\x7fia,Marsh\x9b31m,,,Acme\x1b[2J Corp,Chief\x85Officer,14 Oct 2026\n"
        "Иван,Петров,,,Газпром,Инженер,01 Aug 2025\n"
        "\u202eevil,Name,,,X,Y,01 Aug 2025\n"
    )
    source = write(journal, "Connections.csv", csv)
    result = run("import", "linkedin", str(source), journal=journal)
    assert result.exit_code == 0, result.output
    assert no_controls(result.output)
    read = read_journal(journal)
    assert read.problems == ()
    names = sorted(c.name for c in read.contacts.values())
    assert names == ["Del ia Marsh", "evil Name", "Иван Петров"]
    assert sorted(read.contacts) == ["del-ia-marsh", "evil-name", "ivan-petrov"]
    assert read.contacts["del-ia-marsh"].company == "Acme Corp"
    assert read.contacts["del-ia-marsh"].role == "Chief Officer"


def test_text_helpers() -> None:
    assert printable("a\x1b[31mb\tc\nd\u202e\x9b") == "a\ufffd[31mb\tc\nd\ufffd\ufffd"
    assert clean_name("  Ana\x00\n Lucía\u2028 ") == "Ana Lucía"
    for value in ("a\x7fb", "\x85\x9f", "tab\there", "emoji 🎉", 'quote " and \\', "\u2028"):
        assert yaml.safe_load(f"k: {yaml_string(value)}") == {"k": value}


# -- terminal output carries no escape sequences from the journal ---------------------------------


def hostile_journal(root: Path) -> None:
    contact(
        root,
        "eve",
        "Eve\x1b]0;pwned\x07 \x1b[31mRed",
        'company: "Evil\\x9b2J Inc"\nfield: "lib\\u202erary"\n',
    )
    note(
        root,
        "2026-11-01-eve",
        "eve",
        "2026-11-01",
        "## What is a typical week like?\n\nLong days\x1b[2J and \x1b[31mred\x1b[0m text.\n",
        'follow_ups:\n  - task: "Send \\e[5mblink\\e[0m"\n    due: 2026-11-10\nmood: "\\x1b[31m"\n',
    )
    note(root, "2026-11-02-ghost", '"gh\\e[31most"', "2026-11-02", "Boo.\n")


def test_due_check_and_compare_print_no_escape_sequences(run: Run, journal: Path) -> None:
    hostile_journal(journal)
    due = run("due", "--today", "2026-11-21", journal=journal)
    assert due.exit_code == 0
    assert "Send \ufffd[5mblink\ufffd[0m" in due.output
    assert ESC not in due.output and no_controls(due.output)
    check = run("check", journal=journal)
    assert ESC not in check.output and no_controls(check.output)
    assert "“gh\ufffd[31most”" in check.output
    built = build(journal, journal.parent / "site")
    assert built.exit_code == 0 and no_controls(built.output)
    assert "\ufffd" in built.output  # the warning about `mood` quotes the value, made visible
    compare = run("compare", "typical-week", journal=journal)
    assert compare.exit_code == 0
    assert "Eve\ufffd]0;pwned\ufffd \ufffd[31mRed" in compare.output
    assert "Long days\ufffd[2J and \ufffd[31mred\ufffd[0m text." in compare.output
    assert no_controls(compare.output)
    as_json = run("compare", "typical-week", "--format", "json", journal=journal)
    assert no_controls(as_json.output)
    assert "\\u001b[2J" in as_json.output  # the data itself is kept, escaped


def test_error_messages_quote_the_journal_safely(run: Run, journal: Path) -> None:
    hostile_journal(journal)
    missing = run("compare", "\x1b[31mnothing", journal=journal)
    assert missing.exit_code != 0
    assert no_controls(missing.stderr) and "\ufffd[31mnothing" in missing.stderr
    log = run("log", "no\x1b[1mone", "sent", journal=journal)
    assert log.exit_code != 0 and no_controls(log.stderr)


# -- YAML line breaks do not shift line numbers ---------------------------------------------------


@pytest.mark.parametrize("breaks", ["\x85", "\u2028", "\u2029", "\x85\u2028\u2029", "\x85\x85"])
def test_yaml_line_breaks_keep_editor_line_numbers(run: Run, journal: Path, breaks: str) -> None:
    text = f'---\nname: "Ana{breaks}Núñez"\nrole: x\nkeep_in_touch: weekly-ish\n---\nbody\n'
    write(journal, "contacts/ana.md", text)
    result = run("check", "--format", "json", journal=journal)
    [problem] = json.loads(result.output)
    assert (problem["file"], problem["line"]) == ("contacts/ana.md", 4)


def test_yaml_syntax_error_after_a_line_separator(run: Run, journal: Path) -> None:
    write(journal, "contacts/ana.md", '---\nname: "A\u2028B\x85C"\ntags: [a, b\n---\n')
    result = run("check", "--format", "json", journal=journal)
    lines = [p["line"] for p in json.loads(result.output)]
    assert lines and all(line <= 4 for line in lines), lines  # an editor's file has 5 lines


# -- keys and slugs in every script ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Кем вы работаете?", "кем-вы-работаете"),
        ("КЕМ ВЫ РАБОТАЕТЕ", "кем-вы-работаете"),
        ("你的工作是什么？", "你的工作是什么"),
        ("Τι κάνετε;", "τι-κάνετε"),
        ("ما هو عملك؟", "ما-هو-عملك"),
        ("नमस्ते दुनिया", "नमस्ते-दुनिया"),
        ("What's a typical week?", "whats-a-typical-week"),
        ("Qué estudiaste?", "que-estudiaste"),
        ("Ｆｕｌｌ width", "full-width"),
    ],
)
def test_keys_keep_letters_of_every_script(heading: str, key: str) -> None:
    assert normalise(heading) == key


@pytest.mark.parametrize(
    ("heading", "key"), [("🎉🎉", "tada-tada"), ("☕ ☕", "coffee-coffee"), ("???", "")]
)
def test_emoji_headings_get_a_transliterated_key(heading: str, key: str) -> None:
    assert section_key(heading, None) == key


def test_different_non_latin_questions_get_different_keys() -> None:
    texts = ["Кем вы работаете?", "Где вы учились?", "你好", "再见", "Καλημέρα", "Καληνύχτα"]
    assert len({normalise(t) for t in texts}) == len(texts)
    assert len({key_src(normalise(t)) for t in texts}) == len(texts)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Иван Петров", "ivan-petrov"),
        ("王伟", "wang-wei"),
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),
        ("🎉", "tada"),
        ("Ana Lucía Núñez", "ana-lucia-nunez"),
    ],
)
def test_file_names_are_transliterated(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_long_names_make_capped_file_names(run: Run, journal: Path) -> None:
    for name in ("Bartholomew " * 30, "Ж" * 300, "王" * 200):
        assert len(slugify(name).encode()) <= MAX_SLUG_BYTES
    result = run("new", "contact", "Bartholomew " * 30, journal=journal)
    assert result.exit_code == 0
    [made] = (journal / "contacts").glob("*.md")
    assert len(made.stem) <= MAX_SLUG_BYTES and made.stem.startswith("bartholomew-bartholomew")
    assert key_src("x" * 300).startswith("compare/" + "x" * 90)
    assert len(key_src("x" * 300).encode()) <= MAX_SLUG_BYTES + len("compare/.md")


def test_non_latin_questions_are_compared_on_the_site(
    run: Run, journal: Path, tmp_path: Path
) -> None:
    contact(journal, "ivan-petrov", "Иван Петров")
    contact(journal, "olga-ivanova", "Ольга Иванова")
    contact(journal, "wang-wei", "王伟")
    for slug, day in (("ivan-petrov", "2026-10-01"), ("olga-ivanova", "2026-10-05")):
        body = f"## Кем вы работаете?\n\nОтвет {slug}.\n\n## Где вы учились?\n\nВ школе {slug}.\n"
        note(journal, f"{day}-{slug}", slug, day, body)
    note(
        journal,
        "2026-10-07-wang-wei",
        "wang-wei",
        "2026-10-07",
        "## 你的工作是什么？\n\n图书馆。\n",
    )
    printed = run("compare", "Кем вы работаете?", journal=journal)
    assert printed.exit_code == 0
    assert printed.output.startswith("Кем вы работаете? (кем-вы-работаете)\n2 answers")
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    address = key_src("кем-вы-работаете")[: -len(".md")]
    assert re.fullmatch(r"compare/kem-vy-rabotaete-[0-9a-f]{8}", address)
    html = page(site, address)
    assert "Ответ ivan-petrov." in html and "Ответ olga-ivanova." in html
    assert "В школе" not in html  # a different question is not lumped in
    assert f'href="../{address}/"' in page(site, "compare")


# -- leads named in any script reach /network/ ----------------------------------------------------


def test_non_latin_and_emoji_leads_are_on_the_network_page(journal: Path, tmp_path: Path) -> None:
    contact(journal, "ana", "Ana")
    referrals = (
        "referrals:\n  - name: Иван Петров\n  - name: 王伟\n  - name: 🎉🎉\n"
        '  - name: Γιώργος\n  - name: "#1 ? 100% fan"\n'
    )
    note(journal, "2026-10-01-ana", "ana", "2026-10-01", "Hi.\n", referrals)
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    html = page(tmp_path / "site", "network")
    for name in ("Иван Петров", "王伟", "🎉🎉", "Γιώργος", "#1 ? 100% fan"):
        assert html.count(name) >= 2, name  # in the drawing and in the list of leads
    assert 'id="lead-ivan-petrov"' in html and 'href="#lead-ivan-petrov"' in html
    assert 'id="lead-tada-tada"' in html


# -- links: every URL part from the journal is percent-encoded ------------------------------------


def test_url_helpers() -> None:
    assert path("contacts/a#b?c%d e/") == "contacts/a%23b%3Fc%25d%20e/"
    assert fragment("lead-иван") == "lead-%D0%B8%D0%B2%D0%B0%D0%BD"
    assert mailto("ana@x.org?cc=boss@x.org&bcc=spy@y.org") == (
        "mailto:ana@x.org%3Fcc%3Dboss@x.org%26bcc%3Dspy@y.org"
    )
    assert (
        mailto("a@b.c", "Hi & bye", "l1\nl2")
        == "mailto:a@b.c?subject=Hi%20%26%20bye&body=l1%0D%0Al2"
    )


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_slugs_with_url_characters_link_to_their_pages(journal: Path, tmp_path: Path) -> None:
    odd = ["a#b", "what?", "100%", "ana lucia", "ünï"]
    for slug in odd:
        contact(journal, slug, f"Person {slug}")
        note(journal, f"2026-10-01-{slug}", f'"{slug}"', "2026-10-01", "Hello.\n")
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    for list_page in ("contacts", "notes"):
        base = f"https://x.test/{list_page}/"
        targets = set()
        for href in _hrefs(page(site, list_page)):
            parts = urlsplit(href)
            if parts.scheme or not parts.path or parts.path.startswith(("/", "#")):
                continue
            resolved = Path(unquote(urlsplit(base + parts.path).path).lstrip("/")).as_posix()
            target = site / Path(resolved.replace("x.test/", "", 1))
            targets.add(target)
        for slug in odd:
            wanted = site / list_page / (slug if list_page == "contacts" else f"2026-10-01-{slug}")
            assert wanted.resolve() in {t.resolve() for t in targets}, (list_page, slug)
            assert (wanted / "index.html").is_file()


def test_email_with_headers_is_one_address_on_the_contact_card(
    journal: Path, tmp_path: Path
) -> None:
    contact(journal, "ana", "Ana", 'email: "ana@x.org?cc=boss@x.org&bcc=spy@y.org"\n')
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    html = page(tmp_path / "site", "contacts/ana")
    mailtos = [h for h in _hrefs(html) if h.startswith("mailto:")]
    assert mailtos, html
    assert "mailto:ana@x.org%3Fcc%3Dboss@x.org%26bcc%3Dspy@y.org" in mailtos
    for href in mailtos:
        address = href.split("?", 1)[0]
        assert "cc=" not in address and "&amp;bcc" not in href.split("?", 1)[0]


# -- reserved file names --------------------------------------------------------------------------


def test_reserved_file_names_are_reported(run: Run, journal: Path, tmp_path: Path) -> None:
    contact(journal, "index", "Index Person")
    contact(journal, "README", "Read Me")
    contact(journal, "ana", "Ana")
    note(journal, "index", "ana", "2026-10-01", "Hi.\n")
    result = run("check", journal=journal)
    assert result.output == (
        "contacts/README.md: warning: README.md is the name of the site's own page for contacts/ "
        "(the list of all contacts), so this file gets no page of its own; rename it (e.g. to "
        "README-1.md)\n"
        "contacts/index.md: warning: index.md is the name of the site's own page for contacts/ "
        "(the list of all contacts), so this file gets no page of its own; rename it (e.g. to "
        "index-1.md)\n"
        "notes/index.md: warning: index.md is the name of the site's own page for notes/ (the "
        "list of all notes), so this file gets no page of its own; rename it (e.g. to "
        "index-1.md)\n"
        "0 errors and 3 warnings in 3 contacts and 1 note.\n"
    )
    built = build(journal, tmp_path / "site")
    assert built.exit_code == 0
    assert "contacts/index.md" in built.output and "notes/index.md" in built.output
    # the list pages are still the lists
    assert "Read Me" in page(tmp_path / "site", "contacts")


def test_keys_that_map_to_one_address_keep_their_own_pages(journal: Path, tmp_path: Path) -> None:
    contact(journal, "ana", "Ana")
    body = (
        "## Index {#index}\n\nFirst.\n\n## Index answers {#index-answers}\n\nSecond.\n\n"
        "## Facts {#facts}\n\nThird.\n\n## Big {#Big}\n\nFourth.\n\n## big {#big}\n\nFifth.\n"
    )
    note(journal, "2026-10-01-ana", "ana", "2026-10-01", body)
    note(journal, "2026-10-02-ana", "ana", "2026-10-02", body)
    sources = {key_src(k) for k in ("index", "index-answers", "facts", "Big", "big")}
    assert len(sources) == 5
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    for key, text in (
        ("index", "First."),
        ("index-answers", "Second."),
        ("facts", "Third."),
        ("Big", "Fourth."),
        ("big", "Fifth."),
    ):
        html = page(site, key_src(key)[: -len(".md")])
        assert text in html, key
    assert "<h1>Facts compared</h1>" in page(site, "compare/facts")  # ours is still ours
    assert "<h1>Compare</h1>" in page(site, "compare")
