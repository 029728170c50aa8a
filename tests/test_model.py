"""The model: frozen, typed objects built only from validated data."""
from __future__ import annotations

import dataclasses
import typing

import pytest

from engd import model
from engd.model import load_strategy


def test_model_is_built_only_from_valid_data(data_copy):
    (data_copy / "ato.yml").write_text("tipo: Portaria\n", encoding="utf-8")
    strategy, problems = load_strategy(data_copy)
    assert strategy is None and problems


def test_objects_are_frozen(strategy):
    rec = strategy.recommendations[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.official_text = "outro"
    with pytest.raises(dataclasses.FrozenInstanceError):
        strategy.act.number = "1"


@pytest.mark.parametrize("cls", [model.Act, model.Objective, model.Recommendation, model.Publication, model.Article,
                                 model.Term, model.Theme, model.Norm, model.Strategy])
def test_every_class_is_a_frozen_typed_dataclass(cls):
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    hints = typing.get_type_hints(cls)
    assert all(f.name in hints for f in dataclasses.fields(cls))


def test_field_values_have_their_declared_types(strategy):
    for rec in strategy.recommendations:
        assert isinstance(rec.id, str) and isinstance(rec.number, int) and isinstance(rec.objective_number, int)
        assert rec.id == f"{rec.objective_number}.{rec.number}" and rec.slug == rec.id.replace(".", "-")
        assert isinstance(rec.theme_ids, tuple) and isinstance(rec.in_practice, tuple)
    assert isinstance(strategy.act.publication.edition, int)


def test_the_act(strategy):
    act = strategy.act
    assert act.short_name == "Portaria SGD/MGI nº 4.248/2024"
    assert (act.date, act.publication.date) == ("2024-06-26", "2024-06-28")
    assert act.bodies == ("Ministério da Gestão e da Inovação em Serviços Públicos", "Secretaria de Governo Digital")
    assert [a.label for a in act.articles] == ["Art. 1º", "Art. 2º"]


def test_numbers_and_lookups(strategy):
    assert [o.number for o in strategy.objectives] == list(range(1, 11))
    assert [len(o.recommendations) for o in strategy.objectives] == [5, 5, 7, 5, 4, 5, 6, 7, 3, 4]
    assert strategy.recommendation_by_id["3.7"].objective_number == 3
    assert strategy.objective(4).number == 4


def test_portuguese_keys_appear_only_in_the_model_and_the_loaders():
    """The mapping from data keys to code names lives in one place: outputs never read YAML keys."""
    from pathlib import Path

    import engd

    package = Path(engd.__file__).parent
    allowed = {"model.py", "validate.py", "fidelity.py", "schema.py", "load.py", "plain_language.py", "changelog.py"}
    for module in package.glob("*.py"):
        if module.name in allowed:
            continue
        source = module.read_text(encoding="utf-8")
        for key in ('["texto_oficial"]', '["recomendacoes"]', '["numero"]', '.get("texto_simples")'):
            assert key not in source, f"{module.name} lê a chave {key} dos dados; use o modelo"
