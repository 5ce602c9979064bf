"""Every tunable of kb, in one place.

Each setting has a name, a default and a line of help; any of them can be
overridden by an environment variable named ``KB_`` + the upper-cased name
(``KB_DATA_DIR``, ``KB_USER_AGENT``...).  ``kb settings`` lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_PREFIX = "KB_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()


SETTINGS = (
    Setting("data_dir", str(PROJECT_ROOT),
            "Folder holding corpus/store (raw bytes, catalog, WARC) and index/."),
    Setting("user_agent", "kb/0.1 (+https://github.com/kb-search/kb; trafficking-in-persons research index)",
            "User-Agent sent by the crawler: names the product and a contact URL."),
    Setting("crawl_delay", 1.0,
            "Minimum seconds between two requests to one host (robots.txt Crawl-delay wins when larger)."),
    Setting("fetch_timeout", 30.0, "Seconds to wait for a server to connect or send the next bytes."),
    Setting("fetch_total_timeout", 120.0, "Seconds a single response may take in all before it is abandoned."),
    Setting("max_redirects", 5, "Redirects followed for one URL."),
    Setting("max_retries", 3, "Retries after a timeout or a 5xx, with exponential backoff and jitter."),
    Setting("max_document_bytes", 50 * 1024 * 1024, "Largest document fetched or ingested; larger ones are refused."),
    Setting("max_pdf_pages", 1000,
            "Pages read from one PDF; the rest of a longer PDF is left out, and the log says so."),
    Setting("max_html_depth", 400, "Deepest element nesting read from an HTML page; deeper content is flattened."),
    Setting("max_query_chars", 1000, "Longest query accepted; longer queries are cut to this length."),
    Setting("max_page_size", 100, "Most hits one search page returns."),
    Setting("lock_timeout", 10.0, "Seconds a writer waits for another writer to finish before giving up."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str):
    """The value of a setting: its environment variable if set, else its default, typed like the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env_var)
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"{setting.env_var}={raw!r}: expected {kind.__name__}") from exc


@dataclass(frozen=True)
class Paths:
    """Where one knowledge base keeps its files."""

    data_dir: Path

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "corpus" / "store"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "index" / "write.lock"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike | None = None) -> Paths:
        return cls(Path(data_dir or get("data_dir")).resolve())


SAMPLE_DIR = PROJECT_ROOT / "corpus" / "sample"
SOURCES_FILE = PROJECT_ROOT / "corpus" / "sources.toml"
