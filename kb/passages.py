"""Cut a parsed document into passages of roughly a paragraph, each knowing its
position and the heading it sits under."""

from __future__ import annotations

import re

from kb.dates import PLACEHOLDER_YEAR, find_dates
from kb.models import Block, Passage

MIN_WORDS = 40  # a block shorter than this joins its neighbour under the same heading
MAX_WORDS = 220  # a block longer than this is split at sentence ends
BULLET = "• "
MAX_DATE_LINE_WORDS = 8
DATE_SHARE = 0.6  # of a date line's characters, the date's
# A sentence ends at . ! ? ; before a capital, but not after an initial or a title ("U.S.", "St.", "Dr.").
SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<!\bSt\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bNo\.)(?<!\bSr\.)"
                          r"(?<=[.!?;])\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“(])")


def split_passages(doc_id: str, blocks: list[Block]) -> list[Passage]:
    """Passages in document order.

    List items stay one per line so that extractors can read a schedule line by
    line; a list and the short sentence that introduces it stay together.
    """
    passages: list[Passage] = []
    heading = ""
    pending: list[str] = []
    pending_words = 0

    def emit() -> None:
        nonlocal pending, pending_words
        if pending:
            text = "\n".join(pending)
            for piece in split_long(text):
                passages.append(Passage(doc_id=doc_id, position=len(passages), heading=heading, text=piece))
        pending, pending_words = [], 0

    for block in blocks:
        if block.kind == "heading":
            # A teaser's date stands above its title ("14 Mar 2016 - 16 Mar 2016", then the heading).
            carried = [pending.pop()] if pending and _is_date_line(pending[-1]) else []
            pending_words -= sum(len(line.split()) for line in carried)
            emit()
            heading = block.text
            pending, pending_words = carried, sum(len(line.split()) for line in carried)
            continue
        words = len(block.text.split())
        in_list = bool(pending) and pending[-1].startswith(BULLET)
        if pending:
            if block.kind == "item":
                # A list stays with the short line that introduces it ("took place in:").
                starts_new = not in_list and pending_words >= MIN_WORDS and not pending[-1].endswith(":")
            elif in_list:
                # After a list, only a one-line note on its last item stays with it.
                starts_new = words >= 12
            else:
                # A news item set under its day ("12 de diciembre", a headline, a summary) is a passage of its own.
                starts_new = pending_words >= MIN_WORDS or pending_words + words > MAX_WORDS or _is_dated_item(block)
            if starts_new:
                emit()
        pending.append(BULLET + block.text if block.kind == "item" else block.text)
        pending_words += words
    emit()
    return passages


def _is_dated_item(block: Block) -> bool:
    lines = block.text.split("\n")
    return len(lines) > 2 and _is_date_line(lines[0])


def _is_date_line(line: str) -> bool:
    """A short line that is a date and little else: "14 Mar 2016 - 16 Mar 2016"."""
    if len(line.split()) > MAX_DATE_LINE_WORDS:
        return False
    dates = find_dates(line, default_year=PLACEHOLDER_YEAR)
    return bool(dates) and sum(d.end_pos - d.start_pos for d in dates) >= len(line.strip()) * DATE_SHARE


def split_long(text: str) -> list[str]:
    """Split a text of more than MAX_WORDS words into pieces of about MAX_WORDS:
    between lines (a list's items, a table's rows) or sentences, never inside one
    unless it alone is longer."""
    if len(text.split()) <= MAX_WORDS:
        return [text]
    pieces: list[str] = []
    lines: list[str] = []  # the piece being gathered
    count = 0
    for line in text.split("\n"):
        new_line = True
        if lines and count + len(line.split()) > MAX_WORDS:  # a line that fits whole starts the next piece
            pieces.append("\n".join(lines))
            lines, count = [], 0
        for sentence in SENTENCE_END.split(line):
            n = len(sentence.split())
            if lines and count + n > MAX_WORDS:
                pieces.append("\n".join(lines))
                lines, count, new_line = [], 0, True
            if n > MAX_WORDS:  # one endless "sentence": cut it by words
                words = sentence.split()
                pieces.extend(" ".join(words[i:i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS))
                new_line = True
                continue
            if new_line:
                lines.append(sentence)
            else:
                lines[-1] = f"{lines[-1]} {sentence}"
            new_line = False
            count += n
    if lines:
        pieces.append("\n".join(lines))
    return pieces
