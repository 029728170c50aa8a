"""The build context: made once from the command line and the environment, then passed explicitly."""
from __future__ import annotations

import pytest

from engd.context import BuildContext, ContextError, child_environment, from_environment

from conftest import DATA, ROOT


def test_nothing_configured_invents_nothing(tmp_path):
    context = from_environment(ROOT, environ={"ENGD_PDF": "nao"})
    assert (context.site_url, context.repository) == (None, None)
    assert context.data_dir == DATA and context.project_dir == ROOT
    assert context.pdf.make is False and context.pdf.reason == "a geração do PDF foi desligada (ENGD_PDF=nao)."


def test_values_come_from_the_environment_once():
    context = from_environment(ROOT, environ={
        "ENGD_SITE_URL": "https://exemplo.gov.br/engd", "GITHUB_REPOSITORY": "exemplo/engd",
        "GITHUB_SERVER_URL": "https://git.exemplo.gov.br", "ENGD_DADOS": "/tmp/outros-dados",
        "SOURCE_DATE_EPOCH": "1719532800", "ENGD_PDF": "nao"})
    assert context.site_url == "https://exemplo.gov.br/engd/"
    assert context.repository == "https://git.exemplo.gov.br/exemplo/engd"
    assert str(context.data_dir) == "/tmp/outros-dados"
    assert context.epoch == 1719532800
    # the command line wins over the environment for the data folder
    assert from_environment(ROOT, DATA, environ={"ENGD_DADOS": "/tmp/x", "ENGD_PDF": "nao"}).data_dir == DATA


def test_a_bad_site_address_is_refused_in_portuguese():
    with pytest.raises(ContextError, match="endereço do site inválido .*ENGD_SITE_URL"):
        from_environment(ROOT, environ={"ENGD_SITE_URL": "exemplo.gov.br"})


def test_the_context_is_frozen():
    context = from_environment(ROOT, environ={"ENGD_PDF": "nao"})
    with pytest.raises(Exception):
        context.site_url = "https://outro/"  # type: ignore[misc]
    assert isinstance(context.with_values(site_url="https://outro/"), BuildContext)


def test_a_child_process_gets_the_same_context():
    parent = from_environment(ROOT, DATA, environ={"ENGD_SITE_URL": "https://exemplo.gov.br/", "ENGD_PDF": "nao",
                                                   "SOURCE_DATE_EPOCH": "1719532800", "PATH": "/usr/bin"})
    environment = child_environment(parent, environ={"PATH": "/usr/bin", "ENGD_REPOSITORIO": "https://github.com/velho/repo"})
    assert environment["PATH"] == "/usr/bin" and "ENGD_REPOSITORIO" not in environment
    child = from_environment(ROOT, environ=environment)
    assert (child.site_url, child.repository, child.data_dir, child.moment, child.pdf.make) == \
        (parent.site_url, parent.repository, parent.data_dir, parent.moment, parent.pdf.make)
