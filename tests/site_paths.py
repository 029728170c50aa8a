"""Finding the built file an address in a generated page or data file points to.

Addresses are relative to the file that holds them, or absolute (starting with one of ``bases``,
the site addresses the build was given); both must lead to a file of the built site.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def built_path(site: Path, source: str, href: str, bases: tuple[str, ...] = ()) -> Path:
    """The file of ``site`` that ``href``, written in ``source`` (a path from the site root), points to.

    ``bases`` are extra absolute prefixes that stand for the site root (for example the base used to
    parse a JSON-LD document). A directory address (ending in ``/``) means its ``index.html``.
    """
    href = href.split("#")[0]
    for root in tuple(b for b in bases if b):
        if href.startswith(root):
            target = href[len(root):]
            break
    else:
        assert "://" not in href, f"endereço externo inesperado: {href}"
        directory = source if source.endswith("/") else posixpath.dirname(source) + "/"
        target = posixpath.normpath(posixpath.join(directory, href))
        if href.endswith("/") or href in ("", "."):
            target += "/"
    path = site / target.lstrip("/")
    return path / "index.html" if target.endswith("/") or target in ("", ".") else path
