"""Stage 3: the frozen, typed model built only from validated data.

Input: ``validate.RawData`` (never raw files). Output: a ``Strategy`` and its parts. This is the
single place where Portuguese data keys (``texto_oficial``, ``recomendacoes``) meet English code
names (``official_text``, ``recommendations``); every output reads the model, never the YAML.
Each objective and recommendation also has its identifier as text (``text_id``: ``objetivo-3``,
``recomendacao-3.7``), which no reader takes for a number: the OSCAL catalogue and the data package
both use it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .fidelity import normalise
from .validate import RawData, check


@dataclass(frozen=True)
class Publication:
    journal: str
    body: str
    date: str
    edition: int
    section: int
    page: int
    url: str | None
    url_status: str


@dataclass(frozen=True)
class Article:
    number: int
    label: str
    official_text: str


@dataclass(frozen=True)
class Act:
    kind: str
    acronym: str
    number: str
    date: str
    official_title: str
    bodies: tuple[str, ...]
    signatory_name: str
    signatory_role: str
    summary: str
    preamble: str
    articles: tuple[Article, ...]
    annex_title: str
    addressees: str
    publication: Publication
    source_file: str

    @property
    def short_name(self) -> str:
        """For example: Portaria SGD/MGI nº 4.248/2024."""
        return f"{self.kind} {self.acronym} nº {self.number}/{self.date[:4]}"


@dataclass(frozen=True)
class Recommendation:
    id: str
    objective_number: int
    number: int
    official_text: str
    plain_text: str | None
    in_practice: tuple[str, ...]
    theme_ids: tuple[str, ...]
    norm_ids: tuple[str, ...]
    source_file: str
    pinned_id: str = ""  # PREFIXO/3.7: the identifier pinned to this version of the strategy

    @property
    def slug(self) -> str:
        """The address form of the id: 3.7 → 3-7 (dots are avoided in paths)."""
        return self.id.replace(".", "-")

    @property
    def text_id(self) -> str:
        """recomendacao-3.7: the OSCAL control's id and the data package's ``id``."""
        return f"recomendacao-{self.id}"


@dataclass(frozen=True)
class Objective:
    number: int
    official_text: str
    plain_text: str | None
    in_practice: tuple[str, ...]
    recommendations: tuple[Recommendation, ...]
    source_file: str
    pinned_id: str = ""  # PREFIXO/3

    @property
    def text_id(self) -> str:
        """objetivo-3: the OSCAL group's id and the data package's ``id``."""
        return f"objetivo-{self.number}"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    expansion: str | None
    kind: str
    explanation: str
    forms: tuple[str, ...]
    norm_id: str | None
    unverified: str | None = None  # what of the explanation could not be checked against the act or the norms


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Norm:
    id: str
    kind: str
    number: str
    date: str | None
    summary: str | None
    nickname: str | None
    url: str | None
    verification: str


@dataclass(frozen=True)
class Change:
    """One entry of the changelog (``data/mudancas.yml``): items are "todos", "ato", "3" or "3.7"."""

    id: str
    date: str
    title: str
    description: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Identity:
    """What the site and its data call themselves (``data/site.yml``): nothing of it is in code."""

    site_name: str
    description: str
    title: str
    strategy: str
    start_year: int
    end_year: int
    package_name: str
    keywords: tuple[str, ...]
    theme: str = ""  # the dataset's theme in the DCAT catalogue
    theme_vcge: str | None = None  # the matching VCGE category's IRI, once verified
    identifier_prefix: str = ""  # the version-pinned prefix of every item's identifier (prefixo_identificador in data/site.yml)
    pages: tuple[tuple[str, str], ...] = ()  # hand-written pages in docs/: (title, Markdown file)

    @property
    def period(self) -> str:
        """For example: 2024–2027."""
        return f"{self.start_year}–{self.end_year}"

    @property
    def strategy_with_period(self) -> str:
        """For example: Estratégia Nacional de Governo Digital 2024–2027."""
        return f"{self.strategy} {self.period}"


@dataclass(frozen=True)
class Strategy:
    act: Act
    objectives: tuple[Objective, ...]
    terms: tuple[Term, ...]
    themes: tuple[Theme, ...]
    norms: tuple[Norm, ...]
    changes: tuple[Change, ...] = ()
    identity: Identity | None = None
    # The published self-assessments of entes (``engd.assessments.Assessment``), by IBGE code.
    assessments: tuple = ()

    @cached_property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for o in self.objectives for r in o.recommendations)

    @cached_property
    def recommendation_by_id(self) -> dict[str, Recommendation]:
        return {r.id: r for r in self.recommendations}

    @cached_property
    def recommendation_position(self) -> dict[str, int]:
        """Place of each recommendation (by id) in ``recommendations``, the order of the act."""
        return {r.id: i for i, r in enumerate(self.recommendations)}

    @property
    def data_date(self) -> str:
        """The day the data last changed (the newest changelog entry), else the act's publication day."""
        return max((c.date for c in self.changes), default=self.act.publication.date)

    def pinned_id(self, item: "Objective | Recommendation") -> str:
        """The identifier pinned to this version of the strategy: PREFIXO/3.7 (objectives: PREFIXO/3)."""
        return item.pinned_id

    def objective(self, number: int) -> Objective:
        return self.objectives[number - 1]


