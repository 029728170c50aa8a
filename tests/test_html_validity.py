"""Every built HTML file is valid for the W3C Nu HTML checker (vnu), which reports 0 errors.

vnu comes from npm (``vnu-jar``, a Java program) and runs once, in one JVM, over every ``.html``
file of the built site (pages, the 404 page and redirect stubs). A deliberately broken fixture page
proves the same check reports errors. A missing Java or vnu.jar is a failure, never a skip.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "quebradas" / "html-invalido.html"
# A check of the whole site lives about three seconds: the JVM's optimising compiler (C2) never pays
# back its work in that time, so only the quick one (C1) runs, with the simple garbage collector
# (half the processor time: 6.9 → 3.0 s on this site). C1's frames are larger, and vnu needs a
# deep stack to read its HTML schema (it asks for at least 512k): 8 MB.
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]


def vnu_errors(files: list[Path]) -> list[str]:
    """One line per error vnu finds in ``files``: file, line, message."""
    java = shutil.which("java") or "/usr/bin/java"
    assert Path(java).exists(), "Java não encontrado: o validador do W3C (vnu.jar) precisa de Java 11 ou mais novo."
    assert VNU.exists(), f"vnu.jar não encontrado em {VNU}: rode `npm ci` (make node_modules/.instalado)."
    result = subprocess.run([java, *JVM_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, check=False, timeout=300)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu não produziu um relatório JSON (código {result.returncode}):\n{result.stderr[-2000:]}") from None
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
            for m in messages if m.get("type") in ("error", "non-document-error")]


def test_every_built_html_file_is_valid(built_site):
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 60 and built_site / "404.html" in files
    errors = vnu_errors(files)
    assert not errors, f"{len(errors)} erro(s) do validador do W3C:\n" + "\n".join(errors[:40])


def test_the_validator_finds_the_errors_of_a_broken_page():
    errors = vnu_errors([BROKEN])
    text = "\n".join(errors)
    assert "autocomplete" in text, text
    assert "aria-hidden" in text, text
    assert "Duplicate ID" in text, text
    assert "campo-que-nao-existe" in text or "for" in text, text
