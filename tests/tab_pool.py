"""Browser contexts kept open for a test worker's whole run, so that a browser test does not pay for a
new one (issue 12: the test suite within 4 minutes on two processors).

A new Playwright context costs Chromium about 0.33 s of processor time and a cold cache, most of a
short browser test. ``ContextPool`` keeps one context per set of options (contrast mode, screen,
touch, permissions), each with a *keeper* tab open on a blank page of the loopback interface, so the
context stays alive between tests. The tab a test gets is new (its own listeners, routes, viewport,
media, focus, mouse, sessionStorage): about 0.14 s for the tab and 0.04 s more for its first page
than a later page in the same tab costs. Lending a given-back tab again, reset for the next test,
was measured too: it saved nothing visible on the suite, and the tab's history went on to the next.

What the tabs of one context share, and how the pool puts it back as a new context has it when the
test ends (``give_back``): every tab the test opened is closed; cookies are cleared; the storage of
every origin a tab of the context went to (localStorage, IndexedDB, caches) is cleared through the
DevTools protocol; the context's routes are removed (``tests/test_tab_pool.py`` proves each reset).
The HTTP cache stays warm, as a returning reader's does. A test that needs what cannot be put back
(a context init script of its own, other permissions, a context-level request listener,
``accept_downloads``) makes its own context.
"""
from __future__ import annotations

import functools
import http.server
import json
import threading
from urllib.parse import urlsplit

from site_walk import new_context_in_mode


class _BlankPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>-</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ContextPool:
    """``open(mode, **options)`` gives a new tab of the pooled context for ``(mode, options)``;
    ``give_back(tab)`` closes it and resets what its context shares. ``close()`` ends them all."""

    def __init__(self, browser):
        self._browser = browser
        self._entries: dict[str, dict] = {}
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BlankPage)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        # The keeper's page: the DevTools session that clears the storage of the context runs in it.
        self._keeper_url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def open(self, mode: str | None = None, **options):
        key = json.dumps([mode, options], sort_keys=True)
        entry = self._entries.get(key)
        if entry is None:
            context = (new_context_in_mode(self._browser, mode, **options) if mode
                       else self._browser.new_context(locale="pt-BR", **options))
            origins: set[str] = set()
            context.on("page", functools.partial(self._track, origins))
            keeper = context.new_page()
            keeper.goto(self._keeper_url)
            entry = self._entries[key] = {"context": context, "keeper": keeper, "origins": origins}
        return entry["context"].new_page()

    @staticmethod
    def _track(origins: set[str], tab) -> None:
        def navigated(frame):
            parts = urlsplit(frame.url)
            if parts.scheme in ("http", "https"):
                origins.add(f"{parts.scheme}://{parts.netloc}")
        tab.on("framenavigated", navigated)

    def give_back(self, tab) -> None:
        entry = next((e for e in self._entries.values() if e["context"] is tab.context), None)
        if entry is None:
            return
        context, keeper = entry["context"], entry["keeper"]
        try:
            for other in context.pages:
                if other is not keeper:
                    other.close()
            if keeper.is_closed():
                raise RuntimeError("keeper closed")
            context.unroute_all(behavior="ignoreErrors")
            context.clear_cookies()
            session = context.new_cdp_session(keeper)
            for origin in sorted(entry["origins"]):
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            session.detach()
            entry["origins"].clear()
        except Exception:
            # A test closed the context or its keeper: the next one gets a new context.
            self._entries = {k: e for k, e in self._entries.items() if e is not entry}
            try:
                context.close()
            except Exception:
                pass

    def close(self) -> None:
        for entry in self._entries.values():
            try:
                entry["context"].close()
            except Exception:
                pass
        self._entries.clear()
        self._server.shutdown()


class Lender:
    """The pool as one test sees it: ``open(...)`` lends tabs that go back when the test ends."""

    def __init__(self, pool: ContextPool):
        self._pool = pool
        self._lent: list = []

    def open(self, mode: str | None = None, **options):
        tab = self._pool.open(mode, **options)
        self._lent.append(tab)
        return tab

    def give_back_all(self) -> None:
        """Each context once, however many of its tabs the test opened."""
        for tab in {id(tab.context): tab for tab in self._lent}.values():
            self._pool.give_back(tab)
        self._lent.clear()
