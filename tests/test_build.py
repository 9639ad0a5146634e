"""Full strict builds, the atomic swap, and the data export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import funnbank.parallel
from funnbank.cli import main
from funnbank.errors import BuildError
from funnbank.pipeline import Paths, build

from conftest import ROOT
from test_loader import EXPECTED, REJECTED, add_case


def _site_state(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def built_fixture_site(corpus_dir: Path, tmp_path: Path) -> Paths:
    paths = Paths(content=corpus_dir, out=tmp_path / "site", docs=tmp_path / "docs")
    build(paths)
    return paths


def test_real_content_builds_in_strict_mode(tmp_path: Path) -> None:
    paths = Paths(content=ROOT / "content", out=tmp_path / "site", docs=tmp_path / "docs")
    report = build(paths)
    site = paths.out
    for study in report.corpus.studies:
        assert (site / "studier" / study.id / "index.html").is_file()
    for concept in report.corpus.concepts:
        assert (site / "begreper" / concept.id / "index.html").is_file()
    for theme in report.corpus.themes:
        assert (site / "temaer" / theme.id / "index.html").is_file()
    for section in ("kunnskapskart", "anbefalinger", "data", "studier", "begreper", "temaer", "sitater"):
        assert (site / section / "index.html").is_file(), section
    data = json.loads((site / "data" / "funnbank.json").read_text(encoding="utf-8"))
    assert set(data) == {"studies", "concepts", "themes"}
    assert len(data["studies"]) == len(report.corpus.studies)
    study = data["studies"][0]
    for field in ("id", "title", "type", "year", "authors", "service", "summary", "method", "findings", "quotes",
                  "recommendations", "source_text", "research_questions", "limitations"):
        assert field in study, field
    assert not list(tmp_path.glob(".funnbank-tmp-*")), "the staging folder was left behind"


def test_every_finding_quote_and_recommendation_has_its_anchor(built_fixture_site: Paths) -> None:
    page = (built_fixture_site.out / "studier" / "alpha-2020" / "index.html").read_text(encoding="utf-8")
    for anchor in ("fellesskap", "tempo", "q1", "q2", "r1"):
        assert f'id="{anchor}"' in page, anchor


def test_markup_in_content_shows_as_text(built_fixture_site: Paths) -> None:
    page = (built_fixture_site.out / "studier" / "alpha-2020" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "[en lenke](javascript:alert(1))" in page
    assert 'href="javascript' not in page


def test_nav_lists_only_section_pages(built_fixture_site: Paths) -> None:
    page = (built_fixture_site.out / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "studier/alpha-2020" not in nav and "begreper/haap" not in nav


# Every bad input is checked at the loader (tests/test_loader.py, through `build.py check`); a full build
# runs for one case of each kind of failure before MkDocs: the reader, the model, the references. MkDocs
# failures and a broken search index have their own tests (below, and tests/test_search_index.py).
ONE_CASE_PER_KIND = {"reader": "studies/syntax-error.yaml", "model": "studies/wrong-type.yaml",
                     "references": "studies/dangling-theme.yaml"}


def test_one_case_per_kind_is_rejected() -> None:
    assert set(ONE_CASE_PER_KIND.values()) <= set(REJECTED)


@pytest.mark.parametrize("name", ONE_CASE_PER_KIND.values(), ids=ONE_CASE_PER_KIND.keys())
def test_rejected_content_leaves_previous_site_untouched(
    built_fixture_site: Paths, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = _site_state(built_fixture_site.out)
    add_case(built_fixture_site.content, name)
    code = main(["build", "--content", str(built_fixture_site.content), "--out", str(built_fixture_site.out),
                 "--docs", str(built_fixture_site.docs)])
    assert code == 1
    assert str(EXPECTED[name]["message"]) in capsys.readouterr().err
    assert _site_state(built_fixture_site.out) == before


def test_mkdocs_failure_leaves_previous_site_and_no_temporary_folder(
    built_fixture_site: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _site_state(built_fixture_site.out)

    def failing_build(config: Path, docs: Path, site_dir: Path, extra: object = None) -> None:
        (site_dir / "index.html").write_text("half-built")
        raise BuildError("MkDocs failed (strict mode)")

    monkeypatch.setattr(funnbank.parallel, "mkdocs_build", failing_build)  # each edition's process runs it
    with pytest.raises(BuildError):
        build(built_fixture_site)
    assert _site_state(built_fixture_site.out) == before
    assert not list(built_fixture_site.out.parent.glob(".funnbank-tmp-*"))


def test_rebuild_replaces_the_site(built_fixture_site: Paths) -> None:
    (built_fixture_site.out / "stale.html").write_text("from an older build")
    build(built_fixture_site)
    assert not (built_fixture_site.out / "stale.html").exists()
    assert (built_fixture_site.out / "index.html").is_file()
    assert not list(built_fixture_site.out.parent.glob(".funnbank-tmp-*"))


def test_cli_build_prints_one_summary_line(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--content", str(corpus_dir), "--out", str(tmp_path / "s"), "--docs", str(tmp_path / "d")])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert len(out) == 1 and out[0].startswith("Built 2 studies, 3 concepts, 2 themes: 46 pages in ")


def test_the_theme_files_listed_from_memory_are_jinjas_and_the_overrides_are_listed_afresh(tmp_path: Path) -> None:
    """MkDocs lists the theme's files on every build; the installed themes' are listed once per process
    (`site._list_theme_files`), the site's own overrides every time."""
    import shutil

    import jinja2
    from mkdocs.config import load_config

    from funnbank import site

    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "templates" / "overrides", overrides)
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path),  # a clean clone has no build/docs
                         theme={"name": "material", "custom_dir": str(overrides)})
    jinjas = jinja2.FileSystemLoader(config.theme.dirs)
    site._theme_for_rebuilds(config, tmp_path / "cache")
    loader = config.theme.get_env().loader
    assert loader.list_templates() == jinjas.list_templates()
    assert "assets/stylesheets/added.css" not in loader.list_templates()
    (overrides / "assets" / "stylesheets" / "added.css").write_text("a {}", encoding="utf-8")
    assert "assets/stylesheets/added.css" in config.theme.get_env().loader.list_templates()
    assert config.theme.get_env().loader.list_templates() == jinjas.list_templates()
