"""The changelog (``data/mudancas.yml``): its rules and each item's last change.

Input: the loaded changelog document (for ``check``) or the model's ``Strategy.changes``.
Output: problems (items that do not exist, entries out of order), the newest change that touched
an item and the words that name the items of a change (the page ``/mudancas/`` and the Atom feed
are the output ``outputs/changes.py``). An entry's ``itens`` name what changed:
``todos`` (everything), ``ato`` (the act's own text), an objective (``3``) or a recommendation
(``3.7``). This module does not import the model, because the validator imports it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .load import Document
    from .model import Change, Strategy

ALL = "todos"
ACT = "ato"


def _known_items(objectives: list) -> set[str]:
    known = {ALL, ACT}
    for document in objectives:
        known.add(str(document.value["numero"]))
        known.update(item["numero"] for item in document.value["recomendacoes"])
    return known


def check(document: Document | None, objectives: list) -> list[Problem]:
    """Problems of a schema-valid changelog: unknown items; entries not from newest to oldest."""
    if document is None:
        return []
    problems: list[Problem] = []
    known = _known_items(objectives)
    entries = document.value["mudancas"]
    for i, entry in enumerate(entries):
        for j, item in enumerate(entry["itens"]):
            if item not in known:
                problems.append(document.problem(("mudancas", i, "itens", j),
                                                 f"o item “{item}” não existe (use todos, ato, o número de um objetivo ou de uma recomendação)."))
        if i and entry["data"] > entries[i - 1]["data"]:
            problems.append(document.problem(("mudancas", i, "data"),
                                             f"as mudanças vão da mais recente para a mais antiga: {entry['data']} é posterior a {entries[i - 1]['data']}, da entrada anterior."))
    return problems


def affects(change: Change, item: str) -> bool:
    return ALL in change.items or item in change.items


def last_change(strategy: Strategy, item: str) -> Change | None:
    """The newest change that touched ``item`` ("ato", "3" or "3.7"), or None."""
    touching = [c for c in strategy.changes if affects(c, item)]
    return max(touching, key=lambda c: c.date, default=None)


def item_label(item: str) -> str:
    if item == ALL:
        return "todos os itens"
    if item == ACT:
        return "o texto do ato"
    return f"recomendação {item}" if "." in item else f"objetivo {item}"


def items_text(change: Change) -> str:
    labels = [item_label(i) for i in change.items]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " e " + labels[-1]
