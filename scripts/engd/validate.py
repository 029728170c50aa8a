"""Stage 2: read every data file and collect every problem before anyone builds anything.

Input: the data folder (``data/``). Output: ``(RawData, [])`` when the data is sound, or
``(None, problems)`` with every problem found across all files, sorted by file and line. Rules:
what ``load`` refuses; each file against its JSON Schema; file names that match ids; numbering
of objectives (1 … n) and recommendations (N.1 … N.k, in order, no gaps or repeats); unique ids;
references (themes, norms, changelog items) that resolve; changelog entries from newest to
oldest; no HTML in any text; official texts equal to the DOU source (``fidelity``); our
plain-language texts readable enough and free of words of obligation that the official text lacks
(``plain_language``, ``obligation``). It never raises for bad data and never
writes anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import addresses, changelog, fidelity, urls
from .load import Document, _decode, load_file
from .plain_language import check_plain_language
from .problems import Problem
from .schema import check_document

ACT_FILE = "ato.yml"
SITE_FILE = "site.yml"
OBJECTIVES_DIR = "objetivos"
OPTIONAL_FILES = {"glossario": "glossario.yml", "temas": "temas.yml", "normas": "normas.yml", "mudancas": "mudancas.yml"}
SCHEMA_DIR = "esquemas"
_OBJECTIVE_FILE = re.compile(r"^objetivo-(\d{2,})\.yml$")
_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_LIST_KEYS = {"glossario": "termos", "temas": "temas", "normas": "normas", "mudancas": "mudancas"}


@dataclass(frozen=True)
class RawData:
    """Validated documents, ready for ``model.build``."""

    act: Document
    site: Document
    objectives: tuple[Document, ...]
    lists: dict
    source: fidelity.Source


def _walk_strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_strings(item, path + (i,))


def _no_html(document: Document) -> list[Problem]:
    problems = []
    for path, text in _walk_strings(document.value):
        if match := _HTML.search(text):
            snippet = text[match.start():match.start() + 12]
            problems.append(document.problem(path, f"o texto contém marcação HTML (“{snippet}”), que não é aceita; escreva só texto."))
    return problems


def _load(path: Path, root: Path, schema_dir: Path, schema: str) -> tuple[Document | None, list[Problem]]:
    document, problems = load_file(path, root)
    if document is None:
        return None, problems
    problems = check_document(document, schema_dir, schema) + _no_html(document)
    return (None if problems else document), problems


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _check_objective_files(data_dir: Path, root: Path, schema_dir: Path) -> tuple[list[Document], set[int], list[Problem]]:
    """Valid objective documents in number order, the numbers their file names claim, and problems."""
    problems: list[Problem] = []
    documents: list[Document] = []
    claimed: set[int] = set()
    folder = data_dir / OBJECTIVES_DIR
    paths = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    for path in paths:
        file = _relative(path, root)
        match = _OBJECTIVE_FILE.match(path.name)
        if not match or match[1] != f"{int(match[1]):02d}":
            problems.append(Problem(file, 0, 0, "", "nome de arquivo fora do padrão objetivo-NN.yml (NN = número do objetivo com dois dígitos, como objetivo-03.yml)."))
            continue
        claimed.add(int(match[1]))
        document, found = _load(path, root, schema_dir, "objetivo.schema.json")
        problems += found
        if document is None:
            continue
        number = document.value["numero"]
        if int(match[1]) != number:
            problems.append(document.problem(("numero",), f"o arquivo se chama {path.name}, mas traz o objetivo {number}; o número e o nome do arquivo devem coincidir."))
            continue
        documents.append(document)
    if not paths:
        problems.append(Problem(_relative(folder, root), 0, 0, "", "nenhum arquivo de objetivo encontrado."))
    return sorted(documents, key=lambda d: d.value["numero"]), claimed, problems


def _check_numbering(objectives: list[Document], claimed: set[int], folder: str) -> list[Problem]:
    """Objectives 1 … n (by file name) and, inside objective N, N.1 … N.k in order: one problem per break."""
    problems = [Problem(folder, 0, 0, "", f"falta o objetivo {n} (arquivo objetivo-{n:02d}.yml): a numeração deve ser 1, 2, 3, … sem lacunas.")
                for n in range(1, max(claimed, default=0) + 1) if n not in claimed]
    for document in objectives:
        number = document.value["numero"]
        seen: set[str] = set()
        previous = 0
        for i, item in enumerate(document.value["recomendacoes"]):
            rec_id = item["numero"]
            where = ("recomendacoes", i, "numero")
            if rec_id in seen:
                problems.append(document.problem(where, f"a recomendação {rec_id} está repetida."))
                continue
            seen.add(rec_id)
            prefix, suffix = rec_id.split(".")
            if int(prefix) != number:
                problems.append(document.problem(where, f"a recomendação {rec_id} não pertence ao objetivo {number}: aqui esperava {number}.{previous + 1}."))
                continue
            if int(suffix) != previous + 1:
                after = f"depois de {number}.{previous} " if previous else ""
                problems.append(document.problem(where, f"numeração fora de ordem ou com lacuna: {after}esperava {number}.{previous + 1}, encontrou {rec_id}."))
            previous = int(suffix)
    return problems


def _check_unique_ids(name: str, document: Document) -> list[Problem]:
    problems, seen = [], {}
    for i, item in enumerate(document.value[_LIST_KEYS[name]]):
        if item["id"] in seen:
            problems.append(document.problem((_LIST_KEYS[name], i, "id"), f"o identificador “{item['id']}” está repetido (primeiro no item {seen[item['id']]})."))
        seen.setdefault(item["id"], i)
    return problems


def _ids(lists: dict, name: str) -> set[str]:
    document = lists.get(name)
    return {item["id"] for item in document.value[_LIST_KEYS[name]]} if document else set()


def _check_references(objectives: list[Document], lists: dict) -> list[Problem]:
    problems: list[Problem] = []
    themes, norms = _ids(lists, "temas"), _ids(lists, "normas")
    for document in objectives:
        for i, item in enumerate(document.value["recomendacoes"]):
            for key, known, kind in [("temas", themes, "tema"), ("normas", norms, "norma")]:
                for j, ref in enumerate(item.get(key, [])):
                    if ref not in known:
                        problems.append(document.problem(("recomendacoes", i, key, j), f"{kind} “{ref}” não existe em {OPTIONAL_FILES[key]}."))
    glossary = lists.get("glossario")
    if glossary:
        for i, term in enumerate(glossary.value["termos"]):
            if "norma" in term and term["norma"] not in norms:
                problems.append(glossary.problem(("termos", i, "norma"), f"norma “{term['norma']}” não existe em normas.yml."))
    return problems


def _check_act(act: Document, data_dir: Path, root: Path) -> tuple[fidelity.Source | None, list[Problem]]:
    problems = [act.problem(("artigos", i, "numero"), f"esperava o artigo {i + 1}: os artigos seguem a ordem 1, 2, 3, …")
                for i, article in enumerate(act.value["artigos"]) if article["numero"] != i + 1]
    source_path = data_dir / act.value["fonte"]
    if not source_path.resolve().is_relative_to(data_dir.resolve()) or not source_path.is_file():
        return None, problems + [act.problem(("fonte",), f"o arquivo da fonte oficial “{act.value['fonte']}” não existe em data/.")]
    text, unreadable = _decode(source_path.read_bytes(), _relative(source_path, root))
    if text is None:
        return None, problems + unreadable
    try:
        source = fidelity.parse_source(text)
    except ValueError as error:
        return None, problems + [Problem(_relative(source_path, root), 0, 0, "", f"fonte oficial ilegível: {error}")]
    return source, problems + fidelity.compare_act(act, source)


def _load_required(path: Path, root: Path, schema_dir: Path, schema: str) -> tuple[Document | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(_relative(path, root), 0, 0, "", "arquivo obrigatório ausente.")]
    return _load(path, root, schema_dir, schema)


def _check_site(site: Document) -> list[Problem]:
    period = site.value["vigencia"]
    if period["fim"] < period["inicio"]:
        return [site.problem(("vigencia", "fim"), f"o fim da vigência ({period['fim']}) vem antes do início ({period['inicio']}).")]
    return []


def _check_address_registry(data_dir: Path, objectives: list[Document]) -> list[Problem]:
    """The registry's own rules (``addresses.parse``), and no registered move of a short address
    (``/3/``, ``/3.7/``), which the build generates for every objective and recommendation."""
    registry, problems = addresses.load(data_dir)
    if problems:
        return problems
    numbers = {str(d.value["numero"]) for d in objectives} | {r["numero"] for d in objectives for r in d.value["recomendacoes"]}
    shorts = {"/" + (urls.short_recommendation(n) if "." in n else urls.short_objective(int(n))) for n in numbers}
    return [Problem(registry.file, e.line, 1, "", f"{e.address} é um endereço curto gerado; não pode ser movido.")
            for e in registry.entries if e.target and e.address in shorts]


def check(data_dir: Path) -> tuple[RawData | None, list[Problem]]:
    """Every problem of the data folder; the validated documents when there is none."""
    data_dir = Path(data_dir)
    root = data_dir.parent
    schema_dir = data_dir / SCHEMA_DIR
    problems: list[Problem] = []
    act_path = data_dir / ACT_FILE
    act = None
    if act_path.is_file():
        act, found = _load(act_path, root, schema_dir, "ato.schema.json")
        problems += found
    else:
        problems.append(Problem(_relative(act_path, root), 0, 0, "", "arquivo obrigatório ausente."))
    site, found = _load_required(data_dir / SITE_FILE, root, schema_dir, "site.schema.json")
    problems += found
    objectives, claimed, found = _check_objective_files(data_dir, root, schema_dir)
    problems += found
    lists: dict = {}
    for name, file_name in OPTIONAL_FILES.items():
        if (data_dir / file_name).is_file():
            document, found = _load(data_dir / file_name, root, schema_dir, f"{name}.schema.json")
            problems += found
            if document:
                lists[name] = document
                problems += _check_unique_ids(name, document)
    problems += _check_numbering(objectives, claimed, _relative(data_dir / OBJECTIVES_DIR, root))
    problems += _check_references(objectives, lists)
    problems += check_plain_language(objectives, lists.get("glossario"))
    problems += changelog.check(lists.get("mudancas"), objectives)
    problems += _check_address_registry(data_dir, objectives)
    if site is not None:
        problems += _check_site(site)
    source = None
    if act is not None:
        source, found = _check_act(act, data_dir, root)
        problems += found
    if source is not None:
        problems += fidelity.compare_objectives(objectives, source, _relative(data_dir / act.value["fonte"], root), claimed)
    if problems or act is None or site is None or source is None:
        return None, sorted(set(problems))
    return RawData(act, site, tuple(objectives), lists, source), []
