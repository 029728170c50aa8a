"""The build context: everything a build depends on besides the data, made once and passed on.

Input: the project folder, optionally a data folder and an output folder, and the environment
(``ENGD_SITE_URL``, ``ENGD_REPOSITORIO`` or ``GITHUB_REPOSITORY`` with ``GITHUB_SERVER_URL``,
``ENGD_PDF``, ``ENGD_CHROMIUM``, ``ENGD_DADOS``, ``SOURCE_DATE_EPOCH``) and, when no variable names
the repository, the checkout's ``origin`` remote. Output: a frozen
``BuildContext`` — the site's address, the repository's address, the build's one moment, the PDF
plan (whether this build prints the PDF, with which browser, and if not, why) and the folders.

This is the only module that reads ``os.environ`` and the only one that probes the machine (the
browser on the PATH, the last git commit, the git remote). Nothing writes the environment: a child process that
needs the context (``engd serve`` runs ``mkdocs serve``) gets it through ``child_environment``.
Rendering never looks anything up; it reads the context. A value that is not usable raises
``ContextError`` with Portuguese text. It never invents an address.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

# 2024-06-28, the day the act was published in the Diário Oficial da União: the moment of a build
# outside a git checkout (a copied folder, a tarball) when SOURCE_DATE_EPOCH is not set either.
FALLBACK = datetime(2024, 6, 28, tzinfo=timezone.utc)
# The earliest date a zip entry can hold (MS-DOS time starts in 1980).
EARLIEST = datetime(1980, 1, 1, tzinfo=timezone.utc)
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_OWNER_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_REPOSITORY_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
# Variables a child process of the build (``mkdocs serve``) needs to make the same context.
_CONTEXT_VARIABLES = ("ENGD_SITE_URL", "ENGD_REPOSITORIO", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL",
                      "ENGD_PDF", "ENGD_CHROMIUM", "SOURCE_DATE_EPOCH")


class ContextError(ValueError):
    """A configured value that cannot be used; the message is in Portuguese."""


@dataclass(frozen=True)
class PdfPlan:
    """Whether this build makes the PDF, with which browser, and if not, why (in Portuguese)."""

    make: bool
    required: bool
    chromium: str | None
    reason: str


@dataclass(frozen=True)
class BuildContext:
    """What a build needs besides the model. ``site_url`` ends with "/" or is None (unknown);
    ``repository`` is a web address or None; ``moment`` is the instant every output shows."""

    project_dir: Path
    data_dir: Path
    output_dir: Path | None = None
    site_url: str | None = None
    repository: str | None = None
    moment: datetime = FALLBACK
    pdf: PdfPlan = PdfPlan(False, False, None, "a geração do PDF não foi pedida.")
    @property
    def epoch(self) -> int:
        return int(self.moment.timestamp())

    def with_values(self, **values) -> "BuildContext":
        """A copy with some values changed (tests, and the adapter when it learns the site folder)."""
        return replace(self, **values)


def site_url(value: str | None) -> str | None:
    """The site's address with a final slash, or None when it is not configured."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.match(r"^https?://[^\s/]+", value):
        raise ContextError(f"endereço do site inválido (“{value}”): use https://... em ENGD_SITE_URL.")
    return value.rstrip("/") + "/"


def repository_url(value: str | None, server: str | None = None) -> str | None:
    """The repository's web address from ``https://host/owner/name`` or ``owner/name``; None if empty."""
    value = (value or "").strip()
    if not value:
        return None
    value = value.removesuffix(".git").rstrip("/")
    if _OWNER_NAME.match(value):
        value = f"{(server or 'https://github.com').rstrip('/')}/{value}"
    if not _REPOSITORY_URL.match(value):
        raise ContextError(
            f"endereço do repositório inválido (“{value}”): use https://github.com/DONO/NOME ou DONO/NOME "
            "em ENGD_REPOSITORIO.")
    return value


def remote_repository_url(remote: str | None) -> str | None:
    """The web address of a git remote (``https://host/owner/name[.git]``, ``git@host:owner/name.git``
    or ``ssh://git@host/owner/name``); None for anything else (a local path, a file:// remote)."""
    remote = (remote or "").strip()
    match = (re.match(r"^(?:ssh://)?[A-Za-z0-9_.-]+@([A-Za-z0-9.-]+)[:/](?:[0-9]+/)?([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$", remote)
             or re.match(r"^https?://(?:[^@/]+@)?([A-Za-z0-9.-]+(?::[0-9]+)?)/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$", remote))
    if not match:
        return None
    address = f"https://{match.group(1)}/{match.group(2)}"
    return address if _REPOSITORY_URL.match(address) else None


