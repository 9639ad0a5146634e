"""Golden output: the generated Markdown for the fixture corpus, byte for byte.

Both editions: `golden/` is the Norwegian one, `golden-en/` the English one. After an intended
change to templates or rendering, regenerate both with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from funnbank.loader import load_corpus
from funnbank.pipeline import Paths, generate

from conftest import FIXTURE_CONTENT, ROOT

GOLDEN = ROOT / "tests" / "fixtures" / "golden"  # the Norwegian edition
GOLDEN_EN = ROOT / "tests" / "fixtures" / "golden-en"  # the English edition


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page about the bank shows the date of the content's last change; a fixed SOURCE_DATE_EPOCH
    # (2026-12-02) keeps the golden copy independent of git and of the files' times.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796212800")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("lang,golden", [("nb", GOLDEN), ("en", GOLDEN_EN)])
def test_generated_markdown_matches_golden(tmp_path: Path, lang: str, golden: Path) -> None:
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path / "docs")
    generate(load_corpus(paths.content), paths)
    docs = paths.edition_docs(lang)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(docs, golden)
    actual, expected = _tree(docs), _tree(golden)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name].decode() == expected[name].decode(), f"{name} differs from the golden copy"


def test_second_generation_rewrites_nothing(tmp_path: Path) -> None:
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path / "docs")
    corpus = load_corpus(paths.content)
    _, first = generate(corpus, paths)
    mtimes = {p: p.stat().st_mtime_ns for p in paths.docs.rglob("*") if p.is_file()}
    _, second = generate(corpus, paths)
    assert first.written > 0
    assert (second.written, second.removed) == (0, 0)
    assert second.unchanged == first.written
    assert mtimes == {p: p.stat().st_mtime_ns for p in paths.docs.rglob("*") if p.is_file()}


def test_stale_generated_files_are_removed(tmp_path: Path) -> None:
    paths = Paths(content=FIXTURE_CONTENT, docs=tmp_path / "docs")
    stale = paths.docs / "studier" / "fjernet.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    generate(load_corpus(paths.content), paths)
    assert not stale.exists()


def test_sub_findings_of_any_depth_are_rendered_under_their_parent(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    study = content / "studies" / "beta-2021.yaml"
    text = study.read_text(encoding="utf-8")
    # At the end of the `findings:` list: where the next top-level field starts, or at the end of the file.
    start = text.index("\nfindings:\n") + 1
    after = re.compile(r"^\S", re.M).search(text, start + len("findings:\n"))
    end = after.start() if after else len(text)
    study.write_text(text[:end] + """\
  - id: del
    title: Deltema
    parent: arbeid
    summary: {nb: a}
  - id: deldel
    title: Under-deltema
    parent: del
    summary: {nb: b}
""" + text[end:], encoding="utf-8")
    paths = Paths(content=content, docs=tmp_path / "docs")
    generate(load_corpus(content), paths)
    page = (paths.docs / "studier" / "beta-2021.md").read_text(encoding="utf-8")
    assert page.index("### Veien til arbeid {: #arbeid }") < page.index("#### Deltema {: #del }") \
        < page.index("##### Under-deltema {: #deldel }")
