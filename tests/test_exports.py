"""The open-data exports and the citation files: each format parses, says only what the study gives,
survives hostile text, and comes out byte for byte the same for the same content.

The tests hold for any content: they go over every study, or take the first one (`base`) and set on a
copy whatever the case needs (authors, type, year), or use the fixture corpus for a known case."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnbank import vocab
from funnbank.citation import (
    CITATION_FORMATS, apa_reference, bibtex, citation_files, csl_json, full_title, highwire_tags, ris, schema_org,
    split_name,
)
from funnbank.corpus import Corpus
from funnbank.csvtables import CSV_COLUMNS, TABLES
from funnbank.datadocs import CSV_NOTE, DATA_FIELDS, DATA_FILES
from funnbank.export import SCHEME_IRI, concept_iri, data_files
from funnbank.loader import load_corpus
from funnbank.model import Author, InferredYear, Localized, Quote, Study
from funnbank.pages import item_url

from conftest import CONTENT, FIXTURE_CONTENT

BIBTEX_TYPES = {"report": "techreport", "master_thesis": "mastersthesis", "article": "misc", "other": "misc"}
RIS_TYPES = {"report": "RPRT", "master_thesis": "THES", "article": "GEN", "other": "GEN"}
CSL_TYPES = {"report": "report", "master_thesis": "thesis", "article": "article", "other": "document"}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CONTENT)


@pytest.fixture(scope="module")
def base(corpus: Corpus) -> Study:
    """A study to vary: the first one, whatever the content holds."""
    return corpus.studies[0]


@pytest.fixture(scope="module")
def files(corpus: Corpus) -> dict[str, str]:
    return data_files(corpus)


# --- a small BibTeX reader ------------------------------------------------------------------------

def read_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """`[(type, key, {field: value})]`. Counts braces as BibTeX does: every one, escaped or not."""
    entries = []
    pos = 0
    while (start := text.find("@", pos)) != -1:
        head = re.compile(r"@(\w+)\{([^,\s]+),").match(text, start)
        assert head, f"no entry head at {start}"
        fields: dict[str, str] = {}
        pos = head.end()
        while (field := re.compile(r"\s*(\w+) = \{").match(text, pos)):
            depth, i = 1, field.end()
            while depth:
                assert i < len(text), "unbalanced braces: the file ends inside a field"
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            fields[field.group(1)] = text[field.end():i - 1]
            pos = i + (text[i] == ",")
        closing = re.compile(r"\s*\}\n").match(text, pos)
        assert closing, f"entry {head.group(2)} does not close where its fields end"
        entries.append((head.group(1), head.group(2), fields))
        pos = closing.end()
    assert text[pos:].strip() == ""
    return entries


_UNESCAPE = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
             r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}


def unescape_bibtex(value: str) -> str:
    return re.sub(r"\\text\w+\{\}|\\[%&$#_]", lambda m: _UNESCAPE.get(m.group(), m.group()[-1]), value)


def split_bibtex_names(value: str) -> list[str]:
    """Split an author list on " and " outside braces, as BibTeX does."""
    names, depth, current = [], 0, ""
    for token in re.split(r"( and |[{}])", value):
        if token == " and " and depth == 0:
            names.append(current)
            current = ""
            continue
        depth += {"{": 1, "}": -1}.get(token, 0)
        current += token
    return [*names, current]


def bibtex_of(study: Study) -> tuple[str, str, dict[str, str]]:
    entries = read_bibtex(bibtex(study))
    assert len(entries) == 1
    return entries[0]


def ris_tags(text: str) -> list[tuple[str, str]]:
    lines = text.splitlines()
    for line in lines:
        assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
    return [(line[:2], line[6:]) for line in lines]


def _hostile(study: Study, text: str) -> Study:
    return study.model_copy(update={"title": text, "subtitle": text, "institution": text, "title_en": text,
                                    "authors": [Author(name=f"{text} Etternavn")]})


# --- citation files ---------------------------------------------------------------------------------

def test_every_study_has_its_three_citation_files(corpus: Corpus, files: dict[str, str]) -> None:
    cite = {path for path in files if path.startswith("studier/")}
    assert cite == {f"studier/{s.id}/{name}" for s in corpus.studies for name in CITATION_FORMATS}
    for study in corpus.studies:
        assert set(citation_files(study)) == {f"studier/{study.id}/{name}" for name in CITATION_FORMATS}


def test_bibtex_has_one_balanced_entry_per_study_of_the_right_type(corpus: Corpus, files: dict[str, str]) -> None:
    for study in corpus.studies:
        kind, key, fields = bibtex_of(study)
        assert files[f"studier/{study.id}/cite.bib"] == bibtex(study)
        assert (kind, key) == (BIBTEX_TYPES[study.type], study.id)
        assert " ".join(study.title.split()) in unescape_bibtex(fields["title"])
        assert len(split_bibtex_names(fields["author"])) == len(study.authors) if study.authors \
            else "author" not in fields
        place = {"techreport": "institution", "mastersthesis": "school", "misc": "publisher"}[kind]
        if study.institution:
            assert unescape_bibtex(fields[place]) == " ".join(study.institution.split())


def test_bibtex_names_are_family_comma_given(base: Study) -> None:
    authors = [Author(name="Ottar Ness"), Author(name="Arne Johansen"), Author(name="Knut Ivar Bjørlykhaug")]
    _, _, fields = bibtex_of(base.model_copy(update={"authors": authors}))
    assert fields["author"] == "Ness, Ottar and Johansen, Arne and Bjørlykhaug, Knut Ivar"


@pytest.mark.parametrize("kind", sorted(BIBTEX_TYPES))
def test_every_study_type_maps_in_every_format(base: Study, kind: str) -> None:
    study = base.model_copy(update={"type": kind})
    assert bibtex_of(study)[0] == BIBTEX_TYPES[kind]
    assert ris_tags(ris(study))[0] == ("TY", RIS_TYPES[kind])
    assert json.loads(csl_json(study))[0]["type"] == CSL_TYPES[kind]


HOSTILE_TITLE = "Ulukket { og } } { \\ 100 % & $5 #1 a_b ~ ^ @misc{x, title = {y}}\nny linje \\end"


def test_a_hostile_title_cannot_break_the_bibtex_file(base: Study) -> None:
    study = _hostile(base.model_copy(update={"type": "report"}), HOSTILE_TITLE)
    kind, key, fields = bibtex_of(study)
    folded = " ".join(HOSTILE_TITLE.split())
    assert (kind, key) == ("techreport", base.id)
    assert unescape_bibtex(fields["title"]) == f"{{{folded}: {folded}}}"  # braced once more to keep its capitals
    assert unescape_bibtex(fields["institution"]) == folded
    assert unescape_bibtex(split_bibtex_names(fields["author"])[0]) == f"Etternavn, {folded}"


def test_an_author_name_with_and_stays_one_author(base: Study) -> None:
    study = base.model_copy(
        update={"authors": [Author(name="Anne and Berit Hansen"), Author(name="Kari Nordmann")]})
    names = split_bibtex_names(bibtex_of(study)[2]["author"])
    assert names == ["Hansen, {Anne and Berit}", "Nordmann, Kari"]


_BASE = load_corpus(CONTENT).studies[0]  # a module constant: hypothesis prints arguments


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40).filter(str.strip))
def test_any_title_round_trips_through_bibtex_and_ris(text: str) -> None:
    study = _hostile(_BASE, text)
    title = " ".join(full_title(study).split())
    _, _, fields = bibtex_of(study)
    assert unescape_bibtex(fields["title"]) == f"{{{title}}}"
    tags = ris_tags(ris(study))
    assert ("TI", title) in tags and tags[-1][0] == "ER"


def test_ris_starts_with_ty_and_ends_with_er(corpus: Corpus, files: dict[str, str]) -> None:
    for study in corpus.studies:
        text = files[f"studier/{study.id}/cite.ris"]
        tags = ris_tags(text)
        assert tags[0] == ("TY", RIS_TYPES[study.type])
        assert tags[-1] == ("ER", "")
        assert [t for t in tags if t[0] == "ER"] == [("ER", "")]
        assert [v for t, v in tags if t == "AU"] == [", ".join(reversed(split_name(a.name))) for a in study.authors]
        assert ("TI", " ".join(full_title(study).split())) in tags
        assert text.endswith("\n")


def test_csl_json_has_one_item_with_family_names(corpus: Corpus, files: dict[str, str]) -> None:
    for study in corpus.studies:
        items = json.loads(files[f"studier/{study.id}/cite.json"])
        assert len(items) == 1
        item = items[0]
        assert item["id"] == study.id and item["type"] == CSL_TYPES[study.type]
        names = [a.get("family", a.get("literal")) for a in item.get("author", [])]
        assert names == [split_name(a.name)[1] for a in study.authors]
        assert item.get("genre") == ("Master's thesis" if study.type == "master_thesis" else None)
        if study.year:
            assert item["issued"] == {"date-parts": [[study.year]]}


def test_a_single_name_is_cited_whole(base: Study) -> None:
    study = base.model_copy(update={"authors": [Author(name="Platon")]})
    assert json.loads(csl_json(study))[0]["author"] == [{"literal": "Platon"}]
    assert ("AU", "Platon") in ris_tags(ris(study))
    assert bibtex_of(study)[2]["author"] == "Platon"


@pytest.mark.parametrize("source", ["a file without a year", "a copy without one"])
def test_no_year_means_no_year_field_in_any_format(base: Study, source: str) -> None:
    study = load_corpus(FIXTURE_CONTENT).study("beta-2021") if source == "a file without a year" \
        else base.model_copy(update={"year": None})
    assert study.year is None
    assert "year" not in bibtex_of(study)[2]
    assert "PY" not in dict(ris_tags(ris(study)))
    assert "issued" not in json.loads(csl_json(study))[0]


def test_nothing_is_invented_for_a_bare_study(base: Study) -> None:
    study = base.model_copy(
        update={"type": "report", "authors": [], "institution": None, "year": None, "title_en": None, "subtitle": None,
                "url": None, "doi": None, "handle": None})
    assert set(bibtex_of(study)[2]) == {"title"}
    assert [t for t, _ in ris_tags(ris(study))] == ["TY", "ID", "TI", "ER"]
    assert set(json.loads(csl_json(study))[0]) == {"id", "type", "title"}


def test_a_base_url_gives_every_format_the_study_page(base: Study) -> None:
    # A study's own address wins over its page in the bank (tests/test_reader_pages.py): here it has none.
    study = base.model_copy(update={"url": None, "doi": None, "handle": None})
    out = citation_files(study, "https://example.org/funnbanken/")
    url = f"https://example.org/funnbanken/studier/{study.id}/"
    assert read_bibtex(out[f"studier/{study.id}/cite.bib"])[0][2]["url"] == url
    assert ("UR", url) in ris_tags(out[f"studier/{study.id}/cite.ris"])
    assert json.loads(out[f"studier/{study.id}/cite.json"])[0]["URL"] == url
    assert "url" not in bibtex_of(study)[2]  # no base URL, no URL: the site works under any base


def test_a_url_cannot_break_a_format(base: Study) -> None:
    study = base
    url = "https://example.org/a b}{\\\nER  - x"
    assert read_bibtex(bibtex(study, url))[0][2]["url"] == "https://example.org/a%20b%7D%7B%5C%0AER%20%20-%20x"
    assert ris_tags(ris(study, url))[-1] == ("ER", "")


# --- CSV --------------------------------------------------------------------------------------------

def _rows(files: dict[str, str], path: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(files[path], newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("path", sorted(TABLES))
def test_csv_has_the_documented_columns_and_one_row_per_item(corpus: Corpus, files: dict[str, str], path: str) -> None:
    table = TABLES[path]
    if not any(table.items(owner) for owner in corpus.items(table.owner)):
        # Content without such items yet (review findings, say): the fixture corpus has some.
        corpus = load_corpus(FIXTURE_CONTENT)
        files = data_files(corpus)
    header, rows = _rows(files, path)
    assert header == list(CSV_COLUMNS[path]) == [name for name, _ in DATA_FIELDS[path]]
    owner_id = header[0]  # `study_id`, `theme`: the first column names the item's owner
    items = [(owner.id, item.id) for owner in corpus.items(table.owner) for item in table.items(owner)]
    assert [(r[owner_id], r["id"]) for r in rows] == items
    assert len(items) > 0
    for row in rows:
        assert row["page"] == f"{item_url(table.owner, row[owner_id])}#{row['id']}"
        assert None not in row  # no row longer than the header


def test_csv_cells_hold_the_content(corpus: Corpus, files: dict[str, str]) -> None:
    _, quotes = _rows(files, "data/quotes.csv")
    _, findings = _rows(files, "data/findings.csv")
    _, recommendations = _rows(files, "data/recommendations.csv")
    finding_ids = {(r["study_id"], r["id"]) for r in findings}
    for row in quotes:
        quote = next(q for q in corpus.study(row["study_id"]).quotes if q.id == row["id"])
        assert row["text"] == quote.text and row["translation_en"] == (quote.translation_en or "")
        assert (row["study_id"], row["finding"]) in finding_ids
        assert row["concepts"] == ";".join(quote.concepts)
    for row in findings:
        assert not row["parent"] or (row["study_id"], row["parent"]) in finding_ids
        assert row["summary_nb"]
    for row in recommendations:
        assert all((row["study_id"], f) in finding_ids for f in row["based_on"].split(";") if f)
        rec = next(r for r in corpus.study(row["study_id"]).recommendations if r.id == row["id"])
        assert row["audience"] == ";".join(rec.audience) and row["text_nb"] == rec.text.nb


def test_review_findings_csv_has_one_row_per_review_finding_with_its_assessment() -> None:
    corpus = load_corpus(FIXTURE_CONTENT)
    header, rows = _rows(data_files(corpus), "data/review_findings.csv")
    assert header[:7] == ["theme", "id", "statement_nb", "statement_en", "confidence", "explanation_nb",
                          "explanation_en"]
    assert header[-2:] == ["findings", "page"]
    reviews = [(theme, review) for theme in corpus.themes for review in theme.review_findings]
    assert len(rows) == len(reviews) > 0
    for row, (theme, review) in zip(rows, reviews):
        assert (row["theme"], row["id"]) == (theme.id, review.id)
        assert (row["statement_nb"], row["statement_en"]) == (review.statement.nb, review.statement.en or "")
        assert row["confidence"] == review.confidence and row["explanation_nb"] == review.explanation.nb
        for component in vocab.CERQUAL_COMPONENTS:
            assessed = getattr(review.components, component)
            assert row[f"{component}_level"] == assessed.level
            assert row[f"{component}_explanation_nb"] == assessed.explanation.nb
            assert row[f"{component}_explanation_en"] == (assessed.explanation.en or "")
        assert row["findings"] == ";".join(f"{f.study}#{f.finding}:{f.relation}" for f in review.findings)
        # Each part reads back: a study, one of its findings, a relation.
        for part in row["findings"].split(";"):
            study, rest = part.split("#")
            finding, relation = rest.split(":")
            assert finding in {f.id for f in corpus.study(study).findings} and relation in vocab.FINDING_RELATIONS


def test_csv_quotes_commas_and_line_breaks(base: Study) -> None:
    study = base
    text = 'Han sa: "ja, nei"\nog så; ny linje\r\nslutt'
    quote = Quote(id="q1", text=text, speaker="deltaker, 3", speaker_role="participant", finding=study.findings[0].id, location="s. 1")
    one = Corpus(studies=(study.model_copy(update={"quotes": [quote]}),), concepts=(), themes=())
    _, rows = _rows(data_files(one), "data/quotes.csv")
    assert len(rows) == 1 and rows[0]["text"] == text and rows[0]["speaker"] == "deltaker, 3"


# --- funnbank.json ---------------------------------------------------------------------------------

def test_json_carries_the_assessments_under_the_names_other_tools_read() -> None:
    """The appraisal, the user-involvement record and the review findings, with their field names: other
    tools rely on these (rename none)."""
    data = json.loads(data_files(load_corpus(FIXTURE_CONTENT))["data/funnbank.json"])
    appraised = [study for study in data["studies"] if study["appraisal"]]
    assert appraised
    for study in appraised:
        assert [item["question"] for item in study["appraisal"]] == list(vocab.CASP_QUESTIONS)
        for item in study["appraisal"]:
            assert {"question", "answer", "justification", "location"} <= set(item)
            assert item["answer"] in vocab.CASP_ANSWERS and item["justification"]["nb"]
        stages = study["user_involvement"]
        assert set(stages) == set(vocab.INVOLVEMENT_STAGES)
        assert all(stage["value"] in vocab.INVOLVEMENT_VALUES and stage["note"]["nb"] for stage in stages.values())
    reviews = [review for theme in data["themes"] for review in theme["review_findings"]]
    assert reviews
    for review in reviews:
        assert {"id", "statement", "confidence", "explanation", "components", "findings"} <= set(review)
        assert {"nb", "en"} <= set(review["statement"]) and review["confidence"] in vocab.CONFIDENCE_LEVELS
        assert set(review["components"]) == set(vocab.CERQUAL_COMPONENTS)
        for component in review["components"].values():
            assert component["level"] in vocab.CONCERN_LEVELS and component["explanation"]["nb"]
        for finding in review["findings"]:
            assert set(finding) == {"study", "finding", "relation"}


# --- SKOS -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["real", "fixture"])
def test_concepts_jsonld_is_a_skos_scheme_with_every_concept(corpus: Corpus, files: dict[str, str], which: str) -> None:
    if which == "fixture":  # known to have broader and related concepts, which the real content may lack
        corpus = load_corpus(FIXTURE_CONTENT)
        files = data_files(corpus)
        assert any(c.broader for c in corpus.concepts) and any(c.related for c in corpus.concepts)
    document = json.loads(files["data/concepts.jsonld"])
    context = document["@context"]
    assert context["skos"] == "http://www.w3.org/2004/02/skos/core#"
    scheme, *nodes = document["@graph"]
    assert scheme["@id"] == SCHEME_IRI and scheme["@type"] == "skos:ConceptScheme"
    iris = {node["@id"] for node in nodes}
    assert [node["@id"] for node in nodes] == [concept_iri(c.id) for c in corpus.concepts]
    for concept, node in zip(corpus.concepts, nodes):
        assert node["@type"] == "skos:Concept" and node["skos:inScheme"] == {"@id": SCHEME_IRI}
        labels = {v["@language"]: v["@value"] for v in node["skos:prefLabel"]}
        assert labels["nb"] == concept.label.nb and labels.get("en") == concept.label.en
        assert {"@value": concept.definition.nb, "@language": "nb"} in node["skos:definition"]
        aliases = [(v["@language"], v["@value"]) for v in node.get("skos:altLabel", [])]
        assert aliases == [("nb", a) for a in concept.aliases.nb] + [("en", a) for a in concept.aliases.en]
        assert [r["@id"] for r in node.get("skos:related", [])] == [concept_iri(r) for r in concept.related]
        assert all(r["@id"] in iris for r in node.get("skos:related", []))
        if concept.broader:
            assert node["skos:broader"]["@id"] == concept_iri(concept.broader) in iris
        else:
            assert "skos:broader" not in node
        assert node["foaf:page"] == {"@id": f"../begreper/{concept.id}/"}
        # Every property uses a prefix the context declares, so it expands to a full IRI.
        assert all(key.startswith("@") or key.split(":")[0] in context for key in node)
    tops = {t["@id"] for t in scheme.get("skos:hasTopConcept", [])}
    assert tops == {concept_iri(c.id) for c in corpus.concepts if not c.broader}


def test_concept_pages_are_absolute_with_a_base_url() -> None:
    document = json.loads(data_files(load_corpus(FIXTURE_CONTENT), "https://example.org/fb")["data/concepts.jsonld"])
    assert document["@graph"][1]["foaf:page"]["@id"].startswith("https://example.org/fb/begreper/")


# --- all files --------------------------------------------------------------------------------------

def test_every_data_file_is_documented(files: dict[str, str]) -> None:
    assert {path for path in files if path.startswith("data/")} == set(DATA_FILES)
    assert list(DATA_FIELDS) == list(DATA_FILES)  # the same files, in the order the page lists them
    assert list(DATA_FILES) == ["data/funnbank.json", "data/findings.csv", "data/quotes.csv",
                                "data/recommendations.csv", "data/review_findings.csv", "data/concepts.jsonld"]


def _descriptions() -> list[tuple[str, vocab.Label]]:
    return [("CSV_NOTE", CSV_NOTE), *DATA_FILES.items(),
            *((f"{path} {name}", d) for path, fields in DATA_FIELDS.items() for name, d in fields)]


def test_every_description_is_in_both_languages() -> None:
    for where, description in _descriptions():
        assert isinstance(description, vocab.Label), where
        assert description.nb.strip() and description.en.strip(), where
        assert description.nb != description.en, where
        # The same code in both: backticked names are not translated (only `<placeholders>` are), and a
        # Markdown table cell holds no "|".
        code = [re.findall(r"`[^`]*`", re.sub(r"<[^>]*>", "<>", text)) for text in description]
        assert code[0] == code[1], where
        assert "|" not in description.nb + description.en and "\n" not in description.nb + description.en, where
    for path, table in TABLES.items():
        assert [c.description for c in table.columns] == [d for _, d in DATA_FIELDS[path]]


@pytest.mark.parametrize(("path", "column", "table"), [
    ("data/recommendations.csv", "kind", vocab.RECOMMENDATION_KINDS),
    ("data/recommendations.csv", "audience", vocab.AUDIENCES),
    ("data/review_findings.csv", "confidence", vocab.CONFIDENCE_LEVELS),
    *(("data/review_findings.csv", f"{component}_level", vocab.CONCERN_LEVELS)
      for component in vocab.CERQUAL_COMPONENTS),
    ("data/review_findings.csv", "findings", vocab.FINDING_RELATIONS),
])
def test_vocabulary_columns_list_every_key_in_both_languages(path: str, column: str, table: dict) -> None:
    description = dict(DATA_FIELDS[path])[column]
    for key, label in table.items():
        assert f"`{key}` ({label.nb.lower()})" in description.nb
        assert f"`{key}`" in description.en
        assert label.en.lower() == key.replace("_", " ") or f"`{key}` ({label.en.lower()})" in description.en


def test_the_csv_note_says_what_the_files_share() -> None:
    assert "UTF-8" in CSV_NOTE.nb and "UTF-8" in CSV_NOTE.en
    assert "`;`" in CSV_NOTE.nb and "`;`" in CSV_NOTE.en
    assert "header row" in CSV_NOTE.en and "overskriftsrad" in CSV_NOTE.nb


def test_exports_are_deterministic(corpus: Corpus, files: dict[str, str]) -> None:
    again = data_files(load_corpus(CONTENT))
    assert list(again) == list(files)
    assert [path for path in files if again[path].encode() != files[path].encode()] == []


# --- a year inferred from the text ------------------------------------------------------------------

def _with_inferred_year(study: Study) -> Study:
    basis = Localized(nb="Informasjonsskrivet sier høsten 2017.", en="The information letter says autumn 2017.")
    return study.model_copy(update={"year": None, "year_inferred": InferredYear(year=2017, basis=basis)})


def test_an_inferred_year_is_marked_in_apa_and_kept_out_of_year_fields(base: Study) -> None:
    study = _with_inferred_year(base)
    assert "(2017, antatt). " in apa_reference(study)
    assert "(2017, inferred). " in apa_reference(study, "en")
    # A reference manager would print a year field as the source's own: the year goes in a note.
    note = "Year inferred (not stated in the source): 2017"
    fields = bibtex_of(study)[2]
    assert "year" not in fields and fields["note"].endswith(note)
    tags = ris_tags(ris(study))
    assert "PY" not in dict(tags) and ("N1", note) in tags and tags[-1] == ("ER", "")
    item = json.loads(csl_json(study))[0]
    assert "issued" not in item and item["note"].endswith(note)
    assert "citation_publication_date" not in dict(highwire_tags(study))
    assert "datePublished" not in schema_org(study)


def test_the_json_export_carries_the_inferred_year(corpus: Corpus, base: Study) -> None:
    study = _with_inferred_year(base)
    one = Corpus(studies=(study,), concepts=corpus.concepts, themes=corpus.themes)
    [exported] = json.loads(data_files(one)["data/funnbank.json"])["studies"]
    assert exported["year"] is None
    assert exported["year_inferred"] == {
        "year": 2017,
        "basis": {"nb": "Informasjonsskrivet sier høsten 2017.", "en": "The information letter says autumn 2017."},
    }
