/*
 * test_cobs.c - COBS against the examples of Cheshire and Baker's paper
 * (as listed on Wikipedia), round trips, and rejection of bad input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/cobs.h"
#include "tap.h"

struct vec {
	const char *name;
	uint8_t in[8];
	size_t n;
	uint8_t out[10];
	size_t m;
};

static const struct vec vecs[] = {
	{ "00", { 0 }, 1, { 1, 1 }, 2 },
	{ "00 00", { 0, 0 }, 2, { 1, 1, 1 }, 3 },
	{ "00 11 00", { 0, 0x11, 0 }, 3, { 1, 2, 0x11, 1 }, 4 },
	{ "11 22 00 33", { 0x11, 0x22, 0, 0x33 }, 4, { 3, 0x11, 0x22, 2, 0x33 }, 5 },
	{ "11 22 33 44", { 0x11, 0x22, 0x33, 0x44 }, 4,
	  { 5, 0x11, 0x22, 0x33, 0x44 }, 5 },
	{ "11 00 00 00", { 0x11, 0, 0, 0 }, 4, { 2, 0x11, 1, 1, 1 }, 5 },
	{ "empty", { 0 }, 0, { 1 }, 1 },
};

static int check_vec(const struct vec *v)
{
	uint8_t enc[16], dec[16];
	size_t m = cobs_encode(v->in, v->n, enc);
	ssize_t k = cobs_decode(enc, m, dec, sizeof dec);

	return m == v->m && !memcmp(enc, v->out, m) && k == (ssize_t)v->n &&
	       !memcmp(dec, v->in, v->n);
}

/* 254 and 255 non-zero bytes: the long-block edge of the encoding */
static int check_long(size_t n)
{
	uint8_t in[600], enc[MMT_COBS_MAX(600)], dec[600];
	size_t i, m;

	for (i = 0; i < n; i++)
		in[i] = 1 + i % 255;
	m = cobs_encode(in, n, enc);
	if (m > MMT_COBS_MAX(n) || memchr(enc, 0, m))
		return 0;
	return cobs_decode(enc, m, dec, sizeof dec) == (ssize_t)n &&
	       !memcmp(in, dec, n) && enc[0] == 0xff;
}

static int round_trips(void)
{
	uint8_t in[1100], enc[MMT_COBS_MAX(1100)], dec[1100];
	int i, bad = 0;
	size_t n, j, m;

	for (i = 0; i < 3000; i++) {
		n = rand() % sizeof in;
		for (j = 0; j < n; j++)	/* many zeros, like real records */
			in[j] = rand() % 3 ? rand() : 0;
		m = cobs_encode(in, n, enc);
		bad += m > MMT_COBS_MAX(n) || memchr(enc, 0, m) ||
		       cobs_decode(enc, m, dec, sizeof dec) != (ssize_t)n ||
		       memcmp(in, dec, n);
	}
	return bad;
}

int main(void)
{
	static const uint8_t past_end[] = { 5, 1, 2 };
	static const uint8_t has_zero[] = { 3, 1, 0, 2 };
	uint8_t out[8];
	size_t i;
	int bad;

	tap_plan(12);
	srand(7);
	for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
		tap_ok(check_vec(&vecs[i]), "encode and decode %s",
		       vecs[i].name);
	tap_ok(check_long(254) && check_long(255) && check_long(508),
	       "254, 255 and 508 non-zero bytes");
	bad = round_trips();
	tap_ok(!bad, "3000 random round trips, no zero byte, within "
	       "MMT_COBS_MAX (%d bad)", bad);
	tap_ok(cobs_decode(past_end, 3, out, sizeof out) < 0,
	       "a code running past the end is rejected");
	tap_ok(cobs_decode(has_zero, 4, out, sizeof out) < 0,
	       "a zero byte is rejected");
	tap_ok(cobs_decode((const uint8_t *)"\x09" "abcdefgh", 9, out, 4) < 0,
	       "output larger than the room is rejected");
	return tap_done();
}
