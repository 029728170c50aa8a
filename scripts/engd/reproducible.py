"""Reproducible outputs: zip archives whose bytes depend only on their content and the build's moment.

Contract: the moment comes from the build context (``context.BuildContext.moment``: the build's one
clock, never the machine's). ``zip_bytes`` writes an archive with fixed entry order, dates, permissions and compression;
``normalise_zip`` rewrites an archive written by another library (an XLSX workbook) the same way.
Nothing here reads the clock, the environment or files.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--


def _entry(name: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.astimezone(timezone.utc).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine that builds
    info.external_attr = _PERMISSIONS
    return info


def zip_bytes(entries: list[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip archive of ``entries`` (name, content) in the given order, every entry dated ``when``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(_entry(name, when), content, compresslevel=9)
    return buffer.getvalue()


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated ``when`` and fixed attributes (entry order is kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return zip_bytes(entries, when)
