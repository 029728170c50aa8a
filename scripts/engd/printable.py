"""The printable act: one page with everything in order, and its PDF made with headless Chromium.

Input: the model, and for the PDF the built site folder. Output: the page ``/imprimir/``
(rendered by ``sharing`` with ``imprimir.md.j2``; above ``PRINT_RECOMMENDATIONS_LIMIT``
recommendations it holds the act and the objectives only) and ``/imprimir/<ato>.pdf``, printed from that
page by Debian's ``chromium --headless --print-to-pdf`` in a throwaway profile. ``ENGD_PDF``
decides: ``auto`` (default: make it when Chromium is installed, otherwise say clearly that it was
skipped), ``sim`` (required: a missing Chromium fails the build, as CI wants) or ``nao`` (skip on
purpose). ``ENGD_CHROMIUM`` names another browser binary. The PDF's two dates are set from
``SOURCE_DATE_EPOCH`` or else from the newest changelog entry, so one commit gives one PDF.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .model import Strategy
from .reproducible import source_date_epoch

PAGE_PATH = "imprimir.md"
PAGE_DIR = "imprimir"
_TIMEOUT_SECONDS = 180
# Above this many recommendations the whole act would print to hundreds of pages (1,000 made a
# 6 MB PDF and took 8 s of a 21 s build; 10,000 made a 9 MB page that took a fifth of the build
# and that no phone opens): the build skips the PDF and says so, and the page holds the act and the
# objectives, each with the address of its own page, which lists and prints its recommendations.
PRINT_RECOMMENDATIONS_LIMIT = 500
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--no-pdf-header-footer", "--hide-scrollbars",
]
log = logging.getLogger("engd.pdf")


@dataclass(frozen=True)
class PdfPlan:
    """Whether this build makes the PDF, with which browser, and if not, why (in Portuguese)."""

    make: bool
    required: bool
    chromium: str | None
    reason: str


def pdf_plan(environ=None) -> PdfPlan:
    environ = os.environ if environ is None else environ
    mode = (environ.get("ENGD_PDF") or "auto").strip().lower()
    if mode not in ("auto", "sim", "nao"):
        return PdfPlan(False, True, None, f"ENGD_PDF={mode} não é válido: use auto, sim ou nao.")
    if mode == "nao":
        return PdfPlan(False, False, None, "a geração do PDF foi desligada (ENGD_PDF=nao).")
    chosen = environ.get("ENGD_CHROMIUM")
    chromium = shutil.which(chosen) if chosen else next(filter(None, map(shutil.which, _CHROMIUM_NAMES)), None)
    if chromium is None:
        wanted = f"“{chosen}” (ENGD_CHROMIUM)" if chosen else "o Chromium"
        return PdfPlan(False, mode == "sim", None,
                       f"{wanted} não foi encontrado nesta máquina; instale o pacote Debian chromium (make deps-sistema).")
    return PdfPlan(True, mode == "sim", chromium, "")


def pdf_name(strategy: Strategy) -> str:
    """For example portaria-sgd-mgi-4248-2024.pdf."""
    act = strategy.act
    words = f"{act.kind} {act.acronym} {act.number.replace('.', '')} {act.date[:4]}".lower()
    return "-".join(re.findall(r"[a-z0-9]+", words)) + ".pdf"


def pdf_address(strategy: Strategy) -> str:
    return f"/{PAGE_DIR}/{pdf_name(strategy)}"


def _moment() -> datetime:
    """The build's one clock (reproducible.py): SOURCE_DATE_EPOCH, else the project's last commit."""
    return datetime.fromtimestamp(source_date_epoch(), tz=timezone.utc)


def fix_dates(pdf: bytes, moment: datetime) -> bytes:
    """Replace the print time in the PDF's info dictionary by ``moment``, keeping every byte offset."""
    stamp = moment.strftime("%Y%m%d%H%M%S").encode()

    def replace(match: re.Match) -> bytes:
        new = b"/" + match[1] + b" (D:" + stamp + b"+00'00')"
        return new if len(new) == len(match[0]) else match[0]

    return _PDF_DATE.sub(replace, pdf)


def print_pdf(chromium: str, page: Path, target: Path) -> str | None:
    """Print ``page`` to ``target`` with headless Chromium. Returns a Portuguese problem or None."""
    with tempfile.TemporaryDirectory(prefix="engd-chromium-") as profile:
        command = [chromium, *_CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", page.as_uri()]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return f"o Chromium não terminou o PDF em {_TIMEOUT_SECONDS} s."
        except OSError as error:
            return f"não foi possível rodar o Chromium ({error})."
    if result.returncode != 0 or not target.is_file() or not target.read_bytes().startswith(b"%PDF-"):
        detail = (result.stderr or "").strip().splitlines()[-1:] or ["sem mensagem"]
        return f"o Chromium não gerou o PDF (código {result.returncode}: {detail[0]})."
    return None


def prints_recommendations(strategy: Strategy) -> bool:
    """Whether ``/imprimir/`` holds every recommendation (up to PRINT_RECOMMENDATIONS_LIMIT)."""
    return len(strategy.recommendations) <= PRINT_RECOMMENDATIONS_LIMIT


def plan_for(strategy: Strategy, environ=None) -> PdfPlan:
    """``pdf_plan`` for this corpus: no PDF above PRINT_RECOMMENDATIONS_LIMIT recommendations."""
    plan = pdf_plan(os.environ if environ is None else environ)
    if plan.make and not prints_recommendations(strategy):
        return dataclasses.replace(plan, make=False, reason=(
            f"são {len(strategy.recommendations)} recomendações, mais que o limite de "
            f"{PRINT_RECOMMENDATIONS_LIMIT} para o PDF (imprima esta página pelo navegador)"))
    return plan


def write_pdf(strategy: Strategy, site_dir: Path, environ=None) -> list[str]:
    """Build step: print ``/imprimir/`` of the built site to its PDF. Problems in Portuguese, or []."""
    environ = os.environ if environ is None else environ
    plan = plan_for(strategy, environ)
    if not plan.make:
        if plan.required:
            return [f"PDF obrigatório (ENGD_PDF=sim) não gerado: {plan.reason}"]
        log.warning("Aviso: o PDF da versão para imprimir NÃO foi gerado: %s", plan.reason)
        return []
    page = Path(site_dir) / PAGE_DIR / "index.html"
    if not page.is_file():
        return [f"a página {PAGE_DIR}/index.html não existe no site construído; não há o que imprimir."]
    target = page.parent / pdf_name(strategy)
    problem = print_pdf(plan.chromium, page.resolve(), target)
    if problem:
        return [f"PDF: {problem}"]
    target.write_bytes(fix_dates(target.read_bytes(), _moment()))
    log.info("PDF gerado: %s/%s (%d KB).", PAGE_DIR, target.name, target.stat().st_size // 1024)
    return []
