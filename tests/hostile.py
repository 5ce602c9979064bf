"""Hostile and broken input for kb's parsers.

The small files live in tests/fixtures/hostile/ and are written by this
module (fpdf2, a dev dependency, is needed for the encrypted PDF only):

    python tests/hostile.py      # rewrite tests/fixtures/hostile/

The large ones (a 50 MB page, a PDF of thousands of pages, nesting 10,000
deep, a file over the size limit) are written at test time by write_large(),
so that no such file is ever committed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
SEED = 2009
MB = 1024 * 1024

PROSE = ("The Department of Public Security ran a five-day course on border controls in Santo Domingo "
         "for customs and migration officers, who practised spotting forged travel documents.")
SPANISH = ("En Lima, la Secretaría del CICTE reunió a fiscales y policías para hablar del contrabando "
           "de dinero en efectivo a través de las fronteras.")


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one line of text per entry on each page, its cross-reference table computed here.

    Objects: 1 catalog, 2 page tree, 3 font, then each page's content stream and page.
    """
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
        stream = f"BT /F1 11 Tf 72 740 Td {ops} ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects)))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
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


def html(title: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def encrypted_pdf() -> bytes:
    """Needs fpdf2 (a dev dependency): the file is committed, and only rewritten by hand."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_creation_date(dt.datetime(2010, 4, 12, tzinfo=dt.UTC))  # fixes the file identifier, so the bytes
    doc.set_encryption(owner_password="kb-hostile-owner", user_password="kb-hostile")
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.multi_cell(0, 8, "A case review that only its authors may read.")
    return bytes(doc.output())


def static_fixtures() -> dict[str, bytes]:
    """The small hostile files, by name (but for encrypted.pdf)."""
    rng = random.Random(SEED)
    junk = bytes(rng.randrange(256) for _ in range(2048))
    good_pdf = pdf([[PROSE[:90], PROSE[90:]], ["Second page: the course ended with a mock inspection."]])
    wrong_xref = good_pdf.replace(b"startxref\n", b"startxref\n9").replace(b"0000000009 00000 n", b"0000000077 00000 n")
    injection = html(
        "&lt;script&gt;alert('title')&lt;/script&gt; Shelter report",
        "<script>alert('never indexed')</script>"
        "<p>A shelter in Castries, Saint Lucia took in <b>four</b> women rescued from a nightclub. "
        "The page quotes markup as text: &lt;img src=x onerror=alert(1)&gt; and "
        "&lt;a href=\"javascript:alert(2)\"&gt;a link&lt;/a&gt;.</p>"
        "<p><a href=\"javascript:alert(3)\" onclick=\"alert(4)\">Read the full shelter report</a> "
        "<img src=x onerror=\"alert(5)\"> about victims of trafficking.</p>")
    return {
        "empty.html": b"",
        "empty.pdf": b"",
        "blank.txt": b"  \n\n\t \r\n",
        "junk.html": junk,
        "junk.pdf": junk[::-1],
        "junk.txt": junk[1000:] + junk[:1000],
        "gzipped.html": gzip.compress(html("Compressed", f"<p>{PROSE}</p>").encode(), mtime=0),
        "truncated.pdf": good_pdf[: len(good_pdf) * 3 // 5],
        "malformed.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\nendobj\nxref\nthis is not a table\n%%EOF",
        "no_text.pdf": pdf([[]]),
        "html_named.pdf": html("Not a PDF", f"<p>{PROSE}</p>").encode(),
        "markup_only.html": html("", "<script>var a = 1;</script><nav><a href='/'>Home</a></nav><style>p{}</style>")
        .encode(),
        # Readable, however they were mislabelled or damaged:
        "wrong_xref.pdf": wrong_xref,
        "pdf_named.html": good_pdf,
        "invalid_utf8.html": html("Bytes that are not UTF-8", f"<p>{SPANISH}</p>").encode("cp1252")
        + b"\xff\xfe\x81 stray bytes \xc3\x28 end</p>",
        "declared_utf8_is_cp1252.html": ('<meta charset="utf-8">' + html("Declared UTF-8", f"<p>{SPANISH} "
                                         "\u201cContrabando\u201d \u2013 2009.</p>")).encode("cp1252"),
        "unknown_charset.html": ('<meta charset="x-klingon-9">' + html("Unknown charset", f"<p>{SPANISH}</p>"))
        .encode("cp1252"),
        "utf16_without_bom.html": html("UTF-16 without a byte-order mark", f"<p>{SPANISH}</p>").encode("utf-16-le"),
        "script_injection.html": injection.encode(),
        "a b.html": html("Spaces in a file name", f"<p>{PROSE} Kingston, Jamaica.</p>").encode(),
        "informe ñandú.txt": f"Informe con eñe en el nombre\n\n{SPANISH}\n".encode(),
        "100% #1 ?x=1&y=2.html": html("Percent, hash and question mark", f"<p>{PROSE} Lima, Peru.</p>").encode(),
        "UPPER CASE.HTM": html("Upper-case extension", f"<p>{PROSE} Tegucigalpa, Honduras.</p>").encode(),
    }


# What `kb ingest` must say about each static file that cannot be indexed (a phrase of the one-line error).
REFUSED = {
    "empty.html": "empty file",
    "empty.pdf": "empty file",
    "blank.txt": "empty file",
    "junk.html": "binary data",
    "junk.pdf": "not a PDF",
    "junk.txt": "binary data",
    "gzipped.html": "gzip-compressed",
    "truncated.pdf": "damaged or truncated",
    "malformed.pdf": "damaged or truncated",
    "encrypted.pdf": "encrypted PDF",
    "no_text.pdf": "no extractable text",
    "html_named.pdf": "not a PDF",
    "markup_only.html": "no readable text",
}


def thousands_of_pages(pages: int) -> bytes:
    """A PDF of `pages` pages, each with its own text (so that none looks like a running header)."""
    import pypdfium2 as pdfium

    words = PROSE.replace(",", "").replace(".", "").split()
    rng = random.Random(SEED)
    distinct = [[" ".join(rng.sample(words, 12)) + "." for _ in range(3)] for _ in range(50)]
    source = pdfium.PdfDocument(pdf(distinct))
    whole = pdfium.PdfDocument.new()
    whole.import_pages(source, list(range(len(distinct))) * (pages // len(distinct)))
    out = io.BytesIO()
    whole.save(out)
    whole.close()
    source.close()
    return out.getvalue()


def huge_page(size: int) -> bytes:
    """An HTML page of `size` bytes: paragraphs of prose all the way down."""
    paragraph = f"<p>{PROSE} {SPANISH}</p>\n".encode()
    head = html("A very long page", "").encode().split(b"</body>")[0]
    count = (size - len(head) - 20) // len(paragraph)
    body = head + paragraph * count
    return body + b" " * (size - len(body) - 14) + b"</body></html>"


def deep_nesting(levels: int) -> bytes:
    """Elements nested `levels` deep, half of them marked as menus, with text at every level."""
    opening = "".join(f'<div class="menu">level {n} ' if n % 2 else f"<section>level {n} " for n in range(levels))
    closing = "".join("</div>" if n % 2 else "</section>" for n in reversed(range(levels)))
    return html("Deep nesting", f"{opening}<p>{PROSE}</p>{closing}").encode()


def write_large(folder: Path, limit: int) -> dict[str, str]:
    """Write the large hostile files into `folder`; returns name -> what the ingest output must say of it."""
    (folder / "huge.html").write_bytes(huge_page(limit - 1))
    (folder / "thousands_of_pages.pdf").write_bytes(thousands_of_pages(3000))
    (folder / "deep.html").write_bytes(deep_nesting(10_000))
    (folder / "one_giant_word.txt").write_bytes(b"Smuggling " + b"x" * (4 * MB))
    with open(folder / "over_the_limit.txt", "wb") as f:
        f.truncate(limit + 1)  # sparse: refused on its size, never read
    return {
        "huge.html": "characters of HTML read",
        "thousands_of_pages.pdf": "only the first 1,000 of 3,000 pages read",
        "one_giant_word.txt": "characters of text kept",
        "over_the_limit.txt": "larger than the",
    }


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, content in static_fixtures().items():
        (FIXTURES / name).write_bytes(content)
    (FIXTURES / "encrypted.pdf").write_bytes(encrypted_pdf())
