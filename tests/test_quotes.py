"""The verbatim check: what it forgives (whitespace, line-break hyphens) and what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from funnbank.cli import main
from funnbank.quotes import is_verbatim, source_variants

from conftest import ROOT, SEEDS

SOURCE = "Det var godt å kom-\n\nme til et sted der\n   jeg ble sett. Helse-\nog sosialfag.\n"


@pytest.mark.parametrize("quote", [
    "Det var godt å komme til et sted der jeg ble sett.",
    "komme til et sted der jeg ble sett",
    "Helse-og sosialfag",
    "Helseog sosialfag",
])
def test_forgiven_differences(quote: str) -> None:
    assert is_verbatim(quote, source_variants(SOURCE))


@pytest.mark.parametrize("quote", [
    "det var godt å komme",          # case
    "Det var godt å komme til et sted der jeg ble sett!",  # punctuation
    "Det var fint å komme",          # words
    "kom- me",                       # a hyphen not at a line break is not dropped
])
def test_not_forgiven(quote: str) -> None:
    assert not is_verbatim(quote, source_variants(SOURCE))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_every_real_quote_is_verbatim(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify-quotes", "--sources", str(SEEDS), "--content", str(ROOT / "content")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "0 miss(es)" in out.out


def test_a_changed_quote_is_reported(corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "alpha.txt").write_text("Det var godt å høre til {{ ikke jinja }} <script>alert(1)</script>\n")
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    study.write_text(study.read_text() + "source_text: alpha.txt\n")
    assert main(["verify-quotes", "--sources", str(sources), "--content", str(corpus_dir)]) == 1
    err = capsys.readouterr().err
    assert "quotes[q2]: not found verbatim" in err and "quotes[q1]" not in err
