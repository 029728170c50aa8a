"""The ``engd`` command: check the data, build, serve, or write the generated Markdown.

Every subcommand exits 0 on success, 1 when the data or the build has problems (printed in
Portuguese, one per line, with file:line:column and field), 2 on a usage error. No traceback
reaches the user: an unexpected error is reported in one line with exit code 3. The build context
is made once per command (``context.from_environment``) and passed on.
"""
from __future__ import annotations

import argparse
import logging
import signal
import subprocess
import sys
from pathlib import Path

from .problems import report


class _Stop(Exception):
    """A command was asked to stop (Ctrl+C or SIGTERM)."""


def _context(args, output: str | None = None):
    """The build context of this command, or None after printing why it cannot be made."""
    from .context import ContextError, from_environment

    try:
        return from_environment(Path(args.projeto), args.dados, output)
    except ContextError as error:
        print(f"Configuração inválida: {error}", file=sys.stderr)
        return None


def _strategy_or_report(context):
    """The model of the data folder, or None after printing its problems (the caller exits 1)."""
    from .model import load_strategy

    strategy, problems = load_strategy(context.data_dir, context.moment)
    if strategy is None:
        print(report(problems), file=sys.stderr)
    return strategy


def _context_and_model(args):
    """The command's context and the model of its data folder; the model is None after printing why."""
    context = _context(args)
    return context, (_strategy_or_report(context) if context else None)


def _check(args) -> int:
    """Every rule the build can fail on: the data (with the address registry and the changelog)
    and the configuration; then the outputs are assembled once, as the build does, and the checks
    that need no page (the frictionless validation of the data package) run on their files."""
    from .outputs import OutputError, assemble

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    try:
        problems = assemble(strategy, context).check_without_pages()
    except (OutputError, ValueError) as error:
        print(f"As saídas do site não puderam ser geradas: {error}", file=sys.stderr)
        return 1
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"Dados válidos: {len(strategy.objectives)} objetivos, {len(strategy.recommendations)} recomendações.")
    return 0


def _build(args) -> int:
    from .site.build import BuildFailed, build

    context = _context(args, args.saida or str(Path(args.projeto) / "site"))
    if context is None:
        return 1
    try:
        strategy = build(context)
    except BuildFailed as failure:
        print(f"{failure}\nA construção falhou; o site anterior em {context.output_dir} ficou como estava.", file=sys.stderr)
        return 1
    print(f"Site construído em {context.output_dir}: {len(strategy.objectives)} objetivos, {len(strategy.recommendations)} recomendações.")
    return 0


def _raise_stop(signum, frame):
    raise _Stop()


def _serve(args) -> int:
    """``mkdocs serve`` in a child process with this command's context; the child ends with it."""
    from .context import child_environment

    status = _check(args)
    if status:
        return status
    context = _context(args)
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(context.project_dir / "mkdocs.yml"),
               "-a", args.endereco]
    child = subprocess.Popen(command, env=child_environment(context))
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        return child.wait()
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _render(args) -> int:
    from .outputs import assemble
    from .outputs.pages import render_tree

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    pages = [f for f in assemble(strategy, context).generated if f.page is not None]
    written = render_tree(pages, Path(args.out))
    print(f"{len(written)} páginas Markdown escritas em {args.out}.")
    return 0


def _readability(args) -> int:
    """Print, for every objective and recommendation, the index of the official text and of ours."""
    from statistics import median

    from .readability import analyse

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    items = [(str(o.number), o) for o in strategy.objectives] + [(r.id, r) for r in strategy.recommendations]
    items.sort(key=lambda pair: [int(n) for n in pair[0].split(".")])
    print("| item | texto oficial | explicação | palavras por frase (explicação) |")
    print("|---|---:|---:|---:|")
    plain = []
    for label, item in items:
        official = analyse(item.official_text).index
        if item.plain_text:
            figures = analyse(item.plain_text)
            plain.append(figures.index)
            print(f"| {label} | {official:.1f} | {figures.index:.1f} | {figures.words_per_sentence:.1f} |")
        else:
            print(f"| {label} | {official:.1f} | (sem explicação) | |")
    if plain:
        print(f"\nExplicações: {len(plain)}; mínimo {min(plain):.1f}; mediana {median(plain):.1f}; máximo {max(plain):.1f}.")
    return 0


def _addresses(args) -> int:
    """Compare the address registry with what the outputs declare (or a built site, with --site);
    with --adicionar, register new addresses."""
    from . import addresses
    from .outputs import assemble

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    registry, _ = addresses.load(context.data_dir)  # its problems were reported above
    if args.site:
        site = Path(args.site).resolve()
        if not site.is_dir():
            print(f"{site} não existe: construa o site antes (engd build) ou omita --site.", file=sys.stderr)
            return 1
        missing, published = addresses.unresolved(registry, site), addresses.published(site)
    else:
        published = assemble(strategy, context).addresses
        missing = addresses.undeclared(registry, published)
    new = addresses.unregistered(registry, published)
    for line in missing:
        print(line, file=sys.stderr)
    if new and args.adicionar:
        addresses.append(context.data_dir, new)
        print(f"{len(new)} endereço(s) novo(s) acrescentado(s) a {registry.file}:")
    elif new:
        print(f"{len(new)} endereço(s) publicado(s) fora do registro {registry.file} (acrescente com engd enderecos --adicionar):")
    for address in new:
        print(f"  {address}")
    if not missing and not new:
        print(f"Todos os {len(registry.entries)} endereços do registro respondem, e o site não publica nenhum outro.")
    if missing:
        print(f"{len(missing)} endereço(s) registrado(s) não responde(m) mais: um endereço publicado não pode sumir.", file=sys.stderr)
    return 1 if missing or (new and not args.adicionar) else 0


