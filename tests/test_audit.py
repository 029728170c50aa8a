"""The dependency audit never reports "clean" unless every locked package was really audited.

``engd.audit`` wraps pip-audit, which passes ("No known vulnerabilities found") even when its
vulnerability service could not be reached and nothing was audited. These tests feed the
wrapper pip-audit's JSON report shapes and check the verdict. (Running pip-audit itself needs
the PyPI service: that is the CI step ``make audit``, not a test.)
"""
from __future__ import annotations

from pathlib import Path

from engd.audit import NOT_AUDITED, VULNERABLE, summarise

ROOT = Path(__file__).resolve().parents[1]


def _dep(name, version="1.0", vulns=None, skip=None):
    dependency = {"name": name, "version": version, "vulns": vulns or []}
    if skip:
        dependency = {"name": name, "skip_reason": skip}
    return dependency


def test_every_package_audited_and_none_vulnerable_is_clean():
    code, lines = summarise({"dependencies": [_dep("jinja2"), _dep("mkdocs")]})
    assert code == 0
    assert "2 dependências auditadas" in lines[-1]


def test_a_known_vulnerability_fails_and_names_the_package():
    report = {"dependencies": [_dep("jinja2", "3.1.0", vulns=[{"id": "GHSA-xxxx", "fix_versions": ["3.1.6"]}]),
                               _dep("mkdocs")]}
    code, lines = summarise(report)
    assert code == VULNERABLE
    assert any("jinja2" in line and "GHSA-xxxx" in line and "3.1.6" in line for line in lines)


def test_packages_left_unaudited_are_not_clean():
    skip = "Dependency not found on PyPI and could not be audited: jinja2 (3.1.6)"
    code, lines = summarise({"dependencies": [_dep("jinja2", skip=skip), _dep("mkdocs")]})
    assert code == NOT_AUDITED
    assert "AUDITORIA NÃO FEITA" in lines[-1] and "1 de 2" in lines[-1]


def test_an_empty_report_is_not_clean():
    assert summarise({"dependencies": []})[0] == NOT_AUDITED


def test_the_lock_is_hashed_and_the_audit_runs_in_ci():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    assert pins and all("==" in line for line in pins), "toda dependência travada numa versão"
    assert lock.count("--hash=sha256:") >= len(pins)
    assert "engd.audit" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "engd.audit" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
