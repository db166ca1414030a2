/*
 * The search index functions in C: search_bigrams(text) and search_grams(text) -> tsvector.
 *
 * search_bigrams is the same set as the plpgsql definition of migration 0015: cut the text
 * after every second character, once from its first character and once from its second; split
 * each piece at U+001F (the separator of headings, bodies and sections) and keep the non-empty
 * parts. That is every character bigram inside a piece plus single characters at piece
 * boundaries and at the text's end. search_grams (migration 0025, below) tags each bigram with
 * the character after it. The plpgsql versions build the sets with regular expressions and
 * array_to_tsvector's sort of text datums; these pack each lexeme into an integer key and
 * radix-sort the keys, several times faster over the whole library when the GIN indexes are
 * built.
 *
 * The results must be byte for byte the plpgsql results, because the GIN indexes built with one
 * are read with the other (tests/test_search_index_functions.py compares them).
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "tsearch/ts_type.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(search_bigrams_native);

#define SEPARATOR '\x1f'

/*
 * A lexeme (at most two characters and a tag, so at most nine bytes) as a key whose numeric
 * order, high word first, is tsvector's lexeme order: bytes compared unsigned, a prefix before
 * the longer string. Bytes are packed from the top and padded with zeros, which no character of
 * a text contains.
 */
typedef struct
{
	uint64		high;
	uint64		low;
} LexemeKey;

static LexemeKey
pack_lexeme(const char *bytes, int length, char tag)
{
	unsigned char packed[16] = {0};
	LexemeKey	key = {0, 0};

	memcpy(packed, bytes, length);
	if (tag)
		packed[length] = (unsigned char) tag;
	for (int i = 0; i < 8; i++)
	{
		key.high = (key.high << 8) | packed[i];
		key.low = (key.low << 8) | packed[8 + i];
	}
	return key;
}

static int
lexeme_length(LexemeKey key)
{
	int			length = 16;

	for (int i = 0; i < 8 && (key.low & 0xFF) == 0; i++, length--)
		key.low >>= 8;
	if (length == 8)
		for (int i = 0; i < 8 && (key.high & 0xFF) == 0; i++, length--)
			key.high >>= 8;
	return length;
}

static int
key_byte(LexemeKey key, int index)
{
	return index < 8 ? (key.high >> (56 - 8 * index)) & 0xFF : (key.low >> (120 - 8 * index)) & 0xFF;
}

/*
 * Sort keys in place, a byte at a time from the last (LSD radix sort): qsort's comparisons
 * took three quarters of the time. A pass whose byte is the same in every key is skipped, so
 * bigram keys (their low word all zeros) cost eight passes, not sixteen.
 */
static void
sort_keys(LexemeKey *keys, int n, int key_bytes)
{
	LexemeKey  *scratch = palloc(n * sizeof(LexemeKey));
	LexemeKey  *from = keys;
	LexemeKey  *to = scratch;

	for (int index = key_bytes - 1; index >= 0; index--)
	{
		int			counts[257] = {0};

		for (int i = 0; i < n; i++)
			counts[key_byte(from[i], index) + 1]++;
		if (counts[key_byte(from[0], index) + 1] == n)
			continue;
		for (int digit = 0; digit < 256; digit++)
			counts[digit + 1] += counts[digit];
		for (int i = 0; i < n; i++)
			to[counts[key_byte(from[i], index)]++] = from[i];
		{
			LexemeKey  *swap = from;

			from = to;
			to = swap;
		}
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof(LexemeKey));
	pfree(scratch);
}

/* The position-less tsvector of these keys (sorted here, duplicates dropped). */
static TSVector
keys_to_tsvector(LexemeKey *keys, int nkeys, int key_bytes)
{
	int			unique = 0;
	int			lexeme_bytes = 0;
	TSVector	out;
	WordEntry  *entries;
	char	   *lexemes;
	Size		out_size;

	if (nkeys > 1)
		sort_keys(keys, nkeys, key_bytes);
	for (int i = 0; i < nkeys; i++)
	{
		if (unique > 0 && keys[unique - 1].high == keys[i].high && keys[unique - 1].low == keys[i].low)
			continue;
		keys[unique++] = keys[i];
		lexeme_bytes += lexeme_length(keys[i]);
	}

	out_size = CALCDATASIZE(unique, lexeme_bytes);
	out = (TSVector) palloc0(out_size);
	SET_VARSIZE(out, out_size);
	out->size = unique;
	entries = ARRPTR(out);
	lexemes = STRPTR(out);
	for (int i = 0, offset = 0; i < unique; i++)
	{
		int			length = lexeme_length(keys[i]);

		for (int b = 0; b < length; b++)
			lexemes[offset + b] = (char) key_byte(keys[i], b);
		entries[i].haspos = 0;
		entries[i].len = length;
		entries[i].pos = offset;
		offset += length;
	}
	return out;
}

