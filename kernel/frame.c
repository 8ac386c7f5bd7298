/*
 * frame.c - the two encodings a trace frame goes through on its way to
 * COM2 (protocol/PROTOCOL.md 1.1): CRC-32C over the frame, then COBS so
 * that the frame has no zero byte and a 0x00 can delimit it.
 */
#include "types.h"
#include "defs.h"
#include "mmtrace.h"

static uint32 crc_table[256];

/* Build the table for the reflected Castagnoli polynomial, and check it. */
void crc32c_init(void)
{
	uint32 c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ MMT_CRC32C_POLY : c >> 1;
		crc_table[i] = c;
	}
	if (crc32c("123456789", 9) != 0xE3069283)
		panic("crc32c: wrong check value 0x%x", crc32c("123456789", 9));
}

/* CRC-32C of n bytes: initial value and final XOR 0xffffffff. */
uint32 crc32c(const void *buf, uint n)
{
	const uchar *p = buf;
	uint32 c = 0xFFFFFFFF;

	while (n-- > 0)
		c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return ~c;
}

/*
 * COBS-encode n bytes of src into dst, which must hold MMT_COBS_MAX(n)
 * bytes; return the encoded length.  Each code byte k says: k-1 data
 * bytes follow, then a zero (unless k is 0xFF or the input ends there).
 * A block that fills up at the very end of the input gets no empty block
 * after it.
 */
uint cobs_encode(const uchar *src, uint n, uchar *dst)
{
	uint code_at = 0, out = 1;
	uchar code = 1;

	while (n-- > 0) {
		uchar b = *src++;

		if (b != 0) {
			dst[out++] = b;
			code++;
		}
		if (b == 0 || code == 0xFF) {
			dst[code_at] = code;
			code = 1;
			code_at = out;
			if (b == 0 || n > 0)
				out++;
		}
	}
	if (code_at < out)
		dst[code_at] = code;
	return out;
}
