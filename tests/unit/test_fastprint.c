/*
 * test_fastprint.c - dump's printf-free path against print.c, its
 * reference: fmtbuf's conversions against snprintf on edge and random
 * values, then random records of every type (known or not, with text
 * tails of any bytes, in text and JSON, raw or not, in microseconds or
 * cycles, with and without the kernel's symbols) printed by both, which
 * must be byte-identical.  tests/dump/fastprint.sh does the same on
 * recorded traces.
 *
 * Environment: KERNEL, the kernel ELF whose symbols the records' return
 * addresses fall in (set by tests/runtests.py).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/fastprint.h"
#include "trace/fields.h"
#include "model/model.h"
#include "trace/names.h"
#include "tap.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* --- fmtbuf against snprintf ------------------------------------------ */

static char got[1 << 16];
static size_t ngot;

/* A fmtbuf over a FILE that collects into got[]. */
static FILE *sink(void)
{
	ngot = 0;
	return fmemopen(got, sizeof got, "w");
}

static int same(FILE *f, const char *want, const char *what)
{
	fflush(f);
	ngot = ftell(f);
	fclose(f);
	got[ngot] = '\0';
	if (!strcmp(got, want))
		return 1;
	tap_diag("%s: fmtbuf wrote '%s', printf '%s'", what, got, want);
	return 0;
}

static int check_u64(uint64_t v, int width, char pad)
{
	char want[64], what[64];
	struct fmtbuf b;
	FILE *f = sink();

	fmtbuf_init(&b, f);
	fmtbuf_u64(&b, v, width, pad);
	fmtbuf_flush(&b);
	snprintf(want, sizeof want, pad == '0' ? "%0*" PRIu64 : "%*" PRIu64,
		 width, v);
	snprintf(what, sizeof what, "u64 %" PRIu64 " width %d", v, width);
	return same(f, want, what);
}

static int check_i64(int64_t v)
{
	char want[64];
	struct fmtbuf b;
	FILE *f = sink();

	fmtbuf_init(&b, f);
	fmtbuf_i64(&b, v);
	fmtbuf_flush(&b);
	snprintf(want, sizeof want, "%" PRId64, v);
	return same(f, want, "i64");
}

static int check_hex(uint64_t v, int digits)
{
	char want[64];
	struct fmtbuf b;
	FILE *f = sink();

	fmtbuf_init(&b, f);
	fmtbuf_hex(&b, v, digits);
	fmtbuf_flush(&b);
	snprintf(want, sizeof want, "%0*" PRIx64, digits, v);
	return same(f, want, "hex");
}

static int check_fixed3(double x, int width)
{
	char want[512], what[64];
	struct fmtbuf b;
	FILE *f = sink();

	fmtbuf_init(&b, f);
	fmtbuf_fixed3(&b, x, width);
	fmtbuf_flush(&b);
	snprintf(want, sizeof want, "%*.3f", width, x);
	snprintf(what, sizeof what, "%%*.3f of %a", x);
	return same(f, want, what);
}

static void conversions(void)
{
	static const uint64_t edges[] = { 0, 1, 9, 10, 99, 100, 999, 1000,
		9999999, 10000000, UINT32_MAX, (uint64_t)INT64_MAX,
		(uint64_t)INT64_MAX + 1, UINT64_MAX };
	static const double fixed[] = { 0.0, -0.0, 0.0004, 0.0005, 0.0015,
		-0.0004, 0.999, 0.9995, 0.99949999, 1e-300, 5e-324, 123.456,
		86.603, 11042.959, -11042.959, 9007199254740992.0,
		18446744073709551.0, 18446744073709552.0, 1.8e19, 1e300,
		-1e300, 4.5e15, 0.1, 0.7, 1.0005, 2.0005, 1234567.8905 };
	size_t i;
	int good = 1, k;

	for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
		for (k = 0; k < 22; k += 7)
			good &= check_u64(edges[i], k, ' ') &
				check_u64(edges[i], k, '0') &
				check_hex(edges[i], k % 9) &
				check_i64((int64_t)edges[i]) &
				check_i64((int64_t)(0 - edges[i]));
	tap_ok(good, "integers and hex: as printf on the edges (0, 9, 10, ..., "
	   "INT64_MIN, UINT64_MAX), every width");

	good = 1;
	for (i = 0; i < 200000 && good; i++) {
		uint64_t v = rnd() >> (rnd() % 64);

		good = check_u64(v, rnd() % 12, rnd() & 1 ? ' ' : '0') &&
		       check_i64((int64_t)rnd() >> (rnd() % 64)) &&
		       check_hex(v, rnd() % 10);
	}
	tap_ok(good, "integers and hex: as printf on 200000 random values");

	good = 1;
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		good &= check_fixed3(fixed[i], 0) & check_fixed3(fixed[i], 13);
	tap_ok(good, "%%.3f: as printf near the rounding points, at 0 and -0, "
	   "on the smallest and the largest doubles");

	good = 1;
	for (i = 0; i < 300000 && good; i++) {
		uint64_t cycles = rnd() >> (rnd() % 64);
		uint32_t khz = rnd() % 5 ? 1 + rnd() % 4000000 : 0;
		double x = (double)cycles * (khz ? 1000.0 / khz : 1);
		union { uint64_t u; double d; } any = { rnd() };

		good = check_fixed3(rnd() & 1 ? x : -x, rnd() % 2 ? 13 : 0) &&
		       (isnan(any.d) || check_fixed3(any.d, 13));
	}
	tap_ok(good, "%%.3f: as printf on 300000 event times and random doubles");
}

/* --- records through both printers ------------------------------------ */

static struct model_ref ref;		/* what the extras print */
static int symbolised;			/* a line had "function+0xoff" */

