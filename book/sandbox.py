"""Opening files that may come from a stranger.

An event folder is sent from one person to another, so every file a build or
a check opens is first resolved (symlinks and ``..`` followed) and must lie
inside an allowed folder: the event folder, the project's templates and
fonts, the system's font folders, or the build's cache. It must be a regular
file (not a FIFO or a device, which could block or never end), it is read
only up to a size limit, and a file of the event folder must not be a hard
link (which could make an outside file look inside). Anything else raises
:class:`Refused`, whose message names the file and the reason and never
shows the file's content. The places a command writes to that the user names
(``--out``, ``--into``) are checked here too: a folder must be a folder, and a
file a regular file, so a device or a FIFO is never replaced.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import BuildError

SYSTEM_FONTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MB = 1024 * 1024


class Refused(BuildError):
    """A file that may not be read, and why (``reason``, without the file's content)."""

    def __init__(self, path, reason: str, hint: str = ""):
        self.path, self.reason, self.hint = Path(path), reason, hint
        super().__init__(f"{path}: {reason}" + (f" ({hint})" if hint else ""))


def resolved(path) -> Path:
    """``path`` with its links followed; as far as they go when one loops (Python 3.11's
    ``resolve`` raises RuntimeError there), so a loop is named by the check that follows."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def inside(path: Path, roots) -> bool:
    """Is the resolved ``path`` one of ``roots`` or below one of them (resolved too)?"""
    path = resolved(path)
    return any(path == root or root in path.parents for root in (resolved(r) for r in roots))


LOOP_HINT = "put the file itself in its place, or a link to a file in the event folder"


def check_file(path, roots, what: str = "", single_link: bool = False, area: str = "the event folder") -> Path:
    """The resolved path of a regular file inside ``roots`` (described as
    ``area`` in messages), or :class:`Refused`."""
    path = Path(path)
    name = what or path.name
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise Refused(path, f"{name} does not exist") from None
    except RuntimeError:  # Path.resolve's word for a link that leads back to itself
        raise Refused(path, f"{name} is a link that loops (it leads back to itself)", LOOP_HINT) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(path, f"{name} is a link that loops (it leads back to itself)", LOOP_HINT) from None
        raise Refused(path, f"{name} cannot be opened ({exc.strerror or exc.__class__.__name__})") from None
    if not inside(real, roots):
        lexical = Path(os.path.abspath(path))
        if any(
            lexical == r or r in lexical.parents
            for root in roots
            for r in (Path(os.path.abspath(root)), Path(root).resolve())
        ):
            raise Refused(
                path,
                f"{name} is a link to a file outside {area}",
                f"copy the file into {area} instead of linking to it",
            )
        raise Refused(path, f"{name} is outside {area}", f"only files in {area} are read")
    info = real.stat()
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a FIFO"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise Refused(path, f"{name} is {kind}, not a file", "replace it with an ordinary file")
    if single_link and info.st_nlink > 1:
        raise Refused(
            path,
            f"{name} is a hard link ({info.st_nlink} names for one file), which may be a file outside the event folder",
            "replace it with a copy: cp --remove-destination SOURCE " + name,
        )
    return real


def read_bytes(
    path, roots, limit: int, what: str = "", single_link: bool = False, area: str = "the event folder"
) -> bytes:
    """The bytes of a checked file (see :func:`check_file`), at most ``limit`` of them."""
    real = check_file(path, roots, what, single_link, area)
    name = what or Path(path).name
    size = real.stat().st_size
    if size > limit:
        raise Refused(
            path, f"{name} is {size:,} bytes, over the {limit:,}-byte limit", "split it, or check it is the right file"
        )
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since it was checked
            raise Refused(path, f"{name} is not a regular file")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise Refused(
                    path, f"{name} is over the {limit:,}-byte limit", "split it, or check it is the right file"
                )
        return b"".join(chunks)
    finally:
        os.close(fd)


def writable_folder(path, what: str) -> None:
    """Refuse a folder to write into that is a file, a device or a FIFO: say so by name,
    before anything is made (the kernel's "Not a directory" names a path inside it)."""
    path = Path(path)
    real = resolved(path)
    if os.path.lexists(path) and not real.is_dir():
        kind = "a link that loops" if real.is_symlink() else "a file, not a folder"
        raise BuildError(f"{path} is {kind}; give {what} a folder, or a name that does not exist yet")


def writable_file(target: Path) -> Path:
    """Where a file the user names may be written: a new name or a regular file. A link is
    followed (the file it names is replaced, the link kept); a link that loops, a device, a
    FIFO or a socket is refused, never replaced."""
    if target.is_symlink():
        real = resolved(target)
        if real.is_symlink():
            raise BuildError(f"{target} is a link that loops; give the file to write itself")
        target = real
    if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
        raise BuildError(f"{target} is not a regular file (a device, FIFO or socket); give a file name to write")
    return target
