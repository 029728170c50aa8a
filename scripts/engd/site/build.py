"""The atomic build: check the data, build the whole site in a temporary folder, then swap it in.

Input: the ``BuildContext`` (project folder with ``mkdocs.yml``, data folder, the site folder to
write). Output: a new site folder, or ``BuildFailed`` with Portuguese text and the previous site left
exactly as it was. Everything the build makes — MkDocs's pages and the after-build steps the outputs
declare — is made in the temporary folder, which becomes the site only when all of it succeeded.
It never prints; the CLI does.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..context import BuildContext
from ..model import Strategy, load_strategy
from ..problems import report
from .permissions import make_world_readable


class BuildFailed(Exception):
    """Raised with the Portuguese text an editor needs to see."""


def build(context: BuildContext) -> Strategy:
    """Build atomically into ``context.output_dir``. Raises ``BuildFailed`` and leaves it untouched on any problem."""
    from .plugin import build_site  # imported here so that `engd check` never loads MkDocs

    site_dir = Path(context.output_dir or context.project_dir / "site").resolve()
    strategy, problems = load_strategy(context.data_dir, context.moment)
    if strategy is None:
        raise BuildFailed(report(problems))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.novo-", dir=site_dir.parent))
    try:
        messages = build_site(context.project_dir / "mkdocs.yml", staging, context, strategy)
        if messages:
            raise BuildFailed("\n".join(messages))
        make_world_readable(staging)  # mkdtemp made it 0700: a web server as another user would get 403
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return strategy


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames, so readers never see half a site."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.antigo-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
