"""The query language, parsed into terms and turned into SQL over the index tables.

Words separated by spaces must all occur (AND); ``"quoted text"`` is an exact phrase; ``OR``
(or ``|``) between two terms accepts either; ``-term`` excludes sections containing it. Each
term is a substring after normalisation, so 复议 also finds 行政复议. An unquoted term longer
than ``SPLIT_ABOVE`` characters is cut into jieba words that must all occur, as a search
engine does with a long typed phrase; quote it for the exact string. One-character terms work.
All matching is per section: a section matches when the whole query holds in it.

A query becomes two things (see ``models``): ``report_tsquery``, the bigrams a text must hold
(what the GIN indexes answer), and substring conditions (``strpos``) that decide a match exactly.

Input the engine cannot serve raises ``QueryError`` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from .normalize import has_word_char, is_word_char, normalize_text
from .tokens import bigrams, is_common_bigram, quote_lexeme, split_words, word_hash

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Longest exact phrase or word a query may hold (a longer unquoted term is split into words).
MAX_TERM_CHARS = 64
SPLIT_ABOVE = 6
# Ranking (``Query.section_rank``): a match in a heading counts this many times one in the body;
# the score is scaled by BODY_WEIGHT so one body occurrence scores 0.1, one in a heading 1.0.
HEADING_WEIGHT = 10
BODY_WEIGHT = 0.1
# Terms that must all occur earn up to this many body occurrences more when they stand together,
# half of it when their first occurrences are PROXIMITY_CHARS apart.
PROXIMITY_BONUS = 5
PROXIMITY_CHARS = 20

# A piece of SQL and its parameters.
SQL = tuple[str, list[object]]

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

    def condition(self, columns: tuple[str, ...]) -> SQL:
        """Every part occurs in one of ``columns``."""
        return _all(
            [_any([(f"strpos({column}, %s) > 0", [part]) for column in columns]) for part in self.parts]
        )

    def tsquery(self, *, skip_common: bool = False) -> str:
        """The bigrams every text holding this term holds; ``skip_common`` leaves out those that
        are very common words (``tokens.is_common_bigram``) where the part has others."""
        lexemes: list[str] = []
        for part in self.parts:
            if len(part) == 1:
                lexemes.append(f"{quote_lexeme(part)}:*")
                continue
            pairs = list(dict.fromkeys(bigrams(part)))
            if skip_common:
                pairs = [pair for pair in pairs if not is_common_bigram(pair)] or pairs
            lexemes.extend(quote_lexeme(pair) for pair in pairs)
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

    def section_condition(self, heading: str = "heading", body: str = "body") -> SQL:
        """Exact per-section match: substrings of the section's heading or body, with exclusions."""
        columns = (heading, body)
        items = [_any([term.condition(columns) for term in clause]) for clause in self.clauses]
        items.extend(_not(term.condition(columns)) for term in self.excluded)
        return _all(items)

    def report_condition(self, text: str = "text") -> SQL:
        """Exact per-report necessary condition: every clause holds somewhere in the report's
        text (a section matching means its report matches; exclusions are per section)."""
        return _all(self.clause_conditions(text))

    def clause_conditions(self, text: str = "text") -> list[SQL]:
        """Each clause's own condition on one text column."""
        return [_any([term.condition((text,)) for term in clause]) for clause in self.clauses]

    def with_clause_order(self, order: list[int]) -> Query:
        """The same query with its clauses in ``order`` (indexes into ``clauses``). PostgreSQL
        tests ANDed conditions of equal cost in the order written."""
        return replace(self, clauses=tuple(self.clauses[i] for i in order))

    def section_rank(self, heading: str = "heading", body: str = "body") -> SQL:
        """A section's score: occurrences of the terms (a heading's weighing ``HEADING_WEIGHT``
        body's), plus ``PROXIMITY_BONUS`` shrinking with the distance between the first
        occurrences in the body of the different terms that must all occur."""
        parts = self.highlight_parts
        counts = [
            (
                f"{HEADING_WEIGHT} * (length({heading}) - length(replace({heading}, %s, ''))) / {len(part)}"
                f" + (length({body}) - length(replace({body}, %s, ''))) / {len(part)}",
                [part, part],
            )
            for part in parts
        ]
        sql = " + ".join(item for item, _ in counts)
        params = [param for _, item_params in counts for param in item_params]
        required = [clause[0].parts[0] for clause in self.clauses if len(clause) == 1]
        if len(set(required)) > 1:
            found = " + ".join(f"(strpos({body}, %s) > 0)::int" for _ in required)
            firsts = ", ".join(f"nullif(strpos({body}, %s), 0)" for _ in required)
            sql += (
                f" + CASE WHEN {found} > 1 THEN {PROXIMITY_BONUS} / "
                f"(1.0 + (greatest({firsts}) - least({firsts})) / {PROXIMITY_CHARS}.0) ELSE 0 END"
            )
            params += [*required, *required, *required]
        return f"({sql}) * {BODY_WEIGHT}", params

    @cached_property
    def report_tsquery(self) -> str:
        """A necessary condition on a report's bigram set: no positions, no exclusions."""
        return self._tsquery(skip_common=False)

    @cached_property
    def section_tsquery(self) -> str:
        """A looser necessary condition for the section index: without bigrams that are very
        common words where a term has rarer ones. With every bigram, the index decoded the long
        posting lists of 法律 and 服务 for 互联网+ 法律服务 and took twice as long for the same
        candidates; the exact check after it keeps matches exact."""
        return self._tsquery(skip_common=True)

    def _tsquery(self, *, skip_common: bool) -> str:
        return _conjoin(
            [_disjoin([term.tsquery(skip_common=skip_common) for term in clause]) for clause in self.clauses]
        )

    @cached_property
    def word_hashes(self) -> list[int]:
        """Hashes of the term parts that may be whole jieba words (two or more characters), for
        the ranking bonus of reports whose words hold any of them."""
        return [word_hash(part) for part in self.highlight_parts if len(part) >= 2]

    @property
    def report_level_exact(self) -> bool:
        """Whether ``report_tsquery`` matching a report means a section of it matches exactly."""
        return not self.excluded and len(self.clauses) == 1 and all(t.single_lexeme for t in self.clauses[0])


def _all(items: list[SQL]) -> SQL:
    return _joined(items, " AND ")


def _any(items: list[SQL]) -> SQL:
    return _joined(items, " OR ")


def _joined(items: list[SQL], operator: str) -> SQL:
    if len(items) == 1:
        return items[0]
    return "(" + operator.join(sql for sql, _ in items) + ")", [
        param for _, params in items for param in params
    ]


def _not(item: SQL) -> SQL:
    return f"NOT {item[0]}", item[1]


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
    if not has_word_char(folded):
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
    if not has_word_char(normalize_text(text)):
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
