/*
 * asciicast.c - asciicast v2 (asciicast.h): the header, the output
 * events, and the JSON strings they carry.
 */
#include <string.h>
#include "export/asciicast.h"

/*
 * The length of the UTF-8 character at s (n bytes there): 1 to 4; 0 if
 * s holds only its first bytes so far; -1 if s[0] starts no character
 * (a stray continuation byte, an overlong form, a surrogate, or a code
 * point beyond U+10FFFF).
 */
static int utf8_len(const uint8_t *s, size_t n)
{
	uint8_t lo = 0x80, hi = 0xbf;
	int len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return -1;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;		/* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;		/* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;		/* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;		/* beyond U+10FFFF */
	for (i = 1; i < len; i++) {
		if ((size_t)i == n)
			return 0;
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return -1;
	}
	return len;
}

/* Bytes as the inside of a JSON string; a trailing unfinished character
 * is left for the caller: returns how many bytes were written out. */
static size_t json_chars(FILE *f, const uint8_t *s, size_t n, int final)
{
	size_t i = 0;
	int len;

	while (i < n) {
		if ((len = utf8_len(s + i, n - i)) == 0 && !final)
			break;
		if (len <= 0) {
			fputs("\\ufffd", f);
			i++;
		} else if (len > 1) {
			fwrite(s + i, 1, len, f);
			i += len;
		} else if (s[i] == '"' || s[i] == '\\') {
			fprintf(f, "\\%c", s[i++]);
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			fprintf(f, "\\u%04x", s[i++]);
		} else {
			fputc(s[i++], f);
		}
	}
	return i;
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	json_chars(f, (const uint8_t *)s, strlen(s), 1);
	fputc('"', f);
}

int asciicast_begin(struct asciicast *c, FILE *f,
		    const struct asciicast_header *h)
{
	memset(c, 0, sizeof *c);
	c->f = f;
	fprintf(f, "{\"version\": 2, \"width\": %u, \"height\": %u",
		h->width, h->height);
	if (h->timestamp)
		fprintf(f, ", \"timestamp\": %lld", (long long)h->timestamp);
	if (h->title) {
		fputs(", \"title\": ", f);
		json_string(f, h->title);
	}
	if (h->term) {
		fputs(", \"env\": {\"TERM\": ", f);
		json_string(f, h->term);
		fputc('}', f);
	}
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

/* One event of the carried bytes and data; final: finish every one. */
static int event(struct asciicast *c, double t, const uint8_t *data,
		 size_t n, int final)
{
	uint8_t buf[4096 + 4];
	size_t at, done, take;

	if (t < c->last)
		t = c->last;
	c->last = t;
	fprintf(c->f, "[%.6f, \"o\", \"", t);
	memcpy(buf, c->carry, c->ncarry);
	at = c->ncarry;
	c->ncarry = 0;
	for (;;) {
		take = n < sizeof buf - at ? n : sizeof buf - at;
		if (take)
			memcpy(buf + at, data, take);
		data += take;
		n -= take;
		at += take;
		done = json_chars(c->f, buf, at, final && n == 0);
		memmove(buf, buf + done, at - done);	/* at most 3 bytes */
		at -= done;
		if (n == 0)
			break;
	}
	memcpy(c->carry, buf, at);
	c->ncarry = at;
	fputs("\"]\n", c->f);
	c->events++;
	return ferror(c->f) ? -1 : 0;
}

int asciicast_output(struct asciicast *c, double t, const void *data,
		     size_t n)
{
	const uint8_t *d = data;

	c->bytes += n;
	if (c->ncarry + n < 4 && c->ncarry + n > 0) {
		uint8_t s[4];		/* is it all one unfinished character? */

		memcpy(s, c->carry, c->ncarry);
		memcpy(s + c->ncarry, d, n);
		if (utf8_len(s, c->ncarry + n) == 0) {
			memcpy(c->carry, s, c->ncarry + n);
			c->ncarry += n;
			return 0;
		}
	}
	return event(c, t, d, n, 0);
}

int asciicast_end(struct asciicast *c)
{
	static const uint8_t none[1];

	if (c->ncarry && event(c, c->last, none, 0, 1) < 0)
		return -1;
	return fflush(c->f) == 0 && !ferror(c->f) ? 0 : -1;
}
