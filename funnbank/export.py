"""Open data written into the site.

- `data/funnbank.json`: the whole corpus, with the model's field names.
- `data/quotes.csv`, `data/findings.csv`, `data/recommendations.csv`: one row per
  item, for spreadsheets, R and pandas. UTF-8 without a byte-order mark, `\\n`
  line ends, a header row; list fields are joined with `;` (ids and vocabulary
  keys cannot contain one). Column names follow the model's field names; a
  text in two languages becomes `<field>_nb` and `<field>_en`.
- `data/concepts.jsonld`: the concepts as a SKOS concept scheme in JSON-LD.
- `studier/<id>/cite.{bib,ris,json}`: each study's citation files (`funnbank.citation`).

Every column and field is described in `DATA_FIELDS`, in Norwegian, for the
/data/ page; the CSV writers read the same column definitions, so the
documentation cannot drift from the files. Output is deterministic: the corpus
is sorted by id, items keep their order in the study file, and nothing depends
on time or on the machine.

Concept IRIs are `urn:funnbank:concept:<id>` (the scheme is `urn:funnbank:concepts`):
a concept's identity must not change when the site moves to another host or
base path, and the site has no canonical URL. Each concept links to its page
with `foaf:page`; that link is relative to the JSON-LD file (`../begreper/<id>/`),
which JSON-LD processors resolve against the file's own URL, or absolute when
`base_url` is given.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from funnbank import vocab
from funnbank.citation import citation_files, study_folder
from funnbank.corpus import Corpus
from funnbank.model import Concept, Localized, Study
from funnbank.pages import concept_path

Cell = str | int | Sequence[str] | None


@dataclass(frozen=True)
class Column:
    name: str
    description: str  # Norwegian Bokmål, for the /data/ page
    value: Callable[[Study, Any], Cell]  # (study, item) → the cell


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    items: Callable[[Study], Sequence[Any]]  # the rows one study contributes


def _keys(table: dict[str, vocab.Label]) -> str:
    return ", ".join(f"`{key}` ({label.nb.lower()})" for key, label in table.items())


def _page(study: Study, item: Any) -> str:
    # The item's id is its anchor on the study page.
    return f"{study_folder(study.id)}/#{item.id}"


_STUDY_ID = Column("study_id", "Id-en til studien (`id` under `studies` i funnbank.json).", lambda s, _: s.id)
_PAGE = Column("page", "Adressen på nettstedet, relativt til nettstedets rot (studiesiden med anker).", _page)
_CONCEPTS = Column("concepts", "Id-ene til begrepene det er knyttet til (se concepts.jsonld), skilt med semikolon.",
                   lambda _, item: item.concepts)


def _localized(name: str, what: str, get: Callable[[Any], Localized]) -> tuple[Column, Column]:
    """A text in two languages as two columns, `<name>_nb` and `<name>_en`."""
    return (
        Column(f"{name}_nb", f"{what} på norsk.", lambda _, item: get(item).nb),
        Column(f"{name}_en", f"{what} på engelsk; tom der det ikke finnes en engelsk tekst.",
               lambda _, item: get(item).en),
    )


QUOTES = Table(
    columns=(
        _STUDY_ID,
        Column("id", "Sitatets id, unik innenfor studien.", lambda _, q: q.id),
        Column("finding", "Id-en til funnet sitatet hører til (`id` i findings.csv for samme studie).",
               lambda _, q: q.finding),
        Column("text", "Kildens egne ord, ordrett, på originalspråket.", lambda _, q: q.text),
        Column("translation_en", "Engelsk oversettelse; tom der det ikke finnes en.", lambda _, q: q.translation_en),
        Column("speaker", "Hvem som sier det, slik kilden omtaler dem (f.eks. «deltaker», «informant 3»).",
               lambda _, q: q.speaker),
        Column("location", "Hvor i kilden sitatet står: siden («s. 19») der teksten viser den, ellers kapitlet.",
               lambda _, q: q.location),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.quotes,
)

FINDINGS = Table(
    columns=(
        _STUDY_ID,
        Column("id", "Funnets id, unik innenfor studien.", lambda _, f: f.id),
        Column("parent", "Id-en til hovedfunnet dette er et undertema av; tom for et hovedfunn.",
               lambda _, f: f.parent),
        Column("title", "Kildens egen overskrift, ordrett.", lambda _, f: f.title),
        Column("title_en", "Overskriften på engelsk; tom der det ikke finnes en.", lambda _, f: f.title_en),
        *_localized("summary", "Sammendrag av funnet", lambda f: f.summary),
        Column("themes", "Id-ene til temaene funnet hører til (temaer i funnbank.json), skilt med semikolon.",
               lambda _, f: f.themes),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.findings,
)

RECOMMENDATIONS = Table(
    columns=(
        _STUDY_ID,
        Column("id", "Anbefalingens id, unik innenfor studien.", lambda _, r: r.id),
        Column("kind", f"Hva slags utsagn det er: {_keys(vocab.RECOMMENDATION_KINDS)}.", lambda _, r: r.kind),
        *_localized("text", "Anbefalingen", lambda r: r.text),
        Column("audience", f"Hvem den retter seg mot, skilt med semikolon: {_keys(vocab.AUDIENCES)}.",
               lambda _, r: r.audience),
        Column("based_on", "Id-ene til funnene den bygger på (findings.csv, samme studie), skilt med semikolon.",
               lambda _, r: r.based_on),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.recommendations,
)

TABLES: dict[str, Table] = {
    "data/quotes.csv": QUOTES,
    "data/findings.csv": FINDINGS,
    "data/recommendations.csv": RECOMMENDATIONS,
}
# The header row of each CSV file.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {path: tuple(c.name for c in t.columns) for path, t in TABLES.items()}

CONCEPT_IRI_PREFIX = "urn:funnbank:concept:"
SCHEME_IRI = "urn:funnbank:concepts"
_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

# What each data file holds, field by field (nb): for the /data/ page.
DATA_FIELDS: dict[str, list[tuple[str, str]]] = {
    "data/funnbank.json": [
        ("studies",
         "Alle studier, sortert etter id, med feltene fra innholdsmodellen (se `schema/study.schema.json`)."),
        ("concepts", "Alle begreper, sortert etter id (se `schema/concept.schema.json`)."),
        ("themes", "Alle temaer, sortert etter id (se `schema/theme.schema.json`)."),
    ],
    **{path: [(c.name, c.description) for c in t.columns] for path, t in TABLES.items()},
    "data/concepts.jsonld": [
        ("@id", f"Begrepets identifikator, `{CONCEPT_IRI_PREFIX}<id>`; skjemaet selv er `{SCHEME_IRI}`."),
        ("skos:notation", "Begrepets id i Funnbanken."),
        ("skos:inScheme", "Begrepsskjemaet begrepet hører til."),
        ("skos:prefLabel", "Navnet, på norsk (`nb`) og engelsk (`en`)."),
        ("skos:altLabel", "Andre ord for det samme (synonymer og varianter), på norsk og engelsk."),
        ("skos:definition", "Definisjonen, på norsk og engelsk."),
        ("skos:broader", "Det overordnede begrepet, om det finnes."),
        ("skos:related", "Beslektede begreper, slik begrepsfilen oppgir dem."),
        ("dcterms:source", "Kildene definisjonen bygger på."),
        ("foaf:page", "Begrepets side på nettstedet."),
        ("skos:hasTopConcept", "(På skjemaet) begrepene uten et overordnet begrep."),
    ],
}


# --- funnbank.json -------------------------------------------------------------------------------

def corpus_json(corpus: Corpus) -> str:
    """`{studies, concepts, themes}` with the model's field names; stable bytes for the same content."""
    data = {
        kind: [item.model_dump(mode="json") for item in getattr(corpus, kind)]
        for kind in ("studies", "concepts", "themes")
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- CSV -----------------------------------------------------------------------------------------

def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


def table_csv(table: Table, studies: Iterable[Study]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.columns)
    for study in studies:
        for item in table.items(study):
            writer.writerow(_cell(c.value(study, item)) for c in table.columns)
    return buffer.getvalue()


# --- SKOS ----------------------------------------------------------------------------------------

def concept_iri(concept_id: str) -> str:
    return CONCEPT_IRI_PREFIX + concept_id


def _ref(concept_id: str) -> dict[str, str]:
    return {"@id": concept_iri(concept_id)}


def _lang_values(texts: dict[str, Iterable[str | None]]) -> list[dict[str, str]]:
    """Language-tagged literals, nb before en, leaving out missing texts."""
    return [{"@value": t, "@language": lang} for lang, values in texts.items() for t in values if t]


def _concept_node(concept: Concept, page: str) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": concept_iri(concept.id),
        "@type": "skos:Concept",
        "skos:notation": concept.id,
        "skos:inScheme": {"@id": SCHEME_IRI},
        "skos:prefLabel": _lang_values({"nb": [concept.label.nb], "en": [concept.label.en]}),
        "skos:altLabel": _lang_values({"nb": concept.aliases.nb, "en": concept.aliases.en}),
        "skos:definition": _lang_values({"nb": [concept.definition.nb], "en": [concept.definition.en]}),
        "skos:broader": _ref(concept.broader) if concept.broader else None,
        "skos:related": [_ref(r) for r in concept.related],
        "dcterms:source": list(concept.sources),
        "foaf:page": {"@id": page},
    }
    return {key: value for key, value in node.items() if value}  # no empty properties


