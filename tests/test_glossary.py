"""The glossary: every acronym of the official text is in it, every glossary acronym is explained
(<abbr title>) wherever it occurs on every built page, and /glossario/ lists every term with an
anchor and the items that use it."""
from __future__ import annotations

import re

from engd.glossary import ACRONYM, TermMatcher

from html_text import built_pages, content_pieces

REQUIRED = ["PPA", "LDO", "LOA", "CPF", "PPSI", "CEPS Gov.br", "CISC Gov.br", "PEN", "Rede GOV.BR", "Rede InovaGOV",
            "Capacita GOV.BR", "Govtechs", "interoperabilidade", "autosserviço"]


def official_texts(strategy):
    act = strategy.act
    yield act.summary
    yield from (a.official_text for a in act.articles)
    for objective in strategy.objectives:
        yield objective.official_text
        yield from (r.official_text for r in objective.recommendations)


def test_every_acronym_of_the_official_text_is_in_the_glossary(strategy):
    matcher = TermMatcher(strategy.terms)
    missing = {a for text in official_texts(strategy) for a in matcher.unexplained_acronyms(text)}
    assert missing == set()


def test_the_terms_named_by_the_issue_are_in_the_glossary(strategy):
    forms = {form for term in strategy.terms for form in term.forms}
    assert [t for t in REQUIRED if t not in forms] == []


def test_acronym_terms_have_expansions_and_every_term_an_explanation(strategy):
    for term in strategy.terms:
        assert term.explanation.strip()
        if term.kind == "sigla":
            assert term.expansion, term.id


def acronym_forms(strategy) -> dict[str, str]:
    """Acronym surface forms (CPF, PPSI, ...) → the expansion a reader must get."""
    return {form: term.expansion for term in strategy.terms if term.expansion
            for form in term.forms if ACRONYM.fullmatch(form)}


def test_acronyms_are_explained_wherever_they_occur_on_every_page(built_site, strategy):
    forms = acronym_forms(strategy)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")(?![\w])")
    unexplained, checked = [], 0
    for page in built_pages(built_site):
        glossary_page = page.parent.name == "glossario"
        for text, ancestors in content_pieces(page):
            tags = [tag for tag, _ in ancestors]
            if glossary_page and ("h3" in tags or "strong" in tags):
                continue  # the entry's own heading, followed by its expansion
            if "script" in tags or "style" in tags:
                continue
            for match in pattern.finditer(text):
                checked += 1
                abbr = next((attrs for tag, attrs in reversed(ancestors) if tag == "abbr"), None)
                if not abbr or not abbr.get("title"):
                    unexplained.append((page.relative_to(built_site).as_posix(), match[1]))
    assert checked > 50
    assert unexplained == []


def test_first_occurrence_links_to_the_glossary_entry(built_site):
    page = (built_site / "recomendacoes" / "3-7" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="engd-termo" href="\.\./\.\./glossario/#cpf" title="Glossário: [^"]+"><abbr title="Cadastro de Pessoas Físicas">CPF</abbr></a>', page)


def _entry(page: str, term_id: str) -> str:
    """The HTML of one glossary entry: from its heading to the next heading (entry or letter)."""
    entry = page[page.index(f'id="{term_id}"'):]
    ends = [i for i in (entry.find("<h3", 10), entry.find("<h2", 10)) if i > 0]
    return entry[:min(ends)] if ends else entry


def test_glossary_page_lists_every_term_with_anchor_and_usage(built_site, strategy):
    page = (built_site / "glossario" / "index.html").read_text(encoding="utf-8")
    for term in strategy.terms:
        assert f'id="{term.id}"' in page, term.id
    cpf = _entry(page, "cpf")
    assert 'href="../recomendacoes/3-7/"' in cpf


def test_unverified_statements_are_marked_on_the_glossary_page(built_site, strategy):
    unverified = [t for t in strategy.terms if t.unverified]
    assert {"soberania", "ceps-gov-br", "cisc-gov-br", "pen", "rede-gov-br"} <= {t.id for t in unverified}
    page = (built_site / "glossario" / "index.html").read_text(encoding="utf-8")
    for term in strategy.terms:
        entry = _entry(page, term.id)
        assert ("Não verificado:" in entry) == bool(term.unverified), term.id


def test_glossary_states_budget_laws_and_privacy_as_the_law_does(strategy):
    terms = {t.id: t.explanation for t in strategy.terms}
    assert "estima quanto o governo vai arrecadar e fixa as despesas" in terms["loa"]
    assert "quatro anos" in terms["ppa"] and "metas e as prioridades" in terms["ldo"]
    assert "nem todo uso depende da vontade dela" in terms["privacidade"]
    assert "É ela quem decide" not in terms["privacidade"]
