"""Every rejected and accepted input of `build.py check`: message, file, line, exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funnbank.cli import main
from funnbank.errors import ContentError
from funnbank.loader import load_corpus

from conftest import ROOT

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
    code = main(["check", "--content", str(content)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if ":" in line and "problem(s) found" not in line]


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
    assert main(["check", "--content", str(corpus_dir)]) == 0, capsys.readouterr().err


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


def test_check_passes_on_the_fixture_corpus(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(corpus_dir)]) == 0
    assert "OK: 2 studies, 3 concepts, 2 themes." in capsys.readouterr().out


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