def _git_remote(folder: Path) -> str | None:
    """The ``origin`` remote of the checkout that holds ``folder``, or None."""
    try:
        result = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=folder, capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def repository(project_dir: Path, environ: Mapping[str, str]) -> str | None:
    """``ENGD_REPOSITORIO`` or ``GITHUB_REPOSITORY`` (with ``GITHUB_SERVER_URL``), else the address of
    the checkout's ``origin`` remote, else None (then no page offers "Sugerir melhoria")."""
    configured = environ.get("ENGD_REPOSITORIO") or environ.get("GITHUB_REPOSITORY")
    if configured and configured.strip():
        return repository_url(configured, environ.get("GITHUB_SERVER_URL"))
    return remote_repository_url(_git_remote(project_dir)) if Path(project_dir).is_dir() else None


def _moment_from_epoch(text: str, origin: str) -> datetime:
    try:
        moment = datetime.fromtimestamp(int(text.strip()), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ContextError(f"{origin} deveria ser um número inteiro de segundos desde 1970 (recebido: “{text}”).") from None
    return max(moment, EARLIEST)


def _last_commit(folder: Path) -> datetime | None:
    """Time of the last commit of the checkout that holds ``folder``, or None outside git."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder, capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return _moment_from_epoch(stamp, "a data do último commit") if result.returncode == 0 and stamp else None


def build_moment(project_dir: Path, environ: Mapping[str, str]) -> datetime:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), else the project's last commit, else FALLBACK —
    never the clock, so the same commit gives the same bytes."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        return _moment_from_epoch(epoch, "SOURCE_DATE_EPOCH")
    moment = _last_commit(project_dir) if Path(project_dir).is_dir() else None
    return moment or FALLBACK


def pdf_plan(environ: Mapping[str, str]) -> PdfPlan:
    """``ENGD_PDF``: ``auto`` (default: print when a Chromium is installed), ``sim`` (required) or
    ``nao`` (skip on purpose); ``ENGD_CHROMIUM`` names another browser binary."""
    mode = (environ.get("ENGD_PDF") or "auto").strip().lower()
    if mode not in ("auto", "sim", "nao"):
        raise ContextError(f"ENGD_PDF={mode} não é válido: use auto, sim ou nao.")
    if mode == "nao":
        return PdfPlan(False, False, None, "a geração do PDF foi desligada (ENGD_PDF=nao).")
    chosen = environ.get("ENGD_CHROMIUM")
    path = environ.get("PATH")
    chromium = shutil.which(chosen, path=path) if chosen else next(
        filter(None, (shutil.which(name, path=path) for name in _CHROMIUM_NAMES)), None)
    if chromium is None:
        wanted = f"“{chosen}” (ENGD_CHROMIUM)" if chosen else "o Chromium"
        return PdfPlan(False, mode == "sim", None,
                       f"{wanted} não foi encontrado nesta máquina; instale o pacote Debian chromium (make deps-sistema).")
    return PdfPlan(True, mode == "sim", chromium, "")


def from_environment(project_dir: Path | str, data_dir: Path | str | None = None, output_dir: Path | str | None = None,
                     environ: Mapping[str, str] | None = None) -> BuildContext:
    """The context of a build of ``project_dir``. Raises ``ContextError`` for an unusable value."""
    environ = os.environ if environ is None else environ
    project = Path(project_dir).resolve()
    data = data_dir or environ.get("ENGD_DADOS") or project / "data"
    return BuildContext(
        project_dir=project,
        data_dir=Path(data).resolve(),
        output_dir=Path(output_dir).resolve() if output_dir else None,
        site_url=site_url(environ.get("ENGD_SITE_URL")),
        repository=repository(project, environ),
        moment=build_moment(project, environ),
        pdf=pdf_plan(environ),
    )


def child_environment(context: BuildContext, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child process that must rebuild the same context (``mkdocs serve``):
    this one's variables, with the data folder and the build's moment fixed."""
    environ = os.environ if environ is None else environ
    child = {k: v for k, v in environ.items() if k not in _CONTEXT_VARIABLES}
    if context.site_url:
        child["ENGD_SITE_URL"] = context.site_url
    if context.repository:
        child["ENGD_REPOSITORIO"] = context.repository
    child["ENGD_PDF"] = "sim" if context.pdf.required else ("auto" if context.pdf.make else "nao")
    if context.pdf.chromium:
        child["ENGD_CHROMIUM"] = context.pdf.chromium
    child["ENGD_DADOS"] = str(context.data_dir)
    child["SOURCE_DATE_EPOCH"] = str(context.epoch)
    child.setdefault("NO_MKDOCS_2_WARNING", "1")
    return child
