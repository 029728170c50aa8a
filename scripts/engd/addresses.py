"""The address registry (``data/enderecos.txt``): every address the site ever published.

A published address works forever. The registry lists them, one a line, from the site's root
(``/recomendacoes/3-7/``, ``/mudancas.xml``); ``# ...`` starts a comment. An address that had to
move stays in the registry as ``/old/ -> /new/`` and the build writes a redirect page for it, so
removing an address always means adding a redirect. This module reads the registry (problems with
file and line, in Portuguese), compares it with the addresses the outputs declare (``undeclared``,
``unregistered``) or that a built site serves (``published``, ``unresolved``), and appends new
addresses on purpose
(``engd enderecos --adicionar``). It never deletes a line.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from . import urls
from .urls import file_for

REGISTRY_FILE = "enderecos.txt"
_ADDRESS = re.compile(r"^/([a-z0-9._-]+/)*([a-z0-9._-]+)?$")
# Files that are part of how pages look or are searched, not addresses anyone cites; their names
# change with every theme release.
_NOT_ADDRESSES_DIRS = {"assets", "search", "javascripts", "stylesheets", "fonts", "busca"}
_NOT_ADDRESSES_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
_MAX_HOPS = 5


@dataclass(frozen=True)
class Entry:
    address: str
    target: str | None
    line: int


@dataclass(frozen=True)
class Registry:
    file: str
    entries: tuple[Entry, ...]

    @property
    def addresses(self) -> list[str]:
        return [e.address for e in self.entries]

    @property
    def moves(self) -> dict[str, str]:
        return {e.address: e.target for e in self.entries if e.target}


def _address_problem(address: str) -> str | None:
    if not _ADDRESS.match(address) or "//" in address or "/../" in address or "/./" in address:
        return (f"endereço inválido “{address}”: comece com /, use só letras minúsculas sem acento, "
                "números, ponto, hífen e sublinhado, e termine com / (página) ou com a extensão do arquivo.")
    last = address.rstrip("/").rsplit("/", 1)[-1]
    if not address.endswith("/") and "." not in last:
        return f"endereço “{address}” sem / no fim: uma página termina com /, um arquivo tem extensão."
    return None


def parse(text: str, file: str) -> tuple[Registry, list[Problem]]:
    """The registry in ``text``, with a problem for each bad, repeated or circular line."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        address, arrow, target = (part.strip() for part in line.partition("->"))
        if arrow and not target:
            problems.append(Problem(file, number, 1, "", f"falta o novo endereço depois de “->” em “{line}”."))
            continue
        if " " in address or " " in target:
            problems.append(Problem(file, number, 1, "", f"uma linha traz um endereço ou “antigo -> novo”; encontrei “{line}”."))
            continue
        bad = [m for m in (_address_problem(address), target and _address_problem(target)) if m]
        if bad:
            problems += [Problem(file, number, 1, "", message) for message in bad]
            continue
        if address in seen:
            problems.append(Problem(file, number, 1, "", f"o endereço {address} está repetido (já está na linha {seen[address]})."))
            continue
        if target == address:
            problems.append(Problem(file, number, 1, "", f"o endereço {address} redireciona para si mesmo."))
            continue
        seen[address] = number
        entries.append(Entry(address, target or None, number))
    registry = Registry(file, tuple(entries))
    for entry in entries:
        if entry.target and entry.target in registry.moves:
            problems.append(Problem(file, entry.line, 1, "", f"{entry.address} redireciona para {entry.target}, que também foi movido; aponte direto para o endereço final."))
    return registry, problems


def load(data_dir: Path) -> tuple[Registry, list[Problem]]:
    """The registry of a data folder; an empty registry when the file does not exist."""
    path = Path(data_dir) / REGISTRY_FILE
    file = f"{Path(data_dir).name}/{REGISTRY_FILE}"
    if not path.is_file():
        return Registry(file, ()), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Registry(file, ()), [Problem(file, 0, 0, "", f"não foi possível ler o registro de endereços ({error}).")]
    return parse(text, file)


