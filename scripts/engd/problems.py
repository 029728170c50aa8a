"""Problems found in the data, and how they are shown to an editor.

A problem names the file (relative to the project), the line and column (1-based, when known; a
problem with a line and no column, as in the self-assessments, prints ``arquivo:linha: campo: mensagem``),
the field path (``recomendacoes[2].texto_oficial``) and a message in Portuguese. This module only
describes and formats problems; it never reads files.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


def field_path(path: tuple) -> str:
    """Render a path such as ('recomendacoes', 2, 'texto_oficial') as recomendacoes[2].texto_oficial."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def report(problems: list[Problem]) -> str:
    """The text shown by ``engd check``: one problem a line, then a count in Portuguese."""
    lines = [str(p) for p in sorted(problems)]
    n = len(problems)
    lines.append(f"{n} problema encontrado." if n == 1 else f"{n} problemas encontrados.")
    return "\n".join(lines)
