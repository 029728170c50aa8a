"""Reproducible builds: the same commit gives the same bytes, dated by the commit, never by the clock.

Two clean builds of this tree (separate processes, different output folders, different hash
seeds, no SOURCE_DATE_EPOCH) must give byte-identical trees: every file, the data package's .zip
and .xlsx included once they exist. The
build's one date comes from SOURCE_DATE_EPOCH, else the last commit, else a fixed instant
(``engd.reproducible``), and it is the date MkDocs writes into the sitemap's gzip header.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import struct
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from engd import reproducible

ROOT = Path(__file__).resolve().parents[1]
EPOCH_2024_06_28 = 1719532800  # 2024-06-28T00:00:00Z
ARCHIVES = (".zip", ".xlsx")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(site: Path, hash_seed: str, **environment: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=hash_seed, **environment)
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
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else reproducible.FALLBACK_EPOCH


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first = clean_build(tmp_path_factory.mktemp("primeira") / "site", "1")
    second = clean_build(tmp_path_factory.mktemp("segunda-com-outro-nome") / "publicado", "2")
    return first, second


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


def test_source_date_epoch_sets_the_date(tmp_path):
    site = clean_build(tmp_path / "site", "3", SOURCE_DATE_EPOCH=str(EPOCH_2024_06_28 + 3600))
    assert gzip_mtime(site / "sitemap.xml.gz") == EPOCH_2024_06_28


# --- engd.reproducible ---------------------------------------------------------------------------

def test_source_date_epoch_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reproducible.source_date_epoch(ROOT) == 1700000000
    assert reproducible.build_time(ROOT) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


def test_a_malformed_source_date_epoch_is_refused(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "ontem")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        reproducible.source_date_epoch(ROOT)


def test_without_the_variable_the_last_commit_dates_the_build(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = dict(os.environ, GIT_AUTHOR_DATE="2024-06-26T12:00:00Z", GIT_COMMITTER_DATE="2024-06-26T15:30:00Z",
               GIT_AUTHOR_NAME="teste", GIT_AUTHOR_EMAIL="teste@example.invalid",
               GIT_COMMITTER_NAME="teste", GIT_COMMITTER_EMAIL="teste@example.invalid")
    for command in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "um"]):
        subprocess.run(["git", "-C", str(tmp_path), *command], check=True, env=env, capture_output=True)
    assert reproducible.source_date_epoch(tmp_path) == 1719415800  # 2024-06-26T15:30:00Z
    assert reproducible.build_time(tmp_path).tzinfo == timezone.utc


def test_outside_git_the_fixed_fallback_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert reproducible.source_date_epoch(tmp_path) == reproducible.FALLBACK_EPOCH
    assert reproducible.build_time(tmp_path) == datetime(2024, 6, 28, tzinfo=timezone.utc)


def test_the_build_refuses_a_malformed_source_date_epoch(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="amanhã")
    result = subprocess.run([sys.executable, "-m", "engd.cli", "--projeto", str(ROOT), "build", "--saida", str(tmp_path / "site")],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert "SOURCE_DATE_EPOCH" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_gzip_header_reader_reads_what_gzip_writes(tmp_path):
    path = tmp_path / "x.gz"
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=123456) as handle:
        handle.write(b"x")
    assert gzip_mtime(path) == 123456
