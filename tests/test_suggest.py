"""'Sugerir melhoria': prefilled issue forms, only when the repository address is configured."""
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

import subprocess

from engd.context import ContextError, from_environment, remote_repository_url, repository_url
from engd.outputs import pages

from conftest import REPOSITORY, ROOT

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
CONFIGURED = dict(site_url="https://engd.example.org/estrategia/", repository="https://github.com/exemplo/engd")


def _links(site, page):
    text = (site / page).read_text(encoding="utf-8")
    section = text[re.search(r'<div class="engd-sugerir"[^>]*>', text).start():]
    section = section[:section.index("</div>")]
    return section, [(html.unescape(href), label) for href, label in re.findall(r'<a href="(https://[^"]+)">([^<]+)</a>', section)]


def test_configured_pages_link_to_prefilled_forms(build_with, strategy):
    site = build_with(**CONFIGURED)
    _, links = _links(site, "recomendacoes/3-7/index.html")
    assert [label for _, label in links] == ["Sugerir melhoria na explicação", "Relatar uma barreira de acessibilidade"]
    (correction, _), (barrier, _) = links
    for url, form, title in [(correction, "correcao-explicacao.yml", "Correção: Recomendação 3.7"),
                             (barrier, "barreira-acessibilidade.yml", "Barreira de acessibilidade: Recomendação 3.7")]:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/exemplo/engd/issues/new")
        assert parse_qs(parts.query) == {
            "template": [form], "title": [title], "item": ["Recomendação 3.7"],
            "endereco": ["https://engd.example.org/estrategia/recomendacoes/3-7/"],
        }
    for page in ["ato/index.html", "objetivos/3/index.html"] + [f"recomendacoes/{r.slug}/index.html" for r in strategy.recommendations]:
        assert len(_links(site, page)[1]) == 2, page


@pytest.mark.parametrize("address", ["recomendacoes/3-7/", "objetivos/3/", "ato/"])
def test_without_a_repository_the_section_is_absent(assembled, address):
    """No repository known: no heading, no link, and no note meant for whoever built the site."""
    text = assembled(repository=None).file(address).content
    assert "Sugerir melhoria" not in text and "engd-sugerir" not in text and "issues/new" not in text
    assert "GitHub" not in text and "esta cópia do site" not in text
    assert "Sugerir melhoria" in assembled(repository=REPOSITORY).file(address).content


@pytest.mark.parametrize("remote, expected", [
    ("https://github.com/exemplo/engd.git", "https://github.com/exemplo/engd"),
    ("https://github.com/exemplo/engd", "https://github.com/exemplo/engd"),
    ("https://usuario:segredo@git.example.org/exemplo/engd/", "https://git.example.org/exemplo/engd"),
    ("git@github.com:exemplo/engd.git", "https://github.com/exemplo/engd"),
    ("ssh://git@github.com/exemplo/engd.git", "https://github.com/exemplo/engd"),
    ("/srv/git/engd", None), ("file:///srv/git/engd", None), ("", None), (None, None),
])
def test_repository_from_the_git_remote(remote, expected):
    assert remote_repository_url(remote) == expected


def _checkout(folder, remote=None):
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    if remote:
        subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", remote], check=True)
    return folder


def test_the_remote_is_used_only_when_no_variable_names_the_repository(tmp_path):
    project = _checkout(tmp_path / "projeto", "git@github.com:exemplo/engd.git")
    assert from_environment(project, environ={"ENGD_PDF": "nao"}).repository == "https://github.com/exemplo/engd"
    assert from_environment(project, environ={"ENGD_PDF": "nao", "ENGD_REPOSITORIO": "outro/nome"}).repository \
        == "https://github.com/outro/nome"
    assert from_environment(project, environ={"ENGD_PDF": "nao", "GITHUB_REPOSITORY": "outro/nome"}).repository \
        == "https://github.com/outro/nome"
    assert from_environment(_checkout(tmp_path / "sem-remoto"), environ={"ENGD_PDF": "nao"}).repository is None


@pytest.mark.parametrize("form", [pages.CORRECTION_FORM, pages.ACCESSIBILITY_FORM])
def test_issue_forms_exist_and_have_the_prefilled_fields(form):
    document = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(document)
    ids = [field.get("id") for field in document["body"] if field["type"] != "markdown"]
    assert set(pages.PREFILLED_FIELDS) <= set(ids)
    assert len(ids) == len(set(ids))
    for field in document["body"]:
        assert field["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert field["attributes"].get("label") or field["type"] == "markdown"


def test_issue_template_config_invents_no_address():
    config = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))
    assert config == {"blank_issues_enabled": True}


def test_repository_from_configuration():
    assert repository_url("exemplo/engd", server=None) == "https://github.com/exemplo/engd"
    assert repository_url("exemplo/engd", server="https://git.example.org") == "https://git.example.org/exemplo/engd"
    assert repository_url("https://github.com/exemplo/engd.git") == "https://github.com/exemplo/engd"
    assert repository_url("") is None and repository_url(None) is None
    with pytest.raises(ContextError, match="endereço do repositório inválido"):
        repository_url("não é um endereço")


def test_a_bad_repository_setting_stops_the_build_in_portuguese():
    with pytest.raises(ContextError, match="endereço do repositório inválido .*ENGD_REPOSITORIO"):
        from_environment(ROOT, environ={"ENGD_REPOSITORIO": "ftp://exemplo/engd"})
