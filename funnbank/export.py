"""Open data written into the site.

- `data/funnbank.json`: the whole corpus, with the model's field names.
- `data/quotes.csv`, `data/findings.csv`, `data/recommendations.csv`,
  `data/review_findings.csv` (the themes' review findings): one row per
  item, for spreadsheets, R and pandas. UTF-8 without a byte-order mark, `\\n`
  line ends, a header row; list fields are joined with `;` (ids and vocabulary
  keys cannot contain one). Column names follow the model's field names; a
  text in two languages becomes `<field>_nb` and `<field>_en`.
- `data/concepts.jsonld`: the concepts as a SKOS concept scheme in JSON-LD.
- `studier/<id>/cite.{bib,ris,json}`: each study's citation files (`funnbank.citation`).

The CSV files' columns are `csvtables.TABLES`; what the /data/ page says about
each file and field is `datadocs`. Output is deterministic: the corpus
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
from collections.abc import Iterable
from typing import Any

from funnbank.citation import citation_files
from funnbank.corpus import Corpus
from funnbank.csvtables import TABLES, Cell, Table
from funnbank.kinds import KINDS
from funnbank.model import Concept
from funnbank.pages import item_url

CONCEPT_IRI_PREFIX = "urn:funnbank:concept:"
SCHEME_IRI = "urn:funnbank:concepts"
_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


# --- funnbank.json -------------------------------------------------------------------------------

def corpus_json(corpus: Corpus) -> str:
    """Each kind's items under its folder's name (`{studies, concepts, themes}`), with the model's field
    names; stable bytes for the same content."""
    data = {kind.folder: [item.model_dump(mode="json") for item in corpus.items(kind.name)]
            for kind in KINDS.values()}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- CSV -----------------------------------------------------------------------------------------

def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


def table_csv(table: Table, corpus: Corpus) -> str:
    """One row per item, owner by owner (each study's quotes, each theme's review findings)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.columns)
    for owner in corpus.items(table.owner):
        for item in table.items(owner):
            writer.writerow(_cell(c.value(owner, item)) for c in table.columns)
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
    concepts = [_concept_node(c, root + item_url("concept", c.id)) for c in corpus.concepts]
    document = {"@context": _CONTEXT, "@graph": [scheme, *concepts]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# --- all of it -----------------------------------------------------------------------------------

def data_files(corpus: Corpus, base_url: str | None = None) -> dict[str, str]:
    """Data files by path in the generated folder (MkDocs copies them into the site as they are).

    `base_url`, the site's absolute URL, is optional: without it the citation files carry no URL
    and the concept pages in concepts.jsonld are relative to the file.
    """
    files = {"data/funnbank.json": corpus_json(corpus)}
    files.update({path: table_csv(table, corpus) for path, table in TABLES.items()})
    files["data/concepts.jsonld"] = concepts_jsonld(corpus, base_url)
    for study in corpus.studies:
        files.update(citation_files(study, base_url))
    return files
