"""``engd autoavaliacao oscal ARQUIVO``: an exported self-assessment (JSON or CSV) becomes OSCAL
assessment results that validate with compliance-trestle's models; a broken export is refused with
the self-assessment's own messages, and a broken result fails the OSCAL validator."""
from __future__ import annotations

import copy
import json

import pytest

from engd.cli import main
from engd.outputs import oscal
from engd.self_assessment import from_csv

from conftest import FIXTURES, ROOT

VALID_JSON = FIXTURES / "autoavaliacao" / "valido.json"
VALID_CSV = FIXTURES / "autoavaliacao" / "valido.csv"


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(["--projeto", str(ROOT), "autoavaliacao", "oscal", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_export_becomes_valid_assessment_results(capsys, strategy):
    code, out, err = _run(capsys, VALID_JSON)
    assert code == 0, err
    document = json.loads(out)
    assert oscal.validate(document, "assessment-results") == []
    assessment = json.loads(VALID_JSON.read_text(encoding="utf-8"))
    answered = [a for a in assessment["respostas"] if a["situacao"]]
    findings = document["assessment-results"]["results"][0]["findings"]
    assert len(findings) == len(answered)
    for finding, answer in zip(findings, answered):
        rec = strategy.recommendation_by_id[answer["recomendacao"]]
        assert finding["target"]["target-id"] == f"{rec.text_id}_smt"
        assert finding["target"]["status"]["state"] == ("satisfied" if answer["situacao"] == "implementada" else "not-satisfied")
        assert {"name": "situacao", "ns": oscal.PROJECT_NS, "value": answer["situacao"]} in finding["props"]


def test_csv_export_gives_the_same_results(capsys, tmp_path):
    output = tmp_path / "resultado.json"
    code, out, _ = _run(capsys, VALID_CSV, "--saida", output)
    assert code == 0 and out == ""
    document = json.loads(output.read_text(encoding="utf-8"))
    assert oscal.validate(document, "assessment-results") == []
    csv_findings = document["assessment-results"]["results"][0].get("findings", [])
    answered = [a for a in from_csv(VALID_CSV.read_text(encoding="utf-8"))["respostas"] if a["situacao"]]
    assert len(csv_findings) == len(answered)


def test_broken_export_is_refused_with_the_self_assessment_messages(capsys):
    code, out, err = _run(capsys, FIXTURES / "autoavaliacao" / "campo-desconhecido.json")
    assert code == 1 and out == ""
    assert "campo-desconhecido.json:" in err and "Corrija o arquivo" in err


def test_an_assessment_without_answers_is_refused(capsys, tmp_path):
    assessment = json.loads(VALID_JSON.read_text(encoding="utf-8"))
    for answer in assessment["respostas"]:
        answer.update(situacao="", area_responsavel="", data_prevista="", evidencia="", observacoes="")
    path = tmp_path / "vazia.json"
    path.write_text(json.dumps(assessment, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run(capsys, path)
    assert code == 1 and out == "" and "nenhuma recomendação com situação" in err, err


def test_missing_file_is_a_portuguese_message(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path / "nao-existe.json")
    assert code == 1 and "não consegui ler" in err


@pytest.mark.parametrize("name, change", [
    ("sem resultados", lambda d: d.pop("results")),
    ("estado desconhecido", lambda d: d["results"][0]["findings"][0]["target"]["status"].__setitem__("state", "talvez")),
    ("sem import-ap", lambda d: d.pop("import-ap")),
    ("data sem fuso", lambda d: d["results"][0].__setitem__("start", "2026-12-01")),
])
def test_validator_fails_on_broken_results(strategy, name, change):
    document = oscal.assessment_results(strategy, json.loads(VALID_JSON.read_text(encoding="utf-8")))
    broken = copy.deepcopy(document)
    change(broken["assessment-results"])
    assert oscal.validate(broken, "assessment-results"), name