def concepts_jsonld(corpus: Corpus, base_url: str | None = None) -> str:
    """The concepts as a `skos:ConceptScheme` (JSON-LD 1.0, one `@graph`)."""
    # Written to data/, so "../" is the site root; with base_url the page links are absolute.
    root = f"{base_url.rstrip('/')}/" if base_url else "../"
    scheme = {
        "@id": SCHEME_IRI,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": _lang_values({"nb": ["Funnbanken: begreper"], "en": ["Funnbanken: concepts"]}),
        "skos:hasTopConcept": [_ref(c.id) for c in corpus.concepts if not c.broader],
    }
    concepts = [_concept_node(c, root + concept_path(c.id).removesuffix(".md") + "/") for c in corpus.concepts]
    document = {"@context": _CONTEXT, "@graph": [scheme, *concepts]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# --- all of it -----------------------------------------------------------------------------------

def data_files(corpus: Corpus, base_url: str | None = None) -> dict[str, str]:
    """Data files by path in the generated folder (MkDocs copies them into the site as they are).

    `base_url`, the site's absolute URL, is optional: without it the citation files carry no URL
    and the concept pages in concepts.jsonld are relative to the file.
    """
    files = {"data/funnbank.json": corpus_json(corpus)}
    files.update({path: table_csv(table, corpus.studies) for path, table in TABLES.items()})
    files["data/concepts.jsonld"] = concepts_jsonld(corpus, base_url)
    for study in corpus.studies:
        files.update(citation_files(study, base_url))
    return files
