""" "Did you mean": other spellings of a query that found nothing, from a curated synonym table and
from pinyin.

Pure functions over a ``Vocabulary`` (the domain terms of ``data/legal_terms.txt``, the synonym
table ``data/synonyms.txt`` and whatever names the caller adds — agency and place names from the
database). No database, no search here: the caller checks which suggestions actually find
reports before showing them.

Each positive term of the query (not ``OR``, not an ``-excluded`` term) may be replaced by:

1. ``synonym`` — a curated alternative (复议 ↔ 行政复议, 出庭率 → 出庭应诉率, 放管服 ↔ 简政放权);
   a curated *related* term (首违不罚 ~ 轻微违法不罚: another policy of the same kind) is offered
   as ``related``, never searched in the query's place;
2. ``pinyin`` — a vocabulary string with the same toneless pinyin (行政复以 → 行政复议), also
   inside a longer term (复以 → 复议 from 行政复议); a term typed in Latin pinyin is read the
   same way (fuyi, FuYi → 复议; xingzheng'fuyi → 行政复议), and so are several such terms in a
   row (``xing zheng fu yi`` → 行政复议);
3. ``fuzzy`` — the same pinyin up to easily confused sounds (z/zh, c/ch, s/sh, n/l, f/h,
   in/ing, en/eng, an/ang);
4. ``abbreviation`` — a term whose characters contain the query's in order (出庭率 → 出庭应诉率);
5. ``initials`` — a term of at least ``MIN_INITIALS`` Latin letters that are the first letters of
   the pinyin of a Han term (xzfy → 行政复议), only when that is not ambiguous;
6. ``typo`` — a term differing in one character (行政服议 → 行政复议).

The first two are ``confident``: a page may search them straight away and say so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin

from reports.hanzi import to_simplified

from .query import tokenize

DATA = Path(__file__).parent / "data"
SYNONYMS_FILE = DATA / "synonyms.txt"
RELATED = " ~ "  # a line of related terms in it
TERMS_FILE = DATA / "legal_terms.txt"

MAX_WINDOW = 8  # longest substring of a vocabulary term indexed by pinyin
MAX_PER_TERM = 4
MAX_SUGGESTIONS = 6
ABBREVIATION_EXTRA = 4  # an abbreviation leaves out at most this many characters
# First-letter abbreviations: shorter ones are mostly noise (3 letters already name ~1,000 place
# and agency names, 5 at once for qjq), and a code shared by more terms than this is a guess.
MIN_INITIALS = 4
MAX_INITIALS_MATCHES = 2
MAX_SPELLINGS = 32  # readings of one Latin string tried (xian: xian / xi an)

REASONS = ("synonym", "pinyin", "related", "fuzzy", "abbreviation", "initials", "typo")
CONFIDENT = frozenset({"synonym", "pinyin"})

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))
# Pinyin typed in Latin letters: syllables optionally split by spaces or apostrophes.
_LATIN = re.compile(r"[A-Za-zÜü]+(?:[\s'’]+[A-Za-zÜü]+)*")
_LATIN_SPLIT = re.compile(r"[\s'’]+")
# ü is v in pypinyin's toneless output (律 → lv); many type u after l and n.
_U_AS_V = {"lu": "lv", "nu": "nv", "lue": "lve", "nue": "nve"}
_LONGEST_SYLLABLE = 6  # zhuang, shuang


@dataclass(frozen=True)
class Alternative:
    """Another way to write one term, and why it is offered."""

    text: str
    reason: str

    @property
    def confident(self) -> bool:
        return self.reason in CONFIDENT


@dataclass(frozen=True)
class Suggestion:
    """A whole query to try instead, with the terms it changed (``[(was, now), …]``)."""

    text: str
    changes: tuple[tuple[str, str], ...]
    reason: str

    @property
    def confident(self) -> bool:
        return self.reason in CONFIDENT


def pinyin_key(text: str) -> tuple[str, ...]:
    """Toneless pinyin, one syllable per character of a Han string (行政复议 → xing zheng fu yi)."""
    return tuple(lazy_pinyin(text))


def fuzzy_syllable(syllable: str) -> str:
    """A syllable with easily confused initials and finals folded together (zhi → zi, ling → nin)."""
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


def is_latin_pinyin(text: str) -> bool:
    """Latin letters only, syllables optionally split by spaces or apostrophes (fuyi, xing zheng)."""
    return bool(_LATIN.fullmatch(text.strip()))


def parse_synonyms(lines: Iterable[str]) -> dict[str, list[str]]:
    """``a <-> b <-> c`` and ``a -> b`` lines as {term: [alternatives in file order]} (``a ~ b``
    lines are ``parse_related``'s)."""
    table: dict[str, list[str]] = defaultdict(list)
    for raw in lines:
        line = "" if raw.lstrip().startswith("#") else raw.strip()
        if not line or RELATED in line:
            continue
        if "<->" in line:
            group = [part.strip() for part in line.split("<->") if part.strip()]
            for term in group:
                table[term].extend(other for other in group if other != term and other not in table[term])
        elif edge := _one_way(line):
            source, target = edge
            if target not in table[source]:
                table[source].append(target)
        else:
            raise ValueError(f"synonym line needs <-> or ->: {raw!r}")
    return dict(table)


def parse_related(lines: Iterable[str]) -> dict[str, list[str]]:
    """``a ~ b ~ c`` lines as {term: [related terms in file order]}."""
    table: dict[str, list[str]] = defaultdict(list)
    for raw in lines:
        if raw.lstrip().startswith("#") or RELATED not in raw:
            continue
        group = [part.strip() for part in raw.split(RELATED) if part.strip()]
        for term in group:
            table[term].extend(other for other in group if other != term and other not in table[term])
    return dict(table)


@cache
def default_related() -> dict[str, list[str]]:
    """The related terms of ``data/synonyms.txt``."""
    return parse_related(SYNONYMS_FILE.read_text(encoding="utf-8").splitlines())


@cache
def default_synonyms() -> dict[str, list[str]]:
    """The curated table of ``data/synonyms.txt``."""
    return parse_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8").splitlines())


@cache
def domain_terms() -> tuple[str, ...]:
    """The legal and administrative terms of ``data/legal_terms.txt`` and every synonym-table term."""
    terms = [
        line.strip()
        for line in TERMS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for term, others in (*default_synonyms().items(), *default_related().items()):
        terms.append(term)
        terms.extend(others)
    return tuple(dict.fromkeys(terms))


class Vocabulary:
    """Terms indexed for lookup by pinyin (with substrings), fuzzy pinyin, and one-character edits."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms: tuple[str, ...] = tuple(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
        self._whole = frozenset(self.terms)
        # pinyin tuple → how many terms contain each string with that pinyin
        self._by_pinyin: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        self._by_fuzzy: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        self._by_gap: dict[str, set[str]] = defaultdict(set)
        # Every syllable seen, to read Latin input as pinyin; initials → whole Han terms (of at
        # most MAX_WINDOW characters, like the pinyin windows: nobody types cqsqjqrmzf).
        self._syllables: set[str] = set()
        self._by_initials: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            for run in _HAN.findall(term):
                syllables = pinyin_key(run)
                if len(syllables) != len(run):
                    continue
                self._syllables.update(syllables)
                if run == term and MIN_INITIALS <= len(term) <= MAX_WINDOW:
                    self._by_initials["".join(s[0] for s in syllables)].append(term)
                fuzzy = tuple(fuzzy_syllable(s) for s in syllables)
                for start in range(len(run)):
                    for end in range(start + 2, min(len(run), start + MAX_WINDOW) + 1):
                        window = run[start:end]
                        self._by_pinyin[syllables[start:end]][window] += 1
                        self._by_fuzzy[fuzzy[start:end]][window] += 1
            if len(term) >= 3:
                for index in range(len(term)):
                    self._by_gap[term[:index] + "\0" + term[index + 1 :]].add(term)

    def __len__(self) -> int:
        return len(self.terms)

    def alternatives(self, term: str, synonyms: Mapping[str, list[str]] | None = None) -> list[Alternative]:
        """Other ways to write ``term``, best first, at most ``MAX_PER_TERM``; never ``term`` itself."""
        found: dict[str, Alternative] = {}

        def add(text: str, reason: str) -> None:
            if text != term and text not in found:
                found[text] = Alternative(text, reason)

        for other in (synonyms if synonyms is not None else default_synonyms()).get(term, []):
            add(other, "synonym")
        for other in default_related().get(term, []):
            add(other, "related")
        if _HAN.fullmatch(term) and len(term) >= 2:
            syllables = pinyin_key(term)
            if len(syllables) == len(term):
                for text in self._ranked(self._by_pinyin.get(syllables)):
                    add(text, "pinyin")
                fuzzy = tuple(fuzzy_syllable(s) for s in syllables)
                for text in self._ranked(self._by_fuzzy.get(fuzzy)):
                    add(text, "fuzzy")
        elif is_latin_pinyin(term):
            spelled = self.spelled(term)
            for text in spelled:
                add(text, "pinyin")
            if not spelled:
                for text in self.initialled(term):
                    add(text, "initials")
        if len(term) >= 2:
            for text in self._abbreviated_by(term):
                add(text, "abbreviation")
        if len(term) >= 3:
            typos = set()
            for index in range(len(term)):
                typos |= self._by_gap.get(term[:index] + "\0" + term[index + 1 :], set())
            for text in sorted(typos, key=lambda t: (t not in self._whole, t)):
                add(text, "typo")
        return list(found.values())[:MAX_PER_TERM]

    def spelled(self, latin: str) -> list[str]:
        """Vocabulary strings (of two or more characters) whose toneless pinyin is ``latin``, best
        first: fuyi, FuYi, fu'yi → 复议; xing zheng fu yi → 行政复议. Spaces and apostrophes must
        fall between syllables (xi'anhua is never 鲜花); without them every reading is tried."""
        counts: Counter[str] = Counter()
        for syllables in self._readings(latin):
            counts.update(self._by_pinyin.get(syllables, {}))
        return self._ranked(counts)

    def initialled(self, letters: str) -> list[str]:
        """Han terms whose syllables start with ``letters`` in order (xzfy → 行政复议), for
        ``MIN_INITIALS`` to ``MAX_WINDOW`` letters; nothing when more than ``MAX_INITIALS_MATCHES``
        terms share them. In vocabulary order (domain terms before the caller's names)."""
        key = letters.strip().lower()
        if len(key) < MIN_INITIALS or not key.isascii() or not key.isalpha():
            return []
        matches = self._by_initials.get(key, [])
        return list(matches) if len(matches) <= MAX_INITIALS_MATCHES else []

    def _readings(self, latin: str) -> list[tuple[str, ...]]:
        """The ways ``latin`` splits into known syllables, at most ``MAX_SPELLINGS`` of them, each
        of two to ``MAX_WINDOW`` syllables."""
        if not is_latin_pinyin(latin):
            return []
        chunks = _LATIN_SPLIT.split(latin.strip().lower().replace("ü", "v"))
        if sum(map(len, chunks)) > MAX_WINDOW * _LONGEST_SYLLABLE:
            return []
        readings: list[tuple[str, ...]] = [()]
        for chunk in chunks:
            readings = [
                reading + tail
                for reading in readings
                for tail in self._split(chunk)
                if len(reading) + len(tail) <= MAX_WINDOW
            ][:MAX_SPELLINGS]
        return [reading for reading in readings if len(reading) >= 2]

    def _split(self, letters: str) -> list[tuple[str, ...]]:
        """The ways ``letters`` (no separators) is a sequence of known syllables."""
        splits: dict[int, list[tuple[str, ...]]] = {len(letters): [()]}
        for start in range(len(letters) - 1, -1, -1):
            found: list[tuple[str, ...]] = []
            for end in range(start + 1, min(len(letters), start + _LONGEST_SYLLABLE) + 1):
                piece = letters[start:end]
                for syllable in dict.fromkeys((piece, _U_AS_V.get(piece, piece))):
                    if syllable in self._syllables:
                        found.extend((syllable, *rest) for rest in splits[end] if len(rest) < MAX_WINDOW)
            splits[start] = found[:MAX_SPELLINGS]
        return splits[0]

    def _ranked(self, counts: Counter[str] | None) -> list[str]:
        """Strings that are whole terms first, then those inside more terms."""
        if not counts:
            return []
        return sorted(counts, key=lambda text: (text not in self._whole, -counts[text], text))

    def _abbreviated_by(self, term: str) -> list[str]:
        """Whole terms that contain the characters of ``term`` in order, starting with its first."""
        matches = [
            other
            for other in self.terms
            if len(term) < len(other) <= len(term) + ABBREVIATION_EXTRA
            and other[0] == term[0]
            and term not in other
            and _is_subsequence(term, other)
        ]
        return sorted(matches, key=lambda other: (len(other), other))


def other_wordings(query: str, lines: Iterable[str] | None = None) -> list[str]:
    """The shorter ways reports write a one-term query: the abbreviations the curated table
    names for it (``出庭率 -> 出庭应诉率``: 出庭应诉率 is also written 出庭率), for a search that
    found reports to widen to. Only these one-way lines: a ``<->`` group also joins broader and
    related terms (学法 <-> 会前学法), whose reports are not the same thing said otherwise.
    The term is read in simplified characters; [] for several terms or operators."""
    tokens = tokenize(query)
    if len(tokens) != 1 or tokens[0].negate or tokens[0].operator:
        return []
    term = to_simplified(tokens[0].text.strip())
    table = parse_abbreviations(lines) if lines is not None else default_abbreviations()
    return [other for other in table.get(term, []) if other != term][:MAX_PER_TERM]


def parse_abbreviations(lines: Iterable[str]) -> dict[str, list[str]]:
    """``a -> b`` lines as {b: [a, …]}: each term with the shorter forms that stand for it."""
    table: dict[str, list[str]] = defaultdict(list)
    for raw in lines:
        edge = None if raw.lstrip().startswith("#") or "<->" in raw else _one_way(raw.strip())
        if edge and edge[0] not in table[edge[1]]:
            table[edge[1]].append(edge[0])
    return dict(table)


def _folded(term: str) -> str:
    """A term as the search reads it: full-width letters (ｆｕｙｉ) and traditional characters
    (行政復以) as what they stand for. Only terms: the query's marks (ＯＲ, －) stay as typed, as
    the search reads them (a word, part of a term)."""
    return to_simplified(unicodedata.normalize("NFKC", term))


def _one_way(line: str) -> tuple[str, str] | None:
    """(a, b) of an ``a -> b`` line, or None."""
    if "->" not in line:
        return None
    source, target = (part.strip() for part in line.split("->", 1))
    return (source, target) if source and target else None


@cache
def default_abbreviations() -> dict[str, list[str]]:
    """The one-way lines of ``data/synonyms.txt``, read backwards."""
    return parse_abbreviations(SYNONYMS_FILE.read_text(encoding="utf-8").splitlines())


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def query_terms(query: str) -> list[tuple[int, int, str]]:
    """(start, end, term) of each positive term of ``query`` (quotes kept outside the span)."""
    return [
        (token.start, token.end, token.text)
        for token in tokenize(query)
        if not token.negate and not token.operator and token.text.strip()
    ]


def _term_options(
    text: str,
    terms: list[tuple[int, int, str]],
    vocabulary: Vocabulary,
    synonyms: Mapping[str, list[str]] | None,
) -> list[tuple[int, int, str, list[Alternative]]]:
    """(start, end, term, alternatives) of each term. Pinyin typed with spaces is several terms
    (``xing zheng fu yi``): the longest run of Latin terms, apart only by spaces, that spells a
    vocabulary string is taken as one term, so the spans never overlap."""
    options = []
    index = 0
    while index < len(terms):
        last = index
        while (
            last + 1 < len(terms)
            and last + 1 - index < MAX_WINDOW
            and is_latin_pinyin(_folded(terms[last][2]))
            and is_latin_pinyin(_folded(terms[last + 1][2]))
            and text[terms[last][1] : terms[last + 1][0]].isspace()
        ):
            last += 1
        for end_index in range(last, index, -1):
            start, end = terms[index][0], terms[end_index][1]
            spelled = vocabulary.spelled(_folded(text[start:end]))
            if spelled:
                alternatives = [Alternative(other, "pinyin") for other in spelled[:MAX_PER_TERM]]
                options.append((start, end, text[start:end], alternatives))
                index = end_index + 1
                break
        else:
            start, end, term = terms[index]
            options.append((start, end, term, vocabulary.alternatives(_folded(term), synonyms)))
            index += 1
    return options


def suggest(
    query: str,
    vocabulary: Vocabulary,
    synonyms: Mapping[str, list[str]] | None = None,
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Rewritten queries to try when ``query`` finds nothing, the most likely first.

    Each suggestion changes one term; when several terms have alternatives, one more suggestion
    changes every term to its best alternative. Confident ones (synonym, same pinyin) come first.
    """
    text = query.strip()
    options = _term_options(text, query_terms(text), vocabulary, synonyms)
    suggestions: dict[str, Suggestion] = {}

    def rewrite(changes: list[tuple[int, int, str, str]]) -> str:
        out, cursor = [], 0
        for start, end, _, new in sorted(changes):
            out.append(text[cursor:start])
            out.append(new)
            cursor = end
        out.append(text[cursor:])
        return "".join(out)

    for start, end, term, alternatives in options:
        for alternative in alternatives:
            new_text = rewrite([(start, end, term, alternative.text)])
            suggestions.setdefault(
                new_text, Suggestion(new_text, ((term, alternative.text),), alternative.reason)
            )
    changed = [(start, end, term, alts[0]) for start, end, term, alts in options if alts]
    if len(changed) > 1:
        new_text = rewrite([(start, end, term, alt.text) for start, end, term, alt in changed])
        reason = max((alt.reason for *_, alt in changed), key=REASONS.index)
        suggestions.setdefault(
            new_text, Suggestion(new_text, tuple((term, alt.text) for _, _, term, alt in changed), reason)
        )
    ranked = sorted(suggestions.values(), key=lambda s: (not s.confident, REASONS.index(s.reason)))
    return ranked[:limit]
