"""The query language, parsed into terms and turned into SQL over the index tables.

Words separated by spaces must all occur (AND); ``"quoted text"`` is an exact phrase, and so is
text in typographic quotes that wrap whole words (“重大行政决策 目录”; inside a word, as in
八五”普法, they are dropped, as in the indexed text); ``OR`` in capitals (or ``|``) between two terms accepts
either; ``-term`` excludes sections containing it. Each
term is a substring after normalisation, so 复议 also finds 行政复议. An unquoted term longer
than ``SPLIT_ABOVE`` characters is cut into jieba words that must all occur, as a search
engine does with a long typed phrase; quote it for the exact string. One-character terms work.
All matching is per section: a section matches when the whole query holds in it.

A query becomes two things (see ``models``): what the GIN indexes answer, the bigrams a report
must hold (``report_tsquery``) and the grams a section must hold (``section_tsquery``); and
substring conditions (``strpos``) that decide a match exactly.

Input the engine cannot serve raises ``QueryError`` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from .normalize import has_word_char, is_han, is_word_char, normalize_text
from .tokens import bigrams, grams, quote_lexeme, split_words, word_hash

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Longest exact phrase or word a query may hold (a longer unquoted term is split into words).
MAX_TERM_CHARS = 64
SPLIT_ABOVE = 6
# Ranking (``Query.section_rank``) in tiers, each outweighing all below it: the terms in the
# heading (HEADING_TIER when it holds every term, a share of it for some); then terms standing
# together in the body (up to 1: the whole string of a term that was split into words, or
# different terms' first occurrences PROXIMITY_CHARS apart earn half); then how often the terms
# occur in the body, saturating below 1 (OCCURRENCES_HALF occurrences give 0.5).
HEADING_TIER = 2.0
PROXIMITY_CHARS = 20
OCCURRENCES_HALF = 3

# A piece of SQL and its parameters.
SQL = tuple[str, list[object]]

# Typographic quotes mark a phrase only when they wrap whole words of the query (“重大行政决策 目录”);
# inside a word (推进“放管服”改革, 八五”普法) they are the report's own characters, which the
# normaliser drops from query and text alike.
_CURLY = "“”„‟「」『』〝〞"
# A minus before a term excludes it: ASCII or the full-width one a Chinese keyboard types.
_MINUS = "-－"
_CURLY_PHRASE = re.compile(rf"(?:^|(?<=\s))([{_MINUS}]?)[{_CURLY}](.*?)[{_CURLY}](?=\s|$)")
_TOKEN = re.compile(rf'([{_MINUS}]?)"([^"]*)"?|(\S+)')
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
    # The normalised term before it was split into ``parts`` (the one part when it was not).
    whole: str = ""

    def __post_init__(self) -> None:
        if not self.whole:
            object.__setattr__(self, "whole", self.parts[0])

    def condition(self, columns: tuple[str, ...]) -> SQL:
        """Every part occurs in one of ``columns``."""
        return _all(
            [_any([(f"strpos({column}, %s) > 0", [part]) for column in columns]) for part in self.parts]
        )

    def tsquery(self) -> str:
        """The bigrams every text holding this term holds (for the report index)."""
        lexemes: list[str] = []
        for part in self.parts:
            if len(part) == 1:
                lexemes.append(f"{quote_lexeme(part)}:*")
            else:
                lexemes.extend(quote_lexeme(pair) for pair in dict.fromkeys(bigrams(part)))
        return _conjoin(lexemes)

    def gram_tsquery(self) -> str:
        """The grams (``tokens.grams``) every section holding this term holds, for the section
        index: the tagged pairs of a part of three or more characters, else a prefix match."""
        lexemes: list[str] = []
        for part in self.parts:
            if len(part) <= 2:
                lexemes.append(f"{quote_lexeme(part)}:*")
            else:
                lexemes.extend(quote_lexeme(gram) for gram in dict.fromkeys(grams(part)[:-2]))
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
    def split_terms(self) -> list[Term]:
        """Long terms typed without quotes, searched as their words (证明事项 告知 承诺制)."""
        return [term for term in self.terms if len(term.parts) > 1 and not term.phrase]

    @property
    def required_strings(self) -> list[str]:
        """The whole normalised string of each term that must occur (a clause without OR)."""
        return [clause[0].whole for clause in self.clauses if len(clause) == 1]

    @property
    def highlight_parts(self) -> list[str]:
        """Normalised strings to mark in snippets and report pages, longest first (a split term's
        whole string too, so it is marked as one where it occurs)."""
        parts = {part for term in self.terms for part in (*term.parts, term.whole)}
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
        """A section's score: ``HEADING_TIER`` times the share of the clauses its heading holds
        (a heading with both terms above one with one), plus closeness of the terms in the body
        (0–1) and their saturating number of body occurrences (0–1), the two divided by the
        number of clauses: under one clause's share of the heading tier, so that a heading
        holding one more term outweighs whatever the body holds."""
        parts = self.highlight_parts
        in_heading: list[SQL] = []
        for clause in self.clauses:
            clause_parts = [part for term in clause for part in dict.fromkeys((*term.parts, term.whole))]
            held = " OR ".join(f"strpos({heading}, %s) > 0" for _ in clause_parts)
            in_heading.append((f"(CASE WHEN {held} THEN 1 ELSE 0 END)", clause_parts))
        heading_share = f"({' + '.join(sql for sql, _ in in_heading)}) / {len(self.clauses)}.0"
        occurrences = " + ".join(
            f"(length({body}) - length(replace({body}, %s, ''))) / {len(part)}.0" for part in parts
        )
        closeness, closeness_params = self._closeness(body)
        sql = (
            f"{HEADING_TIER} * {heading_share} + ({closeness}"
            f" + ({occurrences}) / ({occurrences} + {OCCURRENCES_HALF})) / {len(self.clauses)}.0"
        )
        heading_params = [param for _, params in in_heading for param in params]
        return f"({sql})", [*heading_params, *closeness_params, *parts, *parts]

    def _closeness(self, body: str) -> SQL:
        """1 when a split term's whole string occurs in ``body``; else, when different terms that
        must all occur are there, 1 shrinking with the distance between their first occurrences."""
        sql, params = "0", []
        required = list(dict.fromkeys(clause[0].parts[0] for clause in self.clauses if len(clause) == 1))
        if len(required) > 1:
            found = " + ".join(f"(strpos({body}, %s) > 0)::int" for _ in required)
            firsts = ", ".join(f"nullif(strpos({body}, %s), 0)" for _ in required)
            sql = (
                f"CASE WHEN {found} > 1 THEN 1.0 / "
                f"(1.0 + (greatest({firsts}) - least({firsts})) / {PROXIMITY_CHARS}.0) ELSE 0 END"
            )
            params = [*required, *required, *required]
        wholes = [term.whole for term in self.terms if len(term.parts) > 1]
        if wholes:
            in_body = " OR ".join(f"strpos({body}, %s) > 0" for _ in wholes)
            sql, params = f"CASE WHEN {in_body} THEN 1.0 ELSE {sql} END", [*wholes, *params]
        return sql, params

    @cached_property
    def report_tsquery(self) -> str:
        """A necessary condition on a report's bigram set: no positions, no exclusions."""
        return _conjoin([_disjoin([term.tsquery() for term in clause]) for clause in self.clauses])

    @cached_property
    def section_tsquery(self) -> str:
        """A necessary condition on a section's grams (``search_grams``), tighter than bigrams:
        公平竞争审查 合法性审核 matches no section, yet 22,003 of 2.6 million hold all nine of its
        bigrams (合法性审查 and 审核 apart), and each had to be read to rule it out."""
        return _conjoin([_disjoin([term.gram_tsquery() for term in clause]) for clause in self.clauses])

    @cached_property
    def word_hashes(self) -> list[int]:
        """Hashes of the term parts that may be whole jieba words (two or more characters; the
        words of a split term, not its whole string), for the ranking tier of reports whose words
        hold them: the more of them, the higher."""
        parts = dict.fromkeys(part for term in self.terms for part in term.parts if len(part) >= 2)
        return [word_hash(part) for part in parts]

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
        return Term(raw, tuple(dict.fromkeys(words)), whole=folded)
    if not phrase and len(folded) > SPLIT_ABOVE and any(not c.isascii() for c in folded):
        words = split_words(folded)
        if len(words) > 1:
            return Term(raw, tuple(dict.fromkeys(words)), whole=folded)
    return Term(raw, (folded,), phrase=phrase)


