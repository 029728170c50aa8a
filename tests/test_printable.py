"""The printable act (/imprimir/) and its PDF, printed by headless Chromium at build time."""
import logging
import re
import shutil
import subprocess
from datetime import datetime, timezone

import pytest
import yaml

from engd.context import ContextError, pdf_plan
from engd.outputs import assemble, printable

from conftest import build_into, make_context

UNCONFIGURED = {}


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf_path(built_site, strategy, context):
    path = built_site / "imprimir" / printable.pdf_name(strategy)
    assert path.is_file(), ("a construção não gerou o PDF: instale o Chromium do Debian (make deps-sistema); "
                            f"{context.pdf.reason}")
    return path


@pytest.fixture(scope="module")
def pdf_text(pdf_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext não encontrado: instale o pacote Debian poppler-utils (make deps-sistema)."
    result = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def test_printable_page_holds_the_whole_act_in_order(built_site, strategy):
    text = (built_site / "imprimir" / "index.html").read_text(encoding="utf-8")
    article = text[text.index("<article"):text.index("</article>")]
    article = re.sub(r"</?(abbr|a|strong|em|code)\b[^>]*>", "", article)  # inline markup, e.g. <abbr>CPF</abbr>,
    content = _words(re.sub(r"<[^>]+>", " ", article))
    for article in strategy.act.articles:
        assert _words(article.official_text) in content
    headings = re.findall(r'<h3 id="recomendacao-(\d+-\d+)">Recomendação (\d+\.\d+)<', text)
    assert [rec_id for _, rec_id in headings] == [r.id for r in strategy.recommendations]
    assert re.findall(r'<h2[^>]*id="objetivo-(\d+)"', text) == [str(o.number) for o in strategy.objectives]
    position = 0
    for rec in strategy.recommendations:
        position = content.index(_words(rec.official_text), position)


def test_pdf_holds_all_51_recommendations(pdf_text, strategy):
    headings = re.findall(r"^\f?Recomendação (\d+\.\d+)$", pdf_text, re.M)
    assert headings == [r.id for r in strategy.recommendations]
    assert len(headings) == 51
    words = _words(pdf_text)
    for rec in strategy.recommendations:
        assert _words(rec.official_text) in words, rec.id
    for objective in strategy.objectives:
        assert _words(objective.official_text) in words, objective.number


def test_pdf_has_no_local_file_addresses_and_fixed_dates(pdf_path, strategy, context):
    data = pdf_path.read_bytes()
    assert b"file://" not in data
    dates = set(re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{14})", data))
    expected = context.moment.strftime("%Y%m%d%H%M%S").encode()  # the same clock as the build
    assert dates == {expected}


def test_the_same_data_prints_the_same_pdf_bytes(pdf_path, strategy, tmp_path):
    again = build_into(tmp_path / "site", pdf=True) / "imprimir" / printable.pdf_name(strategy)
    assert again.read_bytes() == pdf_path.read_bytes()


def test_printable_page_links_the_pdf_when_made(built_site, strategy):
    text = (built_site / "imprimir" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{printable.pdf_name(strategy)}" type="application/pdf" download>' in text


def _pdf_step(site):
    return next(step for step in site.steps if step.name == "PDF da versão para imprimir")


def test_build_says_clearly_when_it_skips_the_pdf(tmp_path, caplog, strategy):
    site = assemble(strategy, make_context(pdf=False))
    with caplog.at_level(logging.WARNING, logger="engd"):
        assert _pdf_step(site).run(tmp_path) == []
    assert "o PDF da versão para imprimir NÃO foi gerado: a geração do PDF foi desligada (ENGD_PDF=nao)." in caplog.text
    assert not list(tmp_path.iterdir())
    page = _words(site.file("imprimir/").content)
    assert "O PDF desta página não foi gerado nesta construção do site: a geração do PDF foi desligada" in page
    assert printable.pdf_name(strategy) not in page, "a página não pode levar a um PDF que não existe"
    assert "/imprimir/" + printable.pdf_name(strategy) not in site.addresses


def test_a_required_pdf_without_chromium_fails_the_build(tmp_path, strategy):
    context = make_context().with_values(pdf=pdf_plan({"ENGD_PDF": "sim", "ENGD_CHROMIUM": "/nao/existe/chromium"}))
    assert _pdf_step(assemble(strategy, context)).run(tmp_path) == [
        "PDF obrigatório (ENGD_PDF=sim) não gerado: “/nao/existe/chromium” (ENGD_CHROMIUM) não foi encontrado nesta "
        "máquina; instale o pacote Debian chromium (make deps-sistema)."]


def test_explanations_print_after_the_official_text_labelled_and_anchored(data_copy, tmp_path):
    path = data_copy / "objetivos" / "objetivo-03.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["texto_simples"] = "Explicação de teste do objetivo três."
    document["recomendacoes"][6]["texto_simples"] = "Explicação de teste da recomendação três ponto sete."
    document["recomendacoes"][6]["na_pratica"] = ["Primeiro exemplo de teste."]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build_into(tmp_path / "site", data_copy)
    text = (site / "imprimir" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="recomendacao-3-7"'):text.index('id="objetivo-4"')]
    official = section.index("Utilizar o número de inscrição")
    explanation = section.index("Explicação de teste da recomendação três ponto sete.")
    assert official < explanation < section.index("Primeiro exemplo de teste.")
    assert '<div class="engd-explicacao" id="explicacao-3-7">' in section
    assert "Explicação em linguagem simples (não é o texto oficial)" in section
    assert 'href="#explicacao-3-7"' in section and 'href="#na-pratica-3-7"' in section
    assert 'id="explicacao-objetivo-3"' in text


def test_fix_dates_keeps_every_offset():
    original = b"%PDF-1.4\n/CreationDate (D:20991231235959+00'00')\n/ModDate (D:20991231235959+00'00')>>\nxref"
    fixed = printable.fix_dates(original, datetime(2024, 6, 28, tzinfo=timezone.utc))
    assert fixed == original.replace(b"20991231235959", b"20240628000000")
    assert len(fixed) == len(original)


def test_pdf_plan_reads_the_environment():
    assert pdf_plan({"ENGD_PDF": "nao"}).make is False
    with pytest.raises(ContextError, match="ENGD_PDF=talvez não é válido: use auto, sim ou nao."):
        pdf_plan({"ENGD_PDF": "talvez"})
    missing = pdf_plan({"ENGD_PDF": "auto", "ENGD_CHROMIUM": "/nao/existe"})
    assert (missing.make, missing.required) == (False, False)


def test_large_corpora_skip_the_pdf_and_say_why():
    from types import SimpleNamespace

    plan = pdf_plan({"ENGD_PDF": "auto"})
    small = SimpleNamespace(recommendations=[None] * printable.PRINT_RECOMMENDATIONS_LIMIT)
    large = SimpleNamespace(recommendations=[None] * (printable.PRINT_RECOMMENDATIONS_LIMIT + 1))
    assert printable.plan_for(small, plan).make == plan.make
    plan = printable.plan_for(large, plan)
    assert not plan.make and f"{printable.PRINT_RECOMMENDATIONS_LIMIT + 1} recomendações" in plan.reason
