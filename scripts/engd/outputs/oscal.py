"""Output: the recommendations as an OSCAL catalog (JSON), at ``/dados/<pacote>.oscal.json``.

Input: a ``Strategy`` (``last-modified`` is the day the data last changed, ``Strategy.data_date``,
not the build's moment). Output: one OSCAL
catalog in which each objective is a ``group`` and each recommendation a ``control``, with the parts

* ``statement`` — the official text, exactly as the model holds it (the DOU text);
* ``guidance`` — the plain-language explanation, titled as written by this project (not official);
* ``example`` — the "na prática" items, one ``item`` part each, also titled as the project's.

Group and control ids are the model's ``text_id`` (``objetivo-3``, ``recomendacao-3.7``), the same
values as the ``id`` column of the data package. Every group and control carries its label (``3.7``), its version-pinned identifier
(``PREFIXO/3.7``, property ``identificador-versionado``) and the fragment of the derived
LexML URN. ``uuid`` values are UUID 5 of the pinned identifiers, so the same data gives the same
bytes. ``validate`` checks a document with the OSCAL models of ``compliance-trestle``; ``publish``
runs it and raises ``OutputError`` in Portuguese on a problem. ``assessment_results`` turns an
exported self-assessment (``self_assessment``) into OSCAL assessment results. Nothing here imports
MkDocs or writes files.
"""
from __future__ import annotations

import json
import uuid

from .. import citation, urls
from ..context import BuildContext
from ..model import Recommendation, Strategy
from . import Download, OutputError, Published

# Only registered IANA media types are published: the file is JSON; the catalogue names OSCAL (its
# namespace) in dct:conformsTo.
MEDIA_TYPE = "application/json"
STANDARD = "http://csrc.nist.gov/ns/oscal/1.0"
OSCAL_VERSION = "1.1.2"
TITLE = "As recomendações como catálogo OSCAL 1.1 (JSON)"
PROJECT_NS = "urn:x-engd:oscal"  # the namespace of this project's own property names (no web address is claimed)
_GUIDANCE_TITLE = "Explicação em linguagem simples (escrita por este projeto, não é texto oficial)"
_EXAMPLE_TITLE = "Na prática (exemplos escritos por este projeto, não são texto oficial)"


def file_name(strategy: Strategy) -> str:
    return f"{strategy.identity.package_name}.oscal.json"


def address(strategy: Strategy) -> str:
    return urls.data_file(file_name(strategy))


def stable_uuid(*names: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "engd:" + "/".join(names)))


def _props(strategy: Strategy, item, fragment: str) -> list[dict]:
    label = item.id if isinstance(item, Recommendation) else str(item.number)
    return [
        {"name": "label", "value": label},
        {"name": "identificador-versionado", "ns": PROJECT_NS, "value": strategy.pinned_id(item)},
        {"name": "urn-lexml-derivada", "ns": PROJECT_NS, "value": citation.lexml_urn(strategy.act, fragment),
         "remarks": "URN derivada da gramática do LexML por este projeto; não é um identificador oficial."},
    ]


def _explained(base: str, item) -> list[dict]:
    parts = []
    if item.plain_text:
        parts.append({"id": f"{base}_gdn", "name": "guidance", "title": _GUIDANCE_TITLE, "prose": item.plain_text})
    if item.in_practice:
        parts.append({"id": f"{base}_exp", "name": "example", "title": _EXAMPLE_TITLE,
                      "parts": [{"id": f"{base}_exp.{i}", "name": "item", "prose": text}
                                for i, text in enumerate(item.in_practice, 1)]})
    return parts


def _control(strategy: Strategy, rec: Recommendation) -> dict:
    base = rec.text_id
    return {
        "id": base,
        "class": "recomendacao",
        "title": f"Recomendação {rec.id}",
        "props": _props(strategy, rec, citation.recommendation_fragment(rec)),
        "parts": [{"id": f"{base}_smt", "name": "statement", "prose": rec.official_text}] + _explained(base, rec),
    }


def catalog(strategy: Strategy) -> dict:
    act, identity = strategy.act, strategy.identity
    return {"catalog": {
        "uuid": stable_uuid(identity.identifier_prefix, "catalogo"),
        "metadata": {
            "title": f"{identity.strategy_with_period}: objetivos e recomendações ({act.short_name})",
            "last-modified": f"{strategy.data_date}T00:00:00Z",
            "version": identity.identifier_prefix,
            "oscal-version": OSCAL_VERSION,
            "props": [{"name": "identificador-versionado", "ns": PROJECT_NS, "value": identity.identifier_prefix}],
            "remarks": ("Catálogo gerado por um projeto não oficial. Os textos oficiais (statement) são cópia do "
                        "Diário Oficial da União; explicações e exemplos são do projeto."),
        },
        "groups": [
            {
                "id": o.text_id,
                "class": "objetivo",
                "title": f"Objetivo {o.number}",
                "props": _props(strategy, o, citation.objective_fragment(o)),
                "parts": [{"id": f"{o.text_id}_smt", "name": "statement", "prose": o.official_text}] + _explained(o.text_id, o),
                "controls": [_control(strategy, r) for r in o.recommendations],
            }
            for o in strategy.objectives
        ],
    }}


