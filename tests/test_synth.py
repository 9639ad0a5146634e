"""The synthetic benchmark corpus: valid, deterministic, realistically sized, and growing with N."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from funnbank.kinds import KINDS
from funnbank.corpus import Corpus
from funnbank.loader import load_corpus
from funnbank.model import RESERVED_ANCHORS
from funnbank.privacy import contact_details
from funnbank.synth import SynthReport, write_synthetic_corpus

SIZES = (3, 30)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, SynthReport, Corpus]]:
    """Each size written and loaded once for the whole module (loading is the slow part)."""
    result = {}
    for n in SIZES:
        out = tmp_path_factory.mktemp(f"synth{n}")
        report = write_synthetic_corpus(n, out)
        result[n] = (out, report, load_corpus(out))
    return result


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


@pytest.mark.parametrize("n", SIZES)
def test_corpus_loads_with_the_reported_counts(generated: dict[int, tuple[Path, SynthReport, Corpus]], n: int) -> None:
    _, report, corpus = generated[n]
    assert report == SynthReport(
        studies=len(corpus.studies), concepts=len(corpus.concepts), themes=len(corpus.themes),
        findings=sum(len(s.findings) for s in corpus.studies), quotes=sum(len(s.quotes) for s in corpus.studies),
        recommendations=sum(len(s.recommendations) for s in corpus.studies),
    )
    assert report.studies == n


def test_shared_concepts_and_themes_grow_with_n(generated: dict[int, tuple[Path, SynthReport, Corpus]]) -> None:
    small, large = generated[3][1], generated[30][1]
    assert (small.concepts, small.themes) == (20, 6)
    assert (large.concepts, large.themes) == (26, 7)


def test_every_study_has_a_realistic_size(generated: dict[int, tuple[Path, SynthReport, Corpus]]) -> None:
    for study in generated[30][2].studies:
        assert 4 <= len(study.findings) <= 6
        assert 13 <= len(study.quotes) <= 17
        assert 4 <= len(study.recommendations) <= 6
        assert study.year is not None and 2000 <= study.year <= 2025
        assert study.summary.en and all(q.translation_en for q in study.quotes)
        ids = [item.id for field in ("findings", "quotes", "recommendations") for item in getattr(study, field)]
        assert len(ids) == len(set(ids)) and not RESERVED_ANCHORS & set(ids)
        parents = {f.id: f.parent for f in study.findings}
        assert all(parents[p] is None for p in parents.values() if p is not None), "at most two levels"


def test_every_concept_is_used_and_every_theme_by_two_studies(
    generated: dict[int, tuple[Path, SynthReport, Corpus]],
) -> None:
    corpus = generated[30][2]
    used = {c for s in corpus.studies for f in s.findings for c in f.concepts}
    assert used == {c.id for c in corpus.concepts}
    for theme in corpus.themes:
        assert sum(any(theme.id in f.themes for f in s.findings) for s in corpus.studies) >= 2, theme.id


def test_files_carry_the_schema_line_and_no_contact_details(
    generated: dict[int, tuple[Path, SynthReport, Corpus]],
) -> None:
    out = generated[30][0]
    for kind in KINDS.values():
        for path in (out / kind.folder).glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind.name}.schema.json\n")
            assert contact_details(text) == [], path


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    write_synthetic_corpus(3, tmp_path / "a", seed=7)
    # A separate interpreter with another hash seed: set iteration order must not leak into the output.
    script = "import sys; from pathlib import Path; from funnbank.synth import write_synthetic_corpus as w; " \
             "w(3, Path(sys.argv[1]), seed=7)"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "b")], check=True, env=env)
    write_synthetic_corpus(3, tmp_path / "c", seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_smaller_rerun_removes_the_extra_files(tmp_path: Path) -> None:
    write_synthetic_corpus(30, tmp_path)
    (tmp_path / "studies" / "notes.txt").write_text("kept", encoding="utf-8")
    report = write_synthetic_corpus(3, tmp_path)
    assert len(list((tmp_path / "studies").glob("*.yaml"))) == report.studies == 3
    assert len(list((tmp_path / "concepts").glob("*.yaml"))) == report.concepts == 20
    assert len(list((tmp_path / "themes").glob("*.yaml"))) == report.themes == 6
    assert (tmp_path / "studies" / "notes.txt").read_text(encoding="utf-8") == "kept"


def test_a_negative_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_synthetic_corpus(-1, tmp_path)
