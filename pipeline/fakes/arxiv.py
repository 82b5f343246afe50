"""A local arXiv: writes real-format RSS/Atom documents and serves them over HTTP.

:func:`render_rss` writes a feed the way rss.arxiv.org does (channel pubDate at
midnight US Eastern, items ordered new, cross, replace, replace-cross, all
authors in one ``dc:creator``). :class:`FakeArxiv` serves such feeds at
``/rss/<category>`` with ETag/Last-Modified and 304s, answers an unknown
category with arXiv's HTTP 400 error feed, serves a paged Atom API at
``/api/query``, and can be scripted to fail (``script``) like the real one does.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterable
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from pipeline import taxonomy
from pipeline.paper import ANNOUNCE_RANK, PaperRecord

EASTERN = ZoneInfo("America/New_York")


def _midnight_eastern(day: date) -> str:
    return format_datetime(datetime.combine(day, dtime(0, 0), tzinfo=EASTERN))


def render_rss(category: str, day: date, records: Iterable[PaperRecord], *, prefixes: tuple[str, str] = ("atom", "arxiv")) -> bytes:
    """An rss.arxiv.org document for one category and announcement day."""
    atom, arx = prefixes
    items = sorted(records, key=lambda r: (ANNOUNCE_RANK.get(r.announce_type, 9), _neg_id(r.arxiv_id)))
    pub = _midnight_eastern(day)
    build = format_datetime(datetime.combine(day, dtime(4, 0), tzinfo=ZoneInfo("UTC")))
    out = [
        '<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n',
        f'<rss xmlns:{arx}="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:{atom}="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n',
        "  <channel>\n",
        f"    <title>{escape(category)} updates on arXiv.org</title>\n",
        f"    <link>http://rss.arxiv.org/rss/{escape(category)}</link>\n",
        f"    <description>{escape(category)} updates on the arXiv.org e-print archive.</description>\n",
        f'    <{atom}:link href="http://rss.arxiv.org/rss/{escape(category)}" rel="self" type="application/rss+xml"/>\n',
        "    <docs>http://www.rssboard.org/rss-specification</docs>\n",
        "    <language>en-us</language>\n",
        f"    <lastBuildDate>{build}</lastBuildDate>\n",
        "    <managingEditor>rss-help@arxiv.org</managingEditor>\n",
        f"    <pubDate>{pub}</pubDate>\n",
        "    <skipDays>\n      <day>Saturday</day>\n      <day>Sunday</day>\n    </skipDays>\n",
    ]
    for r in items:
        out.append("    <item>\n")
        out.append(f"      <title>{escape(r.title)}</title>\n")
        out.append(f"      <link>https://arxiv.org/abs/{escape(r.arxiv_id)}</link>\n")
        out.append(
            f"      <description>arXiv:{escape(r.arxiv_id)}v{r.version} Announce Type: {r.announce_type} \n"
            f"Abstract: {escape(r.abstract)}</description>\n"
        )
        out.append(f'      <guid isPermaLink="false">oai:arXiv.org:{escape(r.arxiv_id)}v{r.version}</guid>\n')
        for cat in r.categories:
            out.append(f"      <category>{escape(cat)}</category>\n")
        out.append(f"      <pubDate>{pub}</pubDate>\n")
        out.append(f"      <{arx}:announce_type>{r.announce_type}</{arx}:announce_type>\n")
        out.append("      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>\n")
        if r.doi:
            out.append(f"      <{arx}:DOI>{escape(r.doi)}</{arx}:DOI>\n")
        if r.journal_ref:
            out.append(f"      <{arx}:journal_reference>{escape(r.journal_ref)}</{arx}:journal_reference>\n")
        out.append(f"      <dc:creator>{escape(', '.join(r.authors))}</dc:creator>\n")
        out.append("    </item>\n")
    out.append("  </channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def _neg_id(arxiv_id: str) -> tuple:
    # items within a type come by id descending
    return tuple(-ord(c) for c in arxiv_id)


def render_error_feed(query: str) -> bytes:
    """arXiv's answer to an unknown category (served with HTTP 400)."""
    return (
        '<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">'
        f"<channel><title>Feed error for query: {escape(query)}</title>"
        f"<link>http://rss.arxiv.org/rss/{escape(query)}</link>"
        "<description>Invalid category or archive in query</description></channel></rss>"
    ).encode("utf-8")


