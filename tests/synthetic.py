"""Small generated corpora for the robustness tests, and a check that a knowledge
base's catalog, blobs and index agree with each other."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from kb.index import open_index
from kb.settings import Paths
from kb.store import Store, doc_id_for

PROJECT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(PROJECT / "cli.py")]

AGENCIES = ("OAS", "IOM", "PAHO", "UNDP", "CICTE", "CICAD", "CIM")
PLACES = (("Santo Domingo", "Dominican Republic"), ("Lima", "Peru"), ("Kingston", "Jamaica"),
          ("Port-au-Prince", "Haiti"), ("San Salvador", "El Salvador"), ("Tegucigalpa", "Honduras"),
          ("Bogotá", "Colombia"), ("Castries", "Saint Lucia"))
TOPICS = ("border controls", "bulk cash smuggling", "victim identification", "travel document fraud",
          "police response to violence against women", "shelters for child victims", "labour exploitation")
MONTHS = ("January", "March", "April", "June", "September", "November", "December")
SENTENCES = (
    "{agency} staff sat down with customs and migration officers in {city} to go over {topic}.",
    "A five-day course on {topic} for police and prosecutors ran in {city}, {country}, in {month} {year}.",
    "Delegates from {country} compared their records on {topic} and agreed to meet again in {year}.",
    "The {agency} team wrote up what the {city} meeting had learned about {topic}.",
    "Trainers asked each group to map who does what when a case of {topic} reaches a border post.",
    "La reunión de {city} trató la trata de personas y {topic}, con apoyo de {agency}, en {year}.",
)


def paragraph(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(n):
        city, country = rng.choice(PLACES)
        sentences.append(rng.choice(SENTENCES).format(
            agency=rng.choice(AGENCIES), city=city, country=country, topic=rng.choice(TOPICS),
            month=rng.choice(MONTHS), year=rng.randint(2004, 2012)))
    return " ".join(sentences)


def document(number: int, version: int, rng: random.Random) -> tuple[str, str]:
    """(file name, content) of the number-th document at a given version: HTML or text, of varied shapes."""
    tag = f"doc{number:04d} version{version}"
    if number % 3 == 0:
        paras = "\n\n".join(paragraph(rng, rng.randint(1, 4)) for _ in range(rng.randint(1, 4)))
        return f"note_{number:04d}.txt", f"Field note {tag}\n\n{paras}\n"
    items = "".join(f"<li>{paragraph(rng, 1)}</li>" for _ in range(rng.randint(0, 3)))
    paras = "".join(f"<p>{paragraph(rng, rng.randint(1, 3))}</p>" for _ in range(rng.randint(1, 3)))
    nav = '<div class="menu"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/c">Contact us</a></div>'
    body = f"{nav}<h1>Report {tag}</h1>{paras}<h2>Activities</h2><ul>{items}</ul>" if number % 3 == 1 else \
        f"<table><tr><td><b>Summary {tag}</b></td></tr><tr><td>{paras}</td></tr></table>"
    return f"page_{number:04d}.html", f"<html><head><title>Report {tag}</title></head><body>{body}</body></html>"


class Corpus:
    """A folder of generated documents that changes from round to round."""

    BROKEN = ("empty.html", "junk.pdf")  # never indexable: they must end as catalog errors, not index entries

    def __init__(self, folder: Path, size: int, seed: int = 0):
        self.folder = folder
        self.rng = random.Random(seed)
        self.versions: dict[int, int] = {}
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "empty.html").write_bytes(b"")
        (folder / "junk.pdf").write_bytes(bytes(self.rng.randrange(256) for _ in range(2048)))
        for number in range(size):
            self.write(number, 0)

    def write(self, number: int, version: int) -> None:
        name, content = document(number, version, self.rng)
        (self.folder / name).write_text(content, encoding="utf-8")
        self.versions[number] = version

    def change(self, share: float, added: int) -> None:
        """Rewrite a share of the documents and add new ones."""
        for number in self.rng.sample(sorted(self.versions), int(len(self.versions) * share)):
            self.write(number, self.versions[number] + 1)
        for number in range(len(self.versions), len(self.versions) + added):
            self.write(number, 0)

    def expected(self) -> dict[str, str]:
        """doc_id -> sha256 of every document the index must hold once the work is done."""
        return {doc_id_for(p.resolve().as_uri()): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(self.folder.iterdir()) if p.name not in self.BROKEN}


def indexed(paths: Paths) -> tuple[dict[str, str], list[str]]:
    """(doc_id -> sha256 of every document record in the live index, problems found while reading it)."""
    problems: list[str] = []
    documents: dict[str, str] = {}
    ix = open_index(paths.index_dir)
    with ix.searcher() as searcher:
        for fields in searcher.documents(kind="document"):
            meta = json.loads(fields["meta"])
            if meta["doc_id"] in documents:
                problems.append(f"{meta['doc_id']}: in the index twice")
            documents[meta["doc_id"]] = meta["sha256"]
        seen: set[tuple[str, int]] = set()
        for fields in searcher.documents(kind="passage"):
            key = (fields["doc_id"], fields["position"])
            if key in seen:
                problems.append(f"{key}: passage in the index twice")
            seen.add(key)
            if fields["doc_id"] not in documents:
                problems.append(f"{key}: passage of a document the index does not hold")
    return documents, problems


def check_consistency(paths: Paths) -> list[str]:
    """Everything that disagrees between blobs, catalog and index; empty when the knowledge base is sound."""
    documents, problems = indexed(paths)
    with Store(paths.store_dir) as store:
        problems += store.verify()
        catalog = {r.doc_id: r for r in store.records()}
    for doc_id in documents:
        if doc_id not in catalog:
            problems.append(f"{doc_id}: in the index, not in the catalog")
    for record in catalog.values():
        if record.indexed_sha256 and record.indexed_sha256 == record.sha256:
            if documents.get(record.doc_id) != record.sha256:
                problems.append(f"{record.url}: marked indexed, but the index holds {documents.get(record.doc_id)}")
    return problems
