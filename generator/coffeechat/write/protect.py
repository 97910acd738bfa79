"""A password-protected site (`build --protect`): MkDocs builds the site into a private temporary
folder, and this module turns that folder into one that can go on any static host.

- Every HTML file is replaced by a small locked page that holds the original, encrypted with
  AES-256-GCM under a key derived from the password with PBKDF2-HMAC-SHA256 (600,000 iterations,
  a random salt per build). protect.js decrypts it with WebCrypto and writes it into the page.
- Pages get addresses that carry no name: the home page stays index.html, 404.html stays, every
  other page becomes p/<n>/ (numbered in an order keyed by the build's key, so the numbers say
  nothing about the names either); links, Material's settings and the search index follow.
- The search index is encrypted too (search/sealed-index.js) and handed to Material's search in
  the browser after unlocking; the calendar feed is encrypted for a download from the unlocked
  follow-ups page (a feed that needs a password cannot be subscribed to).
- Fails closed: a file is published in the clear only when its bytes are those of a file shipped
  by the theme, the search plugin or coffeechat itself (or it is a stylesheet or script that
  mkdocs.yml names); anything else (the sitemap, Material's tags.json, an image in pages/) is
  left out and said so.

Why not mkdocs-encryptcontent-plugin (3.1.0, checked): it encrypts page bodies with AES-CBC
(no authentication) at 10^5 PBKDF2 iterations by default, leaves titles, navigation, the table
of contents, the sitemap and the addresses in the clear, drops protected pages from search unless
Material is patched, takes its password from mkdocs.yml (or a file it names) and writes a cache of
derived keys next to mkdocs.yml. Encrypting whole output files here is simpler to prove closed.

The cipher is the `cryptography` package's (AESGCM, PBKDF2HMAC) and the browser's WebCrypto:
nothing here implements one."""

from __future__ import annotations

import base64
import html
import json
import logging
import posixpath
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from coffeechat.model import JournalError
from coffeechat.write import writer

log = logging.getLogger("mkdocs.plugins.coffeechat")

ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256 (2023)
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
MIN_PASSWORD = 12
PASSWORD_ENV = "COFFEECHAT_PASSWORD"
ASSET_DIR = "assets/coffeechat"
SCRIPT = "protect.js"
SEALED_INDEX = "search/sealed-index.js"
# Material reads search/search_index.js when a page comes from the disk: in a protected build it
# holds no data, and protect.js puts the decrypted index where Material looks for it.
INDEX_STUB = "search/search_index.js"
INDEX_STUB_TEXT = "/* coffeechat: the search index is sealed; protect.js opens it */\n"
SEARCH_INDEXES = frozenset({"search/search_index.json", "search/search_index.js"})
# Files offered as an encrypted download from the unlocked pages.
DOWNLOADS = ("follow-ups.ics",)
# Material's instant navigation would fetch the next page's locked file and paste it in.
INSTANT = re.compile(r"^navigation\.instant(\..*)?$")
# Known files that are left out without a warning: they only list the site's pages.
QUIETLY_LEFT_OUT = frozenset({"sitemap.xml", "sitemap.xml.gz", "tags.json"})


class Password:
    """The password, kept out of reprs and tracebacks."""

    def __init__(self, text: str) -> None:
        self._text = unicodedata.normalize("NFC", text)  # as protect.js normalises what is typed

    def __repr__(self) -> str:
        return "Password(…)"

    def encoded(self) -> bytes:
        return self._text.encode("utf-8")


def checked_password(text: str, where: str) -> Password:
    """A password good enough to stand an offline guessing attack on a public host."""
    if len(text) < MIN_PASSWORD:
        raise JournalError(
            f"the password is too short ({len(text)} characters): a protected site can be "
            f"copied and guessed at offline, so use at least {MIN_PASSWORD} characters "
            "(a few random words make a good one)",
            where,
        )
    return Password(text)


def password_from(password_file: Path | None, environ: Mapping[str, str]) -> Password | None:
    """The password from --password-file, else from $COFFEECHAT_PASSWORD; None: ask for it."""
    if password_file is not None:
        try:
            text = password_file.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            why = writer.reason(exc) if isinstance(exc, OSError) else "it is not UTF-8 text"
            raise JournalError(
                f"cannot read the password file: {why}", str(password_file)
            ) from None
        return checked_password(text.splitlines()[0] if text.strip() else "", str(password_file))
    if PASSWORD_ENV in environ:
        return checked_password(environ[PASSWORD_ENV], PASSWORD_ENV)
    return None