def follow(site_dir: Path, address: str) -> str | None:
    """The address a reader ends up at, following redirect pages; None when a file is missing."""
    for _ in range(_MAX_HOPS):
        path = Path(site_dir) / file_for(address)
        if not path.is_file():
            return None
        if path.suffix != ".html":
            return address
        refresh = _REFRESH.search(path.read_text(encoding="utf-8", errors="replace"))
        if not refresh:
            return address
        base = address if address.endswith("/") else posixpath.dirname(address) + "/"
        target = posixpath.normpath(posixpath.join(base, refresh[1]))
        address = target + "/" if refresh[1].endswith("/") and target != "/" else target
    return None


def resolves(site_dir: Path, address: str) -> bool:
    """The address is served, and if it is a redirect page, the page it leads to is served too."""
    return follow(site_dir, address) is not None


def unresolved(registry: Registry, site_dir: Path) -> list[str]:
    """Portuguese problems for every registered address (or redirect target) the site does not serve."""
    problems = []
    for entry in registry.entries:
        if not (Path(site_dir) / file_for(entry.address)).is_file():
            hint = "é um redirecionamento que a construção não gerou" if entry.target else \
                "restaure a página ou troque a linha por “antigo -> novo” para gerar um redirecionamento"
            problems.append(f"{registry.file}:{entry.line}: {entry.address} não responde no site construído ({hint}).")
        elif not resolves(site_dir, entry.address):
            problems.append(f"{registry.file}:{entry.line}: {entry.address} é um redirecionamento para uma página que não responde no site construído.")
        elif entry.target and not resolves(site_dir, entry.target):
            problems.append(f"{registry.file}:{entry.line}: {entry.address} redireciona para {entry.target}, que não responde no site construído.")
    return problems


def undeclared(registry: Registry, published: list[str]) -> list[str]:
    """Portuguese problems for every registered address (or redirect target) that the outputs no
    longer publish (``published``: ``outputs.Site.addresses``)."""
    declared = set(published)
    problems = []
    for entry in registry.entries:
        if entry.address not in declared:
            problems.append(f"{registry.file}:{entry.line}: {entry.address} não é mais publicado pelo site "
                            "(restaure a página ou troque a linha por “antigo -> novo” para gerar um redirecionamento).")
        elif entry.target and entry.target not in declared:
            problems.append(f"{registry.file}:{entry.line}: {entry.address} redireciona para {entry.target}, que o site não publica.")
    return problems


def published(site_dir: Path) -> list[str]:
    """Every address the built site publishes (pages and files people cite or download), sorted."""
    site_dir = Path(site_dir)
    found = set()
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir)
        parts = relative.parts
        if not path.is_file() or parts[0] in _NOT_ADDRESSES_DIRS or any(p.startswith(".") for p in parts):
            continue
        if relative.as_posix() in _NOT_ADDRESSES_FILES:
            continue
        if path.name == "index.html":
            parent = relative.parent.as_posix()
            found.add("/" if parent == "." else f"/{parent}/")
        else:
            found.add("/" + relative.as_posix())
    return sorted(found)


def unregistered(registry: Registry, addresses: list[str]) -> list[str]:
    """Of the ``addresses`` a site publishes (from the outputs' declarations, or ``published`` of a
    built site), those the registry does not list yet."""
    known = set(registry.addresses)
    return [a for a in addresses if a not in known]


def dropped(registry: Registry, earlier_texts: list[str]) -> list[str]:
    """Addresses listed by an earlier version of the registry that the current one no longer lists."""
    now = set(registry.addresses)
    earlier = set()
    for text in earlier_texts:
        earlier.update(parse(text, registry.file)[0].addresses)
    return sorted(earlier - now)


def append(data_dir: Path, addresses: list[str]) -> None:
    """Add ``addresses`` at the end of the registry (creating it if needed), never touching other lines."""
    path = Path(data_dir) / REGISTRY_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(a + "\n" for a in addresses), encoding="utf-8")


_HEADER = f"""\
# Registro de endereços publicados: cada endereço que o site já publicou continua funcionando.
# Uma linha por endereço, a partir da raiz do site (/{urls.recommendation("3-7")}, /{urls.FEED}).
# Para mudar um endereço de lugar, troque a linha por "antigo -> novo": a construção gera uma
# página de redirecionamento. Nunca apague uma linha. Novos endereços entram de propósito com:
#   engd enderecos --adicionar
"""
