"""Reading built pages in tests: the main content's text, with what each piece is inside of."""
from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class ContentText(HTMLParser):
    """Collects (text, ancestors) for every text node inside <article> (Material's page content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.pieces: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if any(tag == "article" for tag, _ in self.stack):
            self.pieces.append((data, tuple(self.stack)))


def content_pieces(path) -> list[tuple[str, tuple]]:
    parser = ContentText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.pieces


def built_pages(site) -> list:
    return sorted(p for p in site.rglob("index.html") if p.parent.name != "search")
