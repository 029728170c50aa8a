"""One build moment per commit (SOURCE_DATE_EPOCH, else the project's last commit, else a fixed
date), in the build context; and zip archives whose bytes depend only on their content and that moment."""
from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import datetime, timezone

import pytest

from engd.cli import main
from engd.context import FALLBACK, ContextError, build_moment
from engd.reproducible import normalise_zip, zip_bytes

from conftest import ROOT


def test_source_date_epoch_wins(tmp_path):
    assert build_moment(tmp_path, {"SOURCE_DATE_EPOCH": "1719576000"}) == datetime(2024, 6, 28, 12, 0, tzinfo=timezone.utc)


def test_invalid_source_date_epoch_is_explained(tmp_path):
    with pytest.raises(ContextError, match="SOURCE_DATE_EPOCH deveria ser um número inteiro"):
        build_moment(tmp_path, {"SOURCE_DATE_EPOCH": "ontem"})


def test_last_commit_of_the_project(tmp_path):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "outro.txt").write_text("x", encoding="utf-8")
    (repo / "data" / "a.yml").write_text("a: 1\n", encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@exemplo.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@exemplo.invalid")

    def commit(path: str, date: str):
        subprocess.run(["git", "add", path], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", path], cwd=repo, check=True,
                       env=dict(env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date))

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    commit("data", "2024-07-01T10:00:00+00:00")
    commit("outro.txt", "2025-03-01T10:00:00+00:00")  # code changes date the outputs too
    assert build_moment(repo, {}) == datetime(2025, 3, 1, 10, 0, tzinfo=timezone.utc)


def test_no_epoch_and_no_git_gives_the_fixed_date(tmp_path):
    assert build_moment(tmp_path, {}) == FALLBACK


def test_zip_bytes_depend_only_on_content_and_moment():
    moment = datetime(2024, 6, 28, 12, 30, 2, tzinfo=timezone.utc)
    entries = [("b.txt", b"segundo"), ("a.txt", "primeiro é".encode())]
    first = zip_bytes(entries, moment)
    assert first == zip_bytes(entries, moment)
    assert first != zip_bytes(entries, datetime(2024, 6, 29, tzinfo=timezone.utc))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["b.txt", "a.txt"]
        assert {i.date_time for i in archive.infolist()} == {(2024, 6, 28, 12, 30, 2)}
        assert archive.read("a.txt") == "primeiro é".encode()


def test_normalise_zip_rewrites_dates_of_another_writer():
    moment = datetime(2024, 6, 28, tzinfo=timezone.utc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("x.xml", date_time=(2031, 1, 2, 3, 4, 6)), b"<x/>")
    normalised = normalise_zip(buffer.getvalue(), moment)
    assert normalised == zip_bytes([("x.xml", b"<x/>")], moment)


def test_a_bad_epoch_stops_the_build_with_a_clear_message(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "amanhã")
    assert main(["--projeto", str(ROOT), "build", "--saida", str(site)]) == 1
    error = capsys.readouterr().err
    assert error == "Configuração inválida: SOURCE_DATE_EPOCH deveria ser um número inteiro de segundos desde 1970 (recebido: “amanhã”).\n"
    assert not site.exists()
