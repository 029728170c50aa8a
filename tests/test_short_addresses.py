"""Short addresses (/3/, /3.7/) are static redirect pages that carry rel=canonical and a visible link."""
import posixpath
import re

import pytest


CONFIGURED = dict(site_url="https://engd.example.org/estrategia/", repository="https://github.com/exemplo/engd")
UNCONFIGURED = {}


def _pairs(strategy):
    for objective in strategy.objectives:
        yield f"{objective.number}", f"objetivos/{objective.number}"
    for rec in strategy.recommendations:
        yield rec.id, f"recomendacoes/{rec.slug}"


def _redirect(site, short: str) -> dict:
    """The redirect page at ``short``, from a built site (a folder) or from the outputs (``Site``)."""
    text = (site / short / "index.html").read_text(encoding="utf-8") if hasattr(site, "is_dir") else site.file(f"{short}/").content
    return {
        "text": text,
        "refresh": re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)[1],
        "canonical": re.search(r'<link rel="canonical" href="([^"]+)">', text)[1],
        "link": re.search(r'<p>[^<]*<a href="([^"]+)">', text)[1],
    }


def test_every_short_address_leads_to_its_page(built_site, strategy):
    pairs = list(_pairs(strategy))
    assert len(pairs) == len(strategy.objectives) + len(strategy.recommendations) == 61
    for short, target in pairs:
        page = _redirect(built_site, short)
        resolved = posixpath.normpath(posixpath.join(short, page["refresh"]))
        assert resolved == target, short
        assert (built_site / resolved / "index.html").is_file(), short
        assert page["link"] == page["refresh"]
        assert '<html lang="pt-BR">' in page["text"]


def test_unconfigured_canonical_is_relative_to_the_page(outputs):
    page = _redirect(outputs, "3.7")
    assert page["canonical"] == "../recomendacoes/3-7/"
    assert ">/recomendacoes/3-7/</a>" in page["text"]


def test_configured_canonical_is_the_absolute_stable_address(assembled):
    page = _redirect(assembled(**CONFIGURED), "3.7")
    assert page["canonical"] == "https://engd.example.org/estrategia/recomendacoes/3-7/"
    assert page["refresh"] == "../recomendacoes/3-7/"
    assert _redirect(assembled(**CONFIGURED), "3")["canonical"] == "https://engd.example.org/estrategia/objetivos/3/"


def test_redirect_pages_stay_out_of_the_sitemap(build_with):
    sitemap = (build_with(**CONFIGURED) / "sitemap.xml").read_text(encoding="utf-8")
    assert "/3.7/" not in sitemap and "recomendacoes/3-7/" in sitemap


@pytest.mark.browser
def test_chromium_follows_a_short_address(page, site_url):
    page.goto(f"{site_url}/3.7/")
    page.wait_for_url(f"{site_url}/recomendacoes/3-7/")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == "Recomendação 3.7"
