"""Every rejected and accepted input of `build.py check`: message, file, line, exit code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from funnbank import reader
from funnbank.cli import main
from funnbank.errors import ContentError, Problem
from funnbank.loader import load_corpus, read_content
from funnbank.reader import ReadError, read_yaml
from funnbank.rules import WARNING_RULES, check_rules
from funnbank.synth import write_synthetic_corpus

from conftest import FIXTURE_CONTENT, ROOT

MINI = """\
id: ny
title: T
type: report
service: {name: S, kind: other}
summary: {nb: S}
findings:
  - id: f1
    title: F
    summary: {nb: x}
"""


def run_check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`check`'s exit code and the lines of the problems that stop a build.

    `check` also lists what breaks the content rules that `build` only warns about (the fixture corpus is
    deliberately unfinished, and so are the one-case files); those are tested in tests/test_rules.py.
    """
    code = main(["check", "--content", str(content)])
    err = capsys.readouterr().err
    warned = {str(problem) for problem in check_rules(read_content(content), WARNING_RULES)}
    return code, [line for line in err.splitlines()
                  if ":" in line and "problem(s) found" not in line and line not in warned]


BAD_INPUTS = ROOT / "tests" / "bad_inputs"
EXPECTED: dict[str, dict[str, object]] = json.loads((BAD_INPUTS / "expected.json").read_text(encoding="utf-8"))
REJECTED = sorted(name for name, e in EXPECTED.items() if e["outcome"] == "rejected")
ACCEPTED = sorted(name for name, e in EXPECTED.items() if e["outcome"] == "accepted")


def add_case(content: Path, name: str) -> Path:
    """Copy the bad-input file `name` (e.g. `studies/alias.yaml`) into a corpus; return where it landed."""
    target = content / name
    target.write_bytes((BAD_INPUTS / name).read_bytes())
    return target


