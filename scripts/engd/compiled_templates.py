"""Templates compiled once per process: a Jinja bytecode cache kept in memory.

Every build makes new Jinja environments, MkDocs's for the theme and ``outputs.pages``'s for the
generated Markdown, and Jinja compiles each template again in each one. ``engd serve`` rebuilds in
one process after each edit, and the tests build many sites in each of theirs. With ``TEMPLATES``
as an environment's ``bytecode_cache`` (``outputs.pages`` sets it, and the MkDocs adapter in
``on_env``), a template is compiled once per process for each source it has.

Contract: a compiled template is reused only for the same template (name and file), the same
source (Jinja checks the checksum of the source: an edited template in ``overrides/`` is compiled
again) and an environment that compiles the same way (its delimiters and whitespace settings, its
extensions, whether it escapes this template, its finalize and async settings, and the names of its
filters and tests, which Jinja looks up while compiling). Nothing is written to disk; the
published bytes are the same with and without it (``tests/test_compiled_templates.py``).
"""
from __future__ import annotations

from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.nodes import EvalContext


def _compiles_like(environment: Environment, name: str) -> tuple:
    """What, in ``environment``, shapes the code Jinja compiles for the template ``name``."""
    return (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        environment.finalize is not None, EvalContext(environment, name).autoescape,
        tuple(sorted(environment.extensions)), tuple(sorted(environment.filters)), tuple(sorted(environment.tests)),
    )


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory, keyed by template, file and the way the environment compiles."""

    def __init__(self) -> None:
        self._code: dict[tuple, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = (name, filename, _compiles_like(environment, name))
        bucket = Bucket(environment, name, self.get_source_checksum(source))
        known = self._code.get(key)
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]
        bucket.cache_key = key  # for set_bucket, which Jinja calls with the bucket alone
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.cache_key] = (bucket.checksum, bucket.code)

    def load_bytecode(self, bucket: Bucket) -> None:  # get_bucket reads the memory itself
        raise NotImplementedError

    def dump_bytecode(self, bucket: Bucket) -> None:  # set_bucket writes the memory itself
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._code)


TEMPLATES = CompiledTemplates()
