"""Refuse a site folder that would have MkDocs delete the journal: MkDocs empties the site
folder before every build, so one that is, holds or lies inside the journal's own folders must be
refused before anything is touched. Used by `build`, `serve` and the plugin (plain `mkdocs build`)."""

from __future__ import annotations

import os
from pathlib import Path

from coffeechat.model import JournalError, Problem
from coffeechat.read.journal import journal_files  # its walk notices link loops

# The journal's own folders: a site directory that is one of them, lies inside one or holds one
# would have MkDocs "clean" it, deleting the user's files. `.git` is there for the same reason.
_PROTECTED = ("contacts", "notes", "pages", "letters", ".git")


def check_site_dir(
    root: Path, site_dir: str | Path, docs_dir: str | Path | None = None, file: str | None = None
) -> None:
    """Refuse a site directory that overlaps the journal, before anything is deleted. Paths are
    compared after following links and `..`, and by the folders' identity on disk too (a
    case-insensitive file system, a bind mount)."""
    site = Path(os.path.realpath(site_dir))
    folders = [(f"{name}/ folder", root / name) for name in _PROTECTED]
    if docs_dir is not None:
        folders.append(("docs folder (docs_dir)", Path(docs_dir)))
    journal = Path(os.path.realpath(root))
    given = Path(site_dir)
    if given.is_absolute() and given.is_relative_to(root.absolute()):
        given = given.relative_to(root.absolute())  # `notes`, as mkdocs.yml says it
    shown = f"“{given.as_posix()}”"
    advice = "; choose another folder, e.g. site/ (nothing was changed)"
    if _holds(site, journal):
        raise JournalError(f"the site folder {shown} is or holds the journal itself{advice}", file)
    for label, folder in folders:
        real = Path(os.path.realpath(folder))
        if _holds(real, site):
            where = "is" if _same(real, site) else "lies inside"
            raise JournalError(
                f"the site folder {shown} {where} the journal's {label}; building the site "
                f"there would delete the files in it{advice}",
                file,
            )
        if _holds(site, real):
            raise JournalError(
                f"the site folder {shown} holds the journal's {label}; building the site "
                f"there would delete it{advice}",
                file,
            )


def check_docs_dir(docs_dir: str | Path) -> None:
    """MkDocs follows links in the docs folder without noticing a loop: it would read the folder
    again and again, then fail. A link loop there is refused with its name instead."""
    folder = Path(docs_dir)
    found: list[Problem] = []
    journal_files(folder.parent, folder.name, found)
    for problem in found:
        if "symbolic link loop" in problem.message:
            raise JournalError(
                "is a symbolic link loop; MkDocs would follow it forever: remove the link",
                problem.file,
            )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _same(one: Path, other: Path) -> bool:
    found = _identity(one)
    return one == other or (found is not None and found == _identity(other))


def _holds(outer: Path, inner: Path) -> bool:
    """inner is outer or lies somewhere inside it."""
    return any(_same(outer, folder) for folder in (inner, *inner.parents))
