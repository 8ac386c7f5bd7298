/*
 * test_cut.c - traces that end early: real multi-CPU traces of healthy
 * runs, cut at many byte offsets as a timeout, a killed QEMU or a full
 * disk would cut them, must give no rule violation (issue 18.3).  Each
 * CPU's ring may still have held records when the run stopped, and the
 * other CPUs' later events follow from them: the checker has to suspend
 * what it cannot judge, on every CPU.  The whole traces pass too, and a
 * cut one says where each CPU's trace ends.
 *
 * The traces were recorded by `mmscope record` (tests/unit/traces/):
 * cross_cpu_exit on 2 CPUs, cut at every 7th byte, and smp_stress
 * (count=100) on 4 CPUs, at every 331st.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/timeline.h"
#include "tap.h"

struct trace {
	uint8_t *data;
	size_t size;
	size_t start;		/* the stream's offset: header_size */
};

static int load(const char *name, struct trace *t)
{
	struct mmt_file_header h;
	char path[512];
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/unit/traces/%s", TESTS_DIR, name);
	if (!(f = fopen(path, "rb")) || fseek(f, 0, SEEK_END) < 0 ||
	    (n = ftell(f)) < MMT_FILE_HEADER_SIZE || fseek(f, 0, SEEK_SET) < 0)
		return tap_diag("%s: cannot read it", path), -1;
	t->data = malloc(n);
	t->size = fread(t->data, 1, n, f);
	fclose(f);
	if (t->size != (size_t)n)
		return -1;
	memcpy(&h, t->data, sizeof h);	/* the stream follows sections */
	t->start = h.header_size;
	return t->start < t->size ? 0 : -1;
}

/* The stream's first len bytes through a timeline: its findings. */
static struct timeline *read_prefix(const struct trace *t, size_t len)
{
	struct timeline *tl = tl_new(0);

	tl_feed(tl, t->data + t->start, len);
	tl_finish(tl);
	return tl;
}

/* Cut t at every step-th byte of its stream: how many cuts gave
 * violations (the first one said), of how many. */
static void cuts(const char *name, const struct trace *t, size_t step)
{
	size_t stream = t->size - t->start, len, bad = 0, n = 0;
	struct timeline *tl;

	for (len = 1; len < stream; len += step, n++) {
		tl = read_prefix(t, len);
		if (tl->found.nv && !bad++) {
			tap_diag("cut at %zu of %zu bytes:", len, stream);
			violation_print(stdout, &tl->found.v[0], NULL, "# ");
		}
		tl_free(tl);
	}
	tap_ok(n > 100 && bad == 0, "%s cut every %zu bytes: %zu of %zu "
	       "cuts show violations", name, step, bad, n);
}

/* Every CPU whose trace a cut ends early is named, and nothing else. */
static void cut_notes(const struct trace *t)
{
	size_t stream = t->size - t->start, i, nn;
	struct timeline *tl = read_prefix(t, stream * 2 / 3);
	const struct evlog_note *v = evlog_notes(tl->log, &nn);
	unsigned cpus = 0, cuts = 0;

	for (i = 0; i < nn; i++)
		if (v[i].dg.kind == DIAG_CUT) {
			cuts++;
			cpus |= 1u << v[i].dg.cpu;
		}
	tap_ok(cuts == 2 && cpus == 3 && tl->found.nv == 0,
	       "a cut 2-CPU trace notes where each CPU's trace ends (%u notes, "
	       "cpus 0x%x)", cuts, cpus);
	tl_free(tl);
	tl = read_prefix(t, stream);
	v = evlog_notes(tl->log, &nn);
	for (i = cuts = 0; i < nn; i++)
		cuts += v[i].dg.kind == DIAG_CUT;
	tap_ok(cuts == 0 && tl->found.nv == 0 && tl->tail->end_n,
	       "the whole trace, with its END: no cut, no violation");
	tl_free(tl);
}

int main(void)
{
	struct trace cross = { 0 }, stress = { 0 };

	tap_plan(4);
	if (load("cross_cpu_exit-smp2.mmt", &cross) < 0 ||
	    load("smp_stress-smp4.mmt", &stress) < 0)
		return tap_done();
	cut_notes(&cross);
	cuts("cross_cpu_exit on 2 CPUs", &cross, 7);
	cuts("smp_stress on 4 CPUs", &stress, 331);
	free(cross.data);
	free(stress.data);
	return tap_done();
}
