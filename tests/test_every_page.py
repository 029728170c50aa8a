"""The page-wide checks, one visit per page: every page of the built site, in a real Chromium.

At 1280×800 each page opens in one contrast mode chosen beforehand (the way a returning reader's
browser opens it; the mode rotates from page to page, so every page is checked for that path), and
must open in that mode; axe-core (``site_walk.axe_violations``: WCAG 2.0/2.1/2.2 A and AA) runs on
it, then the reader's own contrast buttons switch to the other two modes and axe runs again in each
(``site_walk.axe_violations_in_other_modes``: the rules a mode can change, colour and size, since the
modes change nothing else, as ``test_contrast_mode`` checks; every rule when the switch made a box
scroll sideways).
Meanwhile ``site_walk.ConsoleWatch`` collects console errors, uncaught exceptions, failed requests,
HTTP errors and requests to another host (nothing leaves the origin) until the network has been
quiet for 500 ms; at the end, the browser must keep no cookie and nothing but the contrast choice.

At 320×640 (a 1280 px window at 400 % zoom) each page must not scroll sideways (WCAG 1.4.10, the
check of ``tests/test_reflow.py``) and must load without a console error, a failed request or a request to another host (the
walk goes on at the load event, so requests its next navigation cancels do not count).

The pages are split into shards so that the test workers share the walk. The checkers themselves
are proved to fail on broken pages in ``test_accessibility_axe.py``, ``test_console_errors.py`` and
``test_reflow.py``.
"""
import pytest

from site_walk import MODES, OVERFLOW, ConsoleWatch, axe_violations_in_other_modes, current_mode, describe, page_paths

pytestmark = pytest.mark.browser

DESKTOP_SHARDS = 6
PHONE_SHARDS = 2


def _shard(paths: list[str], shard: int, shards: int) -> list[tuple[int, str]]:
    """The pages of one shard, each with its position among all pages."""
    return list(enumerate(paths))[shard::shards]


@pytest.mark.parametrize("shard", range(DESKTOP_SHARDS))
def test_every_page_in_three_modes_has_no_axe_violation_and_no_console_error(tabs, site_url, built_site, shard):
    paths = page_paths(built_site)
    mine = _shard(paths, shard, DESKTOP_SHARDS)
    assert mine
    problems: list[str] = []
    # one tab per mode, each of a kept context whose pages open in that mode (``tab_pool``)
    opened = {mode: tabs.open(mode, viewport={"width": 1280, "height": 800}) for mode in MODES}
    watches = {mode: ConsoleWatch(tab, origin=site_url) for mode, tab in opened.items()}
    for position, path in mine:
        first = MODES[position % len(MODES)]
        tab, watch = opened[first], watches[first]
        watch.at(path)
        tab.goto(site_url + path, wait_until="load")
        if current_mode(tab) != first:
            problems.append(f"{path}: a página abriu no modo {current_mode(tab)!r}, não em {first!r}")
            continue
        found = axe_violations_in_other_modes(tab, first, [mode for mode in MODES if mode != first])
        for mode, violations in found.items():
            problems += describe(f"{path} [{mode}]", violations)
        watch.settle()
    for watch in watches.values():
        problems += watch.problems
    # What the privacy page says the site keeps after a visit: the contrast choice, no cookie.
    for mode, tab in opened.items():
        tab.goto(site_url + "/", wait_until="load")
        stored = tab.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
        if tab.context.cookies() or stored != [["engd-contraste"], []]:
            problems.append(f"[{mode}] o navegador guardou {stored} e os cookies {tab.context.cookies()}: "
                            "atualize docs/privacidade.md ou o código")
    assert not problems, f"{len(problems)} problema(s):\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("shard", range(PHONE_SHARDS))
def test_every_page_at_320px_reflows_and_loads_without_console_error(tabs, site_url, built_site, shard):
    mine = _shard(page_paths(built_site), shard, PHONE_SHARDS)
    assert mine
    problems: list[str] = []
    tab = tabs.open("claro", viewport={"width": 320, "height": 640})
    watch = ConsoleWatch(tab, leaves_early=True, origin=site_url)
    for _, path in mine:
        watch.at(path)
        tab.goto(site_url + path, wait_until="load")
        problems += [f"{path}: {problem}" for problem in tab.evaluate(OVERFLOW)]
    problems += watch.problems
    assert not problems, "\n".join(problems)


def test_the_shards_cover_every_page_once(built_site):
    paths = page_paths(built_site)
    for shards in (DESKTOP_SHARDS, PHONE_SHARDS):
        walked = [path for shard in range(shards) for _, path in _shard(paths, shard, shards)]
        assert sorted(walked) == sorted(paths) and len(walked) == len(set(walked))
