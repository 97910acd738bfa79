"""What the file system said, in words a user can act on: a full disk, a name too long, a
read-only file. Shared by the reader (which only reads) and the writer (which alone writes)."""

from __future__ import annotations

import errno
from pathlib import Path

from coffeechat.model import JournalError

# What the file system said, in words a user can act on.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this system allows (a file-size limit)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ELOOP: "a symbolic link loop (a link that leads back to itself)",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.EIO: "the disk reported an error",
}
# Errors after which writing anything else is pointless (an import stops instead of repeating them).
ENVIRONMENT = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO, errno.EACCES, errno.EPERM}
)


class FileSystemError(JournalError):
    """A JournalError that came from the file system; `errno` says which kind."""

    def __init__(self, message: str, file: str | None, code: int | None) -> None:
        super().__init__(message, file)
        self.errno = code


def reason_of(exc: FileSystemError) -> str:
    """The message without its file: for a caller that adds its own advice."""
    return exc.message.split("; ")[0]


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def os_error(exc: OSError, path: str | Path, what: str, unchanged: bool = True) -> FileSystemError:
    """`contacts/x.md: cannot write the file: the disk is full` (what: "write the file")."""
    message = f"cannot {what}: {reason(exc)}"
    if exc.errno == errno.ENAMETOOLONG:
        message += "; choose a shorter name"
    elif unchanged and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        message += "; make room and run the command again (nothing was changed)"
    return FileSystemError(message, short_name(str(path)), exc.errno)


def short_name(text: str, width: int = 90) -> str:
    """A path for a message: a 300-character name is cut in the middle, not printed whole."""
    return text if len(text) <= width else text[: width // 2] + "…" + text[-(width // 2) :]
