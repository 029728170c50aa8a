"""Shared fixtures: the project's folders, the model of the real data, and one built site per run.

The site is built once per test session into a temporary folder with the same code path as
``engd build``; tests read it and never write into it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engd.build import build
from engd.model import load_strategy

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def strategy():
    model, problems = load_strategy(DATA)
    assert model is not None, "\n".join(map(str, problems))
    return model


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("construcao") / "site"
    build(ROOT, site)
    return site


@pytest.fixture(scope="session")
def build_with(tmp_path_factory):
    """Build the site with some environment variables set (value) or removed (None), once per set.

    For tests whose output depends on configuration, such as ENGD_SITE_URL or ENGD_REPOSITORIO.
    """
    sites: dict = {}

    def build_site(**environment) -> Path:
        key = tuple(sorted(environment.items()))
        if key not in sites:
            site = tmp_path_factory.mktemp("construcao-configurada") / "site"
            with pytest.MonkeyPatch.context() as patch:
                for name, value in environment.items():
                    if value is None:
                        patch.delenv(name, raising=False)
                    else:
                        patch.setenv(name, value)
                build(ROOT, site)
            sites[key] = site
        return sites[key]

    return build_site


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- Browser: a real headless Chromium (Debian's package) driven by Playwright ------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on the loopback interface, for the whole session."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. A missing browser is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium não encontrado em {CHROMIUM}: instale o pacote Debian 'chromium' (make deps-sistema)."
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pt-BR")
    tab = context.new_page()
    yield tab
    context.close()
