"""The bank's own assessments as readers meet them: the appraisal card and the user-involvement record
on the study page, and the involvement column and list on the studies index, in both editions.

The Markdown tests use the fixture corpus, whose studies have known appraisals; the browser tests open
the built fixture site at phone and desktop size and run axe-core (WCAG 2.2 AA) on both pages.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from funnbank import vocab
from funnbank.corpus import Corpus
from funnbank.errors import ContentError
from funnbank.loader import load_corpus
from funnbank.model import Involvement, Localized, Study, UserInvolvement
from funnbank.names import location_in
from funnbank.pipeline import Paths, generate
from funnbank.render import render_pages

from conftest import FIXTURE_CONTENT, ROOT, BuiltSite, axe_violations

CORPUS = load_corpus(FIXTURE_CONTENT)
ALPHA = CORPUS.study("alpha-2020")  # appraised 8 yes, 1 no, 1 can't tell; involved in data collection
BETA = CORPUS.study("beta-2021")  # every stage of involvement not reported
STUDY_PAGE = {"nb": "studier/alpha-2020.md", "en": "studies/alpha-2020.md"}
INDEX_PAGE = {"nb": "studier/index.md", "en": "studies/index.md"}
SITE_PATHS = {"nb": ("studier/alpha-2020/", "studier/"), "en": ("en/studies/alpha-2020/", "en/studies/")}
COUNT = {"nb": "8 av 10 ja · 1 nei · 1 kan ikke avgjøres", "en": "8 of 10 yes · 1 no · 1 can't tell"}
HOW_WE_ASSESS = {"nb": "../slik-vurderer-vi.md", "en": "../how-we-assess.md"}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture corpus's generated Markdown, by edition."""
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path_factory.mktemp("assessment") / "docs")
    generate(CORPUS, paths)
    return {lang: paths.edition_docs(lang) for lang in ("nb", "en")}


def _read(docs: dict[str, Path], lang: str, page: dict[str, str]) -> str:
    return (docs[lang] / page[lang]).read_text(encoding="utf-8")


def _section(markdown: str, anchor: str) -> str:
    """A study page's section, from its heading to the next `## ` heading."""
    start = markdown.index(f"{{: #{anchor} }}")
    end = markdown.find("\n## ", start)
    return markdown[start:end if end != -1 else None]


# --- the study page ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_card_lists_the_ten_questions_with_their_answers_and_the_count(docs: dict[str, Path], lang: str) -> None:
    card = _section(_read(docs, lang, STUDY_PAGE), "vurdering")
    summaries = re.findall(r"<summary markdown>(.*?)</summary>", card)
    assert len(summaries) == len(vocab.CASP_QUESTIONS) == 10
    for number, (summary, item) in enumerate(zip(summaries, ALPHA.appraisal, strict=True), start=1):
        question = vocab.CASP_QUESTIONS[item.question].in_lang(lang)
        answer = vocab.CASP_ANSWERS[item.answer].in_lang(lang)
        # The word is visible; the symbol beside it is hidden from screen readers.
        assert summary.startswith(f'<span class="fb-casp-question">{number}. {question}</span>')
        assert f'<span class="fb-mark" aria-hidden="true">' in summary and summary.endswith(f"</span> {answer}</span>")
    assert f"**{COUNT[lang]}**" in card
    # Each question opens on its justification and where in the study it rests.
    for item in ALPHA.appraisal:  # in the edition's words: "s. 3" is "p. 3" in English
        assert f"{location_in(item.location, lang)}</small>" in card
    assert "Målet står i innledningen." in card if lang == "nb" else "The aim is stated in the introduction." in card
    assert f"]({HOW_WE_ASSESS[lang]})" in card
    assert ("Funnbankens vurdering" if lang == "nb" else "Funnbanken's assessment") in card


def test_a_justification_without_english_shows_in_norwegian_marked_as_such(docs: dict[str, Path]) -> None:
    card = _section(_read(docs, "en", STUDY_PAGE), "vurdering")
    assert '<span lang="nb">Samtykke er omtalt.</span>' in card


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_involvement_shows_each_stage_with_its_value_note_and_location(docs: dict[str, Path], lang: str) -> None:
    section = _section(_read(docs, lang, STUDY_PAGE), "brukermedvirkning")
    record = ALPHA.user_involvement
    assert record is not None
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == len(vocab.INVOLVEMENT_STAGES)
    for line, (stage, name) in zip(lines, vocab.INVOLVEMENT_STAGES.items()):
        given = getattr(record, stage)
        assert line.startswith(f"- {name.in_lang(lang)}: ")
        assert f"</span> {vocab.INVOLVEMENT_VALUES[given.value].in_lang(lang)}</span>" in line
        assert given.note.in_lang(lang) in line
        assert (location_in(given.location, lang) in line) if given.location else "<small>" not in line
    assert f"]({HOW_WE_ASSESS[lang]})" in section


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_assessments_come_after_the_findings_and_before_the_citation(docs: dict[str, Path], lang: str) -> None:
    page = _read(docs, lang, STUDY_PAGE)
    order = [page.index(f"{{: #{anchor} }}") for anchor in
             ("funn", "anbefalinger", "vurdering", "brukermedvirkning", "siter-studien")]
    assert order == sorted(order)


def test_hostile_text_in_a_justification_is_escaped(docs: dict[str, Path]) -> None:
    card = _section(_read(docs, "nb", STUDY_PAGE), "vurdering")
    escaped = "&lt;script&gt;alert(4)&lt;/script&gt; \\*ikke kursiv\\* \\[lenke\\](javascript:alert(5)) \\{: \\#x \\}"
    assert escaped in card
    assert "<script" not in card


