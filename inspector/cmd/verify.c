/*
 * verify.c - `mmscope verify SCENARIO --at WHAT ...`: run a scenario
 * under QEMU's gdbstub, halt the whole machine at chosen events, and at
 * each halt compare every CPU's real CR3 and every live mm_struct's
 * counters, read from guest memory, with the model the trace builds.
 *
 * QEMU runs headless as for record, with -gdb on a private socket.  The
 * trace goes to a timeline (and to -o FILE if asked); the halts are
 * dbg.h's, driven from this file's poll loop, which also reads QEMU's
 * pipes so that QEMU never blocks on them.
 */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "target/dbg.h"
#include "target/kimage.h"
#include "trace/names.h"
#include "run/qemu.h"
#include "run/runcfg.h"
#include "trace/symbols.h"
#include "util/util.h"
#include "cmd/repro.h"
#include "cmd/verbs.h"

#define ATTACH_MS	5000	/* QEMU's gdbstub must answer this soon */

const char cmd_verify_usage[] =
"usage: mmscope verify SCENARIO --at WHAT|--every MS [options]\n"
"\n"
"Run SCENARIO in QEMU under its gdbstub, halt the whole machine at the\n"
"events WHAT selects, and at each halt check every CPU's real CR3 and\n"
"every live mm_struct's mm_users and mm_count, read from guest memory,\n"
"against the model the trace builds.  A mismatch is printed and makes\n"
"the exit status 1.\n"
"\n"
"  --at WHAT             where to halt: an event kind as dump names it\n"
"                        (switch, mm_ref, cr3_load, leave_mm, ...) or\n"
"                        any, then :cpu=N (that CPU's events only) and\n"
"                        :mm=M (events naming mm M); repeat for more,\n"
"                        e.g. --at switch:cpu=1 --at mm_ref:mm=3\n"
"  --every MS            halt every MS milliseconds instead (Ctrl-C to\n"
"                        the gdbstub: the CPUs stop wherever they are);\n"
"                        a sampler, it can miss what lives between two\n"
"                        halts, where --at stops at every event it names\n"
"  --halts N             halt at most N times (default 10), then let\n"
"                        the scenario run to its end\n"
"  -v, --verbose         print every CPU and mm at each halt, not only\n"
"                        the mismatches\n"
"  --smp N, --era E, --bug B, --count N, --seed S, --transport T,\n"
"  --kernel ELF, --timeout S\n"
"                        as for record (the timeout counts halted time)\n"
"\n"
"Exit status: 0 every halt verified; 1 a mismatch, the gdbstub failed or\n"
"QEMU died; 2 bad options or unknown scenario.\n";

struct vopts {
	struct run_cfg run;
	struct dbg_ats at;		/* --at: halt where any says */
	unsigned long halts;
	unsigned long every;		/* --every MS, 0: --at */
	int verbose;
};

struct ver {
	const struct vopts *o;
	struct qemu q;
	struct timeline *tl;
	struct dbg d;
	char qerr[512];
	size_t qerr_len;
	unsigned long halts, bad, busy;
	uint64_t next_halt;		/* --every: when to halt next */
	int checked_build;
	int failed;			/* a fault already said */
};

/* --- options -------------------------------------------------------- */

