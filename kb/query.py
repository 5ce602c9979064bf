"""The query language: words, "quoted phrases", AND / OR / NOT, -word, (groups) and
field:value (agency:IOM, country:JM, year:2008..2010, mandate:74, lang:es).

Written by hand rather than with Whoosh's QueryParser because that parser is
quadratic on long input and raises on odd syntax; this one is linear, caps its
input and never raises: whatever does not parse is searched as plain words.
Bare words are optional (they rank, none is required); AND, + and field:value
clauses are required; NOT and - exclude.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb import settings
from kb.schema import FACETS

MAX_CLAUSES = 64  # words and phrases beyond this are ignored
MAX_DEPTH = 8  # nested parentheses beyond this are read as plain words
MAX_WORD_CHARS = 64  # longer "words" are noise, never in the vocabulary
FIELD_NAMES = {alias: f.name for f in FACETS for alias in (f.name, *f.aliases)}
FIELD_NAMES["mandate"] = "mandate"
TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
YEAR_RANGE = re.compile(r"([0-9]{4})?\.\.([0-9]{4})?")
YEAR = re.compile(r"[0-9]{4}")
MANDATE = re.compile(r"[0-9]{1,3}")


@dataclass
class Word:
    text: str


@dataclass
class Phrase:
    words: list[str]


@dataclass
class FieldValue:
    field: str  # a facet name or "mandate"
    values: list[str]  # year ranges are expanded to their years


@dataclass
class Group:
    """Clauses that rank (should), must match (must), or must not match (must_not)."""

    should: list = field(default_factory=list)
    must: list = field(default_factory=list)
    must_not: list = field(default_factory=list)
    any_of: list[Group] = field(default_factory=list)  # OR-ed alternatives, one of which must match

    def is_empty(self) -> bool:
        return not (self.should or self.must or self.must_not or self.any_of)


@dataclass
class ParsedQuery:
    root: Group
    words: list[str]  # every plain word, in order: for spelling suggestions and expansion
    text: str  # the query as read, after capping


def parse_query(text: str) -> ParsedQuery:
    text = (text or "")[: settings.get("max_query_chars")]
    tokens = TOKEN.findall(text)
    parser = _Parser(tokens)
    root = parser.parse()
    return ParsedQuery(root=root, words=parser.words, text=text)


class _Parser:
    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.i = 0
        self.words: list[str] = []
        self.clauses = 0

    def parse(self) -> Group:
        return self.expression(depth=0)

    def expression(self, depth: int) -> Group:
        """A run of clauses up to a closing parenthesis; OR splits it into alternatives."""
        alternatives = [Group()]
        pending_and = False
        while self.i < len(self.tokens):
            token = self.tokens[self.i]
            if token == ")":
                if depth > 0:
                    self.i += 1
                    break
                self.i += 1  # a stray closing parenthesis
                continue
            upper = token.upper() if token.isalpha() else ""
            if upper == "OR" and not alternatives[-1].is_empty():
                alternatives.append(Group())
                self.i += 1
                continue
            if upper == "AND" and not alternatives[-1].is_empty():
                pending_and = True
                self.i += 1
                continue
            negate = False
            if upper == "NOT" and self.i + 1 < len(self.tokens):
                negate = True
                self.i += 1
                token = self.tokens[self.i]
            clause = self.clause(token, depth)
            if clause is None:
                continue
            clause, required, excluded = clause
            group = alternatives[-1]
            if negate or excluded:
                group.must_not.append(clause)
            elif required or pending_and:
                if pending_and and group.should:
                    # "a AND b": the clause before AND becomes required too
                    group.must.append(group.should.pop())
                group.must.append(clause)
            else:
                group.should.append(clause)
            pending_and = False
        alternatives = [g for g in alternatives if not g.is_empty()]
        if len(alternatives) <= 1:
            return alternatives[0] if alternatives else Group()
        return Group(any_of=alternatives)

    def clause(self, token: str, depth: int):
        """One clause and its sign: (clause, required, excluded), or None to skip the token."""
        self.i += 1
        if self.clauses >= MAX_CLAUSES:
            return None
        required = excluded = False
        if token == "(":
            if depth + 1 > MAX_DEPTH:
                return None
            group = self.expression(depth + 1)
            return (group, False, False) if not group.is_empty() else None
        if token[:1] in "+-" and len(token) > 1:
            required, excluded = token[0] == "+", token[0] == "-"
            token = token[1:]
        if token.startswith('"'):
            words = [w for w in token.strip('"').split() if w]
            if not words:
                return None
            self.words.extend(words)
            self.clauses += 1
            return (Phrase(words) if len(words) > 1 else Word(words[0])), required, excluded
        name, sep, value = token.partition(":")
        if sep and value and name.lower() in FIELD_NAMES:
            fv = field_value(FIELD_NAMES[name.lower()], value.strip('"'))
            if fv is not None:
                return fv, not excluded, excluded
        word = token.strip(".,;:!?¿¡'\"")
        if not any(c.isalnum() for c in word) or len(word) > MAX_WORD_CHARS:
            return None
        self.words.append(word)
        self.clauses += 1
        return Word(word), required, excluded


def field_value(name: str, value: str) -> FieldValue | None:
    if name == "year":
        match = YEAR_RANGE.fullmatch(value)
        if match:
            low = int(match.group(1) or 1900)
            high = int(match.group(2) or 2100)
            if low > high or high - low > 200:
                return None
            return FieldValue("year", [str(y) for y in range(low, high + 1)])
        return FieldValue("year", [value]) if YEAR.fullmatch(value) else None
    if name == "mandate":
        return FieldValue("mandate", [value]) if MANDATE.fullmatch(value) else None
    return FieldValue(name, [value])
