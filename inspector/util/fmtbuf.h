/*
 * fmtbuf.h - text formatted into a buffer without printf, for output
 * that must be fast: `mmscope dump` prints millions of lines, and
 * printf's parsing of its format string cost more than everything else
 * dump does (decoding, the model, the checker) together.
 *
 * Each function appends what the printf conversion in its comment would
 * print, byte for byte (tests/unit/test_fastprint.c holds them to it).
 * A full buffer goes to its FILE, so any amount can be appended;
 * fmtbuf_flush() sends the rest, and must come before anything else writes
 * to that FILE.
 */
#ifndef MMSCOPE_FMTBUF_H
#define MMSCOPE_FMTBUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FMTBUF_SIZE	4096

struct fmtbuf {
	FILE *out;			/* where the bytes go */
	size_t len;			/* bytes waiting in buf */
	char buf[FMTBUF_SIZE];
};

static inline void fmtbuf_init(struct fmtbuf *b, FILE *out)
{
	b->out = out;
	b->len = 0;
}

/* Send the bytes waiting to b->out (fwrite; its errors are the FILE's). */
void fmtbuf_flush(struct fmtbuf *b);

/* Room for n more bytes in buf (n <= FMTBUF_SIZE). */
static inline void fmtbuf_room(struct fmtbuf *b, size_t n)
{
	if (b->len + n > FMTBUF_SIZE)
		fmtbuf_flush(b);
}

/* %c */
static inline void fmtbuf_putc(struct fmtbuf *b, char c)
{
	fmtbuf_room(b, 1);
	b->buf[b->len++] = c;
}

/* fmtbuf_mem() when buf has no room for s: flush, and write a large s
 * at once */
void fmtbuf_spill(struct fmtbuf *b, const void *s, size_t n);

/* n bytes of s, as fwrite */
static inline void fmtbuf_mem(struct fmtbuf *b, const void *s, size_t n)
{
	if (b->len + n > FMTBUF_SIZE) {
		fmtbuf_spill(b, s, n);
		return;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

/* %s */
static inline void fmtbuf_str(struct fmtbuf *b, const char *s)
{
	fmtbuf_mem(b, s, strlen(s));
}

/* %-*s: s, then spaces up to width */
void fmtbuf_left(struct fmtbuf *b, const char *s, int width);

/* %*llu (width 0: %llu); pad is ' ', or '0' for %0*llu */
void fmtbuf_u64(struct fmtbuf *b, uint64_t v, int width, char pad);

/* %llu */
void fmtbuf_dec(struct fmtbuf *b, uint64_t v);

/* %lld */
void fmtbuf_i64(struct fmtbuf *b, int64_t v);

/* %0*llx: lower-case hex, at least digits of them */
void fmtbuf_hex(struct fmtbuf *b, uint64_t v, int digits);

/* n bytes as lower-case hex, two digits each (util.c's hexstr) */
void fmtbuf_hexbytes(struct fmtbuf *b, const uint8_t *p, size_t n);

/* %*.3f: x rounded as glibc's printf rounds it, right-aligned to width */
void fmtbuf_fixed3(struct fmtbuf *b, double x, int width);

#endif /* MMSCOPE_FMTBUF_H */