@dataclass(frozen=True)
class Token:
    """One item of a typed query: a term (its ``start``/``end`` in the query, quotes outside)
    or the ``OR`` operator."""

    text: str
    start: int
    end: int
    phrase: bool = False
    negate: bool = False
    operator: bool = False


_PERCENTAGE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]")


def characters_joined(text: str) -> str:
    """A plain list of terms (no OR, - or quotes) with each run of two or more single Han
    characters joined into one word (行 政 复 议 改革 → 行政复议 改革), or "" when it has none:
    each character is searched as a term of its own, which is seldom what was meant."""
    tokens = tokenize(text)
    if any(token.operator or token.negate or token.phrase for token in tokens):
        return ""
    words: list[str] = []
    single = False  # whether the last word is a run of single characters
    for token in tokens:
        alone = len(token.text) == 1 and is_han(token.text)
        if alone and single:
            words[-1] += token.text
        else:
            words.append(token.text)
        single = alone
    return " ".join(words) if len(words) < len(tokens) else ""


def tokenize(text: str) -> list[Token]:
    """The query's items in order. ``OR`` (or ``|``) is the operator unless the query holds
    nothing else, when it is the word searched for; lower-case ``or`` is always a word."""
    # Phrase-marking typographic quotes become '"', one character for one, so spans still hold.
    canonical = _CURLY_PHRASE.sub(lambda m: f'{m.group(1)}"{m.group(2)}"', text.replace("＂", '"'))
    tokens: list[Token] = []
    for match in _TOKEN.finditer(canonical):
        negate, quoted, bare = match.group(1), match.group(2), match.group(3)
        if quoted is not None:
            tokens.append(Token(quoted, match.start(2), match.start(2) + len(quoted), True, bool(negate)))
        elif bare[0] in _MINUS and len(bare) > 1:
            # (-100% as a whole: unquoted, the sign dropped and every report writing 100 went)
            excluded = bare[1:]
            phrase = bool(_PERCENTAGE.fullmatch(excluded))
            tokens.append(Token(excluded, match.start(3) + 1, match.end(3), phrase, negate=True))
        elif _PERCENTAGE.fullmatch(bare):
            # 100% as typed: the index drops the sign, so unquoted it also found 100个工作日
            tokens.append(Token(bare, match.start(3), match.end(3), True))
        else:
            tokens.append(Token(bare, match.start(3), match.end(3)))
    tokens = _signs_joined(tokens)
    is_or = [token.text in _OR_WORDS and not token.phrase and not token.negate for token in tokens]
    if all(is_or):
        return tokens
    return [
        replace(token, operator=True) if or_word else token
        for token, or_word in zip(tokens, is_or, strict=True)
    ]


def _signs_joined(tokens: list[Token]) -> list[Token]:
    """A percent sign typed apart from its figure (100 %) joined to it: alone it is punctuation
    and was dropped, so the figure was searched bare and found 100个工作日 too."""
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if (
            token.text in ("%", "％")
            and not token.negate
            and previous is not None
            and not previous.phrase
            and not previous.negate
            and _PERCENTAGE.fullmatch(previous.text + "%")
        ):
            # The span runs over the space between, so cutting the term out takes both.
            joined[-1] = replace(previous, text=previous.text + token.text, end=token.end, phrase=True)
        else:
            joined.append(token)
    return joined


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
    for token in tokenize(text):
        if token.operator:
            join_next = True
            continue
        term = _make_term(token.text, phrase=token.phrase)
        if term is None:
            continue
        if token.negate:
            excluded.append(term)
        elif join_next and clauses:
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
