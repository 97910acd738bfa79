"""Run MkDocs on a journal: the command line's way into the plugin, with MkDocs' own errors turned
into JournalError so the shell can show them without a traceback."""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from coffeechat import mkdocs_localsite as localsite
from coffeechat.model import JournalError
from coffeechat.read.config import CONFIG_FILE
from coffeechat.textsafe import printable
from coffeechat.write import protect, writer
from coffeechat.write.siteguard import check_site_dir

log = logging.getLogger("mkdocs.plugins.coffeechat")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<7} -  {record.getMessage()}"


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to sys.stderr as it is now, not as it was when the handler was made: the command can
    run many times in one process (tests, CliRunner), each with its own stderr."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What a `coffeechat build` or `serve` asks of the plugin that mkdocs.yml cannot say."""

    today: date
    public: bool = False
    contact_details: bool = False
    today_pinned: bool = False  # today was given, not read from the clock


_RUN: RunSettings | None = None


def requested() -> RunSettings | None:
    """What the running `coffeechat build` or `serve` asked for; None under plain `mkdocs`."""
    return _RUN


@contextmanager
def run_settings(settings: RunSettings) -> Iterator[None]:
    """The CLI's --today and --public for every (re)build MkDocs runs inside this block, and for
    none after it: arguments, not the environment, so one run cannot leak into the next."""
    global _RUN
    previous, _RUN = _RUN, settings
    try:
        yield
    finally:
        _RUN = previous


def _show_mkdocs_log() -> None:
    """Print MkDocs' warnings as its own command would (once per process), without Material's
    banner about MkDocs 2 (coffeechat pins MkDocs 1.x and says why in its README)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_coffeechat", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(_Formatter())
        handler.setLevel(logging.INFO)
        handler._coffeechat = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that navigation may be stale; coffeechat's incremental
    builds rebuild every page the navigation touches, and under --strict the warning would fail
    each rebuild."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _config_file(root: Path) -> Path:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise JournalError(
            "not found; a journal needs mkdocs.yml to build its site (`coffeechat init` makes one)",
            str(path),
        )
    return path


def _names_docs_dir(config_file: Path) -> bool:
    """Whether mkdocs.yml (or a file it inherits from) sets docs_dir; unreadable YAML counts as
    yes, so that MkDocs reports the problem itself."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as stream:
            data = yaml_load(stream)
    except Exception:  # MkDocs reads the file again and says what is wrong
        return True
    return not isinstance(data, dict) or "docs_dir" in data


@contextmanager
def _docs_dir(root: Path, config_file: Path) -> Iterator[dict[str, Any]]:
    """A journal written by hand has no docs/ folder, and MkDocs refuses a missing docs_dir before
    any plugin runs. The plugin makes every page itself, so an empty stand-in outside the journal
    (named docs, as edit links expect) does: nothing is written into the journal."""
    if _names_docs_dir(config_file) or (root / "docs").is_dir():
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="coffeechat-") as folder:
        stand_in = Path(folder) / "docs"
        stand_in.mkdir()
        yield {"docs_dir": str(stand_in)}


def _named_in(site_dir: Path | None) -> str | None:
    return None if site_dir is not None else CONFIG_FILE  # --site-dir, else mkdocs.yml's site_dir


def _not_built(exc: OSError, site_dir: object) -> JournalError:
    """Say which file failed: one of the site's, or one being read (a link loop in pages/)."""
    where = str(exc.filename or site_dir or "site")
    writing = not site_dir or where.startswith(str(site_dir))
    if writing or exc.errno in writer.ENVIRONMENT - {errno.EACCES, errno.EPERM}:
        where = where if writing else str(site_dir)  # not the theme file it was copying
        error = writer.os_error(exc, where, "write the site", unchanged=False)
        return JournalError(
            f"the site was not built: {error}; the site folder may be incomplete "
            "(your journal is unchanged)"
        )
    error = writer.os_error(exc, where, "read it", unchanged=False)
    return JournalError(f"the site was not built: {error}")


