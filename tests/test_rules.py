"""The content rules and `check`: every rule located with a hint, every problem in one run, ids suggested.

The fixture corpus is unfinished on purpose (it is also a preview of half-written content); the tests
add a complete study to a copy of it, break one thing at a time, and read what `check` says.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from funnbank.cli import main
from funnbank.errors import ContentError, Problem
from funnbank.listing import vocabulary_fields
from funnbank.loader import load_corpus, read_content
from funnbank.privacy import PHONE, find_contact_details
from funnbank.rules import RULES, WARNING_RULES, check_rules
from funnbank.suggest import slugify, suggest
from funnbank import vocab

from conftest import ROOT

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/study.schema.json"


def complete_study(id: str = "gamma-2022", quotes: int = 12) -> str:
    """A study that breaks no rule, using the fixture corpus' concepts and themes (and so connecting them)."""
    lines = [SCHEMA_LINE, f"id: {id}", "title: Gamma", "short_name: {nb: Gamma}", "title_en: Gamma in English", "type: report",
             "year: 2022", "english: {service: A group., method: Interviews.}",
             "service: {name: Gamma, kind: peer_group}", "summary: {nb: Et sammendrag., en: A summary.}",
             "research_questions: [Hva skjer?]", "findings:", "  - id: f1", "    title: Funnet",
             "    summary: {nb: Et funn., en: A finding.}", "    themes: [tilhorighet, arbeid]",
             "    concepts: [recovery]", "quotes:"]
    for k in range(1, quotes + 1):
        lines += [f"  - id: q{k}", "    text: Det hjalp.", "    speaker: deltaker", "    speaker_role: participant", "    finding: f1",
                  f"    location: s. {k}", "    translation_en: It helped."]
    lines += ["appraisal:"] + [f'  - {{question: {q}, answer: "yes", justification: {{nb: Ja., en: Yes.}}, location: s. 1}}'
                               for q in vocab.CASP_QUESTIONS]
    lines += ["user_involvement:"] + [f"  {stage}: {{value: not_reported, note: {{nb: Ikke oppgitt., en: Not reported.}}}}"
                                      for stage in vocab.INVOLVEMENT_STAGES]
    lines += ["recommendations:", "  - id: r1", "    text: {nb: Gjør det., en: Do it.}", "    audience: [programme]",
              "    based_on: [f1]"]
    return "\n".join(lines) + "\n"


def line_of(text: str, snippet: str) -> int:
    return text[:text.index(snippet)].count("\n") + 1


def problems_in(content: Path, name: str) -> list[Problem]:
    """Every problem `check` reports in one file (validation, references and rules)."""
    loaded = read_content(content)
    return sorted(p for p in {*loaded.problems, *check_rules(loaded)} if p.path.name == name)


@pytest.fixture
def gamma(corpus_dir: Path) -> Path:
    path = corpus_dir / "studies" / "gamma-2022.yaml"
    path.write_text(complete_study(), encoding="utf-8")
    return path


# --- the fixture corpus, as `check` sees it -----------------------------------------------------------

