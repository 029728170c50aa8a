"""The federative progress view (issue 15): published self-assessments in data/autoavaliacoes/.

Counts are checked against an independent computation (the files read with json and csv, not with
engd), the pages and the open-data tables as outputs (the package validated with frictionless), the
collection rules with the malformed and conflicting files of tests/fixtures/acompanhamento/ (the exact
lines ``engd check`` prints are in esperado.txt), and the empty folder of the real data.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_context
from engd import assessments, urls
from engd.cli import main
from engd.model import load_strategy
from engd.outputs import assemble, catalog, progress, progress_data, search_index
from tools import synthetic_assessments

MOMENT = datetime(2026, 12, 1, tzinfo=timezone.utc)
EPOCH = str(int(MOMENT.timestamp()))
CASES = FIXTURES / "acompanhamento"


def _with_assessments(data_copy: Path, municipalities: int, seed: int):
    folder = data_copy / assessments.FOLDER
    synthetic_assessments.write(municipalities, folder, seed, _ids())
    context = make_context(data_copy, moment=MOMENT)
    strategy, problems = load_strategy(data_copy, MOMENT)
    assert strategy is not None, "\n".join(map(str, problems))
    return strategy, context, folder


def _ids() -> list[str]:
    strategy, _ = load_strategy(ROOT / "data")
    return [r.id for r in strategy.recommendations]


def _independent(folder: Path) -> tuple[dict[str, str], dict[str, Counter]]:
    """Name of each ente and the count per (recommendation, status), read with json and csv only."""
    names, found = {}, {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            document = json.loads(path.read_text(encoding="utf-8"))
            header, answers = document["cabecalho"], document["respostas"]
        elif path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
            header, answers = rows[0], rows
        else:
            continue
        names[header["ente_codigo_ibge"]] = header["ente_nome"]
        for answer in answers:
            found.setdefault(answer["recomendacao"], Counter())[answer["situacao"]] += 1
    return names, found


@pytest.mark.parametrize("municipalities,seed", [(0, 1), (12, 2), (40, 3)])
def test_counts_agree_with_an_independent_count(data_copy, municipalities, seed):
    strategy, context, folder = _with_assessments(data_copy, municipalities, seed)
    names, expected = _independent(folder)
    assert len(strategy.assessments) == 27 + municipalities == len(names)
    assert {a.code: a.name for a in strategy.assessments} == names
    found = progress.counts(strategy.assessments, [r.id for r in strategy.recommendations])
    assert {rec: +counter for rec, counter in found.items()} == expected
    site = assemble(strategy, context)
    table = list(csv.DictReader(io.StringIO(site.file(urls.progress_file("por-recomendacao.csv")).data.decode("utf-8"))))
    assert len(table) == len(strategy.recommendations) * 6
    for row in table:
        status = "" if row["situacao"] == "sem-resposta" else row["situacao"]
        assert int(row["entes"]) == expected[row["recomendacao"]][status]
        assert abs(float(row["proporcao"]) - int(row["entes"]) / len(names)) < 1e-6
    by_objective = list(csv.DictReader(io.StringIO(site.file(urls.progress_file("por-objetivo.csv")).data.decode("utf-8"))))
    for objective in strategy.objectives:
        for status in progress.STATUS_IDS:
            row = next(r for r in by_objective if r["objetivo"] == str(objective.number)
                       and r["situacao"] == (status or "sem-resposta"))
            assert int(row["respostas"]) == sum(expected[r.id][status] for r in objective.recommendations)
    page = site.file(urls.PROGRESS).content
    first = strategy.recommendations[0]
    count = expected[first.id]["implementada"]
    assert (f'<span data-recomendacao="{first.id}" data-situacao="implementada">{count} '
            f'({progress.share(count, len(names))})</span>') in page


def test_long_table_has_one_row_per_ente_and_recommendation(data_copy):
    strategy, context, folder = _with_assessments(data_copy, 5, 4)
    site = assemble(strategy, context)
    rows = list(csv.DictReader(io.StringIO(site.file(urls.progress_file("situacoes.csv")).data.decode("utf-8"))))
    assert len(rows) == 32 * len(strategy.recommendations)
    assert {(r["ente_codigo_ibge"], r["recomendacao"]) for r in rows} == {
        (a.code, r.id) for a in strategy.assessments for r in strategy.recommendations}
    answer = strategy.assessments[0].answers[0]
    row = next(r for r in rows if r["ente_codigo_ibge"] == strategy.assessments[0].code and r["recomendacao"] == answer.recommendation)
    assert (row["situacao"], row["area_responsavel"], row["data_prevista"]) == (answer.status, answer.area, answer.due)


def test_the_package_is_valid_for_frictionless_and_listed_in_dados_and_dcat(data_copy, tmp_path):
    strategy, context, folder = _with_assessments(data_copy, 8, 5)
    site = assemble(strategy, context)
    for f in site.generated:
        if f.address.startswith(urls.PROGRESS_DATA):
            target = tmp_path / f.address
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.data)
    assert progress_data.check_built_site(tmp_path) == []
    descriptor = json.loads((tmp_path / urls.progress_file("datapackage.json")).read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == ["entes", "situacoes", "por-recomendacao", "por-objetivo"]
    listed = {f.address for f in site.downloads}
    for name in ("entes.csv", "situacoes.csv", "por-recomendacao.csv", "por-objetivo.csv", "datapackage.json"):
        assert urls.progress_file(name) in listed
    catalogue = site.file(catalog.CATALOGUE)
    assert "acompanhamento/situacoes.csv" in catalogue.data.decode("utf-8")
    assert "acompanhamento/situacoes.csv" in site.file(urls.DATA).content


def test_a_broken_table_fails_the_frictionless_step(data_copy, tmp_path):
    strategy, context, folder = _with_assessments(data_copy, 2, 6)
    for f in assemble(strategy, context).generated:
        if f.address.startswith(urls.PROGRESS_DATA):
            target = tmp_path / f.address
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.data)
    path = tmp_path / urls.progress_file("por-objetivo.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",sem-resposta,", ",talvez,", 1), encoding="utf-8")
    problems = progress_data.check_built_site(tmp_path)
    assert problems and "por-objetivo" in "\n".join(problems)


def test_pages_per_ente_out_of_menu_and_search(data_copy):
    strategy, context, folder = _with_assessments(data_copy, 3, 7)
    site = assemble(strategy, context)
    progress_pages = [f for f in site.pages if f.address.startswith(urls.PROGRESS)]
    assert [f.address for f in progress_pages] == [urls.PROGRESS, urls.PROGRESS_ENTES]
    assert all(f.page.menu is None and not f.page.search for f in progress_pages)
    assert not any("Acompanhamento" in json.dumps(entry, ensure_ascii=False) for entry in site.menu())
    ente = strategy.assessments[-1]
    page = site.file(urls.progress_ente(ente.code)).content
    assert '<html lang="pt-BR">' in page and f"<h1>{ente.name}: autoavaliação</h1>" in page
    for answer in ente.answers:
        slug = answer.recommendation.replace(".", "-")
        assert f'<th scope="row"><a href="../../../recomendacoes/{slug}/">{answer.recommendation}</a></th>' in page
    assert all(urls.progress_ente(a.code) in {f.address for f in site.files} for a in strategy.assessments)
    listing = site.file(urls.PROGRESS_ENTES).content
    assert all(f'<a href="{a.code}/">{a.name}</a>' in listing for a in strategy.assessments)


def test_names_from_files_are_shown_as_text(data_copy):
    strategy, context, folder = _with_assessments(data_copy, 0, 8)
    path = folder / "33.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["cabecalho"]["ente_nome"] = "Estado *sintético* | [33](x)"
    document["respostas"][0]["observacoes"] = "Linha um.\nLinha | dois."
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    strategy, problems = load_strategy(data_copy, MOMENT)
    assert problems == []
    page = assemble(strategy, context).file(urls.progress_ente("33")).content
    assert "<h1>Estado *sintético* | [33](x): autoavaliação</h1>" in page
    assert "<td>Linha um. Linha | dois.</td>" in page
    listing = assemble(strategy, context).file(urls.PROGRESS_ENTES).content
    assert r'<a href="33/">Estado \*sintético\* \| \[33\](x)</a>' in listing


def test_search_finds_an_ente_by_name_below_every_item(data_copy, tmp_path):
    strategy, context, folder = _with_assessments(data_copy, 30, 9)
    records = progress.search_records(strategy)
    assert len(records) == len({a.uf for a in strategy.assessments}) == 27
    assert all(r.kind == "ente" for r in records)
    assert search_index.TIPOS["ente"] < min(v for k, v in search_index.TIPOS.items() if k != "ente")
    sp = next(r for r in records if r.url == urls.progress_ente_anchor("SP"))
    assert "Estado sintético 35" in sp.fields["extra"]
    index = json.loads(search_index.index_bytes(strategy))
    assert not any(d["tipo"] == "ente" for d in index["documentos"])
    assert index["entes"] == urls.PROGRESS_SEARCH
    second = json.loads(assemble(strategy, context).file(urls.PROGRESS_SEARCH).data)
    assert [d["tipo"] for d in second["documentos"]] == ["ente"] * 27
    assert second["lingua"] == index["lingua"] and second["campos"] == index["campos"]
    assert "entes" not in json.loads(search_index.index_bytes(load_strategy(ROOT / "data")[0]))


def test_malformed_and_conflicting_files_each_give_the_exact_problems(data_copy, monkeypatch, capsys):
    shutil.copytree(CASES / "autoavaliacoes", data_copy / assessments.FOLDER, dirs_exist_ok=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(data_copy.parent)
    status = main(["--projeto", str(ROOT), "--dados", str(data_copy), "check"])
    printed = capsys.readouterr().err.splitlines()
    expected = (CASES / "esperado.txt").read_text(encoding="utf-8").splitlines()
    assert status == 1
    assert printed == expected
    broken = {line.split(":")[0].split("/")[-1] for line in expected[:-1]}
    assert len(broken) >= 10
    # every file named in esperado.txt is wrong on its own account: fixed, it passes
    valid = {"35.csv", "53.json", "LEIA-ME.md"}
    assert {p.name for p in (data_copy / assessments.FOLDER).iterdir()} - broken == valid


def test_the_date_rule_reads_the_moment_of_the_build(data_copy):
    shutil.copy(CASES / "autoavaliacoes" / "4106902.json", data_copy / assessments.FOLDER / "4106902.json")
    strategy, problems = load_strategy(data_copy, MOMENT)
    assert strategy is None and [p.field for p in problems] == ["cabecalho.data_avaliacao"]
    later = datetime(2027, 3, 1, tzinfo=timezone.utc)
    strategy, problems = load_strategy(data_copy, later)
    assert problems == [] and [a.code for a in strategy.assessments] == ["4106902"]


def test_the_build_and_the_check_fail_on_the_same_problem(data_copy, tmp_path, monkeypatch):
    from engd.site.build import BuildFailed, build

    shutil.copy(CASES / "autoavaliacoes" / "99.json", data_copy / assessments.FOLDER / "99.json")
    with pytest.raises(BuildFailed) as failure:
        build(make_context(data_copy, tmp_path / "site", moment=MOMENT))
    assert "data/autoavaliacoes/99.json:7: cabecalho.ente_codigo_ibge: Código IBGE “99”: não há UF com o código 99." in str(failure.value)
    assert not (tmp_path / "site").exists()


def test_with_the_folder_empty_the_page_explains_how_to_publish(strategy, outputs):
    assert strategy.assessments == ()
    page = outputs.file(urls.PROGRESS)
    assert page.page.menu is None and not page.page.search
    assert "Ainda não há autoavaliação publicada" in page.content
    assert "data/autoavaliacoes/" in page.content
    assert not any(f.address.startswith((urls.PROGRESS_DATA, urls.PROGRESS_ENTES)) for f in outputs.files)
    assert urls.PROGRESS_COUNTS not in {f.address for f in outputs.files}
    assert progress.search_records(strategy) == []


def test_the_synthetic_corpus_is_reproducible_and_says_it_is_synthetic(tmp_path):
    ids = _ids()
    first = synthetic_assessments.write(60, tmp_path / "a", 11, ids)
    second = synthetic_assessments.write(60, tmp_path / "b", 11, ids)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = synthetic_assessments.write(60, tmp_path / "c", 12, ids)
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    entes = synthetic_assessments.entes(synthetic_assessments.MUNICIPALITIES)
    assert len(entes) == 5597 and len({code for code, _, _ in entes}) == 5597
    assert all("sintético" in name for _, name, _ in entes)
    from engd.self_assessment import UF_CODES
    assert all(code[:2] in UF_CODES for code, _, _ in entes)
    statuses = Counter(json.loads(p.read_text(encoding="utf-8"))["respostas"][0]["situacao"]
                       for p in first if p.suffix == ".json")
    assert len(statuses) >= 4
    with pytest.raises(ValueError):
        synthetic_assessments.write(5571, tmp_path / "d", 1, ids)


def test_the_fast_path_agrees_with_the_full_validation(strategy):
    """``quick_document`` answers "no problem" exactly for the files ``validate`` finds no problem in."""
    from engd import self_assessment as sa

    files = sorted((FIXTURES / "autoavaliacao").glob("*.*")) + sorted((CASES / "autoavaliacoes").glob("*.*"))
    files = [p for p in files if p.suffix in (".json", ".csv")]
    assert len(files) >= 40
    for path in files:
        data = path.read_bytes()
        assert (sa.quick_document(data, strategy) is not None) == (sa.validate(path.name, data, strategy) == []), path.name
    document = json.loads((CASES / "autoavaliacoes" / "53.json").read_text(encoding="utf-8"))
    for breaking in (lambda d: d["respostas"][0].update(situacao="talvez"),
                     lambda d: d["cabecalho"].update(ente_codigo_ibge="5"),
                     lambda d: d["respostas"][0].update(evidencia="ftp://x"),
                     lambda d: d["respostas"][0].update(area_responsavel="x" * 201),
                     lambda d: d["respostas"][0].update(data_prevista="2026-02-30"),
                     lambda d: d["respostas"][0].pop("observacoes"),
                     lambda d: d.update(extra="1")):
        broken = json.loads(json.dumps(document))
        breaking(broken)
        data = json.dumps(broken, ensure_ascii=False).encode("utf-8")
        assert sa.quick_document(data, strategy) is None and sa.validate("x.json", data, strategy)
