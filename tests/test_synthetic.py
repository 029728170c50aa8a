"""Synthetic corpora for the build benchmark, and the large-corpus path they exercise.

``tools.synthetic.write`` must make a complete data folder that passes every check (fidelity to
its own synthetic source included), with the requested number of recommendations, the same
bytes for the same arguments. Above ``pages.NAV_RECOMMENDATIONS_LIMIT`` recommendations leave
the menu (Material draws every menu section's children on every page: O(n²) per build), and above
``printable.PRINT_RECOMMENDATIONS_LIMIT`` the printable page holds the act and the objectives
only; such a site must still build under ``--strict`` with every recommendation page reachable.
"""
from __future__ import annotations

from engd import urls
from engd.model import load_strategy
from engd.outputs import assemble, printable
from engd.outputs.pages import NAV_RECOMMENDATIONS_LIMIT
from engd.site.build import build
from tools import synthetic

from conftest import ROOT, make_context, tree_digest


def _nav_paths(nav) -> list[str]:
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += [value] if isinstance(value, str) else _nav_paths(value)
    return found


def test_a_synthetic_corpus_passes_every_check(tmp_path):
    data = synthetic.write(ROOT / "data", tmp_path / "dados", 7)
    strategy, problems = load_strategy(data)
    assert strategy is not None, "\n".join(map(str, problems))
    assert len(strategy.recommendations) == 7
    assert [len(o.recommendations) for o in strategy.objectives] == [3, 2, 2]
    assert all("SINTÉTICOS" in path.read_text(encoding="utf-8") for path in (data / "objetivos").glob("*.yml"))


def test_same_arguments_give_the_same_bytes(tmp_path):
    first = tree_digest(synthetic.write(ROOT / "data", tmp_path / "a", 40))
    second = tree_digest(synthetic.write(ROOT / "data", tmp_path / "b", 40))
    assert first == second


def test_shapes_are_about_square():
    for size in (1, 2, 51, 1000, 10000):
        shape = synthetic._shape(size)
        assert sum(shape) == size and max(shape) - min(shape) <= 1
    assert len(synthetic._shape(10000)) == 100


def _left_out_of_menu(site) -> set[str]:
    """Recommendation pages left out of the menu (other pages, such as /acompanhamento/, are out by design)."""
    return {f.address for f in site.pages if f.page.menu is None and f.address.startswith(urls.RECOMMENDATIONS)}


def test_the_real_site_lists_every_recommendation_in_the_menu(outputs, strategy):
    paths = _nav_paths(outputs.menu())
    assert _left_out_of_menu(outputs) == set()
    assert all(f"recomendacoes/{r.slug}.md" in paths for r in strategy.recommendations)


def test_a_corpus_above_the_limits_builds_strictly_with_every_page_reachable(tmp_path):
    size = max(NAV_RECOMMENDATIONS_LIMIT, printable.PRINT_RECOMMENDATIONS_LIMIT) + 1
    data = synthetic.write(ROOT / "data", tmp_path / "dados", size)
    site = tmp_path / "site"
    context = make_context(data, site)
    strategy = build(context)
    declared = assemble(strategy, context)
    assert not [p for p in _nav_paths(declared.menu()) if p.startswith("recomendacoes/") and p != "recomendacoes/index.md"]
    assert len(_left_out_of_menu(declared)) == size
    pages = sorted((site / "recomendacoes").glob("*/index.html"))
    assert len(pages) == size
    last = strategy.objectives[-1]
    objective_page = (site / "objetivos" / str(last.number) / "index.html").read_text(encoding="utf-8")
    for rec in last.recommendations:
        assert f'href="../../recomendacoes/{rec.slug}/"' in objective_page
    # The printable page: the act and every objective with its page's address, no recommendation.
    printable_page = (site / "imprimir" / "index.html").read_text(encoding="utf-8")
    assert f"As {size}\nrecomendações não estão aqui" in printable_page
    assert "<h3" not in printable_page and 'id="recomendacao-' not in printable_page
    for objective in strategy.objectives:
        first, last_rec = objective.recommendations[0].id, objective.recommendations[-1].id
        assert f"Endereço: /objetivos/{objective.number}/" in printable_page
        assert (f"Recomendações deste objetivo: {len(objective.recommendations)}, da {first} à {last_rec}, "
                "na página do objetivo.") in printable_page
