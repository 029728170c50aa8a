"""Gerador do site e dos dados abertos da Estratégia Nacional de Governo Digital 2024–2027.

Stages: ``load`` (files → raw documents with positions) → ``validate`` (every problem, at once)
→ ``model`` (frozen objects) → outputs (``pages`` and the rest). Only ``mkdocs_hooks`` imports MkDocs.
"""
