"""Shared fixtures: the project's folders, the model of the real data, and one built site per run.

The site is built once per test session into a temporary folder with the same code path as
``engd build``; tests read it and never write into it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engd.build import build
from engd.model import load_strategy

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def strategy():
    model, problems = load_strategy(DATA)
    assert model is not None, "\n".join(map(str, problems))
    return model


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("construcao") / "site"
    build(ROOT, site)
    return site


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
