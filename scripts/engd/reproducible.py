"""The build's one clock, so that the same commit always gives the same bytes.

Output: ``source_date_epoch()`` (seconds since 1970, UTC) and ``build_time()`` (the same instant as
an aware ``datetime`` in UTC). The instant is, in order: the ``SOURCE_DATE_EPOCH`` environment
variable (the reproducible-builds.org convention, also read by MkDocs for the sitemap); else the
time of the last commit of the project's git repository; else ``FALLBACK_EPOCH``, a fixed instant.
Nothing in the build may read the wall clock (``now()``, ``time()``); every date it writes comes
from here. It never writes anything.
"""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

# 2024-06-28T00:00:00Z, the day the act was published in the Diário Oficial da União. Used only
# outside a git checkout (a copied folder, a tarball) when SOURCE_DATE_EPOCH is not set either.
FALLBACK_EPOCH = 1719532800


def _project_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _last_commit_epoch(folder: Path) -> int | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None


def source_date_epoch(project: Path | None = None) -> int:
    """Seconds since the epoch of the build's instant (see the module docstring for the order).

    ``project`` is the folder whose last commit dates the build (default: this repository).
    Raises ``ValueError`` with a Portuguese message when SOURCE_DATE_EPOCH is set but is not a
    non-negative whole number, since silently ignoring it would break reproducibility."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        if not value.strip().isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH deve ser um número inteiro de segundos desde 1970 (recebido: “{value}”).")
        return int(value.strip())
    commit = _last_commit_epoch(Path(project) if project else _project_root())
    return commit if commit is not None else FALLBACK_EPOCH


def build_time(project: Path | None = None) -> datetime:
    """The build's instant as an aware datetime in UTC."""
    return datetime.fromtimestamp(source_date_epoch(project), timezone.utc)
