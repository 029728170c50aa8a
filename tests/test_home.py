"""A home page by task (issue 17, point 1), in a real Chromium at 390 and 1366 px: a short statement,
three paths (understand, plan in my state or municipality, use the data), the objectives as cards with
their number of recommendations, the search one tap away on a phone, and every section one tap away."""
import pytest

pytestmark = pytest.mark.browser

PATHS = [("Entender a estratégia", "/objetivos/"), ("Planejar no meu estado ou município", "/autoavaliacao/"),
         ("Usar os dados", "/dados/")]
ONE_TAP = ["/recomendacoes/", "/temas/", "/glossario/", "/ato/", "/dados/", "/autoavaliacao/", "/objetivos/"]


def _path(href: str, site_url: str) -> str:
    return href.removeprefix(site_url)


def test_three_paths_lead_where_they_say(tab, site_url):
    tab.goto(site_url + "/")
    paths = tab.locator(".engd-caminhos li a")
    found = [(paths.nth(i).inner_text(), _path(paths.nth(i).evaluate("a => a.href"), site_url)) for i in range(paths.count())]
    assert found == PATHS
    for i in range(paths.count()):
        assert paths.nth(i).is_visible()


def test_objectives_are_cards_with_their_count(tab, site_url, strategy):
    tab.goto(site_url + "/")
    cards = tab.locator(".engd-cartoes > ul > li")
    assert cards.count() == len(strategy.objectives)
    for card, objective in zip(cards.all(), strategy.objectives):
        link = card.locator("a").first
        assert link.inner_text() == f"Objetivo {objective.number}"
        assert _path(link.evaluate("a => a.href"), site_url) == f"/objetivos/{objective.number}/"
        count = len(objective.recommendations)
        assert card.locator(".engd-cartao-conta").inner_text() == f"{count} {'recomendação' if count == 1 else 'recomendações'}"
        # One link per card: the objective's text is not a row of glossary links.
        assert card.locator("a").count() == 1
    # Cards sit side by side when there is room.
    columns = tab.evaluate("() => getComputedStyle(document.querySelector('.engd-cartoes > ul')).gridTemplateColumns.split(' ').length")
    assert columns == 1 if tab.viewport_size["width"] < 600 else columns >= 2


def test_every_section_is_one_tap_away(tab, site_url):
    tab.goto(site_url + "/")
    hrefs = tab.evaluate("() => [...document.querySelectorAll('article a[href]')].filter(a => a.getClientRects().length).map(a => a.href)")
    assert set(site_url + p for p in ONE_TAP) <= set(hrefs)


def test_search_is_prominent_on_a_phone(tab, site_url):
    tab.goto(site_url + "/")
    button = tab.get_by_role("button", name="Buscar no site")
    if tab.viewport_size["width"] >= 960:
        assert not button.is_visible() and tab.locator("#busca").is_visible()
        return
    box = button.bounding_box()
    assert button.is_visible() and box["y"] < 844 and box["height"] >= 24
    button.focus()
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    button.click()
    tab.wait_for_function("() => document.activeElement && document.activeElement.id === 'busca'")
    tab.wait_for_function("""() => { const r = document.getElementById('busca').getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.width > 100; }""")
