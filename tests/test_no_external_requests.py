"""Nothing leaves the origin: no page of the built site makes a request to another host.

What counts as a request (the browser fetches it by itself, without the reader asking):
- in HTML: ``src``, ``srcset``, ``poster``, ``data`` (object), ``background``; ``<link href>`` whose
  ``rel`` fetches (stylesheet, icon, preload, prefetch, preconnect, dns-prefetch, modulepreload,
  manifest...); ``<base href>``; ``<meta http-equiv=refresh>``; CSS ``url()`` and ``@import`` in
  ``<style>`` and ``style=""``;
- in CSS files: ``url()`` and ``@import``;
- in JavaScript files: every absolute address is either known never to be requested on this site
  (licence and comment text) or requested only under a condition this test proves false here;
- in the browser: every request made while loading every page (watched in ``tests/test_every_page.py``
  by ``site_walk.ConsoleWatch``, in the three modes and at 320 px) and using the search (here); and
  the browser keeps no cookie and nothing but the contrast choice (what docs/privacidade.md says).
What does not count: ``<a href>`` and ``<area href>`` to other sites (the reader chooses to go),
``<link rel=canonical|alternate|prev|next>`` (never fetched), and ``<form action>``.
"""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_walk import new_context_in_mode

FETCHING_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                      "mask-icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                      "manifest", "prerender"}
FETCHING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "imagesrcset"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)
_JS_URL = re.compile(
    r"""(?:https?:)?//(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?=[/:"'`?#]|$)[^\s"'`)<>]*|https?://\$\{[^\s"'`)<>]*""")

# Absolute addresses inside the JavaScript that Material for MkDocs and lunr ship, and why none of
# them is requested on this site. A new one fails this test until someone checks what it does.
_NEVER_REQUESTED = (
    # licence headers and comments of Material's bundle, lunr and its language packs
    "http://www.mozilla.org/MPL/", "https://github.com/", "http://snowball.tartarus.org/",
    "http://code.google.com/p/urim/", "http://tartarus.org/~martin/PorterStemmer/", "http://lunrjs.com",
    "https://bit.ly/2s3ChXG", "https://clipboardjs.com/", "https://developer.mozilla.org/",
    "http://wiki.ecmascript.org/", "http://wiki.commonjs.org/", "http://underscorejs.org",
    "http://people.mozilla.org/", "http://narwhaljs.org", "http://msdn.microsoft.com/",
    "http://en.wikipedia.org/", "http://docs.python.org/", "http://chasen.org/~taku/",
    # Ajv (docs/javascripts/vendor/ajv2020.min.js, loaded only when /autoavaliacao/ imports a file): the
    # "$id" of the JSON Schema meta-schemas and of its $data schema, names in its own registry. Ajv fetches
    # nothing (it is given no loadSchema); tests/test_self_assessment_browser.py watches what an import asks.
    "https://json-schema.org/draft/2020-12/", "http://json-schema.org/schema",
    "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json",
)
# Requested by Material only under a condition; the functions say whether it holds on this site.
_CONDITIONAL = {
    # Mermaid diagrams are drawn by a script from a CDN, only on pages with a .mermaid block.
    "https://unpkg.com/mermaid@": lambda pages: any('class="mermaid' in html for html in pages.values()),
    # Repository facts (stars, forks) come from GitHub's or GitLab's API when `repo_url` is set.
    "https://api.github.com/": lambda pages: any('data-md-component="source"' in html for html in pages.values()),
    "https://${": lambda pages: any('data-md-component="source"' in html for html in pages.values()),
    # A ResizeObserver polyfill from a CDN, only in browsers without ResizeObserver; the head of every
    # page defines a local stand-in first (overrides/partials/engd-cabeca.html).
    # Only pages that load the theme's bundle can ask for it (not the short-address redirects).
    "https://unpkg.com/resize-observer-polyfill": lambda pages: any(
        "window.ResizeObserver = function" not in html for html in pages.values() if "assets/javascripts/bundle." in html),
}


def is_external(url: str) -> bool:
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("data", "blob", "about", "javascript", "mailto", "tel"):
        return False
    return bool(scheme) or url.startswith("//")


