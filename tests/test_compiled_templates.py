"""Templates compiled once per process (``engd.compiled_templates``): the same bytes, compiled less.

A site built with the cache warm is byte for byte the site built with no cache; a template is
compiled once for many environments that compile alike; an edited template is compiled again; an
environment that compiles otherwise (escaping, delimiters, a filter it lacks) never gets another's
code.
"""
from __future__ import annotations

import jinja2
import pytest

from engd import compiled_templates
from engd.compiled_templates import CompiledTemplates
from engd.outputs import pages
from engd.site import plugin

from conftest import build_into, second_act_data, tree_digest


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles during the test."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_source(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def environment(cache, sources: dict[str, str], **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache, **settings)


def test_a_site_built_with_the_cache_warm_is_the_site_built_without_it(tmp_path, monkeypatch, compiles):
    data = second_act_data(tmp_path / "dados")
    build_into(tmp_path / "primeiro", data_dir=data)
    mark = len(compiles)
    warm = build_into(tmp_path / "com", data_dir=data)
    compiled_warm = compiles[mark:]
    monkeypatch.setattr(plugin, "TEMPLATES", None)
    monkeypatch.setattr(pages, "TEMPLATES", None)
    mark = len(compiles)
    cold = build_into(tmp_path / "sem", data_dir=data)
    compiled_cold = compiles[mark:]
    assert tree_digest(warm) == tree_digest(cold)
    # the theme's templates (MkDocs) and the generated pages' (outputs.pages) come from the cache
    both = {"main.html", "partials/nav.html", "recomendacao.md.j2", "objetivo.md.j2"}
    assert both <= set(compiled_cold), compiled_cold
    assert not both & set(compiled_warm) and len(compiled_warm) <= len(compiled_cold) // 5, compiled_warm


def test_environments_that_compile_alike_share_one_compilation(compiles):
    cache = CompiledTemplates()
    sources = {"a.html": "Olá, {{ nome }}!"}
    outputs = [environment(cache, sources).get_template("a.html").render(nome=nome) for nome in ("Ana", "Rui")]
    assert outputs == ["Olá, Ana!", "Olá, Rui!"]
    assert compiles == ["a.html"] and len(cache) == 1


def test_an_edited_template_is_compiled_again(compiles):
    cache = CompiledTemplates()
    assert environment(cache, {"a.html": "antes {{ x }}"}).get_template("a.html").render(x=1) == "antes 1"
    assert environment(cache, {"a.html": "depois {{ x }}"}).get_template("a.html").render(x=1) == "depois 1"
    assert compiles == ["a.html", "a.html"]


@pytest.mark.parametrize("source, settings, by_default, expected", [
    ("{{ x }}", {"autoescape": True}, "<b>", "&lt;b&gt;"),
    ("[[ x ]] {{ x }}", {"variable_start_string": "[[", "variable_end_string": "]]"}, "[[ x ]] <b>", "<b> {{ x }}"),
    ("{{ x }}\n", {"keep_trailing_newline": True}, "<b>", "<b>\n"),
], ids=["escapa", "delimitadores", "quebra-final"])
def test_an_environment_that_compiles_otherwise_gets_its_own_code(source, settings, by_default, expected):
    cache = CompiledTemplates()
    assert environment(cache, {"a.html": source}).get_template("a.html").render(x="<b>") == by_default
    assert environment(cache, {"a.html": source}, **settings).get_template("a.html").render(x="<b>") == expected


def test_a_filter_missing_from_an_environment_fails_as_it_does_without_the_cache():
    cache = CompiledTemplates()
    source = {"a.html": "{{ x | grita }}"}
    with_filter = environment(cache, source)
    with_filter.filters["grita"] = str.upper
    assert with_filter.get_template("a.html").render(x="oi") == "OI"
    with pytest.raises(jinja2.TemplateAssertionError):
        environment(cache, source).get_template("a.html")


def test_the_adapter_and_the_pages_use_the_one_cache():
    assert plugin.TEMPLATES is compiled_templates.TEMPLATES
    assert pages._environment().bytecode_cache is compiled_templates.TEMPLATES
