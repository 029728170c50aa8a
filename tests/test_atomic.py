"""The atomic build: the published site changes only when every step succeeded.

``engd.build.build`` checks the data, builds strictly into a temporary folder beside the site,
runs the post-build steps there, and only then swaps the folders. Each failure below (data
check, strict MkDocs build, a post-build step reporting a problem, a post-build step crashing)
must leave the previous site byte-identical and no temporary folder behind; a success must
replace it whole.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from engd import build as build_module
from engd.build import BuildFailed, build

ROOT = Path(__file__).resolve().parents[1]


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_site(built_site, tmp_path) -> tuple[Path, dict[str, str]]:
    site = tmp_path / "publicado" / "site"
    shutil.copytree(built_site, site)
    return site, tree_digest(site)


def assert_untouched(site: Path, digest: dict[str, str]) -> None:
    assert tree_digest(site) == digest, "o site anterior mudou"
    leftovers = [p.name for p in site.parent.iterdir() if p.name != site.name]
    assert not leftovers, f"pastas temporárias deixadas para trás: {leftovers}"


def copy_project(target: Path) -> Path:
    """The parts of the project MkDocs reads (config, data, hand-written pages, theme overrides, hooks)."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("data", "docs", "overrides", "scripts"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    (target / "docs").mkdir(exist_ok=True)
    return target


def test_a_failing_data_check_leaves_the_site(previous_site, data_copy):
    site, digest = previous_site
    (data_copy / "objetivos" / "objetivo-02.yml").write_text("numero: 2\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"objetivo-02\.yml.*falta o campo obrigatório"):
        build(ROOT, site, data_copy)
    assert_untouched(site, digest)


def test_a_failing_strict_mkdocs_build_leaves_the_site(previous_site, tmp_path):
    site, digest = previous_site
    project = copy_project(tmp_path / "projeto")
    (project / "docs" / "pagina-quebrada.md").write_text(
        "# Página quebrada\n\nUm [link para lugar nenhum](nao-existe.md).\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  paginas:\n" in config
    (project / "mkdocs.yml").write_text(
        config.replace("\n  paginas:\n", "\n  paginas:\n    - Página quebrada: pagina-quebrada.md\n"), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"nao-existe\.md"):
        build(project, site)
    assert_untouched(site, digest)


def test_a_post_build_step_reporting_a_problem_leaves_the_site(previous_site, monkeypatch):
    site, digest = previous_site
    seen = {}

    def failing_step(strategy, staging: Path) -> list[str]:
        seen["staging"] = staging
        seen["had_site"] = (staging / "index.html").is_file() and (staging / "recomendacoes" / "3-7" / "index.html").is_file()
        (staging / "index.html").write_text("estragado pela etapa", encoding="utf-8")
        return ["pacote de dados inválido: teste"]

    monkeypatch.setattr(build_module, "POST_BUILD_STEPS", [failing_step])
    with pytest.raises(BuildFailed, match="pacote de dados inválido"):
        build(ROOT, site)
    assert seen["had_site"], "a etapa deveria receber o site completo, construído antes dela"
    assert seen["staging"] != site and not seen["staging"].exists()
    assert_untouched(site, digest)


def test_a_crashing_post_build_step_leaves_the_site(previous_site, monkeypatch):
    site, digest = previous_site

    def crashing_step(strategy, staging: Path) -> list[str]:
        raise RuntimeError("falha inesperada na etapa")

    monkeypatch.setattr(build_module, "POST_BUILD_STEPS", [crashing_step])
    with pytest.raises(RuntimeError):
        build(ROOT, site)
    assert_untouched(site, digest)


def test_the_steps_after_a_failing_one_do_not_run(previous_site, monkeypatch):
    site, digest = previous_site
    ran = []
    monkeypatch.setattr(build_module, "POST_BUILD_STEPS",
                        [lambda s, d: ran.append("primeira") or ["falhou"], lambda s, d: ran.append("segunda") or []])
    with pytest.raises(BuildFailed):
        build(ROOT, site)
    assert ran == ["primeira"]
    assert_untouched(site, digest)


def test_a_successful_build_replaces_the_whole_site(tmp_path, built_site):
    site = tmp_path / "publicado" / "site"
    site.mkdir(parents=True)
    (site / "pagina-antiga.html").write_text("antiga", encoding="utf-8")
    build(ROOT, site)
    assert not (site / "pagina-antiga.html").exists()
    assert tree_digest(site) == tree_digest(built_site)
    assert [p.name for p in site.parent.iterdir()] == ["site"]
