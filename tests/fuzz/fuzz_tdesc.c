/*
 * fuzz_tdesc.c - fuzz target: the target description reader, as the
 * gdbstub client uses it: target.xml first, then each document it
 * includes as the client would fetch them, then the registers.
 *
 * The input is the documents one after the other, each ended by a NUL
 * byte (the last one by the end of the input): the first is target.xml,
 * the next is the first include still missing, and so on.  Seeds:
 * tests/fuzz/tdesc/ (QEMU's i386 description); crashes found:
 * tests/fuzz/tdesc/regress/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "target/tdesc.h"

static struct tdesc t;		/* big: not on the stack */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *nul;
	struct tdesc_doc *d;
	char err[256];
	size_t n;
	int i;

	memset(&t, 0, sizeof t);
	tdesc_add(&t, "target.xml");
	while ((i = tdesc_missing(&t)) >= 0 && data < end) {
		nul = memchr(data, 0, end - data);
		n = (nul ? nul : end) - data;
		d = &t.doc[i];
		d->text = malloc(n + 1);
		if (!d->text)
			abort();
		memcpy(d->text, data, n);
		d->text[n] = '\0';
		d->len = n;
		d->done = 1;
		tdesc_add_includes(&t, d->text);
		data += n + (nul != NULL);
	}
	if (tdesc_parse(&t, err, sizeof err) == 0) {
		tdesc_find(&t, "eip");
		tdesc_find(&t, "cr3");
	}
	tdesc_free(&t);
	return 0;
}
