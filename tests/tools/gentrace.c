/*
 * gentrace.c - synthetic, valid, rule-abiding .mmt traces of any size, for
 * the tests and the benchmarks.
 *
 *	gentrace -o FILE [--events N] [--cpus N] [--tasks N] [--mms N]
 *		 [--kthreads N] [--era 2.6.32|modern] [--seed S]
 *		 [--inject RULE@N] [--after N] [--gap N[:K]] [--lost N[:K]]
 *
 * A small simulated kernel runs random work on N CPUs: fork (dup_mm),
 * CLONE_VM threads, exec, exit (exit_mm), sleep and wake-up, yields,
 * kernel threads that borrow lazily and adopt user mms (use_mm), TLB
 * shootdowns of lazy CPUs (leave_mm), and reaping; each operation emits
 * the records the kernel emits, in its order (PROTOCOL.md 3), with both
 * eras' context_switch.  After about --events records it winds down
 * (every task exits and is freed, every idle task drops what it borrowed)
 * and ends with END, leaking nothing.  Records go to per-CPU buffers that
 * are flushed as frames in shuffled order, with heartbeats, as several
 * CPUs draining their rings would.
 *
 * For tests: --inject breaks one rule (a name from checker.h) at the first
 * chance at or after record N, prints "injected RULE at event E" on
 * stderr, and ends the trace --after records later with a PANIC, as a
 * kernel with that bug would (leak_at_end: in the wind-down, and END
 * reports it).  --gap drops K records of one CPU at record N (a transport
 * gap); --lost does the same the way overflow mode does (a LOST record).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/encode.h"
#include "trace/mmtfile.h"
#include "gentrace.h"

/* --- options -------------------------------------------------------- */

struct gen_opts opt = { NULL, 10000, 2, 16, 12, 3, 1, 400, MMT_ERA_2632, NULL, 0,
	  0, 0, 0, 0 };


void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gentrace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

/* --- output: per-CPU buffers flushed as frames ------------------------ */

struct obuf {
	int n;
	uint64_t ts[ENCODE_MAX_REC];
	uint8_t rec[ENCODE_MAX_REC][MMT_REC_MAX];
};

static struct encoder enc;
static FILE *out;
static struct obuf obuf[MAXCPU];
uint64_t clock_ts = 1 << 20;	/* TSC of the next record */
uint64_t nrec;			/* records emitted (event numbers) */
static unsigned long dropping[MAXCPU];	/* records of the CPU to drop */
static int drop_lost[MAXCPU];		/* drop as overflow mode: LOST */
static uint32_t drop_count[MAXCPU];
static uint64_t rng = 88172645463325252ull;

unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng >> 11) % n : 0;
}

static void out_file(void *arg, const void *buf, size_t n)
{
	(void)arg;
	fwrite(buf, 1, n, out);
}

static void flush_cpu(int c)
{
	int i;

	for (i = 0; i < obuf[c].n; i++)
		encode_record(&enc, c, obuf[c].ts[i], obuf[c].rec[i]);
	if (obuf[c].n)
		encode_flush(&enc);
	else if (!(dropping[c] && drop_lost[c]))
		encode_heartbeat(&enc, c, clock_ts);	/* LOST comes first */
	obuf[c].n = 0;
}