def test_a_study_without_assessments_has_neither_section(docs: dict[str, Path]) -> None:
    bare = ALPHA.model_copy(update={"appraisal": [], "user_involvement": None})
    page = render_pages(Corpus(studies=(bare, BETA), concepts=CORPUS.concepts, themes=CORPUS.themes),
                        [ROOT / "templates" / "pages"])[STUDY_PAGE["nb"]]
    assert "#vurdering" not in page and "#brukermedvirkning" not in page


def test_a_finding_or_quote_cannot_take_the_assessments_anchors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    study = content / "studies" / "alpha-2020.yaml"
    study.write_text(study.read_text(encoding="utf-8").replace("id: q1", "id: vurdering")
                     .replace("id: q2", "id: brukermedvirkning"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(content)
    reserved = [p for p in err.value.problems if "reserved" in p.message]
    assert {p.message.split("'")[1] for p in reserved} == {"vurdering", "brukermedvirkning"}


# --- the studies index --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_index_has_an_involvement_column_and_a_list_that_filters_by_it(docs: dict[str, Path], lang: str) -> None:
    index = _read(docs, lang, INDEX_PAGE)
    header = next(line for line in index.splitlines() if line.startswith("| ") and "---" not in line)
    assert header.rstrip().endswith("| User involvement |" if lang == "en" else "| Brukermedvirkning |")
    rows = {line.split("](")[0].lstrip("| ["): line for line in index.splitlines() if line.startswith("| [")}
    alpha, beta = (rows[(s.title_en if lang == "en" and s.title_en else s.title)] for s in (ALPHA, BETA))
    assert alpha.endswith("| Datainnsamling, formidling |" if lang == "nb" else "| Data collection, dissemination |")
    assert beta.endswith("| Ikke oppgitt |" if lang == "nb" else "| Not reported |")
    # Without script: the studies with user involvement in the data, linked to their records.
    listing = next(line for line in index.splitlines() if line.startswith("**Stud"))
    assert listing.startswith(
        "**Studier der personer med brukererfaring samlet inn eller analyserte data" if lang == "nb"
        else "**Studies in which people with lived experience collected or analysed data")
    assert "(alpha-2020.md#brukermedvirkning)" in listing and "beta-2021" not in listing


def _involvement(**values: str) -> UserInvolvement:
    note = Localized(nb="Et notat.", en="A note.")
    return UserInvolvement(**{stage: Involvement(value=values.get(stage, "not_reported"), note=note)
                              for stage in vocab.INVOLVEMENT_STAGES})


@pytest.mark.parametrize(("record", "nb", "en"), [
    (_involvement(design="no", data_collection="no", analysis="no", dissemination="no"), "Nei", "No"),
    (_involvement(design="no"), "Ikke oppgitt", "Not reported"),
    (_involvement(analysis="yes", design="yes"), "Utforming av studien, analyse", "Design, analysis"),
    (None, "Ikke vurdert", "Not assessed"),
])
def test_the_involvement_cell_says_which_stages_or_why_none(record: UserInvolvement | None, nb: str, en: str) -> None:
    study: Study = BETA.model_copy(update={"user_involvement": record})
    corpus = Corpus(studies=(ALPHA, study), concepts=CORPUS.concepts, themes=CORPUS.themes)
    for lang, expected in (("nb", nb), ("en", en)):
        index = render_pages(corpus, [ROOT / "templates" / "pages"], lang)[INDEX_PAGE[lang]]
        row = next(line for line in index.splitlines() if line.startswith("| [") and "(beta-2021.md)" in line)
        assert row.endswith(f"| {expected} |")
        in_data = record is not None and {"data_collection", "analysis"} & set(
            stage for stage in vocab.INVOLVEMENT_STAGES if getattr(record, stage).value == "yes")
        assert ("beta-2021.md#brukermedvirkning" in index) == bool(in_data)


# --- the open data ---------------------------------------------------------------------------------------

def test_each_review_finding_row_points_to_its_anchor_on_the_theme_page(fixture_site: BuiltSite) -> None:
    with (fixture_site.path / "data" / "review_findings.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows
    for row in rows:
        page, anchor = row["page"].split("#")
        assert f'id="{anchor}"' in (fixture_site.path / page / "index.html").read_text(encoding="utf-8"), row["page"]


# --- in the browser -------------------------------------------------------------------------------------

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.browser
@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_card_fits_the_screen_and_opens_on_a_click(page, fixture_site: BuiltSite, lang: str, size: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(VIEWPORTS[size])
    page.goto(fixture_site.url + SITE_PATHS[lang][0])
    card = page.locator("#vurdering ~ .fb-appraisal")
    assert card.locator("details.fb-casp").count() == 10
    assert COUNT[lang] in card.locator(".fb-appraisal-count").inner_text()
    question = card.locator("details.fb-casp").nth(3)  # the one with hostile text
    body = question.locator("p").first
    assert not body.is_visible()
    question.locator("summary").click()
    assert body.is_visible()
    assert "<script>alert(" in body.inner_text() and question.locator("script, a").count() == 0
    assert question.get_attribute("open") is not None
    # A summary is at least 24 px high: a target a finger can hit (WCAG 2.2, 2.5.8).
    assert min(s["height"] for s in card.locator("summary").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect())")) >= 24
    for path in SITE_PATHS[lang]:
        page.goto(fixture_site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), (path, size)
    assert page.locator(".fb-involved a[href$='#brukermedvirkning']").count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("which", [0, 1], ids=["study", "studies"])
def test_no_axe_violations_on_the_study_page_and_the_index(page, fixture_site: BuiltSite, lang: str, which: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(fixture_site.url + SITE_PATHS[lang][which])
    page.wait_for_load_state("networkidle")
    page.locator("details.fb-casp summary").first.click() if which == 0 else None
    assert axe_violations(page) == []

