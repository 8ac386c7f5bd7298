/*
 * rsp.c - GDB remote serial protocol packets, see rsp.h.
 */
#include <string.h>
#include "target/rsp.h"

static const char hexdig[] = "0123456789abcdef";

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t rsp_frame(char *out, size_t cap, const void *body, size_t n)
{
	const uint8_t *b = body;
	uint8_t sum = 0;
	size_t i, k = 0;

	if (cap < 4)
		return 0;
	out[k++] = '$';
	for (i = 0; i < n; i++) {
		uint8_t c = b[i];
		int esc = c == '#' || c == '$' || c == '}' || c == '*';

		if (k + 2 + 3 > cap)
			return 0;
		if (esc) {
			out[k++] = '}';
			sum += '}';
			c ^= 0x20;
		}
		out[k++] = c;
		sum += c;
	}
	out[k++] = '#';
	out[k++] = hexdig[sum >> 4];
	out[k++] = hexdig[sum & 15];
	return k;
}

void rsp_init(struct rsp_parser *p)
{
	memset(p, 0, sizeof *p);
}

static void put(struct rsp_parser *p, uint8_t c)
{
	if (p->len < RSP_MAX)
		p->body[p->len++] = c;
	else
		p->overflow = 1;
}

/* A body byte: escapes and run-length codes decoded. */
static void body_byte(struct rsp_parser *p, uint8_t c)
{
	int i;

	p->sum += c;
	if (p->rle) {			/* c - 29 more of the last byte */
		p->rle = 0;
		for (i = 0; p->len && i < c - 29; i++)
			put(p, p->body[p->len - 1]);
	} else if (p->escape) {
		p->escape = 0;
		put(p, c ^ 0x20);
	} else if (c == '}') {
		p->escape = 1;
	} else if (c == '*') {
		p->rle = 1;
	} else {
		put(p, c);
	}
}

/* The second checksum digit: the packet is complete. */
static int finish(struct rsp_parser *p, uint8_t c)
{
	int v = hexval(c);

	p->state = RSP_STATE_IDLE;
	p->body[p->len < RSP_MAX ? p->len : RSP_MAX] = '\0';
	if (v < 0 || (uint8_t)(p->want << 4 | v) != p->sum)
		return RSP_BADSUM;
	return p->overflow ? RSP_TOOLONG : RSP_PACKET;
}

static int start(struct rsp_parser *p)
{
	p->state = RSP_STATE_BODY;
	p->sum = 0;
	p->len = 0;
	p->escape = p->rle = p->overflow = 0;
	return RSP_MORE;
}

int rsp_byte(struct rsp_parser *p, uint8_t c)
{
	int v;

	switch (p->state) {
	case RSP_STATE_IDLE:
		if (c == '$')
			return start(p);
		return c == '+' ? RSP_ACK : c == '-' ? RSP_NAK : RSP_JUNK;
	case RSP_STATE_BODY:
		if (c == '#' && !p->escape && !p->rle)
			p->state = RSP_STATE_SUM1;
		else if (c == '$')	/* a new packet cut this one short */
			return start(p), RSP_BADSUM;
		else
			body_byte(p, c);
		return RSP_MORE;
	case RSP_STATE_SUM1:
		v = hexval(c);
		p->want = v < 0 ? 0 : v;
		p->state = v < 0 ? RSP_STATE_IDLE : RSP_STATE_SUM2;
		return v < 0 ? RSP_BADSUM : RSP_MORE;
	default:
		return finish(p, c);
	}
}

void rsp_hex(char *out, const void *b, size_t n)
{
	const uint8_t *x = b;
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hexdig[x[i] >> 4];
		out[2 * i + 1] = hexdig[x[i] & 15];
	}
	out[2 * n] = '\0';
}

int rsp_unhex(void *b, const char *s, size_t n)
{
	uint8_t *x = b;
	size_t i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		hi = hexval(s[2 * i]);
		lo = hi < 0 ? -1 : hexval(s[2 * i + 1]);
		if (lo < 0)
			return -1;
		x[i] = hi << 4 | lo;
	}
	return 0;
}

long long rsp_num(const char **s)
{
	long long v = 0;
	int d, any = 0;

	while ((d = hexval(**s)) >= 0 && v < (1ll << 56)) {
		v = v << 4 | d;
		(*s)++;
		any = 1;
	}
	return any ? v : -1;
}
