"""The preview's web server: the built preview folder, with live reload and the problems banner.

Every HTML page it sends carries a small script that waits on `/__preview__/wait` (a long poll) and
reloads the page when the preview changes (`PreviewServer.changed`: a rebuild, or its problems), and
the problems of the last rebuild as a banner at the top (`preview.with_banner`). Nothing of this is
written into the built pages: it is added as they are sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from funnbank import preview

WAIT_PATH = "/__preview__/wait"
WAIT_SECONDS = 25.0  # a long poll ends after this even without a change, and the page asks again
# `%s` is the preview's version when the page was sent: a page sent before a rebuild reloads at once.
RELOAD_SCRIPT = (
    '<script>(()=>{const v="%s";const wait=()=>fetch("' + WAIT_PATH + '?v="+v,{cache:"no-store"})'
    '.then(r=>r.text()).then(t=>{if(t!==v){location.reload()}else{wait()}},()=>setTimeout(wait,1000));'
    "wait()})()</script>"
)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, problems: Callable[[], list[str]], host: str, port: int) -> None:
        self.root, self.problems = root, problems
        self.version = 0
        self._changes = threading.Condition()
        super().__init__((host, port), partial(_Handler, directory=str(root)))

    def changed(self) -> None:
        """The preview changed: every open page reloads."""
        with self._changes:
            self.version += 1
            self._changes.notify_all()

    def wait_for_change(self, since: str, timeout: float = WAIT_SECONDS) -> int:
        """The version once it is not `since`, or after `timeout` seconds."""
        with self._changes:
            self._changes.wait_for(lambda: str(self.version) != since, timeout)
            return self.version


class _Handler(SimpleHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802: the name http.server calls
        url = urlsplit(self.path)
        if url.path == WAIT_PATH:
            since = parse_qs(url.query).get("v", [""])[0]
            self._send(HTTPStatus.OK, str(self.server.wait_for_change(since)).encode(), "text/plain")
            return
        page = self._page(url.path)
        if page is None:
            super().do_GET()  # anything that is not a page, and folders without their slash (a redirect)
            return
        status = HTTPStatus.NOT_FOUND if page.name == "404.html" and not url.path.endswith("404.html") else HTTPStatus.OK
        self._send(status, self._with_preview(page.read_text(encoding="utf-8")).encode(), "text/html; charset=utf-8")

    def _page(self, path: str) -> Path | None:
        """The HTML file a path shows: the page, a folder's `index.html`, or the 404 page; None for other files."""
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            return local
        if not local.exists() and not local.suffix:
            missing = self.server.root / "404.html"
            return missing if missing.is_file() else None
        return None

    def _with_preview(self, page: str) -> str:
        page = preview.with_banner(page, self.server.problems())
        script = RELOAD_SCRIPT % self.server.version
        end = page.rfind("</body>")
        return page[:end] + script + page[end:] if end >= 0 else page + script

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """Nothing the preview sends is cached: a style or script changed by a rebuild is fetched again."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002: http.server's signature
        """Quiet: the terminal shows rebuilds and problems, not every request."""
