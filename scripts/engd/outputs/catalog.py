"""Output: catalogue metadata that harvesters and search engines read, as JSON-LD.

Input: a ``Strategy``, the package's descriptor, the downloads every output declared (``data_page``
gives them with their bytes' size and hash) and the site's address when known. Output:

* ``dcat_catalogue`` — the DCAT catalogue published at ``/dados/catalogo.jsonld``: one
  ``dcat:Catalog`` with one ``dcat:Dataset`` and one ``dcat:Distribution`` per declared download
  (size, SHA-256, media type, download address, licence);
* ``dataset_jsonld`` — the schema.org ``Dataset`` shown in the head of ``/dados/``;
* ``legislation_jsonld`` — the schema.org ``Legislation`` of an objective or recommendation page.

The JSON-LD contexts are inline (no remote context to fetch). Addresses are relative to the file or
page that holds them unless the site's address is configured; unknown facts (the DOU page address)
are left out, never guessed. Nothing here imports MkDocs or writes files.
"""
from __future__ import annotations

import json

from .. import urls
from ..model import Objective, Recommendation, Strategy
from .datapackage import LICENCES, VERSION

CATALOGUE = urls.data_file("catalogo.jsonld")
DATA_PAGE = urls.DATA
_RIGHTS = ("Textos oficiais: domínio público (Lei nº 9.610/1998, art. 8º, IV). Explicações em linguagem simples, "
           "temas, normas relacionadas e glossário escritos por este projeto: CC BY 4.0.")
_IANA = "https://www.iana.org/assignments/media-types/"

_DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _pt(text: str) -> dict:
    return {"@value": text, "@language": "pt-BR"}


def _typed(value: str, datatype: str) -> dict:
    return {"@value": value, "@type": datatype}


def _citation(strategy: Strategy) -> str:
    act, publication = strategy.act, strategy.act.publication
    day = "/".join(reversed(publication.date.split("-")))
    return (f"{act.short_name}. {act.summary} {publication.journal}, seção {publication.section}, "
            f"edição {publication.edition}, página {publication.page}, {day}.")


def _source(strategy: Strategy) -> dict:
    act = strategy.act
    source = {
        "@type": "dct:BibliographicResource",
        "dct:title": _pt(act.official_title),
        "dct:description": _pt(act.summary),
        "dct:issued": _typed(act.publication.date, "xsd:date"),
        "dct:bibliographicCitation": _pt(_citation(strategy)),
    }
    if act.publication.url:
        source["@id"] = act.publication.url
    return source


def _distribution(file, site_url: str | None) -> dict:
    url = {"@id": urls.href(CATALOGUE, file.address, site_url)}
    return {
        "@id": f"#distribuicao-{file.name.replace('.', '-').replace('/', '-')}",
        "@type": "dcat:Distribution",
        "dct:title": _pt(file.title),
        "dct:format": file.format.upper(),
        "dcat:mediaType": {"@id": _IANA + file.media_type},
        "dcat:downloadURL": url,
        "dcat:accessURL": url,
        "dcat:byteSize": _typed(str(file.size), "xsd:nonNegativeInteger"),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": _typed(file.sha256, "xsd:hexBinary"),
        },
        "dct:license": {"@id": LICENCES["cc-by"]["path"]},
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _pt(_RIGHTS)},
    }


def dcat_catalogue(strategy: Strategy, descriptor: dict, downloads: list, site_url: str | None) -> dict:
    """The DCAT catalogue: one dataset, one distribution per download."""
    identity = strategy.identity
    modified = _typed(descriptor["created"], "xsd:dateTime")
    landing = {"@id": urls.href(CATALOGUE, DATA_PAGE, site_url)}
    dataset = {
        "@id": "#conjunto-de-dados",
        "@type": "dcat:Dataset",
        "dct:identifier": identity.package_name,
        "dct:title": _pt(identity.title),
        "dct:description": _pt(descriptor["description"]),
        "dcat:keyword": [_pt(k) for k in descriptor["keywords"]],
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/pt"},
        "dct:modified": modified,
        "dcat:version": VERSION,
        "dcat:landingPage": landing,
        "dct:conformsTo": {"@id": "https://datapackage.org/standard/data-package/"},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(strategy.act.date[:4], "xsd:gYear"),
            "dcat:endDate": _typed(str(identity.end_year), "xsd:gYear"),
        },
        "dct:source": _source(strategy),
        "dct:license": {"@id": LICENCES["cc-by"]["path"]},
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _pt(_RIGHTS)},
        "dcat:distribution": [_distribution(f, site_url) for f in downloads],
    }
    return {
        "@context": _DCAT_CONTEXT,
        "@id": "#catalogo",
        "@type": "dcat:Catalog",
        "dct:title": _pt(f"Catálogo de dados abertos — {identity.title}"),
        "dct:description": _pt("Catálogo dos dados abertos publicados por este site. Não é um catálogo oficial do governo."),
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/pt"},
        "dct:modified": modified,
        "foaf:homepage": {"@id": urls.href(CATALOGUE, urls.HOME, site_url)},
        "dcat:dataset": [dataset],
    }


