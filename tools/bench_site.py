"""What the browser benchmarks share: the real site built into a temporary folder and served on
127.0.0.1, and a headless Debian Chromium.

``served_site(project, prefix, handler=...)`` builds the site with the same atomic build as ``engd
build`` (context from the environment, as the command makes it), serves it with a quiet threaded
HTTP server (or the given handler class, such as the gzip one of ``bench_lighthouse``) and yields
``(site folder, base URL)``; everything is removed afterwards. ``serve(site, handler)`` serves a
folder already written. ``chromium()`` yields a Playwright browser, or raises in Portuguese when
Chromium is missing. Nothing here writes outside the temporary folder.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path, handler: type = QuietHandler):
    """``site`` served on 127.0.0.1 (a port the system chooses): yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def served_site(project: Path, prefix: str, handler: type = QuietHandler):
    """The real site, built into a temporary folder and served: yields ``(site, base URL)``."""
    from engd.context import from_environment
    from engd.site.build import build

    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        site = Path(folder) / "site"
        build(from_environment(Path(project), output_dir=site))
        with serve(site, handler) as base_url:
            yield site, base_url


@contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        raise RuntimeError("Chromium não encontrado: instale o pacote Debian 'chromium' (make deps-sistema).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
