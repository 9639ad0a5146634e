"""The verbatim check and `quote`: what matching forgives, what a maintainer is told, and paste-ready YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from funnbank.cli import main
from funnbank.loader import load_corpus
from funnbank.quotedraft import text_field
from funnbank.quotes import speaker_label_at_end
from funnbank.sourcetext import SourceText, normalise

from conftest import ROOT, SEEDS

SOURCE = "Det var godt å kom-\n\nme til et sted der\n   jeg ble sett. Helse-\nog sosialfag.\n"


@pytest.mark.parametrize("quote", [
    "Det var godt å komme til et sted der jeg ble sett.",
    "komme til et sted der jeg ble sett",
    "Helse-og sosialfag",
    "Helseog sosialfag",
])
def test_forgiven_differences(quote: str) -> None:
    assert SourceText(SOURCE, "s.txt").contains(quote)


@pytest.mark.parametrize("quote", [
    "det var godt å komme",          # case
    "Det var godt å komme til et sted der jeg ble sett!",  # punctuation
    "Det var fint å komme",          # words
    "kom- me",                       # a hyphen not at a line break is not dropped
])
def test_not_forgiven(quote: str) -> None:
    assert not SourceText(SOURCE, "s.txt").contains(quote)


@pytest.mark.parametrize("text", [
    "Det å komme hit er også en aktivitet. Informant 4",
    "Det var trygt. (Informant 2)",
    "det hjalp meg. informant 4",
    "Vi gikk sammen. Deltaker 3",
    "Vi gikk sammen. Ansatt",
    "Det ga mening. Erfaringskonsulent 1",
    "Jeg er et menneske, jeg er ikke en narkoman (Intervju 4).",
    "Da ble det lettere (4. intervju)",
    "Det var et fristed.» (informant i gruppe 1)",
    "her er det forståelse. (Informanter gruppe 2)",
])
def test_a_swallowed_speaker_label_is_recognised(text: str) -> None:
    assert speaker_label_at_end(text)


@pytest.mark.parametrize("text", [
    "Vi som ansatte har jo også egne erfaringer med dette",
    "Det er viktig å snakke med de ansatte.",
    "Jeg var deltaker i mange år.",
    "Det ble som et intervju",
    "Informant 4 sa at det hjalp å komme hit.",
])
def test_words_that_only_look_like_a_speaker_label_are_not_flagged(text: str) -> None:
    assert speaker_label_at_end(text) is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_every_real_quote_is_verbatim(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "verify-quotes", "--sources", str(SEEDS), "--content", str(ROOT / "content"))
    assert code == 0, err
    assert "0 miss(es)" in out


ALPHA_SOURCE = "\n\n".join([
    "3.2 Tempo",
    "Det var godt å høre til {{ ikke jinja }} <script>alert(1)</script>",
    "Informant 2",
    "I mitt eget tem-",
    "po, sa en av dem.",
]) + "\n"


@pytest.fixture
def alpha(corpus_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The fixture corpus with alpha-2020's source text in a sources folder: (study file, sources folder)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "alpha.txt").write_text(ALPHA_SOURCE, encoding="utf-8")
    study = corpus_dir / "studies" / "alpha-2020.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "source_text: alpha.txt\n", encoding="utf-8")
    return study, sources


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace `old` in the file; the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`build.py ARGS`: its exit code, stdout and stderr."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def verify(capsys: pytest.CaptureFixture[str], study: Path, sources: Path, *more: str) -> tuple[int, str, str]:
    return run(capsys, "verify-quotes", "--sources", str(sources), "--content", str(study.parent.parent), *more)


@pytest.mark.parametrize(("old", "new", "summary", "report"), [
    pytest.param("text: I mitt eget tempo", "text: I mitt eget tempo, sa en av oss.",
                 "1 of 2 quotes found verbatim; 1 miss(es).\n", [
                     "{study}:{line}:5: quotes[1].text: quote q2 not found verbatim in alpha.txt",
                     "  nearest passage, source lines 7–9: «I mitt eget tempo, sa en av dem.»",
                     "  differs at word 8 (source line 9): quote has «oss.», source has «dem.»",
                 ], id="miss"),
    pytest.param("<script>alert(1)</script>\n", "<script>alert(1)</script> Informant 2\n",
                 "2 of 2 quotes found verbatim; 0 miss(es).\n1 quote(s) end with a speaker label.\n", [
                     "{study}:{line}:5: quotes[0].text: quote q1 ends with «Informant 2», a speaker label from the "
                     "source (end the text before it; the speaker goes in `speaker:`)",
                 ], id="verbatim-but-ends-with-a-speaker-label"),
])
def test_a_quote_is_reported_at_its_yaml_line_with_what_is_wrong(
        alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str], old: str, new: str, summary: str,
        report: list[str]) -> None:
    study, sources = alpha
    line = replace_in(study, old, new)
    code, out, err = verify(capsys, study, sources)
    assert (code, out) == (1, summary)
    assert err.splitlines() == [row.format(study=study, line=line) for row in report]


def test_study_restricts_the_check_and_an_unknown_id_gets_a_suggestion(
        alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    study, sources = alpha
    replace_in(study, "text: I mitt eget tempo", "text: I mitt eget tempo!")
    only_beta = verify(capsys, study, sources, "--study", "beta-2021")
    assert only_beta[:2] == (0, "0 of 0 quotes found verbatim; 0 miss(es).\n")
    code, _, err = verify(capsys, study, sources, "--study", "alpha-2021")
    assert (code, err) == (1, "error: no study with id 'alpha-2021'; did you mean 'alpha-2020'?\n")


def test_a_missing_sources_folder_is_one_line(alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    study, sources = alpha
    code, _, err = verify(capsys, study, sources / "nope")
    assert code == 1 and len(err.splitlines()) == 1
    assert err.startswith(f"error: source folder {sources / 'nope'} not found")


def test_a_missing_source_file_is_one_line_not_one_per_quote(
        alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    study, sources = alpha
    (sources / "alpha.txt").unlink()
    line = len(study.read_text(encoding="utf-8").splitlines())
    code, _, err = verify(capsys, study, sources)
    assert (code, err) == (1, f"error: {study}:{line}:1: source_text: alpha.txt is not in {sources} "
                              "(check the file name, or pass the right --sources folder)\n")


def test_a_study_with_quotes_but_no_source_text_is_one_line(
        corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "verify-quotes", "--sources", str(tmp_path), "--content", str(corpus_dir))
    assert code == 1 and len(err.splitlines()) == 1
    assert "alpha-2020.yaml:2:1: source_text: the study has 2 quote(s) but no source_text" in err


# -- quote ---------------------------------------------------------------------------------------

def pages_source() -> str:
    """Two numbered pages (a number line ends each), a heading, a split word, and prose beyond the numbers."""
    lines = ["3.1 Tilhørighet"]
    lines += [f"Fyll på side elleve, linje {i}." for i in range(6)]
    lines += ["«Det var godt å kom-", "me hit, for her ble jeg sett", "hver eneste dag.»", "Informant 3", "11"]
    lines += [f"Fyll på side tolv, linje {i}." for i in range(8)]
    lines += ["12", "3.2 Mestring"] + [f"Mestring, linje {i}." for i in range(40)]
    lines += ["«Jeg fikk ta tempoet selv, og det gjorde", "at jeg ble.»"]
    return "\n\n".join(lines) + "\n"


def quote(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(capsys, "quote", *args)


def test_quote_prints_yaml_that_round_trips_to_a_verbatim_text_with_its_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(pages_source(), encoding="utf-8")
    code, out, err = quote(capsys, str(path), "«Det var godt", "hver eneste dag.»",
                           "--content", str(tmp_path / "none"))
    assert code == 0, err
    assert out.startswith("# pages.txt, lines 15–19\n")
    [item] = yaml.safe_load(out)
    assert item["text"] == "«Det var godt å komme hit, for her ble jeg sett hver eneste dag.»"
    assert SourceText(pages_source(), "pages.txt").contains(item["text"])
    assert item["location"] == "s. 11"
    assert item["speaker"] is None and "# TODO" in out and "«Informant 3 11 Fyll" in out
    assert item["speaker_role"] is None and "# TODO: participant | peer_worker | staff" in out


def test_quote_warns_when_the_passage_runs_over_a_page_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(pages_source(), encoding="utf-8")
    code, out, _ = quote(capsys, str(path), "hver eneste dag.»", "side tolv, linje 0.", "--content", str(tmp_path))
    assert code == 0
    assert "# the text runs over a page break and so holds the page number 11 (source line 23)" in out
    [item] = yaml.safe_load(out)
    assert item["text"] == "hver eneste dag.» Informant 3 11 Fyll på side tolv, linje 0."
    assert item["location"] == "s. 11–12"


def test_quote_names_the_heading_where_no_page_number_is_near(
        alpha: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    study, sources = alpha
    (sources / "pages.txt").write_text(pages_source(), encoding="utf-8")
    code, out, _ = quote(capsys, "pages.txt", "«Jeg fikk ta tempoet selv", "at jeg ble.»",
                         "--sources", str(sources), "--content", str(study.parent.parent))
    assert code == 0
    [item] = yaml.safe_load(out)
    assert item["location"] == "kap. 3.2"
    assert item["id"] == "q1"  # no study uses pages.txt: the id is left to the maintainer
    assert "TODO: the next free quote id" in out


def test_quote_suggests_the_next_id_of_the_study_that_uses_the_source(
        alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    study, sources = alpha
    code, out, _ = quote(capsys, "alpha.txt", "I mitt eget tempo", "--sources", str(sources),
                         "--content", str(study.parent.parent))
    assert code == 0
    assert out.startswith("# alpha.txt, lines 7–9 (study alpha-2020)\n")
    assert yaml.safe_load(out)[0]["id"] == "q3"


def test_quote_lists_the_candidates_when_the_first_words_are_ambiguous(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "twice.txt"
    path.write_text("\n\n".join(["Vi møtes. Så går vi hjem.", "Fyll.", "Vi møtes igjen i morgen."]) + "\n")
    code, out, err = quote(capsys, str(path), "Vi møtes")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: 2 passages in twice.txt match; give more first words (or last words) to pick one:",
        "  line 1: «Vi møtes» . Så går vi hjem. Fyll. Vi møtes igjen i morgen.",
        "  line 5: «Vi møtes» igjen i morgen.",
    ]


def test_quote_takes_the_first_of_a_passage_the_source_repeats_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    filler = [f"Fyll, linje {i}." for i in range(20)]  # the surroundings that show it is the same place
    report = "\n\n".join([*filler, "Vi møtes hver uke.", *filler])
    path = tmp_path / "twice.txt"
    path.write_text(report + "\n" + report + "\n")
    code, out, _ = quote(capsys, str(path), "Vi møtes", "uke.")
    assert code == 0
    assert "# twice.txt, line 41\n# the source repeats itself: the same passage is also at line 122\n" in out
    assert yaml.safe_load(out)[0]["text"] == "Vi møtes hver uke."


def test_quote_shows_the_nearest_passage_when_the_words_are_not_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.txt"
    path.write_text(pages_source(), encoding="utf-8")
    code, _, err = quote(capsys, str(path), "«Det var fint å komme hit")
    assert code == 1
    assert err.splitlines()[0] == "error: first words ««Det var fint å komme hit» not found verbatim in pages.txt"
    assert "differs at word 3 (source line 15): quote has «fint», source has «godt»" in err
    code, _, err = quote(capsys, str(path), "«Det var godt", "hver eneste uke.»")
    assert code == 1 and err.startswith("error: last words «hver eneste uke.»» not found within 5,000 characters "
                                        "after the first words (line 15) in pages.txt")


def test_an_unknown_source_name_gets_a_suggestion(alpha: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, sources = alpha
    code, _, err = quote(capsys, "alfa.txt", "Det var", "--sources", str(sources))
    assert code == 1 and err.strip().endswith("did you mean alpha.txt?")


@pytest.mark.parametrize("text", [
    "Et langt sitat " * 20 + "som slutter her.",
    "# ikke en kommentar: men tekst, med «anførsel» og 'apostrof'",
    "Tekst med \x07 en bjelle",
])
def test_the_text_field_reads_back_exactly(text: str) -> None:
    assert yaml.safe_load("\n".join(text_field(normalise(text))))["text"] == normalise(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_quote_on_the_ends_of_real_quotes_gives_them_back(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = load_corpus(ROOT / "content")
    for study in corpus.studies:
        # A quote whose last six words are not also earlier in it, so that they end it.
        chosen = next(q for q in study.quotes if normalise(q.text).count(" ".join(q.text.split()[-6:])) == 1)
        words = chosen.text.split()
        code, out, err = quote(capsys, str(study.source_text), " ".join(words[:6]), " ".join(words[-6:]),
                               "--sources", str(SEEDS))
        assert code == 0, (study.id, err)
        [item] = yaml.safe_load(out)
        assert item["text"] == normalise(chosen.text), study.id
        assert SourceText.load(SEEDS / str(study.source_text)).contains(item["text"])
        assert f"(study {study.id})" in out.splitlines()[0]
