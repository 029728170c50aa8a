"""Output: the act in LexML Brasil XML, with its derived URN, at ``/dados/<pacote>.lexml.xml``.

Input: a ``Strategy``. Output: one XML document in the LexML namespace (``http://www.lexml.gov.br/1.0``):
``LexML/Metadado/Identificacao/@URN`` (the URN derived from the grammar by ``citation``, not an
official identifier) and ``Norma`` with ``ParteInicial`` (``Epigrafe``, ``Ementa``, ``Preambulo``),
``Articulacao`` (one ``Artigo`` per article, with ``Rotulo`` and ``Caput``) and the annex, where each
objective and recommendation is its own element whose ``id`` is the fragment the site's URNs use
(``anx1_ite3``, ``anx1_ite3_ite7``).

What is not verified is said in the file itself: no maintained package ships the LexML XML Schema,
so the document is not validated against it here; ``validate`` checks what this module promises
(namespace, URN grammar, every part present, unique ``id``) and ``publish`` raises ``OutputError``
in Portuguese on a problem. The markup of the annex and of the signature follows the element names
of the rest of the schema but was not checked against the official schema (comment in the file).
Every official text is the model's (the DOU text, checked by ``fidelity``). Nothing here imports
MkDocs or writes files.
"""
from __future__ import annotations

import re

from lxml import etree

from .. import citation, urls
from ..context import BuildContext
from ..model import Strategy
from . import Download, OutputError, Published

NAMESPACE = "http://www.lexml.gov.br/1.0"
MEDIA_TYPE = "application/xml"
# Not a bare "alternate": Material would fetch /dados/sitemap.xml for it (a 404 in the console).
TITLE = "O ato inteiro em LexML (XML), com a URN derivada"
_NOTE = (" Gerado por um projeto não oficial. A URN foi montada com as regras do LexML e não é um identificador "
         "oficial. Nenhum pacote mantido traz o XML Schema do LexML: este arquivo não foi validado com ele, e a "
         "marcação do Anexo e da assinatura não foi conferida com o esquema oficial. ")
_URN = re.compile(r"^urn:lex:br:[a-z0-9.;]+:[a-z0-9.]+:\d{4}-\d{2}-\d{2};[0-9a-z.]+(![a-z0-9_]+)?$")


def file_name(strategy: Strategy) -> str:
    return f"{strategy.identity.package_name}.lexml.xml"


def address(strategy: Strategy) -> str:
    return urls.data_file(file_name(strategy))


def _el(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def document(strategy: Strategy) -> etree._Element:
    act = strategy.act
    root = etree.Element(f"{{{NAMESPACE}}}LexML", nsmap={None: NAMESPACE})
    root.append(etree.Comment(_NOTE))
    _el(_el(root, "Metadado"), "Identificacao", URN=citation.lexml_urn(act))
    norm = _el(root, "Norma")
    initial = _el(norm, "ParteInicial")
    _el(initial, "Epigrafe", act.official_title, id="epigrafe")
    _el(initial, "Ementa", act.summary, id="ementa")
    _el(_el(initial, "Preambulo", id="preambulo"), "p", act.preamble)
    articulation = _el(norm, "Articulacao")
    for article in act.articles:
        element = _el(articulation, "Artigo", id=f"art{article.number}")
        _el(element, "Rotulo", article.label)
        _el(_el(element, "Caput", id=f"art{article.number}_cpt"), "p", article.official_text)
    final = _el(norm, "ParteFinal")
    _el(final, "Assinatura", act.signatory_name)
    annex = _el(root, "Anexo", id=citation.ANNEX_FRAGMENT)
    _el(annex, "Rotulo", "ANEXO")
    _el(annex, "Titulo", act.annex_title)
    for objective in strategy.objectives:
        item = _el(annex, "Item", id=citation.objective_fragment(objective))
        _el(item, "Rotulo", f"{objective.number}. Objetivo:")
        _el(item, "p", objective.official_text)
        _el(item, "p", act.addressees + ":")
        for rec in objective.recommendations:
            sub = _el(item, "Item", id=citation.recommendation_fragment(rec))
            _el(sub, "Rotulo", rec.id)
            _el(sub, "p", rec.official_text)
    return root


def validate(data: bytes) -> list[str]:
    """Problems (Portuguese) of a LexML file against what this module promises (not the official schema)."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        return [f"o XML não é bem formado: {error}"]
    ns = {"l": NAMESPACE}
    problems = []
    if root.tag != f"{{{NAMESPACE}}}LexML":
        problems.append(f"a raiz tem de ser LexML no espaço de nomes {NAMESPACE}.")
    urn = root.find("l:Metadado/l:Identificacao", ns)
    if urn is None or not _URN.match(urn.get("URN") or ""):
        problems.append("Metadado/Identificacao não tem uma URN LexML bem formada.")
    for path in ("l:Norma/l:ParteInicial/l:Epigrafe", "l:Norma/l:ParteInicial/l:Ementa", "l:Norma/l:ParteInicial/l:Preambulo/l:p",
                 "l:Norma/l:Articulacao/l:Artigo/l:Caput/l:p", "l:Anexo/l:Item/l:Item/l:p"):
        found = root.find(path, ns)
        if found is None or not (found.text or "").strip():
            problems.append(f"falta {path.replace('l:', '')} com texto.")
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        problems.append(f"id repetido: {', '.join(repeated)}.")
    return problems


def content(strategy: Strategy) -> bytes:
    data = etree.tostring(document(strategy), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    problems = validate(data)
    if problems:
        raise OutputError(f"o arquivo LexML /{address(strategy)} está malformado: " + " ".join(problems[:5]))
    return data


def publish(strategy: Strategy, context: BuildContext) -> list[Published]:
    """The file (also a resource of the data package, which lists it) as a download and an alternate of the act's page."""
    return [Published(address(strategy), content(strategy), download=Download(TITLE, "XML", MEDIA_TYPE, conforms_to=NAMESPACE),
                      alternate_of=urls.ACT, alternate_type=MEDIA_TYPE, alternate_title="O ato em LexML (XML)")]