class _RequestFinder(HTMLParser):
    """Collects every URL the browser would fetch by itself from one HTML document."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name in FETCHING_ATTRIBUTES & attributes.keys():
            value = attributes[name]
            if name.endswith("srcset"):
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            else:
                self.urls.append(value)
        if tag == "link" and set(attributes.get("rel", "").lower().split()) & FETCHING_LINK_RELS:
            self.urls.append(attributes.get("href", ""))
        if tag == "base" and "href" in attributes:
            self.urls.append(attributes["href"])
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", attributes.get("content", ""), re.IGNORECASE)
            if match:
                self.urls.append(match.group(1))
        if "style" in attributes:
            self.urls += css_urls(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(css)]


def html_requests(html: str) -> list[str]:
    finder = _RequestFinder()
    finder.feed(html)
    return finder.urls


def _files(site: Path, suffix: str) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(site.rglob(f"*{suffix}"))}


def test_no_html_page_requests_another_origin(built_site):
    pages = _files(built_site, ".html")
    assert len(pages) > 60
    found = [f"{name}: {url}" for name, html in pages.items() for url in html_requests(html) if is_external(url)]
    assert not found, "\n".join(found)


def test_no_stylesheet_requests_another_origin(built_site):
    found = [f"{name}: {url}" for name, css in _files(built_site, ".css").items()
             for url in css_urls(css) if is_external(url)]
    assert not found, "\n".join(found)


def test_no_script_requests_another_origin(built_site):
    pages = _files(built_site, ".html")
    problems = []
    for name, script in _files(built_site, ".js").items():
        for url in _JS_URL.findall(script):
            if url.startswith(_NEVER_REQUESTED):
                continue
            condition = next((check for prefix, check in _CONDITIONAL.items() if url.startswith(prefix)), None)
            if condition is None:
                problems.append(f"{name}: endereço externo não conferido: {url}")
            elif condition(pages):
                problems.append(f"{name}: {url} é pedido neste site (a condição vale)")
    assert not problems, "\n".join(problems)


def test_the_scanners_see_external_requests():
    html = ('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><link rel="canonical" '
            'href="https://exemplo.org/"><img srcset="a.png 1x, //cdn.exemplo.org/b.png 2x">'
            '<a href="https://gov.br/">ok</a><div style="background: url(https://x.org/i.png)"></div>'
            '<meta http-equiv="refresh" content="0; url=https://outro.org/">')
    external = [url for url in html_requests(html) if is_external(url)]
    assert external == ["https://fonts.googleapis.com/css", "//cdn.exemplo.org/b.png",
                        "https://x.org/i.png", "https://outro.org/"]
    assert css_urls("@import 'https://a.org/x.css'; b { background: url(\"../img.png\") }") == \
        ["https://a.org/x.css", "../img.png"]
    assert _JS_URL.findall('x=_t("https://unpkg.com/mermaid@11/dist/m.js");y="//cdn.exemplo.org/a.js"') == \
        ["https://unpkg.com/mermaid@11/dist/m.js", "//cdn.exemplo.org/a.js"]
    assert _JS_URL.findall("a=/x//i.test(n)//console.error(e)") == []


@pytest.mark.browser
def test_using_the_search_requests_nothing_from_another_origin_and_keeps_no_cookie(browser, site_url):
    origin = urlsplit(site_url).netloc
    outside: list[str] = []

    def check(route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            outside.append(f"{page.url}: {url}")
            route.abort()

    context = new_context_in_mode(browser, "claro", viewport={"width": 1280, "height": 800})
    try:
        context.route("**/*", check)
        page = context.new_page()
        # The search loads its worker, its index and the Portuguese stemmer only when used.
        page.goto(site_url + "/")
        page.locator("#busca").fill("identificação")
        page.locator("#busca-resultados li").first.wait_for(timeout=10000)
        # What the privacy page (docs/privacidade.md) says the site keeps: one key, no cookie.
        assert context.cookies() == [] and page.evaluate("document.cookie") == ""
        stored = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
        assert stored == [["engd-contraste"], []], f"atualize docs/privacidade.md: o site guarda {stored}"
    finally:
        context.close()
    assert not outside, "\n".join(outside)
