"""Bytes to text: decode, strip boilerplate, and cut HTML, PDF and plain text into blocks.

A parser never opens the index or the network: it takes bytes and returns a
ParsedDocument, or raises ParseError naming the input and the reason.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections import Counter

import pypdfium2 as pdfium
from bs4 import BeautifulSoup, CData, Comment, NavigableString, Tag

from kb import settings
from kb.dates import find_dates
from kb.errors import ParseError
from kb.models import Block, ParsedDocument, RawDocument
from kb.sources import HTML, PDF, TEXT

# Old Spanish pages that declare ISO-8859-1 (or nothing) are really windows-1252:
# their curly quotes and dashes live in 0x80-0x9F, which Latin-1 leaves as control codes.
LATIN1_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp819"}
# Python codecs that a page or a server may name but that are no character set.
NOT_CHARSETS = frozenset(("unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"))
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Bounds that keep one hostile document from taking minutes or gigabytes; what lies
# beyond them is left out, and a warning on the "kb.parse" log names the document.
MAX_TEXT_CHARS = 3_000_000  # text kept from one document: about 1,000 dense pages
MAX_HTML_TAGS = 200_000  # elements parsed from one HTML page (BeautifulSoup needs about 1 KB for each)
MAX_HTML_CHARS = 4 * MAX_TEXT_CHARS  # characters of markup parsed from one HTML page

GZIP_MAGIC = b"\x1f\x8b"

log = logging.getLogger(__name__)


def decode(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as a browser of old Spanish pages should; returns (text, charset used).

    Order: a byte-order mark; strict UTF-8; the declared charset (the server's,
    else the page's own meta tag), with ISO-8859-1 read as windows-1252; then
    windows-1252, replacing the five bytes it leaves undefined.
    """
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    for bom, name in boms:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace"), name
    head = body[:2048]
    if len(head) >= 8 and head.count(0) * 3 > len(head):  # text in UTF-16 without a BOM: half its bytes are NUL
        name = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return body.decode(name, errors="replace"), name
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared is None:
        match = META_CHARSET.search(body[:4096])
        declared = match.group(1).decode("ascii").lower() if match else None
    if declared:
        declared = declared.lower()
        name = "windows-1252" if declared in LATIN1_ALIASES else declared
        try:
            if codecs.lookup(name).name not in NOT_CHARSETS:
                return body.decode(name), name
        except (LookupError, ValueError):  # an unknown name, bytes it cannot decode, a NUL in the name
            pass
    return body.decode("windows-1252", errors="replace"), "windows-1252"


def parse(raw: RawDocument) -> ParsedDocument:
    """Parse a raw document by its content type, keeping at most MAX_TEXT_CHARS of its text."""
    if not raw.body.strip():
        raise ParseError(raw.source, "empty file (0 bytes)" if not raw.body else "empty file (only whitespace)")
    if raw.body.startswith(GZIP_MAGIC):
        raise ParseError(raw.source, "gzip-compressed bytes, not a document (decompress it first)")
    if raw.content_type == PDF or raw.body.startswith(PDF_HEADER):  # a PDF saved under another name is a PDF
        doc = parse_pdf(raw.body, raw.source)
    elif raw.content_type == HTML:
        doc = parse_html(raw.body, raw.source, raw.charset)
    elif raw.content_type == TEXT:
        doc = parse_text(raw.body, raw.source, raw.charset)
    else:
        raise ParseError(raw.source, f"unsupported content type {raw.content_type!r}")
    cap_text(doc, raw.source)
    return doc


def cap_text(doc: ParsedDocument, source: str) -> None:
    """Cut the blocks after MAX_TEXT_CHARS characters of text, and say so."""
    total = 0
    for i, block in enumerate(doc.blocks):
        total += len(block.text)
        if total > MAX_TEXT_CHARS:
            keep = len(block.text) - (total - MAX_TEXT_CHARS)
            full = total + sum(len(b.text) for b in doc.blocks[i + 1:])
            doc.blocks[i:] = [Block(text=block.text[:keep], kind=block.kind, level=block.level)] if keep else []
            note(source, f"only the first {MAX_TEXT_CHARS:,} of {full:,} characters of text kept")
            return


def note(source: str, message: str) -> None:
    """A document read only in part: shown on stderr by the command line."""
    log.warning("note: %s: %s", source, message)


