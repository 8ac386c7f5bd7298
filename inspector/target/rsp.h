/*
 * rsp.h - packets of the GDB remote serial protocol: framing on the way
 * out, a byte-at-a-time parser on the way in.
 *
 *	$<body>#<two hex digits: the sum of the body's bytes mod 256>
 *
 * In a body '#', '$', '}' and '*' are escaped as '}' followed by the
 * byte xor 0x20; a receiver also expands run-length encoding ("X*n":
 * X repeated n - 29 more times).  Outside packets, '+' and '-'
 * acknowledge a packet (until no-ack mode), and 0x03 asks a running
 * target to stop.  The checksum covers the body as sent, escapes and
 * run-length codes included.
 */
#ifndef MMSCOPE_TARGET_RSP_H
#define MMSCOPE_TARGET_RSP_H

#include <stddef.h>
#include <stdint.h>

#define RSP_MAX		16384	/* longest decoded body kept */
#define RSP_INTERRUPT	0x03	/* stop a running target */

/*
 * Frame body (n bytes) as a packet into out (cap bytes: 2 n + 4 always
 * suffice).  Returns the packet's length, or 0 if it does not fit.
 */
size_t rsp_frame(char *out, size_t cap, const void *body, size_t n);

/* What rsp_byte() found. */
enum rsp_found {
	RSP_MORE,		/* nothing yet */
	RSP_PACKET,		/* a packet: p->body, p->len (NUL-terminated) */
	RSP_ACK,		/* '+' */
	RSP_NAK,		/* '-': resend the last packet */
	RSP_BADSUM,		/* a packet whose checksum is wrong: dropped */
	RSP_TOOLONG,		/* a packet longer than RSP_MAX: dropped */
	RSP_JUNK,		/* a byte outside any packet */
};

/* Where in a packet the parser is. */
enum rsp_state {
	RSP_STATE_IDLE,		/* between packets */
	RSP_STATE_BODY,		/* after '$' */
	RSP_STATE_SUM1,		/* after '#' */
	RSP_STATE_SUM2,		/* after the first checksum digit */
};

struct rsp_parser {
	enum rsp_state state;
	uint8_t sum;			/* of the body bytes as received */
	uint8_t want;			/* the checksum the packet gives */
	int escape;			/* the last byte was '}' */
	int rle;			/* the last byte was '*' */
	int overflow;			/* the body did not fit */
	size_t len;			/* decoded bytes in body */
	char body[RSP_MAX + 1];		/* decoded, NUL-terminated */
};

void rsp_init(struct rsp_parser *p);

/* Feed one received byte; returns RSP_*. */
int rsp_byte(struct rsp_parser *p, uint8_t c);

/* Hex helpers: 2 n digits of b into out (NUL-terminated). */
void rsp_hex(char *out, const void *b, size_t n);

/* Parse 2 n hex digits into b; 0, or -1 if s has fewer or bad digits. */
int rsp_unhex(void *b, const char *s, size_t n);

/* A hex number at *s (advanced past it); -1 if none. */
long long rsp_num(const char **s);

#endif /* MMSCOPE_TARGET_RSP_H */
