"""URLs as the crawler sees them: one canonical spelling, a scope, and the links a page or a sitemap names."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from w3lib.url import canonicalize_url

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say how a visitor arrived, never what the page holds.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "li_fat_id",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
})
TRACKING_PREFIXES = ("utm_",)
# Elements whose attribute names another page to crawl: anchors, image maps and frames.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "frame": "src", "iframe": "src"}


def canonicalize(url: str) -> str | None:
    """The one spelling of an http(s) URL that the frontier and the catalog key on; None for any other URL.

    The fragment is dropped, scheme and host are lower-cased, the default port
    is removed, the query is sorted and tracking parameters (utm_*, fbclid,
    gclid...) are removed; percent-encoding is normalised by w3lib.
    """
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        query = "&".join(p for p in parts.query.split("&") if p and not is_tracking(p.partition("=")[0]))
        parts = urlsplit(canonicalize_url(urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))))
        host = parts.hostname or ""
        if ":" in host:  # an IPv6 literal keeps its brackets
            host = f"[{host}]"
        netloc = host if parts.port in (None, DEFAULT_PORTS[parts.scheme]) else f"{host}:{parts.port}"
    except ValueError:  # a malformed host or port
        return None
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def is_tracking(name: str) -> bool:
    name = unquote(name).lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The host of a canonical URL as scopes name it: `www.oas.org`, or `127.0.0.1:8080` with a port."""
    return urlsplit(url).netloc


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def directory_of(url: str) -> str:
    """The path prefix of a URL's folder: `/dsp/english/cpo_trata.asp` -> `/dsp/english/`."""
    path = urlsplit(url).path or "/"
    return path[: path.rfind("/") + 1]


@dataclass(frozen=True)
class Scope:
    """Where a crawl may go: a set of hosts, and path prefixes on them."""

    hosts: frozenset[str]
    paths: tuple[str, ...] = ("/",)

    def check(self, url: str) -> str | None:
        """None when the canonical URL is in scope, else the reason it is not."""
        parts = urlsplit(url)
        if parts.netloc not in self.hosts:
            return f"host {parts.netloc} is not one of {', '.join(sorted(self.hosts))}"
        if not parts.path.startswith(self.paths):
            return f"path {parts.path} is outside {', '.join(self.paths)}"
        return None


def extract_links(body: bytes, base_url: str, charset: str | None = None) -> list[str]:
    """The canonical http(s) URLs a page's anchors, areas and frames point to, in page order, without repeats.

    Relative links are resolved against `<base href>` when the page has one,
    else against `base_url`; mailto:, javascript:, tel: and data: links are left out.
    """
    try:
        parser = lxml.html.HTMLParser(encoding=charset, recover=True, no_network=True)
    except LookupError:  # a charset lxml does not know
        parser = lxml.html.HTMLParser(recover=True, no_network=True)
    try:
        doc = lxml.html.document_fromstring(body, parser=parser)
    except (etree.LxmlError, ValueError):  # an empty or hopeless page has no links
        return []
    base = base_url
    declared = doc.find(".//base[@href]")
    if declared is not None:
        base = join(base_url, declared.get("href", "")) or base_url
    seen: dict[str, None] = {}
    for element in doc.iter(*LINK_ATTRIBUTES):
        value = element.get(LINK_ATTRIBUTES[element.tag])
        if value and (url := join(base, value)) and (canonical := canonicalize(url)):
            seen.setdefault(canonical, None)
    return list(seen)


def join(base: str, href: str) -> str | None:
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, sitemap URLs) listed by an XML sitemap or a sitemap index, canonicalised.

    The parser neither resolves entities nor touches the network, and reads
    what it can of a malformed file.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.LxmlError, ValueError):
        return [], []
    if root is None:
        return [], []
    pages: dict[str, None] = {}
    sitemaps: dict[str, None] = {}
    for loc in root.iter("{*}loc"):
        parent = loc.getparent()
        url = canonicalize(loc.text or "")
        if url is None or parent is None:
            continue
        if etree.QName(parent).localname == "sitemap":
            sitemaps.setdefault(url, None)
        else:
            pages.setdefault(url, None)
    return list(pages), list(sitemaps)