def test_check_lists_every_problem_of_the_unfinished_fixture_corpus(corpus_dir: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(corpus_dir)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert captured.out == ""
    assert lines[-1] == ("13 problem(s) found: 0 stop the build, 13 break content rules that `build` only warns "
                         "about (`python build.py list rules`).")
    found = [line.removeprefix(f"{corpus_dir}/") for line in lines[:-1]]
    assert found == [
        "concepts/recovery.yaml:1:1: id: concept 'recovery' is used by no study (refer to it from a finding, quote "
        "or recommendation (`concepts: [recovery]`), or delete recovery.yaml)",
        "studies/alpha-2020.yaml:53:1: quotes: the study has 2 quotes; a study has 12 to 20 (add quotes that carry "
        "the findings, in the source's exact words: at least 12)",
        "studies/alpha-2020.yaml:62:5: quotes[1].translation_en: quote 'q2' has no English translation (add "
        "`translation_en:`; the English edition shows it below the original)",
        "studies/beta-2021.yaml:3:1: short_name: the study has no short name (add `short_name: {nb: ..., en: ...}` "
        "below `title:` (at most 40 characters); cards, the knowledge map and search results show it instead of the "
        "full title)",
        "studies/beta-2021.yaml:3:1: title_en: the study has no English title (add `title_en:` below `title:`; the "
        "English edition shows it beside the original)",
        "studies/beta-2021.yaml:6:1: english: the study's method facts are not summarised in English (add "
        "`english:` with service, aims, method, sample, analysis and limitations in your own words; the English "
        "edition shows them with the Norwegian original beside)",
        "studies/beta-2021.yaml:6:1: research_questions: the study lists no research questions (add the authors' "
        "own research questions under `research_questions:`)",
        "studies/beta-2021.yaml:6:1: summary.en: the study's summary has no English text (add `en: >-` under "
        "`summary:`, in your own words)",
        "studies/beta-2021.yaml:11:1: quotes: the study has 0 quotes; a study has 12 to 20 (add quotes that carry "
        "the findings, in the source's exact words: at least 12)",
        "studies/beta-2021.yaml:11:1: recommendations: the study has no recommendations (add the report's "
        "recommendations, conclusions or implications under `recommendations:`)",
        "studies/beta-2021.yaml:12:5: findings[0].id: finding 'arbeid' has no quote (add a quote with "
        "`finding: arbeid`)",
        "studies/beta-2021.yaml:14:5: findings[0].summary.en: finding 'arbeid' has no English summary (add `en:` "
        "under its `summary:`)",
        "themes/tilhorighet.yaml:1:1: id: theme 'tilhorighet' draws on only alpha-2020; a theme draws on at least 2 "
        "studies (add `tilhorighet` to the `themes:` of findings in other studies, or fold it into another theme)",
    ]


def test_build_warns_about_the_rules_and_builds(corpus_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["build", "--content", str(corpus_dir), "--out", str(out), "--docs", str(tmp_path / "docs")]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning: ")]
    assert warnings == [f"warning: {p}" for p in check_rules(read_content(corpus_dir))]
    assert "13 warning(s)" in captured.err
    assert captured.out.startswith("Built 2 studies") and (out / "studier" / "beta-2021" / "index.html").exists()


def test_a_complete_study_breaks_no_rule_and_connects_the_fixtures(gamma: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert problems_in(gamma.parent.parent, gamma.name) == []
    loaded = read_content(gamma.parent.parent)
    assert [p for p in check_rules(loaded) if p.path.parent.name != "studies"] == []  # recovery used, tilhorighet twice


# --- one broken thing, one located line with a hint ---------------------------------------------------

BREAKS = [  # (rule, what to replace in the complete study, with what, the field, the line's text, the message)
    ("title-in-english", "title_en: Gamma in English\n", "", "title_en", "title: Gamma",
     "the study has no English title"),
    ("summary-in-english", "en: A summary.}", "}", "summary.en", "summary:", "the study's summary has no English text"),
    ("research-questions", "research_questions: [Hva skjer?]", "research_questions: []", "research_questions",
     "research_questions:", "the study lists no research questions"),
    ("finding-summary-in-english", "nb: Et funn., en: A finding.}", "nb: Et funn.}", "findings[0].summary.en",
     "    summary: {nb: Et funn.", "finding 'f1' has no English summary"),
    ("theme-per-finding", "themes: [tilhorighet, arbeid]", "themes: []", "findings[0].themes", "    themes: []",
     "finding 'f1' has no theme"),
    ("quote-translation", "  - id: q1\n    text: Det hjalp.\n    speaker: deltaker\n    speaker_role: participant\n    finding: f1\n    location: s. 1\n"
     "    translation_en: It helped.\n", "  - id: q1\n    text: Det hjalp.\n    speaker: deltaker\n    speaker_role: participant\n    finding: f1\n"
     "    location: s. 1\n", "quotes[0].translation_en", "  - id: q1", "quote 'q1' has no English translation"),
    ("recommendation-in-english", "en: Do it.}", "}", "recommendations[0].text.en", "    text: {nb: Gjør det.",
     "recommendation 'r1' has no English text"),
    ("recommendation-audience", "audience: [programme]", "audience: []", "recommendations[0].audience",
     "    audience: []", "recommendation 'r1' names no audience"),
    ("recommendation-based-on", "based_on: [f1]", "based_on: []", "recommendations[0].based_on", "    based_on: []",
     "recommendation 'r1' rests on no finding"),
    ("recommendations", "recommendations:\n  - id: r1\n    text: {nb: Gjør det., en: Do it.}\n    audience: [programme]\n"
     "    based_on: [f1]\n", "recommendations: []\n", "recommendations", "recommendations: []",
     "the study has no recommendations"),
    ("quote-per-finding", "quotes:\n", "  - id: f2\n    title: Et annet\n    summary: {nb: To., en: Two.}\n"
     "    themes: [arbeid]\nquotes:\n", "findings[1].id", "  - id: f2", "finding 'f2' has no quote"),
    ("given-and-unknown", "research_questions:", "unknown: {year: Teksten oppgir ikke årstall.}\nresearch_questions:",
     "unknown.year", "unknown:", "`year` is given (2022) and also listed under `unknown`"),
    ("short-name", "short_name: {nb: Gamma}\n", "", "short_name", "title: Gamma", "the study has no short name"),
    ("facts-in-english", "english: {service: A group., method: Interviews.}\n", "", "english", "summary:",
     "the study's method facts are not summarised in English"),
    ("no-placeholders", "title: Gamma\n", 'title: "TODO: tittel slik kilden skriver den"\n', "title", "title: \"TODO",
     "a placeholder from the skeleton is left in: 'TODO: tittel slik kilden skriver den'"),
]


@pytest.mark.parametrize(("rule", "old", "new", "field", "at", "message"), BREAKS, ids=[b[0] for b in BREAKS])
def test_one_break_gives_one_located_line_with_a_hint(gamma: Path, rule: str, old: str, new: str, field: str,
                                                      at: str, message: str) -> None:
    text = complete_study().replace(old, new, 1)
    gamma.write_text(text, encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert (problem.field, problem.message) == (field, message)
    assert problem.line == line_of(text, at)
    assert problem.hint
    checked = {r.name: list(r.check(read_content(gamma.parent.parent))) for r in RULES}
    assert problem in checked[rule]


def test_every_rule_has_a_case_or_a_test_of_its_own() -> None:
    elsewhere = {"concept-in-english", "theme-in-english", "quotes-per-study", "concept-used", "theme-two-studies",
                 "no-contact-details", "appraisal", "user-involvement", "review-findings", "one-study-adequacy",
                 "theme-tagline"}
    assert {r.name for r in RULES} == {b[0] for b in BREAKS} | elsewhere
    assert all(r.description.endswith(".") and "\n" not in r.description for r in RULES)


@pytest.mark.parametrize(("count", "message", "hint"), [
    (6, "the study has 6 quotes; a study has 12 to 20", "at least 12"),
    (21, "the study has 21 quotes; a study has 12 to 20", "keep the 20 that say most"),
])
def test_too_few_or_too_many_quotes(gamma: Path, count: int, message: str, hint: str) -> None:
    text = complete_study(quotes=count)
    gamma.write_text(text, encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert (problem.field, problem.line, problem.message) == ("quotes", line_of(text, "quotes:"), message)
    assert hint in problem.hint


def test_concepts_and_themes_in_english(gamma: Path) -> None:
    content = gamma.parent.parent
    (content / "concepts" / "recovery.yaml").write_text(
        "id: recovery\nlabel: {nb: Recovery}\ndefinition:\n  nb: En personlig prosess.\n", encoding="utf-8")
    (content / "themes" / "arbeid.yaml").write_text(
        "id: arbeid\nlabel: {nb: Veien til arbeid, en: The road to work}\ndescription: {nb: Arbeid.}\n",
        encoding="utf-8")
    assert [(p.line, p.field, p.message, p.hint) for p in problems_in(content, "recovery.yaml")] == [
        (2, "label.en", "the concept's label has no English text", "add `en:` under `label:`"),
        (3, "definition.en", "the concept's definition has no English text", "add `en:` under `definition:`")]
    assert [(p.line, p.field, p.message) for p in problems_in(content, "arbeid.yaml") if p.field != "review_findings"] == [
        (2, "tagline", "the theme has no one-line description"),  # rule theme-tagline
        (3, "description.en", "the theme's description has no English text")]


def test_contact_details_are_located_and_stop_the_build(gamma: Path) -> None:
    text = complete_study().replace("    text: Det hjalp.", "    text: Ring meg på 22 33 44 55 i dag.", 1) \
        + "# spør ola@example.no\n"
    gamma.write_text(text, encoding="utf-8")
    found = problems_in(gamma.parent.parent, gamma.name)
    phone_line = line_of(text, "Ring meg")
    assert [(p.line, p.col, p.field, p.message) for p in found] == [
        (phone_line, 23, "quotes[0].text", "a telephone number ('22 33 44 55')"),
        (text.count("\n"), 8, "recommendations[0].based_on[0]", "an e-mail address ('ola@example.no')")]
    assert all("never publish" in p.hint for p in found)
    with pytest.raises(ContentError) as err:  # unlike the other rules, this one stops `build` and `serve`
        load_corpus(gamma.parent.parent)
    assert [p.message for p in err.value.problems] == [p.message for p in found]


def test_a_redaction_marker_is_reported(gamma: Path) -> None:
    gamma.write_text(complete_study().replace("Det hjalp.", "Ring [telefon fjernet].", 1), encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert problem.message == "a redaction marker ('[telefon fjernet]')"


def test_the_fast_contact_search_finds_what_the_patterns_find() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("0123456789 +.,/-ab\n") for _ in range(rng.randint(0, 40)))
        assert [(o, g) for o, what, g in find_contact_details(text) if what == "a telephone number"] == \
            [(m.start(), m.group()) for m in PHONE.finditer(text)], text


# --- use across files, without cascades ---------------------------------------------------------------

def test_a_study_with_an_error_still_counts_as_using_its_concepts(gamma: Path) -> None:
    gamma.write_text(complete_study().replace("type: report", "type: rapport"), encoding="utf-8")
    loaded = read_content(gamma.parent.parent)
    assert [p.field for p in loaded.problems] == ["type"]
    assert not [p for p in check_rules(loaded) if p.path.parent.name != "studies"]  # no "used by no study"


def test_an_unreadable_study_silences_the_rules_about_use(gamma: Path) -> None:
    gamma.write_text(complete_study().replace("title: Gamma", "title: [Gamma"), encoding="utf-8")
    loaded = read_content(gamma.parent.parent)
    assert len(loaded.problems) == 1 and loaded.problems[0].path == gamma
    names = {r.name: list(r.check(loaded)) for r in RULES}
    assert names["concept-used"] == names["theme-two-studies"] == []


# --- every problem in one run -------------------------------------------------------------------------

def test_five_problems_in_one_file_are_five_lines_in_one_run(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The case from the issue: a study with four validation errors lost its fifth, a bad concept id."""
    text = complete_study("delta-2023").replace("year: 2022", 'year: "2022"').replace("kind: peer_group", "kind: peer") \
        .replace("title: Funnet", "tittel: Funnet").replace("location: s. 1\n", "location: 1\n", 1) \
        .replace("concepts: [recovery]", "concepts: [Håp]")
    path = corpus_dir / "studies" / "delta-2023.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--content", str(corpus_dir)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith(str(path))]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "year", "service.kind", "findings[0].tittel", "findings[0].concepts[0]", "quotes[0].location"]
    assert "'Håp' is not a concept id: ids use lower-case a–z, digits and single hyphens " \
           "(did you mean `haap`?)" in lines[3]
    assert all(line.endswith(")") for line in lines)
    assert not any("^[a-z0-9]" in line or "pattern" in line for line in lines)


def test_a_study_with_validation_errors_gets_its_rule_problems_in_the_same_run_without_echoes(gamma: Path) -> None:
    text = complete_study().replace("type: report", "type: Rapport").replace("title_en: Gamma in English\n", "") \
        .replace("themes: [tilhorighet, arbeid]", "themes: [Tilhørighet og fellesskap]") \
        .replace("audience: [programme]", "audience: [Tiltaket selv]").replace("summary: {nb: Et funn., en: A finding.}",
                                                                           "summary: {nb: Et funn.}")
    gamma.write_text(text, encoding="utf-8")
    found = problems_in(gamma.parent.parent, gamma.name)
    assert [(p.line, p.field) for p in found] == [
        (line_of(text, "title:"), "title_en"),  # a rule
        (line_of(text, "type:"), "type"),  # validation
        (line_of(text, "    summary:"), "findings[0].summary.en"),  # a rule
        (line_of(text, "    themes:"), "findings[0].themes[0]"),  # references: the name, with "did you mean"
        (line_of(text, "    audience:"), "recommendations[0].audience[0]"),  # validation
    ]  # and no "finding 'f1' has no theme" nor "names no audience": those would only echo the two errors
    with pytest.raises(ContentError) as err:
        load_corpus(gamma.parent.parent)
    assert [p.field for p in err.value.problems if p.path == gamma] == [
        "type", "findings[0].themes[0]", "recommendations[0].audience[0]"]


def test_a_study_missing_a_required_field_is_left_to_validation(gamma: Path) -> None:
    gamma.write_text(complete_study().replace("title_en: Gamma in English\n", "").replace("title: Gamma\n", ""),
                     encoding="utf-8")
    assert [(p.field, p.message) for p in problems_in(gamma.parent.parent, gamma.name)] == [
        ("title", "required field is missing")]


# --- did you mean -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "field", "message", "guess"), [
    ("themes: [tilhorighet, arbeid]", "themes: [Tilhørighet og fellesskap, arbeid]", "findings[0].themes[0]",
     "'Tilhørighet og fellesskap' is not a theme id: ids use lower-case a–z, digits and single hyphens", "tilhorighet"),
    ("themes: [tilhorighet, arbeid]", "themes: [tilhorighet, The road to work]", "findings[0].themes[1]",
     "'The road to work' is not a theme id: ids use lower-case a–z, digits and single hyphens", "arbeid"),
    ("concepts: [recovery]", "concepts: [bedringsprosess]", "findings[0].concepts[0]",
     "no concept with id 'bedringsprosess'", "recovery"),
    ("concepts: [recovery]", "concepts: [Peer Support]", "findings[0].concepts[0]",
     "'Peer Support' is not a concept id: ids use lower-case a–z, digits and single hyphens", "likepersonarbeid"),
    ("concepts: [recovery]", "concepts: [HAAP]", "findings[0].concepts[0]",
     "'HAAP' is not a concept id: ids use lower-case a–z, digits and single hyphens", "haap"),
    ("concepts: [recovery]", "concepts: [recovry]", "findings[0].concepts[0]", "no concept with id 'recovry'",
     "recovery"),
    ("    finding: f1\n", "    finding: Funnet\n", "quotes[0].finding",
     "'Funnet' is not a finding id: ids use lower-case a–z, digits and single hyphens", "f1"),
    ("based_on: [f1]", "based_on: [funnet]", "recommendations[0].based_on[0]", "no finding with id 'funnet'", "f1"),
    ("audience: [programme]", "audience: [Tiltaket selv]", "recommendations[0].audience[0]",
     "Input should be 'policymakers', 'municipal_services', 'specialist_services', 'practitioners', "
     "'user_organisations', 'programme' or 'researchers'", "programme"),
    ("type: report", "type: Masteroppgave", "type",
     "Input should be 'report', 'master_thesis', 'article' or 'other'", "master_thesis"),
    ("  - id: f1", "  - id: Første funn", "findings[0].id",
     "'Første funn' is not a valid id: ids use lower-case a–z, digits and single hyphens", "forste-funn"),
])
def test_a_name_written_for_an_id_gets_did_you_mean(gamma: Path, old: str, new: str, field: str, message: str,
                                                    guess: str) -> None:
    text = complete_study().replace(old, new, 1)
    gamma.write_text(text, encoding="utf-8")
    found = [p for p in problems_in(gamma.parent.parent, gamma.name) if p.field == field]
    assert [(p.line, p.message) for p in found] == [(line_of(text, new), message)]
    assert found[0].hint.startswith(f"did you mean `{guess}`?")


@pytest.mark.parametrize(("file", "text", "field", "guess"), [
    ("themes/arbeid.yaml", "id: arbeid\nlabel: {nb: A, en: A}\ndescription: {nb: d, en: d}\nconcepts: [Håp]\n",
     "concepts[0]", "haap"),
    ("concepts/recovery.yaml", "id: recovery\nlabel: {nb: R, en: R}\ndefinition: {nb: d, en: d}\n"
     "related: [likeperson]\nbroader: Hope\n", "related[0]", "likepersonarbeid"),
    ("concepts/recovery.yaml", "id: recovery\nlabel: {nb: R, en: R}\ndefinition: {nb: d, en: d}\nbroader: Hope\n",
     "broader", "haap"),
])
def test_concept_references_in_concepts_and_themes_get_did_you_mean(gamma: Path, file: str, text: str, field: str,
                                                                     guess: str) -> None:
    (gamma.parent.parent / file).write_text(text, encoding="utf-8")
    found = [p for p in read_content(gamma.parent.parent).problems if p.field == field]
    assert len(found) == 1 and found[0].hint == f"did you mean `{guess}`?"


def test_an_unknown_id_without_a_likely_match_points_to_the_list(gamma: Path) -> None:
    gamma.write_text(complete_study().replace("concepts: [recovery]", "concepts: [zzz]"), encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert problem.message == "no concept with id 'zzz'"
    assert problem.hint == ("concept ids are the file names in content/concepts/; "
                            "`python build.py list concepts` lists them")


def test_suggestions() -> None:
    names = {"tilhorighet-og-fellesskap": ["Tilhørighet og fellesskap", "Belonging and community"],
             "haap": ["Håp", "Hope", "håpefullhet"]}
    assert suggest("Belonging and Community", names) == "tilhorighet-og-fellesskap"
    assert suggest("tilhørighet og fellesskap", names) == "tilhorighet-og-fellesskap"
    assert suggest("tilhorighet-fellesskap", names) == "tilhorighet-og-fellesskap"
    assert suggest("HÅPEFULLHET", names) == suggest("håp", names) == "haap"
    assert suggest("noe helt annet", names) is None and suggest("", names) is None
    assert slugify("Tilhørighet og fellesskap") == "tilhorighet-og-fellesskap"
    assert slugify("Økonomi, bolig & café") == "okonomi-bolig-cafe" and slugify("«»") == ""


# --- list ---------------------------------------------------------------------------------------------

def test_list_concepts_and_themes_gives_ids_with_both_labels(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "concepts", "--content", str(corpus_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Concepts (3)")
    assert [re.split(r"\s{2,}", line.strip()) for line in out[1:]] == [
        ["haap", "Håp / Hope"], ["likepersonarbeid", "Likepersonarbeid / Peer support"], ["recovery", "Recovery / Recovery"]]
    assert main(["list", "themes", "--content", str(corpus_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [re.split(r"\s{2,}", line.strip()) for line in out[1:]] == [
        ["arbeid", "Veien til arbeid / The road to work"], ["tilhorighet", "Tilhørighet og fellesskap / Belonging and community"]]


def test_list_vocab_gives_every_value_with_its_labels_and_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "vocab"]) == 0
    out = capsys.readouterr().out
    for name, table in vocab.VOCABULARIES.items():
        assert f"\n{name} (used by " in out
        for key, label in table.items():
            assert re.search(rf"^  {key} +{re.escape(label.nb)} / {re.escape(label.en)}$", out, re.M), key
    assert vocabulary_fields() == {
        "study_type": ["study `type`"], "service_kind": ["study `service.kind`"],
        "data_collection_method": ["study `method.data_collection[].method`"],
        "audience": ["study `recommendations[].audience[]`"], "recommendation_kind": ["study `recommendations[].kind`"],
        "speaker_role": ["study `quotes[].speaker_role`"],
        "casp_question": ["study `appraisal[].question`"], "casp_answer": ["study `appraisal[].answer`"],
        "involvement_value": [f"study `user_involvement.{stage}.value`" for stage in vocab.INVOLVEMENT_STAGES],
        "concern_level": [f"theme `review_findings[].components.{c}.level`" for c in vocab.CERQUAL_COMPONENTS],
        "confidence": ["theme `review_findings[].confidence`"],
        "finding_relation": ["theme `review_findings[].findings[].relation`"]}


def test_list_rules_and_the_readme_name_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "rules"]) == 0
    out = capsys.readouterr().out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert re.search(rf"^  {rule.name} +{re.escape(rule.description)}$", out, re.M), rule.name
        assert f"| `{rule.name}` | {rule.description} |" in readme, rule.name
    assert len(WARNING_RULES) == len(RULES) - 1


# --- the bank's own assessments ---------------------------------------------------------------------

def test_an_appraisal_lacking_or_out_of_order_is_located(gamma: Path) -> None:
    text = complete_study()
    lines = text.splitlines()
    first = line_of(text, "  - {question: aims")
    gamma.write_text("\n".join(lines[:first - 1] + lines[first:]) + "\n", encoding="utf-8")  # no `aims`
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert (problem.field, problem.line) == ("appraisal", line_of(text, "appraisal:"))
    assert problem.message == "the study's CASP appraisal lacks aims" and "in the checklist's order" in problem.hint
    swapped = text.replace("question: aims", "question: TMP").replace("question: value", "question: aims") \
        .replace("question: TMP", "question: value")
    gamma.write_text(swapped, encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert problem.message == "the study's CASP appraisal has a question twice or out of order"


def test_a_study_without_a_user_involvement_record(gamma: Path) -> None:
    text = complete_study()
    start, end = line_of(text, "user_involvement:"), line_of(text, "recommendations:")
    lines = text.splitlines()
    gamma.write_text("\n".join(lines[:start - 1] + lines[end - 1:]) + "\n", encoding="utf-8")
    (problem,) = problems_in(gamma.parent.parent, gamma.name)
    assert (problem.field, problem.message) == ("user_involvement", "the study has no user-involvement record")


def _review_finding(studies: list[str], adequacy: str, id: str = "rf-test") -> str:
    component = "{{level: {level}, explanation: {{nb: Fordi., en: Because.}}}}"
    refs = "".join(f"\n      - {{study: {s}, finding: {f}, relation: supports}}" for s, f in studies)
    return (f"review_findings:\n  - id: {id}\n    statement: {{nb: Noe., en: Something.}}\n    findings:{refs}\n"
            f"    components:\n"
            + "".join(f"      {c}: {component.format(level=adequacy if c == 'adequacy' else 'minor')}\n"
                      for c in vocab.CERQUAL_COMPONENTS)
            + "    confidence: low\n    explanation: {nb: Fordi., en: Because.}\n")


def test_a_review_finding_from_one_study_must_flag_adequacy(corpus_dir: Path) -> None:
    theme = corpus_dir / "themes" / "arbeid.yaml"
    base = "\n".join(line for line in theme.read_text(encoding="utf-8").split("review_findings:")[0].splitlines()) + "\n"
    theme.write_text(base + _review_finding([("alpha-2020", "fellesskap")], "minor"), encoding="utf-8")
    problems = [p for p in problems_in(corpus_dir, "arbeid.yaml") if p.field.startswith("review_findings")]
    assert [(p.field, p.message) for p in problems] == [
        ("review_findings[0].components.adequacy.level",
         "review finding 'rf-test' rests on one study, but its adequacy has minor concerns")]
    theme.write_text(base + _review_finding([("alpha-2020", "fellesskap")], "moderate"), encoding="utf-8")
    assert [p for p in problems_in(corpus_dir, "arbeid.yaml") if p.field.startswith("review_findings")] == []


def test_a_theme_without_review_findings(corpus_dir: Path) -> None:
    theme = corpus_dir / "themes" / "arbeid.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").split("review_findings:")[0], encoding="utf-8")
    (problem,) = [p for p in problems_in(corpus_dir, "arbeid.yaml")]
    assert (problem.field, problem.message) == ("review_findings", "the theme has no review findings")


def test_review_findings_refer_to_existing_study_findings_with_unique_ids(corpus_dir: Path) -> None:
    theme = corpus_dir / "themes" / "arbeid.yaml"
    base = theme.read_text(encoding="utf-8").split("review_findings:")[0]
    theme.write_text(base + _review_finding([("alpha-2020", "felleskap"), ("gamma", "x")], "moderate", id="beta-2021"),
                     encoding="utf-8")
    found = {(p.field, p.message) for p in problems_in(corpus_dir, "arbeid.yaml")}
    assert ("review_findings[0].findings[0].finding", "no finding with id 'felleskap'") in found
    assert ("review_findings[0].findings[1].study", "no study with id 'gamma'") in found
    assert ("review_findings[0].id", "review finding id 'beta-2021' is a study's id") in found
