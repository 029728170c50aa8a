"""The dependency audit never reports "clean" unless every locked package was really audited.

``tools/audit.py`` wraps pip-audit, which passes ("No known vulnerabilities found") even when its
vulnerability service could not be reached and nothing was audited. These tests feed the
wrapper pip-audit's JSON report shapes, and PyPI's project-endpoint answers for the packages
pip-audit could not audit, and check the verdict. (Running pip-audit itself needs the PyPI
service: that is the CI step ``make audit``, not a test.)
"""
from __future__ import annotations

from pathlib import Path

from tools.audit import NOT_AUDITED, PROJECT_SOURCE, PYPI_PROJECT_URL, VULNERABLE, complete, locked_versions, summarise

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
    assert "tools.audit" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tools.audit" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


SKIPPED = "Dependency not found on PyPI and could not be audited: {} ({})"


def _project_answers(answers: dict):
    """A fetch function answering PyPI project-endpoint URLs from ``answers`` (name → JSON or error)."""
    asked = []

    def fetch(url):
        asked.append(url)
        name = url.removeprefix("https://pypi.org/pypi/").removesuffix("/json")
        answer = answers[name]
        if isinstance(answer, Exception):
            raise answer
        return answer
    return fetch, asked


def test_the_lock_is_read_pin_by_pin_with_canonical_names():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    locked = locked_versions(lock)
    assert len(locked) == len(pins)
    assert locked_versions("PyYAML==6.0.3 \\\n    --hash=sha256:ab\nmkdocs_material==9.8.2 ; python_version >= '3.11'\n") == {
        "pyyaml": "6.0.3", "mkdocs-material": "9.8.2"}


def test_skipped_packages_locked_at_the_newest_release_are_audited_from_the_project_endpoint():
    report = {"dependencies": [_dep("jinja2", "3.1.6"), {"name": "mkdocs", "skip_reason": SKIPPED.format("mkdocs", "1.6.1")}]}
    fetch, asked = _project_answers({"mkdocs": {"info": {"version": "1.6.1"}, "vulnerabilities": []}})
    completed = complete(report, {"jinja2": "3.1.6", "mkdocs": "1.6.1"}, fetch)
    assert asked == [PYPI_PROJECT_URL.format(name="mkdocs")]  # only the skipped one is asked again
    assert completed["dependencies"][1] == {"name": "mkdocs", "version": "1.6.1", "vulns": [], "source": PROJECT_SOURCE}
    code, lines = summarise(completed)
    assert code == 0 and "1 pelo pip-audit; 1 pelo endpoint de projeto do PyPI" in lines[-1]


def test_a_vulnerability_from_the_project_endpoint_fails_and_withdrawn_ones_do_not():
    vulnerable = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1"], "fixed_in": ["2.0"], "withdrawn": None}
    withdrawn = {"id": "PYSEC-2099-2", "aliases": [], "fixed_in": [], "withdrawn": "2099-01-01T00:00:00"}
    report = {"dependencies": [{"name": "babel", "skip_reason": SKIPPED.format("babel", "1.0")},
                               {"name": "idna", "skip_reason": SKIPPED.format("idna", "3.0")}]}
    fetch, _ = _project_answers({"babel": {"info": {"version": "1.0"}, "vulnerabilities": [vulnerable]},
                                 "idna": {"info": {"version": "3.0"}, "vulnerabilities": [withdrawn]}})
    code, lines = summarise(complete(report, {"babel": "1.0", "idna": "3.0"}, fetch))
    assert code == VULNERABLE
    assert [line for line in lines if line.startswith("VULNERÁVEL")] == [
        f"VULNERÁVEL: babel 1.0: PYSEC-2099-1 (versões corrigidas: 2.0; fonte: {PROJECT_SOURCE})"]


def test_an_older_locked_version_or_an_unreachable_endpoint_stays_not_audited():
    report = {"dependencies": [{"name": "babel", "skip_reason": SKIPPED.format("babel", "1.0")},
                               {"name": "idna", "skip_reason": SKIPPED.format("idna", "3.0")}]}
    fetch, _ = _project_answers({"babel": {"info": {"version": "1.1"}, "vulnerabilities": []},
                                 "idna": OSError("rede fechada")})
    code, lines = summarise(complete(report, {"babel": "1.0", "idna": "3.0"}, fetch))
    assert code == NOT_AUDITED
    assert "NÃO AUDITADO: babel: travada em 1.0; aqui o PyPI só informa as vulnerabilidades da versão mais nova (1.1)" in lines
    assert "NÃO AUDITADO: idna: nem o endpoint de projeto do PyPI respondeu (rede fechada)" in lines


def test_every_locked_package_behind_the_newest_release_is_named():
    from tools.audit import behind_newest, freshness_lines

    locked = {"babel": "2.18.0", "platformdirs": "4.14.8", "jinja2": "3.1.6", "idna": "3.0"}
    fetch, asked = _project_answers({"babel": {"info": {"version": "2.19.0"}}, "platformdirs": {"info": {"version": "4.14.9"}},
                                     "jinja2": {"info": {"version": "3.1.6"}}, "idna": OSError("rede fechada")})
    behind, unknown = behind_newest(locked, fetch)
    assert sorted(asked) == sorted(PYPI_PROJECT_URL.format(name=name) for name in locked)
    assert behind == [("babel", "2.18.0", "2.19.0"), ("platformdirs", "4.14.8", "4.14.9")]
    lines = freshness_lines(locked, behind, unknown)
    assert "atrás da versão mais nova: babel (travado 2.18.0, mais nova 2.19.0)" in lines
    assert "atrás da versão mais nova: platformdirs (travado 4.14.8, mais nova 4.14.9)" in lines
    assert "versão mais nova não consultada: idna (rede fechada)" in lines
    assert not any("jinja2" in line for line in lines)


def test_a_lock_at_the_newest_releases_says_so():
    from tools.audit import behind_newest, freshness_lines

    fetch, _ = _project_answers({"jinja2": {"info": {"version": "3.1.6"}}})
    behind, unknown = behind_newest({"jinja2": "3.1.6"}, fetch)
    assert (behind, unknown) == ([], [])
    assert freshness_lines({"jinja2": "3.1.6"}, behind, unknown) == [
        "as 1 dependências travadas estão na versão mais nova do PyPI."]
