"""The page-weight benchmark sorts requests by kind and says plainly whether the figures are met.

Only its pure parts are tested here; ``python -m tools.bench --so paginas`` runs the real measurement.
"""
from tools.bench_paginas import HTML_LIMIT, PAGES, TOTAL_LIMIT, View, kind_of, table


def test_requests_are_sorted_by_kind():
    assert kind_of("http://h/recomendacoes/3-7/", "document", "text/html") == "HTML"
    assert kind_of("http://h/a.min.css", "stylesheet", "text/css") == "CSS"
    assert kind_of("http://h/w.js", "other", "application/javascript") == "JS"
    assert kind_of("http://h/f/rawline.woff2", "font", "font/woff2") == "fonte"
    assert kind_of("http://h/favicon.png", "image", "image/png") == "imagem"
    assert kind_of("http://h/search/search_index.json", "fetch", "application/json") == "outros"


def _views(html: int, total: int) -> list[View]:
    views = []
    for label, _ in PAGES:
        view = View(label)
        view.by_kind["HTML"].add(b"a" * 10)
        views.append(view)
    last = views[-1]
    last.by_kind["HTML"].gzip = html
    last.by_kind["JS"].requests, last.by_kind["JS"].gzip = 1, total - html
    return views


def test_table_reports_the_figures_met():
    text = table(_views(html=5_000, total=100_000))
    assert "100,0 KB, atingida" in text and "5,0 KB, atingida" in text


def test_table_reports_the_figures_missed():
    text = table(_views(html=HTML_LIMIT + 1, total=TOTAL_LIMIT + 1))
    assert "150,0 KB, NÃO atingida" in text and "20,0 KB, NÃO atingida" in text


def test_table_reports_the_first_view_figure_of_issue_18():
    from tools.bench_paginas import FIRST_VIEW_LIMIT

    assert "≤ 60,0 KB gzip: 50,0 KB em 2 pedidos, atingida" in table(_views(html=5_000, total=50_000))
    assert "NÃO atingida" in table(_views(html=5_000, total=FIRST_VIEW_LIMIT + 1)).splitlines()[-1]
