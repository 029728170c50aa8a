"""Reproducible builds: the same commit gives the same bytes, dated by the commit, never by the clock.

Two clean builds of this tree (separate processes, different output folders, different hash
seeds, no SOURCE_DATE_EPOCH) must give byte-identical trees: every file, the data package's .zip
and .xlsx included once they exist. The
build's one date comes from SOURCE_DATE_EPOCH, else the last commit, else a fixed instant
(``engd.context.build_moment``, tested in test_build_time.py), and it is the date MkDocs writes
into the sitemap's gzip header. The PDF is left out here: test_printable.py prints it twice.
"""
from __future__ import annotations

import gzip
import os
import struct
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from engd.context import FALLBACK

from conftest import SITE_URL, build_into, tree_digest

ROOT = Path(__file__).resolve().parents[1]
EPOCH_2024_06_28 = 1719532800  # 2024-06-28T00:00:00Z
ARCHIVES = (".zip", ".xlsx")


def clean_build(site: Path, hash_seed: str, **environment: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=hash_seed, ENGD_PDF="nao", **environment)
    result = subprocess.run([sys.executable, "-m", "engd.cli", "--projeto", str(ROOT), "build", "--saida", str(site)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def gzip_mtime(path: Path) -> int:
    header = path.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b", f"{path} não é gzip"
    return struct.unpack("<I", header[4:8])[0]


def midnight_utc(epoch: int) -> int:
    day = datetime.fromtimestamp(epoch, timezone.utc).date()
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def last_commit_epoch() -> int:
    result = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else int(FALLBACK.timestamp())


@pytest.fixture(scope="module")
def two_builds(once_per_run) -> tuple[Path, Path]:
    def make(folder):
        clean_build(folder / "primeira" / "site", "1")
        clean_build(folder / "segunda-com-outro-nome" / "publicado", "2")

    folder = once_per_run("duas-construcoes", make)
    return folder / "primeira" / "site", folder / "segunda-com-outro-nome" / "publicado"


def test_two_clean_builds_are_byte_identical(two_builds):
    first, second = (tree_digest(site) for site in two_builds)
    only_first, only_second = sorted(first.keys() - second.keys()), sorted(second.keys() - first.keys())
    differ = sorted(name for name in first.keys() & second.keys() if first[name] != second[name])
    assert not (only_first or only_second or differ), (
        f"arquivos diferentes: {differ}\nsó na primeira: {only_first}\nsó na segunda: {only_second}")
    assert len(first) > 50
    archives = [name for name in first if name.endswith(ARCHIVES)]
    print(f"{len(first)} arquivos comparados, {len(archives)} deles .zip/.xlsx: {archives}")


def test_the_build_is_dated_by_the_last_commit(two_builds):
    site, _ = two_builds
    assert gzip_mtime(site / "sitemap.xml.gz") == midnight_utc(last_commit_epoch())


def test_the_context_moment_dates_the_sitemap(tmp_path):
    """MkDocs reads the clock or SOURCE_DATE_EPOCH for the sitemap; the adapter gives it the context's moment."""
    moment = datetime.fromtimestamp(EPOCH_2024_06_28 + 3600, timezone.utc)
    site = build_into(tmp_path / "site", moment=moment, site_url=SITE_URL)
    assert gzip_mtime(site / "sitemap.xml.gz") == EPOCH_2024_06_28
    assert "<lastmod>2024-06-28</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_gzip_header_reader_reads_what_gzip_writes(tmp_path):
    path = tmp_path / "x.gz"
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=123456) as handle:
        handle.write(b"x")
    assert gzip_mtime(path) == 123456