/* Byte offset of every character of the text, and of its end; returns the number of characters. */
static int
character_starts(const char *bytes, int size, int *starts)
{
	int			chars = 0;

	for (int at = 0; at < size; at += pg_mblen(bytes + at))
		starts[chars++] = at;
	starts[chars] = size;
	return chars;
}

/* Lexemes of a text, given each character's byte offset; returns how many were written. */
typedef int (*LexemeWriter) (const char *bytes, const int *starts, int chars, LexemeKey *keys);

/*
 * The tsvector of the lexemes ``write`` finds in ``input`` (at most one per character and one
 * more), keys of ``key_bytes`` bytes.
 */
static TSVector
text_to_tsvector(text *input, LexemeWriter write, int key_bytes)
{
	const char *bytes = VARDATA_ANY(input);
	int			size = VARSIZE_ANY_EXHDR(input);
	int		   *starts = palloc((size + 1) * sizeof(int));
	int			chars = character_starts(bytes, size, starts);
	LexemeKey  *keys = palloc((chars + 1) * sizeof(LexemeKey));
	TSVector	out = keys_to_tsvector(keys, write(bytes, starts, chars, keys), key_bytes);

	pfree(starts);
	pfree(keys);
	return out;
}

static int
write_bigrams(const char *bytes, const int *starts, int chars, LexemeKey *keys)
{
	int			nkeys = 0;

	/* Each piece of at most two characters leaves at most one part after the split. */
	for (int cut = 0; cut < 2; cut++)
	{
		for (int first = cut; first < chars; first += 2)
		{
			int			last = Min(first + 2, chars);
			int			from = first;
			int			to;

			while (from < last && bytes[starts[from]] == SEPARATOR)
				from++;
			to = from;
			while (to < last && bytes[starts[to]] != SEPARATOR)
				to++;
			if (to > from)
				keys[nkeys++] = pack_lexeme(bytes + starts[from], starts[to] - starts[from], 0);
		}
	}
	return nkeys;
}

Datum
search_bigrams_native(PG_FUNCTION_ARGS)
{
	PG_RETURN_TSVECTOR(text_to_tsvector(PG_GETARG_TEXT_PP(0), write_bigrams, 8));
}

PG_FUNCTION_INFO_V1(search_grams_native);

/*
 * search_grams(text) -> tsvector: for every character of each piece (split at U+001F), the
 * character and the next one followed by a tag of the character after those (``GRAM_TAGS``,
 * by code point modulo 4); where the piece ends sooner, the one or two characters left. The
 * tag makes each lexeme nearly a trigram while the number of distinct lexemes stays close to
 * the number of bigrams.
 */
static const char GRAM_TAGS[] = "abcd";

static int
write_grams(const char *bytes, const int *starts, int chars, LexemeKey *keys)
{
	int			nkeys = 0;

	for (int first = 0; first < chars; first++)
	{
		int			end = first;

		if (bytes[starts[first]] == SEPARATOR)
			continue;
		while (end < first + 3 && end < chars && bytes[starts[end]] != SEPARATOR)
			end++;
		if (end - first == 3)
		{
			pg_wchar	third = utf8_to_unicode((const unsigned char *) bytes + starts[first + 2]);

			keys[nkeys++] = pack_lexeme(bytes + starts[first], starts[first + 2] - starts[first],
										GRAM_TAGS[third % 4]);
		}
		else
			keys[nkeys++] = pack_lexeme(bytes + starts[first], starts[end] - starts[first], 0);
	}
	return nkeys;
}

Datum
search_grams_native(PG_FUNCTION_ARGS)
{
	PG_RETURN_TSVECTOR(text_to_tsvector(PG_GETARG_TEXT_PP(0), write_grams, 9));
}
