"""A small website for the crawler's tests and benchmark, served on 127.0.0.1 from a thread.

Under /site/ it has everything a crawler meets on an old public site (see
SITE_PAGES); under /book/ a chain of plain chapters; under /gen/ as many
generated pages as asked for.  Every request is logged with its time and headers.

    python tests/crawl_site.py --pages 2000     # serve until killed; prints the base URL
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 03 Mar 2009 10:00:00 GMT"
BOOK_CHAPTERS = 12


@dataclass
class Request:
    time: float  # time.monotonic() when the request line arrived
    path: str
    host: str
    headers: dict[str, str]  # lower-cased names


def make_pdf(text: str) -> bytes:
    """A one-page PDF showing `text`, its cross-reference table computed by hand."""
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def html(title: str, body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
            f"<body><h1>{title}</h1>{body}</body></html>").encode()


def links(*hrefs: str) -> str:
    return "<ul>" + "".join(f'<li><a href="{h}">{h}</a></li>' for h in hrefs) + "</ul>"


INDEX_LINKS = (
    "about.html", "{base}/site/news/one.html", "news/two.html#part-2", "#top",
    "mailto:trata@example.org", "javascript:void(0)", "tel:+12025550100", "data:text/html,hola",
    "private/secret.html", "private/open.html", "search.cgi", "search.cgi?q=trata",
    "/outside/page.html", "http://localhost:{port}/site/index.html",
    "about.html?utm_source=newsletter&fbclid=x1", "moved", "temp", "loop-a", "leave", "sneaky",
    "missing.html", "broken.html", "flaky.html", "busy.html",
    "slow.html", "endless.html", "big.html", "big-stream.html", "bomb.html", "gzipped.html",
    "picture.png", "cp1252.html", "report.pdf", "unlabelled.pdf", "notes.txt",
    "copy-a.html", "copy-b.html", "based/index.html", "frames.html",
)
# What the crawler should keep of /site/, each path once.
SITE_DOCUMENTS = (
    "index.html", "about.html", "news/one.html", "news/two.html", "private/open.html", "search.cgi?q=trata",
    "news/target.html", "flaky.html", "busy.html", "gzipped.html", "cp1252.html", "report.pdf",
    "unlabelled.pdf", "notes.txt", "copy-a.html", "based/index.html", "news/three.html", "frames.html",
    "framed.html", "inline.html", "area.html", "orphan.html",
)
SAME_BYTES = html("Shared statement", "<p>The same words, published under two addresses.</p>")
CP1252_PAGE = ("<html><head><title>Seguridad P\u00fablica</title></head><body>"
               "<p>Taller sobre trata de personas en San Jos\u00e9: \u201cprotecci\u00f3n\u201d de v\u00edctimas.</p>"
               "</body></html>").encode("windows-1252")


class Site:
    """The test website. Use as a context manager: it serves while the block runs."""

    def __init__(self, generated_pages: int = 0):
        self.generated_pages = generated_pages
        self.crawl_delay: float | None = None  # what robots.txt asks for
        self.robots_status = 200
        self.book_edition = 1  # changes the text of chapter 3
        self.slow_seconds = 1.5
        self.log: list[Request] = []
        self.hits: Counter = Counter()
        self._server: ThreadingHTTPServer | None = None
        self._bomb: bytes | None = None

    def __enter__(self) -> Site:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.site = self
        self._server.handle_error = lambda request, address: None  # clients that hang up are expected
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, prefix: str = "/") -> list[Request]:
        return [r for r in self.log if r.path.startswith(prefix)]

    def bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(bytes(20_000_000), compresslevel=9)
        return self._bomb

    def page(self, path: str) -> tuple[int, dict[str, str], bytes] | None:
        """(status, headers, body) for the pages served whole; None for the ones handled as streams."""
        n = self.hits[path]
        if path == "/robots.txt" and self.robots_status != 200:
            return self.robots_status, {"Content-Type": "text/plain"}, b"No rules today."
        if path == "/robots.txt":
            delay = f"Crawl-delay: {self.crawl_delay}\n" if self.crawl_delay else ""
            rules = ("User-agent: otherbot\nDisallow: /\n\n"
                     "User-agent: *\nDisallow: /site/private/\nAllow: /site/private/open.html\nDisallow: /*.cgi$\n"
                     f"{delay}\nSitemap: {self.base}/sitemap.xml\n")
            return 200, {"Content-Type": "text/plain"}, rules.encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{self.base}/sitemaps/pages.xml</loc></sitemap></sitemapindex>").encode()
        if path == "/sitemaps/pages.xml":
            urls = "".join(f"<url><loc>{self.base}{p}</loc></url>"
                           for p in ("/site/orphan.html", "/outside/listed.html", "/site/index.html"))
            return 200, {"Content-Type": "application/xml"}, (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()
        redirects = {"/site/moved": (301, "about.html"), "/site/temp": (302, "news/target.html"),
                     "/site/loop-a": (302, "loop-b"), "/site/loop-b": (302, "/site/loop-a"),
                     "/site/leave": (302, f"{self.base}/outside/away.html"),
                     "/site/sneaky": (302, "private/hidden.html")}
        if path in redirects:
            status, location = redirects[path]
            return status, {"Location": location, "Content-Type": "text/html"}, b"<p>Moved.</p>"
        if path == "/site/missing.html":
            return 404, {"Content-Type": "text/html"}, b"<p>Not here.</p>"
        if path == "/site/broken.html":
            return 500, {"Content-Type": "text/html"}, b"<p>Server trouble.</p>"
        if path == "/site/flaky.html" and n == 1:
            return 503, {"Content-Type": "text/html"}, b"<p>Back soon.</p>"
        if path == "/site/busy.html" and n == 1:
            return 429, {"Content-Type": "text/html", "Retry-After": "1"}, b"<p>Too many requests.</p>"
        if path == "/site/big.html":
            return 200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>"
        if path == "/site/bomb.html":
            return 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, self.bomb()
        if path == "/site/gzipped.html":
            body = html("Compressed bulletin", "<p>Sent gzip-encoded to save bandwidth.</p>")
            return 200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gzip.compress(body)
        files = {
            "/site/picture.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            "/site/cp1252.html": ("text/html", CP1252_PAGE),
            "/site/report.pdf": ("application/pdf", make_pdf("Report on trafficking in persons 2009")),
            "/site/unlabelled.pdf": ("application/octet-stream", make_pdf("Work plan on public security")),
            "/site/notes.txt": ("text/plain; charset=utf-8", "Notes of the meeting in Bogot\u00e1.\n".encode()),
            "/site/copy-a.html": ("text/html", SAME_BYTES),
            "/site/copy-b.html": ("text/html", SAME_BYTES),
        }
        if path in files:
            content_type, body = files[path]
            return 200, {"Content-Type": content_type}, body
        pages = {
            "/site/index.html": html("Public security", links(*(h.format(base=self.base, port=self.port)
                                                                for h in INDEX_LINKS))),
            "/site/about.html": html("About", '<iframe src="inline.html"></iframe><map name="m">'
                                              '<area href="area.html" shape="rect" coords="0,0,9,9"></map>'),
            "/site/news/one.html": html("News one", "<p>First item of the bulletin.</p>"),
            "/site/news/two.html": html("News two", '<p id="part-2">Second item.</p>'),
            "/site/news/three.html": html("News three", "<p>Reached through a base href.</p>"),
            "/site/news/target.html": html("Target", "<p>Where a temporary redirect leads.</p>"),
            "/site/private/open.html": html("Open", "<p>Allowed by an Allow rule.</p>"),
            "/site/search.cgi?q=trata": html("Search", "<p>Results for trata.</p>"),
            "/site/flaky.html": html("Flaky", "<p>Answered on the second try.</p>"),
            "/site/busy.html": html("Busy", "<p>Answered after the wait asked for.</p>"),
            "/site/based/index.html": html("Based", links("three.html"), head='<base href="/site/news/">'),
            "/site/frames.html": b'<html><frameset><frame src="framed.html"></frameset></html>',
            "/site/framed.html": html("Framed", "<p>Inside a frame.</p>"),
            "/site/inline.html": html("Inline", "<p>Inside an iframe.</p>"),
            "/site/area.html": html("Area", "<p>Linked from an image map.</p>"),
            "/site/orphan.html": html("Orphan", "<p>Listed only in the sitemap.</p>"),
        }
        if path in pages:
            return 200, {"Content-Type": "text/html"}, pages[path]
        if path.startswith("/book/"):
            return self.book(path)
        if path.startswith("/gen/"):
            return self.generated(path)
        return 404, {"Content-Type": "text/html"}, b"<p>No such page.</p>"

    def book(self, path: str):
        name = path.removeprefix("/book/")
        if name == "index.html":
            chapters = links(*(f"chapter-{i}.html" for i in range(1, BOOK_CHAPTERS + 1)))
            text = f"<p>A guide in {BOOK_CHAPTERS} chapters.</p>{chapters}"
            return 200, {"Content-Type": "text/html"}, html("Book", text)
        for i in range(1, BOOK_CHAPTERS + 1):
            if name == f"chapter-{i}.html":
                nav = links("index.html", f"chapter-{i % BOOK_CHAPTERS + 1}.html")
                edition = f" (edition {self.book_edition})" if i == 3 else ""
                text = f"<p>Chapter {i} of the guide{edition}.</p>{nav}"
                return 200, {"Content-Type": "text/html"}, html(f"Chapter {i}", text)
        return 404, {"Content-Type": "text/html"}, b"<p>No such chapter.</p>"

    def generated(self, path: str):
        try:
            n = int(path.removeprefix("/gen/").removesuffix(".html"))
        except ValueError:
            n = -1
        if not 0 <= n < self.generated_pages:
            return 404, {"Content-Type": "text/html"}, b"<p>No such page.</p>"
        targets = [t for t in (2 * n + 1, 2 * n + 2, (n * 7 + 3) % self.generated_pages) if t < self.generated_pages]
        text = f"<p>Page {n} of a generated site about regional cooperation against trafficking.</p>" * 40
        return 200, {"Content-Type": "text/html; charset=utf-8"}, html(f"Page {n}", text + links(*(f"{t}.html"
                                                                                               for t in targets)))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms wait for an ACK

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        site: Site = self.server.site
        site.log.append(Request(time.monotonic(), self.path, self.headers.get("Host", ""),
                                {k.lower(): v for k, v in self.headers.items()}))
        site.hits[self.path] += 1
        try:
            if self.path == "/site/slow.html":
                time.sleep(site.slow_seconds)
                return self.send(200, {"Content-Type": "text/html"}, b"<p>Too late.</p>")
            if self.path == "/site/endless.html":
                return self.trickle(b"<p>and more", pause=0.05, times=400)
            if self.path == "/site/big-stream.html":
                return self.trickle(b"x" * 10_000, pause=0, times=30)
            status, headers, body = site.page(self.path)
            if status == 200 and "Content-Encoding" not in headers:
                etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                headers = {**headers, "ETag": etag, "Last-Modified": LAST_MODIFIED}
                match = self.headers.get("If-None-Match")
                since = self.headers.get("If-Modified-Since")
                if match == etag or (match is None and since == LAST_MODIFIED):
                    return self.send(304, {"ETag": headers["ETag"]}, b"")
            self.send(status, headers, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, piece: bytes, pause: float, times: int) -> None:
        """A body of unknown length sent piece by piece, `pause` seconds apart, until done or the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for _ in range(times):
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(pause)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="generated pages under /gen/")
    args = parser.parse_args()
    with Site(generated_pages=args.pages) as site:
        print(site.base, flush=True)
        try:
            sys.stdin.read()  # serve until the parent closes our stdin, or kills us
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
