"""Official text and explanation marked the same way on every page that shows them (issue 17, point 3),
in a real Chromium at 390 and 1366 px: each is a labelled box (blue "Texto oficial", green "Explicação em
linguagem simples") whose name a screen reader announces, on objective, theme, list and print pages."""
import pytest

pytestmark = pytest.mark.browser


def _boxes(tab, selector):
    return tab.evaluate("""s => [...document.querySelectorAll(s)].map(e => ({
        label: ((e.querySelector(':scope > .engd-rotulo, :scope > h2') || {}).textContent || '').replace('¶', ''),
        border: getComputedStyle(e).borderLeftColor, width: getComputedStyle(e).borderLeftWidth,
        visible: e.getBoundingClientRect().width > 0}))""", selector)


def test_objective_page_marks_each_recommendation(tab, site_url, strategy):
    objective = strategy.objective(3)
    tab.goto(site_url + "/objetivos/3/")
    for rec in objective.recommendations:
        official = tab.get_by_role("group", name=f"Texto oficial da recomendação {rec.id}", exact=True)
        assert official.count() == 1 and official.is_visible()
        assert " ".join(official.inner_text().split()).endswith(" ".join(rec.official_text.split()))
        if rec.plain_text:
            plain = tab.get_by_role("group", name=f"Explicação em linguagem simples da recomendação {rec.id}, que não é o texto oficial", exact=True)
            assert plain.count() == 1 and plain.is_visible()
    assert "Em linguagem simples:" not in tab.content()


@pytest.mark.parametrize("path", ["/objetivos/3/", "/recomendacoes/", "/imprimir/", "THEME"])
def test_boxes_look_the_same_everywhere(tab, site_url, strategy, path):
    if path == "THEME":
        path = "/temas/" + strategy.themes[0].id + "/"
    tab.goto(site_url + path)
    official = _boxes(tab, ".md-typeset .engd-oficial")
    assert official, path
    borders = {(b["border"], b["width"]) for b in official}
    assert len(borders) == 1 and all(b["label"].strip() == "Texto oficial" for b in official), (path, official[:3])
    plain = _boxes(tab, ".md-typeset .engd-explicacao")
    if path != "/recomendacoes/":
        assert plain, path
        assert all(b["label"].strip().startswith("Explicação em linguagem simples") for b in plain), path
        assert {(b["border"], b["width"]) for b in plain} != borders


def test_a_theme_page_shows_the_explanation_too(tab, site_url, strategy):
    theme = strategy.themes[0]
    tab.goto(site_url + "/temas/" + theme.id + "/")
    groups = tab.get_by_role("group")
    names = [groups.nth(i).get_attribute("aria-label") or "" for i in range(groups.count())]
    assert any(n.startswith("Texto oficial da recomendação") for n in names)
    assert any(n.startswith("Explicação em linguagem simples da recomendação") for n in names)
