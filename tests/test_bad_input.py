"""Bad input never reaches the public: each malformed edit of the data fails the real build.

Every case below edits a copy of ``data/`` in one way an editor (or an attacker) could, then runs
``engd --dados COPY build --saida SITE`` against a folder holding a previous site: through the
command's own ``main`` in this process, and for one case of each kind (syntax, schema, fidelity) as
the real command in a child process, against a copy of the whole built site. Each must end with a
non-zero exit, a Portuguese message that names the file (and the line, when the problem has one)
and says what is wrong, no Python traceback, and the previous site byte for byte as it was. A case
whose edit the build accepted would fail here: the list proves the checks, it does not trust them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest

from engd.cli import main

from conftest import tree_digest

ROOT = Path(__file__).resolve().parents[1]
O3 = "objetivos/objetivo-03.yml"
ATO = "ato.yml"
SOURCE = "fontes/portaria-sgd-mgi-4248-2024-dou.txt"
REC_3_1 = '  - numero: "3.1"\n'
REC_3_2 = '  - numero: "3.2"\n'
REC_3_3 = '  - numero: "3.3"\n'


# --- Edits: each takes the data folder and changes it; a missing anchor text fails loudly ------

def _read(data: Path, file: str) -> str:
    return (data / file).read_text(encoding="utf-8")


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        text = _read(data, file)
        assert old in text, f"o caso de teste não encontrou {old!r} em {file}: atualize o caso"
        (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def insert_after(file: str, anchor: str, new: str) -> Callable[[Path], None]:
    return replace(file, anchor, anchor + new)


def replace_field(file: str, anchor: str, key: str, new: str) -> Callable[[Path], None]:
    """Put ``new`` in place of the field ``key`` (with its continuation lines) of the item that
    starts at ``anchor``."""
    def edit(data: Path) -> None:
        path = data / file
        text = path.read_text(encoding="utf-8")
        start = text.index(f"    {key}:", text.index(anchor))
        end = text.index("\n", start) + 1
        while text.startswith("      ", end):  # the folded lines or list items of the old value
            end = text.index("\n", end) + 1
        path.write_text(text[:start] + new + text[end:], encoding="utf-8")
    return edit


def replace_plain_text(file: str, anchor: str, new: str) -> Callable[[Path], None]:
    return replace_field(file, anchor, "texto_simples", new)


def delete_item(file: str, anchor: str, next_anchor: str) -> Callable[[Path], None]:
    """Remove a whole list item, from its first line up to the next item's."""
    def edit(data: Path) -> None:
        text = _read(data, file)
        start = text.index(anchor)
        (data / file).write_text(text[:start] + text[text.index(next_anchor, start):], encoding="utf-8")
    return edit


