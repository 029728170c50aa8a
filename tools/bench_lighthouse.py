"""Benchmark: Lighthouse (mobile) scores of the home, an objective and a recommendation page.

``run(project)`` builds the site into a temporary folder (the same atomic build as ``engd build``),
serves it gzip-compressed on 127.0.0.1 (as a static host would: ``Content-Encoding: gzip`` for
text, ``Cache-Control`` for the theme's fingerprinted assets), and runs Lighthouse from npm
(``node_modules/.bin/lighthouse``, mobile form factor, its default simulated throttling) on the
Debian Chromium (``CHROME_PATH``) for each page. It returns a Markdown table of the four category
scores (performance, accessibility, best practices, SEO) per page, the audits that cost points,
and whether the figure of issue 18 is reached: 100 in all four categories on the three pages.
It never writes outside its temporary folder. Run with ``python -m tools.bench --so lighthouse``.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

from tools.bench_site import served_site

PAGES = [("início", "/"), ("objetivo 3", "/objetivos/3/"), ("recomendação 3.7", "/recomendacoes/3-7/")]
CATEGORIES = [("performance", "desempenho"), ("accessibility", "acessibilidade"),
              ("best-practices", "boas práticas"), ("seo", "SEO")]
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, _mtime_ns: int) -> bytes:
    """A file compressed once, as a static host keeps it (the modification time keys the cache)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it; long cache for /assets/."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder address
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in _COMPRESSIBLE:
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(project: Path, url: str) -> dict:
    """Lighthouse's JSON report (lhr) for ``url``, mobile form factor."""
    tool = Path(project) / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        raise RuntimeError(f"Lighthouse não encontrado em {tool}: rode `npm ci` (make node_modules/.instalado).")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    environment = {**os.environ, "CHROME_PATH": chromium}
    command = [str(tool), url, "--output=json", "--output-path=stdout", "--quiet", "--form-factor=mobile",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}", "--only-categories=" + ",".join(c for c, _ in CATEGORIES)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False, timeout=300)
    try:
        return json.loads(result.stdout)
    except ValueError:
        raise RuntimeError(f"Lighthouse falhou (código {result.returncode}): {result.stderr[-1500:]}") from None


def scores(report: dict) -> dict[str, int | None]:
    """Category id → score from 0 to 100 (None when Lighthouse could not score it)."""
    out = {}
    for category, _ in CATEGORIES:
        score = report.get("categories", {}).get(category, {}).get("score")
        out[category] = None if score is None else round(score * 100)
    return out


def lost_points(report: dict) -> list[str]:
    """The audits of the four categories that did not pass, as 'id: title'."""
    lost = []
    for category, _ in CATEGORIES:
        for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
            audit = report.get("audits", {}).get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{category}/{ref['id']}: {audit.get('title', '')} ({audit.get('displayValue', '')})".replace(" ()", ""))
    return lost


def table(results: list[tuple[str, dict, list[str]]]) -> str:
    lines = ["Lighthouse (celular, limitação simulada; site servido com gzip em 127.0.0.1)", "",
             "| página | " + " | ".join(label for _, label in CATEGORIES) + " |",
             "|---|" + "---:|" * len(CATEGORIES)]
    for label, score, _ in results:
        lines.append(f"| {label} | " + " | ".join("—" if score[c] is None else str(score[c]) for c, _ in CATEGORIES) + " |")
    lost = [f"- {label}: {item}" for label, _, items in results for item in items]
    if lost:
        lines += ["", "Pontos perdidos:", *lost]
    reached = all(score[c] == 100 for _, score, _ in results for c, _ in CATEGORIES)
    lines += ["", f"Meta: 100 nas quatro categorias nas três páginas: {'atingida' if reached else 'NÃO atingida'}."]
    return "\n".join(lines)


def run(project: Path) -> str:
    project = Path(project)
    with served_site(project, "engd-bench-lighthouse-", GzipHandler) as (_site, base_url):
        results = []
        for label, path in PAGES:
            report = lighthouse(project, base_url + path)
            results.append((label, scores(report), lost_points(report)))
    return table(results)
