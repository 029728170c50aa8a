"""The validator: one invalid fixture per rule, each yielding exactly the problems listed here.

Each case in ``tests/fixtures/validador/casos/<caso>/`` holds files that replace (or, listed in
``REMOVER``, delete) files of a small valid data folder (``validador/base``: objectives 1 and 2 with
two recommendations each and the matching part of the DOU text). The expected problems are the
full lines an editor sees: file:line:column: field: message.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engd.load import MAX_BYTES
from engd.validate import check

from conftest import DATA, FIXTURES

BASE = FIXTURES / "validador" / "base"
CASES = FIXTURES / "validador" / "casos"

EXPECTED = {'aninhamento_profundo': ['data/objetivos/objetivo-01.yml:16:32: aninhamento profundo demais (mais de 20 níveis)'],
 'arquivo_vazio': ['data/objetivos/objetivo-01.yml:1:1: o arquivo está vazio'],
 'artigos_fora_de_ordem': ['data/ato.yml:30:13: artigos[1].numero: esperava o artigo 2: os artigos seguem a ordem 1, 2, 3, …'],
 'ato_ausente': ['data/ato.yml: arquivo obrigatório ausente.'],
 'bom': ['data/objetivos/objetivo-01.yml:1:1: o arquivo começa com BOM (marca de ordem de bytes); salve-o como UTF-8 sem BOM'],
 'bomba_de_apelidos': ['data/ato.yml:1:4: âncoras YAML (&nome) não são aceitas; repita o valor'],
 'campo_desconhecido': ['data/objetivos/objetivo-01.yml:12:5: recomendacoes[1].texto_oficial: falta o campo obrigatório “texto_oficial”.',
                        'data/objetivos/objetivo-01.yml:13:5: recomendacoes[1].texto_ofical: campo desconhecido “texto_ofical”. Campos aceitos aqui: excecoes_obrigacao, na_pratica, normas, numero, temas, '
                        'texto_oficial, texto_simples.'],
 'campo_obrigatorio': ['data/ato.yml:4:1: ementa: falta o campo obrigatório “ementa”.'],
 'caractere_de_controle': ['data/objetivos/objetivo-01.yml:14:19: caractere de controle invisível não permitido (U+0007); apague-o'],
 'chave_nao_texto': ['data/objetivos/objetivo-02.yml:3:1: chaves devem ser texto simples'],
 'chave_repetida': ['data/objetivos/objetivo-02.yml:3:1: numero: chave “numero” repetida (já aparece na linha 2)'],
 'etiqueta_yaml': ['data/objetivos/objetivo-02.yml:2:9: numero: etiqueta YAML “!!python/object/apply:os.system” não é aceita'],
 'explicacao_dificil': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: a explicação da recomendação 1.2 tem índice de legibilidade -131,5 (muito difícil); o mínimo é 50. Use '
                        'frases mais curtas e palavras mais simples.'],
 'explicacao_sem_palavras': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: a explicação da recomendação 1.2 não tem nenhuma palavra.'],
 'fidelidade': ['data/objetivos/objetivo-02.yml:8:20: recomendacoes[0].texto_oficial: o texto oficial da recomendação 2.1 difere da fonte oficial a partir do caractere 7: dados “…Desenhár serviços '
                'com…”, fonte “…Desenhar serviços com…”.'],
 'fonte_ausente': ['data/ato.yml:48:8: fonte: o arquivo da fonte oficial “fontes/nao-existe.txt” não existe em data/.'],
 'formato_id': ['data/objetivos/objetivo-01.yml:12:13: recomendacoes[1].numero: valor “1-2” fora do formato. Esperado: número da recomendação no formato N.M, em que N é o número do objetivo (por '
                'exemplo, 3.7).'],
 'frases_longas': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: a explicação da recomendação 1.2 tem em média 42,0 palavras por frase; o máximo é 20.'],
 'html_no_texto': ['data/objetivos/objetivo-02.yml:8:20: recomendacoes[0].texto_oficial: o texto contém marcação HTML (“<script>aler”), que não é aceita; escreva só texto.'],
 'nao_utf8': ['data/objetivos/objetivo-02.yml:4:34: o arquivo não está em UTF-8 (byte inválido 0xe7); salve-o como UTF-8'],
 'nome_fora_do_padrao': ['data/objetivos/objetivo-2.yml: nome de arquivo fora do padrão objetivo-NN.yml (NN = número do objetivo com dois dígitos, como objetivo-03.yml).'],
 'nome_nao_confere': ['data/fontes/dou.txt: o objetivo 2 da fonte oficial não está nos dados.',
                      'data/objetivos: falta o objetivo 2 (arquivo objetivo-02.yml): a numeração deve ser 1, 2, 3, … sem lacunas.',
                      'data/objetivos/objetivo-03.yml:2:9: numero: o arquivo se chama objetivo-03.yml, mas traz o objetivo 2; o número e o nome do arquivo devem coincidir.'],
 'numeracao_lacuna': ['data/objetivos/objetivo-01.yml:7:3: recomendacoes: faltam recomendações que estão na fonte oficial: 1.2.',
                      'data/objetivos/objetivo-01.yml:12:13: recomendacoes[1].numero: a fonte oficial não tem a recomendação 1.3.',
                      'data/objetivos/objetivo-01.yml:12:13: recomendacoes[1].numero: numeração fora de ordem ou com lacuna: depois de 1.1 esperava 1.2, encontrou 1.3.'],
 'numeracao_outro_objetivo': ['data/objetivos/objetivo-02.yml:7:3: recomendacoes: faltam recomendações que estão na fonte oficial: 2.2.',
                              'data/objetivos/objetivo-02.yml:11:13: recomendacoes[1].numero: a fonte oficial não tem a recomendação 1.2.',
                              'data/objetivos/objetivo-02.yml:11:13: recomendacoes[1].numero: a recomendação 1.2 não pertence ao objetivo 2: aqui esperava 2.2.'],
 'numeracao_repetida': ['data/objetivos/objetivo-02.yml:7:3: recomendacoes: faltam recomendações que estão na fonte oficial: 2.2.',
                        'data/objetivos/objetivo-02.yml:11:13: recomendacoes[1].numero: a recomendação 2.1 está repetida.'],
 'objetivo_ausente': ['data/fontes/dou.txt: o objetivo 1 da fonte oficial não está nos dados.',
                      'data/objetivos: falta o objetivo 1 (arquivo objetivo-01.yml): a numeração deve ser 1, 2, 3, … sem lacunas.'],
 'obrigacao_deve': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “deve” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_devem': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “Devem” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_devera': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “deverá” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_deverao': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “deverão” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_deveria': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “deveria” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_e_obrigatorio': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “É obrigatório” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_e_preciso': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “É preciso” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_excecao_sem_motivo': ['data/objetivos/objetivo-01.yml:19:9: recomendacoes[1].excecoes_obrigacao[0].motivo: falta o campo obrigatório “motivo”.'],
 'obrigacao_excecao_sem_uso': ['data/objetivos/objetivo-01.yml:19:18: recomendacoes[1].excecoes_obrigacao[0].palavra: a exceção “deve” (da recomendação 1.2) não corresponde a nenhuma palavra de obrigação da explicação nem dos exemplos; apague-a.'],
 'obrigacao_obriga': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “obriga” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_obrigacao': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “obrigação” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_obrigacoes': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “obrigações” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_obrigatoria': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “obrigatória” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_precisa': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “precisa” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_precisam': ['data/objetivos/objetivo-01.yml:20:9: recomendacoes[1].na_pratica[1]: “precisam” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_teem_que': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “têm que” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_tem_de': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “tem de” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'obrigacao_tem_que': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: “tem que” (da recomendação 1.2) é palavra de obrigação, e o texto oficial não tem nenhuma: a portaria só faz recomendações (art. 1º). Reescreva sem criar obrigação ou registre a exceção, com o motivo, em excecoes_obrigacao.'],
 'publicacao_diferente': ['data/ato.yml:44:11: publicacao.pagina: difere da fonte oficial, que diz 111.'],
 'referencia_inexistente': ['data/objetivos/objetivo-01.yml:12:13: recomendacoes[0].temas[0]: tema “tema-que-nao-existe” não existe em temas.yml.'],
 'sigla_fora_do_glossario': ['data/objetivos/objetivo-01.yml:16:20: recomendacoes[1].texto_simples: a sigla “PPA” (da recomendação 1.2) não está no glossário (glossario.yml).',
                             'data/objetivos/objetivo-01.yml:18:9: recomendacoes[1].na_pratica[0]: a sigla “LDO” (da recomendação 1.2) não está no glossário (glossario.yml).'],
 'sintaxe_yaml': ['data/objetivos/objetivo-01.yml:16:1: o arquivo termina no meio de um valor (aspas ou colchetes sem fechar?)'],
 'tabulacao': ['data/objetivos/objetivo-01.yml:12:1: tabulação não é permitida em YAML; use espaços'],
 'texto_vazio': ['data/objetivos/objetivo-01.yml:13:20: recomendacoes[1].texto_oficial: o texto está vazio.'],
 'tipo_errado': ['data/objetivos/objetivo-02.yml:2:9: numero: deveria ser número inteiro, mas é texto.'],
 'varios_documentos': ['data/objetivos/objetivo-01.yml:16:1: o arquivo tem mais de um documento YAML (“---”); use um só']}


def make_data(tmp_path: Path, case: str | None = None) -> Path:
    target = tmp_path / "data"
    shutil.copytree(BASE, target)
    shutil.copytree(DATA / "esquemas", target / "esquemas")
    if case:
        overlay = CASES / case
        for source in overlay.rglob("*"):
            if source.is_file() and source.name != "REMOVER":
                destination = target / source.relative_to(overlay)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
        removals = overlay / "REMOVER"
        if removals.exists():
            for relative in removals.read_text(encoding="utf-8").split():
                (target / relative).unlink()
    return target


def test_base_fixture_is_valid(tmp_path):
    raw, problems = check(make_data(tmp_path))
    assert problems == []
    assert [d.value["numero"] for d in raw.objectives] == [1, 2]


def test_every_case_has_expectations():
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_yields_exact_problems(tmp_path, case):
    raw, problems = check(make_data(tmp_path, case))
    assert raw is None
    assert [str(p) for p in problems] == EXPECTED[case]


def test_problems_carry_file_line_column_and_field(tmp_path):
    _, problems = check(make_data(tmp_path, "formato_id"))
    (problem,) = problems
    assert (problem.file, problem.line, problem.column, problem.field) == (
        "data/objetivos/objetivo-01.yml", 12, 13, "recomendacoes[1].numero")


def test_problems_of_all_files_are_collected_at_once(tmp_path):
    data = make_data(tmp_path, "tipo_errado")
    shutil.copyfile(CASES / "formato_id" / "objetivos" / "objetivo-01.yml", data / "objetivos" / "objetivo-01.yml")
    shutil.copyfile(CASES / "publicacao_diferente" / "ato.yml", data / "ato.yml")
    _, problems = check(data)
    assert [str(p) for p in problems] == sorted(
        EXPECTED["formato_id"] + EXPECTED["tipo_errado"] + EXPECTED["publicacao_diferente"])


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    data = make_data(tmp_path)
    big = data / "objetivos" / "objetivo-02.yml"
    big.write_text(big.read_text(encoding="utf-8") + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    _, problems = check(data)
    size = big.stat().st_size
    assert [str(p) for p in problems] == [
        f"data/objetivos/objetivo-02.yml: arquivo grande demais ({size} bytes; o limite é {MAX_BYTES})"]


def test_the_real_data_is_valid():
    raw, problems = check(DATA)
    assert problems == [], "\n".join(map(str, problems))


OBLIGATION_CASE = CASES / "obrigacao_deve" / "objetivos" / "objetivo-01.yml"


def test_reviewed_exception_keeps_the_word(tmp_path):
    data = make_data(tmp_path, "obrigacao_deve")
    target = data / "objetivos" / "objetivo-01.yml"
    target.write_text(target.read_text(encoding="utf-8") + "    excecoes_obrigacao:\n      - palavra: deve\n"
                      "        motivo: \"Caso de teste: a palavra fica de propósito.\"\n", encoding="utf-8")
    assert check(data)[1] == []


def test_obligation_word_is_accepted_when_the_official_text_has_one_of_its_family(tmp_path):
    data = make_data(tmp_path, "obrigacao_devem")
    for relative in ("fontes/dou.txt", "objetivos/objetivo-01.yml"):
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert text.count("Diversificar e indicar") == 1
        path.write_text(text.replace("Diversificar e indicar", "Deverão diversificar e indicar"), encoding="utf-8")
    assert check(data)[1] == []
    path = data / "objetivos" / "objetivo-01.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Devem existir", "Precisam existir"), encoding="utf-8")
    assert [p.message.split(" ")[0] for p in check(data)[1]] == ["“Precisam”"]


def test_obligation_words_finds_whole_forms_only():
    from engd.obligation import family, obligation_words

    text = ("Devem pedir. O devedor paga. A precisão conta. Tem  que ver. É OBRIGATÓRIO. "
            "Ele tem dez anos. A lei obriga. Obrigatoriedade não é uma forma da lista.")
    assert obligation_words(text) == ["Devem", "Tem que", "É OBRIGATÓRIO", "obriga"]
    assert [family(w) for w in obligation_words(text)] == ["dever", "ter que", "obrigar", "obrigar"]