/* Every CPU's buffer, in a shuffled order: frames arrive out of order. */
static void flush_all(void)
{
	int order[MAXCPU], i, j, t;

	for (i = 0; i < (int)opt.cpus; i++)
		order[i] = i;
	for (i = opt.cpus - 1; i > 0; i--) {
		j = rnd(i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < (int)opt.cpus; i++)
		flush_cpu(order[i]);
}

/* The CPU stops dropping: say so the way its mode does. */
static void drop_end(int c)
{
	struct mmt_lost l = { { MMT_LOST, sizeof l, 0 }, drop_count[c] };

	if (!drop_lost[c])
		return;
	memcpy(obuf[c].rec[obuf[c].n], &l, sizeof l);
	obuf[c].ts[obuf[c].n++] = clock_ts;
	clock_ts += 16;
	nrec++;
}

/* Record rec happens on CPU c now. */
void emit(int c, const void *rec)
{
	if (dropping[c]) {
		if (!drop_lost[c])
			encode_skip(&enc, c, 1);	/* the line lost it */
		drop_count[c]++;
		if (!--dropping[c])
			drop_end(c);
		clock_ts += 16 * (1 + rnd(30));
		return;
	}
	memcpy(obuf[c].rec[obuf[c].n], rec, ((const uint8_t *)rec)[1]);
	obuf[c].ts[obuf[c].n++] = clock_ts;
	clock_ts += 16 * (1 + rnd(30));
	nrec++;
	if (obuf[c].n == ENCODE_MAX_REC)
		flush_cpu(c);
	if (nrec % FLUSH_EVERY == 0)
		flush_all();
}


/* --- the run ------------------------------------------------------------ */

static void boot(void)
{
	struct mmt_stream s = { REC(MMT_STREAM, mmt_stream), MMT_STREAM_MAGIC,
				MMT_VERSION, opt.cpus, 4, 2000000, { 0 } };
	struct mmt_boot b = { REC(MMT_BOOT, mmt_boot), opt.era, 0, opt.cpus,
			      0, 32768, FREE_PAGES, 100, "gentrace" };
	struct mmt_cpu_online on = { .h = REC(MMT_CPU_ONLINE, mmt_cpu_online) };
	struct mmt_mm_alloc a = { REC(MMT_MM_ALLOC, mmt_mm_alloc), MMT_MM_INIT,
				  0, SWAPPER_PGD, 2, 1, MMT_ALLOC_INIT, 0, 0 };
	unsigned c;

	emit(0, &s);
	emit(0, &b);
	for (c = 0; c < opt.cpus; c++) {
		on.apic_id = c;
		emit(c, &on);
	}
	emit(0, &a);
	mms[MMT_MM_INIT] = (struct gmm) { 2, 1, 1, 0 };
	for (c = 0; c < opt.cpus; c++) {
		cpus[c].idle = (struct gtask) { .kthread = 1, .on_cpu = 1,
						.cpu = c, .used = 1 };
		cpus[c].curr = &cpus[c].idle;
		cr3_load(c, MMT_MM_INIT, MMT_CR3_BOOT);
		mm_ref(c, MMT_MM_INIT, MMT_OP_MMGRAB, MMT_WHY_IDLE_INIT);
		cpus[c].idle.active_mm = MMT_MM_INIT;
	}
	task_new(0, NULL, 1, 0, MMT_CLONE_VM, "kernel_init");
	task_new(0, NULL, 1, 0, MMT_CLONE_VM, "kthreadd");
}

static void end_run(void)
{
	struct mmt_end e = { REC(MMT_END, mmt_end), MMT_END_OK, 0, 0,
			     FREE_PAGES, FREE_PAGES, 0, 0 };
	struct gtask *idle;
	unsigned c;

	for (c = 0; c < opt.cpus; c++) {	/* idle_task_exit */
		idle = &cpus[c].idle;
		if (cpus[c].cr3 != MMT_MM_INIT)
			cr3_load(c, MMT_MM_INIT, MMT_CR3_SWITCH);
		if (idle->active_mm)
			mmdrop(c, idle->active_mm, MMT_WHY_IDLE_EXIT);
		idle->active_mm = 0;
	}
	e.tasks = ntasks + (injected && !strcmp(opt.inject, "leak_at_end"));
	e.mms = nmms;
	emit(0, &e);
}

static void panic_run(void)
{
	struct {
		struct mmt_panic p;
		char msg[16];
	} r = { { { MMT_PANIC, sizeof(struct mmt_panic) + 15, 0 },
		  0xc0100900u, 0xff, 0, 0 }, "injected fault." };

	emit(0, &r);
}

static int all_idle(void)
{
	unsigned c;

	for (c = 0; c < opt.cpus; c++)
		if (cpus[c].curr != &cpus[c].idle)
			return 0;
	return 1;
}

/* Drop records of the next CPU to emit, from record at on. */
static void maybe_drop(void)
{
	int c = rnd(opt.cpus);

	if (opt.gap_len && nrec >= opt.gap_at) {
		flush_cpu(c);
		dropping[c] = opt.gap_len;
		opt.gap_len = 0;
	}
	if (opt.lost_len && nrec >= opt.lost_at) {
		dropping[c] = opt.lost_len;
		drop_lost[c] = 1;
		opt.lost_len = 0;
	}
}

static void run(void)
{
	uint64_t steps = 0, limit = 0;

	boot();
	schedule(0, S_RUNNABLE);
	for (;;) {
		step(rnd(opt.cpus));
		maybe_drop();
		if (panic_at && nrec >= panic_at) {
			panic_run();
			return;
		}
		if (!winding && nrec >= opt.events) {
			winding = 1;
			limit = steps + 1000000 + 100 * opt.tasks;
		}
		if (winding && !ntasks && all_idle())
			break;
		if (winding && ++steps > limit)
			die("the wind-down is stuck (a bug in gentrace)");
	}
	end_run();
}


/* --- the program -------------------------------------------------------- */

static const char usage[] =
"usage: gentrace -o FILE [--events N] [--cpus N] [--tasks N] [--mms N]\n"
"                [--kthreads N] [--era 2.6.32|modern] [--seed S]\n"
"                [--inject RULE@N] [--after N] [--gap N[:K]] [--lost N[:K]]\n";

static const char help[] =
"\n"
"Write a synthetic, valid trace that keeps every rule of the mm lifecycle:\n"
"a simulated kernel runs random work on several CPUs, winds down and ends\n"
"with END, leaking nothing.  For the tests and the benchmarks.\n"
"\n"
"  -o FILE          the trace to write (required)\n"
"  --events N       records before the wind-down (default 10000)\n"
"  --cpus N         CPUs, 1..64 (default 2)\n"
"  --tasks N        user tasks alive at most (default 16)\n"
"  --mms N          mm_structs alive at most (default 12)\n"
"  --kthreads N     kernel threads (default 3)\n"
"  --era E          2.6.32 (default) or modern\n"
"  --seed S         random seed (default 1): the same seed, the same trace\n"
"  --inject RULE@N  break RULE (a checker rule name) at record N or later;\n"
"                   \"injected RULE at event E\" goes to stderr\n"
"  --after N        with --inject: end with a PANIC N records later\n"
"                   (default 400; 0: no PANIC)\n"
"  --gap N[:K]      drop K (default 10) records of one CPU at record N, as\n"
"                   a line that lost bytes (a sequence gap)\n"
"  --lost N[:K]     the same, as overflow mode does (a LOST record)\n"
"  --help           this text\n";

static unsigned long num(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || (*end && *end != ':' && *end != '@'))
		die("bad %s '%s'", what, s);
	return v;
}

