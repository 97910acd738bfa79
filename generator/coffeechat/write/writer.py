"""The one place that writes files. New files are created atomically and never replace anything;
rewrites (`log`) replace the old file in one step, so a crash never leaves half a file. Errors of
the file system (a full disk, a name too long, a read-only file) come out as JournalError with a
short message naming the file, never as a traceback."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from coffeechat.model import JournalError
from coffeechat.oserrors import (
    ENVIRONMENT,
    FileSystemError,
    os_error,
    reason,
    reason_of,
    short_name,
)

# Re-exported: callers catch writer.FileSystemError and word their own with writer.os_error.
__all__ = ["ENVIRONMENT", "FileSystemError", "os_error", "reason", "reason_of", "short_name"]


def _temp_beside(target: Path, data: bytes, sync: bool = True) -> Path:
    """The new content under a hidden name in the target's folder (so os.replace is one step);
    the name is short whatever the target's, and removed again on any failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".coffeechat-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def create(target: Path, text: str, shown: str | None = None) -> Path:
    """Write a new file; if anything already has that name, nothing is written."""
    shown = shown or str(target)
    try:
        temp = _temp_beside(target, text.encode("utf-8"))
    except OSError as exc:
        raise os_error(exc, shown, "write the file") from None
    try:
        os.link(temp, target)  # fails instead of replacing when the target exists
    except FileExistsError:
        raise JournalError(
            "already exists; coffeechat never overwrites a file", short_name(shown)
        ) from None
    except OSError as exc:
        raise os_error(exc, shown, "write the file") from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def replace(
    target: Path,
    data: bytes,
    check: Callable[[Path], None] | None = None,
    expected: bytes | None = None,
    shown: str | None = None,
) -> Path:
    """Swap a file's content for new content in one step, keeping its permissions and owner.

    A symbolic link is written through: the file it leads to gets the new content and the link
    stays a link. A read-only file is refused. `check` sees the new file before the swap (beside
    the target, under a hidden name); when it raises, the target is left exactly as it was and the
    new file is removed. With `expected`, the target must still hold exactly those bytes just
    before the swap (an editor that saved meanwhile keeps its save; the command is refused)."""
    shown = shown or str(target)
    try:
        real = Path(os.path.realpath(target, strict=True))
        before = real.stat()
    except OSError as exc:
        raise os_error(exc, shown, "read the file") from None
    if not before.st_mode & stat.S_IWUSR or not os.access(real, os.W_OK):
        raise JournalError(
            "is read-only; coffeechat does not change a read-only file (make it writable first)",
            shown,
        )
    try:
        temp = _temp_beside(real, data)
    except OSError as exc:
        raise os_error(exc, shown, "write the file") from None
    try:
        _same_owner_and_mode(temp, before)
        if check is not None:
            check(temp)
        if expected is not None:
            _unchanged(real, before, expected, shown)
        os.replace(temp, real)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise os_error(exc, shown, "write the file") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def _same_owner_and_mode(temp: Path, before: os.stat_result) -> None:
    os.chmod(temp, stat.S_IMODE(before.st_mode))
    if (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
        # Only root may give a file away; anyone else keeps their own ownership.
        with contextlib.suppress(PermissionError):
            os.chown(temp, before.st_uid, before.st_gid)


def _unchanged(real: Path, before: os.stat_result, expected: bytes, shown: str) -> None:
    """The last look before the swap: same file (an editor may have saved by renaming), same
    size and time, same bytes."""
    now = real.stat()
    same = (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) == (
        before.st_ino,
        before.st_dev,
        before.st_size,
        before.st_mtime_ns,
    )
    if not same or real.read_bytes() != expected:
        raise JournalError(
            "changed while coffeechat was writing it (saved in an editor?); nothing was written: "
            "run the command again",
            shown,
        )


def create_tree(root: Path, files: dict[str, str]) -> list[Path]:
    """Create several new files under root (for `init`); all names are checked before any write."""
    clashes = sorted(name for name in files if (root / name).exists())
    if clashes:
        raise JournalError(
            "already exists; coffeechat never overwrites a file", str(root / clashes[0])
        )
    made: list[Path] = []
    try:
        for name, text in sorted(files.items()):
            made.append(create(root / name, text))
    except JournalError:  # a full disk halfway: take back the files just made, none half there
        for path in made:
            path.unlink(missing_ok=True)
        raise
    return made


def put(target: Path, data: bytes, shown: str | None = None) -> Path:
    """Write a file of a generated tree (`export markdown`), new or replacing the one there, in
    one step: a crash leaves the old file or the new one, never half of either. No fsync per file:
    the tree is made again by the next export, and syncing each of 3,000 pages took longer than
    building them."""
    shown = shown or str(target)
    try:
        temp = _temp_beside(target, data, sync=False)
    except OSError as exc:
        raise os_error(exc, shown, "write the file", unchanged=False) from None
    try:
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the page from a web server
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise os_error(exc, shown, "write the file", unchanged=False) from None
    return target


def remove(target: Path, shown: str | None = None) -> None:
    """Delete a file that a previous generated tree held and the new one does not."""
    try:
        target.unlink(missing_ok=True)
    except OSError as exc:
        raise os_error(exc, shown or str(target), "remove the file", unchanged=False) from None
