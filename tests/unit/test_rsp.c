/*
 * test_rsp.c - GDB remote serial protocol packets (rsp.c): framing with
 * escapes and checksums, and the parser on good packets, escapes,
 * run-length codes, acks, bad checksums, junk, cut and oversized
 * packets, fed byte by byte.
 */
#include <stdio.h>
#include <string.h>
#include "target/rsp.h"
#include "tap.h"

/* Feed s to p; the last non-MORE result, the count of PACKETs in *np. */
static int feed(struct rsp_parser *p, const char *s, size_t n, int *np)
{
	int k, last = RSP_MORE;
	size_t i;

	*np = 0;
	for (i = 0; i < n; i++) {
		k = rsp_byte(p, (unsigned char)s[i]);
		if (k != RSP_MORE)
			last = k;
		*np += k == RSP_PACKET;
	}
	return last;
}

static void test_frame(void)
{
	char out[64];
	size_t n = rsp_frame(out, sizeof out, "OK", 2);

	tap_ok(n == 6 && !memcmp(out, "$OK#9a", 6), "OK frames as $OK#9a");
	n = rsp_frame(out, sizeof out, "a#b$c}d*", 8);
	tap_ok(n == 16 && !memcmp(out, "$a}\x03" "b}\x04" "c}]d}\x0a#", 14),
	       "# $ } * are escaped as } and the byte xor 0x20");
	tap_ok(rsp_frame(out, 8, "abcdefgh", 8) == 0,
	       "a packet that does not fit is refused");
}

static void test_parse_good(void)
{
	struct rsp_parser p;
	char pkt[64];
	int np, k;
	size_t n;

	rsp_init(&p);
	k = feed(&p, "$OK#9a", 6, &np);
	tap_ok(k == RSP_PACKET && np == 1 && !strcmp(p.body, "OK") &&
		       p.len == 2,
	       "a good packet is found");
	n = rsp_frame(pkt, sizeof pkt, "m#x$y}z*", 8);
	k = feed(&p, pkt, n, &np);
	tap_ok(k == RSP_PACKET && !strcmp(p.body, "m#x$y}z*"),
	       "escapes decode back to the bytes framed");
	k = feed(&p, "$0* #7a", 7, &np); /* "0", then " " - 29 = 3 more */
	tap_ok(k == RSP_PACKET && !strcmp(p.body, "0000"),
	       "run-length code 0* expands to four zeros");
	k = feed(&p, "+", 1, &np);
	tap_ok(k == RSP_ACK, "+ is an ack");
	k = feed(&p, "-", 1, &np);
	tap_ok(k == RSP_NAK, "- asks for the last packet again");
	k = feed(&p, "x", 1, &np);
	tap_ok(k == RSP_JUNK, "a byte outside a packet is junk");
	k = feed(&p, "+$OK#9A", 7, &np);
	tap_ok(k == RSP_PACKET && np == 1,
	       "upper-case checksum digits are accepted");
}

static void test_parse_bad(void)
{
	static char big[RSP_MAX + 64];
	struct rsp_parser p;
	int np, k;
	size_t n;

	rsp_init(&p);
	k = feed(&p, "$OK#9b", 6, &np);
	tap_ok(k == RSP_BADSUM && np == 0,
	       "a wrong checksum is reported, no packet");
	k = feed(&p, "$OK#9a", 6, &np);
	tap_ok(k == RSP_PACKET, "the parser goes on after a bad checksum");
	k = feed(&p, "$OK#z", 5, &np);
	tap_ok(k == RSP_BADSUM, "a checksum that is not hex is bad");
	k = feed(&p, "$O$OK#9a", 8, &np);
	tap_ok(np == 1 && !strcmp(p.body, "OK"),
	       "a packet cut short by a new $ is dropped, the new one kept");
	memset(big, 'a', sizeof big);
	big[0] = '$';
	n = sizeof big - 3;
	big[n] = '#';
	big[n + 1] = big[n + 2] = '0';
	k = feed(&p, big, sizeof big, &np);
	tap_ok((k == RSP_TOOLONG || k == RSP_BADSUM) && np == 0,
	       "a body longer than RSP_MAX is not delivered");
	k = feed(&p, "$OK#9a", 6, &np);
	tap_ok(k == RSP_PACKET, "and the next packet is read");
}

static void test_hex(void)
{
	unsigned char b[4] = { 0x12, 0xab, 0x00, 0xff }, c[4];
	const char *s = "1f2a,10";
	char h[9];

	rsp_hex(h, b, 4);
	tap_ok(!strcmp(h, "12ab00ff"), "bytes to hex");
	tap_ok(rsp_unhex(c, h, 4) == 0 && !memcmp(b, c, 4), "and back");
	tap_ok(rsp_unhex(c, "12g4", 2) < 0, "a bad digit is refused");
	tap_ok(rsp_num(&s) == 0x1f2a && *s == ',',
	       "a hex number and where it ends");
}

int main(void)
{
	tap_plan(20);
	test_frame();
	test_parse_good();
	test_parse_bad();
	test_hex();
	return tap_done();
}
