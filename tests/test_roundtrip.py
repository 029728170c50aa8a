"""Round trip: reading the published CSV files back (as a data consumer would, with frictionless)
gives the same model — for the real data and for generated data full of commas, quotes and accents."""
from __future__ import annotations

import dataclasses

import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engd.outputs.datapackage import DESCRIPTOR, build_package, check_folder
from engd.fidelity import normalise
from engd.model import Norm, Objective, Recommendation, Strategy, Term, Theme


def read_tables(folder: Path) -> dict[str, list[dict]]:
    from frictionless import Package

    package = Package(str(folder / DESCRIPTOR))
    return {r.name: [dict(row) for row in r.read_rows()] for r in package.resources if r.type == "table"
            and r.path.endswith(".csv")}


def _in_practice(rows: list[dict]) -> dict[str, tuple[str, ...]]:
    """The examples of each item (its text id), in the order of ``ordem``, which counts 1, 2, 3... with no gap."""
    found = defaultdict(list)
    for row in rows:
        found[row["item"]].append((row["ordem"], row["texto"]))
    assert all([order for order, _ in sorted(items)] == list(range(1, len(items) + 1)) for items in found.values())
    return defaultdict(tuple, {item: tuple(text for _, text in sorted(items)) for item, items in found.items()})


def strategy_from_tables(tables: dict[str, list[dict]], act) -> Strategy:
    """The model rebuilt from the tables alone (file names follow the validator's naming rule)."""
    themes_of, norms_of, forms_of = defaultdict(list), defaultdict(list), defaultdict(list)
    in_practice = _in_practice(tables["na_pratica"])
    for row in tables["recomendacao_tema"]:
        themes_of[row["recomendacao"]].append(row["tema"])
    for row in tables["recomendacao_norma"]:
        norms_of[row["recomendacao"]].append(row["norma"])
    for row in tables["glossario_formas"]:
        forms_of[row["termo"]].append(row["forma"])
    recommendations = defaultdict(list)
    for row in tables["recomendacoes"]:
        file = f"data/objetivos/objetivo-{row['objetivo']:02d}.yml"
        number = row["id"].removeprefix("recomendacao-")
        assert row["numero"] == number, row  # the number as text is the id without its prefix
        recommendations[row["objetivo"]].append(Recommendation(
            id=number, objective_number=row["objetivo"], number=row["ordem"],
            official_text=row["texto_oficial"], plain_text=row["texto_simples"], in_practice=in_practice[row["id"]],
            theme_ids=tuple(themes_of[row["id"]]), norm_ids=tuple(norms_of[row["id"]]), source_file=file,
            pinned_id=row["identificador_versionado"]))
    assert all(row["id"] == f"objetivo-{row['numero']}" for row in tables["objetivos"])
    objectives = tuple(
        Objective(number=row["numero"], official_text=row["texto_oficial"], plain_text=row["texto_simples"],
                  in_practice=in_practice[row["id"]], recommendations=tuple(recommendations[row["numero"]]),
                  source_file=f"data/objetivos/objetivo-{row['numero']:02d}.yml", pinned_id=row["identificador_versionado"])
        for row in tables["objetivos"])
    known = {row["id"] for row in tables["objetivos"]} | {row["id"] for row in tables["recomendacoes"]}
    assert set(in_practice) <= known, set(in_practice) - known  # no example of an item that is not there
    return Strategy(
        act=act,
        objectives=objectives,
        terms=tuple(Term(r["id"], r["termo"], r["expansao"], r["tipo"], r["explicacao"], tuple(forms_of[r["id"]]), r["norma"],
                         r["nao_verificado"])
                    for r in tables["glossario"]),
        themes=tuple(Theme(r["id"], r["nome"], r["descricao"]) for r in tables["temas"]),
        norms=tuple(Norm(r["id"], r["tipo"], r["numero"], r["data"].isoformat() if r["data"] else None, r["ementa"],
                         r["apelido"], r["endereco"], r["verificado"]) for r in tables["normas"]),
    )


def test_published_csvs_give_back_the_model(built_site, strategy):
    # the changelog is published as its page and Atom feed, not as a table of the package
    assert strategy_from_tables(read_tables(built_site / "dados"), strategy.act) == dataclasses.replace(strategy, changes=(), identity=None)


# --- generated data --------------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(list(',;"\'|=-+0123456789 áãçêõ'))),
    min_size=1, max_size=40,
).map(normalise).filter(bool)
_ID = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}\Z")
_MAYBE = st.none() | _TEXT
_IN_PRACTICE = st.lists(_TEXT, max_size=3).map(tuple)


@st.composite
def strategies(draw, act, identity) -> Strategy:
    themes = tuple(Theme(i, draw(_TEXT), draw(_TEXT)) for i in draw(st.lists(_ID, max_size=3, unique=True)))
    norms = tuple(
        Norm(i, draw(_TEXT), draw(_TEXT), draw(st.none() | st.dates().map(lambda d: d.isoformat())), draw(_MAYBE),
             draw(_MAYBE), draw(st.none() | _ID.map(lambda s: f"https://exemplo.invalid/{s}")), draw(_TEXT))
        for i in draw(st.lists(_ID, max_size=3, unique=True)))
    terms = tuple(
        Term(i, draw(_TEXT), draw(_MAYBE), draw(st.sampled_from(["sigla", "programa", "orgao", "rede", "termo-tecnico"])),
             draw(_TEXT), tuple(draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))),
             draw(st.none() | st.sampled_from([n.id for n in norms])) if norms else None, draw(_MAYBE))
        for i in draw(st.lists(_ID, max_size=3, unique=True)))
    objectives = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        file = f"data/objetivos/objetivo-{number:02d}.yml"
        recs = tuple(
            Recommendation(f"{number}.{m}", number, m, draw(_TEXT), draw(_MAYBE), draw(_IN_PRACTICE),
                           tuple(draw(st.lists(st.sampled_from([t.id for t in themes]), unique=True))) if themes else (),
                           tuple(draw(st.lists(st.sampled_from([n.id for n in norms]), unique=True))) if norms else (),
                           file, f"{identity.identifier_prefix}/{number}.{m}")
            for m in range(1, draw(st.integers(1, 3)) + 1))
        objectives.append(Objective(number, draw(_TEXT), draw(_MAYBE), draw(_IN_PRACTICE), recs, file,
                                    f"{identity.identifier_prefix}/{number}"))
    return Strategy(act, tuple(objectives), terms, themes, norms, identity=identity)


def test_generated_models_survive_the_round_trip_and_stay_valid(strategy):
    moment = datetime(2024, 6, 28, tzinfo=timezone.utc)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies(strategy.act, strategy.identity))
    def round_trip(model):
        with tempfile.TemporaryDirectory() as folder:
            for file in build_package(model, moment).files:
                (Path(folder) / file.path).write_bytes(file.content)
            assert strategy_from_tables(read_tables(Path(folder)), model.act) == dataclasses.replace(model, identity=None)
            assert check_folder(Path(folder)) == []  # valid, and the JSON and XLSX twins hold the same cells

    round_trip()