def validate(document: dict, root: str = "catalog") -> list[str]:
    """Problems (Portuguese) of an OSCAL document per compliance-trestle's models (catalog or assessment-results)."""
    import pydantic

    if root == "catalog":
        from trestle.oscal.catalog import Catalog as Model
    else:
        from trestle.oscal.assessment_results import AssessmentResults as Model
    if not isinstance(document, dict) or set(document) != {root}:
        return [f"o documento OSCAL tem de ter uma só chave, “{root}”."]
    try:
        Model.model_validate(document[root])
    except pydantic.ValidationError as error:
        return [f"{'.'.join(map(str, e['loc'])) or root}: {e['msg']}" for e in error.errors()]
    return []


def encode(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def content(strategy: Strategy) -> bytes:
    """The catalog's bytes, validated; ``OutputError`` (Portuguese) when the OSCAL models reject it."""
    document = catalog(strategy)
    problems = validate(document)
    if problems:
        raise OutputError(f"o catálogo OSCAL /{address(strategy)} não segue os modelos OSCAL: " + "; ".join(problems[:5]))
    return encode(document)


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    """The catalog (also a resource of the data package, which lists it) as a download."""
    return [Published(address(strategy), content(strategy), download=Download(TITLE, "JSON", MEDIA_TYPE, conforms_to=STANDARD))]


# --- self-assessment → OSCAL assessment results --------------------------------------------------

# A recommendation is "satisfied" only when the ente says it is implemented; every other answered
# situation is "not-satisfied", with the exact situation kept in the property ``situacao``.
_SATISFIED = "implementada"


def _assessed_at(header: dict) -> str:
    return f"{header['data_avaliacao']}T00:00:00Z"


def assessment_results(strategy: Strategy, assessment: dict) -> dict:
    """OSCAL assessment results of one exported self-assessment (a valid ``self_assessment`` document):
    one result, one finding per answered recommendation (target: its statement in the catalog), one
    observation per answer with evidence or notes. ``uuid`` values derive from the ente and the date.
    Raises ValueError (Portuguese) when no recommendation has an answer."""
    from .. import self_assessment

    header = assessment["cabecalho"]
    key = (strategy.identity.identifier_prefix, header["ente_codigo_ibge"], header["data_avaliacao"])
    labels = {s.id: s.label for s in self_assessment.STATUSES}
    at = _assessed_at(header)
    answered = [a for a in assessment["respostas"] if a["situacao"]]
    if not answered:
        raise ValueError("a autoavaliação não tem nenhuma recomendação com situação: não há resultado para converter.")
    observations, findings = [], []
    for answer in answered:
        rec = strategy.recommendation_by_id[answer["recomendacao"]]
        finding = {
            "uuid": stable_uuid(*key, "achado", rec.id),
            "title": f"Recomendação {rec.id}: {labels[answer['situacao']]}",
            "description": f"Situação declarada pelo ente na autoavaliação: {labels[answer['situacao']]}.",
            "props": [{"name": "situacao", "ns": PROJECT_NS, "value": answer["situacao"]},
                      {"name": "identificador-versionado", "ns": PROJECT_NS, "value": strategy.pinned_id(rec)}],
            "target": {"type": "statement-id", "target-id": f"{rec.text_id}_smt",
                       "status": {"state": "satisfied" if answer["situacao"] == _SATISFIED else "not-satisfied"}},
        }
        if answer["area_responsavel"]:
            finding["props"].append({"name": "area-responsavel", "ns": PROJECT_NS, "value": answer["area_responsavel"]})
        if answer["data_prevista"]:
            finding["props"].append({"name": "data-prevista", "ns": PROJECT_NS, "value": answer["data_prevista"]})
        if answer["evidencia"] or answer["observacoes"]:
            observation = {
                "uuid": stable_uuid(*key, "observacao", rec.id),
                "description": answer["observacoes"] or f"Evidência informada para a recomendação {rec.id}.",
                "methods": ["EXAMINE"],
                "collected": at,
            }
            if answer["evidencia"]:
                observation["relevant-evidence"] = [{"href": answer["evidencia"], "description": "Evidência informada pelo ente."}]
            observations.append(observation)
            finding["related-observations"] = [{"observation-uuid": observation["uuid"]}]
        findings.append(finding)
    result = {
        "uuid": stable_uuid(*key, "resultado"),
        "title": f"Autoavaliação de {header['ente_nome']}",
        "description": (f"Autoavaliação do ente {header['ente_nome']} (código IBGE {header['ente_codigo_ibge']}) diante das "
                        f"recomendações da {strategy.act.short_name}. Declaração do próprio ente, não conferida."),
        "start": at,
        "reviewed-controls": {"control-selections": [{"include-controls": [
            {"control-id": strategy.recommendation_by_id[a["recomendacao"]].text_id} for a in answered]}]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    metadata = {
        "title": f"Autoavaliação de {header['ente_nome']}: {strategy.identity.strategy_with_period}",
        "last-modified": at,
        "version": header["data_avaliacao"],
        "oscal-version": OSCAL_VERSION,
    }
    if header.get("preenchido_por"):
        metadata["remarks"] = f"Preenchido por: {header['preenchido_por']}."
    return {"assessment-results": {
        "uuid": stable_uuid(*key, "avaliacao"),
        "metadata": metadata,
        # No assessment plan exists: the import points at the catalog the controls come from.
        "import-ap": {"href": file_name(strategy),
                      "remarks": "Não há plano de avaliação: o endereço é o do catálogo OSCAL das recomendações."},
        "results": [result],
    }}
