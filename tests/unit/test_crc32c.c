/*
 * test_crc32c.c - CRC-32C: the check value, and the SSE4.2 and table
 * implementations agreeing on random data of every length and alignment.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "trace/crc32c.h"
#include "tap.h"

/* bit-at-a-time reference, straight from the definition */
static uint32_t crc_ref(const uint8_t *p, size_t n)
{
	uint32_t c = ~0u;
	int k;

	while (n--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
	}
	return ~c;
}

int main(void)
{
	static uint8_t buf[4096 + 16];
	const char *check = "123456789";
	int i, bad_sw = 0, bad_hw = 0, bad_inc = 0, hw = crc32c_have_hw();
	size_t n, off, cut;

	tap_plan(7);
	srand(42);
	for (i = 0; i < (int)sizeof buf; i++)
		buf[i] = rand();
	tap_ok(crc32c(check, 9) == 0xe3069283u,
	       "crc32c(\"123456789\") = 0x%08x", crc32c(check, 9));
	tap_ok(~crc32c_sw(~0u, check, 9) == 0xe3069283u, "table check value");
	if (hw)
		tap_ok(~crc32c_hw(~0u, check, 9) == 0xe3069283u,
		       "SSE4.2 check value");
	else
		tap_ok(1, "# SKIP no SSE4.2 on this CPU");
	tap_ok(crc32c("", 0) == 0, "empty input");
	for (i = 0; i < 2000; i++) {
		n = rand() % 4096;
		off = rand() % 16;
		cut = n ? rand() % n : 0;
		bad_sw += ~crc32c_sw(~0u, buf + off, n) != crc_ref(buf + off, n);
		if (hw)
			bad_hw += crc32c_hw(~0u, buf + off, n) !=
				  crc32c_sw(~0u, buf + off, n);
		bad_inc += ~crc32c_sw(crc32c_sw(~0u, buf + off, cut),
				      buf + off + cut, n - cut) !=
			   crc32c(buf + off, n);
	}
	tap_ok(!bad_sw, "slice-by-8 equals the bitwise definition (%d bad)",
	       bad_sw);
	if (hw)
		tap_ok(!bad_hw,
		       "SSE4.2 equals slice-by-8 on 2000 random buffers (%d "
		       "bad)",
		       bad_hw);
	else
		tap_ok(1, "# SKIP no SSE4.2 on this CPU");
	tap_ok(!bad_inc, "incremental updates equal one pass (%d bad)",
	       bad_inc);
	return tap_done();
}
