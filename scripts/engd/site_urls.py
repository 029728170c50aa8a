"""Addresses written inside generated data files (per-item JSON, JSON-LD, the DCAT catalogue).

Input: the site's public address when it is known (``site_url`` in ``mkdocs.yml``), else nothing.
Output: for a target address (a path from the site root: ``recomendacoes/3-7/``,
``dados/objetivos.csv``), the absolute URL when the site address is known, else the address relative
to the file that contains it — which works wherever the site is served (a domain root or a
subfolder such as GitHub Pages' ``/repositorio/``). Never an invented host name.
"""
from __future__ import annotations

import posixpath


class Addresses:
    def __init__(self, site_url: str | None = None):
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None

    def href(self, source: str, target: str) -> str:
        """The address of ``target`` as written in ``source`` (both paths from the site root).

        A path ending in ``/`` is a directory (a page's address); otherwise it is a file.
        """
        if self.site_url:
            return self.site_url + target
        base = source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)
        relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
        if target.endswith("/") or target == "":
            relative = "./" if relative == "." else relative + "/"
        return relative