def render_api(records: list[PaperRecord], *, total: int, start: int, per_page: int, query: str = "") -> bytes:
    """An export.arxiv.org API (Atom) response page."""
    out = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n',
        "  <id>https://arxiv.org/api/local</id>\n",
        f"  <title>arXiv Query: search_query={escape(query)}&amp;start={start}&amp;max_results={per_page}</title>\n",
        "  <updated>2026-01-01T00:00:00Z</updated>\n",
        f"  <opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>\n",
        f"  <opensearch:totalResults>{total}</opensearch:totalResults>\n",
        f"  <opensearch:startIndex>{start}</opensearch:startIndex>\n",
    ]
    for r in records:
        stamp = f"{(r.announced_on or date(2026, 1, 1)).isoformat()}T12:00:00Z"
        out.append("  <entry>\n")
        out.append(f"    <id>http://arxiv.org/abs/{escape(r.arxiv_id)}v{r.version}</id>\n")
        out.append(f"    <title>{escape(r.title)}</title>\n")
        out.append(f"    <updated>{stamp}</updated>\n")
        out.append(f'    <link href="https://arxiv.org/abs/{escape(r.arxiv_id)}v{r.version}" rel="alternate" type="text/html"/>\n')
        out.append(f'    <link href="https://arxiv.org/pdf/{escape(r.arxiv_id)}v{r.version}" rel="related" type="application/pdf" title="pdf"/>\n')
        out.append(f"    <summary>{escape(r.abstract)}</summary>\n")
        for cat in r.categories:
            out.append(f'    <category term={quoteattr(cat)} scheme="http://arxiv.org/schemas/atom"/>\n')
        out.append(f"    <published>{stamp}</published>\n")
        out.append(f"    <arxiv:primary_category term={quoteattr(r.primary_category)}/>\n")
        if r.doi:
            out.append(f"    <arxiv:doi>{escape(r.doi)}</arxiv:doi>\n")
        for name in r.authors:
            out.append(f"    <author>\n      <name>{escape(name)}</name>\n    </author>\n")
        out.append("  </entry>\n")
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


@dataclass
class Scripted:
    """One scripted answer: status, headers, body, and a delay before answering."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeArxiv:
    """A local HTTP server that behaves like rss.arxiv.org and export.arxiv.org/api."""

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.api_records: list[PaperRecord] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._scripts: dict[str, list[Scripted]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- configuration -------------------------------------------------
    def set_feed(self, category: str, body: bytes) -> None:
        with self._lock:
            self.feeds[category] = body

    def script(self, path: str, *answers: Scripted) -> None:
        """Answer the next requests for ``path`` with ``answers``, in order, then behave normally."""
        with self._lock:
            self._scripts.setdefault(path, []).extend(answers)

    def requests_for(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    # -- lifecycle -----------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def rss_base(self) -> str:
        return f"{self.url}/rss"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/query"

    def start(self) -> FakeArxiv:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_GET(self) -> None:  # noqa: N802
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-arxiv", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeArxiv:
        return self.start()

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.stop()

    # -- serving -------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path = parts.path
        with self._lock:
            self.requests.append((path, {k: v for k, v in h.headers.items()}))
            queue = self._scripts.get(path)
            scripted = queue.pop(0) if queue else None
        if scripted is not None:
            if scripted.delay:
                time.sleep(scripted.delay)
            self._send(h, scripted.status, scripted.body, scripted.headers)
            return
        if path.startswith("/rss/"):
            self._serve_feed(h, path.removeprefix("/rss/"))
        elif path == "/api/query":
            self._serve_api(h, parse_qs(parts.query))
        else:
            self._send(h, 404, b"<html><body><h1>404 Not Found</h1></body></html>", {"Content-Type": "text/html"})

    def _serve_feed(self, h: BaseHTTPRequestHandler, category: str) -> None:
        with self._lock:
            body = self.feeds.get(category)
        if body is None:
            if all(taxonomy.is_known(c) for c in category.split("+")):
                self._send(h, 404, b"<html><body>no feed configured</body></html>", {"Content-Type": "text/html"})
            else:
                self._send(h, 400, render_error_feed(category), {"Content-Type": "application/rss+xml; charset=utf-8"})
            return
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        last_modified = "Mon, 23 Nov 2026 05:00:00 GMT"
        headers = {"ETag": etag, "Last-Modified": last_modified, "Content-Type": "application/rss+xml; charset=utf-8"}
        if h.headers.get("If-None-Match") == etag:
            self._send(h, 304, b"", headers)
            return
        self._send(h, 200, body, headers)

    def _serve_api(self, h: BaseHTTPRequestHandler, query: dict[str, list[str]]) -> None:
        start = int(query.get("start", ["0"])[0])
        per_page = int(query.get("max_results", ["10"])[0])
        search = query.get("search_query", [""])[0]
        with self._lock:
            records = [r for r in self.api_records if any(f"cat:{c}" in search for c in r.categories)] if "cat:" in search else list(self.api_records)
        page = records[start : start + per_page]
        body = render_api(page, total=len(records), start=start, per_page=per_page, query=search)
        self._send(h, 200, body, {"Content-Type": "application/atom+xml; charset=utf-8"})

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        try:
            h.send_response(status)
            sent = {k.lower() for k in headers}
            for key, value in headers.items():
                h.send_header(key, value)
            if "content-length" not in sent:
                h.send_header("Content-Length", str(len(body)) if status != 304 else "0")
            h.end_headers()
            if body and status != 304:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
