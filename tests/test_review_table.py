"""The plain-language review table (revisao/linguagem-simples.md) covers every item of the model
and the glossary, so it cannot silently drift from the data."""
from __future__ import annotations

import re

from conftest import ROOT

TABLE = ROOT / "revisao" / "linguagem-simples.md"


def rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("|---")]


def section(text: str, title: str) -> str:
    """From the heading ``title`` to the next heading of the same or a higher level."""
    start = text.index(title)
    level = len(title) - len(title.lstrip("#"))
    following = re.search(rf"^#{{1,{level}}} ", text[start + len(title):], re.MULTILINE)
    return text[start:start + len(title) + following.start()] if following else text[start:]


def test_every_objective_and_recommendation_has_one_row_with_reasons(strategy):
    text = TABLE.read_text(encoding="utf-8")
    items = section(text, "## Objetivos e recomendações")
    labels = [r[0] for r in rows(items) if r[0] != "item"]
    expected = [f"Objetivo {o.number}" for o in strategy.objectives] + [
        f"Recomendação {r.id}" for r in strategy.recommendations]
    assert sorted(labels) == sorted(expected)
    assert len(labels) == 61
    for row in rows(items):
        assert len(row) == 3 and all(row), row


def test_every_glossary_term_is_in_the_table_and_every_unverified_one_has_a_reason(strategy):
    text = TABLE.read_text(encoding="utf-8")
    glossary = section(text, "## Glossário")
    named = {m for m in re.findall(r"^\| `([a-z0-9-]+)`", glossary, re.MULTILINE)}
    assert named == {t.id for t in strategy.terms}
    changed = section(glossary, "### Termos mudados ou marcados")
    changed_rows = {re.match(r"`([a-z0-9-]+)`", r[0])[1]: r for r in rows(changed) if r[0].startswith("`")}
    for term in strategy.terms:
        if term.unverified:
            assert term.id in changed_rows, term.id
            assert "não verificado" in changed_rows[term.id][0], term.id
    assert all(len(r) == 3 and all(r) for r in changed_rows.values())
