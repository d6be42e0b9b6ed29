"""Reading input files safely: regular files only, within a size limit, sources kept at home.

Every file kg reads (a timeline, its sources, an RDF file, a ``.rq`` query) goes through
:func:`read_input`, which refuses anything that is not a regular file (a FIFO would block, a
device such as ``/dev/zero`` never ends) and anything over :func:`max_input_size` bytes
(:data:`DEFAULT_MAX_INPUT_SIZE`, 4 MiB; raise it with ``kg --max-input-size 64M ...``, the
``KG_MAX_INPUT_SIZE`` environment variable or :func:`input_limits`). That bounds the memory
and time any input can cost.

A timeline's sources must lie in the timeline's own folder (or below it), after following
symlinks: :func:`read_source` refuses ``/etc/passwd``, ``../../secret`` or a symlink leading out,
without reading them, unless a folder is allowed (``kg --allow-sources DIR``,
``KG_SOURCE_DIRS`` or :func:`input_limits`).

>>> import os, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("hello")
>>> read_input(folder / "a.txt")
b'hello'
>>> with input_limits(max_size=3):
...     read_input(folder / "a.txt", shown="a.txt")
Traceback (most recent call last):
...
kg.inputs.InputError: a.txt: is 5 bytes, over kg's input limit of 3 bytes (raise it with --max-input-size or KG_MAX_INPUT_SIZE)
>>> read_source(folder / "timeline.yaml", "/etc/passwd")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.inputs.InputError: source file '/etc/passwd' lies outside the timeline's folder...
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

from kg.errors import KgError
from kg.files import file_kind

__all__ = ["InputError", "read_input", "read_source", "max_input_size", "allowed_source_dirs", "input_limits",
           "parse_size", "DEFAULT_MAX_INPUT_SIZE"]

DEFAULT_MAX_INPUT_SIZE = 4 * 1024 * 1024
"""Default largest input file, in bytes (4 MiB: about 60 times the bundled timeline)."""

_max_size: ContextVar[int | None] = ContextVar("kg_max_input_size", default=None)
_source_dirs: ContextVar[tuple[Path, ...]] = ContextVar("kg_source_dirs", default=())


class InputError(KgError):
    """A file kg cannot read; ``reason`` is the message without the file's name."""

    def __init__(self, shown: str, reason: str):
        self.shown, self.reason = shown, reason
        super().__init__(f"{shown}: {reason}" if shown else reason)


def parse_size(text: str) -> int:
    """A size such as ``4M``, ``512k``, ``1G`` or ``1000000``, in bytes.

    >>> parse_size("4M"), parse_size("512k"), parse_size("100")
    (4194304, 524288, 100)
    """
    match = re.fullmatch(r"\s*(\d{1,15})\s*([kKmMgG]?)i?[bB]?\s*", text)
    if not match:
        raise KgError(f"size {text!r} is not a number of bytes such as 4M, 512k or 1000000")
    return int(match[1]) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match[2].lower()]


def max_input_size() -> int:
    """The largest file kg reads now, in bytes: :func:`input_limits`, else ``KG_MAX_INPUT_SIZE``, else 4 MiB."""
    size = _max_size.get()
    if size is not None:
        return size
    env = os.environ.get("KG_MAX_INPUT_SIZE")
    return parse_size(env) if env else DEFAULT_MAX_INPUT_SIZE


def allowed_source_dirs() -> tuple[Path, ...]:
    """Folders, besides each timeline's own, that sources may be read from."""
    env = tuple(Path(p) for p in os.environ.get("KG_SOURCE_DIRS", "").split(os.pathsep) if p)
    return _source_dirs.get() + env


@contextlib.contextmanager
def input_limits(*, max_size: int | None = None, source_dirs: Iterable[str | Path] = ()) -> Iterator[None]:
    """Within the block, read files up to ``max_size`` bytes and sources also from ``source_dirs``."""
    size_token = _max_size.set(max_size) if max_size is not None else None
    dirs_token = _source_dirs.set(_source_dirs.get() + tuple(Path(d) for d in source_dirs))
    try:
        yield
    finally:
        _source_dirs.reset(dirs_token)
        if size_token is not None:
            _max_size.reset(size_token)


def _size_words(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB".replace(".0 ", " ")
    return f"{n} bytes"


def read_input(path: str | Path, *, shown: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, if it is at most ``limit`` bytes (default
    :func:`max_input_size`); otherwise :class:`InputError` naming ``shown`` (default: ``path``)."""
    name = str(path) if shown is None else shown
    limit = max_input_size() if limit is None else limit
    if not str(path) or "\0" in str(path):
        raise InputError(name, "is not a usable file name")
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "cannot read it (permission denied)") from None
    except OSError as exc:
        raise InputError(name, f"cannot read it ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, f"is {file_kind(info.st_mode)}, not a regular file; kg reads only regular files")
        over = f"over kg's input limit of {_size_words(limit)} (raise it with --max-input-size or KG_MAX_INPUT_SIZE)"
        if info.st_size > limit:
            raise InputError(name, f"is {_size_words(info.st_size)}, {over}")
        chunks, total = [], 0
        while True:  # files in /proc report size 0: read at most limit + 1 bytes whatever stat says
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(name, f"is larger than it claims, {over}")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(name, f"cannot read it ({exc.strerror})") from None
    finally:
        os.close(fd)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_source(timeline_file: str | Path, rel: str) -> bytes:
    """The bytes of source ``rel`` of the timeline at ``timeline_file``, confined to its folder.

    ``rel`` is resolved against the timeline's folder with every symlink followed; a result
    outside that folder (and outside :func:`allowed_source_dirs`) is refused before it is opened,
    so neither its content nor its digest can reach a message or an export.
    """
    from kg.display import display_path

    if "\0" in rel or not rel:
        raise InputError("", f"source path {rel!r} is not a usable file name")
    home = os.path.realpath(Path(timeline_file).parent)
    target = os.path.realpath(os.path.join(home, rel))
    allowed = [home, *(os.path.realpath(d) for d in allowed_source_dirs())]
    if not any(_inside(target, folder) for folder in allowed):
        raise InputError("", f"source file {rel!r} lies outside the timeline's folder; kg reads sources only "
                             "from there (allow another folder with --allow-sources DIR)")
    try:
        return read_input(target, shown=display_path(Path(target)))
    except InputError as exc:
        if exc.reason == "no such file":
            raise InputError("", f"source file {rel!r} not found (looked for {exc.shown})") from None
        raise InputError("", f"source file {rel!r} {exc.reason}") from None
