/*
 * test_asciicast.c - the asciicast v2 writer: the header line, events as
 * [time, "o", data] with the data a valid JSON string (quotes, escapes,
 * control bytes), UTF-8 passed through, a character split between two
 * outputs joined again, bytes that are not UTF-8 as U+FFFD, times that
 * never go back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export/asciicast.h"
#include "tap.h"

static char *buf;
static size_t len;

static FILE *open_buf(void)
{
	free(buf);
	buf = NULL;
	return open_memstream(&buf, &len);
}

/* The output of writing each of the parts at times 0, 1, 2, ... */
static const char *cast(const char *const *parts, const size_t *lens, int n)
{
	struct asciicast_header h = { .width = 80, .height = 24 };
	struct asciicast c;
	FILE *f = open_buf();
	int i;

	asciicast_begin(&c, f, &h);
	for (i = 0; i < n; i++)
		asciicast_output(&c, i, parts[i], lens[i]);
	asciicast_end(&c);
	fclose(f);
	return strchr(buf, '\n') + 1;	/* the events, after the header */
}

static void one(const char *data, size_t n, const char *want, const char *what)
{
	const char *got = cast(&data, &n, 1);

	if (!tap_ok(!strcmp(got, want), "%s", what))
		tap_diag("got %s want %s", got, want);
}

int main(void)
{
	struct asciicast_header h = { 100, 30, 1700000000, "mmscope \"replay\"",
				      "xterm-256color" };
	struct asciicast c;
	FILE *f;

	tap_plan(11);

	f = open_buf();
	asciicast_begin(&c, f, &h);
	fclose(f);
	tap_ok(!strcmp(buf, "{\"version\": 2, \"width\": 100, \"height\": 30, "
		       "\"timestamp\": 1700000000, \"title\": \"mmscope "
		       "\\\"replay\\\"\", \"env\": {\"TERM\": \"xterm-256color\"}}\n"),
	       "the header: version 2, the size, timestamp, title, env.TERM");

	one("hello", 5, "[0.000000, \"o\", \"hello\"]\n", "plain text as it is");
	one("\x1b[1;1H\"q\"\\\r\n", 12,
	    "[0.000000, \"o\", \"\\u001b[1;1H\\\"q\\\"\\\\\\u000d\\u000a\"]\n",
	    "escapes, quotes, backslashes and control bytes escaped");
	one("mm\xe2\x94\x80\xe2\x96\x88", 8,
	    "[0.000000, \"o\", \"mm\xe2\x94\x80\xe2\x96\x88\"]\n",
	    "UTF-8 (box drawing, blocks) passed through");
	one("a\xff" "b\xc0\xafz", 6,
	    "[0.000000, \"o\", \"a\\ufffdb\\ufffd\\ufffdz\"]\n",
	    "bytes that are not UTF-8 (0xff, an overlong /) become U+FFFD");
	one("\xed\xa0\x80", 3, "[0.000000, \"o\", \"\\ufffd\\ufffd\\ufffd\"]\n",
	    "an encoded surrogate is not UTF-8");

	{
		const char *parts[] = { "x\xe2\x94", "\x80y" };
		size_t lens[] = { 3, 2 };

		tap_ok(!strcmp(cast(parts, lens, 2),
			       "[0.000000, \"o\", \"x\"]\n"
			       "[1.000000, \"o\", \"\xe2\x94\x80y\"]\n"),
		       "a character split between two outputs is joined in "
		       "the second");
	}
	{
		const char *parts[] = { "\xe2", "\x94", "\x80" };
		size_t lens[] = { 1, 1, 1 };

		tap_ok(!strcmp(cast(parts, lens, 3),
			       "[2.000000, \"o\", \"\xe2\x94\x80\"]\n"),
		       "outputs that only begin a character wait for its end");
	}
	{
		const char *parts[] = { "ok\xe2\x94" };
		size_t lens[] = { 4 };

		tap_ok(!strcmp(cast(parts, lens, 1),
			       "[0.000000, \"o\", \"ok\"]\n"
			       "[0.000000, \"o\", \"\\ufffd\\ufffd\"]\n"),
		       "a character never finished ends as U+FFFD");
	}
	{
		struct asciicast_header h0 = { 80, 24, 0, NULL, NULL };
		char big[10000];

		memset(big, 'a', sizeof big);
		big[4095] = '\xe2';	/* a character across the inner buffer */
		big[4096] = '\x94';
		big[4097] = '\x80';
		f = open_buf();
		asciicast_begin(&c, f, &h0);
		asciicast_output(&c, 2.5, big, sizeof big);
		asciicast_output(&c, 1.0, "z", 1);
		asciicast_end(&c);
		fclose(f);
		tap_ok(!strncmp(buf, "{\"version\": 2, \"width\": 80, "
				"\"height\": 24}\n", 42) &&
		       strstr(buf, "aaa\xe2\x94\x80" "aaa") &&
		       strlen(buf) == 42 + 17 + 10000 + 3 + 17 + 1 + 3,
		       "10000 bytes in one event, a character across the "
		       "writer's buffer whole");
		tap_ok(strstr(buf, "[2.500000, \"o\", \"z\"]") != NULL &&
		       c.events == 2 && c.bytes == 10001,
		       "a time before the last is the last; events and "
		       "bytes counted");
	}
	free(buf);
	return tap_done();
}
