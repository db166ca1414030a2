/*
 * search_bigrams(text) -> tsvector, in C.
 *
 * The same set as the plpgsql definition of migration 0015: cut the text after every second
 * character, once from its first character and once from its second; split each piece at
 * U+001F (the separator of headings, bodies and sections) and keep the non-empty parts. That
 * is every character bigram inside a piece plus single characters at piece boundaries and at
 * the text's end. The plpgsql version builds the set with two regular expressions and
 * array_to_tsvector's sort of text datums; this one packs each part into a 64-bit key and
 * radix-sorts integers, several times faster over the whole library when the GIN indexes are built.
 *
 * The result must be byte for byte the plpgsql result, because the GIN indexes built with one
 * are read with the other (tests/test_search_bigrams.py compares them).
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "tsearch/ts_type.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(search_bigrams_native);

#define SEPARATOR '\x1f'

/*
 * A part (at most two characters, so at most eight bytes) as a key whose numeric order is
 * tsvector's lexeme order: bytes compared unsigned, a prefix before the longer string. Bytes
 * are packed from the top and padded with zeros, which no character of a text contains.
 */
static uint64
pack_part(const char *bytes, int length)
{
	uint64		key = 0;

	for (int i = 0; i < 8; i++)
		key = (key << 8) | (i < length ? (unsigned char) bytes[i] : 0);
	return key;
}

static int
part_length(uint64 key)
{
	int			length = 8;

	while (length > 0 && (key & 0xFF) == 0)
	{
		key >>= 8;
		length--;
	}
	return length;
}

/*
 * Sort keys in place, a byte at a time from the lowest (LSD radix sort): qsort's comparisons
 * took three quarters of the time. A pass whose byte is the same in every key is skipped.
 */
static void
sort_keys(uint64 *keys, int n)
{
	uint64	   *scratch = palloc(n * sizeof(uint64));
	uint64	   *from = keys;
	uint64	   *to = scratch;

	for (int shift = 0; shift < 64; shift += 8)
	{
		int			counts[257] = {0};

		for (int i = 0; i < n; i++)
			counts[((from[i] >> shift) & 0xFF) + 1]++;
		if (counts[((from[0] >> shift) & 0xFF) + 1] == n)
			continue;
		for (int digit = 0; digit < 256; digit++)
			counts[digit + 1] += counts[digit];
		for (int i = 0; i < n; i++)
			to[counts[(from[i] >> shift) & 0xFF]++] = from[i];
		{
			uint64	   *swap = from;

			from = to;
			to = swap;
		}
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof(uint64));
	pfree(scratch);
}

Datum
search_bigrams_native(PG_FUNCTION_ARGS)
{
	text	   *input = PG_GETARG_TEXT_PP(0);
	const char *bytes = VARDATA_ANY(input);
	int			size = VARSIZE_ANY_EXHDR(input);
	int		   *starts = palloc((size + 1) * sizeof(int));
	int			chars = 0;
	uint64	   *keys;
	int			nkeys = 0;
	int			unique = 0;
	int			lexeme_bytes = 0;
	TSVector	out;
	WordEntry  *entries;
	char	   *lexemes;
	Size		out_size;

	/* Byte offset of every character, and of the end. */
	for (int at = 0; at < size; at += pg_mblen(bytes + at))
		starts[chars++] = at;
	starts[chars] = size;

	/* Each piece of at most two characters leaves at most one part after the split. */
	keys = palloc((chars + 1) * sizeof(uint64));
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
				keys[nkeys++] = pack_part(bytes + starts[from], starts[to] - starts[from]);
		}
	}

	if (nkeys > 1)
		sort_keys(keys, nkeys);
	for (int i = 0; i < nkeys; i++)
	{
		if (unique > 0 && keys[unique - 1] == keys[i])
			continue;
		keys[unique++] = keys[i];
		lexeme_bytes += part_length(keys[i]);
	}

	out_size = CALCDATASIZE(unique, lexeme_bytes);
	out = (TSVector) palloc0(out_size);
	SET_VARSIZE(out, out_size);
	out->size = unique;
	entries = ARRPTR(out);
	lexemes = STRPTR(out);
	for (int i = 0, offset = 0; i < unique; i++)
	{
		int			length = part_length(keys[i]);

		for (int b = 0; b < length; b++)
			lexemes[offset + b] = (char) (keys[i] >> (56 - 8 * b));
		entries[i].haspos = 0;
		entries[i].len = length;
		entries[i].pos = offset;
		offset += length;
	}
	pfree(starts);
	pfree(keys);
	PG_RETURN_TSVECTOR(out);
}