def names_a_password(data: object) -> bool:
    """Whether a (YAML) value holds a key that looks like a password anywhere inside it."""
    if isinstance(data, Mapping):
        return any("password" in str(k).lower() or names_a_password(v) for k, v in data.items())
    if isinstance(data, list):
        return any(names_a_password(item) for item in data)
    return False


def without_instant(features: Iterable[object]) -> tuple[list[object], list[str]]:
    """Material's features without instant navigation, and the ones taken out."""
    kept: list[object] = []
    dropped: list[object] = []
    for feature in features:
        (dropped if INSTANT.match(str(feature)) else kept).append(feature)
    return kept, [str(f) for f in dropped]


# -- encryption ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sealer:
    salt: bytes
    key: bytes = field(repr=False)

    @classmethod
    def new(cls, password: Password) -> Sealer:
        salt = secrets.token_bytes(SALT_BYTES)
        return cls(salt, derive_key(password, salt))

    def rank(self, path: str) -> bytes:
        """A keyed hash of a page's old address, to number pages in an order that reveals
        nothing (sorted addresses would tell how many slugs come before "index")."""
        order_key = HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"coffeechat page order"
        ).derive(self.key)
        signer = hmac.HMAC(order_key, hashes.SHA256())
        signer.update(path.encode("utf-8"))
        return signer.finalize()

    def seal(self, data: bytes) -> str:
        """base64(nonce ‖ ciphertext ‖ tag): the layout protect.js reads."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return base64.b64encode(nonce + AESGCM(self.key).encrypt(nonce, data, None)).decode()


def derive_key(password: Password, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, iterations=iterations)
    return kdf.derive(password.encoded())


def unseal(key: bytes, text: str) -> bytes:
    """The inverse of Sealer.seal (for tests and tools); InvalidTag for a wrong key."""
    data = base64.b64decode(text)
    return AESGCM(key).decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], None)


# -- addresses -----------------------------------------------------------------------------------


def page_paths(
    html_files: Iterable[str], rank: Callable[[str], bytes] | None = None
) -> dict[str, str]:
    """Old file path → new file path. The home page and 404.html keep theirs (hosts look for
    them there); every other page becomes p/<n>/index.html, numbered in the order of `rank`
    (Sealer.rank: an order that says nothing about the old addresses), else of the paths."""
    moved: dict[str, str] = {}
    number = 0
    for path in sorted(html_files, key=rank or (lambda path: path.encode())):
        if path in ("index.html", "404.html"):
            moved[path] = path
        else:
            number += 1
            moved[path] = f"p/{number}/index.html"
    return moved


@dataclass(frozen=True)
class Links:
    """Rewrites the URLs of one page for its new address."""

    pages: Mapping[str, str]  # old file path → new file path
    old_dir: str  # the page's old folder ("" is the site's root)
    new_dir: str
    prefix: str = "/"  # the site's path on its host (site_url's), for root-absolute links
    site_url: str = ""

    def url(self, value: str) -> str:
        text = value.strip()
        if not text or text.startswith(("#", "?")):
            return value
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return self._absolute(text)
        if parts.path.startswith("/"):
            return self._rooted(text)
        moved = self._moved(parts.path, self.old_dir)
        if moved is None:
            return value
        target, is_dir = moved
        relative = posixpath.relpath(target or ".", self.new_dir or ".")
        if is_dir:
            relative = "./" if relative == "." else relative + "/"
        return urlunsplit(("", "", relative, parts.query, parts.fragment))

    def _moved(self, path: str, base: str) -> tuple[str, bool] | None:
        """The new site path of a relative path seen from base, and whether it is a folder."""
        if not path:
            return None
        joined = posixpath.normpath(posixpath.join(base or ".", path))
        if joined == ".." or joined.startswith("../"):
            return None  # outside the site
        joined = "" if joined == "." else joined
        last = path.rstrip("/").rsplit("/", 1)[-1]
        is_dir = path.endswith("/") or last in (".", "..")
        index = f"{joined}/index.html" if joined else "index.html"
        for candidate in [index] if is_dir else [joined, index]:
            new = self.pages.get(candidate)
            if new is not None:
                if new.endswith("index.html"):
                    return posixpath.dirname(new), True
                return new, False
        return joined, is_dir

    def _rooted(self, text: str) -> str:
        parts = urlsplit(text)
        if not parts.path.startswith(self.prefix):
            return text
        moved = self._moved(parts.path[len(self.prefix) :] or ".", "")
        if moved is None:
            return text
        target, is_dir = moved
        path = self.prefix + target + ("/" if is_dir and target else "")
        return urlunsplit(("", "", path, parts.query, parts.fragment))

    def _absolute(self, text: str) -> str:
        if not self.site_url or not text.startswith(self.site_url):
            return text
        parts = urlsplit(text)
        base = urlsplit(self.site_url)
        rooted = self._rooted(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
        return urlunsplit((base.scheme, base.netloc, *urlsplit(rooted)[2:]))


_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"(\s*/?)>"
)
_ATTR = re.compile(r"(\s+)([^\s\"'>/=]+)(?:(\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data"})
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_SCOPE = re.compile(r'(__md_scope=new URL\(")([^"]*)("\s*,\s*location\))')
_REFRESH_URL = re.compile(r"(url\s*=\s*)(\S+)", re.IGNORECASE)


def rewrite_page(text: str, links: Links) -> str:
    """Every URL in a page's tags, Material's settings (base, search worker) and its storage
    scope, pointed at the pages' new addresses from the page's new place."""
    text = _TAG.sub(lambda match: _tag(match, links), text)
    text = _CONFIG.sub(lambda match: _config(match, links), text)
    return _SCOPE.sub(lambda m: m.group(1) + _dir_url(m.group(2), links) + m.group(3), text)


def _dir_url(value: str, links: Links) -> str:
    """Material's base and scope ("..", "../..", "."): a folder, written without its slash."""
    if not value:
        return value
    moved = links.url(value.rstrip("/") + "/")
    return moved.rstrip("/") or "."


