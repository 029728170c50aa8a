"""Audit the locked Python dependencies for known vulnerabilities with pip-audit.

Input: ``requirements.lock`` (hashed, every version pinned). Output: a Portuguese report on
stdout/stderr and an exit code: 0 when every locked package was audited and none has a known
vulnerability; 1 when at least one has; 2 when the audit could not be done (pip-audit missing,
its vulnerability service unreachable, or any package left unaudited). pip-audit alone passes
("No known vulnerabilities found") even when it audited nothing because the service could not
be reached; this wrapper refuses that, so an audit that did not happen never looks clean.

pip-audit asks PyPI for each locked version (``/pypi/NAME/VERSION/json``). Where that answer is
missing (a network that lets only part of PyPI through, as on this project's build machine), the
wrapper asks the project endpoint (``/pypi/NAME/json``), which carries the same vulnerability
records for the project's newest release only: a package locked at that release counts as
audited, with its source said in the report; any other stays "not audited".
The report also names every locked package that is not the project's newest release on PyPI
(``atrás da versão mais nova: NAME (travado A, mais nova B)``), from the same project endpoint:
such a package cannot be cleared by that endpoint, and the lock should be refreshed. Being behind
does not change the exit code; a package whose newest release could not be asked is named too.
Run as ``python -m tools.audit [requirements.lock]`` (``make audit``).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from packaging.version import InvalidVersion, Version

VULNERABLE, NOT_AUDITED = 1, 2
_SHOWN = 5
PYPI_PROJECT_URL = "https://pypi.org/pypi/{name}/json"
PROJECT_SOURCE = "PyPI, versão mais nova do projeto"
_TIMEOUT_SECONDS = 30
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def _pip_audit() -> str | None:
    beside = Path(sys.executable).with_name("pip-audit")
    return str(beside) if beside.exists() else shutil.which("pip-audit")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(lock_text: str) -> dict[str, str]:
    """Canonical package name → pinned version, from a ``name==version`` lock file."""
    return {canonical(name): version for name, version in _PIN.findall(lock_text)}


def _fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310 (fixed https URL)
        return json.load(response)


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _from_project_endpoint(name: str, version: str, fetch) -> dict:
    """A pip-audit-shaped dependency for ``name`` at ``version`` from PyPI's project endpoint."""
    try:
        data = fetch(PYPI_PROJECT_URL.format(name=quote(name)))
        newest, records = data["info"]["version"], data.get("vulnerabilities") or []
    except (OSError, ValueError, KeyError, TypeError) as error:
        return {"name": name, "skip_reason": f"nem o endpoint de projeto do PyPI respondeu ({error})"}
    if not _same_version(newest, version):
        return {"name": name, "skip_reason": f"travada em {version}; aqui o PyPI só informa as "
                                             f"vulnerabilidades da versão mais nova ({newest})"}
    vulns = [{"id": r.get("id"), "aliases": r.get("aliases") or [], "fix_versions": r.get("fixed_in") or []}
             for r in records if not r.get("withdrawn")]
    return {"name": name, "version": version, "vulns": vulns, "source": PROJECT_SOURCE}


def complete(report: dict, locked: dict[str, str], fetch=_fetch_json) -> dict:
    """``report`` with each dependency pip-audit skipped audited again from the project endpoint."""
    dependencies = report.get("dependencies", [])
    skipped = [i for i, d in enumerate(dependencies) if d.get("skip_reason") and canonical(d["name"]) in locked]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda i: _from_project_endpoint(
            dependencies[i]["name"], locked[canonical(dependencies[i]["name"])], fetch), skipped))
    completed = list(dependencies)
    for i, answer in zip(skipped, answers):
        completed[i] = answer
    return {**report, "dependencies": completed}


