"""No page logs a console error, throws, or makes a request that fails: the checker.

Pages are watched (``site_walk.ConsoleWatch``) until the network is quiet: console messages of type
error, uncaught exceptions, requests that fail, responses with an HTTP status of 400 or more (such
as the ``sitemap.xml`` Material used to fetch beside each ``<link rel=alternate>``) and requests to
another host. Every page of the
built site is watched so during the one visit per page of ``tests/test_every_page.py`` (at 1280 px,
then at 320 px); a deliberately broken fixture page (a missing stylesheet, an image from
another address and a ``console.error``) proves the same watch fails.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from site_walk import ConsoleWatch

pytestmark = pytest.mark.browser

BROKEN = Path(__file__).resolve().parent / "fixtures" / "quebradas" / "erro-no-console.html"


def walk(tabs, base_url: str, paths: list[str], width: int = 390) -> list[str]:
    """Problems seen while each of ``paths`` loads and the network settles, one line each."""
    tab = tabs.open(viewport={"width": width, "height": 844})
    watch = ConsoleWatch(tab, origin=base_url)
    for path in paths:
        watch.at(path)
        tab.goto(base_url + path, wait_until="load")
        watch.settle()
    return watch.problems


def test_the_walk_fails_on_a_page_with_a_console_error_and_a_missing_file(tabs):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(BROKEN.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        problems = walk(tabs, f"http://127.0.0.1:{server.server_address[1]}", ["/" + BROKEN.name])
    finally:
        server.shutdown()
    text = "\n".join(problems)
    assert "erro no console: erro de propósito" in text, text
    assert "HTTP 404" in text and "estilo-que-nao-existe.css" in text, text
    assert "pedido a outro site: http://127.0.0.2:9/imagem-de-outro-site.png" in text, text
