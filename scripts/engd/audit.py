"""Audit the locked Python dependencies for known vulnerabilities with pip-audit.

Input: ``requirements.lock`` (hashed, every version pinned). Output: a Portuguese report on
stdout/stderr and an exit code: 0 when every locked package was audited and none has a known
vulnerability; 1 when at least one has; 2 when the audit could not be done (pip-audit missing,
its vulnerability service unreachable, or any package left unaudited). pip-audit alone passes
("No known vulnerabilities found") even when it audited nothing because the service could not
be reached; this wrapper refuses that, so an audit that did not happen never looks clean.
Run as ``python -m engd.audit [requirements.lock]`` (``make audit``).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VULNERABLE, NOT_AUDITED = 1, 2
_SHOWN = 5


def _pip_audit() -> str | None:
    beside = Path(sys.executable).with_name("pip-audit")
    return str(beside) if beside.exists() else shutil.which("pip-audit")


def summarise(report: dict) -> tuple[int, list[str]]:
    """Exit code and Portuguese lines for pip-audit's JSON report."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "nenhuma ainda"
            lines.append(f"VULNERÁVEL: {dependency['name']} {dependency.get('version', '')}: {vuln.get('id')} "
                         f"(versões corrigidas: {fixes})")
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
    return 0, [f"{len(dependencies)} dependências auditadas: nenhuma vulnerabilidade conhecida."]


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
    code, lines = summarise(report)
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
