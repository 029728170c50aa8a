"""Stage 1: read the data files safely into plain Python values, remembering where each value is.

Input: a data folder. Output: ``Document`` objects (file, value, positions) and a list of
``Problem`` for what could not be read. It refuses, as problems and never as exceptions:
files that are not UTF-8 (or carry a BOM), files over ``MAX_BYTES``, YAML syntax errors,
duplicate keys (PyYAML would keep the last one silently), anchors and aliases (so no
"billion laughs" expansion), tags other than YAML's plain types, non-text keys and nesting
deeper than ``MAX_DEPTH``. Dates are kept as text. It never checks meaning: that is ``validate``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem, field_path

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

# PyYAML's messages are in English; these are the ones an editor meets most.
_YAML_MESSAGES = {
    "mapping values are not allowed here": "“:” fora de lugar (talvez falte um espaço, aspas ou a indentação esteja errada)",
    "could not find expected ':'": "falta “:” depois de uma chave",
    "did not find expected key": "indentação inconsistente: esperava uma chave neste nível",
    "did not find expected '-' indicator": "indentação inconsistente numa lista: esperava um item começando com “-”",
    "found character '\\t' that cannot start any token": "tabulação não é permitida em YAML; use espaços",
    "found unexpected end of stream": "o arquivo termina no meio de um valor (aspas ou colchetes sem fechar?)",
    "found undefined alias": "apelido (*alias) sem âncora",
    "expected <block end>, but found '-'": "item de lista com indentação errada",
    "found unknown escape character": "sequência de escape inválida dentro de aspas duplas",
    "expected ',' or ']', but got '<stream end>'": "colchete “[” sem fechar",
    "expected ',' or '}', but got '<stream end>'": "chave “{” sem fechar",
    "found unexpected ':'": "“:” fora de lugar",
    "found character that cannot start any token": "caractere que não pode começar um valor (use aspas)",
    "expected <block end>, but found '<block mapping start>'": "indentação inconsistente: esta linha está mais recuada do que a anterior",
    "expected <block end>, but found '<block sequence start>'": "indentação inconsistente numa lista: os itens “-” devem ficar alinhados",
    "expected <block end>, but found": "valor fora de lugar (aspas sem fechar, “:” faltando ou indentação errada logo acima)",
    "expected ',' or ']', but got": "lista entre colchetes mal formada: falta “]” ou “,”",
    "expected ',' or '}', but got": "conjunto entre chaves mal formado: falta “}” ou “,”",
    "expected a single document in the stream": "o arquivo tem mais de um documento YAML (“---”); use um só",
    "but found another document": "o arquivo tem mais de um documento YAML (“---”); use um só",
    "control characters are not allowed": "o arquivo contém caracteres de controle invisíveis",
}


@dataclass(frozen=True)
class Document:
    """One data file read: its path relative to the project, its value and where each part is."""

    file: str
    value: object
    positions: dict = field(default_factory=dict, compare=False, repr=False)
    key_positions: dict = field(default_factory=dict, compare=False, repr=False)

    def where(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its key), else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: tuple, message: str, key: bool = False) -> Problem:
        line, column = self.where(path, key)
        return Problem(self.file, line, column, field_path(tuple(path)), message)


class _Refusal(Exception):
    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses anchors and aliases and bounds the nesting depth."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refusal(event.start_mark, "apelidos YAML (*nome) não são aceitos; repita o valor")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refusal(event.start_mark, "âncoras YAML (&nome) não são aceitas; repita o valor")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refusal(event.start_mark, f"aninhamento profundo demais (mais de {MAX_DEPTH} níveis)")
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser
    from yaml.resolver import Resolver

    class _FastStrictLoader(Composer, CParser, SafeConstructor, Resolver):
        """libyaml's parser (in C, about 15× faster) under the same strict composer: same nodes,
        same positions, same refusals."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._depth = 0

        compose_node = _StrictLoader.compose_node
else:
    _FastStrictLoader = None


def _compose(text: str):
    """The node tree of one document. libyaml reads it when present; if it fails for any reason,
    the pure-Python loader reads it again, so that every problem is worded and placed one way."""
    if _FastStrictLoader is not None:
        try:
            loader = _FastStrictLoader(text)
            try:
                return loader.get_single_node()
            finally:
                loader.dispose()
        except Exception:
            pass
    loader = _StrictLoader(text)  # its reader checks every character here, before parsing
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _translate(problem: str | None) -> str:
    problem = (problem or "").strip()
    for english, portuguese in _YAML_MESSAGES.items():
        if problem.startswith(english) or english in problem:
            return portuguese
    return f"sintaxe YAML inválida ({problem})" if problem else "sintaxe YAML inválida"


class _Converter:
    """Turns a composed node tree into Python values, recording positions and refusing what YAML
    would otherwise accept silently (duplicate keys, custom tags, non-text keys)."""

    def __init__(self, file: str):
        self.file = file
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()

    def convert(self, node, path: tuple):
        self.positions[path] = _pos(node.start_mark)
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            self._refuse(node, path, f"etiqueta YAML “{_short_tag(node.tag)}” não é aceita")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self._refuse(key_node, path, "chaves devem ser texto simples")
                continue
            key = key_node.value
            if key in result:
                first = self.key_positions[path + (key,)]
                self._refuse(key_node, path + (key,),
                             f"chave “{key}” repetida (já aparece na linha {first[0]})")
                continue
            self.key_positions[path + (key,)] = _pos(key_node.start_mark)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar(self, node: ScalarNode, path: tuple):
        if node.tag not in _PLAIN_TAGS:
            self._refuse(node, path, f"etiqueta YAML “{_short_tag(node.tag)}” não é aceita")
            return None
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        return self._scalars.construct_object(node)

    def _refuse(self, node, path: tuple, message: str) -> None:
        line, column = _pos(node.start_mark)
        self.problems.append(Problem(self.file, line, column, field_path(path), message))


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(file, 1, 1, "", "o arquivo começa com BOM (marca de ordem de bytes); salve-o como UTF-8 sem BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(file, line, column, "",
                              f"o arquivo não está em UTF-8 (byte inválido 0x{raw[error.start]:02x}); salve-o como UTF-8")]


def _unreadable(text: str, error, file: str) -> Problem:
    before = text[: error.position]
    line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
    return Problem(file, line, column, "", f"caractere de controle invisível não permitido ({code}); apague-o")


def load_file(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file. Returns the document, or None with the problems that prevented it."""
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(file, 0, 0, "", f"arquivo grande demais ({size} bytes; o limite é {MAX_BYTES})")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, 0, 0, "", f"não foi possível ler o arquivo ({error.strerror})")]
    text, problems = _decode(raw, file)
    if text is None:
        return None, problems
    try:
        node = _compose(text)
    except _Refusal as refusal:
        line, column = _pos(refusal.mark)
        return None, [Problem(file, line, column, "", refusal.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _pos(mark) if mark else (0, 0)
        return None, [Problem(file, line, column, "", _translate(error.problem))]
    except yaml.reader.ReaderError as error:
        return None, [_unreadable(text, error, file)]
    except yaml.YAMLError as error:
        return None, [Problem(file, 0, 0, "", _translate(str(error)))]
    except RecursionError:
        return None, [Problem(file, 0, 0, "", "aninhamento profundo demais")]
    if node is None:
        return None, [Problem(file, 1, 1, "", "o arquivo está vazio")]
    converter = _Converter(file)
    value = converter.convert(node, ())
    if converter.problems:
        return None, converter.problems
    return Document(file, value, converter.positions, converter.key_positions), []