def _act_legislation(strategy: Strategy, site_url: str | None, here: str) -> dict:
    act = strategy.act
    legislation = {
        "@type": "Legislation",
        "name": act.short_name,
        "alternateName": act.official_title,
        "abstract": act.summary,
        "legislationIdentifier": act.short_name,
        "legislationType": act.kind,
        "legislationDate": act.date,
        "datePublished": act.publication.date,
        "legislationJurisdiction": "Brasil",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": " / ".join(act.bodies)},
        "inLanguage": "pt-BR",
        "url": urls.href(here, urls.ACT, site_url),
    }
    if act.publication.url:
        legislation["sameAs"] = act.publication.url
    return legislation


def _item_legislation(strategy: Strategy, here: str, site_url: str | None, *, name: str, identifier: str,
                      text: str, json_path: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": name,
        "legislationIdentifier": identifier,
        "legislationType": strategy.act.kind,
        "legislationDate": strategy.act.date,
        "datePublished": strategy.act.publication.date,
        "legislationJurisdiction": "Brasil",
        "text": text,
        "inLanguage": "pt-BR",
        "isAccessibleForFree": True,
        "url": urls.href(here, here, site_url),
        "isPartOf": _act_legislation(strategy, site_url, here),
        "encoding": {
            "@type": "MediaObject",
            "encodingFormat": "application/json",
            "contentUrl": urls.href(here, json_path, site_url),
        },
    }


def legislation_jsonld(strategy: Strategy, item: Objective | Recommendation, site_url: str | None) -> dict:
    """The schema.org Legislation of one objective or recommendation page."""
    act = strategy.act.short_name
    if isinstance(item, Objective):
        return _item_legislation(
            strategy, urls.objective(item.number), site_url,
            name=f"Objetivo {item.number} da {act}", identifier=f"{act}, Anexo, objetivo {item.number}",
            text=item.official_text, json_path=urls.objective_json(item.number))
    return _item_legislation(
        strategy, urls.recommendation(item.slug), site_url,
        name=f"Recomendação {item.id} da {act}", identifier=f"{act}, Anexo, item {item.id}",
        text=item.official_text, json_path=urls.recommendation_json(item.slug))


def dataset_jsonld(strategy: Strategy, descriptor: dict, downloads: list, site_url: str | None) -> dict:
    """The schema.org Dataset of the ``/dados/`` page."""
    here = DATA_PAGE
    identity = strategy.identity
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": identity.title,
        "description": descriptor["description"],
        "identifier": identity.package_name,
        "version": VERSION,
        "keywords": descriptor["keywords"],
        "inLanguage": "pt-BR",
        "isAccessibleForFree": True,
        "license": LICENCES["cc-by"]["path"],
        "usageInfo": _RIGHTS,
        "dateModified": descriptor["created"],
        "temporalCoverage": f"{strategy.act.date[:4]}/{identity.end_year}",
        "url": urls.href(here, here, site_url),
        "isBasedOn": _act_legislation(strategy, site_url, here),
        "includedInDataCatalog": {"@type": "DataCatalog", "name": f"Catálogo de dados abertos — {identity.title}",
                                  "url": urls.href(here, CATALOGUE, site_url)},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f.title,
                "encodingFormat": f.media_type,
                "contentUrl": urls.href(here, f.address, site_url),
                "contentSize": f"{f.size} B",
                "sha256": f.sha256,
            }
            for f in downloads
        ],
    }


def script_text(document: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped so no text ends the script."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
