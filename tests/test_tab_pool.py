"""The context pool (``tests/tab_pool.py``) shares one browser context among the tests of a worker;
what one test leaves in it never reaches the next. The test below plays two tests in a row, each
with a ``Lender`` of its own on the run's pool; without the matching reset in
``ContextPool.give_back``, it fails."""
import pytest

from tab_pool import Lender

pytestmark = pytest.mark.browser

PAGE = "/recomendacoes/3-7/"
SCREEN = {"viewport": {"width": 1000, "height": 700}}  # a context no other test uses


def test_storage_cookies_routes_and_popups_of_one_test_do_not_reach_the_next(_context_pool, site_url):
    first = Lender(_context_pool)
    tab = first.open("escuro", **SCREEN)
    tab.goto(site_url + PAGE, wait_until="load")
    tab.evaluate("localStorage.setItem('antes', '1'); document.cookie = 'antes=1'")
    # a cookie of a site no tab went to: the storage of visited origins does not hold it
    tab.context.add_cookies([{"name": "outro", "value": "1", "url": "http://127.0.0.2/"}])
    tab.context.route("**/recomendacoes/**", lambda route: route.fulfill(body="interceptado"))
    with tab.context.expect_page() as waiting:
        tab.evaluate("window.open('/')")
    popup = waiting.value
    first.give_back_all()
    assert tab.is_closed() and popup.is_closed(), "uma aba do teste anterior ficou aberta"

    second = Lender(_context_pool)
    try:
        again = second.open("escuro", **SCREEN)
        assert again.context is tab.context, "o contexto não foi reaproveitado"
        again.goto(site_url + PAGE, wait_until="load")
        assert "interceptado" not in again.content(), "a rota do teste anterior ainda responde"
        assert again.evaluate("[localStorage.getItem('antes'), document.cookie]") == [None, ""]
        assert again.context.cookies() == [], "um cookie do teste anterior ficou no contexto"
        assert again.evaluate("localStorage.getItem('engd-contraste')") == "escuro", "o modo do contexto se perdeu"
    finally:
        second.give_back_all()
