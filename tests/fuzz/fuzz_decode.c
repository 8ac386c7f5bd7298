/*
 * fuzz_decode.c - fuzz target: the stream decoder fed as COM2 feeds it,
 * in chunks of random sizes, and held to its promise (decode.h) that
 * the chunking changes nothing: every event and diagnostic, and the
 * totals, are those of the whole input fed at once.
 *
 * The input is a raw COM2 byte stream.  The chunk sizes come from a
 * generator seeded with a hash of the input, so a file always replays
 * the same way.  Seeds: tests/fuzz/decode/ (real streams);
 * crashes found: tests/fuzz/decode/regress/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/decode.h"

/* What a decoder said, folded into one number (FNV-1a, 64 bits). */
struct said {
	uint64_t h;
	uint64_t events, diags;
};

static void mix(struct said *s, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		s->h = (s->h ^ *b++) * 0x100000001b3ull;
}

static void on_event(void *arg, const struct mmt_event *ev)
{
	struct said *s = arg;

	s->events++;
	mix(s, &ev->ts, sizeof ev->ts);
	mix(s, &ev->off, sizeof ev->off);
	mix(s, &ev->seq, sizeof ev->seq);
	mix(s, &ev->cpu, 1);
	mix(s, &ev->type, 1);
	mix(s, &ev->size, 1);
	mix(s, ev->rec, ev->size);
}

static void on_diag(void *arg, const struct mmt_diag *g)
{
	struct said *s = arg;

	s->diags++;
	mix(s, &g->kind, sizeof g->kind);
	mix(s, &g->cpu, 1);
	mix(s, &g->type, 1);
	mix(s, &g->expected, sizeof g->expected);
	mix(s, &g->got, sizeof g->got);
	mix(s, &g->bad_crc, sizeof g->bad_crc);
	mix(s, &g->off, sizeof g->off);
	mix(s, &g->bytes, sizeof g->bytes);
	mix(s, &g->ts, sizeof g->ts);
	if (g->why)
		mix(s, g->why, strlen(g->why));
}

static const struct decode_ops ops = { on_event, on_diag };

/* A chunk size as read() from a serial line returns them: mostly small. */
static size_t chunk(uint64_t *r)
{
	*r = *r * 6364136223846793005ull + 1442695040888963407ull;
	switch (*r >> 62) {
	case 0: return 1;
	case 1: return 1 + (*r >> 33) % 16;
	case 2: return 1 + (*r >> 33) % 256;
	default: return 1 + (*r >> 33) % 4096;
	}
}

static struct decoder whole, parts;	/* big: not on the stack */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct said a = { .h = 0xcbf29ce484222325ull }, b = a, seed = a;
	size_t off = 0, n;
	uint64_t r;

	decode_init(&whole, &ops, &a);
	decode_feed(&whole, data, size);
	decode_finish(&whole);

	mix(&seed, data, size);
	r = seed.h;
	decode_init(&parts, &ops, &b);
	while (off < size) {
		n = chunk(&r);
		if (n > size - off)
			n = size - off;
		decode_feed(&parts, data + off, n);
		off += n;
	}
	decode_finish(&parts);

	if (a.h != b.h || a.events != b.events || a.diags != b.diags ||
	    memcmp(&whole.st, &parts.st, sizeof whole.st)) {
		fprintf(stderr, "fuzz_decode: fed in chunks the decoder said "
			"something else: %llu events, %llu diagnostics whole; "
			"%llu, %llu in chunks\n",
			(unsigned long long)a.events,
			(unsigned long long)a.diags,
			(unsigned long long)b.events,
			(unsigned long long)b.diags);
		abort();
	}
	return 0;
}