def append(file: str, text: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        with open(data / file, "a", encoding="utf-8") as handle:
            handle.write(text)
    return edit


def write_text(file: str, text: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        (data / file).write_text(text, encoding="utf-8")
    return edit


def transform_bytes(file: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / file
        path.write_bytes(change(path.read_bytes()))
    return edit


def delete(file: str) -> Callable[[Path], None]:
    return lambda data: (data / file).unlink()


def rename(file: str, new_name: str) -> Callable[[Path], None]:
    return lambda data: (data / file).rename(data / new_name)


def objective_11(data: Path) -> None:
    """An extra objective, well formed, that the official source does not have."""
    text = _read(data, "objetivos/objetivo-10.yml").replace("numero: 10", "numero: 11")
    text = re.sub(r'numero: "10\.', 'numero: "11.', text)
    (data / "objetivos/objetivo-11.yml").write_text(text, encoding="utf-8")


def _nested_blocks(depth: int) -> str:
    return "".join(f"{'  ' * i}nivel:\n" for i in range(depth)) + f"{'  ' * depth}fim: sim\n"


_LAUGHS = "".join(
    ['lol0: &lol0 "lol"\n']
    + [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]\n" for i in range(1, 10)]
)


# --- The cases ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    file: str  # relative to data/; the message must name it
    edit: Callable[[Path], None]
    message: str  # regular expression the problem's Portuguese text must match
    line: bool = True  # the problem has a line number (False: whole-file problems)


CASES = [
    # Syntax
    Case("aspas-sem-fechar", O3, replace(O3, 'numero: "3.2"', 'numero: "3.2'), r"valor fora de lugar"),
    Case("colchete-sem-fechar", O3, replace(O3, "numero: 3\n", "numero: [3\n"), r"falta “\]”"),
    Case("indentacao-de-chave", O3, replace(O3, '"3.1"\n    texto_oficial', '"3.1"\n     texto_oficial'), r"indentação inconsistente: esta linha"),
    Case("item-de-lista-desalinhado", O3, replace(O3, '  - numero: "3.2"', ' - numero: "3.2"'), r"indentação inconsistente numa lista"),
    Case("dois-pontos-sobrando", O3, replace(O3, "numero: 3\n", "numero: 3: três\n"), r"“:” fora de lugar"),
    Case("tabulacao", O3, replace(O3, '"3.1"\n    texto_oficial', '"3.1"\n\ttexto_oficial'), r"tabulação"),
    # Structure: keys
    Case("chave-duplicada-na-raiz", O3, append(O3, "numero: 3\n"), r"chave “numero” repetida"),
    Case("chave-duplicada-na-recomendacao", O3, insert_after(O3, REC_3_1, '    numero: "3.1"\n'), r"chave “numero” repetida"),
    Case("campo-desconhecido", O3, append(O3, "titulo: Identidade\n"), r"campo desconhecido “titulo”"),
    Case("campo-com-erro-de-digitacao", O3, replace(O3, '"3.1"\n    texto_oficial', '"3.1"\n    texto_oficail'), r"campo desconhecido “texto_oficail”|falta o campo obrigatório “texto_oficial”"),
    Case("chave-numerica", O3, append(O3, "1: um\n"), r"chaves devem ser texto"),
    Case("chave-composta", O3, append(O3, "? [a, b]\n: c\n"), r"chaves devem ser texto"),
    Case("campo-obrigatorio-ausente-objetivo", O3, replace(O3, "texto_oficial: >-\n  Implementar e manter solução estruturante de identificação única e nacional, com ampla\n  disponibilidade e validade para todos os entes federados.\n", ""), r"falta o campo obrigatório “texto_oficial”"),
    Case("campo-obrigatorio-ausente-ato", ATO, replace(ATO, "ementa: >-\n  Estabelece recomendações para o alcance dos objetivos da Estratégia Nacional de Governo Digital\n  para o período de 2024 a 2027.\n", ""), r"falta o campo obrigatório “ementa”"),
    # Types and values
    Case("numero-do-objetivo-por-extenso", O3, replace(O3, "numero: 3\n", "numero: três\n"), r"deveria ser número inteiro, mas é texto"),
    Case("numero-da-recomendacao-sem-aspas", O3, replace(O3, 'numero: "3.1"', "numero: 3.1"), r"deveria ser texto, mas é número"),
    Case("numero-nao-numero", O3, replace(O3, "numero: 3\n", "numero: .nan\n"), r"deveria ser número inteiro, mas é número"),
    Case("numero-zero", O3, replace(O3, "numero: 3\n", "numero: 0\n"), r"no mínimo 1"),
    Case("texto-verdadeiro-falso", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: yes\n"), r"deveria ser texto, mas é verdadeiro/falso"),
    Case("recomendacoes-como-texto", O3, write_text(O3, "numero: 3\ntexto_oficial: Implementar e manter.\nrecomendacoes: todas\n"), r"deveria ser lista, mas é texto"),
    Case("raiz-como-lista", O3, write_text(O3, "- numero: 3\n- texto_oficial: x\n"), r"deveria ser conjunto de campos, mas é lista"),
    Case("lista-de-recomendacoes-vazia", O3, write_text(O3, "numero: 3\ntexto_oficial: Implementar e manter.\nrecomendacoes: []\n"), r"ao menos 1 item"),
    Case("na-pratica-com-itens-demais", O3, replace_field(O3, REC_3_1, "na_pratica", "    na_pratica: [Um., Dois., Três., Quatro.]\n"), r"no máximo 3 itens"),
    Case("situacao-fora-da-lista", ATO, replace(ATO, "endereco_situacao: desconhecido", "endereco_situacao: talvez"), r"não é aceito. Use um destes"),
    Case("data-em-formato-brasileiro", ATO, replace(ATO, 'data: "2024-06-26"', 'data: "26/06/2024"'), r"fora do formato"),
    # Empty text
    Case("texto-vazio", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: ""\n'), r"o texto está vazio"),
    Case("texto-so-de-espacos", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: "   "\n'), r"o texto está vazio"),
    Case("texto-nulo", O3, replace_plain_text(O3, REC_3_1, "    texto_simples:\n"), r"deveria ser texto, mas é vazio \(null\)"),
    Case("arquivo-vazio", O3, write_text(O3, ""), r"o arquivo está vazio"),
    Case("arquivo-so-com-comentarios", O3, write_text(O3, "# só um comentário\n"), r"o arquivo está vazio"),
    # Identifiers and numbering
    Case("id-com-hifen", O3, replace(O3, '"3.1"', '"3-1"'), r"fora do formato"),
    Case("id-com-zero-a-esquerda", O3, replace(O3, '"3.1"', '"3.01"'), r"fora do formato"),
    Case("id-com-letra", O3, replace(O3, '"3.1"', '"3.a"'), r"fora do formato"),
    Case("numeracao-com-lacuna", O3, delete_item(O3, REC_3_2, REC_3_3), r"esperava 3\.2, encontrou 3\.3"),
    Case("numeracao-repetida", O3, replace(O3, '"3.2"', '"3.1"'), r"3\.1 está repetida"),
    Case("numeracao-fora-de-ordem", O3, lambda d: (replace(O3, '"3.1"', '"3.X"')(d), replace(O3, '"3.2"', '"3.1"')(d), replace(O3, '"3.X"', '"3.2"')(d)), r"fora de ordem"),
    Case("recomendacao-de-outro-objetivo", O3, replace(O3, '"3.1"', '"4.1"'), r"não pertence ao objetivo 3"),
    Case("recomendacao-que-a-fonte-nao-tem", O3, append(O3, '  - numero: "3.8"\n    texto_oficial: Uma recomendação inventada.\n'), r"a fonte oficial não tem a recomendação 3\.8"),
    Case("objetivo-que-a-fonte-nao-tem", "objetivos/objetivo-11.yml", objective_11, r"a fonte oficial não tem objetivo 11"),
    Case("objetivo-faltando", "objetivos", delete("objetivos/objetivo-05.yml"), r"falta o objetivo 5 \(arquivo objetivo-05\.yml\)", line=False),
    Case("arquivo-com-numero-de-outro-objetivo", O3, replace(O3, "numero: 3\n", "numero: 4\n"), r"o arquivo se chama objetivo-03\.yml, mas traz o objetivo 4"),
    Case("nome-de-arquivo-fora-do-padrao", "objetivos/objetivo-3.yml", rename(O3, "objetivos/objetivo-3.yml"), r"nome de arquivo fora do padrão", line=False),
    Case("arquivo-estranho-na-pasta", "objetivos/leia-me.txt", write_text("objetivos/leia-me.txt", "notas\n"), r"nome de arquivo fora do padrão", line=False),
    Case("ato-ausente", ATO, delete(ATO), r"arquivo obrigatório ausente", line=False),
    Case("artigos-fora-de-ordem", ATO, replace(ATO, "  - numero: 2\n", "  - numero: 3\n"), r"esperava o artigo 2"),
    # References
    Case("tema-inexistente", O3, replace_field(O3, REC_3_1, "temas", "    temas: [tema-que-nao-existe]\n"), r"tema “tema-que-nao-existe” não existe"),
    Case("norma-inexistente", O3, insert_after(O3, REC_3_1, "    normas: [norma-que-nao-existe]\n"), r"norma “norma-que-nao-existe” não existe"),
    Case("temas-repetidos", O3, replace_field(O3, REC_3_1, "temas", "    temas: [identidade-digital, identidade-digital]\n"), r"itens repetidos"),
    Case("fonte-inexistente", ATO, replace(ATO, f"fonte: {SOURCE}", "fonte: fontes/nao-existe.txt"), r"não existe em data/"),
    Case("fonte-fora-da-pasta-de-dados", ATO, replace(ATO, f"fonte: {SOURCE}", "fonte: ../../../../etc/passwd"), r"não existe em data/"),
    # Encoding and bytes
    Case("bom-no-inicio", O3, transform_bytes(O3, lambda b: b"\xef\xbb\xbf" + b), r"BOM"),
    Case("latin-1", O3, transform_bytes(O3, lambda b: b.decode("utf-8").encode("latin-1", "replace")), r"não está em UTF-8"),
    Case("caractere-de-controle", O3, replace(O3, "Integrar os serviços públicos digitais", "Integrar os serviços\x07 públicos digitais"), r"caractere de controle"),
    Case("byte-nulo", O3, replace(O3, "Integrar os serviços públicos digitais", "Integrar os serviços\x00 públicos digitais"), r"caractere de controle"),
    Case("fonte-oficial-em-latin-1", SOURCE, transform_bytes(SOURCE, lambda b: b.decode("utf-8").encode("latin-1", "replace")), r"não está em UTF-8"),
    Case("fonte-oficial-sem-cabecalho", SOURCE, replace(SOURCE, "Publicado em:", "Publicado:"), r"fonte oficial ilegível", line=False),
    # Size, depth and YAML features that could be abused
    Case("arquivo-grande-demais", O3, append(O3, "# " + "x" * (6 * 1024 * 1024) + "\n"), r"arquivo grande demais", line=False),
    Case("aninhamento-profundo-em-colchetes", O3, insert_after(O3, REC_3_1, "    na_pratica: " + "[" * 200 + "]" * 200 + "\n"), r"aninhamento profundo demais"),
    Case("aninhamento-profundo-em-blocos", O3, append(O3, _nested_blocks(40)), r"aninhamento profundo demais"),
    Case("aninhamento-extremo", O3, insert_after(O3, REC_3_1, "    na_pratica: " + "[" * 100_000 + "\n"), r"aninhamento profundo demais"),
    Case("bomba-de-apelidos", O3, append(O3, _LAUGHS), r"âncoras YAML"),
    Case("ancora-e-apelido", O3, lambda d: (replace_plain_text(O3, REC_3_1, "    texto_simples: &texto Um texto.\n")(d), replace_plain_text(O3, '  - numero: "3.2"\n', "    texto_simples: *texto\n")(d)), r"âncoras YAML"),
    Case("apelido-sem-ancora", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: *nada\n"), r"apelidos YAML"),
    Case("chave-de-mesclagem", O3, append(O3, "<<: {titulo: x}\n"), r"chaves devem ser texto"),
    Case("etiqueta-python-objeto", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: !!python/object/apply:os.system ["echo perigo"]\n'), r"etiqueta YAML"),
    Case("etiqueta-python-nome", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: !!python/name:os.system\n"), r"etiqueta YAML"),
    Case("etiqueta-python-tupla-valida", O3, insert_after(O3, REC_3_1, '    na_pratica: !!python/tuple ["Uma ação concreta."]\n'), r"etiqueta YAML"),
    Case("etiqueta-conjunto", O3, insert_after(O3, REC_3_1, "    temas: !!set {identidade}\n"), r"etiqueta YAML"),
    Case("etiqueta-local", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: !segredo Um texto.\n"), r"etiqueta YAML"),
    Case("etiqueta-binaria", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: !!binary aGVsbG8=\n"), r"etiqueta YAML"),
    Case("varios-documentos", O3, append(O3, "---\nnumero: 4\n"), r"mais de um documento"),
    # HTML and JavaScript in text
    Case("html-script", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: <script>alert(1)</script>\n"), r"marcação HTML"),
    Case("html-img-onerror", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: "Veja <img src=x onerror=alert(1)>"\n'), r"marcação HTML"),
    Case("html-link-javascript", O3, replace_plain_text(O3, REC_3_1, "    texto_simples: 'Clique <a href=\"javascript:alert(1)\">aqui</a>.'\n"), r"marcação HTML"),
    Case("markdown-autolink-javascript", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: "Abra <javascript:alert(1)>."\n'), r"marcação HTML"),
    Case("html-comentario", O3, replace_plain_text(O3, REC_3_1, '    texto_simples: "Texto <!-- escondido --> visível."\n'), r"marcação HTML"),
    Case("html-no-texto-oficial", O3, replace(O3, "Integrar os serviços públicos digitais", "Integrar os <b>serviços</b> públicos digitais"), r"marcação HTML"),
    # Official text must equal the source (fidelity)
    Case("texto-oficial-da-recomendacao-alterado", O3, replace(O3, "Integrar os serviços públicos digitais", "Integrar alguns serviços públicos digitais"), r"texto oficial da recomendação 3\.1 difere da fonte oficial"),
    Case("texto-oficial-do-objetivo-alterado", O3, replace(O3, "Implementar e manter solução", "Implementar solução"), r"texto oficial do objetivo 3 difere da fonte oficial"),
    Case("ementa-alterada", ATO, replace(ATO, "Estabelece recomendações", "Estabelece sugestões"), r"a ementa difere da fonte oficial"),
    Case("data-de-publicacao-alterada", ATO, replace(ATO, 'data: "2024-06-28"', 'data: "2024-06-29"'), r"difere da fonte oficial, que diz 2024-06-28"),
    Case("artigo-removido", ATO, replace(ATO, "  - numero: 2\n    rotulo: Art. 2º\n    texto_oficial: Esta Portaria entra em vigor na data de sua publicação.\n", ""), r"a fonte tem 2 artigos e os dados, 1"),
]


# --- The run -----------------------------------------------------------------------------------

def run_build(data: Path, site: Path) -> subprocess.CompletedProcess:
    """``engd build`` as a person runs it: a new process, its exit code and what it prints."""
    environment = dict(os.environ, PYTHONIOENCODING="utf-8", ENGD_PDF="nao")
    return subprocess.run(
        [sys.executable, "-m", "engd.cli", "--projeto", str(ROOT), "--dados", str(data), "build", "--saida", str(site)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=environment, timeout=300,
    )


@pytest.fixture
def build_in_process(capsys, monkeypatch):
    """``engd build`` through the same ``main`` the command calls, in this process (no interpreter
    start-up per case); a few cases below still run the real command end to end."""
    monkeypatch.setenv("ENGD_PDF", "nao")

    def run(data: Path, site: Path) -> subprocess.CompletedProcess:
        capsys.readouterr()
        status = main(["--projeto", str(ROOT), "--dados", str(data), "build", "--saida", str(site)])
        captured = capsys.readouterr()
        return subprocess.CompletedProcess([], status, captured.out, captured.err)

    return run


# Cases also run as a separate process, end to end: one per kind of failure (syntax, schema, fidelity).
END_TO_END = {"aspas-sem-fechar", "campo-desconhecido", "latin-1", "texto-oficial-do-objetivo-alterado"}


# What the in-process cases copy of the built site as the previous one: a few of its files, in
# their folders. A failing build never reads the folder it would replace, so any change to it (a file
# written, removed or replaced, the folder swapped) shows on these as it would on the whole site, and
# the case does not copy and hash 300 files and 160 folders (the end-to-end cases still do).
SMALL_SITE = ("index.html", "recomendacoes/3-1/index.html", "dados/datapackage.json", "404.html")


def _copy_previous(built_site: Path, site: Path, whole: bool) -> dict[str, str]:
    """Copy the built site (or only ``SMALL_SITE`` of it) to ``site``; the digest of the copy."""
    if whole:
        shutil.copytree(built_site, site)
    else:
        for name in SMALL_SITE:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built_site / name, site / name)
    return tree_digest(site)


def test_there_are_at_least_forty_distinct_cases():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), "ids de casos repetidos"
    assert len(CASES) >= 40


def test_the_end_to_end_cases_exist():
    assert END_TO_END <= {case.id for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_edit_fails_clearly_and_leaves_the_site_alone(case: Case, data_copy: Path, built_site, tmp_path: Path,
                                                          build_in_process):
    site = tmp_path / "site"
    end_to_end = case.id in END_TO_END
    digest = _copy_previous(built_site, site, whole=end_to_end)
    assert len(digest) >= len(SMALL_SITE)
    case.edit(data_copy)

    result = (run_build if end_to_end else build_in_process)(data_copy, site)

    assert result.returncode == 1, f"saída {result.returncode}; a construção deveria falhar.\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
    assert "Erro inesperado" not in result.stderr
    assert "A construção falhou; o site anterior" in result.stderr
    english = re.findall(r"\b(?:expected|found|but|codec|could not|while|error)\b", result.stderr, re.I)
    assert not english, f"mensagem com trechos em inglês {english}:\n{result.stderr}"
    assert re.search(r"^\d+ problemas? encontrados?\.$", result.stderr, re.M), result.stderr
    shown = re.escape(f"data/{case.file}")
    where = rf"^{shown}:(\d+):\d+:" if case.line else rf"^{shown}:"
    lines = [line for line in result.stderr.splitlines() if re.match(where, line)]
    assert lines, f"nenhum problema aponta {'linha de ' if case.line else ''}data/{case.file}:\n{result.stderr}"
    if case.line:
        assert all(int(re.match(where, line)[1]) >= 1 for line in lines)
    assert any(re.search(case.message, line) for line in lines), \
        f"esperava /{case.message}/ num problema de data/{case.file}:\n{result.stderr}"
    assert tree_digest(site) == digest, "o site anterior mudou"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert not leftovers, f"pastas temporárias deixadas para trás: {leftovers}"


# --- Text the validator accepts must still come out inert ---------------------------------------

# Markdown, attribute lists, entities and a javascript: link: none of it is HTML, so the validator
# accepts it; the pages must show it as the characters it is, never as links, emphasis or attributes.
MARKUP = "Veja *isto* e [clique aqui](javascript:alert(1)) ou ![img](x) `código` {: onclick=alert(1) } &lt;b&gt; _fim_"
REC_3_1_OFFICIAL = ("    texto_oficial: >-\n"
                    "      Integrar os serviços públicos digitais ao mecanismo de autenticação digital da Plataforma\n"
                    "      GOV.BR.\n")
SOURCE_3_1 = "3.1 Integrar os serviços públicos digitais ao mecanismo de autenticação digital da Plataforma GOV.BR."


def test_markdown_and_html_like_text_is_inert_in_the_pages(data_copy: Path, tmp_path: Path, build_in_process):
    # The official text must equal the source, so both change together (as a new act would read).
    replace(O3, REC_3_1_OFFICIAL, f"    texto_oficial: {json.dumps(MARKUP, ensure_ascii=False)}\n")(data_copy)
    replace(SOURCE, SOURCE_3_1, f"3.1 {MARKUP}")(data_copy)
    # the explanation must still pass the plain-language rules: short easy sentences after the markup
    plain = MARKUP + " Isso é bom. Tudo bem. Vai dar certo. Use já. Leia mais. É só isso."
    replace_plain_text(O3, REC_3_1, f"    texto_simples: {json.dumps(plain, ensure_ascii=False)}\n")(data_copy)
    site = tmp_path / "site"

    result = build_in_process(data_copy, site)

    assert result.returncode == 0, result.stderr
    pages = [site / "recomendacoes/3-1/index.html", site / "objetivos/3/index.html", site / "recomendacoes/index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "*isto*" in html and "[clique aqui](javascript:alert(1))" in html, f"{path}: o texto não aparece como escrito"
        assert "&amp;lt;b&amp;gt;" in html, f"{path}: entidades deveriam aparecer como texto"
        elements = _Elements()
        elements.feed(html)
        assert not [a for tag, a in elements.found if any(k.startswith("on") for k in a)], f"{path}: atributo de evento"
        assert not [a for tag, a in elements.found if (a.get("href") or "").strip().lower().startswith("javascript:")], path
        assert not [a for tag, a in elements.found if tag == "img" and a.get("src") == "x"], path
        assert "isto" not in elements.text_in("em") and "fim" not in elements.text_in("em"), path
        assert "código" not in elements.text_in("code"), path


class _Elements(HTMLParser):
    """Every element's tag and attributes, and the text inside each tag name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k.lower(): v for k, v in attrs}))
        if tag not in ("img", "br", "meta", "link", "input", "hr"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data):
        for tag in set(self.open):
            self.texts.setdefault(tag, []).append(data)

    def text_in(self, tag: str) -> str:
        return " ".join(self.texts.get(tag, []))
