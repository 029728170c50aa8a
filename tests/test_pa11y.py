"""HTML_CodeSniffer (pa11y, WCAG 2 AA) finds no error on any page of the built site, beside axe.

pa11y comes from npm and drives the Debian Chromium headless shell of the other browser tests
(``site_walk.CHROMIUM``, passed as ``CHROME_PATH``; puppeteer's own browser is never downloaded). One Node process (``tests/pa11y_pages.cjs``) runs it over every page served
from the loopback interface. HTML_CodeSniffer is the engine Open SDG runs in its CI; it sees what
axe does not (a form without a submit button, a checkbox without a name, a duplicated id). A
deliberately broken fixture page proves the same check fails.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from site_walk import CHROMIUM, CHROMIUM_MISSING, page_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).resolve().parent / "pa11y_pages.cjs"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "quebradas" / "campo-sem-rotulo.html"


def pa11y_errors(base_url: str, paths: list[str]) -> dict[str, list[dict]]:
    """pa11y's errors per path (HTML_CodeSniffer, WCAG2AA), from one Node process."""
    assert Path(CHROMIUM).exists(), CHROMIUM_MISSING
    assert (ROOT / "node_modules" / "pa11y").is_dir(), "pa11y não encontrado: rode `npm ci` (make node_modules/.instalado)."
    node = shutil.which("node")
    assert node, "Node.js não encontrado."
    result = subprocess.run([node, str(RUNNER), base_url, *paths], capture_output=True, text=True, check=False,
                            timeout=600, env={"PATH": "/usr/bin:/bin", "CHROME_PATH": CHROMIUM, "HOME": "/tmp"})
    try:
        found = json.loads(result.stdout)
    except ValueError:
        raise AssertionError(f"pa11y não rodou (código {result.returncode}):\n{result.stderr[-2000:]}") from None
    assert set(found) == set(paths), "pa11y não devolveu todas as páginas"
    return found


def describe(found: dict[str, list[dict]]) -> list[str]:
    return [f"{path}: {issue['code']} em {issue['selector']}: {issue['message']}"
            for path, issues in sorted(found.items()) for issue in issues]


def test_no_html_codesniffer_error_on_any_page(site_url, built_site):
    paths = page_paths(built_site)
    problems = describe(pa11y_errors(site_url, paths))
    assert not problems, f"{len(problems)} erro(s) do HTML_CodeSniffer:\n" + "\n".join(problems[:40])


def _serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_pa11y_fails_on_a_page_with_an_unlabelled_field():
    server = _serve(BROKEN.parent)
    try:
        found = pa11y_errors(f"http://127.0.0.1:{server.server_address[1]}", ["/" + BROKEN.name])
    finally:
        server.shutdown()
    codes = " ".join(issue["code"] for issue in found["/" + BROKEN.name])
    assert "F68" in codes or "H91" in codes, codes  # a field without a label
    assert "H32" in codes, codes  # a form without a submit button