/* N[:K] */
static void at_len(const char *s, unsigned long *at, unsigned long *len,
		   const char *what)
{
	const char *colon = strchr(s, ':');

	*at = num(s, what);
	*len = colon ? num(colon + 1, what) : 10;
}

static void args(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "events", 1, 0, 'e' }, { "cpus", 1, 0, 'c' },
		{ "tasks", 1, 0, 't' }, { "mms", 1, 0, 'm' },
		{ "kthreads", 1, 0, 'k' }, { "era", 1, 0, 'E' },
		{ "seed", 1, 0, 's' }, { "inject", 1, 0, 'i' },
		{ "after", 1, 0, 'a' }, { "gap", 1, 0, 'g' },
		{ "lost", 1, 0, 'l' }, { "help", 0, 0, 'h' },
		{ 0, 0, 0, 0 }
	};
	char *at;
	int o;

	while ((o = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
		switch (o) {
		case 'h': printf("%s%s", usage, help); exit(0);
		case 'o': opt.out = optarg; break;
		case 'e': opt.events = num(optarg, "--events"); break;
		case 'c': opt.cpus = num(optarg, "--cpus"); break;
		case 't': opt.tasks = num(optarg, "--tasks"); break;
		case 'm': opt.mms = num(optarg, "--mms"); break;
		case 'k': opt.kthreads = num(optarg, "--kthreads"); break;
		case 's': opt.seed = num(optarg, "--seed"); break;
		case 'a': opt.after = num(optarg, "--after"); break;
		case 'g': at_len(optarg, &opt.gap_at, &opt.gap_len, "--gap"); break;
		case 'l': at_len(optarg, &opt.lost_at, &opt.lost_len, "--lost"); break;
		case 'E':
			if (strcmp(optarg, "2.6.32") && strcmp(optarg, "modern"))
				die("--era is 2.6.32 or modern");
			opt.era = strcmp(optarg, "modern") ? MMT_ERA_2632 :
							     MMT_ERA_MODERN;
			break;
		case 'i':
			opt.inject = optarg;
			if ((at = strchr(optarg, '@'))) {
				*at = '\0';
				opt.inject_at = num(at + 1, "--inject");
			}
			break;
		default:
			fputs(usage, stderr);
			exit(2);
		}
	}
	if (!opt.out || optind != argc)
		die("%s", usage);
	if (opt.cpus < 1 || opt.cpus > MAXCPU || opt.tasks < 1 ||
	    opt.tasks > MAXPID / 2 || opt.mms < 1 || opt.mms > MAXMM / 2)
		die("--cpus 1..%d, --tasks 1..%d, --mms 1..%d", MAXCPU,
		    MAXPID / 2, MAXMM / 2);
}

int main(int argc, char **argv)
{
	struct mmt_file_header h;
	static char buf[1 << 20];

	args(argc, argv);
	rng ^= opt.seed * 0x9e3779b97f4a7c15ull;
	out = fopen(opt.out, "w");
	if (!out)
		die("%s: cannot write", opt.out);
	setvbuf(out, buf, _IOFBF, sizeof buf);
	mmtfile_header_init(&h, "(synthetic: gentrace)", NULL,
			    "scenario=gentrace", "");
	fwrite(&h, sizeof h, 1, out);
	encode_init(&enc, 4, out_file, NULL);
	encode_delim(&enc);
	run();
	flush_all();
	if (opt.inject && !injected)
		fprintf(stderr, "gentrace: no chance to inject %s\n",
			opt.inject);
	if (fclose(out))
		die("%s: write failed", opt.out);
	fprintf(stderr, "gentrace: %llu events\n", (unsigned long long)nrec);
	return 0;
}