def _tag(match: re.Match[str], links: Links) -> str:
    name = match.group(1).lower()
    attrs = match.group(2)
    refresh = name == "meta" and re.search(r"http-equiv\s*=\s*[\"']?refresh", attrs, re.I)

    def attr(found: re.Match[str]) -> str:
        key = found.group(2).lower()
        raw = found.group(4)
        if raw is None:
            return found.group(0)
        quote = raw[0] if raw[0] in "\"'" else ""
        value = html.unescape(raw[1:-1] if quote else raw)
        if key in _URL_ATTRS:
            new = links.url(value)
        elif key == "srcset":
            new = _srcset(value, links)
        elif key == "content" and refresh:
            new = _REFRESH_URL.sub(lambda m: m.group(1) + links.url(m.group(2)), value)
        else:
            return found.group(0)
        if new == value:
            return found.group(0)
        return f'{found.group(1)}{found.group(2)}{found.group(3)}"{html.escape(new)}"'

    return f"<{match.group(1)}{_ATTR.sub(attr, attrs)}{match.group(3)}>"


def _srcset(value: str, links: Links) -> str:
    items = []
    for item in value.split(","):
        bits = item.strip().split(None, 1)
        if bits:
            bits[0] = links.url(bits[0])
        items.append(" ".join(bits))
    return ", ".join(items)


def _config(match: re.Match[str], links: Links) -> str:
    try:
        settings = json.loads(match.group(2))
    except ValueError:
        return match.group(0)
    if not isinstance(settings, dict):
        return match.group(0)
    if isinstance(settings.get("base"), str):
        settings["base"] = _dir_url(settings["base"], links)
    if isinstance(settings.get("search"), str):
        settings["search"] = links.url(settings["search"])
    return match.group(1) + json.dumps(settings) + match.group(3)


def rewrite_index(data: bytes, pages: Mapping[str, str]) -> bytes:
    """The search index with every location at its page's new address."""
    index = json.loads(data)
    links = Links(pages, "", "")
    for doc in index.get("docs", []) if isinstance(index, dict) else []:
        if isinstance(doc, dict) and isinstance(doc.get("location"), str):
            doc["location"] = links.url(doc["location"])
    return json.dumps(index, ensure_ascii=False).encode("utf-8")


# -- the locked page -----------------------------------------------------------------------------


