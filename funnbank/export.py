"""Open data written into the site.

- `data/funnbank.json`: the whole corpus, with the model's field names.
- `data/quotes.csv`, `data/findings.csv`, `data/recommendations.csv`: one row per
  item, for spreadsheets, R and pandas. UTF-8 without a byte-order mark, `\\n`
  line ends, a header row; list fields are joined with `;` (ids and vocabulary
  keys cannot contain one). Column names follow the model's field names; a
  text in two languages becomes `<field>_nb` and `<field>_en`.
- `data/concepts.jsonld`: the concepts as a SKOS concept scheme in JSON-LD.
- `studier/<id>/cite.{bib,ris,json}`: each study's citation files (`funnbank.citation`).

Every file is described in `DATA_FILES` and every column and field in
`DATA_FIELDS`, in Norwegian and English (`vocab.Label`), for the /data/ page of
each edition; `CSV_NOTE` says once what all the CSV files have in common. The
CSV writers read the same column definitions, so the documentation cannot drift
from the files. Output is deterministic: the corpus
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
    description: vocab.Label  # for the /data/ page of each edition
    value: Callable[[Study, Any], Cell]  # (study, item) → the cell


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    items: Callable[[Study], Sequence[Any]]  # the rows one study contributes


def _keys(table: dict[str, vocab.Label]) -> vocab.Label:
    """The keys of a vocabulary with their labels, as a list in each language.

    A label that only repeats its key (`policymakers` (policymakers)) is left out.
    """
    def term(key: str, label: str) -> str:
        label = label.lower()
        return f"`{key}`" if label == key.replace("_", " ") else f"`{key}` ({label})"

    return vocab.Label(*(
        ", ".join(term(key, getattr(label, lang)) for key, label in table.items())
        for lang in vocab.Label._fields
    ))


def _label(nb: str, en: str) -> vocab.Label:
    return vocab.Label(nb, en)


def _page(study: Study, item: Any) -> str:
    # The item's id is its anchor on the study page.
    return f"{study_folder(study.id)}/#{item.id}"


_STUDY_ID = Column("study_id", _label(
    "Id-en til studien (`id` under `studies` i funnbank.json).",
    "The id of the study (`id` under `studies` in funnbank.json).",
), lambda s, _: s.id)
_PAGE = Column("page", _label(
    "Adressen på nettstedet, relativt til nettstedets rot (studiesiden med anker).",
    "The address on the website, relative to the site root (the study page with an anchor).",
), _page)
_CONCEPTS = Column("concepts", _label(
    "Id-ene til begrepene det er knyttet til (se concepts.jsonld), skilt med semikolon.",
    "The ids of the concepts it is linked to (see concepts.jsonld), separated by semicolons.",
), lambda _, item: item.concepts)


def _localized(name: str, what: vocab.Label, get: Callable[[Any], Localized]) -> tuple[Column, Column]:
    """A text in two languages as two columns, `<name>_nb` and `<name>_en`."""
    return (
        Column(f"{name}_nb", _label(f"{what.nb} på norsk.", f"{what.en} in Norwegian."),
               lambda _, item: get(item).nb),
        Column(f"{name}_en", _label(f"{what.nb} på engelsk; tom der det ikke finnes en engelsk tekst.",
                                    f"{what.en} in English; empty where there is no English text."),
               lambda _, item: get(item).en),
    )


QUOTES = Table(
    columns=(
        _STUDY_ID,
        Column("id", _label("Sitatets id, unik innenfor studien.",
                            "The id of the quote, unique within the study."), lambda _, q: q.id),
        Column("finding", _label(
            "Id-en til funnet sitatet hører til (`id` i findings.csv for samme studie).",
            "The id of the finding the quote belongs to (`id` in findings.csv for the same study).",
        ), lambda _, q: q.finding),
        Column("text", _label("Kildens egne ord, ordrett, på originalspråket.",
                              "The source's own words, verbatim, in the original language."), lambda _, q: q.text),
        Column("translation_en", _label("Engelsk oversettelse; tom der det ikke finnes en.",
                                        "English translation; empty where there is none."),
               lambda _, q: q.translation_en),
        Column("speaker", _label(
            "Hvem som sier det, slik kilden omtaler dem (f.eks. «deltaker», «informant 3»).",
            "Who says it, as the source refers to them (e.g. «deltaker», participant, or «informant 3»).",
        ), lambda _, q: q.speaker),
        Column("location", _label(
            "Hvor i kilden sitatet står: siden («s. 19») der teksten viser den, ellers kapitlet.",
            "Where in the source the quote is: the page («s. 19», p. 19) where the text shows it, otherwise the chapter.",
        ), lambda _, q: q.location),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.quotes,
)

FINDINGS = Table(
    columns=(
        _STUDY_ID,
        Column("id", _label("Funnets id, unik innenfor studien.",
                            "The id of the finding, unique within the study."), lambda _, f: f.id),
        Column("parent", _label(
            "Id-en til hovedfunnet dette er et undertema av; tom for et hovedfunn.",
            "The id of the main finding this is a sub-theme of; empty for a main finding.",
        ), lambda _, f: f.parent),
        Column("title", _label("Kildens egen overskrift, ordrett.", "The source's own heading, verbatim."),
               lambda _, f: f.title),
        Column("title_en", _label("Overskriften på engelsk; tom der det ikke finnes en.",
                                  "The heading in English; empty where there is none."), lambda _, f: f.title_en),
        *_localized("summary", _label("Sammendrag av funnet", "Summary of the finding"), lambda f: f.summary),
        Column("themes", _label(
            "Id-ene til temaene funnet hører til (temaer i funnbank.json), skilt med semikolon.",
            "The ids of the themes the finding belongs to (themes in funnbank.json), separated by semicolons.",
        ), lambda _, f: f.themes),
        _CONCEPTS,
        _PAGE,
    ),
    items=lambda s: s.findings,
)

RECOMMENDATIONS = Table(
    columns=(
        _STUDY_ID,
        Column("id", _label("Anbefalingens id, unik innenfor studien.",
                            "The id of the recommendation, unique within the study."), lambda _, r: r.id),
        Column("kind", _label(
            f"Hva slags utsagn det er: {_keys(vocab.RECOMMENDATION_KINDS).nb}.",
            f"What kind of statement it is: {_keys(vocab.RECOMMENDATION_KINDS).en}.",
        ), lambda _, r: r.kind),
        *_localized("text", _label("Anbefalingen", "The recommendation"), lambda r: r.text),
        Column("audience", _label(
            f"Hvem den retter seg mot, skilt med semikolon: {_keys(vocab.AUDIENCES).nb}.",
            f"Who it is addressed to, separated by semicolons: {_keys(vocab.AUDIENCES).en}.",
        ), lambda _, r: r.audience),
        Column("based_on", _label(
            "Id-ene til funnene den bygger på (findings.csv, samme studie), skilt med semikolon.",
            "The ids of the findings it is based on (findings.csv, same study), separated by semicolons.",
        ), lambda _, r: r.based_on),
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

# What each data file holds, in the order the /data/ page lists them.
DATA_FILES: dict[str, vocab.Label] = {
    "data/funnbank.json": _label(
        "Alle studier, begreper og temaer, med feltnavnene fra innholdsmodellen.",
        "All studies, concepts and themes, with the field names of the content model.",
    ),
    "data/findings.csv": _label(
        "Alle funn, én rad per funn, med sammendrag på norsk og engelsk.",
        "All findings, one row per finding, with summaries in Norwegian and English.",
    ),
    "data/quotes.csv": _label(
        "Alle sitater, én rad per sitat, med funnet og begrepene de er knyttet til.",
        "All quotes, one row per quote, with the finding and the concepts they are linked to.",
    ),
    "data/recommendations.csv": _label(
        "Alle anbefalinger, konklusjoner og implikasjoner, én rad per anbefaling, med funnene de bygger på.",
        "All recommendations, conclusions and implications, one row per recommendation, with the findings "
        "they are based on.",
    ),
    "data/concepts.jsonld": _label(
        "Begrepene som et SKOS-begrepsskjema i JSON-LD, for bruk i andre begrepssystemer.",
        "The concepts as a SKOS concept scheme in JSON-LD, for use in other vocabulary systems.",
    ),
}

# What all the CSV files have in common, said once on the /data/ page.
CSV_NOTE = _label(
    "CSV-filene er i UTF-8 med en overskriftsrad; lister i én celle er skilt med `;`. "
    "En tekst på to språk står i to kolonner, `<felt>_nb` og `<felt>_en`.",
    "The CSV files are UTF-8 with a header row; lists within a cell are joined by `;`. "
    "A text in two languages has two columns, `<field>_nb` and `<field>_en`.",
)

# What each data file holds, field by field: for the /data/ page. Same keys, in the same order, as DATA_FILES.
_OTHER_FIELDS: dict[str, list[tuple[str, vocab.Label]]] = {
    "data/funnbank.json": [
        ("studies", _label(
            "Alle studier, sortert etter id, med feltene fra innholdsmodellen (se `schema/study.schema.json`).",
            "All studies, sorted by id, with the fields of the content model (see `schema/study.schema.json`).",
        )),
        ("concepts", _label("Alle begreper, sortert etter id (se `schema/concept.schema.json`).",
                            "All concepts, sorted by id (see `schema/concept.schema.json`).")),
        ("themes", _label("Alle temaer, sortert etter id (se `schema/theme.schema.json`).",
                          "All themes, sorted by id (see `schema/theme.schema.json`).")),
    ],
    "data/concepts.jsonld": [
        ("@id", _label(
            f"Begrepets identifikator, `{CONCEPT_IRI_PREFIX}<id>`; skjemaet selv er `{SCHEME_IRI}`.",
            f"The concept's identifier, `{CONCEPT_IRI_PREFIX}<id>`; the scheme itself is `{SCHEME_IRI}`.",
        )),
        ("skos:notation", _label("Begrepets id i Funnbanken.", "The concept's id in Funnbanken.")),
        ("skos:inScheme", _label("Begrepsskjemaet begrepet hører til.",
                                 "The concept scheme the concept belongs to.")),
        ("skos:prefLabel", _label("Navnet, på norsk (`nb`) og engelsk (`en`).",
                                  "The name, in Norwegian (`nb`) and English (`en`).")),
        ("skos:altLabel", _label("Andre ord for det samme (synonymer og varianter), på norsk og engelsk.",
                                 "Other words for the same thing (synonyms and variants), in Norwegian and English.")),
        ("skos:definition", _label("Definisjonen, på norsk og engelsk.",
                                   "The definition, in Norwegian and English.")),
        ("skos:broader", _label("Det overordnede begrepet, om det finnes.",
                                "The broader concept, if there is one.")),
        ("skos:related", _label("Beslektede begreper, slik begrepsfilen oppgir dem.",
                                "Related concepts, as the concept file lists them.")),
        ("dcterms:source", _label("Kildene definisjonen bygger på.", "The sources the definition is based on.")),
        ("foaf:page", _label("Begrepets side på nettstedet.", "The concept's page on the website.")),
        ("skos:hasTopConcept", _label("(På skjemaet) begrepene uten et overordnet begrep.",
                                      "(On the scheme) the concepts without a broader concept.")),
    ],
}
DATA_FIELDS: dict[str, list[tuple[str, vocab.Label]]] = {
    path: _OTHER_FIELDS[path] if path in _OTHER_FIELDS else [(c.name, c.description) for c in TABLES[path].columns]
    for path in DATA_FILES
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
