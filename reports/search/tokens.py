"""Tokens of normalised text: character bigrams and grams for exact recall, jieba words for ranking.

Every pair of adjacent characters is an index *bigram*, and the last character of each piece
of text a *unigram* (PostgreSQL's ``search_bigrams`` computes both from the stored text, see
``models``). Any string of two or more characters holds all its bigrams wherever it occurs,
whatever jieba makes of it (复议 inside 行政复议, 渝快办, PM2.5), so its bigrams select
candidates and a substring test decides; a one-character query is a prefix match (``c:*``) over
bigrams and unigrams. The section index holds *grams* instead (``search_grams``): each bigram
with a one-letter tag of the character after it, so a longer string selects far fewer sections
that hold its bigrams apart. jieba search-mode *words* are kept per report as 32-bit hashes
(``word_hash``): they never match by themselves, they only tell the ranking that a term occurs
as a whole word.

The segmenter (jieba's dictionary and algorithm, run by rjieba) is loaded once, lazily, with the
domain dictionary in ``data/legal_terms.txt`` plus every agency and place name in the database
(``load_database_words``).
"""

from __future__ import annotations

import importlib.util
import threading
import zlib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from .normalize import WORD_CHAR, has_word_char

LEGAL_TERMS_FILE = Path(__file__).parent / "data" / "legal_terms.txt"
# High enough that jieba keeps a dictionary term whole rather than splitting it.
USER_WORD_FREQ = 20000

_lock = threading.RLock()
_tokenizer = None
_database_words_loaded = False
# Words already given to the one segmenter, so re-adding one (an agency per report) is free.
_added: set[str] = set()


def tokenizer():  # -> rjieba.Jieba
    """The process-wide segmenter with the domain dictionary, loaded on first use.

    rjieba (the jieba-rs binding) has jieba's dictionary and algorithm and gives the same Chinese
    words about ten times faster; it differs only in keeping runs such as ``2023-2025`` whole.
    """
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import rjieba

                segmenter = rjieba.Jieba()
                _teach(segmenter, _legal_terms())
                _tokenizer = segmenter
    return _tokenizer


def _legal_terms() -> list[str]:
    lines = LEGAL_TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def _frequent_words() -> frozenset[str]:
    """Words of jieba's main dictionary already at least as frequent as ``USER_WORD_FREQ``: a
    user word only ever gains.

    rjieba ships the same dictionary but cannot tell a word's frequency, so jieba's ``dict.txt``
    is read (without importing jieba).
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return frozenset()
    words = set()
    with open(Path(spec.origin).parent / "dict.txt", encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.partition(" ")
            if int(rest.split(" ", 1)[0] or 0) >= USER_WORD_FREQ:
                words.add(word)
    return frozenset(words)


def add_user_words(words: Iterable[str]) -> None:
    """Teach the segmenter these words (agency and place names, domain terms), normalised."""
    _teach(tokenizer(), words)


def _teach(segmenter, words: Iterable[str]) -> None:
    from .normalize import normalize_text

    frequent = _frequent_words()
    with _lock:
        for word in words:
            folded = normalize_text(word)
            if len(folded) >= 2 and folded not in frequent and folded not in _added:
                segmenter.add_word(folded, USER_WORD_FREQ, None)
                _added.add(folded)


def load_database_words() -> None:
    """Add every agency and place name in the database to jieba's dictionary, once per process."""
    global _database_words_loaded
    if _database_words_loaded:
        return
    from reports.models import Agency, Region

    names = set(Agency.objects.values_list("name", flat=True))
    names.update(Region.objects.values_list("name", flat=True).distinct())
    add_user_words(sorted(names))
    _database_words_loaded = True


def bigrams(text: str) -> list[str]:
    """The overlapping character pairs of ``text`` (already normalised)."""
    return [text[i : i + 2] for i in range(len(text) - 1)]


