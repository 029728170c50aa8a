"""Themes and related norms: every recommendation has a theme, each theme has its page listing its
recommendations, recommendation pages link related recommendations, norms hold no invented address."""
from __future__ import annotations


def test_every_recommendation_has_at_least_one_known_theme(strategy):
    known = {t.id for t in strategy.themes}
    assert 5 <= len(known) <= 15
    for rec in strategy.recommendations:
        assert rec.theme_ids, rec.id
        assert set(rec.theme_ids) <= known


def test_each_theme_page_lists_exactly_its_recommendations(built_site, strategy):
    for theme in strategy.themes:
        page = (built_site / "temas" / theme.id / "index.html").read_text(encoding="utf-8")
        expected = [r for r in strategy.recommendations if theme.id in r.theme_ids]
        assert expected, theme.id
        for rec in strategy.recommendations:
            linked = f'href="../../recomendacoes/{rec.slug}/"' in page
            assert linked == (rec in expected), (theme.id, rec.id)
    index = (built_site / "temas" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{t.id}/"' in index for t in strategy.themes)


def test_recommendation_pages_link_themes_and_related_recommendations(built_site, strategy):
    for rec in strategy.recommendations:
        page = (built_site / "recomendacoes" / rec.slug / "index.html").read_text(encoding="utf-8")
        for theme_id in rec.theme_ids:
            assert f'href="../../temas/{theme_id}/"' in page
        sharing = [o for o in strategy.recommendations if o.id != rec.id and set(o.theme_ids) & set(rec.theme_ids)]
        if sharing:
            assert 'id="relacionadas"' in page
            assert f'href="../{sharing[0].slug}/"' in page or any(f'href="../{o.slug}/"' in page for o in sharing)


def test_norms_are_referenced_and_carry_no_unverified_address(strategy):
    norms = {n.id: n for n in strategy.norms}
    used = {n for r in strategy.recommendations for n in r.norm_ids}
    assert used and used <= set(norms)
    assert "decreto-12069-2024" in norms and norms["decreto-12069-2024"].date == "2024-06-21"
    for norm in strategy.norms:
        assert norm.url is None or norm.url.startswith("https://")
        assert norm.verification.strip()


def test_norms_page_and_links(built_site, strategy):
    page = (built_site / "normas" / "index.html").read_text(encoding="utf-8")
    for norm in strategy.norms:
        assert f'id="{norm.id}"' in page
    rec = next(r for r in strategy.recommendations if r.norm_ids)
    rec_page = (built_site / "recomendacoes" / rec.slug / "index.html").read_text(encoding="utf-8")
    assert f'href="../../normas/#{rec.norm_ids[0]}"' in rec_page
