"""Output: catalogue metadata that harvesters and search engines read, as JSON-LD.

Input: a ``Strategy``, the package's descriptor, the downloads every output declared (``data_page``
gives them with their bytes' size and hash) and the site's address when known. Output:

* ``dcat_catalogue`` — the DCAT catalogue published at ``/dados/catalogo.jsonld``: one
  ``dcat:Catalog`` with one ``dcat:Dataset`` and one ``dcat:Distribution`` per declared download
  (size, SHA-256, media type, download address, licence);
* ``dataset_jsonld`` — the schema.org ``Dataset`` shown in the head of ``/dados/``;
* ``legislation_jsonld`` — the schema.org ``Legislation`` of an objective or recommendation page.

The JSON-LD contexts are inline (no remote context to fetch). Addresses are relative to the file or
page that holds them unless the site's address is configured; then every identifier of the
catalogue (catalogue, dataset, distributions, publisher, theme) is an absolute IRI. The catalogue
follows what DCAT-AP 3 asks of harvestable catalogues: a publisher (this project, never the
government), ``dct:format`` as an EU file-type IRI and ``dcat:mediaType`` as an IANA media-type IRI,
typed licence (``dct:LicenseDocument``), media types and standards (``dct:Standard``), and a
``dcat:theme``: the project's own theme (``data/site.yml``) as a ``skos:Concept`` whose VCGE
match is given only when ``tema_vcge`` holds a verified IRI, else marked unverified. Unknown facts
(the DOU page address, the VCGE category) are left out, never guessed. Nothing here imports MkDocs or writes files.
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
_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
# The declared formats (``Download.format``) and their code in the EU file-type authority table.
_FILE_TYPES = {"CSV": "CSV", "JSON": "JSON", "XLSX": "XLSX", "ZIP": "ZIP", "XML": "XML", "JSON-LD": "JSON_LD", "PDF": "PDF"}
_DATA_PACKAGE = "https://datapackage.org/standard/data-package/"

_DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
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


def _node(name: str, site_url: str | None) -> str:
    """The identifier of a node of the catalogue: absolute when the site's address is known."""
    return (urls.absolute(CATALOGUE, site_url) if site_url else "") + "#" + name


def _licence() -> dict:
    return {"@id": LICENCES["cc-by"]["path"], "@type": "dct:LicenseDocument", "rdfs:label": _pt(LICENCES["cc-by"]["title"])}


def _standard(iri: str) -> dict:
    return {"@id": iri, "@type": "dct:Standard"}


def publisher(strategy: Strategy, site_url: str | None) -> dict:
    """Who publishes the catalogue: this project (its site), never a government body."""
    return {"@id": _node("projeto", site_url), "@type": "foaf:Agent",
            "foaf:name": _pt(f"{strategy.identity.site_name} (projeto não oficial)"),
            "foaf:homepage": {"@id": urls.href(CATALOGUE, urls.HOME, site_url)}}


def theme(strategy: Strategy, site_url: str | None) -> dict:
    """The dataset's theme: the project's own concept; its VCGE match only when verified."""
    identity = strategy.identity
    concept = {"@id": _node("tema", site_url), "@type": "skos:Concept", "skos:prefLabel": _pt(identity.theme)}
    if identity.theme_vcge:
        concept["skos:exactMatch"] = {"@id": identity.theme_vcge}
    else:
        concept["skos:editorialNote"] = _pt("Tema definido por este projeto. A categoria correspondente do VCGE "
                                            "(Vocabulário Controlado do Governo Eletrônico) não foi verificada.")
    return concept


def _distribution(file, site_url: str | None) -> dict:
    url = {"@id": urls.href(CATALOGUE, file.address, site_url)}
    distribution = {
        "@id": _node(f"distribuicao-{file.name.replace('.', '-').replace('/', '-')}", site_url),
        "@type": "dcat:Distribution",
        "dct:title": _pt(file.title),
        "dcat:mediaType": {"@id": _IANA + file.media_type, "@type": "dct:MediaType"},
        "dcat:downloadURL": url,
        "dcat:accessURL": url,
        "dcat:byteSize": _typed(str(file.size), "xsd:nonNegativeInteger"),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": _typed(file.sha256, "xsd:hexBinary"),
        },
        "dct:license": _licence(),
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _pt(_RIGHTS)},
    }
    if file.format.upper() in _FILE_TYPES:
        distribution["dct:format"] = {"@id": _FILE_TYPE + _FILE_TYPES[file.format.upper()], "@type": "dct:MediaTypeOrExtent"}
    if file.conforms_to:
        distribution["dct:conformsTo"] = _standard(file.conforms_to)
    return distribution


def dcat_catalogue(strategy: Strategy, descriptor: dict, downloads: list, site_url: str | None) -> dict:
    """The DCAT catalogue: one dataset, one distribution per download."""
    identity = strategy.identity
    modified = _typed(descriptor["created"], "xsd:dateTime")
    landing = {"@id": urls.href(CATALOGUE, DATA_PAGE, site_url)}
    dataset = {
        "@id": _node("conjunto-de-dados", site_url),
        "@type": "dcat:Dataset",
        "dct:identifier": identity.package_name,
        "dct:title": _pt(identity.title),
        "dct:description": _pt(descriptor["description"]),
        "dcat:keyword": [_pt(k) for k in descriptor["keywords"]],
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/pt"},
        "dct:modified": modified,
        "dcat:version": VERSION,
        "dcat:landingPage": landing,
        "dct:conformsTo": _standard(_DATA_PACKAGE),
        "dct:publisher": publisher(strategy, site_url),
        "dcat:theme": theme(strategy, site_url),
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(strategy.act.date[:4], "xsd:gYear"),
            "dcat:endDate": _typed(str(identity.end_year), "xsd:gYear"),
        },
        "dct:source": _source(strategy),
        "dct:license": _licence(),
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": _pt(_RIGHTS)},
        "dcat:distribution": [_distribution(f, site_url) for f in downloads],
    }
    return {
        "@context": _DCAT_CONTEXT,
        "@id": _node("catalogo", site_url),
        "@type": "dcat:Catalog",
        "dct:publisher": publisher(strategy, site_url),
        "dct:license": _licence(),
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
