"""`new` writes skeletons that pass `check`; `schema/` matches the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from funnbank.cli import main
from funnbank.schema import stale_schemas

from conftest import ROOT


def test_new_skeletons_pass_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    for kind, id in (("study", "ny-studie"), ("concept", "nytt-begrep"), ("theme", "nytt-tema")):
        assert main(["new", kind, id, "--content", str(content)]) == 0
    assert main(["check", "--content", str(content)]) == 0, capsys.readouterr().err
    text = (content / "studies" / "ny-studie.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/study.schema.json")


def test_new_refuses_to_overwrite_or_bad_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    assert main(["new", "theme", "t", "--content", str(content)]) == 0
    assert main(["new", "theme", "t", "--content", str(content)]) == 1
    assert main(["new", "theme", "Ikke Gyldig", "--content", str(content)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_schemas_are_current() -> None:
    assert stale_schemas(ROOT / "schema") == [], "run `python build.py schema` and commit schema/"


def test_content_files_point_editors_at_their_schema() -> None:
    for kind, name in (("studies", "study"), ("concepts", "concept"), ("themes", "theme")):
        for path in sorted((ROOT / "content" / kind).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schema/{name}.schema.json", path
