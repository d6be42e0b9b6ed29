"""Writing output files safely: whole or not at all, and never over the input.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "page.html"
>>> write_text_atomic(out, "<p>hello</p>").read_text(encoding="utf-8")
'<p>hello</p>'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import KgError

__all__ = ["write_text_atomic", "write_bytes_atomic", "refuse_overwriting"]


def refuse_overwriting(output: str | Path, *inputs: str | Path | None) -> None:
    """Raise :class:`~kg.errors.KgError` if ``output`` is one of the ``inputs``."""
    out = Path(output).resolve()
    for item in inputs:
        if item is not None and Path(item).resolve() == out:
            raise KgError(f"{output}: refusing to overwrite the input file; choose another output path")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8 via a temporary file and a rename.

    A failure part-way leaves any existing file at ``path`` untouched.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename (see :func:`write_text_atomic`)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise KgError(f"{path}: the folder {directory} does not exist") from None
    except NotADirectoryError:
        raise KgError(f"{path}: {directory} is not a folder") from None
    except PermissionError:
        raise KgError(f"{path}: cannot write in {directory} (permission denied)") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise KgError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