def _self_assessment_validate(args) -> int:
    """Issue 14: check exported self-assessment files against the schema generated from the data."""
    from .self_assessment import validate_paths

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    lines, count = validate_paths(args.arquivos, strategy)
    for line in lines:
        print(line, file=sys.stderr)
    if count:
        print(f"{count} problema encontrado." if count == 1 else f"{count} problemas encontrados.", file=sys.stderr)
        return 1
    print(f"{len(args.arquivos)} arquivo(s) de autoavaliação válido(s).")
    return 0


def _self_assessment_oscal(args) -> int:
    """Issue 16: an exported self-assessment as OSCAL assessment results, validated with trestle's models."""
    import json
    from pathlib import Path

    from .outputs import oscal
    from .self_assessment import format_problem, from_csv, sort_problems, validate

    context, strategy = _context_and_model(args)
    if strategy is None:
        return 1
    path = Path(args.arquivo)
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{args.arquivo}: não consegui ler o arquivo ({error.strerror}).", file=sys.stderr)
        return 1
    problems = validate(args.arquivo, data, strategy)
    if problems:
        for problem in sort_problems(problems):
            print(format_problem(problem), file=sys.stderr)
        print("Corrija o arquivo antes de convertê-lo para OSCAL.", file=sys.stderr)
        return 1
    text = data.decode("utf-8")
    assessment = from_csv(text) if path.suffix.lower() == ".csv" else json.loads(text)
    try:
        document = oscal.assessment_results(strategy, assessment)
    except ValueError as error:
        print(f"{args.arquivo}: {error}", file=sys.stderr)
        return 1
    invalid = oscal.validate(document, "assessment-results")
    if invalid:
        for line in invalid:
            print(f"resultado OSCAL inválido: {line}", file=sys.stderr)
        return 1
    output = oscal.encode(document)
    if args.saida:
        Path(args.saida).write_bytes(output)
        print(f"Resultados de avaliação OSCAL gravados em {args.saida}.", file=sys.stderr)
    else:
        sys.stdout.write(output.decode("utf-8"))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="engd", description="Gera o site e os dados abertos de um ato com objetivos e recomendações (dados em data/).")
    main.add_argument("--projeto", default=".", help="pasta do projeto (com mkdocs.yml e data/); padrão: a pasta atual")
    main.add_argument("--dados", default=None, help="pasta dos dados; padrão: $ENGD_DADOS ou data/ dentro do projeto")
    commands = main.add_subparsers(dest="comando", required=True, metavar="COMANDO")
    commands.add_parser("check", help="valida os dados e lista todos os problemas").set_defaults(run=_check)
    build = commands.add_parser("build", help="constrói o site (só troca o site anterior se tudo der certo)")
    build.add_argument("--saida", default=None, help="pasta do site; padrão: site/")
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="serve o site com recarga automática ao editar os dados")
    serve.add_argument("--endereco", default="127.0.0.1:8000", help="endereço:porta; padrão 127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    render = commands.add_parser("render", help="escreve as páginas Markdown geradas numa pasta")
    render.add_argument("--out", required=True, help="pasta de destino")
    render.set_defaults(run=_render)
    commands.add_parser("legibilidade", help="imprime o índice de legibilidade de cada item (oficial e explicação)").set_defaults(run=_readability)
    enderecos = commands.add_parser("enderecos", help="confere o registro de endereços com o site; --adicionar registra os novos")
    enderecos.add_argument("--site", default=None, help="site já construído a conferir; padrão: o que as saídas declaram publicar")
    enderecos.add_argument("--adicionar", action="store_true", help="acrescenta ao registro os endereços publicados que faltam")
    enderecos.set_defaults(run=_addresses)
    # Issue 14: engd autoavaliacao validar ARQUIVO...
    autoavaliacao = commands.add_parser("autoavaliacao", help="confere arquivos JSON ou CSV exportados da página Autoavaliação")
    autoavaliacao_commands = autoavaliacao.add_subparsers(dest="acao", required=True, metavar="ACAO")
    validar = autoavaliacao_commands.add_parser("validar", help="lista cada problema como arquivo:linha: campo: mensagem")
    validar.add_argument("arquivos", nargs="+", metavar="ARQUIVO", help="arquivos .json ou .csv exportados")
    validar.set_defaults(run=_self_assessment_validate)
    para_oscal = autoavaliacao_commands.add_parser("oscal", help="converte uma autoavaliação exportada em resultados de avaliação OSCAL (JSON)")
    para_oscal.add_argument("arquivo", metavar="ARQUIVO", help="arquivo .json ou .csv exportado da página Autoavaliação")
    para_oscal.add_argument("--saida", default=None, help="arquivo de saída; padrão: a saída padrão")
    para_oscal.set_defaults(run=_self_assessment_oscal)
    return main


def _show_notices() -> None:
    """Print the build's notices (such as a skipped PDF) from the ``engd`` loggers, once."""
    logger = logging.getLogger("engd")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _show_notices()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a user never sees a traceback
        print(f"Erro inesperado ({type(error).__name__}): {error}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
