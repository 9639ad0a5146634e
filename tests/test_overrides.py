"""A site's own templates folder replaces built-in page templates by name (`--templates`, `[tool.funnbank]
templates` in pyproject.toml)."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from funnbank import cli
from funnbank.loader import load_corpus
from funnbank.pipeline import Paths, generate
from funnbank import preview
from funnbank.serve import _watch, refresh
from funnbank.settings import SettingsError, load_settings, resolve_overrides

from conftest import ROOT

LANGS = ("nb", "en")  # both editions
FRONT_MATTER = r"(?:---\n.*?\n---\n\n)?"  # what the build puts above every page (the language switch)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _editions(paths: Paths) -> dict[str, dict[str, bytes]]:
    return {lang: _tree(paths.edition_docs(lang)) for lang in LANGS}


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def _generated(content: Path, docs: Path, overrides: Path | None = None) -> Paths:
    paths = Paths(content=content, docs=docs, overrides=overrides)
    generate(load_corpus(content), paths)
    return paths


def _pyproject(project: Path, text: str) -> None:
    project.mkdir(exist_ok=True)
    (project / "pyproject.toml").write_text(f'[project]\nname = "a-site"\n\n{text}', encoding="utf-8")


def test_an_override_replaces_the_page_of_every_concept_in_both_editions_and_nothing_else(
        corpus_dir: Path, tmp_path: Path) -> None:
    plain = _editions(_generated(corpus_dir, tmp_path / "plain" / "docs"))
    mine = _folder(tmp_path / "mine", {"concept.md.j2": "OVERRIDDEN {{ concept.id }} {{ lang }}\n"})
    overridden = _editions(_generated(corpus_dir, tmp_path / "overridden" / "docs", mine))

    replaced = set()
    for lang in LANGS:
        assert sorted(overridden[lang]) == sorted(plain[lang])
        for name, data in overridden[lang].items():
            if data != plain[lang][name]:
                page = re.fullmatch(FRONT_MATTER + r"OVERRIDDEN (\S+) (\S+)\n", data.decode(), re.S)
                assert page and page[2] == lang, name  # the override's text, and only that
                replaced.add((page[1], lang))
    concepts = {c.id for c in load_corpus(corpus_dir).concepts}
    assert concepts and replaced == {(c, lang) for c in concepts for lang in LANGS}
    # Every other page, and every page when the overrides are gone, is the built-in one byte for byte.
    assert _editions(_generated(corpus_dir, tmp_path / "overridden" / "docs")) == plain


def test_an_overridden_partial_is_used_inside_the_study_page(corpus_dir: Path, tmp_path: Path) -> None:
    mine = _folder(tmp_path / "mine", {
        # It keeps each quote's anchor, which theme and concept pages link to (or the build stops).
        "_quote.md.j2": "<p id=\"{{ quote.id }}\">QUOTE-OVERRIDE {{ quote.id }} {% include '_mine.md.j2' %}</p>\n",
        "_mine.md.j2": "from-a-partial-of-our-own",  # a site's own partial: a name starting with `_`
    })
    docs = _generated(corpus_dir, tmp_path / "docs", mine).docs
    studies = [study for study in load_corpus(corpus_dir).studies if study.quotes]
    assert studies
    for study in studies:
        page = next(p for p in docs.glob("*/*.md") if f"{study.id}.md" == p.name).read_text(encoding="utf-8")
        for quote in study.quotes:
            assert f"QUOTE-OVERRIDE {quote.id} from-a-partial-of-our-own" in page
        assert 'class="fb-quote"' not in page  # the built-in partial is not used at all


def test_an_override_that_replaces_nothing_is_an_error_naming_the_file(corpus_dir: Path, tmp_path: Path) -> None:
    mine = _folder(tmp_path / "mine", {"concpet.md.j2": "typo\n"})
    with pytest.raises(SettingsError, match=r"concpet\.md\.j2: replaces no built-in template.*`concept\.md\.j2`"):
        _generated(corpus_dir, tmp_path / "docs", mine)


def test_the_setting_is_read_from_pyproject_and_the_option_beats_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "site"
    _pyproject(project, '[tool.funnbank]\ntemplates = "from-setting"\n')
    (project / "from-setting").mkdir()
    (project / "from-option").mkdir()

    settings = load_settings(project)
    assert settings.templates == project / "from-setting"
    assert resolve_overrides(None, settings) == project / "from-setting"
    assert resolve_overrides(project / "from-option", settings) == project / "from-option"
    assert load_settings(tmp_path).templates is None  # no pyproject.toml: no templates folder

    # The command line reads the project folder's pyproject.toml; `--templates` wins over it.
    monkeypatch.chdir(project)
    parser = cli._parser()
    assert cli._paths(parser.parse_args(["build"])).overrides == Path("from-setting")
    assert cli._paths(parser.parse_args(["serve", "--templates", "from-option"])).overrides == Path("from-option")
    (project / "from-setting").rmdir()  # the option wins even over a setting naming a folder that is gone
    assert cli._paths(parser.parse_args(["build", "--templates", "from-option"])).overrides == Path("from-option")
    assert cli._paths(parser.parse_args(["check"])).overrides is None  # only commands that render read it


def test_a_missing_folder_is_one_clear_error_before_anything_is_built(
        corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, docs, missing = tmp_path / "site", tmp_path / "docs", tmp_path / "nowhere"
    code = cli.main(["build", "--content", str(corpus_dir), "--out", str(out), "--docs", str(docs),
                     "--templates", str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"error: templates folder {missing} (from --templates) does not exist or is not a folder\n"
    assert not out.exists() and not docs.exists()


def test_a_missing_folder_from_the_setting_says_where_it_was_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _pyproject(tmp_path, '[tool.funnbank]\ntemplates = "gone"\n')
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 1
    assert capsys.readouterr().err == ("error: templates folder gone (from [tool.funnbank] templates in "
                                       "pyproject.toml) does not exist or is not a folder\n")
    assert not (tmp_path / "site").exists()


def test_an_unknown_setting_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _pyproject(tmp_path, '[tool.funnbank]\ntemplate = "mine"\n')
    with pytest.raises(SettingsError) as raised:
        load_settings(tmp_path)
    message = str(raised.value)
    assert "`template`" in message and "did you mean `templates`?" in message
    assert "the settings are: templates" in message

    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: pyproject.toml: [tool.funnbank] has no setting `template`") and err.count("\n") == 1


def test_a_setting_that_is_not_a_path_is_a_clear_error(tmp_path: Path) -> None:
    _pyproject(tmp_path, "[tool.funnbank]\ntemplates = 3\n")
    with pytest.raises(SettingsError, match="templates must be a folder path in quotes"):
        load_settings(tmp_path)


class _NoServer:
    """The watcher tells the server that pages changed; here nobody listens."""

    def changed(self) -> None:
        pass


def test_serve_regenerates_when_an_override_changes(corpus_dir: Path, tmp_path: Path) -> None:
    # The accessibility page: no other page links to an anchor in it, so a bare override still builds.
    mine = _folder(tmp_path / "mine", {"accessibility.md.j2": "first override\n"})
    paths = Paths(content=corpus_dir, docs=tmp_path / "docs", overrides=mine)
    assert refresh(paths), preview.read_problems(paths.docs)
    page = next(p for p in paths.docs.rglob("*.md") if p.read_text(encoding="utf-8").endswith("\nfirst override\n"))

    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(paths, _NoServer(), stop), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)  # the watcher's first look at the folders
        (mine / "accessibility.md.j2").write_text("second override\n", encoding="utf-8")
        deadline = time.monotonic() + 20
        while not page.read_text(encoding="utf-8").endswith("\nsecond override\n"):
            assert time.monotonic() < deadline, "the preview did not regenerate after the override changed"
            time.sleep(0.1)
    finally:
        stop.set()
        watcher.join(timeout=5)

    # A templates folder removed while the preview runs is shown as a problem, not a traceback.
    for file in mine.iterdir():
        file.unlink()
    mine.rmdir()
    assert not refresh(paths)
    assert preview.read_problems(paths.docs) == [f"templates folder {mine} does not exist or is not a folder"]
