"""`build --protect` (issue 14): every file of the output and every file and folder name is
searched for the journal's names, slugs, e-mails and phrases and finds none; the locked pages
open again with the password (AES-GCM, PBKDF2-SHA256 at 600,000 iterations), their links lead
to files that exist, and the password comes from a prompt, a file or the environment only."""

from __future__ import annotations

import base64
import html
import json
import posixpath
import re
import tempfile
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from coffeechat.cli import main
from coffeechat.write import protect
from cryptography.exceptions import InvalidTag
from protect_fixtures import (
    ENV,
    PASSWORD,
    journal_secrets,
    key_of,
    opened_pages,
    payloads,
    protected_build,
    without_payloads,
)
from site_fixtures import REPO, TODAY, copy_journal
from test_public import ANA, SECRETS, journal

ASSETS = "assets/coffeechat/"
SEALED_FILES = ("assets/coffeechat/sealed-1.js",)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example journal built with --protect --strict: (journal, site)."""
    root = tmp_path_factory.mktemp("protect")
    journal_dir = copy_journal(REPO, root / "journal")
    result = protected_build(journal_dir, root / "site", "--strict")
    assert result.exit_code == 0, result.output
    return journal_dir, root / "site"


def files_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def texts(site: Path) -> dict[str, str]:
    """Each file as searchable text without its ciphertext: entities and %-escapes decoded."""
    found = {}
    for path in files_of(site):
        text = without_payloads(path.read_bytes().decode("utf-8", errors="replace"))
        found[path.relative_to(site).as_posix()] = unquote(html.unescape(text))
    return found


def leaks(found: dict[str, str], secrets: list[str]) -> list[tuple[str, str]]:
    return [
        (name, secret)
        for name, text in found.items()
        for secret in secrets
        if secret.casefold() in text.casefold()
    ]


def is_package_file(site: Path, name: str) -> bool:
    """The file's bytes are those of a file that Material or coffeechat ships (so not from the
    journal)."""
    import material

    if name.startswith(ASSETS):
        source = Path(str(resources.files("coffeechat.render.assets"))) / name[len(ASSETS) :]
    else:
        source = Path(material.__file__).parent / "templates" / name
    return source.is_file() and source.read_bytes() == (site / name).read_bytes()


# -- the grep test -------------------------------------------------------------------------------


def test_no_file_and_no_name_in_the_output_carries_journal_data(example: tuple[Path, Path]) -> None:
    journal_dir, site = example
    strong, words = journal_secrets(journal_dir)
    assert "Ana Lucía Núñez" in strong and "anunez@pratt-library.example.org" in strong
    assert "2026-11-19-luis-ferreira" in strong and "Kowalski" in words
    assert len(strong) > 60  # phrases from every note, not just names
    found = texts(site)
    # Material's and coffeechat's own files can spell a short name by chance ("original" holds
    # "Gina"): they are checked byte for byte against the installed packages instead, and grepped
    # for the strong secrets only.
    theme = {name for name in found if name.startswith("assets/") and name not in SEALED_FILES}
    assert len(theme) > 40 and all(is_package_file(site, name) for name in theme)
    assert leaks(found, strong) == []
    assert leaks({n: t for n, t in found.items() if n not in theme}, words) == []
    names = {"/".join(p.relative_to(site).parts) for p in site.rglob("*")}
    assert leaks({"file and folder names": "\n".join(names)}, [*strong, *words]) == []
    # What is published at all: locked pages under nameless addresses, sealed data, assets.
    pages = sorted(n for n in found if n.endswith(".html"))
    assert pages[:2] == ["404.html", "index.html"]
    assert all(re.fullmatch(r"p/\d+/index\.html", n) for n in pages[2:])
    assert not {"sitemap.xml", "sitemap.xml.gz", "tags.json", "follow-ups.ics"} & set(found)
    assert not (site / "search/search_index.json").exists()
    assert (site / "search/search_index.js").read_text() == protect.INDEX_STUB_TEXT


def test_the_ciphertext_is_not_the_text_encoded(example: tuple[Path, Path]) -> None:
    journal_dir, site = example
    strong, words = journal_secrets(journal_dir)
    sealed = payloads(site)
    assert {"index.html", "404.html", protect.SEALED_INDEX, "assets/coffeechat/sealed-1.js"} <= set(
        sealed
    )
    for name, payload in sealed.items():
        data = base64.b64decode(payload, validate=True)
        for secret in [*strong, *words]:
            assert secret.encode() not in data, (name, secret)


def test_every_page_opens_with_the_password_and_holds_the_journal(
    example: tuple[Path, Path],
) -> None:
    _, site = example
    pages = opened_pages(site, key_of(site))
    titles = [
        re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip() for text in pages.values()
    ]
    assert any(t.startswith("Ana Lucía Núñez") for t in titles)
    assert any(t.startswith("Luis Ferreira, 19 Nov 2026") for t in titles)
    assert any("Medicaid billing" in text for text in pages.values())
    with pytest.raises(InvalidTag):
        opened_pages(site, key_of(site, "not the right password"))


def broken_links(site: Path) -> tuple[list[str], int]:
    """Links in the opened pages that lead to no file of the protected site, and how many were
    checked."""
    broken, checked = [], 0
    for name, text in opened_pages(site, key_of(site)).items():
        if name == "404.html":
            continue  # served at any address: its links are absolute
        folder = posixpath.dirname(name)
        for url in re.findall(r'(?:href|src)="([^"#]+)', text):
            parts = urlsplit(html.unescape(url))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(folder or ".", parts.path))
            if parts.path.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html")
            if target == "follow-ups.ics":
                continue  # a sealed download, opened by protect.js
            checked += 1
            if not (site / target).is_file():
                broken.append(f"{name}: {url}")
    return broken, checked


def test_links_in_the_opened_pages_lead_to_files_that_exist(example: tuple[Path, Path]) -> None:
    _, site = example
    broken, checked = broken_links(site)
    assert broken == [] and checked > 500
    first = opened_pages(site, key_of(site))["p/1/index.html"]
    config = re.search(r'id="__config" type="application/json">(.*?)</script>', first)
    settings = json.loads(config.group(1))
    assert settings["base"] == "../.." and (site / "p/1" / settings["search"]).resolve().is_file()
    assert '__md_scope=new URL("../..",location)' in first


def test_links_follow_without_directory_urls(tmp_path: Path) -> None:
    root = copy_journal(REPO, tmp_path / "journal")
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config + "use_directory_urls: false\n")
    site = tmp_path / "site"
    result = protected_build(root, site)
    assert result.exit_code == 0, result.output
    broken, checked = broken_links(site)
    assert broken == [] and checked > 500
    assert not [
        p
        for p in site.rglob("*.html")
        if not re.fullmatch(r"(p/\d+/)?(index|404)\.html", p.relative_to(site).as_posix())
    ]


def test_the_search_index_is_sealed_with_the_new_addresses(example: tuple[Path, Path]) -> None:
    _, site = example
    sealed = payloads(site)[protect.SEALED_INDEX]
    index = json.loads(protect.unseal(key_of(site), sealed))
    locations = {doc["location"] for doc in index["docs"]}
    assert all(re.match(r"(p/\d+/)?(#.*)?$", location) for location in locations), locations
    assert any("Medicaid billing" in doc["text"] for doc in index["docs"])


def test_the_calendar_feed_is_sealed_for_a_download(example: tuple[Path, Path]) -> None:
    _, site = example
    feed = protect.unseal(key_of(site), payloads(site)["assets/coffeechat/sealed-1.js"])
    assert feed.startswith(b"BEGIN:VCALENDAR")
    settings = re.search(r'id="cc-protect">([^<]*)<', (site / "index.html").read_text())
    assert json.loads(settings.group(1))["downloads"] == {
        "follow-ups.ics": "assets/coffeechat/sealed-1.js"
    }


# -- with --public -------------------------------------------------------------------------------


def test_protect_with_public_is_redacted_and_protected(tmp_path: Path) -> None:
    root = journal(
        tmp_path / "j", {"contacts/ana-lucia-nunez.md": ANA.format(private="private: true")}
    )
    site = tmp_path / "site"
    result = protected_build(root, site, "--public")
    assert result.exit_code == 0, result.output
    found = texts(site)
    assert leaks(found, [*SECRETS, "Bob Public", "bob-public", "Harbor Welding"]) == []
    opened = "\n".join(opened_pages(site, key_of(site)).values())
    assert "Bob Public" in opened  # the public contact is there, behind the password
    assert not [s for s in SECRETS if s.casefold() in opened.casefold()]
    assert "bob@harbor.example" not in opened  # contact details stay out of public builds
    # site_url has a path: the 404 page (served at any address) links from the site's root
    page_404 = opened_pages(site, key_of(site))["404.html"]
    assert 'href="/journal/p/' in page_404 and "/journal/contacts/" not in page_404


# -- fails closed --------------------------------------------------------------------------------


def test_files_that_are_not_pages_are_left_out_and_said_so(tmp_path: Path) -> None:
    root = copy_journal(REPO, tmp_path / "journal")
    (root / "pages" / "ana-lucia-nunez-cv.pdf").write_bytes(b"%PDF-1.4 Ana Lucia Nunez")
    (root / "pages" / "extra.css").write_text("body { color: black; }\n")
    config = (root / "mkdocs.yml").read_text()
    config = config.replace(
        "    - search.highlight\n", "    - search.highlight\n    - navigation.instant\n"
    )
    (root / "mkdocs.yml").write_text(config + "extra_css:\n  - extra.css\n")
    site = tmp_path / "site"
    result = protected_build(root, site)
    assert result.exit_code == 0, result.output
    assert "left out ana-lucia-nunez-cv.pdf" in result.output
    assert "navigation.instant turned off" in result.output
    assert not list(site.rglob("*.pdf"))
    assert (site / "extra.css").read_text() == "body { color: black; }\n"  # mkdocs.yml names it
    opened = opened_pages(site, key_of(site))["index.html"]
    assert "navigation.instant" not in opened


def test_an_old_site_is_replaced_and_no_clear_copy_stays_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_journal(REPO, tmp_path / "journal")
    site = tmp_path / "site"
    (site / "contacts" / "ana-lucia-nunez").mkdir(parents=True)
    (site / "contacts" / "ana-lucia-nunez" / "index.html").write_text("Ana Lucía Núñez")
    (site / ".git").mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    result = protected_build(root, site)
    assert result.exit_code == 0, result.output
    assert not (site / "contacts").exists() and (site / ".git").is_dir()
    assert list(temp.iterdir()) == []  # the clear build's folder is gone


def test_a_failed_build_leaves_no_clear_site(tmp_path: Path) -> None:
    root = copy_journal(REPO, tmp_path / "journal")
    (root / "notes" / "broken.md").write_text("---\ncontact: [\n---\n")
    site = tmp_path / "site"
    result = protected_build(root, site, "--strict")
    assert result.exit_code != 0
    assert not site.exists() or leaks(texts(site), ["Ana Lucía Núñez", "Kowalski"]) == []


# -- the password ----------------------------------------------------------------------------------


def run_build(
    root: Path, site: Path, *args: str, env: dict | None = None, input: str | None = None
):
    command = ["--journal", str(root), "build", "--today", TODAY, "--site-dir", str(site), *args]
    return CliRunner(env={**ENV, **(env or {})}).invoke(main, command, input=input)


def test_the_password_can_be_typed_twice_at_a_prompt(tmp_path: Path) -> None:
    root = journal(tmp_path / "j", {})
    typed = "a long typed passphrase"
    result = run_build(root, tmp_path / "site", "--protect", input=f"{typed}\n{typed}\n")
    assert result.exit_code == 0, result.output
    assert "Password for the protected site" in result.output and typed not in result.output
    opened_pages(tmp_path / "site", key_of(tmp_path / "site", typed))


def test_the_password_can_come_from_the_environment(tmp_path: Path) -> None:
    root = journal(tmp_path / "j", {})
    secret = "from the environment 42"
    result = run_build(root, tmp_path / "site", "--protect", env={protect.PASSWORD_ENV: secret})
    assert result.exit_code == 0, result.output
    assert "Password" not in result.output
    opened_pages(tmp_path / "site", key_of(tmp_path / "site", secret))


@pytest.mark.parametrize(
    ("args", "env", "typed", "message"),
    [
        (["--protect"], {protect.PASSWORD_ENV: "short"}, None, "too short (5 characters)"),
        (["--protect"], {}, "", "--protect needs a password"),
        (["--password-file", "x"], {}, None, "--password-file is only used with --protect"),
        (
            ["--protect", "--password-file", "missing.txt"],
            {},
            None,
            "cannot read the password file",
        ),
    ],
    ids=["short", "none", "file-without-protect", "missing-file"],
)
def test_no_usable_password_stops_before_anything_is_built(
    tmp_path: Path, args: list[str], env: dict, typed: str | None, message: str
) -> None:
    root = journal(tmp_path / "j", {})
    result = run_build(root, tmp_path / "site", *args, env=env, input=typed)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_the_password_file_wins_and_its_line_end_is_not_part_of_it(tmp_path: Path) -> None:
    root = journal(tmp_path / "j", {})
    site = tmp_path / "site"
    result = protected_build(root, site, env={protect.PASSWORD_ENV: "the environment's one"})
    assert result.exit_code == 0, result.output
    opened_pages(site, key_of(site, PASSWORD))


def test_there_is_no_password_option_and_mkdocs_yml_cannot_hold_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "--protect" in result.output and "--password-file" in result.output
    assert "--password " not in result.output and "--password=" not in result.output
    root = journal(tmp_path / "j", {})
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config + "      password: hunter2hunter2\n")
    result = protected_build(root, tmp_path / "site")
    assert result.exit_code != 0
    assert "mkdocs.yml: holds a password" in result.output
    assert not (tmp_path / "site").exists()


# -- the pieces ----------------------------------------------------------------------------------


def test_links_follow_their_pages_from_every_depth() -> None:
    pages = protect.page_paths(
        ["index.html", "404.html", "contacts/index.html", "contacts/ana/index.html", "pitch.html"]
    )
    # numbered in the order of the old addresses
    assert [pages[p] for p in ("contacts/ana/index.html", "contacts/index.html", "pitch.html")] == [
        "p/1/index.html",
        "p/2/index.html",
        "p/3/index.html",
    ]
    links = protect.Links(pages, "contacts/ana", "p/1", "/j/", "https://example.org/j/")
    assert links.url("../../") == "../../"
    assert links.url("../..") == "../../"
    assert links.url("../") == "../2/"
    assert links.url("./") == "./"
    assert links.url("../../pitch.html#x") == "../3/#x"
    assert links.url("../../assets/a.css?v=1") == "../../assets/a.css?v=1"
    assert links.url("https://example.org/j/contacts/ana/") == "https://example.org/j/p/1/"
    assert links.url("/j/contacts/") == "/j/p/2/"
    assert (
        links.url("https://elsewhere.example/contacts/ana/")
        == "https://elsewhere.example/contacts/ana/"
    )
    assert links.url("mailto:ana@example.org") == "mailto:ana@example.org"
    assert links.url("#top") == "#top"
    page = (
        '<a class="x" href="../../contacts/">c</a><img srcset="../../a.png 1x, ../../b.png 2x">'
        '<meta http-equiv="refresh" content="0; url=../">'
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../s.js"}</script>'
        '<script>__md_scope=new URL("../..",location)</script><code>&lt;a href="../"&gt;</code>'
    )
    moved = protect.Links(pages, "contacts/ana", "", "/", "")
    assert protect.rewrite_page(page, moved) == (
        '<a class="x" href="p/2/">c</a><img srcset="a.png 1x, b.png 2x">'
        '<meta http-equiv="refresh" content="0; url=p/2/">'
        '<script id="__config" type="application/json">{"base": ".", "search": "s.js"}</script>'
        '<script>__md_scope=new URL(".",location)</script><code>&lt;a href="../"&gt;</code>'
    )


def test_page_numbers_follow_a_keyed_order_not_the_names() -> None:
    paths = [f"contacts/{name}/index.html" for name in "abcdefghijklmnopqrst"]
    password = protect.Password("x" * 12)
    orders = [
        protect.page_paths(
            paths, protect.Sealer(salt, protect.derive_key(password, salt, 1000)).rank
        )
        for salt in (b"1" * 16, b"2" * 16)
    ]
    assert orders[0] != orders[1]
    assert orders[0] != protect.page_paths(paths)  # not the alphabetical one
    assert sorted(orders[0].values()) == sorted(protect.page_paths(paths).values())


def test_sealing_is_authenticated_and_randomised() -> None:
    sealer = protect.Sealer(
        b"s" * 16, protect.derive_key(protect.Password("x" * 12), b"s" * 16, 1000)
    )
    one, two = sealer.seal(b"Ana"), sealer.seal(b"Ana")
    assert one != two and protect.unseal(sealer.key, one) == b"Ana"
    tampered = base64.b64decode(one)
    tampered = tampered[:-1] + bytes([tampered[-1] ^ 1])
    with pytest.raises(InvalidTag):
        protect.unseal(sealer.key, base64.b64encode(tampered).decode())
    assert "x" * 12 not in repr(protect.Password("x" * 12))


def test_composed_and_decomposed_passwords_are_the_same() -> None:
    salt = b"0" * 16
    composed = protect.derive_key(protect.Password("Núñez-passphrase"), salt, 1000)
    decomposed = protect.derive_key(protect.Password("Nu\u0301n\u0303ez-passphrase"), salt, 1000)
    assert composed == decomposed
