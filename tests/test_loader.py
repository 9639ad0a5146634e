"""Every rejected and accepted input of `build.py check`: message, file, line, exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from funnbank.cli import main
from funnbank.errors import ContentError
from funnbank.loader import load_corpus

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


# (case, file name, text or bytes, expected line, expected text in the message)
REJECTED = [
    ("syntax error", "ny.yaml", MINI.replace("title: T", "title: [open"), 3, "YAML syntax error"),
    ("tab indentation", "ny.yaml", MINI.replace("    title: F", "\ttitle: F"), 8, "tab character in indentation"),
    ("duplicate key", "ny.yaml", MINI + "title: U\n", 10, "duplicate key 'title'"),
    ("unknown key", "ny.yaml", MINI.replace("summary: {nb: S}", "sumary: {nb: S}"), 5, "unknown field (did you mean `summary`?)"),
    ("missing field", "ny.yaml", MINI.replace("type: report\n", ""), 1, "type: required field is missing"),
    ("wrong type", "ny.yaml", MINI + "year: tjue\n", 10, "year: input should be a valid integer"),
    ("boolean in text", "ny.yaml", MINI.replace("title: T", "title: true"), 2, "title: input should be a valid string, got the boolean true"),
    ("unknown vocabulary", "ny.yaml", MINI.replace("type: report", "type: rapport"), 3, "type: Input should be"),
    ("bad id", "ny.yaml", MINI.replace("- id: f1", "- id: F 1"), 7, "findings[0].id: String should match pattern"),
    ("unsafe tag", "ny.yaml", MINI.replace("title: T", "title: !!python/object/apply:os.system ['touch HACKED']"), 2, "is not allowed"),
    ("custom tag", "ny.yaml", MINI.replace("title: T", "title: !env T"), 2, "tag '!env' is not allowed"),
    ("non-UTF-8", "ny.yaml", MINI.replace("title: T", "title: Tilh\xf8righet").encode("latin-1"), 2, "byte 0xf8 is not UTF-8"),
    ("empty file", "ny.yaml", "", 1, "file is empty"),
    ("comments only", "ny.yaml", "# nothing here\n", 1, "file is empty"),
    ("not a mapping", "ny.yaml", "- a\n- b\n", 1, "must be a mapping"),
    ("two documents", "ny.yaml", MINI + "---\nid: x\n", 10, "more than one YAML document"),
    ("id not file name", "ny.yaml", MINI.replace("id: ny", "id: annen"), 1, "does not match the file name"),
    ("alias", "ny.yaml", MINI.replace("summary: {nb: S}", "summary: &s {nb: S}\nx: *s"), 5, "anchors (&name) are not supported"),
    ("dangling quote finding", "ny.yaml",
     MINI + "quotes:\n  - {id: q1, text: t, speaker: s, finding: f2, location: s. 1}\n", 11, "quotes[0].finding: no finding with id 'f2' (finding ids are listed under `findings:` in ny.yaml)"),
    ("dangling theme", "ny.yaml", MINI + "    themes: [tilhorihet]\n", 10, "findings[0].themes[0]: no theme with id 'tilhorihet' (did you mean 'tilhorighet'?)"),
    ("dangling concept", "ny.yaml", MINI + "    concepts: [ukjent]\n", 10, "findings[0].concepts[0]: no concept with id 'ukjent'"),
    ("dangling based_on", "ny.yaml",
     MINI + "recommendations:\n  - id: r1\n    text: {nb: x}\n    based_on: [f9]\n", 13, "recommendations[0].based_on[0]: no finding with id 'f9'"),
    ("dangling parent", "ny.yaml", MINI + "    parent: f0\n", 10, "findings[0].parent: no finding with id 'f0'"),
    ("duplicate id in file", "ny.yaml", MINI + "  - id: f1\n    title: G\n    summary: {nb: y}\n", 10, "id 'f1' is already used in findings"),
    ("reserved anchor", "ny.yaml", MINI.replace("- id: f1", "- id: funn"), 7, "reserved for a section"),
    ("unknown field in unknown", "ny.yaml", MINI + "unknown: {yaer: x}\n", 10, "'yaer' is not a field of a study (did you mean 'year'?)"),
    ("alias bomb", "ny.yaml",
     'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n', 1, "anchors (&name) are not supported"),
    ("deep nesting", "ny.yaml", "a: " + "[" * 200 + "]" * 200 + "\n", 1, "nesting deeper than"),
]


@pytest.mark.parametrize("case,name,text,line,message", REJECTED, ids=[c[0] for c in REJECTED])
def test_rejected_inputs_give_one_located_line_and_exit_1(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    case: str, name: str, text: str | bytes, line: int, message: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # an unsafe tag that ran would leave HACKED here
    path = corpus_dir / "studies" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code, lines = run_check(corpus_dir, capsys)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}:"), lines[0]
    assert message in lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "every problem carries a hint"
    assert not (tmp_path / "HACKED").exists()


def test_large_file_is_refused_before_parsing(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_dir / "studies" / "stor.yaml"
    path.write_text("id: stor\ntitle: " + "x" * 3_000_000 + "\n", encoding="utf-8")
    code, lines = run_check(corpus_dir, capsys)
    assert code == 1 and len(lines) == 1
    assert "the limit is 2 MB" in lines[0]


def test_dangling_references_in_concepts_and_themes(corpus_dir: Path) -> None:
    (corpus_dir / "concepts" / "ny.yaml").write_text(
        "id: ny\nlabel: {nb: Ny}\ndefinition: {nb: d}\nrelated: [ny, haapp]\nbroader: ingen\n", encoding="utf-8")
    (corpus_dir / "themes" / "nytt.yaml").write_text(
        "id: nytt\nlabel: {nb: Nytt}\ndescription: {nb: d}\nconcepts: [mangler]\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    text = str(err.value)
    assert "concepts/ny.yaml:4:" in text and "related[0]: a concept cannot be related to itself" in text
    assert "related[1]: no concept with id 'haapp' (did you mean 'haap'?)" in text
    assert "concepts/ny.yaml:5:1: broader: no concept with id 'ingen'" in text
    assert "themes/nytt.yaml:4:" in text and "concepts[0]: no concept with id 'mangler'" in text


def test_duplicate_ids_across_files(corpus_dir: Path) -> None:
    (corpus_dir / "themes" / "arbeid.yml").write_text(
        "id: arbeid\nlabel: {nb: A}\ndescription: {nb: d}\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    assert "theme id 'arbeid' is also used by" in str(err.value)


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


def test_yaml_1_1_words_stay_text(corpus_dir: Path) -> None:
    text = MINI.replace("title: T", "title: no").replace("summary: {nb: x}", "summary: {nb: on, en: yes}")
    (corpus_dir / "studies" / "ny.yaml").write_text(text, encoding="utf-8")
    study = load_corpus(corpus_dir).study("ny")
    assert study.title == "no"
    assert (study.findings[0].summary.nb, study.findings[0].summary.en) == ("on", "yes")


def test_byte_order_mark_and_crlf_are_accepted(corpus_dir: Path) -> None:
    text = "\ufeff" + MINI.replace("\n", "\r\n")
    (corpus_dir / "studies" / "ny.yaml").write_bytes(text.encode("utf-8"))
    study = load_corpus(corpus_dir).study("ny")
    assert study.title == "T" and study.findings[0].id == "f1"


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
