"""The changelog: validated data, the /mudancas/ page, the Atom feed, and each item's last change."""
import re
import xml.etree.ElementTree as ET

import feedparser
import yaml

from engd.model import load_strategy
from engd.outputs import assemble
from engd.outputs.changes import feed
from engd.outputs.pages import date_br

from conftest import make_context

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://engd.example.org/estrategia/"


def _add_change(data_dir, **entry):
    path = data_dir / "mudancas.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["mudancas"].insert(0, entry)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_feed_parses_as_atom(outputs, strategy):
    raw = outputs.file("mudancas.xml").data
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == [c.title for c in strategy.changes]
    assert [e.updated for e in parsed.entries] == [f"{c.date}T00:00:00Z" for c in strategy.changes]


def test_feed_has_what_rfc_4287_requires(outputs, strategy):
    root = ET.fromstring(outputs.file("mudancas.xml").data)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}updated").text == max(c.date for c in strategy.changes) + "T00:00:00Z"
    assert [link.get("rel") for link in root.findall(f"{ATOM}link")] == ["self", "alternate"]
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(strategy.changes)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.find(f"{ATOM}updated").text)


def test_feed_ids_do_not_depend_on_where_the_site_lives(strategy):
    here = ET.fromstring(feed(strategy, None))
    there = ET.fromstring(feed(strategy, "https://outro.example.org/"))
    assert [e.text for e in here.iter(f"{ATOM}id")] == [e.text for e in there.iter(f"{ATOM}id")]


def test_configured_feed_links_are_absolute(assembled, strategy):
    root = ET.fromstring(assembled(site_url=SITE).file("mudancas.xml").data)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://engd.example.org/estrategia/mudancas.xml"
    entry_link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert entry_link == f"https://engd.example.org/estrategia/mudancas/#{strategy.changes[0].id}"


def test_changes_page_lists_every_entry_with_an_anchor(built_site, strategy):
    text = (built_site / "mudancas" / "index.html").read_text(encoding="utf-8")
    for change in strategy.changes:
        assert f'<h2 id="{change.id}">' in text
    assert 'href="../mudancas.xml"' in text


def test_every_item_page_shows_when_its_data_last_changed(built_site, strategy):
    newest = max(strategy.changes, key=lambda c: c.date)
    for page in ["ato/index.html"] + [f"objetivos/{o.number}/index.html" for o in strategy.objectives] \
            + [f"recomendacoes/{r.slug}/index.html" for r in strategy.recommendations]:
        text = (built_site / page).read_text(encoding="utf-8")
        line = re.search(r'<p class="engd-alteracao" id="ultima-alteracao">(.*?)</p>', text, re.S)
        assert line, page
        assert f"Dados alterados pela última vez em {date_br(newest.date)}" in line[1], page
        assert f'mudancas/#{newest.id}"' in line[1], page


def test_a_change_to_one_item_dates_only_that_item(data_copy):
    _add_change(data_copy, id="corrige-3-7", data="2027-03-04", titulo="Correção na 3.7",
                descricao="Teste: uma mudança só na recomendação 3.7.", itens=["3.7"])
    model, problems = load_strategy(data_copy)
    assert problems == []
    site = assemble(model, make_context(data_copy))
    changed = site.file("recomendacoes/3-7/").content
    untouched = site.file("recomendacoes/3-6/").content
    assert "Dados alterados pela última vez em 4 de março de 2027: [Correção na 3.7](../mudancas.md#corrige-3-7)." in changed
    assert "Dados alterados pela última vez em 1 de dezembro de 2026" in untouched
    parsed = feedparser.parse(site.file("mudancas.xml").data)
    assert parsed.feed.updated == "2027-03-04T00:00:00Z"
    assert parsed.entries[0].summary.endswith("Itens afetados: recomendação 3.7.")


def test_changelog_problems_name_file_line_and_field(data_copy):
    _add_change(data_copy, id="antiga", data="2020-01-01", titulo="Antiga", descricao="Fora de ordem.", itens=["3.7"])
    _add_change(data_copy, id="nova", data="2027-01-01", titulo="Nova", descricao="Item que não existe.", itens=["3.9", "ato"])
    strategy, problems = load_strategy(data_copy)
    assert strategy is None
    messages = [(p.file, p.field, p.message) for p in problems]
    assert messages == [
        ("data/mudancas.yml", "mudancas[0].itens[0]",
         "o item “3.9” não existe (use todos, ato, o número de um objetivo ou de uma recomendação)."),
        ("data/mudancas.yml", "mudancas[2].data",
         "as mudanças vão da mais recente para a mais antiga: 2026-12-01 é posterior a 2020-01-01, da entrada anterior."),
    ]
    assert all(p.line > 0 for p in problems)


def test_changelog_schema_refuses_a_bad_entry(data_copy):
    _add_change(data_copy, id="Sem Padrão", data="2027-13-01", titulo="x", descricao="y", itens=[])
    strategy, problems = load_strategy(data_copy)
    assert strategy is None
    assert {p.field for p in problems} == {"mudancas[0].id", "mudancas[0].data", "mudancas[0].itens"}
