"""The atomic build: the published site changes only when every step succeeded.

``engd.site.build.build`` checks the data, builds strictly into a temporary folder beside the site,
runs the after-build steps the outputs declare there, and only then swaps the folders. Each failure below (data
check, strict MkDocs build, a post-build step reporting a problem, a post-build step crashing)
must leave the previous site byte-identical and no temporary folder behind; a success must
replace it whole.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engd.outputs import AfterBuild
from engd.site.build import BuildFailed, build

from conftest import ROOT, make_context, register_output, second_act_data, tree_digest


def build_at(site: Path, project: Path = ROOT, data: Path | None = None) -> None:
    build(make_context(data or project / "data", site).with_values(project_dir=project))


def register_steps(monkeypatch, *steps) -> None:
    """Declare after-build steps through a toy output, as any output would."""
    register_output(monkeypatch, "etapas_de_teste",
                    lambda strategy, context: [AfterBuild(f"etapa {i}", step) for i, step in enumerate(steps)])


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
    """The parts of the project MkDocs reads (config, hand-written pages, theme overrides), with the
    second act as its data (a third of the real site's build)."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("docs", "overrides", "scripts"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    (target / "docs").mkdir(exist_ok=True)
    second_act_data(target / "data")
    return target


def test_a_failing_data_check_leaves_the_site(previous_site, data_copy):
    site, digest = previous_site
    (data_copy / "objetivos" / "objetivo-02.yml").write_text("numero: 2\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"objetivo-02\.yml.*falta o campo obrigatório"):
        build_at(site, data=data_copy)
    assert_untouched(site, digest)


def test_a_failing_strict_mkdocs_build_leaves_the_site(previous_site, tmp_path):
    site, digest = previous_site
    project = copy_project(tmp_path / "projeto")
    (project / "docs" / "pagina-quebrada.md").write_text(
        "# Página quebrada\n\nUm [link para lugar nenhum](nao-existe.md).\n", encoding="utf-8")
    identity = (project / "data" / "site.yml").read_text(encoding="utf-8")
    assert "\npaginas:\n" in identity
    (project / "data" / "site.yml").write_text(identity.replace(
        "\npaginas:\n", "\npaginas:\n  - titulo: Página quebrada\n    arquivo: pagina-quebrada.md\n"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_at(site, project)
    assert str(failure.value).splitlines() == [
        "a página pagina-quebrada.md tem um link para “nao-existe.md”, que não existe no site.",
        "a construção estrita parou: 1 aviso(s) acima."]
    assert_untouched(site, digest)


# The after-build steps run on the site of the second act (``conftest.second_act_data``), a third of
# the real one's build: what they test does not depend on the act, and a build that replaced the
# previous site by another act's would show at once.

def test_a_post_build_step_reporting_a_problem_leaves_the_site(previous_site, monkeypatch, tmp_path):
    site, digest = previous_site
    seen = {}

    def failing_step(staging: Path) -> list[str]:
        seen["staging"] = staging
        seen["had_site"] = (staging / "index.html").is_file() and (staging / "recomendacoes" / "2-1" / "index.html").is_file()
        (staging / "index.html").write_text("estragado pela etapa", encoding="utf-8")
        return ["pacote de dados inválido: teste"]

    register_steps(monkeypatch, failing_step)
    with pytest.raises(BuildFailed, match="pacote de dados inválido"):
        build_at(site, data=second_act_data(tmp_path / "dados"))
    assert seen["had_site"], "a etapa deveria receber o site completo, construído antes dela"
    assert seen["staging"] != site and not seen["staging"].exists()
    assert_untouched(site, digest)


def test_a_crashing_post_build_step_leaves_the_site(previous_site, monkeypatch, tmp_path):
    site, digest = previous_site

    def crashing_step(staging: Path) -> list[str]:
        raise RuntimeError("falha inesperada na etapa")

    register_steps(monkeypatch, crashing_step)
    with pytest.raises(RuntimeError):
        build_at(site, data=second_act_data(tmp_path / "dados"))
    assert_untouched(site, digest)


def test_the_steps_after_a_failing_one_do_not_run(previous_site, monkeypatch, tmp_path):
    site, digest = previous_site
    ran = []
    register_steps(monkeypatch, lambda d: ran.append("primeira") or ["falhou"], lambda d: ran.append("segunda") or [])
    with pytest.raises(BuildFailed):
        build_at(site, data=second_act_data(tmp_path / "dados"))
    assert ran == ["primeira"]
    assert_untouched(site, digest)


def test_a_successful_build_replaces_the_whole_site(tmp_path, second_act_site):
    site = tmp_path / "publicado" / "site"
    site.mkdir(parents=True)
    (site / "pagina-antiga.html").write_text("antiga", encoding="utf-8")
    build(make_context(second_act_site.data, output_dir=site, pdf=True))
    assert not (site / "pagina-antiga.html").exists()
    assert tree_digest(site) == tree_digest(second_act_site.site)
    assert [p.name for p in site.parent.iterdir()] == ["site"]
