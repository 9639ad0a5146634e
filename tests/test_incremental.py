"""Incremental builds (funnbank.incremental): after an edit, the pages whose Markdown is unchanged are taken
from the previous build, and the site is the one a full build makes, file for file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from funnbank import parallel
from funnbank.errors import BuildError
from funnbank.incremental import Manifest, link_reusable, manifest_path, output_of, reuse_plan
from funnbank.pipeline import Paths, build, build_first

from conftest import FIXTURE_CONTENT, ROOT


def _files(site: Path) -> dict[str, bytes]:
    """Every file of the built site but the search index, whose file names Pagefind does not keep from one
    run to the next (it is made afresh by every build; its own tests are in test_search_index)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.relative_to(site).parts}


def _paths(tmp_path: Path, name: str, content: Path, templates: Path = ROOT / "templates") -> Paths:
    return Paths(content=content, out=tmp_path / name / "site", docs=tmp_path / name / "docs", templates=templates)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the same dates in both builds (sitemap, about page)
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    return folder


def _edit_a_study(content: Path) -> None:
    study = content / "studies" / "alpha-2020.yaml"
    text = study.read_text(encoding="utf-8")
    assert "A test summary." in text
    study.write_text(text.replace("A test summary.", "An edited summary, built again."), encoding="utf-8")


def test_an_incremental_build_after_an_edit_equals_a_full_build(tmp_path: Path, content: Path) -> None:
    incremental = _paths(tmp_path, "incremental", content)
    first = build(incremental)
    assert first.reused == 0  # nothing to reuse yet
    _edit_a_study(content)
    second = build(incremental)
    full = build(_paths(tmp_path, "full", content))
    assert full.reused == 0
    assert 0 < second.reused < len([p for p in _files(incremental.out) if p.endswith(".html")])
    built, expected = _files(incremental.out), _files(_paths(tmp_path, "full", content).out)
    assert sorted(built) == sorted(expected)
    differing = [path for path in expected if built[path] != expected[path]]
    assert differing == []
    assert "An edited summary, built again." in (incremental.out / "en" / "studies" / "alpha-2020" / "index.html"
                                                  ).read_text(encoding="utf-8")


def test_a_study_first_renders_only_its_pages_and_the_next_build_equals_a_full_one(tmp_path: Path,
                                                                                   content: Path) -> None:
    """`serve` puts up the saved study's pages first (`build_first`), then builds the rest."""
    paths = _paths(tmp_path, "preview", content)
    assert build_first(paths, {("study", "alpha-2020")}) is None  # nothing yet to take the other pages from
    build(paths)
    study = content / "studies" / "alpha-2020.yaml"
    text = study.read_text(encoding="utf-8")
    study.write_text(text.replace("title: Alfa-gruppene", "title: Alfa-gruppene, omskrevet"), encoding="utf-8")
    first = build_first(paths, {("study", "alpha-2020")})
    assert first is not None and first.pages == 2  # the study's page in each edition
    page = (paths.out / "studier" / "alpha-2020" / "index.html").read_text(encoding="utf-8")
    assert "Alfa-gruppene, omskrevet" in page
    # A concept page also shows the title: it is the previous build's until the next build.
    concept = (paths.out / "begreper" / "haap" / "index.html").read_text(encoding="utf-8")
    assert "Alfa-gruppene" in concept and "Alfa-gruppene, omskrevet" not in concept
    rest = build(paths)
    assert 0 < rest.reused
    assert "Alfa-gruppene, omskrevet" in (paths.out / "begreper" / "haap" / "index.html").read_text(
        encoding="utf-8")
    full = _paths(tmp_path, "full", content)
    build(full)
    built, expected = _files(paths.out), _files(full.out)
    assert sorted(built) == sorted(expected)
    assert [path for path in expected if built[path] != expected[path]] == []


def test_an_unchanged_build_reuses_every_page_and_full_reuses_none(tmp_path: Path, content: Path) -> None:
    paths = _paths(tmp_path, "site", content)
    build(paths)
    again = build(paths)
    pages = len([p for p in _files(paths.out) if p.endswith(".html")])
    assert again.reused == pages - 1  # every page but the 404 page, which MkDocs writes every time
    assert build(paths, full=True).reused == 0


def test_a_template_change_forces_a_full_build(tmp_path: Path, content: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    paths = _paths(tmp_path, "site", content, templates)
    build(paths)
    main = templates / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    assert build(paths).reused == 0


def test_another_output_folder_is_a_full_build(tmp_path: Path, content: Path) -> None:
    paths = _paths(tmp_path, "site", content)
    build(paths)
    elsewhere = Paths(content=content, out=tmp_path / "elsewhere", docs=paths.docs)
    assert build(elsewhere).reused == 0


def test_a_failed_incremental_build_leaves_the_site_as_it_was(tmp_path: Path, content: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _paths(tmp_path, "site", content)
    build(paths)
    before = _files(paths.out)
    _edit_a_study(content)
    real = parallel.mkdocs_build

    def renders_then_fails(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise BuildError("MkDocs failed (strict mode):\n  made to fail by the test")

    monkeypatch.setattr(parallel, "mkdocs_build", renders_then_fails)
    with pytest.raises(BuildError, match="made to fail"):
        build(paths)
    assert _files(paths.out) == before  # the linked pages were not written through
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build(paths).reused > 0  # the manifest still describes the site in place


def test_a_page_no_longer_generated_is_not_taken_over(tmp_path: Path) -> None:
    old, docs, out = tmp_path / "old", tmp_path / "docs", tmp_path / "out"
    for folder in (old / "kept", old / "gone", docs):
        folder.mkdir(parents=True)
    (docs / "kept.md").write_text("# Kept\n", encoding="utf-8")
    for page in ("kept", "gone"):
        (old / page / "index.html").write_text(page, encoding="utf-8")
    plan = reuse_plan({"kept.md": "a", "gone.md": "b", "edited.md": "c"}, {"kept.md": "a", "edited.md": "d"},
                      old, docs)
    assert dict(plan.files) == {"kept/index.html": "kept.md"}  # not the page gone, nor the page edited
    assert link_reusable(plan, out) == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["kept/index.html"]


def test_an_output_older_than_its_source_is_rendered_again(tmp_path: Path) -> None:
    old, docs = tmp_path / "old", tmp_path / "docs"
    (old / "page").mkdir(parents=True)
    docs.mkdir()
    (old / "page" / "index.html").write_text("old", encoding="utf-8")
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")  # written after the output: MkDocs would rewrite it
    assert link_reusable(reuse_plan({"page.md": "a"}, {"page.md": "a"}, old, docs), tmp_path / "out") == 0


@pytest.mark.parametrize(("source", "output"), [("index.md", "index.html"), ("studier/index.md", "studier/index.html"),
                                                ("studier/a-2020.md", "studier/a-2020/index.html"),
                                                ("data/studies.csv", "data/studies.csv")])
def test_outputs_are_where_mkdocs_writes_them(source: str, output: str) -> None:
    assert output_of(source) == output


def test_an_unreadable_manifest_means_a_full_build(tmp_path: Path) -> None:
    path = manifest_path(tmp_path / "docs")
    path.write_text("{not json", encoding="utf-8")
    assert Manifest.read(path) is None