def test_every_case_file_has_an_expectation_and_back() -> None:
    files = {p.relative_to(BAD_INPUTS).as_posix() for p in BAD_INPUTS.rglob("*.y*ml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", REJECTED)
def test_rejected_inputs_give_one_located_line_and_exit_1(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    expected = EXPECTED[name]
    monkeypatch.chdir(tmp_path)  # an unsafe tag that ran would leave HACKED here
    path = add_case(corpus_dir, name)
    code, lines = run_check(corpus_dir, capsys)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{expected['line']}:"), lines[0]
    assert str(expected["message"]) in lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "every problem carries a hint"
    assert not (tmp_path / "HACKED").exists()


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_inputs(corpus_dir: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    add_case(corpus_dir, name)
    assert run_check(corpus_dir, capsys)[1] == []


def test_large_file_is_refused_before_parsing(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_dir / "studies" / "stor.yaml"
    path.write_text("id: stor\ntitle: " + "x" * 3_000_000 + "\n", encoding="utf-8")
    code, lines = run_check(corpus_dir, capsys)
    assert code == 1 and len(lines) == 1
    assert "the limit is 2 MB" in lines[0]


def test_broader_cycle_is_reported(corpus_dir: Path) -> None:
    (corpus_dir / "concepts" / "recovery.yaml").write_text(
        "id: recovery\nlabel: {nb: R}\ndefinition: {nb: d}\nbroader: haap\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    assert "goes round in a circle" in str(err.value)


def test_all_problems_are_reported_in_one_run(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus_dir / "studies" / "en.yaml").write_text(MINI.replace("id: ny", "id: en").replace("type: report", "type: x"))
    (corpus_dir / "studies" / "to.yaml").write_text(MINI.replace("id: ny", "id: to") + "sumary: x\n")
    code, lines = run_check(corpus_dir, capsys)
    assert code == 1
    assert [Path(line.split(":")[0]).name for line in lines] == ["en.yaml", "to.yaml"]


def test_check_passes_on_complete_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_synthetic_corpus(5, tmp_path)  # complete by the content rules, unlike the fixture corpus
    assert main(["check", "--content", str(tmp_path)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == "OK: 5 studies, 21 concepts, 6 themes.\n"


def test_parent_cycle_is_reported(corpus_dir: Path) -> None:
    text = MINI.replace("    title: F\n", "    title: F\n    parent: f2\n") + \
        "  - id: f2\n    title: G\n    parent: f1\n    summary: {nb: y}\n"
    (corpus_dir / "studies" / "ny.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    assert "`parent` goes round in a circle back to 'f1'" in str(err.value)


def test_yaml_1_1_words_stay_text(corpus_dir: Path) -> None:
    add_case(corpus_dir, "studies/yaml-1-1-words.yaml")
    study = load_corpus(corpus_dir).study("yaml-1-1-words")
    assert study.title == "no"
    assert (study.findings[0].summary.nb, study.findings[0].summary.en) == ("on", "yes")


# --- YAML mistakes: plain words, at the line to change, whichever parser PyYAML uses.

# PyYAML's own terms, which a maintainer should never have to decode.
YAML_JARGON = re.compile(
    r"mapping values|scalar|token|block end|simple key|indicator|stream|flow (node|mapping|sequence)")
PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": yaml.SafeLoader}
# The YAML syntax cases: expected.json gives their column as well as their line.
SYNTAX_CASES = sorted(name for name in REJECTED if "col" in EXPECTED[name])


def read_problem(path: Path, parser: str, monkeypatch: pytest.MonkeyPatch) -> Problem:
    if PARSERS[parser] is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(reader, "_Loader", PARSERS[parser])
    with pytest.raises(ReadError) as err:
        read_yaml(path)
    return err.value.problem


def assert_told_plainly(problem: Problem, line: object, col: object, words: object) -> None:
    assert (problem.line, problem.col) == (line, col), problem
    assert str(words) in problem.message
    assert problem.hint
    assert not YAML_JARGON.search(f"{problem.message} {problem.hint}"), problem


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("name", SYNTAX_CASES)
def test_yaml_mistakes_are_told_in_plain_words_at_the_line_to_change(
    monkeypatch: pytest.MonkeyPatch, name: str, parser: str
) -> None:
    expected = EXPECTED[name]
    problem = read_problem(BAD_INPUTS / name, parser, monkeypatch)
    assert_told_plainly(problem, expected["line"], expected["col"], expected["message"])


# Mistakes beyond the bad-input files: (file text, line, column, words the message must contain).
MORE_MISTAKES = {
    "backslash in double quotes": ('id: x\ntitle: "C:\\mappe"\n', 2, 11, "a backslash `\\` inside double quotes"),
    "text on the line of a block header": ("id: x\ntitle: > Tittel\n", 2, 8, "after `>` YAML expects the text on"),
    "text starting with *": ("id: x\ntitle: *Alfa*\n", 2, 8, "cannot start with `*`"),
    "colon inside braces": ("id: x\nsummary: {nb: Funn: noe, en: x}\n", 2, 19, "inside `{…}`, a text with `:` in it"),
    "empty entry in brackets": ("id: x\nthemes: [a, , b]\n", 2, 13, "an empty entry"),
    "text after brackets": ("id: x\ntitle: [1] Tittel\n", 2, 12, "text after `]`"),
    "bracket closing nothing": ("id: x\nthemes: [a]]\n", 2, 12, "a `]` that closes nothing"),
    "text of a block not indented": ("id: x\nsummary:\n  nb: >-\n  Tekst\n", 4, 3,
                                     "the text of `nb:` on line 3 must be indented further"),
    "text line back at the margin": (
        "id: x\nsummary:\n  nb: >-\n    Tekst som\nfortsetter slik: her\n    og her\n  en: x\n",
        5, 1, "this line of the text under `nb:` on line 3 is indented less than the text"),
    "first field under a field lost its indentation": ("id: x\nservice:\nname: S\n  kind: other\n", 3, 1,
                                                       "`name:` on line 3 is indented no further than `service:`"),
    "first field indented": ("  id: x\ntitle: T\n", 1, 1, "the file's first field is indented 2 spaces"),
    "stray quote before a field": ("id: x\n'title: T\ntype: report\nsummary: {nb: Kari's}\n", 2, 1,
                                   "the quote `'` that opens this text is not closed on its line"),
    "field and text on separate lines": ("id: x\ntitle: T\nresearch_questions\n", 3, 1,
                                         "neither `field: value` nor a list item"),
}


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", MORE_MISTAKES)
def test_more_yaml_mistakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, parser: str) -> None:
    text, line, col, words = MORE_MISTAKES[case]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert_told_plainly(read_problem(path, parser, monkeypatch), line, col, words)


@pytest.mark.parametrize("text", ["id: x\ntitle:\tT\n", "id: x\ntitle: T\t# note\n"])
def test_a_tab_is_named_wherever_the_parser_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # YAML allows a tab between words, and libyaml accepts it; PyYAML's pure-Python parser refuses it.
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    problem = read_problem(path, "pure-python", monkeypatch)
    assert_told_plainly(problem, 2, text.splitlines()[1].index("\t") + 1, "tab character")


@pytest.fixture
def remembering() -> Iterator[None]:
    reader.remember_documents()
    yield
    reader.remember_documents(False)


def test_a_build_remembers_no_document() -> None:
    load_corpus(FIXTURE_CONTENT)
    study = FIXTURE_CONTENT / "studies" / "alpha-2020.yaml"
    assert read_yaml(study) is not read_yaml(study)  # nothing held once a one-off build has read it


def test_a_file_read_again_unchanged_is_not_composed_again_and_an_edit_is_read(corpus_dir: Path,
                                                                                 remembering: None) -> None:
    """`serve` loads the content after every save: only the files whose text changed are read again
    (composed, validated and checked), and the next load always has the file's current text."""
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    first = load_corpus(corpus_dir)
    again = load_corpus(corpus_dir)
    assert again.get("study", "alpha-2020") is first.get("study", "alpha-2020")  # remembered, not read again
    assert read_yaml(study) is read_yaml(study)
    text = study.read_text(encoding="utf-8")
    study.write_text(text.replace("title: Alfa-gruppene", "title: Alfa-gruppene, endret"), encoding="utf-8")
    edited = load_corpus(corpus_dir)
    assert edited.get("study", "alpha-2020").title == "Alfa-gruppene, endret"
    assert edited.get("study", "beta-2021") is first.get("study", "beta-2021")
    study.write_text(text.replace("title: Alfa-gruppene", "title: [Alfa"), encoding="utf-8")  # broken YAML
    with pytest.raises(ContentError):
        load_corpus(corpus_dir)
    study.write_text(text, encoding="utf-8")
    assert load_corpus(corpus_dir).get("study", "alpha-2020").title == "Alfa-gruppene"
    # The content rules are remembered per file too, and see an edit as well.
    study.write_text(text.replace("title: Alfa-gruppene", "title: \"TODO: Alfa-gruppene\""), encoding="utf-8")
    assert any(w.field == "title" and "placeholder" in w.message for w in load_corpus(corpus_dir).warnings)
    study.write_text(text.replace("title: Alfa-gruppene", "title: Alfa-gruppene, ola@example.no"), encoding="utf-8")
    with pytest.raises(ContentError, match="e-mail"):
        load_corpus(corpus_dir)
    study.write_text(text, encoding="utf-8")
    assert not any("placeholder" in w.message for w in load_corpus(corpus_dir).warnings)
