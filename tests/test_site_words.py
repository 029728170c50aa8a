"""The site's own words in plain language: the hand-written pages (docs/*.md), the fixed wording of
the page templates (scripts/engd/templates/*.j2, the home and data pages among them) and the
interface messages of the scripts (docs/javascripts/*.js) meet the thresholds our explanations meet:
Portuguese Flesch index (Martins et al., 1996) of at least 50 and at most 20 words per sentence.

Only our words are measured: front matter keys, code, Jinja expressions and tags, HTML tags,
Markdown attribute lists, tables, addresses and file names are left out; data (the official text,
our explanations) never enters, because templates only hold the expressions that insert it.
"""
from __future__ import annotations

import re

import pytest

from engd.plain_language import MAX_WORDS_PER_SENTENCE, MIN_INDEX
from engd.readability import analyse

from conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
TEMPLATES = sorted((ROOT / "scripts" / "engd" / "templates").glob("*.j2"))
SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
MIN_WORDS = 25  # smaller templates are measured together, one corpus

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.DOTALL | re.MULTILINE)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_ATTRIBUTES = re.compile(r"\{\s*[:#.][^}\n]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ADDRESS = re.compile(r"(https?://|www\.)\S+|(?<!\w)/[\w./#-]+|\S+\.(json|csv|xlsx|zip|txt|pdf|yml|md|py|js)\b|\S+@\S+")


def _is_prose(block: str) -> bool:
    """A sentence (ends with . ! ? …) or a long line of words; labels, buttons and headings are not."""
    return bool(re.search(r"[.!?…]$", block)) or len(block.split()) >= 8


def markdown_prose(text: str) -> str:
    """Our prose in a Markdown page or template: its sentences, one block per paragraph or list item."""
    text = _JINJA.sub(" ", text)
    front = _FRONT_MATTER.match(text)
    blocks: list[str] = []
    if front:
        blocks += [v.strip().strip("\"'") for _, v in re.findall(r"^(title|description):(.*)$", front[1], re.MULTILINE)]
        text = text[front.end():]
    text = _FENCE.sub(" ", text)
    paragraph: list[str] = []

    def close():
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    for line in text.splitlines():
        raw = line.strip()
        if not raw or raw.startswith("|") or raw.startswith("<!--") or line.startswith("    "):
            close()  # tables (figures, shortcuts, file lists), comments and indented code are not prose
            continue
        raw = re.sub(r"^>\s*", "", raw)  # block quotes read as paragraphs
        starts_item = bool(re.match(r"^([-*+]\s|\d+\.\s)", raw))
        standalone = bool(re.match(r"^(<|#+\s|=== )", raw))
        clean = re.sub(r"`[^`]*`", " ", raw)
        clean = _LINK.sub(r"\1", _TAG.sub(" ", _ATTRIBUTES.sub(" ", clean)))
        clean = _ADDRESS.sub(" ", clean)
        clean = re.sub(r"^(#+|[-*+]|\d+\.|===)\s+", "", clean)
        clean = re.sub(r"\s+", " ", re.sub(r"[*_]{1,2}", "", clean)).strip(" ")
        if standalone or starts_item:
            close()  # a heading or tag line stands alone; a list item opens a paragraph of its own
        if standalone:
            if re.search(r"[a-zà-ú]{2}", clean):
                blocks.append(clean)
        elif re.search(r"[a-zà-ú]{2}", clean):
            paragraph.append(clean)
    close()
    return "\n\n".join(b for b in blocks if _is_prose(b))


_LITERAL = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)"""
_OPERAND = r"""[\w.$()\[\]]+"""
# A message may be one literal or literals joined with "+" to simple operands ("Nenhum resultado para " + consulta + ".").
_MESSAGE = re.compile(rf"""(?<![\w$])(?:{_OPERAND}\s*\+\s*)?{_LITERAL}(?:\s*\+\s*(?:{_OPERAND}|{_LITERAL}))*""")
_PIECE = re.compile(_LITERAL)


def script_messages(text: str) -> list[str]:
    """Portuguese messages in a script: string literals (joined when concatenated) that read as sentences."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    text = re.sub(r"^\s*//.*$", " ", text, flags=re.MULTILINE)
    messages = []
    for chain in _MESSAGE.finditer(text):
        pieces = [p[1:-1] for p in _PIECE.findall(chain.group())]
        body = re.sub(r"\$\{[^}]*\}", " ", " ".join(pieces)).replace("\\n", " ")
        body = re.sub(r"\s+", " ", _ADDRESS.sub(" ", _TAG.sub(" ", body))).strip()
        if re.search(r"[={}<>]|^[.#\[]|\w\.\w|^\w+(-\w+)+$", body) or len(re.findall(r"[A-Za-zÀ-ú]{2,}", body)) < 2:
            continue
        if not re.search(r"[áéíóúâêôãõçà]|\b(o|a|os|as|de|do|da|em|no|na|para|com|não|um|uma|que)\b", body):
            continue  # identifiers, CSS and English code words, not messages
        if _is_prose(body):
            messages.append(body)
    return messages


def _corpora() -> list[tuple[str, str]]:
    corpora = [(p.relative_to(ROOT).as_posix(), markdown_prose(p.read_text(encoding="utf-8"))) for p in DOCS]
    small = []
    for path in TEMPLATES:
        prose = markdown_prose(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT).as_posix()
        if len(prose.split()) >= MIN_WORDS:
            corpora.append((name, prose))
        elif prose:
            small.append(prose)
    corpora.append(("modelos pequenos (juntos)", "\n\n".join(small)))
    for path in SCRIPTS:
        messages = script_messages(path.read_text(encoding="utf-8"))
        if messages:
            corpora.append((path.relative_to(ROOT).as_posix(), "\n\n".join(messages)))
    return corpora


CORPORA = _corpora()


def test_every_kind_of_site_text_is_measured():
    names = {name for name, _ in CORPORA}
    for page in ("docs/sobre.md", "docs/acessibilidade.md", "docs/privacidade.md",
                 "scripts/engd/templates/inicio.md.j2", "scripts/engd/templates/dados.md.j2"):
        assert page in names, page
    assert any(name.endswith(".js") for name in names)
    assert all(len(text.split()) >= 10 for _, text in CORPORA)


@pytest.mark.parametrize("name, prose", CORPORA, ids=[name for name, _ in CORPORA])
def test_site_words_are_plain(name, prose):
    figures = analyse(prose)
    assert figures.index >= MIN_INDEX and figures.words_per_sentence <= MAX_WORDS_PER_SENTENCE, (
        f"{name}: índice {figures.index}, {figures.words_per_sentence} palavras por frase")


def test_the_extraction_keeps_prose_and_drops_code_and_addresses():
    page = ("---\ntitle: Título da página\ndescription: Uma descrição curta da página.\n---\n\n# Seção { #secao }\n\nUm texto com [link](https://exemplo.invalid/x) "
            "e `codigo()`.\n{: .classe }\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nmake build\n```\n\n"
            "- Item da lista {{ valor }} aqui.\n")
    assert markdown_prose(page) == "Uma descrição curta da página.\n\nUm texto com link e .\n\nItem da lista aqui."
    script = ("const x = 'engd-tema'; anuncia(\"Copiado para a área de transferência.\"); el.querySelector('.a b');"
              "anunciar(total + \" resultados para \" + consulta + \".\");")
    assert script_messages(script) == ["Copiado para a área de transferência.", "resultados para ."]


def test_a_hard_page_would_fail():
    hard = markdown_prose("# Considerações\n\nA implementação das funcionalidades supramencionadas, consubstanciada "
                          "na regulamentação infralegal correspondente, pressupõe a compatibilização "
                          "interinstitucional dos procedimentos administrativos.\n")
    assert analyse(hard).index < MIN_INDEX
