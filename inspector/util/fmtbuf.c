/*
 * fmtbuf.c - printf's integer, hex, string and %.3f conversions into a
 * buffer, see fmtbuf.h.
 *
 * Integers are written two digits at a time from a table.  %.3f is
 * exact: a double is a 53-bit integer times a power of two, so x * 1000
 * is an exact 63-bit integer shifted, and rounding it to an integer
 * needs no floating point at all (printf rounds the exact binary value
 * to nearest; an exact tie at three decimals cannot happen, since
 * n + 0.5 thousandths is no binary fraction).
 */
#include <math.h>
#include "util/fmtbuf.h"

_Static_assert(sizeof(double) == 8, "fb_fixed3 reads an IEEE 754 binary64");

static const char digits2[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

void fmtbuf_flush(struct fmtbuf *b)
{
	if (b->len)
		fwrite_unlocked(b->buf, 1, b->len, b->out);
	b->len = 0;
}

void fmtbuf_spill(struct fmtbuf *b, const void *s, size_t n)
{
	fmtbuf_flush(b);
	if (n > FMTBUF_SIZE) {
		fwrite_unlocked(s, 1, n, b->out);
		return;
	}
	memcpy(b->buf, s, n);
	b->len = n;
}

void fmtbuf_left(struct fmtbuf *b, const char *s, int width)
{
	size_t n = strlen(s);

	fmtbuf_mem(b, s, n);
	if ((int)n < width) {
		fmtbuf_room(b, width - n);
		memset(b->buf + b->len, ' ', width - n);
		b->len += width - n;
	}
}

/* The decimal digits of v at the end of tmp[20]; returns where they start. */
static char *udigits(char tmp[20], uint64_t v)
{
	char *p = tmp + 20;

	while (v >= 100) {
		p -= 2;
		memcpy(p, digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, digits2 + 2 * v, 2);
	} else {
		*--p = '0' + v;
	}
	return p;
}

/* sign (or 0), then the digits at p..end, padded on the left to width */
static void padded(struct fmtbuf *b, char sign, const char *p, int n,
		   int width, char pad)
{
	int fill = width - n - !!sign;

	fmtbuf_room(b, (fill > 0 ? fill : 0) + n + 1);
	if (fill > 0 && pad == ' ') {
		memset(b->buf + b->len, ' ', fill);
		b->len += fill;
	}
	if (sign)
		b->buf[b->len++] = sign;
	if (fill > 0 && pad == '0') {
		memset(b->buf + b->len, '0', fill);
		b->len += fill;
	}
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

void fmtbuf_u64(struct fmtbuf *b, uint64_t v, int width, char pad)
{
	char tmp[20], *p = udigits(tmp, v);

	padded(b, 0, p, tmp + 20 - p, width, pad);
}

void fmtbuf_dec(struct fmtbuf *b, uint64_t v)
{
	char tmp[20], *p = udigits(tmp, v);

	fmtbuf_mem(b, p, tmp + 20 - p);
}

void fmtbuf_i64(struct fmtbuf *b, int64_t v)
{
	char tmp[20], *p;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	if (v >= 0) {
		fmtbuf_dec(b, u);
		return;
	}
	p = udigits(tmp, u);
	padded(b, '-', p, tmp + 20 - p, 0, ' ');
}

void fmtbuf_hex(struct fmtbuf *b, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[16], *p = tmp + 16;

	do {
		*--p = hex[v & 15];
		v >>= 4;
	} while (v);
	padded(b, 0, p, tmp + 16 - p, digits, '0');
}

void fmtbuf_hexbytes(struct fmtbuf *b, const uint8_t *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		fmtbuf_room(b, 2);
		b->buf[b->len++] = hex[s[i] >> 4];
		b->buf[b->len++] = hex[s[i] & 15];
	}
}

/*
 * round(|x| * 1000) exactly, into *q; -1 if it does not fit 64 bits (or
 * x is not finite), for printf to do.
 */
static int thousandths(double x, uint64_t *q)
{
	uint64_t bits, mant, prod, rest, half;
	int exp, sh;

	memcpy(&bits, &x, sizeof bits);		/* IEEE 754 binary64 */
	exp = bits >> 52 & 0x7ff;
	mant = bits & ((1ull << 52) - 1);
	if (exp == 0x7ff)			/* infinite, NaN */
		return -1;
	if (exp)				/* normal: the hidden bit */
		mant |= 1ull << 52;
	else				/* subnormal or 0 */
		exp = 1;
	prod = mant * 1000;			/* < 2^63: exact */
	sh = 1075 - exp;			/* |x| = mant / 2^sh */
	if (sh <= 0) {		/* an integer: shift left, if it fits */
		if (-sh >= 64 || (sh && prod >> (64 + sh)))
			return -1;
		*q = prod << -sh;
		return 0;
	}
	if (sh >= 64) {		/* x * 1000 < 2^63 / 2^64: rounds to 0 */
		*q = 0;
		return 0;
	}
	*q = prod >> sh;
	rest = prod & ((1ull << sh) - 1);
	half = 1ull << (sh - 1);
	if (rest > half || (rest == half && (*q & 1)))
		++*q;
	return 0;
}

void fmtbuf_fixed3(struct fmtbuf *b, double x, int width)
{
	char tmp[24], *p;
	uint64_t q;
	int n;

	if (thousandths(x, &q) < 0) {	/* beyond 2^64 thousandths: rare */
		char big[400];

		n = snprintf(big, sizeof big, "%*.3f", width, x);
		fmtbuf_mem(b, big,
			   n < (int)sizeof big ? n : (int)sizeof big - 1);
		return;
	}
	p = tmp + 24;
	*--p = '0' + q % 10;
	*--p = '0' + q / 10 % 10;
	*--p = '0' + q / 100 % 10;
	*--p = '.';
	p = udigits(p - 20, q / 1000);	/* udigits fills up to p */
	padded(b, signbit(x) ? '-' : 0, p, tmp + 24 - p, width, ' ');
}
