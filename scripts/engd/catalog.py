"""Output: catalogue metadata that harvesters and search engines read, as JSON-LD.

Input: a ``Strategy``, the in-memory ``datapackage.Package`` and the site's ``Addresses``.
Output:

* ``dcat_catalogue`` — the DCAT catalogue published at ``/dados/catalogo.jsonld``: one
  ``dcat:Catalog`` with one ``dcat:Dataset`` and one ``dcat:Distribution`` per published file of
  ``/dados/`` (size, SHA-256, media type, download address, licence);
* ``dataset_jsonld`` — the schema.org ``Dataset`` shown in the head of ``/dados/``;
* ``legislation_jsonld`` — the schema.org ``Legislation`` of an objective or recommendation page.

The JSON-LD contexts are inline (no remote context to fetch). Addresses are relative to the file or
page that holds them unless the site's address is configured; unknown facts (the DOU page address)
are left out, never guessed. Nothing here imports MkDocs or writes files.
"""
from __future__ import annotations

import json

from .datapackage import LICENCES, NAME, TITLE, VERSION, Package
from .item_json import objective_json_path, objective_page_url, recommendation_json_path, recommendation_page_url
from .model import Objective, Recommendation, Strategy
from .site_urls import Addresses

CATALOGUE = "dados/catalogo.jsonld"
DATA_PAGE = "dados/"
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


def _distribution(file, addresses: Addresses) -> dict:
    url = {"@id": addresses.href(CATALOGUE, f"dados/{file.path}")}
    return {
        "@id": f"#distribuicao-{file.path.replace('.', '-')}",
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


def dcat_catalogue(strategy: Strategy, package: Package, addresses: Addresses) -> dict:
    """The DCAT catalogue: one dataset, one distribution per file of ``package``."""
    modified = _typed(package.descriptor["created"], "xsd:dateTime")
    landing = {"@id": addresses.href(CATALOGUE, DATA_PAGE)}
    dataset = {
        "@id": "#conjunto-de-dados",
        "@type": "dcat:Dataset",
        "dct:identifier": NAME,
        "dct:title": _pt(TITLE),
        "dct:description": _pt(package.descriptor["description"]),
        "dcat:keyword": [_pt(k) for k in package.descriptor["keywords"]],
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/pt"},
        "dct:modified": modified,
        "dcat:version": VERSION,
        "dcat:landingPage": landing,
        "dct:conformsTo": {"@id": "https://datapackage.org/standard/data-package/"},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(strategy.act.date[:4], "xsd:gYear"),
            "dcat:endDate": _typed("2027", "xsd:gYear"),
        },
        "dct:source": _source(strategy),
        "dct:license": {"@id": LICENCES["cc-by"]["path"]},
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _pt(_RIGHTS)},
        "dcat:distribution": [_distribution(f, addresses) for f in package.files],
    }
    return {
        "@context": _DCAT_CONTEXT,
        "@id": "#catalogo",
        "@type": "dcat:Catalog",
        "dct:title": _pt(f"Catálogo de dados abertos — {TITLE}"),
        "dct:description": _pt("Catálogo dos dados abertos publicados por este site. Não é um catálogo oficial do governo."),
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/pt"},
        "dct:modified": modified,
        "foaf:homepage": {"@id": addresses.href(CATALOGUE, "")},
        "dcat:dataset": [dataset],
    }


def _act_legislation(strategy: Strategy, addresses: Addresses, here: str) -> dict:
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
        "url": addresses.href(here, "ato/"),
    }
    if act.publication.url:
        legislation["sameAs"] = act.publication.url
    return legislation


def _item_legislation(strategy: Strategy, here: str, addresses: Addresses, *, name: str, identifier: str,
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
        "url": addresses.href(here, here),
        "isPartOf": _act_legislation(strategy, addresses, here),
        "encoding": {
            "@type": "MediaObject",
            "encodingFormat": "application/json",
            "contentUrl": addresses.href(here, json_path),
        },
    }


def legislation_jsonld(strategy: Strategy, item: Objective | Recommendation, addresses: Addresses) -> dict:
    """The schema.org Legislation of one objective or recommendation page."""
    act = strategy.act.short_name
    if isinstance(item, Objective):
        return _item_legislation(
            strategy, objective_page_url(item.number), addresses,
            name=f"Objetivo {item.number} da {act}", identifier=f"{act}, Anexo, objetivo {item.number}",
            text=item.official_text, json_path=objective_json_path(item.number))
    return _item_legislation(
        strategy, recommendation_page_url(item.slug), addresses,
        name=f"Recomendação {item.id} da {act}", identifier=f"{act}, Anexo, item {item.id}",
        text=item.official_text, json_path=recommendation_json_path(item.slug))


def dataset_jsonld(strategy: Strategy, package: Package, addresses: Addresses) -> dict:
    """The schema.org Dataset of the ``/dados/`` page."""
    here = DATA_PAGE
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": TITLE,
        "description": package.descriptor["description"],
        "identifier": NAME,
        "version": VERSION,
        "keywords": package.descriptor["keywords"],
        "inLanguage": "pt-BR",
        "isAccessibleForFree": True,
        "license": LICENCES["cc-by"]["path"],
        "usageInfo": _RIGHTS,
        "dateModified": package.descriptor["created"],
        "temporalCoverage": f"{strategy.act.date[:4]}/2027",
        "url": addresses.href(here, here),
        "isBasedOn": _act_legislation(strategy, addresses, here),
        "includedInDataCatalog": {"@type": "DataCatalog", "name": f"Catálogo de dados abertos — {TITLE}",
                                  "url": addresses.href(here, CATALOGUE)},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f.title,
                "encodingFormat": f.media_type,
                "contentUrl": addresses.href(here, f"dados/{f.path}"),
                "contentSize": f"{f.size} B",
                "sha256": f.sha256,
            }
            for f in package.files
        ],
    }


def script_text(document: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped so no text ends the script."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