# The tag of the character after a bigram in a section index lexeme: its code point modulo 4.
# Two bits: the tagged pairs of a term still pick nearly the sections that hold it in order (on
# 131,086 sections, 189 for 信息化 制度体系 against 94 with 32 tags and 90 that match), and the
# index grows by a fifth over bigrams instead of a third.
GRAM_TAGS = "abcd"


def grams(text: str) -> list[str]:
    """The lexemes ``search_grams`` makes of ``text`` (one piece, already normalised): at each
    character, it and the next one followed by the tag of the one after those; where fewer are
    left, those one or two characters."""
    return [
        text[i : i + 2] + GRAM_TAGS[ord(text[i + 2]) % len(GRAM_TAGS)] if i + 2 < len(text) else text[i:]
        for i in range(len(text))
    ]


def word_hash(word: str) -> int:
    """``word`` as a signed 32-bit number: the CRC-32 of its UTF-8 bytes.

    Reports keep their jieba words as these numbers, 4 bytes a word instead of ~11 in a tsvector.
    Two words may share a number (for a term and a report of ~1,600 words, about one chance in
    three million); that can only give a report the whole-word ranking bonus it should not get.
    CRC-32 spreads words as evenly as a cryptographic digest for this and costs a quarter as
    much (it runs for every distinct word of every report indexed).
    """
    return _signed(zlib.crc32(word.encode("utf-8")))


def _signed(crc: int) -> int:
    return crc - (1 << 32) if crc >= 1 << 31 else crc


def is_indexable_word(word: str) -> bool:
    return len(word) >= 2 and has_word_char(word)


def words_with_offsets(text: str) -> Iterator[tuple[str, int]]:
    """jieba search-mode words of ``text`` (normalised) with their start offsets."""
    segmenter = tokenizer()
    with _lock:
        words = segmenter.tokenize(text, "search")
    for word, start, _end in words:
        if is_indexable_word(word):
            yield word, start


def search_word_hashes(texts: Iterable[str], longest: int) -> list[int]:
    """Sorted ``word_hash`` numbers of the distinct words of ``texts`` (normalised) that a term of
    at most ``longest`` characters could be: jieba's words and every dictionary word inside one.
    (jieba's search mode adds only those of two and three characters: 行政复议 inside the domain
    word 行政复议体制改革 was no word of its report.)"""
    segmenter = tokenizer()
    words: set[str] = set()
    with _lock:
        for text in texts:
            for word in segmenter.cut_for_search(text) if text else ():
                words.add(word)
                # The search mode gave the two- and three-character words; a run longer than a
                # term can be (a long Latin or repeated string) is left out below anyway.
                if 4 < len(word) <= longest:
                    words.update(_longer_words_inside(segmenter, word))
    # ``is_indexable_word`` and ``word_hash`` written out: this runs for every distinct word of
    # every report indexed, and the calls were a third of a report's tokenising time.
    crc32, word_char = zlib.crc32, WORD_CHAR.search
    hashes = {crc32(word.encode()) for word in words if 2 <= len(word) <= longest and word_char(word)}
    return sorted(map(_signed, hashes))


def _longer_words_inside(segmenter, word: str) -> Iterator[str]:  # segmenter: rjieba.Jieba
    """The dictionary words of four characters or more inside ``word``, shorter than it."""
    for length in range(4, len(word)):
        for start in range(len(word) - length + 1):
            if segmenter.has_word(part := word[start : start + length]):
                yield part


def split_words(text: str) -> list[str]:
    """A long query term cut into jieba words (accurate mode), single characters dropped."""
    segmenter = tokenizer()
    with _lock:
        words = segmenter.cut(text)
    return [word for word in words if is_indexable_word(word)]


def quote_lexeme(lexeme: str) -> str:
    """A lexeme quoted for tsvector/tsquery input: quotes doubled, backslashes escaped."""
    if "'" not in lexeme and "\\" not in lexeme:
        return f"'{lexeme}'"
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
