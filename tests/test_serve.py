"""`build.py serve`: saving a YAML file refreshes the page in the browser."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


def test_editing_a_study_refreshes_the_open_page(browser, corpus_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--content", str(corpus_dir), "--docs", str(tmp_path / "docs"),
         "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/studier/alpha-2020/"
        _wait_for(url)
        page = browser.new_page()
        page.goto(url)
        assert "Fellesskap i gruppa" in page.inner_text("article")
        study = corpus_dir / "studies" / "alpha-2020.yaml"
        study.write_text(study.read_text(encoding="utf-8").replace("Fellesskap i gruppa", "Endret overskrift"),
                         encoding="utf-8")
        # MkDocs' live reload navigates the open page itself; nothing here reloads it.
        page.wait_for_function("document.body.innerText.includes('Endret overskrift')", timeout=20_000)
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
