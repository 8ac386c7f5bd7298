/*
 * fuzz_rsp.c - fuzz target: the GDB remote protocol packet parser, fed
 * what a gdbstub might send, one byte at a time as the client does; each
 * packet's body goes through the number and hex readers the client uses
 * on replies, and is framed again and parsed back, which must give the
 * same body.
 *
 * The input is bytes from a gdbstub.  Seeds: tests/fuzz/rsp/ (replies
 * QEMU sends, escapes and run-length codes, broken and overlong frames);
 * crashes found: tests/fuzz/rsp/regress/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/rsp.h"

static struct rsp_parser p, back;	/* big: not on the stack */
static char frame[2 * RSP_MAX + 8];
static uint8_t bin[RSP_MAX / 2 + 1];

/* The body framed and parsed again: the same body. */
static void round_trip(const char *body, size_t len)
{
	size_t n = rsp_frame(frame, sizeof frame, body, len), i;
	int r = RSP_MORE;

	if (!n)
		abort();	/* 2 len + 4 always fits (rsp.h) */
	rsp_init(&back);
	for (i = 0; i < n && r == RSP_MORE; i++)
		r = rsp_byte(&back, frame[i]);
	if (r != RSP_PACKET || i != n || back.len != len ||
	    memcmp(back.body, body, len)) {
		fprintf(stderr, "fuzz_rsp: a body of %zu bytes did not come "
			"back from rsp_frame (%d)\n", len, r);
		abort();
	}
}

/* What the client does with replies: numbers, hex, stop replies. */
static void read_body(const char *body, size_t len)
{
	const char *s = body;

	while (*s && rsp_num(&s) >= 0 && (*s == ',' || *s == ';' ||
					  *s == ':'))
		s++;
	rsp_unhex(bin, body, len / 2 < sizeof bin ? len / 2 : sizeof bin);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	rsp_init(&p);
	for (i = 0; i < size; i++) {
		if (rsp_byte(&p, data[i]) != RSP_PACKET)
			continue;
		if (strlen(p.body) != p.len)	/* a NUL in it: binary */
			continue;
		read_body(p.body, p.len);
		round_trip(p.body, p.len);
	}
	return 0;
}
