"""The address registry: every published address still resolves; new ones are added on purpose."""
import shutil
import subprocess

import pytest

from engd import addresses
from engd.cli import main
from engd.outputs import assemble
from engd.problems import Problem
from engd.validate import check

from conftest import DATA, ROOT, make_context


@pytest.fixture(scope="module")
def registry():
    found, problems = addresses.load(DATA)
    assert problems == []
    return found


def test_registry_lists_the_canonical_and_short_addresses(registry, strategy):
    listed = set(registry.addresses)
    for objective in strategy.objectives:
        assert {f"/objetivos/{objective.number}/", f"/{objective.number}/"} <= listed
    for rec in strategy.recommendations:
        assert {f"/recomendacoes/{rec.slug}/", f"/{rec.id}/"} <= listed
    assert {"/", "/ato/", "/objetivos/", "/recomendacoes/", "/imprimir/", "/mudancas/", "/mudancas.xml"} <= listed


def test_every_registered_address_resolves_in_the_built_site(registry, built_site):
    assert addresses.unresolved(registry, built_site) == []


def test_every_published_address_is_registered(registry, outputs):
    assert addresses.unregistered(registry, outputs.addresses) == [], \
        "endereços novos: registre-os de propósito com engd enderecos --adicionar"


def test_the_outputs_declare_exactly_what_the_built_site_publishes(outputs, built_site):
    assert outputs.addresses == addresses.published(built_site)


def test_every_registered_address_is_declared_by_an_output(registry, outputs):
    assert addresses.undeclared(registry, outputs.addresses) == []


def test_an_address_no_output_publishes_is_reported(registry, outputs):
    line = {e.address: e.line for e in registry.entries}
    kept = [a for a in outputs.addresses if a != "/recomendacoes/3-7/"]
    assert addresses.undeclared(registry, kept) == [
        f"data/enderecos.txt:{line['/recomendacoes/3-7/']}: /recomendacoes/3-7/ não é mais publicado pelo site "
        "(restaure a página ou troque a linha por “antigo -> novo” para gerar um redirecionamento).",
    ]


def test_registry_fails_when_an_address_disappears(registry, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "recomendacoes" / "3-7")
    line = {e.address: e.line for e in registry.entries}
    assert addresses.unresolved(registry, site) == [
        f"data/enderecos.txt:{line['/3.7/']}: /3.7/ é um redirecionamento para uma página que não responde no site construído.",
        f"data/enderecos.txt:{line['/recomendacoes/3-7/']}: /recomendacoes/3-7/ não responde no site construído "
        "(restaure a página ou troque a linha por “antigo -> novo” para gerar um redirecionamento).",
    ]


def test_follow_ends_at_the_page_a_reader_sees(built_site):
    assert addresses.follow(built_site, "/3.7/") == "/recomendacoes/3-7/"
    assert addresses.follow(built_site, "/3/") == "/objetivos/3/"
    assert addresses.follow(built_site, "/mudancas.xml") == "/mudancas.xml"
    assert addresses.follow(built_site, "/nao-existe/") is None


def test_no_address_ever_registered_was_removed_from_the_registry(registry):
    """A line may turn into "old -> new", never disappear: checked against every committed version."""
    git = shutil.which("git")
    assert git, "git não encontrado: este teste lê o histórico do registro de endereços."
    path = "data/enderecos.txt"
    commits = subprocess.run([git, "-C", str(ROOT), "log", "--format=%H", "--", path],
                             capture_output=True, text=True, check=True).stdout.split()
    texts = [subprocess.run([git, "-C", str(ROOT), "show", f"{c}:{path}"], capture_output=True, text=True).stdout
             for c in commits]
    assert addresses.dropped(registry, texts) == []


def test_dropped_finds_a_deleted_line():
    current, _ = addresses.parse("/ato/\n/velho/ -> /ato/\n", "data/enderecos.txt")
    assert addresses.dropped(current, ["/ato/\n/velho/\n/sumiu/\n"]) == ["/sumiu/"]