_SHELL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<title>Locked journal</title>
<link rel="icon" href="data:,">
<style>
body{{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1f2328;background:#f6f8fa}}
main{{max-width:24rem;margin:12vh auto 0;padding:1.5rem;background:#fff;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}}
h1{{font-size:1.3rem;margin:0 0 .5rem}}
label{{display:block;margin:1rem 0 .25rem;font-weight:600}}
input{{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #8c959f;
border-radius:6px}}
button{{margin-top:1rem;font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;
background:#1f6feb;color:#fff;cursor:pointer}}
button[disabled]{{opacity:.6;cursor:wait}}
#cc-message{{min-height:1.5em;color:#b42318;font-weight:600}}
@media (prefers-color-scheme:dark){{body{{background:#0d1117;color:#e6edf3}}
main{{background:#161b22}}input{{background:#0d1117;color:#e6edf3}}#cc-message{{color:#ff7b72}}}}
</style>
</head>
<body>
<main id="cc-lock" hidden>
<h1>This journal is locked</h1>
<p>Enter the password to open it. It is asked once per visit.</p>
<form id="cc-unlock">
<label for="cc-password">Password</label>
<input id="cc-password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Open</button>
<p id="cc-message" role="alert" aria-live="assertive"></p>
</form>
</main>
<noscript><p>This journal is protected: open it in a browser with JavaScript turned on.</p></noscript>
<script type="application/json" id="cc-protect">{settings}</script>
<script type="text/plain" id="cc-sealed">{sealed}</script>
<script src="{script}"></script>
</body>
</html>
"""


def shell(sealed: str, settings: Mapping[str, object], script: str, csp: str) -> str:
    """A locked page: nothing in it comes from the journal but the ciphertext."""
    return _SHELL.format(
        csp=html.escape(csp),
        settings=_script_json(settings),
        sealed=sealed,
        script=html.escape(script),
    )


def _script_json(value: Mapping[str, object]) -> str:
    """JSON that can stand inside <script>: its text is not HTML-decoded, so no entities."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- the whole site ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """Where files that may go out in the clear come from."""

    trusted: tuple[tuple[str, Path], ...]  # (site path prefix, folder): theme and plugin files
    named: frozenset[str] = frozenset()  # site paths that mkdocs.yml names (extra_css, …)
    site_url: str = ""
    csp: str = ""

    def clear(self, path: str, data: bytes) -> bool:
        if path in self.named:
            return True
        for prefix, folder in self.trusted:
            if prefix and not path.startswith(prefix):
                continue
            source = folder / path[len(prefix) :]
            try:
                if source.is_file() and source.read_bytes() == data:
                    return True
            except OSError:
                continue
        return False


@dataclass
class Report:
    sealed: list[str] = field(default_factory=list)  # new paths of encrypted files
    clear: list[str] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)


def site_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def protect_site(clear: Path, target: Path, password: Password, published: Published) -> Report:
    """Write the protected version of the site in `clear` into `target` (an empty folder)."""
    sealer = Sealer.new(password)
    files = site_files(clear)
    pages = page_paths((f for f in files if f.endswith(".html")), sealer.rank)
    prefix = urlsplit(published.site_url).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    report = Report()
    downloads: dict[str, str] = {}
    for number, name in enumerate(d for d in DOWNLOADS if d in files):
        sealed_at = f"{ASSET_DIR}/sealed-{number + 1}.js"
        payload = sealer.seal((clear / name).read_bytes())
        _write(target, sealed_at, _sealed_script("__ccSealedFile", payload), report.sealed)
        downloads[name] = sealed_at
    if "search/search_index.json" in files:
        index = rewrite_index((clear / "search/search_index.json").read_bytes(), pages)
        _write(target, SEALED_INDEX, _sealed_script("__ccSealedIndex", sealer.seal(index)), [])
        report.sealed.append(SEALED_INDEX)
        _write(target, INDEX_STUB, INDEX_STUB_TEXT, report.clear)
    for old, new in pages.items():
        links = Links(
            pages, posixpath.dirname(old), posixpath.dirname(new), prefix, published.site_url
        )
        text = rewrite_page((clear / old).read_bytes().decode("utf-8"), links)
        root = prefix if old == "404.html" else _root_from(posixpath.dirname(new))
        settings = {
            "salt": base64.b64encode(sealer.salt).decode(),
            "iterations": ITERATIONS,
            "root": root,
            "index": root + SEALED_INDEX if "search/search_index.json" in files else "",
            "downloads": downloads,
        }
        page = shell(
            sealer.seal(text.encode("utf-8")),
            settings,
            root + f"{ASSET_DIR}/{SCRIPT}",
            published.csp,
        )
        _write(target, new, page, report.sealed)
    script = resources.files("coffeechat.render.assets").joinpath(SCRIPT).read_text("utf-8")
    _write(target, f"{ASSET_DIR}/{SCRIPT}", script, report.clear)
    for name in files:
        if name in pages or name in SEARCH_INDEXES or name in downloads:
            continue
        data = (clear / name).read_bytes()
        if published.clear(name, data):
            _write(target, name, data, report.clear)
        else:
            report.left_out.append((name, _why(name)))
    return report


def _why(name: str) -> str:
    if name in QUIETLY_LEFT_OUT:
        return "it lists the site's pages"
    return "only files shipped with the theme or coffeechat are published in the clear"


def _root_from(folder: str) -> str:
    return "" if not folder else "../" * (folder.count("/") + 1)


def _sealed_script(name: str, payload: str) -> str:
    return f'window.{name} = "{payload}";\n'


def _write(target: Path, name: str, data: str | bytes, record: list[str]) -> None:
    path = target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    record.append(name)


def empty_folder(folder: Path) -> None:
    """Remove what a previous build left in the site folder; hidden files such as .git stay, as
    MkDocs keeps them."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