/* dump's JSON extra as it was written with fprintf */
static void extra_printf(void *arg, const struct mmt_event *ev)
{
	FILE *f = arg;

	if (ev->type != MMT_MM_REF)
		return;
	if (ref.alive)
		fprintf(f, ",\"model\":{\"users_before\":%d,"
			"\"users_after\":%d,\"count_before\":%d,"
			"\"count_after\":%d,\"known\":%s}", ref.users0,
			ref.users1, ref.count0, ref.count1,
			ref.known ? "true" : "false");
	else
		fputs(",\"model\":null", f);
}

static void extra_fast(void *arg, struct fmtbuf *b, const struct mmt_event *ev)
{
	(void)arg;
	if (ev->type == MMT_MM_REF)
		fastprint_model_ref(b, ref.alive, ref.known, ref.users0,
				    ref.users1, ref.count0, ref.count1);
}

/* A random record of type t into rec[]; its event in *ev. */
static void random_event(struct mmt_event *ev, uint8_t *rec, unsigned t,
			 uint32_t text_base, uint64_t *ts)
{
	unsigned fixed = mmt_types[t].size ? mmt_types[t].size : 4;
	unsigned size = fixed, i;
	uint32_t addr;

	if (!mmt_types[t].size || mmt_types[t].text)
		size = fixed + rnd() % (MMT_REC_MAX - fixed + 1);
	for (i = 0; i < MMT_REC_MAX; i++)
		rec[i] = rnd();
	if (rnd() % 4 == 0)		/* small values: names, not numbers */
		for (i = 4; i < fixed; i++)
			rec[i] = rnd() % 8;
	if (text_base && rnd() % 4) {	/* return addresses in the kernel */
		addr = text_base + rnd() % 0x6000;
		for (i = 4; i + 4 <= fixed; i += 4)
			if (rnd() % 2)
				memcpy(rec + i, &addr, 4);
	}
	if (rnd() % 3 == 0)		/* text tails of printable bytes */
		for (i = fixed; i < size; i++)
			rec[i] = 0x20 + rnd() % 0x60;
	rec[0] = t;
	rec[1] = size;
	*ts += rnd() % 3 ? rnd() % 4096 : rnd() >> (rnd() % 64);
	if (rnd() % 50 == 0)
		*ts -= rnd() % 100000;	/* before the first event */
	*ev = (struct mmt_event) { .ts = *ts, .seq = rnd(), .cpu = rnd(),
				   .type = t, .size = size, .rec = rec };
}

/*
 * n random events of every type through print_event and fastprint_event
 * with the same options; 1 if every line is the same.
 */
static int both(struct symtab *syms, uint32_t text_base, int json, int raw,
		uint32_t khz, int n)
{
	static uint8_t rec[MMT_REC_MAX + 256];
	char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0, at;
	FILE *fa = open_memstream(&a, &na), *fbf = open_memstream(&b, &nb);
	struct printer pa = { .out = fa, .json = json, .raw = raw,
			      .syms = syms, .tsc_khz = khz };
	struct printer pb = pa;
	struct fastprint fp = { &pb, extra_fast, NULL };
	struct mmt_event ev;
	uint64_t ts = rnd() >> 8;
	int i, t, good;

	pa.extra = extra_printf;
	pa.extra_arg = fa;
	pb.out = fbf;
	for (i = 0; i < n; i++)
		for (t = 0; t < 256; t++) {
			random_event(&ev, rec, t, text_base, &ts);
			ref = (struct model_ref) { rnd(), rnd() % 2, rnd() % 2,
				(int32_t)rnd(), (int32_t)rnd(),
				(int32_t)rnd(), (int32_t)rnd() };
			print_event(&pa, &ev);
			fastprint_event(&fp, &ev);
		}
	fclose(fa);
	fclose(fbf);
	good = na == nb && !memcmp(a, b, na);
	symbolised |= syms && a && strstr(a, "+0x") != NULL;
	if (!good) {
		for (at = 0; at < na && at < nb && a[at] == b[at]; at++)
			;
		while (at && a[at - 1] != '\n')
			at--;
		tap_diag("first difference, print.c: %.*s", (int)strcspn(a + at, "\n"),
		     a + at);
		tap_diag("              fastprint.c: %.*s", (int)strcspn(b + at, "\n"),
		     b + at);
	}
	free(a);
	free(b);
	return good;
}

int main(void)
{
	const char *kernel = getenv("KERNEL");
	struct symtab *syms = NULL;
	uint32_t base = 0;
	char err[512];
	int json, raw;

	tap_plan(4 + 8 + 1);
	conversions();
	if (kernel && (syms = sym_open(kernel, err, sizeof err)))
		sym_addr(syms, "mmput", &base);
	for (json = 0; json < 2; json++)
		for (raw = 0; raw < 2; raw++) {
			tap_ok(both(NULL, 0, json, raw, rnd() % 4000000, 200),
			   "%s%s, no symbols: 200 random records of each of "
			   "the 256 types, byte-identical", json ? "JSON" :
			   "text", raw ? " --raw" : "");
			tap_ok(both(NULL, 0, json, raw, 0, 50),
			   "%s%s, in cycles (tsc_khz 0): byte-identical",
			   json ? "JSON" : "text", raw ? " --raw" : "");
		}
	tap_ok(syms && base && both(syms, base & ~0xfffu, 0, 0, 2208524, 50) &&
	   both(syms, base & ~0xfffu, 1, 0, 2208524, 50) && symbolised,
	   "text and JSON with the symbols of %s: byte-identical",
	   kernel ? kernel : "$KERNEL (not set)");
	sym_close(syms);
	return tap_done();
}
