"""No page logs a console error, throws, or makes a request that fails.

Every page of the built site is opened in headless Chromium (served on the loopback interface, as
``make serve`` would) and watched until the network is quiet: console messages of type error,
uncaught exceptions, requests that fail, and responses with an HTTP status of 400 or more (such as
the ``sitemap.xml`` Material used to fetch beside each ``<link rel=alternate>``). A deliberately
broken fixture page (a missing stylesheet and a ``console.error``) proves the same walk fails.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from site_walk import page_paths

pytestmark = pytest.mark.browser

BROKEN = Path(__file__).resolve().parent / "fixtures" / "quebradas" / "erro-no-console.html"


def walk(browser, base_url: str, paths: list[str]) -> list[str]:
    """Problems seen while each of ``paths`` loads, one line each: page, kind, detail."""
    problems: list[str] = []
    context = browser.new_context(locale="pt-BR", viewport={"width": 390, "height": 844})
    current = {"path": ""}

    def note(kind: str, detail: str) -> None:
        problems.append(f"{current['path']}: {kind}: {detail}")

    try:
        tab = context.new_page()
        tab.on("console", lambda message: message.type == "error" and note("erro no console", message.text))
        tab.on("pageerror", lambda error: note("exceção", str(error)))
        tab.on("requestfailed", lambda request: note("pedido falhou", f"{request.url} ({request.failure})"))
        tab.on("response", lambda response: response.status >= 400 and note(f"HTTP {response.status}", response.url))
        for path in paths:
            current["path"] = path
            tab.goto(base_url + path, wait_until="networkidle")
    finally:
        context.close()
    return problems


def test_no_console_error_or_failed_request_on_any_page(browser, site_url, built_site):
    paths = page_paths(built_site)
    assert "/recomendacoes/3-7/" in paths and "/objetivos/3/" in paths
    problems = walk(browser, site_url, paths)
    assert not problems, f"{len(problems)} problema(s):\n" + "\n".join(problems[:40])


def test_the_walk_fails_on_a_page_with_a_console_error_and_a_missing_file(browser):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(BROKEN.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        problems = walk(browser, f"http://127.0.0.1:{server.server_address[1]}", ["/" + BROKEN.name])
    finally:
        server.shutdown()
    text = "\n".join(problems)
    assert "erro no console: erro de propósito" in text, text
    assert "HTTP 404" in text and "estilo-que-nao-existe.css" in text, text