static const struct option ver_own[] = {
	{ "at", required_argument, NULL, 'a' },
	{ "halts", required_argument, NULL, 'H' },
	{ "every", required_argument, NULL, 'E' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int bad_at(const char *s)
{
	util_err("verify: --at %s: not KIND[:cpu=N][:mm=M] with KIND an event "
		 "kind (switch, mm_ref, cr3_load, leave_mm, ... or any)", s);
	return EXIT_USAGE;
}

static int verify_opt(struct vopts *o, int ch)
{
	struct run_cfg *c = &o->run;

	switch (ch) {
	case 'a':
		if (o->at.n == DBG_MAX_AT)
			return util_err("verify: at most %d --at", DBG_MAX_AT),
			       EXIT_USAGE;
		return dbg_parse_at(optarg, &o->at.at[o->at.n++]) < 0 ?
		       bad_at(optarg) : -1;
	case 'H': return runcfg_number(c, "--halts", optarg, 1, 100000,
				       &o->halts);
	case 'E': return runcfg_number(c, "--every", optarg, 1, 3600000,
				       &o->every);
	case 'v': o->verbose = 1; return -1;
	case 'h': fputs(cmd_verify_usage, stdout); return EXIT_OK;
	default: util_usage_hint(cmd_verify_usage); return EXIT_USAGE;
	}
}

static int verify_args(int argc, char **argv, struct vopts *o)
{
	struct option lo[RUNCFG_NOPTS + NELEM(ver_own)];
	int ch, rc = -1;

	/* every run option but --trace-mode: a halt needs every event */
	runcfg_longopts(lo, RUNCFG_ALL & ~RUNCFG_BIT(RUNCFG_MODE), ver_own);
	optind = 0;
	while (rc < 0 && (ch = getopt_long(argc, argv, "vh", lo, NULL)) != -1)
		rc = runcfg_is(ch) ? runcfg_set(&o->run, ch, optarg)
				   : verify_opt(o, ch);
	if (rc >= 0)
		return rc;
	if (optind != argc - 1 || (!o->at.n == !o->every)) {
		util_err("verify: %s", optind >= argc ? "which scenario? "
			 "(mmscope scenarios lists them)" : optind < argc - 1 ?
			 "one scenario, please" : o->at.n ?
			 "--at or --every, not both" :
			 "where to halt? (--at switch:cpu=1, for example)");
		return EXIT_USAGE;
	}
	o->run.scenario = argv[optind];
	return runcfg_names(&o->run);
}

/* --- QEMU's pipes ------------------------------------------------------ */

/* Read what a pipe has: COM2 to the timeline, stderr kept, COM1 dropped. */
static void drain_fd(struct ver *v, int *fd)
{
	static uint8_t buf[1 << 16];
	ssize_t n = qemu_pipe_read(fd, buf, sizeof buf);

	if (n <= 0)
		return;
	if (fd == &v->q.com2)
		tl_feed(v->tl, buf, n);
	else if (fd == &v->q.err && v->qerr_len < sizeof v->qerr - 1) {
		if ((size_t)n > sizeof v->qerr - 1 - v->qerr_len)
			n = sizeof v->qerr - 1 - v->qerr_len;
		memcpy(v->qerr + v->qerr_len, buf, n);
		v->qerr_len += n;
	}
}

/* The machine is halted: everything QEMU wrote to COM2 is in the pipe. */
static void drain_com2(void *arg)
{
	struct ver *v = arg;
	struct pollfd p;

	while (v->q.com2 >= 0) {
		p = (struct pollfd) { .fd = v->q.com2, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			return;
		drain_fd(v, &v->q.com2);
	}
}

/* --- halts ------------------------------------------------------------- */

/* The trace's build id against the ELF's, once the STREAM is here. */
static int check_build(struct ver *v, const struct kimage *k)
{
	const struct decoder *dec = evlog_decoder(v->tl->log);
	char err[256];

	if (v->checked_build || !dec->have_stream)
		return 0;
	v->checked_build = 1;
	if (kimage_same_build(k, dec->stream.build_id, err, sizeof err) == 0)
		return 0;
	util_err("%s", err);
	return -1;
}

static void print_halt(struct ver *v)
{
	const struct mach *m = &v->d.m;
	const char *name = m->stop_cpu >= 0 && mmt_types[m->stop_type].name ?
			   mmt_types[m->stop_type].name : NULL;

	printf("halt %lu: ", v->halts);
	if (name)
		printf("cpu %d at %s (seq %u)", m->stop_cpu, name, m->stop_seq);
	else
		printf("every CPU stopped (not at an event)");
	printf(": %u mismatches, %u in flux, %zu mms, %d CPUs; %.1f ms from "
	       "the %s to the verdict\n", v->d.v.bad, v->d.v.busy, v->d.v.nmm,
	       v->d.v.ncpu, v->d.halt_ns / 1e6, v->o->every ? "Ctrl-C" :
	       "run to the next event");
}

/* Print one halt's verification; the mismatches always. */
static void report(struct ver *v)
{
	const struct vfy *r = &v->d.v;
	struct vfy only = *r;
	struct vfy_cpu cpu[MACH_MAXCPU];
	struct vfy_mm *mm = calloc(r->nmm + 1, sizeof *mm);
	size_t i;
	int c;

	print_halt(v);
	if (v->o->verbose || !mm) {
		vfy_print(stdout, r, &v->d.m);
		free(mm);
		return;
	}
	only.ncpu = 0;
	only.nmm = 0;
	for (c = 0; c < r->ncpu; c++)
		if (r->cpu[c].state == VFY_BAD)
			cpu[only.ncpu++] = r->cpu[c];
	for (i = 0; i < r->nmm; i++)
		if (r->mm[i].state == VFY_BAD)
			mm[only.nmm++] = r->mm[i];
	memcpy(only.cpu, cpu, only.ncpu * sizeof cpu[0]);
	only.mm = mm;
	if (only.ncpu || only.nmm)
		vfy_print(stdout, &only, &v->d.m);
	free(mm);
}

/* Run to the next halt: the next event, or for --every a while. */
static void go_on(struct ver *v)
{
	struct dbg_filter f;

	if (v->o->every) {
		v->next_halt = util_now_ns() + v->o->every * 1000000ull;
		dbg_cont(&v->d);
		return;
	}
	dbg_filter_at(&f, &v->o->at);
	dbg_next(&v->d, &f);
}

/* A halt is verified: report it, then go on. */
static void halted(struct ver *v, const struct kimage *k)
{
	v->halts++;
	if (check_build(v, k) < 0) {
		v->failed = 1;
		v->bad++;
	} else if (!v->d.verified) {
		util_err("halt %lu: %s", v->halts, v->d.err);
		v->failed = 1;
	} else {
		report(v);
		v->bad += v->d.v.bad;
		v->busy += v->d.v.busy;
	}
	fflush(stdout);
	if (v->halts >= v->o->halts || v->failed) {
		dbg_cont(&v->d);
		return;
	}
	go_on(v);
}

/* --- the run ------------------------------------------------------------ */

static int fds(struct ver *v, struct pollfd *p)
{
	int n = dbg_fds(&v->d, p);

	if (v->q.com2 >= 0)
		p[n++] = (struct pollfd) { .fd = v->q.com2, .events = POLLIN };
	if (v->q.com1 >= 0)
		p[n++] = (struct pollfd) { .fd = v->q.com1, .events = POLLIN };
	if (v->q.err >= 0)
		p[n++] = (struct pollfd) { .fd = v->q.err, .events = POLLIN };
	return n;
}

static void serve(struct ver *v, struct pollfd *p, int n)
{
	int i = 0;

	if (v->d.state != DBG_OFF && v->d.state != DBG_DEAD &&
	    p[0].fd == v->d.g.fd)
		dbg_io(&v->d, &p[i++]);
	for (; i < n; i++) {
		if (!p[i].revents)
			continue;
		if (p[i].fd == v->q.com2)
			drain_fd(v, &v->q.com2);
		else if (p[i].fd == v->q.com1)
			drain_fd(v, &v->q.com1);
		else if (p[i].fd == v->q.err)
			drain_fd(v, &v->q.err);
	}
}

/* Poll until QEMU has exited or the deadline; 0, or -1 (said). */
static int run_loop(struct ver *v, const struct kimage *k, uint64_t deadline)
{
	struct pollfd p[4];
	int n, status;

	for (;;) {
		if (v->d.state == DBG_HALTED)
			halted(v, k);
		if (v->next_halt && util_now_ns() >= v->next_halt) {
			v->next_halt = 0;
			dbg_halt(&v->d);
		}
		n = fds(v, p);
		if (!n && qemu_reap(&v->q, &status, 0))
			return status;
		if (qemu_interrupted() || util_now_ns() >= deadline) {
			util_err(
				qemu_interrupted()
					? "interrupted; QEMU stopped"
					: "timed out after %lu s; QEMU stopped",
				v->o->run.timeout);
			return -1;
		}
		if (poll(p, n, v->next_halt ? 1 : n ? 100 : 10) > 0)
			serve(v, p, n);
	}
}

/* How the run ended, after QEMU exited with status. */
static int verdict(struct ver *v, int status)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	if (v->d.state == DBG_DEAD && v->halts < v->o->halts && !v->failed &&
	    code != MMT_QEMU_STATUS(MMT_EXIT_OK))
		util_err("%s", v->d.err);
	if (code != MMT_QEMU_STATUS(MMT_EXIT_OK)) {
		util_err("the scenario did not pass: QEMU exited with status %d"
			 "%s%.*s", code, v->qerr_len ? "; QEMU said: " : "",
			 (int)strcspn(v->qerr, "\n"), v->qerr);
		return EXIT_FAIL;
	}
	printf("verified %lu halts of %s: %lu mismatches, %lu in flux\n",
	       v->halts, v->o->run.scenario, v->bad, v->busy);
	if (!v->halts)
		util_err("no halt: no event matched --at");
	return v->bad || v->failed || !v->halts ? EXIT_FAIL : EXIT_OK;
}

/* Has QEMU exited (while mmscope waits for its gdbstub)? */
static int qemu_gone(void *arg)
{
	struct ver *v = arg;
	int status;

	return v->q.pid <= 0 || qemu_reap(&v->q, &status, 0);
}

static int verify_run(struct ver *v, const struct kimage *k,
		      const char *cmdline)
{
	const struct run_cfg *c = &v->o->run;
	struct qemu_opts qo = { c->kernel, cmdline, c->smp, NULL, 1,
				runcfg_virtio(c) };
	char err[512];
	int status;

	if (qemu_start(&v->q, &qo, err, sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_FAIL;
	}
	v->d.drain = drain_com2;
	v->d.arg = v;
	if (dbg_attach(&v->d, v->q.gdb_sock, k, v->tl, ATTACH_MS, qemu_gone,
		       err, sizeof err) < 0) {
		util_err("%s (QEMU %s)", err, v->q.pid <= 0 ||
			 qemu_reap(&v->q, &status, 0) ? "has exited" :
			 "runs but its gdbstub does not answer");
		qemu_stop(&v->q);
		return EXIT_FAIL;
	}
	go_on(v);
	status = run_loop(v, k, v->q.start_ns + c->timeout * 1000000000ull);
	dbg_close(&v->d);
	if (status == -1) {
		qemu_stop(&v->q);
		return EXIT_FAIL;
	}
	tl_finish(v->tl);
	return verdict(v, status);
}

int cmd_verify(int argc, char **argv)
{
	struct vopts o = { .run = { .verb = "verify", .era = "2.6.32",
				    .smp = 1, .timeout = 60 }, .halts = 10 };
	struct ver v = { .o = &o };
	char def[PATH_MAX], cmdline[MMT_PATH_MAX], err[512];
	struct symtab *syms = NULL;
	struct kimage k;
	int rc;

	if ((rc = verify_args(argc, argv, &o)) >= 0)
		return rc;
	if (!o.run.kernel)
		o.run.kernel = util_kernel_default(def, sizeof def);
	if ((rc = runcfg_scenario(&o.run, &syms)) >= 0)
		return rc;
	if (kimage_load(&k, syms, o.run.kernel, err, sizeof err) < 0) {
		util_err("%s", err);
		sym_close(syms);
		return EXIT_USAGE;
	}
	runcfg_cmdline(&o.run, cmdline, sizeof cmdline);
	v.q.com1 = v.q.com2 = v.q.err = -1;
	if (!(v.tl = tl_new(0))) {
		util_err("out of memory");
		rc = EXIT_FAIL;
	} else {
		rc = verify_run(&v, &k, cmdline);
	}
	qemu_close(&v.q);
	tl_free(v.tl);
	sym_close(syms);
	if (rc == EXIT_FAIL && runcfg_given(&o.run, RUNCFG_SEED))
		cmd_repro_print(argc, argv);
	return rc;
}
