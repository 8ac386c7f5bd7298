/*
 * fuzz_expect.c - fuzz target: the expect-language parser, and what it
 * accepts checked against a real trace by the matcher, as `mmscope
 * check --expect` does.
 *
 * The input is an expect file.  The trace is tests/fuzz/expect.mmt
 * (cross_cpu_exit on 2 CPUs), read once.  Seeds: tests/fuzz/expect/
 * (a few of the samples' expect files); crashes found:
 * tests/fuzz/expect/regress/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expect/expect.h"
#include "expect/match.h"
#include "model/timeline.h"

static struct timeline *tl;
static FILE *devnull;

static void setup(void)
{
	char err[512];

	devnull = fopen("/dev/null", "w");
	tl = tl_new(0);
	if (!devnull || !tl ||
	    tl_load(tl, FUZZ_DIR "/expect.mmt", err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_expect: %s\n", tl ? err : "no memory");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct match_result r = { 0 };
	struct expect_file *x;
	char err[1024], *text;

	if (!tl)
		setup();
	if (memchr(data, 0, size))	/* expect_load refuses NULs */
		return 0;
	text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	x = expect_parse("fuzz.expect", text, err, sizeof err);
	if (x)
		match_run(x, tl, NULL, devnull, &r);
	expect_free(x);
	free(text);
	return 0;
}
