"""The built site opens in a real Chromium and shows a recommendation's official text."""
import pytest

pytestmark = pytest.mark.browser


def test_recommendation_page_opens_in_chromium(page, site_url, strategy):
    rec = strategy.recommendation_by_id["3.7"]
    page.goto(f"{site_url}/recomendacoes/3-7/")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == "Recomendação 3.7"
    assert rec.official_text in page.locator(".engd-oficial").inner_text()
