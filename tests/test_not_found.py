"""The 404 page (issue 17, point 5): in Portuguese, with a search box and "você quis dizer" links for
near misses of item addresses, on a site built for a subpath address and served under that subpath the
way GitHub Pages serves it (any missing address answers with /404.html and status 404)."""
import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from engd import urls

from conftest import SITE_URL

pytestmark = pytest.mark.browser

PREFIX = "/engd/"  # the path of conftest.SITE_URL


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX; a missing file gets the site's 404.html, as static hosts do."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(PREFIX):
            self.path = "/" + self.path[len(PREFIX):]
            target = Path(self.translate_path(self.path))
            if target.is_file() or (target / "index.html").is_file():
                return super().send_head()
        body = (Path(self.directory) / urls.NOT_FOUND).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return __import__("io").BytesIO(body)


@pytest.fixture(scope="module")
def subpath_site(build_with):
    return build_with(site_url=SITE_URL)


@pytest.fixture(scope="module")
def served(subpath_site):
    handler = functools.partial(_SubpathHandler, directory=str(subpath_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX.rstrip('/')}"
    server.shutdown()


def _suggestions(tab, served, path):
    response = tab.goto(served + path)
    assert response.status == 404
    tab.wait_for_function("() => document.documentElement.hasAttribute('data-engd-quis-dizer-pronto')")
    return tab.evaluate("""() => [...document.querySelectorAll('[data-engd-quis-dizer-lista] a')]
        .map(a => [a.textContent, a.href])""")


def test_the_page_is_in_portuguese_with_a_search_box(tab, served):
    tab.goto(served + "/nada-aqui/")
    assert tab.locator("h1").inner_text() == "Página não encontrada"
    assert "Not found" not in tab.content() and tab.title().startswith("Página não encontrada")
    field = tab.get_by_label("Palavra, sigla ou número do item (por exemplo, 3.7)")
    assert field.is_visible()
    field.fill("dados abertos")
    field.press("Enter")
    header = tab.locator("#busca")
    tab.wait_for_function("() => document.activeElement && document.activeElement.id === 'busca'")
    assert header.is_visible() and header.input_value() == "dados abertos"
    tab.wait_for_function("() => document.querySelectorAll('#busca-resultados li').length > 0")


@pytest.mark.parametrize("path, title, target", [
    ("/3-7/", "Recomendação 3.7", "recomendacoes/3-7/"),
    ("/recomendacao/3.7/", "Recomendação 3.7", "recomendacoes/3-7/"),
    ("/recomendacoes/3.7/", "Recomendação 3.7", "recomendacoes/3-7/"),
    ("/recomendacoes/3_7.html", "Recomendação 3.7", "recomendacoes/3-7/"),
    ("/objetivo/3", "Objetivo 3", "objetivos/3/"),
    ("/objetivos/3.html", "Objetivo 3", "objetivos/3/"),
    ("/recomendacoes/3-9/", "Objetivo 3", "objetivos/3/"),
    ("/glossary/", "Glossário", "glossario/"),
    ("/dados-abertos/", "Dados abertos", "dados/"),
])
def test_near_misses_get_the_right_address(tab, served, path, title, target):
    found = _suggestions(tab, served, path)
    assert found and found[0] == [title, served + "/" + target], found
    assert tab.locator("#voce-quis-dizer").is_visible()
    # The proposed address exists.
    assert tab.request.get(found[0][1]).status == 200


def test_no_suggestion_for_an_unrelated_address(tab, served):
    assert _suggestions(tab, served, "/xyz/") == []
    assert not tab.locator("#voce-quis-dizer").is_visible()


def test_the_list_of_items_names_every_item(subpath_site, strategy):
    listed = json.loads((subpath_site / urls.SHORTCUTS).read_text(encoding="utf-8"))
    numbers = [item["numero"] for item in listed["itens"]]
    assert numbers == [str(o.number) for o in strategy.objectives] + [r.id for r in strategy.recommendations]
    for entry in listed["itens"] + listed["secoes"]:
        assert (subpath_site / urls.file_for(entry["endereco"])).is_file(), entry


def test_the_page_makes_no_request_to_another_host(tab, served):
    hosts = set()
    tab.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    _suggestions(tab, served, "/3-7/")
    assert hosts == {served.split("/")[2]}