def behind_newest(locked: dict[str, str], fetch=_fetch_json) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Locked packages that are not the newest release on PyPI, as (name, locked, newest), sorted;
    and the packages whose newest release could not be asked, as (name, reason)."""
    def newest(name: str):
        try:
            return fetch(PYPI_PROJECT_URL.format(name=quote(name)))["info"]["version"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            return error
    names = sorted(locked)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(newest, names))
    behind, unknown = [], []
    for name, answer in zip(names, answers):
        if isinstance(answer, Exception):
            unknown.append((name, str(answer)))
        elif not _same_version(answer, locked[name]):
            behind.append((name, locked[name], answer))
    return behind, unknown


def freshness_lines(locked: dict[str, str], behind: list, unknown: list) -> list[str]:
    """Portuguese lines naming every locked package behind the newest release (see behind_newest)."""
    lines = [f"atrás da versão mais nova: {name} (travado {old}, mais nova {new})" for name, old, new in behind]
    lines += [f"versão mais nova não consultada: {name} ({reason})" for name, reason in unknown]
    if not behind and not unknown:
        lines.append(f"as {len(locked)} dependências travadas estão na versão mais nova do PyPI.")
    elif behind:
        lines.append(f"{len(behind)} de {len(locked)} dependências travadas atrás da versão mais nova: atualize requirements.lock.")
    return lines


def summarise(report: dict) -> tuple[int, list[str]]:
    """Exit code and Portuguese lines for pip-audit's JSON report."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "nenhuma ainda"
            source = f"; fonte: {dependency['source']}" if dependency.get("source") else ""
            lines.append(f"VULNERÁVEL: {dependency['name']} {dependency.get('version', '')}: {vuln.get('id')} "
                         f"(versões corrigidas: {fixes}{source})")
    for dependency in skipped[:_SHOWN]:
        lines.append(f"NÃO AUDITADO: {dependency['name']}: {dependency['skip_reason']}")
    if len(skipped) > _SHOWN:
        lines.append(f"NÃO AUDITADO: … e mais {len(skipped) - _SHOWN}.")
    if vulnerable:
        return VULNERABLE, lines + [f"{len(vulnerable)} dependência(s) com vulnerabilidade conhecida."]
    if skipped or not dependencies:
        return NOT_AUDITED, lines + [
            f"AUDITORIA NÃO FEITA: {len(skipped)} de {len(dependencies)} dependências não puderam ser auditadas "
            "(o serviço de vulnerabilidades do PyPI está inacessível?). Isto não é um resultado limpo."]
    by_project = sum(1 for d in dependencies if d.get("source") == PROJECT_SOURCE)
    source = (f" ({len(dependencies) - by_project} pelo pip-audit; {by_project} pelo endpoint de projeto do PyPI, "
              "porque a consulta por versão do pip-audit não respondeu)") if by_project else ""
    return 0, [f"{len(dependencies)} dependências auditadas{source}: nenhuma vulnerabilidade conhecida."]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lock = Path(argv[0] if argv else "requirements.lock")
    tool = _pip_audit()
    if tool is None:
        print("AUDITORIA NÃO FEITA: pip-audit não está instalado (make .venv/.instalado).", file=sys.stderr)
        return NOT_AUDITED
    with tempfile.TemporaryDirectory(prefix="engd-auditoria-") as folder:
        output = Path(folder, "relatorio.json")
        # --disable-pip: the lock pins and hashes every package, so nothing needs resolving.
        command = [tool, "--requirement", str(lock), "--require-hashes", "--disable-pip",
                   "--progress-spinner", "off", "--format", "json", "--output", str(output)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        try:
            report = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            print(f"AUDITORIA NÃO FEITA: pip-audit terminou com código {result.returncode} sem relatório.\n"
                  f"{result.stderr.strip()}", file=sys.stderr)
            return NOT_AUDITED
    locked = locked_versions(lock.read_text(encoding="utf-8"))
    fetch = _memoised(_fetch_json)
    code, lines = summarise(complete(report, locked, fetch))
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    print("\n".join(freshness_lines(locked, *behind_newest(locked, fetch))), file=sys.stderr if code else sys.stdout)
    return code


def _memoised(fetch):
    """``fetch`` asking each URL once (the audit and the freshness check share the answers)."""
    answers: dict = {}

    def ask(url):
        if url not in answers:
            try:
                answers[url] = fetch(url)
            except (OSError, ValueError) as error:
                answers[url] = error
        if isinstance(answers[url], Exception):
            raise answers[url]
        return answers[url]
    return ask


if __name__ == "__main__":
    sys.exit(main())
