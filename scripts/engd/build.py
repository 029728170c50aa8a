"""The atomic build: check the data, build the whole site in a temporary folder, then swap it in.

Input: the project folder (``mkdocs.yml``, ``data/``) and the target site folder. Output: a new
site folder, or a list of problems in Portuguese with the previous site left exactly as it was.
Every step must succeed before the swap; steps added by later outputs (data package, feeds)
run on the temporary folder too. It never prints; the CLI does.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import printable
from .datapackage import check_built_site
from .model import Strategy, load_strategy
from .problems import report
from .reproducible import source_date_epoch
from .search_index import write_search_index
from .site_permissions import make_world_readable


class BuildFailed(Exception):
    """Raised with the Portuguese text an editor needs to see."""


# Steps run after MkDocs, in order, each a function (strategy, site_dir) -> list[str] of problems.
POST_BUILD_STEPS: list = [check_built_site, write_search_index, printable.write_pdf]


def build(project: Path, site_dir: Path, data_dir: Path | None = None) -> Strategy:
    """Build atomically. Raises ``BuildFailed`` and leaves ``site_dir`` untouched on any problem."""
    from . import mkdocs_hooks  # imported here so that `engd check` never loads MkDocs

    project = Path(project).resolve()
    site_dir = Path(site_dir).resolve()
    data_dir = Path(data_dir or project / "data").resolve()
    strategy, problems = load_strategy(data_dir)
    if strategy is None:
        raise BuildFailed(report(problems))
    try:  # every date in the output comes from this one instant (see reproducible.py)
        epoch = str(source_date_epoch(project))
    except ValueError as error:
        raise BuildFailed(str(error)) from None
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.novo-", dir=site_dir.parent))
    previous_data = os.environ.get("ENGD_DATA")
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["ENGD_DATA"] = str(data_dir)
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        messages = mkdocs_hooks.build_site(project / "mkdocs.yml", staging, strategy)
        for step in POST_BUILD_STEPS:
            if messages:
                break
            messages = step(strategy, staging)
        if messages:
            raise BuildFailed("\n".join(messages))
        make_world_readable(staging)  # mkdtemp made it 0700: a web server as another user would get 403
        _swap(staging, site_dir)
    finally:
        if previous_data is None:
            os.environ.pop("ENGD_DATA", None)
        else:
            os.environ["ENGD_DATA"] = previous_data
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous_epoch
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
