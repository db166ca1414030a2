"""The query language, parsed into terms and turned into PostgreSQL tsqueries.

Words separated by spaces must all occur (AND); ``"quoted text"`` is an exact phrase; ``OR``
(or ``|``) between two terms accepts either; ``-term`` excludes sections containing it. Each
term is a substring after normalisation, so 复议 also finds 行政复议. An unquoted term longer
than ``SPLIT_ABOVE`` characters is cut into jieba words that must all occur, as a search
engine does with a long typed phrase; quote it for the exact string. One-character terms work.
All matching is per section: a section matches when the whole query holds in it.

Input the engine cannot serve raises ``QueryError`` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .normalize import is_word_char, normalize_text
from .tokens import bigrams, quote_lexeme, split_words, word_lexeme

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Longest exact phrase; index chunks overlap by this much so no phrase is cut in two.
MAX_TERM_CHARS = 64
SPLIT_ABOVE = 6

_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』＂〝〞"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OR_WORDS = frozenset({"OR", "|", "||"})


class QueryError(ValueError):
    """A query the engine refuses; ``message`` is a friendly explanation in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Term:
    """One search term: ``parts`` (normalised) must all occur; one part unless a long term was split."""

    raw: str
    parts: tuple[str, ...]
    phrase: bool = False

    def section_tsquery(self) -> str:
        return _conjoin([_phrase_tsquery(part) for part in self.parts])

    def report_tsquery(self) -> str:
        lexemes: list[str] = []
        for part in self.parts:
            if len(part) == 1:
                lexemes.append(f"{quote_lexeme(part)}:*")
            else:
                lexemes.extend(quote_lexeme(pair) for pair in dict.fromkeys(bigrams(part)))
        return _conjoin(lexemes)

    @property
    def single_lexeme(self) -> bool:
        """True when one index lexeme decides the match (one or two characters)."""
        return len(self.parts) == 1 and len(self.parts[0]) <= 2


@dataclass(frozen=True)
class Query:
    """AND of ``clauses`` (each an OR of terms), minus sections containing any ``excluded`` term."""

    text: str
    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]

    @property
    def highlight_parts(self) -> list[str]:
        """Normalised strings to mark in snippets and report pages, longest first."""
        parts = {part for term in self.terms for part in term.parts}
        return sorted(parts, key=lambda part: (-len(part), part))

    @cached_property
    def section_tsquery(self) -> str:
        """Exact per-section match: phrases of bigrams, with exclusions."""
        items = [_disjoin([term.section_tsquery() for term in clause]) for clause in self.clauses]
        items.extend(f"!{term.section_tsquery()}" for term in self.excluded)
        return _conjoin(items)

    @cached_property
    def positive_tsquery(self) -> str:
        """The section query without exclusions, for ranking (cover density needs positives)."""
        return _conjoin([_disjoin([term.section_tsquery() for term in clause]) for clause in self.clauses])

    @cached_property
    def report_tsquery(self) -> str:
        """A necessary condition on a report's bigram set: no positions, no exclusions."""
        return _conjoin([_disjoin([term.report_tsquery() for term in clause]) for clause in self.clauses])

    @cached_property
    def word_tsquery(self) -> str | None:
        """Any term part occurring as a whole jieba word, for ranking; None for 1-char terms only."""
        words = [quote_lexeme(word_lexeme(part)) for part in self.highlight_parts if len(part) >= 2]
        return _disjoin(words) if words else None

    @property
    def report_level_exact(self) -> bool:
        """Whether ``report_tsquery`` matching a report means a section of it matches exactly."""
        return not self.excluded and len(self.clauses) == 1 and all(t.single_lexeme for t in self.clauses[0])


def _phrase_tsquery(part: str) -> str:
    if len(part) == 1:
        return f"{quote_lexeme(part)}:*"
    return "(" + " <-> ".join(quote_lexeme(pair) for pair in bigrams(part)) + ")"


def _conjoin(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "(" + " & ".join(items) + ")"


def _disjoin(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "(" + " | ".join(items) + ")"


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B50 <= code <= 0x2B55
        or code in (0xFE0F, 0x200D, 0x20E3)
    )


def _strip_edge_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    return text[start:end]


def _make_term(raw: str, *, phrase: bool) -> Term | None:
    """The term for ``raw``, or None when nothing searchable is left (stray punctuation)."""
    folded = normalize_text(raw.replace('"', ""))
    if not phrase:
        folded = _strip_edge_punctuation(folded)
    if not any(is_word_char(c) for c in folded):
        return None
    if len(folded) > MAX_TERM_CHARS:
        if phrase:
            raise QueryError(f"引号内的短语太长了,请不超过 {MAX_TERM_CHARS} 个字。")
        words = split_words(folded)
        if not words or any(len(word) > MAX_TERM_CHARS for word in words):
            raise QueryError(f"这个词太长了,请不超过 {MAX_TERM_CHARS} 个字,或用空格分成几个词。")
        return Term(raw, tuple(dict.fromkeys(words)))
    if not phrase and len(folded) > SPLIT_ABOVE and any(not c.isascii() for c in folded):
        words = split_words(folded)
        if len(words) > 1:
            return Term(raw, tuple(dict.fromkeys(words)))
    return Term(raw, (folded,), phrase=phrase)


def parse_query(text: str) -> Query:
    """Parse what the user typed; raise ``QueryError`` for input that cannot be searched."""
    text = (text or "").strip()
    if not text:
        raise QueryError("请输入要查找的词语,例如:行政复议。")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"查询太长了,请不超过 {MAX_QUERY_CHARS} 个字。")
    if any(_is_emoji(c) for c in text):
        raise QueryError("查询中有表情符号,请只用文字或数字查找。")
    if not any(is_word_char(c) for c in normalize_text(text)):
        raise QueryError("查询只包含标点或符号,请输入文字或数字。")

    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TOKEN.finditer(text.translate(_QUOTES)):
        negate, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.upper() in _OR_WORDS:
            join_next = bool(clauses)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negate, bare = "-", bare[1:]
        term = _make_term(quoted if quoted is not None else bare, phrase=quoted is not None)
        if term is None:
            continue
        if negate:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False

    if not clauses:
        if excluded:
            raise QueryError("请至少输入一个要查找的词;“-”只用来排除词语。")
        raise QueryError("查询只包含标点或符号,请输入文字或数字。")
    if sum(len(clause) for clause in clauses) + len(excluded) > MAX_TERMS:
        raise QueryError(f"查询的词太多了,请不超过 {MAX_TERMS} 个。")
    return Query(text, tuple(tuple(clause) for clause in clauses), tuple(excluded))
