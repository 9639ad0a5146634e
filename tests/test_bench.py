"""The benchmark script runs end to end on a tiny corpus and writes every documented field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# The fields bench/README.md documents for each row of bench/results.json.
ROW_FIELDS = {
    "n", "pages", "seconds_total", "ms_per_page", "phases", "peak_mb", "peak_process_mb", "html_files",
    "study_page_kb", "site_mb", "search_index_mb", "page_sizes_kb", "largest_page", "first_search_kb",
    "search_page_kb", "search_page_query_kb", "search_detail", "rebuild", "code_changed", "zensical",
}
REBUILD_FIELDS = {"seconds", "phases", "pages_rendered", "pages_reused", "peak_process_mb", "equals_full_build",
                  "differing_pages", "full_build_seconds"}


def test_benchmark_writes_a_row_with_every_field(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "3", "--no-browser", "--no-serve", "--no-zensical",
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "query", "sizes", "rows", "zensical", "serve", "targets"} <= result.keys()
    assert {"cpu_count", "python", "date"} <= result["machine"].keys()
    [row] = result["rows"]
    assert ROW_FIELDS <= row.keys(), ROW_FIELDS - row.keys()
    assert row["n"] == 3 and row["pages"] > 0 and row["html_files"] > 0
    assert row["seconds_total"] > 0 and row["ms_per_page"] > 0 and row["study_page_kb"] > 0
    # The phases are the build's own report's; memory is every process's: the build, each edition, Pagefind.
    assert {"load", "generate", "mkdocs", "search", "swap"} <= row["phases"].keys()
    assert {"build", "edition nb", "edition en", "pagefind"} <= row["peak_mb"].keys()
    assert all(mb > 0 for mb in row["peak_mb"].values())
    assert REBUILD_FIELDS <= row["rebuild"].keys()
    assert row["rebuild"]["equals_full_build"] is True and row["rebuild"]["pages_reused"] > 0
    assert row["zensical"] == {"status": "skipped"}
    assert row["first_search_kb"] is None  # --no-browser
    # Every target of issue 18 is listed; those this run cannot measure say so instead of passing.
    assert len(result["targets"]) == 12
    assert row["largest_page"]["kb"] > 0 and row["largest_page"]["url"].startswith("/")
    assert {t["status"] for t in result["targets"]} <= {"PASS", "MISS", "n/a"}
    # The table and the target lines are printed.
    assert "| N | pages |" in proc.stdout and "Targets:" in proc.stdout
