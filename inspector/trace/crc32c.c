/*
 * crc32c.c - CRC-32C, see crc32c.h.
 *
 * The table version is slice-by-8 (Intel's technique): eight 256-entry
 * tables let the loop fold eight input bytes per step with eight lookups
 * instead of one lookup per byte.  The tables are computed at the first
 * call; the protocol's polynomial is MMT_CRC32C_POLY.
 */
#include <string.h>
#include "mmtrace.h"
#include "trace/crc32c.h"

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define HAVE_X86_CRC32	1
#endif

static uint32_t table[8][256];
static int table_ready;

static void table_init(void)
{
	uint32_t c;
	int i, j, k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = (c >> 1) ^ (c & 1 ? MMT_CRC32C_POLY : 0);
		table[0][i] = c;
	}
	for (i = 0; i < 256; i++)
		for (k = 1; k < 8; k++)
			table[k][i] = (table[k - 1][i] >> 8) ^
				      table[0][table[k - 1][i] & 0xff];
	table_ready = 1;
}

uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t n)
{
	const uint8_t *p = buf;
	uint32_t lo, hi;

	if (!table_ready)
		table_init();
	for (; n >= 8; n -= 8, p += 8) {
		memcpy(&lo, p, 4);	/* little-endian host, see dump.c */
		memcpy(&hi, p + 4, 4);
		lo ^= crc;
		crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^
		      table[5][(lo >> 16) & 0xff] ^ table[4][lo >> 24] ^
		      table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^
		      table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
	}
	while (n--)
		crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
	return crc;
}

#ifdef HAVE_X86_CRC32
__attribute__((target("sse4.2")))
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t n)
{
	const uint8_t *p = buf;

#ifdef __x86_64__
	uint64_t c = crc, v;

	for (; n >= 8; n -= 8, p += 8) {
		memcpy(&v, p, 8);
		c = _mm_crc32_u64(c, v);
	}
	crc = (uint32_t)c;
#endif
	for (; n >= 4; n -= 4, p += 4) {
		uint32_t v4;

		memcpy(&v4, p, 4);
		crc = _mm_crc32_u32(crc, v4);
	}
	while (n--)
		crc = _mm_crc32_u8(crc, *p++);
	return crc;
}

int crc32c_have_hw(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("sse4.2");
}
#else
/* No instruction to use: the "hardware" path is the table. */
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t n)
{
	return crc32c_sw(crc, buf, n);
}

int crc32c_have_hw(void)
{
	return 0;
}
#endif

/* Chosen at the first call; frames are checked by one call each. */
static uint32_t (*crc_update)(uint32_t, const void *, size_t);

uint32_t crc32c(const void *buf, size_t n)
{
	if (!crc_update)
		crc_update = crc32c_have_hw() ? crc32c_hw : crc32c_sw;
	return ~crc_update(~0u, buf, n);
}
