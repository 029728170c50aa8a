"""Reproducible outputs: the build's one clock, and zip archives whose bytes depend only on content.

Contract: ``build_time(data_dir)`` is the moment every generated file may show or embed (zip entry
dates, document properties, "gerado em"). It comes from ``SOURCE_DATE_EPOCH`` when set (the
reproducible-builds.org convention), else from the date of the last git commit that touched the data
folder, else from ``FALLBACK`` — never from the clock, so the same commit gives the same bytes.
``source_date_epoch(project)`` is the instant the whole build uses (it also becomes MkDocs'
``SOURCE_DATE_EPOCH``, for the sitemap): the variable, else the project's last commit, else
``FALLBACK_EPOCH``. A malformed ``SOURCE_DATE_EPOCH`` raises ``ValueError`` in Portuguese.
``zip_bytes`` writes an archive with fixed entry order, dates, permissions and compression;
``normalise_zip`` rewrites an archive written by another library (an XLSX workbook) the same way.
Nothing here reads the clock or writes files.
"""
from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

# 2024-06-28, the day the act was published in the Diário Oficial da União: used only outside a git
# checkout (a copied folder, a tarball) when SOURCE_DATE_EPOCH is not set either.
FALLBACK = datetime(2024, 6, 28, tzinfo=timezone.utc)
FALLBACK_EPOCH = int(FALLBACK.timestamp())
# The earliest date a zip entry can hold (MS-DOS time starts in 1980).
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)
_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--


def _from_epoch(text: str, origin: str) -> datetime:
    try:
        moment = datetime.fromtimestamp(int(text.strip()), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{origin} deveria ser um número inteiro de segundos desde 1970 (recebido: “{text}”).") from None
    return max(moment, _ZIP_EPOCH)


def _last_commit(folder: Path, only_this_folder: bool = True) -> datetime | None:
    """Time of the last commit (touching ``folder`` when ``only_this_folder``), or None outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"] + (["--", "."] if only_this_folder else []),
            cwd=folder, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return _from_epoch(stamp, "a data do último commit") if result.returncode == 0 and stamp else None


def source_date_epoch(project: Path | str | None = None) -> int:
    """Seconds since 1970 of the build's instant: SOURCE_DATE_EPOCH, else the last commit of
    ``project`` (default: this repository), else FALLBACK_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        return int(_from_epoch(epoch, "SOURCE_DATE_EPOCH").timestamp())
    folder = Path(project) if project else Path(__file__).resolve().parents[2]
    moment = _last_commit(folder, only_this_folder=False) if folder.is_dir() else None
    return int(moment.timestamp()) if moment is not None else FALLBACK_EPOCH


def build_time(data_dir: Path | str | None = None) -> datetime:
    """The build's moment, in UTC: SOURCE_DATE_EPOCH, else the data's last commit, else FALLBACK."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        return _from_epoch(epoch, "SOURCE_DATE_EPOCH")
    if data_dir is not None and Path(data_dir).is_dir():
        moment = _last_commit(Path(data_dir))
        if moment is not None:
            return moment
    return FALLBACK


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
