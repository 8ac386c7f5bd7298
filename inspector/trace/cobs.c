/*
 * cobs.c - COBS encode and decode, see cobs.h.
 *
 * Both run once per frame over a few hundred bytes, block by block: the
 * inner loops copy runs of non-zero bytes, never call a function per byte.
 * Records are full of small zero bytes, so most blocks are short: decode
 * copies a short block with one 8-byte move when both buffers have room
 * for it, and lets the next block overwrite the bytes it copied too many.
 */
#include <string.h>
#include "trace/cobs.h"

size_t cobs_encode(const uint8_t *src, size_t n, uint8_t *dst)
{
	uint8_t *code = dst;	/* where the current block's code byte goes */
	uint8_t *d = dst + 1;
	const uint8_t *end = src + n;

	for (; src < end; src++) {
		if (*src) {
			*d++ = *src;
			if (d - code < 0xff)
				continue;
		}
		/* a zero ends the block; so do 254 data bytes (code 0xff) */
		*code = d - code;
		code = d++;
	}
	*code = d - code;
	return d - dst;
}

ssize_t cobs_decode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap)
{
	const uint8_t *end = src + n;
	uint8_t *d = dst, *dend = dst + cap;
	size_t len;

	while (src < end) {
		unsigned code = *src++;

		len = code - 1;
		if (code == 0 || len > (size_t)(end - src) ||
		    len > (size_t)(dend - d))
			return -1;
		if (len < 8 && end - src >= 8 && dend - d >= 8) {
			memcpy(d, src, 8);	/* one move; the excess is */
			d += len;		/* overwritten or past the end */
			src += len;
		} else {
			for (; len >= 8; len -= 8, src += 8, d += 8)
				memcpy(d, src, 8);
			while (len--)
				*d++ = *src++;
		}
		if (code == 0xff || src == end)
			continue;
		if (d == dend)
			return -1;
		*d++ = 0;
	}
	return d - dst;
}