def looks_binary(text: str) -> bool:
    """Decoded text that is mostly control characters was never text."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return controls / len(sample) > 0.10


# ---------------------------------------------------------------- plain text

def parse_text(body: bytes, source: str, charset: str | None = None) -> ParsedDocument:
    text, used = decode(body, charset)
    if looks_binary(text):
        raise ParseError(source, "binary data, not text")
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    blocks = [block for p in paragraphs for block in text_blocks(p)]
    if not blocks:
        raise ParseError(source, "no readable text (only spaces)")
    return ParsedDocument(title=blocks[0].text[:200], blocks=blocks, doc_type="text", charset=used)


# A table laid out in columns: cells are runs of text two or more spaces apart,
# and a ruler of dashes may stand under the column heads.
CELL = re.compile(r"\S+(?: \S+)*")
RULER = re.compile(r"[\s\-=_+|]*")
MIN_TABLE_ROWS = 2
MIN_LONE_ROW_CELLS = 3
SENTENCE_ENDS = re.compile(r"\b[a-z]+[.!?]$")  # "apart." ends a sentence; "Rep." and "No." do not
CELL_SEPARATOR = " | "
# A first cell left open ("27 February -" over "1 March 2006") goes on in the line below.
OPEN_RANGE = re.compile(r"(?:[-–—]|\b(?:to|through|al|a|au|até))$")


def text_blocks(paragraph: str) -> list[Block]:
    """A paragraph of plain text is one block, unless it is a table laid out in
    columns: then each row is an item, its cells joined, and a line that starts
    under a later column continues the cells above it ("Workshop: ISPS Code
    implementation" / "for port facility security officers"), as does a line
    under a date range left open ("27 February -" / "1 March 2006")."""
    lines = [line for line in paragraph.expandtabs().split("\n") if not RULER.fullmatch(line)]
    if sum("|" in line for line in lines) >= MIN_TABLE_ROWS and all("|" in line for line in lines):
        return pipe_table_blocks(lines)
    rows: list[list[tuple[int, str]]] = []
    for line in paragraph.expandtabs().split("\n"):
        if RULER.fullmatch(line):
            continue
        cells = [(m.start(), m.group()) for m in CELL.finditer(line)]
        if rows and cells and (cells[0][0] > rows[-1][0][0] + 1 or OPEN_RANGE.search(rows[-1][0][1])):
            row = rows[-1]
            for start, text in cells:
                k = max((i for i, (col, _) in enumerate(row) if col <= start + 1), default=0)
                row[k] = (row[k][0], f"{row[k][1]} {text}")
        elif cells:
            rows.append(cells)
    # Sentences set two spaces apart are prose; a lone row of three cells or more
    # is a table's, set off by blank lines from the next.
    prose = any(SENTENCE_ENDS.search(text) for row in rows for _, text in row[:-1])
    lone_row = len(rows) == 1 and len(rows[0]) >= MIN_LONE_ROW_CELLS
    if not rows or prose or (sum(len(row) > 1 for row in rows) < MIN_TABLE_ROWS and not lone_row):
        return [Block(text=normalise_space(paragraph))]
    return [Block(text=normalise_space(CELL_SEPARATOR.join(text for _, text in row)),
                  kind="item" if len(row) > 1 else "paragraph") for row in rows]


def pipe_table_blocks(lines: list[str]) -> list[Block]:
    """A table drawn with pipes: each row an item, its cells joined; a line whose
    first cell is empty continues the row above, cell by cell."""
    rows: list[list[str]] = []
    bordered = all(line.lstrip().startswith("|") for line in lines)  # "| 72 | ...": no empty first cell
    for line in lines:
        line = line.rstrip().removesuffix("|")
        if bordered:
            line = line.lstrip()[1:]
        cells = [cell.strip() for cell in line.split("|")]
        if rows and not cells[0]:
            row = rows[-1]
            row.extend([""] * (len(cells) - len(row)))
            for k, cell in enumerate(cells):
                if cell:
                    row[k] = f"{row[k]} {cell}".strip()
        else:
            rows.append(cells)
    return [Block(text=normalise_space(CELL_SEPARATOR.join(cell for cell in row if cell)), kind="item")
            for row in rows if any(row)]


# ---------------------------------------------------------------- HTML

DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
                "select", "button", "nav", "footer", "aside", "map", "head")
BLOCK_TAGS = frozenset(("p", "div", "td", "th", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                        "pre", "section", "article", "main", "table", "tr", "ul", "ol", "dl", "center", "form",
                        "header", "body", "html", "caption", "figcaption", "address", "fieldset"))
HEADINGS = {f"h{n}": n for n in range(1, 7)}
ITEM_TAGS = frozenset(("li", "dt", "dd", "tr"))
MAX_ROW_CELL_WORDS = 60  # a longer cell is a layout table's column of prose
BOILERPLATE_MARKERS = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|cookies?|share|social|skip|banner|topbar|"
    r"masthead|site-header|toolbar|pager|pagination)($|[\s_-])", re.IGNORECASE)
CHROME_LINE = re.compile(
    r"©|\bcopyright\b|all rights reserved|todos los derechos reservados|^\s*(about us|contact us|contáctenos|"
    r"acerca de|home|inicio|print|imprimir|share|compartir|follow us|síguenos|see picture|ver foto|back to top|"
    r"volver arriba|new page \d+)\s*$|download the plugin|descargar el plugin",
    re.IGNORECASE)
BOLD_TAGS = frozenset(("b", "strong"))
BLOCK_SEPARATOR = re.compile(r"\s*\|\s*")


def parse_html(body: bytes, source: str, charset: str | None = None) -> ParsedDocument:
    text, used = decode(body, charset)
    if looks_binary(text):
        raise ParseError(source, "binary data, not HTML")
    end = markup_end(text)
    if end < len(text):
        note(source, f"only the first {end:,} of {len(text):,} characters of HTML read "
                     f"(at most {MAX_HTML_TAGS:,} tags and {MAX_HTML_CHARS:,} characters are)")
        text = text[:end]
    soup = BeautifulSoup(text, "lxml")
    title = ""
    if soup.title and soup.title.string:
        title = normalise_space(soup.title.string)
    remove_boilerplate(soup)
    join_table_rows(soup)
    join_definitions(soup)
    blocks = html_blocks(soup)
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")[:200]
    if not blocks:
        raise ParseError(source, "no readable text in the HTML")
    return ParsedDocument(title=title, blocks=blocks, doc_type="html", charset=used)


def markup_end(text: str) -> int:
    """Where to stop reading a page: before its MAX_HTML_TAGS-th tag, and after MAX_HTML_CHARS characters."""
    end = min(len(text), MAX_HTML_CHARS)
    pos = -1
    for _ in range(MAX_HTML_TAGS):
        pos = text.find("<", pos + 1, end)
        if pos < 0:
            return end
    return pos


def remove_boilerplate(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    flatten_deep(soup, settings.get("max_html_depth"))
    for tag in soup.find_all("header"):
        if not tag.find("h1"):
            tag.decompose()
    stats = text_stats(soup)
    for tag in [t for t in soup.find_all(True) if marked_as_boilerplate(t, stats)]:
        if not tag.decomposed:
            tag.decompose()


def join_table_rows(soup: BeautifulSoup) -> None:
    """Make each row of a data table one block, its cells joined by CELL_SEPARATOR,
    as plain-text tables are: a date, an activity and a place in one row belong
    together.  A layout table (a cell holding a nested table or a page's prose)
    keeps its cells as blocks of their own."""
    for row in soup.find_all("tr"):
        cells = row.find_all(("td", "th"), recursive=False)
        if len(cells) < 2 or row.find("table") is not None:
            continue
        if any(len(cell.get_text(" ").split()) > MAX_ROW_CELL_WORDS for cell in cells):
            continue
        filled = [cell for cell in cells if cell.get_text().strip()]
        for cell in cells:
            if cell not in filled:
                cell.decompose()
                continue
            for inner in cell.find_all(BLOCK_TAGS):
                inner.insert_after(" ")
                inner.unwrap()
            for br in cell.find_all("br"):  # a cell's lines are one cell: the row stays one line
                br.replace_with(" ")
            cell.name = "span"
        for cell in filled[1:]:
            cell.insert_before(CELL_SEPARATOR)


def join_definitions(soup: BeautifulSoup) -> None:
    """Make a term and its short definition one item ("Fecha: 05/12/2017"), as a
    table row is: a field's label belongs with its value."""
    for term in soup.find_all("dt"):
        definition = term.find_next_sibling(True)
        if definition is None or definition.name != "dd":
            continue
        if len(definition.get_text(" ").split()) > MAX_ROW_CELL_WORDS or definition.find(BLOCK_TAGS) is not None:
            continue
        term.append(" ")
        for child in list(definition.contents):
            term.append(child.extract())
        definition.decompose()


def flatten_deep(soup: BeautifulSoup, max_depth: int) -> None:
    """Replace whatever an element at max_depth holds by its text, so that no walk
    up or down the tree (here or in html_blocks) goes further than max_depth."""
    depth = {id(soup): 0}
    deepest: list[Tag] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            d = depth[id(node.parent)] + 1
            depth[id(node)] = d
            if d == max_depth and node.find(True) is not None:
                deepest.append(node)
    for tag in deepest:
        text = " ".join(tag.stripped_strings)
        tag.clear()
        tag.append(text)


def is_text(node) -> bool:
    """A string of the page's text (not a comment, doctype or processing instruction)."""
    return type(node) is NavigableString or isinstance(node, CData)


def text_stats(soup: BeautifulSoup) -> dict[int, list[int]]:
    """For every element, by id: [words, characters, characters inside links] of the text it holds.

    One pass from the last node to the first (an element comes after all its
    descendants in that order), instead of a get_text() per element, which is
    quadratic on nested containers.
    """
    stats: dict[int, list[int]] = {}
    for node in reversed(list(soup.descendants)):
        if isinstance(node, Tag):
            own = stats.setdefault(id(node), [0, 0, 0])
            if node.name == "a":
                own[2] = own[1]
        elif is_text(node):
            text = node.strip()
            own = [len(text.split()), len(text), 0]
        else:
            continue
        parent = stats.setdefault(id(node.parent), [0, 0, 0])
        parent[0] += own[0]
        parent[1] += own[1]
        parent[2] += own[2]
    return stats


def marked_as_boilerplate(tag: Tag, stats: dict[int, list[int]]) -> bool:
    if tag.name in ("body", "html", "main", "article"):
        return False
    attrs = tag.attrs or {}
    marks = " ".join([attrs.get("id") or "", " ".join(attrs.get("class") or []), attrs.get("role") or ""])
    if not marks.strip() or not BOILERPLATE_MARKERS.search(marks):
        return False
    # A container marked "menu" that holds the page's prose is not chrome.
    words, chars, linked = stats.get(id(tag), (0, 0, 0))
    return words < 80 or (linked / chars if chars else 1.0) > 0.5


class _Run:
    """Text gathered for one block while walking the tree."""

    def __init__(self, container: Tag | None):
        self.container = container
        self.parts: list[str] = []
        self.chars = 0
        self.linked = 0
        self.bold = 0

    def add(self, text: str, linked: bool, bold: bool) -> None:
        self.parts.append(text)
        size = len(text.strip())
        self.chars += size
        self.linked += size if linked else 0
        self.bold += size if bold else 0


def html_blocks(soup: BeautifulSoup) -> list[Block]:
    """Walk the tree once, in document order, gathering the text of each block element.

    The walk is iterative (a page nested 10,000 levels deep must not overflow
    the stack); ancestors are looked at only up to max_html_depth levels.
    """
    max_depth = settings.get("max_html_depth")
    blocks: list[Block] = []
    run: _Run | None = None
    root = soup.body or soup
    for node in root.descendants:
        if isinstance(node, Tag):
            if node.name == "br" and run is not None:
                run.parts.append("\n")
            continue
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        text = str(node)
        if not text.strip():
            if run is not None:
                run.parts.append(" ")
            continue
        container, linked, bold = None, False, False
        for depth, parent in enumerate(node.parents):
            if depth > max_depth:
                break
            name = parent.name
            if name == "a":
                linked = True
            elif name in BOLD_TAGS:
                bold = True
            if container is None and name in BLOCK_TAGS:
                container = parent
                if linked or name in HEADINGS:
                    break
        if run is None or run.container is not container:
            flush(run, blocks)
            run = _Run(container)
        run.add(text, linked, bold)
    flush(run, blocks)
    return blocks


def flush(run: _Run | None, blocks: list[Block]) -> None:
    if run is None:
        return
    lines = [normalise_space(line) for line in "".join(run.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        return
    words = len(text.split())
    name = run.container.name if run.container is not None else ""
    # Navigation bars: short runs made mostly of links ("About the OAS | Member States | ...").
    # A heading that is a link is a teaser's title in a list of events or news, not navigation.
    if run.chars and run.linked / run.chars > 0.6 and words < 40 and name not in HEADINGS:
        return
    if CHROME_LINE.search(text) and words < 40:
        return
    if name != "tr" and len(BLOCK_SEPARATOR.split(text)) >= 3 and words < 20 and "|" in text:
        return
    if name in HEADINGS:
        blocks.append(Block(text=text.replace("\n", " "), kind="heading", level=HEADINGS[name]))
    elif name in ITEM_TAGS:
        blocks.append(Block(text=text, kind="item"))
    elif (run.chars and run.bold / run.chars > 0.9 and words <= 20 and not text.endswith((".", ":"))
          and not find_dates(text)):
        # Old table layouts set their headings in bold cells rather than <h*> tags;
        # a bold label ("Dates:", "Venue:") belongs with the value after it, and a
        # bold line of place and dates ("San Salvador, El Salvador — Sept. 24-25, 2014") is news.
        blocks.append(Block(text=text.replace("\n", " "), kind="heading", level=4))
    else:
        blocks.append(Block(text=text))


def normalise_space(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


# ---------------------------------------------------------------- PDF

PDF_HEADER = b"%PDF-"  # PDFium, like Acrobat, looks for it in the first 1024 bytes
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:(?:page|página|pág\.?|p\.)\s*)?\d{1,4}"
                         r"(?:\s*(?:of|de|/)\s*\d{1,4})?(?:\s*-)?\s*$", re.IGNORECASE)
HYPHENS_AT_END = ("-", "\u2010", "\u2011", "\xad", "\x02")
BULLET = re.compile(r"^\s*(?:[•▪◦●\-*–]|\d{1,2}[.)])\s+")


def parse_pdf(body: bytes, source: str) -> ParsedDocument:
    """The text of a PDF's first max_pdf_pages pages (and MAX_TEXT_CHARS characters)."""
    if PDF_HEADER not in body[:1024]:
        raise ParseError(source, "not a PDF (no %PDF- header in its first 1024 bytes)")
    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ParseError(source, "encrypted PDF (a password is needed to read it)") from None
        raise ParseError(source, f"not a readable PDF: damaged or truncated ({reason})") from None
    try:
        page_count = len(pdf)
        limit = min(page_count, settings.get("max_pdf_pages"))
        pages = []
        chars = 0
        for i in range(limit):
            if chars > MAX_TEXT_CHARS:
                limit = i
                break
            page = pdf[i]
            textpage = page.get_textpage()
            # PDFium marks a hyphen it judged a line-end break with U+FFFE: the word is whole without it.
            text = textpage.get_text_range().replace("\ufffe\r\n", "").replace("\ufffe", "")
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            chars += len(text)
            textpage.close()
            page.close()
        metadata = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise ParseError(source, f"PDF damaged while reading pages ({exc})") from None
    finally:
        pdf.close()
    lines_by_page = [[line.strip() for line in page.split("\n")] for page in pages]
    running = running_lines(lines_by_page)
    kept_lines: list[str] = []
    for lines in lines_by_page:
        for line in lines:
            if not line:
                kept_lines.append("")
            elif PAGE_NUMBER.match(line) or shape(line) in running:
                continue
            else:
                kept_lines.append(line)
        kept_lines.append("")
    blocks = [Block(text=p) if not BULLET.match(p) else Block(text=p, kind="item") for p in pdf_paragraphs(kept_lines)]
    if not blocks:
        raise ParseError(source, "PDF has no extractable text (scanned images?)")
    title = normalise_space(metadata.get("Title", "")) or blocks[0].text[:200]
    if limit < page_count:
        note(source, f"only the first {limit:,} of {page_count:,} pages read")
    return ParsedDocument(title=title, blocks=blocks, doc_type="pdf", page_count=page_count)


def shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def running_lines(lines_by_page: list[list[str]]) -> set[str]:
    """Lines that repeat at the top or bottom of most pages: running headers and footers."""
    if len(lines_by_page) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in lines_by_page:
        nonblank = [line for line in lines if line]
        edges = nonblank[:3] + nonblank[-3:]
        counts.update({shape(line) for line in edges})
    threshold = max(2, (len(lines_by_page) + 1) // 2)
    return {s for s, n in counts.items() if n >= threshold}


def pdf_paragraphs(lines: list[str]) -> list[str]:
    """Join a page's lines into paragraphs: mend words broken at line ends, break at
    blank lines, bullets, and short lines that end a sentence."""
    widths = sorted(len(line) for line in lines if line)
    typical = widths[len(widths) * 3 // 4] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if BULLET.match(line) and current:
            paragraphs.append(current)
            current = ""
        if current.endswith(HYPHENS_AT_END) and current[-2:-1].isalpha():
            hyphen = current[-1]
            if line[:1].islower() or hyphen in ("\xad", "\x02"):
                current = current[:-1] + line  # a word broken at the line end
            else:
                current = current[:-1] + "-" + line  # a real hyphen, as in Inter-American
        else:
            current = f"{current} {line}" if current else line
        if line.endswith((".", ":", "!", "?", "”", '"')) and len(line) < 0.8 * typical:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return [normalise_space(p) for p in paragraphs if p.strip()]
