"""Language of the page and of its parts (WCAG 3.1.1 and 3.1.2).

Every built page declares ``<html lang="pt-BR">`` (Material alone writes ``lang="pt"``), every
``lang`` attribute is a well-formed tag, and the English phrases the site uses are always inside an
element marked ``lang="en"``, so screen readers switch pronunciation.
"""
import re
from html.parser import HTMLParser

from site_walk import page_paths

ENGLISH_PHRASES = ["Material for MkDocs", "Web Content Accessibility Guidelines", "localStorage", "sessionStorage"]
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z0-9]{4,8})*$")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _LanguageWalker(HTMLParser):
    """Follows the language in force at each piece of text."""

    def __init__(self):
        super().__init__()
        self.root_lang = None
        self.langs: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self._skip = 0

    def _current(self):
        return next((lang for _, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang")
        if lang is not None:
            self.langs.append(lang)
        if tag == "html":
            self.root_lang = lang
        if tag in _VOID:
            return
        self.stack.append((tag, lang))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                if tag in ("script", "style"):
                    self._skip -= 1
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append((data, self._current()))


def _walk(path):
    walker = _LanguageWalker()
    walker.feed(path.read_text(encoding="utf-8"))
    return walker


def _file(site, path):
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_every_page_is_declared_brazilian_portuguese(built_site):
    wrong = {}
    for path in page_paths(built_site):
        walker = _walk(_file(built_site, path))
        if walker.root_lang != "pt-BR":
            wrong[path] = walker.root_lang
    assert not wrong, wrong


def test_every_lang_attribute_is_a_well_formed_tag(built_site):
    bad = {(path, lang) for path in page_paths(built_site) for lang in _walk(_file(built_site, path)).langs
           if not _LANGUAGE_TAG.match(lang)}
    assert not bad, bad


def test_english_phrases_are_marked_as_english(built_site):
    unmarked, marked = [], 0
    for path in page_paths(built_site):
        for text, lang in _walk(_file(built_site, path)).texts:
            for phrase in ENGLISH_PHRASES:
                if phrase in text:
                    if lang == "en":
                        marked += 1
                    else:
                        unmarked.append(f"{path}: {phrase!r} em lang={lang!r}")
    assert not unmarked, "\n".join(unmarked)
    assert marked >= len(page_paths(built_site)), "o rodapé de cada página cita o Material for MkDocs em inglês"


def test_the_walker_sees_an_unmarked_phrase():
    walker = _LanguageWalker()
    walker.feed('<html lang="pt-BR"><body><p>Feito com <span lang="en">Material for MkDocs</span>.</p>'
                '<p>Sem marca: Material for MkDocs<br>fim</p><script>var x = "localStorage";</script></body></html>')
    found = [(text.strip(), lang) for text, lang in walker.texts if "Material" in text or "localStorage" in text]
    assert found == [("Material for MkDocs", "en"), ("Sem marca: Material for MkDocs", "pt-BR")]
