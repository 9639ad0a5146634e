"""The editions built at once, one process each (funnbank.parallel): the same site as one after the other,
and an edition's error stops the build with its own message."""

from __future__ import annotations

from pathlib import Path

import pytest

from funnbank import parallel
from funnbank.errors import BuildError
from funnbank.pipeline import Paths, build

from conftest import FIXTURE_CONTENT


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_editions_built_at_once_make_the_same_site_as_one_after_the_other(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    at_once = Paths(content=FIXTURE_CONTENT, out=tmp_path / "a" / "site", docs=tmp_path / "a" / "docs")
    build(at_once)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)  # one core: one edition after the other
    in_turn = Paths(content=FIXTURE_CONTENT, out=tmp_path / "b" / "site", docs=tmp_path / "b" / "docs")
    build(in_turn)
    first, second = _pages(at_once.out), _pages(in_turn.out)
    assert any(path.startswith("en/") for path in first)  # the English edition sits inside the Norwegian
    assert first == second
    assert not list(at_once.out.parent.glob(".funnbank-tmp-*")), "a temporary folder was left behind"


def test_an_edition_that_fails_stops_the_build_with_its_own_message(tmp_path: Path) -> None:
    docs, english = tmp_path / "docs", tmp_path / "docs-en"
    for folder in (docs, english):
        folder.mkdir()
        (folder / "index.md").write_text("# Hjem\n", encoding="utf-8")
    (english / "index.md").write_text("# Home\n\n[gone](nowhere.md)\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"  # MkDocs' own theme: the test is about the processes, not the pages
    config.write_text("site_name: T\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    staged, scratch = tmp_path / "staged", tmp_path / "scratch"
    scratch.mkdir()
    jobs = [parallel.EditionBuild(config, docs, staged), parallel.EditionBuild(config, english, staged / "en")]
    with pytest.raises(BuildError, match="nowhere.md"):
        parallel.build_editions(jobs, scratch)
    assert not (staged / "en").exists()  # nothing of the failed edition is put in place