def _text(value) -> str | None:
    return normalise(value) if isinstance(value, str) else None


def _recommendation(item: dict, objective: int, file: str, prefix: str) -> Recommendation:
    return Recommendation(
        id=item["numero"],
        objective_number=objective,
        number=int(item["numero"].split(".")[1]),
        official_text=normalise(item["texto_oficial"]),
        plain_text=_text(item.get("texto_simples")),
        in_practice=tuple(normalise(x) for x in item.get("na_pratica", [])),
        theme_ids=tuple(item.get("temas", [])),
        norm_ids=tuple(item.get("normas", [])),
        source_file=file,
        pinned_id=f"{prefix}/{item['numero']}",
    )


def _objective(document, prefix: str) -> Objective:
    value = document.value
    return Objective(
        number=value["numero"],
        official_text=normalise(value["texto_oficial"]),
        plain_text=_text(value.get("texto_simples")),
        in_practice=tuple(normalise(x) for x in value.get("na_pratica", [])),
        recommendations=tuple(_recommendation(item, value["numero"], document.file, prefix) for item in value["recomendacoes"]),
        source_file=document.file,
        pinned_id=f"{prefix}/{value['numero']}",
    )


def _act(document) -> Act:
    value = document.value
    publication = value["publicacao"]
    return Act(
        kind=value["tipo"],
        acronym=value["sigla"],
        number=value["numero"],
        date=value["data"],
        official_title=normalise(value["titulo_oficial"]),
        bodies=tuple(value["orgaos"]),
        signatory_name=value["signatario"]["nome"],
        signatory_role=value["signatario"]["cargo"],
        summary=normalise(value["ementa"]),
        preamble=normalise(value["preambulo"]),
        articles=tuple(Article(a["numero"], a["rotulo"], normalise(a["texto_oficial"])) for a in value["artigos"]),
        annex_title=normalise(value["anexo"]["titulo_oficial"]),
        addressees=value["anexo"]["destinatarios"],
        publication=Publication(
            journal=publication["veiculo"],
            body=publication["orgao"],
            date=publication["data"],
            edition=publication["edicao"],
            section=publication["secao"],
            page=publication["pagina"],
            url=publication["endereco"],
            url_status=publication["endereco_situacao"],
        ),
        source_file=value["fonte"],
    )


def _identity(document) -> Identity:
    value = document.value
    return Identity(
        site_name=value["nome"],
        description=normalise(value["descricao"]),
        title=value["titulo"],
        strategy=value["estrategia"],
        start_year=value["vigencia"]["inicio"],
        end_year=value["vigencia"]["fim"],
        package_name=value["pacote_de_dados"]["nome"],
        keywords=tuple(value["pacote_de_dados"]["palavras_chave"]),
        identifier_prefix=value["prefixo_identificador"],
        theme=value["pacote_de_dados"]["tema"],
        theme_vcge=value["pacote_de_dados"]["tema_vcge"],
        pages=tuple((p["titulo"], p["arquivo"]) for p in value.get("paginas", [])),
    )


def _items(raw: RawData, name: str, key: str) -> list[dict]:
    document = raw.lists.get(name)
    return document.value[key] if document else []


def build(raw: RawData) -> Strategy:
    """The model of validated data. Never called on data that has problems."""
    return Strategy(
        act=_act(raw.act),
        objectives=tuple(_objective(d, raw.site.value["prefixo_identificador"]) for d in raw.objectives),
        terms=tuple(
            Term(t["id"], t["termo"], t.get("expansao"), t["tipo"], normalise(t["explicacao"]), tuple(t["formas"]), t.get("norma"),
                 _text(t.get("nao_verificado")))
            for t in _items(raw, "glossario", "termos")
        ),
        themes=tuple(Theme(t["id"], t["nome"], normalise(t["descricao"])) for t in _items(raw, "temas", "temas")),
        norms=tuple(
            Norm(n["id"], n["tipo"], n["numero"], n["data"], _text(n["ementa"]), n.get("apelido"), n["endereco"], n["verificado"])
            for n in _items(raw, "normas", "normas")
        ),
        changes=tuple(
            Change(c["id"], c["data"], normalise(c["titulo"]), normalise(c["descricao"]), tuple(c["itens"]))
            for c in _items(raw, "mudancas", "mudancas")
        ),
        identity=_identity(raw.site),
    )


def load_strategy(data_dir, moment=None) -> tuple[Strategy | None, list]:
    """Check the data folder and build the model: (strategy, []) or (None, problems). The
    self-assessments of ``data_dir/autoavaliacoes/`` are checked once the act's data are sound (they
    need its recommendations) and become ``Strategy.assessments``; ``moment`` is the build's moment
    (``BuildContext.moment``), which no assessment may be dated after — every command that builds or
    checks passes it, so they all apply the same rules."""
    from dataclasses import replace

    from . import assessments

    raw, problems = check(data_dir)
    if not raw:
        return None, problems
    strategy = build(raw)
    published, problems = assessments.check(data_dir, strategy, moment)
    if problems:
        return None, sorted(set(problems))
    return (replace(strategy, assessments=published) if published else strategy), []