def build(
    root: Path,
    run: RunSettings,
    site_dir: Path | None = None,
    strict: bool = False,
    password: protect.Password | None = None,
) -> Path:
    """Build the site; with a password, the protected version of it (write/protect.py)."""
    # MkDocs is imported only by the commands that run it: `check` and `due` start faster
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        check_site_dir(root, site_dir)  # before MkDocs' own, less clear, check of docs_dir
        overrides["site_dir"] = str(site_dir.resolve())
    target = overrides.get("site_dir")  # where the site goes, for a message
    config_file = _config_file(root)
    try:
        with _docs_dir(root, config_file) as docs, run_settings(run):
            config = load_config(config_file=str(config_file), **overrides, **docs)
            check_site_dir(root, site_dir or config.site_dir, config.docs_dir, _named_in(site_dir))
            target = config.site_dir
            if password is None:
                mkdocs_build(config)
            else:
                _protected_build(config, password)
    except MkDocsException as exc:
        raise JournalError(f"the site was not built: {exc}") from None
    except OSError as exc:  # a full disk, a file-size limit, a read-only folder
        raise _not_built(exc, target) from None
    return Path(config.site_dir)


def _protected_build(config: Any, password: protect.Password) -> None:
    """MkDocs builds into a private temporary folder; only the protected version reaches the
    site folder, so an interrupted build never leaves journal text there."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.utils.yaml import yaml_load

    with open(config.config_file_path, "rb") as stream:
        if protect.names_a_password(yaml_load(stream)):
            raise JournalError(
                "holds a password: mkdocs.yml is committed and published with the journal, so "
                "coffeechat never reads a password from it; remove it and type the password at "
                f"the prompt, or use {protect.PASSWORD_ENV} or --password-file",
                CONFIG_FILE,
            )
    kept, dropped = protect.without_instant(config.theme.get("features") or [])
    if dropped:
        log.warning(f"protected build: {', '.join(dropped)} turned off (pages open one by one)")
        config.theme["features"] = kept
    target = Path(config.site_dir)
    with tempfile.TemporaryDirectory(prefix="coffeechat-clear-") as clear:
        config["site_dir"] = clear
        try:
            mkdocs_build(config)
            published = _published(config)
        finally:
            config["site_dir"] = str(target)
        protect.empty_folder(target)
        report = protect.protect_site(Path(clear), target, password, published)
    for name, why in report.left_out:
        log.info(printable(f"protected build: left out {name} ({why})"))
    log.info(
        f"protected build: {len(report.sealed)} files encrypted, {len(report.clear)} theme files "
        "in the clear"
    )


def _published(config: Any) -> protect.Published:
    """What may go out in the clear: files of installed themes and plugins (not the user's
    custom_dir), coffeechat's own assets, and the local stylesheets and scripts mkdocs.yml names."""
    custom = config.theme.custom_dir
    trusted = [
        ("", Path(folder))
        for folder in config.theme.dirs
        if not custom or os.path.realpath(folder) != os.path.realpath(custom)
    ]
    assets = Path(str(resources.files("coffeechat.render.assets")))
    trusted.append((f"{protect.ASSET_DIR}/", assets))
    named = {str(item) for item in [*config.extra_css, *config.extra_javascript]}
    named.update(str(config.theme.get(key)) for key in ("logo", "favicon") if config.theme.get(key))
    return protect.Published(
        trusted=tuple(trusted),
        named=frozenset(name.lstrip("/") for name in named if not localsite.is_remote(name)),
        site_url=config.site_url or "",
        csp=localsite.CSP,
    )


def serve(root: Path, run: RunSettings, dev_addr: str, open_browser: bool = False) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    build_log = logging.getLogger("mkdocs.commands.build")
    if _quiet_dirty_warning not in build_log.filters:
        build_log.addFilter(_quiet_dirty_warning)
    config_file = _config_file(root)
    try:
        with _docs_dir(root, config_file) as docs, run_settings(run):
            config = load_config(config_file=str(config_file), **docs)  # the site_dir it names
            check_site_dir(root, config.site_dir, config.docs_dir, CONFIG_FILE)
            mkdocs_serve(
                config_file=str(config_file),
                livereload=True,
                open_in_browser=open_browser,
                dev_addr=dev_addr,
                build_type="dirty",  # only changed pages: see mkdocs_incremental
                **docs,
            )
    except MkDocsException as exc:
        raise JournalError(f"the preview stopped: {exc}") from None
    except OSError as exc:  # the address is taken or not ours: say so instead of a traceback
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        raise JournalError(
            f"cannot serve on {dev_addr}: {exc.strerror}; choose another with --dev-addr HOST:PORT"
        ) from None
