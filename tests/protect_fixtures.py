"""Shared by the protected-site tests: a protected build, the journal's secrets (names, slugs,
e-mails, phrases), and the sealed pages opened again with the password in Python."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import frontmatter
from click.testing import CliRunner, Result
from coffeechat.cli import main
from coffeechat.write import protect
from site_fixtures import TODAY

PASSWORD = "correct horse battery staple"
ENV: dict[str, str | None] = {protect.PASSWORD_ENV: None}
SEALED = re.compile(r'(<script type="text/plain" id="cc-sealed">)([^<]*)(</script>)')
SETTINGS = re.compile(r'<script type="application/json" id="cc-protect">([^<]*)</script>')
PAYLOAD = re.compile(r'^(window\.__cc\w+ = ")([A-Za-z0-9+/=]*)(";\n)$')


def protected_build(
    journal: Path, site: Path, *args: str, password: str = PASSWORD, env: dict | None = None
) -> Result:
    """`coffeechat build --protect` with the password in a file beside the site."""
    secret = site.parent / f"{site.name}.password"
    secret.write_text(password + "\n", encoding="utf-8")
    command = ["--journal", str(journal), "build", "--today", TODAY, "--site-dir", str(site)]
    command += ["--protect", "--password-file", str(secret), *args]
    return CliRunner(env={**ENV, **(env or {})}).invoke(main, command, catch_exceptions=False)


def journal_secrets(journal: Path) -> tuple[list[str], list[str]]:
    """(strong, words): what must appear nowhere in the output. Strong: full names, slugs,
    e-mails, phones, companies and phrases from note bodies; words: each part of a name (also
    checked in file and folder names)."""
    strong: set[str] = set()
    words: set[str] = set()
    for path in sorted((journal / "contacts").glob("*.md")):
        post = frontmatter.load(path)
        strong.add(path.stem)
        for key in ("name", "email", "phone", "company"):
            if isinstance(post.get(key), str):
                strong.add(post[key])
        words.update(part for part in str(post.get("name", "")).split() if len(part) >= 4)
    for path in sorted((journal / "notes").glob("*.md")):
        strong.add(path.stem)
        body = frontmatter.load(path).content
        for paragraph in body.split("\n\n"):
            found = paragraph.split()
            if len(found) >= 8 and not paragraph.startswith(("#", "-", "|", "*")):
                strong.add(" ".join(found[:5]))
    return sorted(strong), sorted(words)


def key_of(site: Path, password: str = PASSWORD) -> bytes:
    settings = json.loads(SETTINGS.search((site / "index.html").read_text("utf-8")).group(1))
    salt = base64.b64decode(settings["salt"])
    return protect.derive_key(protect.Password(password), salt, settings["iterations"])


def opened_pages(site: Path, key: bytes) -> dict[str, str]:
    """Every locked page (site path → the HTML it holds)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        match = SEALED.search(path.read_text("utf-8"))
        assert match, f"{path} is not a locked page"
        found[path.relative_to(site).as_posix()] = protect.unseal(key, match.group(2)).decode()
    return found


def payloads(site: Path) -> dict[str, str]:
    """Every sealed payload of the output (site path → its base64)."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        match = SEALED.search(text) or PAYLOAD.match(text)
        if match:
            found[path.relative_to(site).as_posix()] = match.group(2)
    return found


def without_payloads(text: str) -> str:
    """A file's text with its ciphertext taken out: random base64 spells short words by chance."""
    text = SEALED.sub(r"\1\3", text)
    return PAYLOAD.sub(r"\1\3", text)