def test_bad_registry_lines_are_reported_with_their_line():
    text = "\n".join([
        "# comentário",
        "/ato/",
        "/Ato/",
        "/ato/",
        "/sem-barra",
        "/velho/ ->",
        "/antigo/ -> /antigo/",
        "/a/ -> /b/",
        "/b/ -> /c/",
        "/ok.xml  # comentário no fim",
    ])
    registry, problems = addresses.parse(text, "data/enderecos.txt")
    assert [(p.line, p.message) for p in problems] == [
        (3, "endereço inválido “/Ato/”: comece com /, use só letras minúsculas sem acento, números, ponto, hífen e "
            "sublinhado, e termine com / (página) ou com a extensão do arquivo."),
        (4, "o endereço /ato/ está repetido (já está na linha 2)."),
        (5, "endereço “/sem-barra” sem / no fim: uma página termina com /, um arquivo tem extensão."),
        (6, "falta o novo endereço depois de “->” em “/velho/ ->”."),
        (7, "o endereço /antigo/ redireciona para si mesmo."),
        (8, "/a/ redireciona para /b/, que também foi movido; aponte direto para o endereço final."),
    ]
    assert registry.addresses == ["/ato/", "/a/", "/b/", "/ok.xml"]
    assert all(isinstance(p, Problem) and p.file == "data/enderecos.txt" for p in problems)


def test_a_moved_address_gets_a_redirect_page(data_copy, strategy):
    with (data_copy / "enderecos.txt").open("a", encoding="utf-8") as registry_file:
        registry_file.write("/recomendacoes/antiga/ -> /recomendacoes/3-7/\n")
    page = assemble(strategy, make_context(data_copy)).file("recomendacoes/antiga/").content
    assert '<meta http-equiv="refresh" content="0; url=../3-7/">' in page


def test_moving_a_short_address_is_refused_by_the_check(data_copy):
    registry_file = data_copy / "enderecos.txt"
    lines = registry_file.read_text(encoding="utf-8").splitlines()
    registry_file.write_text("\n".join("/3.7/ -> /ato/" if line == "/3.7/" else line for line in lines) + "\n", encoding="utf-8")
    number = next(i for i, line in enumerate(lines, start=1) if line == "/3.7/")
    _, problems = check(data_copy)
    assert [str(p) for p in problems] == [f"data/enderecos.txt:{number}:1: /3.7/ é um endereço curto gerado; não pode ser movido."]


class _Run:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def _engd(capsys):
    """``engd --projeto ROOT ...`` run in this process (the same ``main`` the command calls)."""
    def run(*args):
        capsys.readouterr()
        status = main(["--projeto", str(ROOT), *args])
        captured = capsys.readouterr()
        return _Run(status, captured.out, captured.err)

    return run


def test_command_reports_and_then_adds_new_addresses_on_purpose(data_copy, built_site, _engd):
    registry_file = data_copy / "enderecos.txt"
    lines = registry_file.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line not in ("/mudancas.xml", "/3.7/")]
    registry_file.write_text("\n".join(kept) + "\n", encoding="utf-8")

    report = _engd("--dados", str(data_copy), "enderecos", "--site", str(built_site))
    assert report.returncode == 1
    assert "2 endereço(s) publicado(s) fora do registro data/enderecos.txt" in report.stdout
    assert registry_file.read_text(encoding="utf-8").splitlines() == kept

    added = _engd("--dados", str(data_copy), "enderecos", "--site", str(built_site), "--adicionar")
    assert added.returncode == 0, added.stderr
    assert registry_file.read_text(encoding="utf-8").splitlines() == kept + ["/3.7/", "/mudancas.xml"]
    assert _engd("--dados", str(data_copy), "enderecos", "--site", str(built_site)).returncode == 0


def test_command_fails_when_a_registered_address_is_gone(data_copy, built_site, _engd):
    with (data_copy / "enderecos.txt").open("a", encoding="utf-8") as registry_file:
        registry_file.write("/recomendacoes/99-1/\n")
    result = _engd("--dados", str(data_copy), "enderecos", "--site", str(built_site))
    assert result.returncode == 1
    assert "/recomendacoes/99-1/ não responde no site construído" in result.stderr
    assert "um endereço publicado não pode sumir" in result.stderr


def test_command_compares_with_the_declared_addresses_without_building(data_copy, _engd):
    with (data_copy / "enderecos.txt").open("a", encoding="utf-8") as registry_file:
        registry_file.write("/recomendacoes/99-1/\n")
    result = _engd("--dados", str(data_copy), "enderecos")
    assert result.returncode == 1
    assert "/recomendacoes/99-1/ não é mais publicado pelo site" in result.stderr
