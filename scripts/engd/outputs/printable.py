"""The printable act: one page with everything in order, and its PDF made with headless Chromium.

Input: the model and the ``BuildContext``, whose PDF plan (``context.pdf_plan``: ``ENGD_PDF``
``auto``, ``sim`` or ``nao``, and the browser found) says whether this build prints. Output: the
page ``/imprimir/`` (``imprimir.md.j2``; above ``PRINT_RECOMMENDATIONS_LIMIT`` recommendations it
holds the act and the objectives only), which links the PDF only when this build makes it, and an
after-build step that prints ``/imprimir/<ato>.pdf`` from the built page with headless Chromium in
a throwaway profile. A required PDF that cannot be made fails the build. The PDF's two dates are
the build's moment, so one commit gives one PDF.
"""
from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

from .. import urls
from ..context import BuildContext, PdfPlan
from ..model import Strategy
from . import AfterBuild
from .pages import Renderer

_TIMEOUT_SECONDS = 180
# Above this many recommendations the whole act would print to hundreds of pages (1,000 made a
# 6 MB PDF and took 8 s of a 21 s build; 10,000 made a 9 MB page that took a fifth of the build
# and that no phone opens): the build skips the PDF and says so, and the page holds the act and the
# objectives, each with the address of its own page, which lists and prints its recommendations.
PRINT_RECOMMENDATIONS_LIMIT = 500
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")
_CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--no-pdf-header-footer", "--hide-scrollbars",
]
log = logging.getLogger("engd.pdf")


def pdf_name(strategy: Strategy) -> str:
    """For example portaria-sgd-mgi-4248-2024.pdf (resolucao-... for a Resolução: accents folded)."""
    act = strategy.act
    words = f"{act.kind} {act.acronym} {act.number.replace('.', '')} {act.date[:4]}".lower()
    folded = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", folded)) + ".pdf"


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


def plan_for(strategy: Strategy, plan: PdfPlan) -> PdfPlan:
    """The context's PDF plan for this corpus: no PDF above PRINT_RECOMMENDATIONS_LIMIT recommendations."""
    if plan.make and not prints_recommendations(strategy):
        return dataclasses.replace(plan, make=False, reason=(
            f"são {len(strategy.recommendations)} recomendações, mais que o limite de "
            f"{PRINT_RECOMMENDATIONS_LIMIT} para o PDF (imprima esta página pelo navegador)"))
    return plan


def write_pdf(strategy: Strategy, plan: PdfPlan, moment: datetime, site_dir: Path) -> list[str]:
    """After the build: print ``/imprimir/`` of the built site to its PDF. Problems in Portuguese, or []."""
    if not plan.make:
        if plan.required:
            return [f"PDF obrigatório (ENGD_PDF=sim) não gerado: {plan.reason}"]
        log.warning("Aviso: o PDF da versão para imprimir NÃO foi gerado: %s", plan.reason)
        return []
    page = Path(site_dir) / urls.file_for(urls.PRINTABLE)
    if not page.is_file():
        return [f"a página {urls.file_for(urls.PRINTABLE)} não existe no site construído; não há o que imprimir."]
    target = Path(site_dir) / urls.printable_file(pdf_name(strategy))
    problem = print_pdf(plan.chromium, page.resolve(), target)
    if problem:
        return [f"PDF: {problem}"]
    target.write_bytes(fix_dates(target.read_bytes(), moment))
    log.info("PDF gerado: %s (%d KB).", urls.printable_file(target.name), target.stat().st_size // 1024)
    return []


def publish(strategy: Strategy, context: BuildContext) -> list:
    """The page, and the step that prints it (which only warns when an optional PDF is skipped)."""
    plan = plan_for(strategy, context.pdf)
    page = Renderer(strategy, context).page(
        urls.PRINTABLE, "imprimir.md.j2", "Versão para imprimir", "data/ato.yml", menu=("Versão para imprimir",),
        pdf=plan, pdf_file=pdf_name(strategy), with_recommendations=prints_recommendations(strategy))
    step = AfterBuild("PDF da versão para imprimir", lambda site_dir: write_pdf(strategy, plan, context.moment, site_dir),
                      publishes=(urls.printable_file(pdf_name(strategy)),) if plan.make else ())
    return [page, step]
