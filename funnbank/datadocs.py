"""What the /data/ page says about the open data files, in Norwegian and English: what each file
holds (`DATA_FILES`), field by field (`DATA_FIELDS`), and what all the CSV files have in common
(`CSV_NOTE`). A CSV file's fields are its columns' own descriptions (`csvtables`), so the page
lists exactly the columns the file has; the files are written by `export`.
"""

from __future__ import annotations

from funnbank.csvtables import TABLES
from funnbank.export import CONCEPT_IRI_PREFIX, SCHEME_IRI
from funnbank.vocab import Label

# What each data file holds, in the order the /data/ page lists them.
DATA_FILES: dict[str, Label] = {
    "data/funnbank.json": Label(
        "Alle studier, begreper og temaer, med feltnavnene fra innholdsmodellen.",
        "All studies, concepts and themes, with the field names of the content model.",
    ),
    "data/findings.csv": Label(
        "Alle funn, én rad per funn, med sammendrag på norsk og engelsk.",
        "All findings, one row per finding, with summaries in Norwegian and English.",
    ),
    "data/quotes.csv": Label(
        "Alle sitater, én rad per sitat, med funnet og begrepene de er knyttet til.",
        "All quotes, one row per quote, with the finding and the concepts they are linked to.",
    ),
    "data/recommendations.csv": Label(
        "Alle anbefalinger, konklusjoner og implikasjoner, én rad per anbefaling, med funnene de bygger på.",
        "All recommendations, conclusions and implications, one row per recommendation, with the findings "
        "they are based on.",
    ),
    "data/review_findings.csv": Label(
        "Funnene på tvers av studiene, én rad per funn, med Funnbankens vurdering etter GRADE-CERQual "
        "(tillit og de fire komponentene) og studiefunnene det bygger på.",
        "The findings across studies, one row per review finding, with Funnbanken's GRADE-CERQual assessment "
        "(confidence and the four components) and the study findings it rests on.",
    ),
    "data/concepts.jsonld": Label(
        "Begrepene som et SKOS-begrepsskjema i JSON-LD, for bruk i andre begrepssystemer.",
        "The concepts as a SKOS concept scheme in JSON-LD, for use in other vocabulary systems.",
    ),
}

# What all the CSV files have in common, said once on the /data/ page.
CSV_NOTE = Label(
    "CSV-filene er i UTF-8 med en overskriftsrad; lister i én celle er skilt med `;`. "
    "En tekst på to språk står i to kolonner, `<felt>_nb` og `<felt>_en`.",
    "The CSV files are UTF-8 with a header row; lists within a cell are joined by `;`. "
    "A text in two languages has two columns, `<field>_nb` and `<field>_en`.",
)

# What each data file holds, field by field: for the /data/ page. Same keys, in the same order, as DATA_FILES.
_OTHER_FIELDS: dict[str, list[tuple[str, Label]]] = {
    "data/funnbank.json": [
        ("studies", Label(
            "Alle studier, sortert etter id, med feltene fra innholdsmodellen (se `schema/study.schema.json`).",
            "All studies, sorted by id, with the fields of the content model (see `schema/study.schema.json`).",
        )),
        ("concepts", Label("Alle begreper, sortert etter id (se `schema/concept.schema.json`).",
                           "All concepts, sorted by id (see `schema/concept.schema.json`).")),
        ("themes", Label("Alle temaer, sortert etter id (se `schema/theme.schema.json`).",
                         "All themes, sorted by id (see `schema/theme.schema.json`).")),
    ],
    "data/concepts.jsonld": [
        ("@id", Label(
            f"Begrepets identifikator, `{CONCEPT_IRI_PREFIX}<id>`; skjemaet selv er `{SCHEME_IRI}`.",
            f"The concept's identifier, `{CONCEPT_IRI_PREFIX}<id>`; the scheme itself is `{SCHEME_IRI}`.",
        )),
        ("skos:notation", Label("Begrepets id i Funnbanken.", "The concept's id in Funnbanken.")),
        ("skos:inScheme", Label("Begrepsskjemaet begrepet hører til.",
                                "The concept scheme the concept belongs to.")),
        ("skos:prefLabel", Label("Navnet, på norsk (`nb`) og engelsk (`en`).",
                                 "The name, in Norwegian (`nb`) and English (`en`).")),
        ("skos:altLabel", Label("Andre ord for det samme (synonymer og varianter), på norsk og engelsk.",
                                "Other words for the same thing (synonyms and variants), in Norwegian and English.")),
        ("skos:definition", Label("Definisjonen, på norsk og engelsk.",
                                  "The definition, in Norwegian and English.")),
        ("skos:broader", Label("Det overordnede begrepet, om det finnes.",
                               "The broader concept, if there is one.")),
        ("skos:related", Label("Beslektede begreper, slik begrepsfilen oppgir dem.",
                               "Related concepts, as the concept file lists them.")),
        ("dcterms:source", Label("Kildene definisjonen bygger på.", "The sources the definition is based on.")),
        ("foaf:page", Label("Begrepets side på nettstedet.", "The concept's page on the website.")),
        ("skos:hasTopConcept", Label("(På skjemaet) begrepene uten et overordnet begrep.",
                                     "(On the scheme) the concepts without a broader concept.")),
    ],
}
DATA_FIELDS: dict[str, list[tuple[str, Label]]] = {
    path: _OTHER_FIELDS[path] if path in _OTHER_FIELDS else [(c.name, c.description) for c in TABLES[path].columns]
    for path in DATA_FILES
}
