"""The suite holds for any valid content: shown on copies of the real content, with a study added and with
one removed.

Valid content is what `check` accepts: every file read, validated and cross-checked, and every content
rule followed. The tests over the real content (content, exports, pages: the pages tests build the whole
site and check every link and fragment in it) are run on each copy in a separate pytest, through
`FUNNBANK_TEST_CONTENT`.

- Adding a study (a complete synthetic one, using the real concepts and themes) adds no problem, and every
  test passes on it that passes on the real content.
- Removing a study can leave a concept that no study uses, or a theme that draws on one study. That
  content is not valid, and saying so is the rules' job: they report exactly those concepts and themes,
  each at the `id:` line of its own file, and nothing else. `build` still builds it (with warnings) and
  every link resolves; in the suite, the only tests that fail are the rule tests of exactly those rules,
  printing the lines `check` prints. No test crashes on it, and none fails for another reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

from funnbank.errors import Problem
from funnbank.index import build_index
from funnbank.loaded import LoadedContent
from funnbank.loader import corpus_of, read_content
from funnbank.rules import RULES, check_rules
from funnbank.synth import add_synthetic_study

from conftest import CONTENT, ROOT

REAL_CONTENT_TESTS = ("tests/test_content.py", "tests/test_exports.py", "tests/test_pages.py")


def copy_of_the_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def relative(problems: list[Problem], content: Path) -> set[tuple[str, int, str, str]]:
    """Problems without the folder they were found in, to compare two copies."""
    return {(p.path.relative_to(content).as_posix(), p.line, p.field, p.message) for p in problems}


def failing_rule_tests(content: Path) -> set[str]:
    """The rule tests of tests/test_content.py that `content` fails: one per rule it breaks."""
    loaded = read_content(content)
    assert loaded.problems == [], "the real content must read, validate and cross-check for this proof"
    return {f"tests/test_content.py::test_the_content_follows_the_rule[{rule.name}]"
            for rule in RULES if list(rule.check(loaded))}


def run_the_real_content_tests(content: Path, tmp_path: Path) -> dict[str, str]:
    """Each test of REAL_CONTENT_TESTS run on `content`: its id → passed, failed, error or skipped."""
    report = tmp_path / "report.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser",
         f"--junitxml={report}", f"--basetemp={tmp_path / 'pytest'}", *REAL_CONTENT_TESTS],
        cwd=ROOT, env={**os.environ, "FUNNBANK_TEST_CONTENT": str(content)}, capture_output=True, text=True,
        timeout=900)
    assert report.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        module = case.get("classname", "").replace(".", "/") + ".py"
        outcome = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        outcomes[f"{module}::{case.get('name')}"] = {"failure": "failed"}.get(outcome, outcome)
    return outcomes


def not_passed(outcomes: dict[str, str]) -> dict[str, str]:
    return {test: outcome for test, outcome in outcomes.items() if outcome != "passed"}


def test_a_new_study_adds_no_problem_and_fails_no_test(tmp_path: Path) -> None:
    content = copy_of_the_content(tmp_path)
    before = check_rules(read_content(content))
    added = add_synthetic_study(content, seed=3)
    loaded = read_content(content)
    assert loaded.problems == []
    assert relative(check_rules(loaded), content) == relative(before, content)
    assert added.stem in {study.id for study in corpus_of(loaded).studies}

    outcomes = run_the_real_content_tests(content, tmp_path)
    assert len(outcomes) > 40
    assert not_passed(outcomes) == {test: "failed" for test in failing_rule_tests(content)}


def test_a_removed_study_leaves_exactly_what_the_rules_report(tmp_path: Path) -> None:
    content = copy_of_the_content(tmp_path)
    original = read_content(content)
    corpus, ix = corpus_of(original), build_index(corpus_of(original))

    def left_unconnected(study_id: str) -> tuple[list[str], list[str]]:
        concepts = [c.id for c in corpus.concepts if [s.id for s in ix.studies_by_concept[c.id]] == [study_id]]
        themes = [t.id for t in corpus.themes
                  if study_id in {s.id for s in ix.studies_by_theme[t.id]} and len(ix.studies_by_theme[t.id]) <= 2]
        return concepts, themes

    # The study whose removal breaks most (the case from the issue), else the first.
    removed = max(corpus.studies, key=lambda s: len(sum(left_unconnected(s.id), []))).id
    concepts, themes = left_unconnected(removed)
    before = {p for p in relative(check_rules(original), content) if p[0] != f"studies/{removed}.yaml"}
    (content / "studies" / f"{removed}.yaml").unlink()

    # Review findings name the studies they rest on: each reference to the removed study now dangles, and
    # `check` says where. A maintainer then takes those references out; so does this test.
    loaded = read_content(content)
    cited = {(f"themes/{theme.id}.yaml", f"review_findings[{i}].findings[{j}].study")
             for theme in corpus.themes for i, review in enumerate(theme.review_findings)
             for j, ref in enumerate(review.findings) if ref.study == removed}
    assert {(file, field) for file, _, field, _ in relative(loaded.problems, content)} == cited
    assert all(message == f"no study with id {removed!r}" for *_, message in relative(loaded.problems, content))
    drop_references_to(content, removed)

    loaded = read_content(content)
    assert loaded.problems == []
    new = relative(check_rules(loaded), content) - before
    unconnected = {(file, line, field) for file, line, field, _ in new if field == "id"}
    assert unconnected == {
        *((f"concepts/{id}.yaml", loaded_line(loaded, "concept", id), "id") for id in concepts),
        *((f"themes/{id}.yaml", loaded_line(loaded, "theme", id), "id") for id in themes)}
    for file, _, field, message in new:
        id = Path(file).stem
        if field != "id":  # a review finding left resting on one study, or a theme left without any
            assert "rests on one study" in message or message == "the theme has no review findings", message
        elif file.startswith("concepts/"):
            assert message == f"concept {id!r} is used by no study"
        else:
            assert message.startswith(f"theme {id!r} draws on ")

    outcomes = run_the_real_content_tests(content, tmp_path)
    assert len(outcomes) > 40
    assert not_passed(outcomes) == {test: "failed" for test in failing_rule_tests(content)}
    if concepts:
        assert outcomes["tests/test_content.py::test_the_content_follows_the_rule[concept-used]"] == "failed"


def drop_references_to(content: Path, study: str) -> None:
    """Take every reference to `study` out of the themes' review findings, and a review finding left with
    none, as a maintainer would after removing the study."""
    for path in sorted((content / "themes").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        reviews = data.get("review_findings") or []
        if not any(ref["study"] == study for review in reviews for ref in review["findings"]):
            continue
        for review in reviews:
            review["findings"] = [ref for ref in review["findings"] if ref["study"] != study]
        data["review_findings"] = [review for review in reviews if review["findings"]]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def loaded_line(loaded: LoadedContent, kind: str, id: str) -> int:
    """The line of the `id:` field in the file of a concept or theme."""
    doc = next(doc for doc in loaded.documents[kind] if doc.path.stem == id)
    return doc.locate(("id",))[0]
