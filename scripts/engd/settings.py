"""Where the site and its repository live: the two addresses this project never invents.

Input: the configured values (from ``mkdocs.yml``: ``site_url: !ENV [ENGD_SITE_URL, null]`` and
``extra.repositorio: !ENV [ENGD_REPOSITORIO, GITHUB_REPOSITORY, null]``). Output: a frozen
``SiteSettings`` that pages use to show a stable address (absolute when the site address is known,
the path alone when it is not) and to link to a prefilled issue (only when the repository is
known). A repository may be given as a full ``https://`` address or as ``owner/name`` (the form of
GitHub Actions' ``GITHUB_REPOSITORY``), resolved against ``GITHUB_SERVER_URL`` or github.com.
It never reads files and never guesses an address.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

_OWNER_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_REPOSITORY_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class SettingsError(ValueError):
    """A configured value that cannot be used; the message is in Portuguese."""


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None = None
    repository: str | None = None
    site_name: str = ""

    def address(self, path: str) -> str:
        """The address a reader can cite: absolute when the site address is configured, else the path."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + path

    def issue_url(self, form: str, title: str, **fields: str) -> str | None:
        """A link that opens a prefilled issue form, or None when the repository is not configured."""
        if not self.repository:
            return None
        query = urlencode({"template": form, "title": title, **fields}, quote_via=quote)
        return f"{self.repository}/issues/new?{query}"


def repository_url(value: str | None, server: str | None = None) -> str | None:
    """The repository's web address from ``https://host/owner/name`` or ``owner/name``; None if empty."""
    value = (value or "").strip()
    if not value:
        return None
    value = value.removesuffix(".git").rstrip("/")
    if _OWNER_NAME.match(value):
        base = (server or os.environ.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
        value = f"{base}/{value}"
    if not _REPOSITORY_URL.match(value):
        raise SettingsError(
            f"endereço do repositório inválido (“{value}”): use https://github.com/DONO/NOME ou DONO/NOME "
            "em ENGD_REPOSITORIO.")
    return value


def site_url(value: str | None) -> str | None:
    """The site's address with a final slash, or None when it is not configured."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.match(r"^https?://[^\s/]+", value):
        raise SettingsError(f"endereço do site inválido (“{value}”): use https://... em ENGD_SITE_URL.")
    return value.rstrip("/") + "/"


def from_values(site: str | None, repository: str | None, site_name: str = "") -> SiteSettings:
    """Settings from configured values. Raises ``SettingsError`` for a value that is not an address."""
    return SiteSettings(site_url(site), repository_url(repository), site_name or "")
