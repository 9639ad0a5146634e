"""`new` writes valid skeletons whose placeholders `check` lists; `schema/` matches the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from funnbank.kinds import KINDS
from funnbank.cli import main
from funnbank.loader import read_content
from funnbank.rules import RULES
from funnbank.skeletons import PLACEHOLDER
from funnbank.schema import stale_schemas

from conftest import ROOT


def test_new_skeletons_are_valid_and_check_lists_what_is_left_to_do(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    for kind, id in (("study", "ny-studie"), ("concept", "nytt-begrep"), ("theme", "nytt-tema")):
        assert main(["new", kind, id, "--content", str(content)]) == 0
    text = (content / "studies" / "ny-studie.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/study.schema.json")
    loaded = read_content(content)
    assert loaded.problems == []  # valid as written: `build` previews it, with warnings
    capsys.readouterr()
    assert main(["check", "--content", str(content)]) == 1
    assert "0 stop the build" in capsys.readouterr().err
    broken = {rule.name: list(rule.check(loaded)) for rule in RULES}
    assert {name for name, problems in broken.items() if problems} == {
        "title-in-english", "summary-in-english", "finding-summary-in-english", "research-questions",
        "recommendations", "quotes-per-study", "quote-per-finding", "theme-per-finding", "concept-used",
        "theme-two-studies", "no-placeholders", "appraisal", "user-involvement", "review-findings",
        "facts-in-english"}
    placeholders = {(p.path.stem, p.field) for p in broken["no-placeholders"]}
    assert placeholders == {
        ("ny-studie", "title"), ("ny-studie", "service.name"), ("ny-studie", "summary.nb"),
        ("ny-studie", "findings[0].title"), ("ny-studie", "findings[0].summary.nb"),
        ("ny-studie", "short_name.nb"), ("ny-studie", "short_name.en"), ("nytt-tema", "tagline.nb"), ("nytt-tema", "tagline.en"),
        *((id, field) for id, texts in (("nytt-begrep", "definition"), ("nytt-tema", "description"))
          for field in ("label.nb", "label.en", f"{texts}.nb", f"{texts}.en"))}
    # Every placeholder outside a comment is one of those.
    written = [line for path in content.rglob("*.yaml") for line in path.read_text(encoding="utf-8").splitlines()
               if PLACEHOLDER in line.split("#")[0]]
    assert len(written) == len(placeholders) - 4  # both texts of a flow mapping (labels, short name, tagline) share a line


def test_new_refuses_to_overwrite_or_bad_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    assert main(["new", "theme", "t", "--content", str(content)]) == 0
    assert main(["new", "theme", "t", "--content", str(content)]) == 1
    assert main(["new", "theme", "Ikke Gyldig", "--content", str(content)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_schemas_are_current() -> None:
    assert stale_schemas(ROOT / "schema") == [], "run `python build.py schema` and commit schema/"


def test_content_files_point_editors_at_their_schema() -> None:
    for kind in KINDS.values():
        for path in sorted((ROOT / "content" / kind.folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schema/{kind.name}.schema.json", path
