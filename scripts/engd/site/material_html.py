"""Valid HTML from Material's templates: small, local repairs of each page after the theme renders it.

Contract: ``repair(html) -> html`` takes one page as the theme wrote it and returns it with the
markup the W3C Nu checker (vnu) and HTML_CodeSniffer reject repaired, and nothing else changed.
Part of the MkDocs adapter (the only code that reads Material's HTML): the plugin
(``site/plugin.py``) calls it for every page (``on_post_page``) and for the theme's own pages such as
``404.html`` (``on_post_template``).

The repairs are made here, and not by copying the theme's templates, because the markup comes from
parts of Material's ``base.html`` and ``partials/nav-item.html`` / ``toc.html`` that are not blocks a
child template can override:

- ``autocomplete="off"`` on the drawer and search checkboxes: the attribute is not allowed on a
  checkbox (vnu). Its only job was to stop Firefox from restoring a checked box on "back";
  ``javascripts/engd.js`` unchecks them on ``pageshow`` instead.
- ``__toc``: Material writes the checkbox ``#__toc`` on pages whose table of contents it then leaves
  empty (no label: "checkbox without a name", HTML_CodeSniffer), and the label ``for="__toc"`` on pages
  outside the menu (no checkbox: "for must name a form control", vnu). The half left alone goes.
- ``<pre>`` without ``id``: Material names each code block ``__code_`` + the id of its closest
  ancestor with an id, which here is ``#conteudo`` for every block of a page: two blocks, one id twice.
  Each block gets its own ``id="codigo-N"``, which Material then uses (``__code_codigo-N``).
- ``<table>`` of the content: Material's script wraps each one in a scrolling box
  (``div.md-typeset__scrollwrap > div.md-typeset__table``) that ``javascripts/engd.js`` makes
  reachable by keyboard when the table is wider than the screen. That script now loads on the
  reader's first gesture (see ``overrides/main.html``), so the box is written here, marked
  ``data-engd-embrulho``; when Material's script mounts and wraps the table again inside it,
  ``engd.js`` removes the inner box and keeps this one (and the reader's focus on it). Without the box, a wide table is a scrolling region
  that the keyboard cannot reach (axe: scrollable-region-focusable).
"""
from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"off\"")
_TOC_INPUT = re.compile(r"<input\b[^>]*\bid=\"__toc\"[^>]*>\s*")
_TOC_FOR = re.compile(r"(<label\b[^>]*?)\s+for=\"__toc\"")
_PRE = re.compile(r"<pre\b(?![^>]*\bid=)")
_TABLE = re.compile(r"<table>.*?</table>", re.S)
_WRAP = '<div class="md-typeset__scrollwrap" data-engd-embrulho><div class="md-typeset__table">{}</div></div>'


def repair(html: str) -> str:
    """``html`` with the theme's invalid markup repaired (see the module docstring)."""
    html = _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)
    has_input, has_label = 'id="__toc"' in html, 'for="__toc"' in html
    if has_input and not has_label:
        html = _TOC_INPUT.sub("", html)
    elif has_label and not has_input:
        html = _TOC_FOR.sub(r"\1", html)
    counter = iter(range(1, 1 << 30))
    html = _PRE.sub(lambda match: f'<pre id="codigo-{next(counter)}"', html)
    return _TABLE.sub(lambda match: _WRAP.format(match.group(0)), html)
