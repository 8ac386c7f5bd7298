/*
 * benchcore.c - the figures of tests/bench/core.sh for one trace:
 *
 *	benchcore TRACE [SEEKS]
 *
 * Reads TRACE through a timeline (decode, event log, model, checker,
 * snapshots: what every verb does) three times and prints, one "key:
 * value" per line: the events, the seconds each read took (wall, user and
 * system CPU: the system time is mostly the kernel zeroing the pages the
 * log fills) and events per second of the best; the memory the log and the snapshots hold; then SEEKS seeks
 * to random events from wherever the view was, and their p50, p99 and
 * worst time.  Peak RSS is the caller's to measure.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "model/timeline.h"
#include "util/util.h"

static const char usage[] =
"usage: benchcore TRACE [SEEKS]\n"
"\n"
"Read TRACE through a timeline three times and print, one \"key: value\"\n"
"per line, the events, the seconds of each read and events per second of\n"
"the best, the memory of the log and the snapshots, then the p50, p99 and\n"
"worst time of SEEKS (1 to 10000000, default 1000) seeks to random\n"
"events.  The figures of tests/bench/core.sh.\n";

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void seeks(struct timeline *tl, int n)
{
	uint64_t *t = malloc(n * sizeof *t), count = evlog_count(tl->log), t0;
	struct model *view = model_new();
	int i;

	srand(1);
	for (i = 0; i < n; i++) {
		uint64_t to = ((uint64_t)rand() << 31 ^ rand()) % (count + 1);

		t0 = util_now_ns();
		tl_seek(tl, view, to);
		t[i] = util_now_ns() - t0;
	}
	qsort(t, n, sizeof *t, cmp);
	printf("seeks: %d to random events\n", n);
	printf("seek p50 ms: %.3f\n", t[n / 2] / 1e6);
	printf("seek p99 ms: %.3f\n", t[n * 99 / 100] / 1e6);
	printf("seek max ms: %.3f\n", t[n - 1] / 1e6);
	model_free(view);
	free(t);
}

static double cpu_secs(int user)
{
	struct rusage ru;
	struct timeval *t = user ? &ru.ru_utime : &ru.ru_stime;

	getrusage(RUSAGE_SELF, &ru);
	return t->tv_sec + t->tv_usec / 1e6;
}

/* Load the trace once: its timeline, and the seconds it took. */
static struct timeline *load(const char *path, double *wall, double *user,
			     double *sys)
{
	struct timeline *tl = tl_new(0);
	char err[512];
	uint64_t t0;

	*user = cpu_secs(1);
	*sys = cpu_secs(0);
	t0 = util_now_ns();
	if (tl_load(tl, path, err, sizeof err) < 0) {
		fprintf(stderr, "benchcore: %s\n", err);
		exit(2);
	}
	*wall = (util_now_ns() - t0) / 1e9;
	*user = cpu_secs(1) - *user;
	*sys = cpu_secs(0) - *sys;
	return tl;
}

/*
 * The best of three loads: the first one also pays for faulting in the
 * trace file and for the kernel finding huge pages, the others mostly
 * not.
 */
int main(int argc, char **argv)
{
	double secs, user, sys, best = 1e9, bu = 0, bs = 0;
	struct timeline *tl = NULL;
	long nseek = 1000;
	char *end;
	int i;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc > 2)
		nseek = strtol(argv[2], &end, 10);
	if (argc < 2 || argc > 3 || argv[1][0] == '-' || !*argv[argc - 1] ||
	    (argc > 2 && (*end || nseek < 1 || nseek > 10000000))) {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 0; i < 3; i++) {
		tl_free(tl);
		tl = load(argv[1], &secs, &user, &sys);
		printf("load %d seconds: %.3f wall, %.3f user, %.3f system\n",
		       i + 1, secs, user, sys);
		if (secs < best) {
			best = secs;
			bu = user;
			bs = sys;
		}
	}
	printf("events: %" PRIu64 "\n", evlog_count(tl->log));
	printf("violations: %zu\n", tl->found.nv);
	printf("load seconds: %.3f wall, %.3f user, %.3f system (best of 3)\n",
	       best, bu, bs);
	printf("events/s: %.0f\n", evlog_count(tl->log) / best);
	printf("events/s user: %.0f\n", evlog_count(tl->log) / bu);
	printf("log bytes: %zu\n", evlog_memory(tl->log));
	printf("snapshots: %zu every %" PRIu64 " events, %zu bytes\n",
	       tl->snaps.nv, tl->snaps.every, tl->snaps.bytes);
	seeks(tl, nseek);
	tl_free(tl);
	return 0;
}
