"""Invariants of the real corpus: complete, bilingual, connected, and free of contact details."""

from __future__ import annotations


import pytest

from funnbank.corpus import Corpus
from funnbank.index import build_index
from funnbank.loader import load_corpus
from funnbank.privacy import contact_details

from conftest import ROOT, SEEDS



@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT / "content")


def test_all_five_seed_studies_are_modelled(corpus: Corpus) -> None:
    sources = {s.source_text for s in corpus.studies}
    assert len(corpus.studies) >= 5
    if SEEDS.is_dir():
        assert {p.name for p in SEEDS.glob("*.txt")} <= sources


def test_every_study_is_complete_and_bilingual(corpus: Corpus) -> None:
    for study in corpus.studies:
        assert study.summary.en, study.id
        assert study.title_en, study.id
        assert study.research_questions, study.id
        assert study.recommendations, study.id
        assert 12 <= len(study.quotes) <= 20, (study.id, len(study.quotes))
        for finding in study.findings:
            assert finding.summary.nb and finding.summary.en, (study.id, finding.id)
            assert finding.themes, (study.id, finding.id)
        quoted = {q.finding for q in study.quotes}
        assert {f.id for f in study.findings} <= quoted, f"{study.id}: findings without a quote"
        for quote in study.quotes:
            assert quote.translation_en, (study.id, quote.id)
        for rec in study.recommendations:
            assert rec.text.en and rec.audience and rec.based_on, (study.id, rec.id)


def test_concepts_and_themes_are_enough_and_all_used(corpus: Corpus) -> None:
    ix = build_index(corpus)
    assert len(corpus.concepts) >= 25
    assert len(corpus.themes) >= 6
    for concept in corpus.concepts:
        assert concept.label.en and concept.definition.en, concept.id
        assert ix.studies_by_concept[concept.id], f"concept {concept.id} is used by no study"
    for theme in corpus.themes:
        assert theme.label.en and theme.description.en, theme.id
        assert len(ix.studies_by_theme[theme.id]) >= 2, f"theme {theme.id} draws on fewer than two studies"


def test_central_concepts_are_used_by_several_studies(corpus: Corpus) -> None:
    ix = build_index(corpus)
    for concept in ("recovery", "likepersonarbeid", "mestring", "fellesskap", "brukermedvirkning"):
        assert len(ix.studies_by_concept[concept]) >= 3, concept


def _content_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yaml")))


def test_no_contact_details_in_content() -> None:
    text = _content_text()
    assert contact_details(text) == []
    assert "fjernet]" not in text, "a redaction marker from the seeds was copied into content"


@pytest.mark.parametrize("sample,found", [
    ("ring 22 33 44 55", True), ("tlf +47 22334455", True), ("ola@example.no", True),
    ("i 2016 og 2017", False), ("s. 19-21", False), ("N = 12", False), ("ISBN 978-82", False),
])
def test_the_privacy_patterns_catch_what_they_should(sample: str, found: bool) -> None:
    assert bool(contact_details(sample)) is found
