"""The ``engd`` command as a user runs it: exit codes, Portuguese messages, no traceback, an atomic
build that keeps the previous site when the data is broken, the Markdown export, and ``serve``
rebuilding when a YAML file changes."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, tree_digest

ENGD = [sys.executable, "-m", "engd.cli"]


def run(*args, cwd=ROOT):
    return subprocess.run(ENGD + list(args), cwd=cwd, capture_output=True, text=True, timeout=300)


def test_check_passes_on_the_real_data():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "Dados válidos: 10 objetivos, 51 recomendações." in result.stdout


def test_check_lists_problems_and_exits_1(data_copy):
    path = data_copy / "objetivos" / "objetivo-05.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('numero: "5.2"', 'numero: "5.9"'), encoding="utf-8")
    (data_copy / "objetivos" / "objetivo-06.yml").write_bytes(b"numero: 6\nnumero: 6\n")
    result = run("--dados", str(data_copy), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(l.startswith("data/objetivos/objetivo-05.yml:") and "esperava 5.2, encontrou 5.9" in l for l in lines)
    assert any(l.startswith("data/objetivos/objetivo-06.yml:2:1: numero: chave “numero” repetida") for l in lines)
    assert lines[-1].endswith("problemas encontrados.")


def test_usage_error_exits_2_in_portuguese():
    result = run("comando-que-nao-existe")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_the_previous_site_as_it_was(tmp_path, data_copy, built_site):
    # the previous site: what `engd build` published (test_reproducible runs the command itself)
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree_digest(site)
    assert "recomendacoes/3-7/index.html" in before
    (data_copy / "ato.yml").write_text("tipo: [\n", encoding="utf-8")
    failed = run("--dados", str(data_copy), "build", "--saida", str(site))
    assert failed.returncode == 1
    assert "data/ato.yml:" in failed.stderr and "o site anterior" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"], "sobrou uma pasta temporária"


def test_render_writes_the_generated_markdown_tree(tmp_path, strategy):
    out = tmp_path / "markdown"
    result = run("render", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    # home, act, two lists, objectives, recommendations, glossary, themes (list + one each), norms,
    # the printable act, the changes page, the open-data page, the self-assessment and the progress view
    # (with data/autoavaliacoes/ empty, only its page that says so)
    assert len(files) == 4 + 10 + 51 + 1 + 1 + len(strategy.themes) + 1 + 2 + 1 + 1 + 1
    assert "recomendacoes/10-4.md" in files and "objetivos/10.md" in files and "acompanhamento/index.md" in files
    assert "# Recomendação 3.7" in (out / "recomendacoes" / "3-7.md").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    return None


def _fetch_bytes(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line holds ``text`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_serve_rebuilds_when_a_yaml_file_changes_and_ends_its_child(second_act_site, tmp_path):
    """On the second act (what is tested here does not depend on the act; it builds in a third of the time)."""
    data = tmp_path / "dados"
    shutil.copytree(second_act_site.data, data)
    built_site = second_act_site.site
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(ENGD + ["--dados", str(data), "serve", "--endereco", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        first = _wait_for(lambda: _fetch(f"{url}/ato/"), 90)
        assert first and "Presidente do Comitê de Teste de Governo Digital" in first
        # what engd build publishes, engd serve publishes too: the search index and the PDF
        assert _fetch_bytes(f"{url}/busca/indice.json") == (built_site / "busca" / "indice.json").read_bytes()
        pdf = next((built_site / "imprimir").glob("*.pdf")).name
        assert (_fetch_bytes(f"{url}/imprimir/{pdf}") or b"").startswith(b"%PDF-")
        act = data / "ato.yml"
        act.write_text(act.read_text(encoding="utf-8").replace(
            "cargo: Presidente do Comitê de Teste", "cargo: Presidente Editado do Comitê de Teste"), encoding="utf-8")
        changed = _wait_for(lambda: "Presidente Editado do Comitê de Teste" in (_fetch(f"{url}/ato/") or ""), 90)
        assert changed, "a página não foi reconstruída depois da edição do YAML"
        assert _processes_mentioning("mkdocs serve --livereload"), "engd serve deveria rodar o mkdocs serve"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert _wait_for(lambda: not _processes_mentioning(f"127.0.0.1:{port}"), 15), "o mkdocs serve ficou rodando"


def test_plain_mkdocs_build_publishes_what_engd_build_publishes(second_act_site, tmp_path):
    """The plugin makes its context from the environment when MkDocs runs alone (on the second act,
    whose site builds in a third of the time: the adapter is the same for every act)."""
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", ENGD_DADOS=str(second_act_site.data)))
    assert result.returncode == 0, result.stderr
    assert tree_digest(site) == tree_digest(second_act_site.site)
