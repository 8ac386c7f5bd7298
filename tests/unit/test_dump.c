/*
 * test_dump.c - `mmscope dump` run in-process on synthetic traces: events
 * of several CPUs come out in time order, MM_REF reads as Linux code
 * does, gaps and truncation show inline, every record type prints every
 * field (and valid JSON), and bad input exits 2 with one line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "trace/encode.h"
#include "trace/fields.h"
#include "trace/mmtfile.h"
#include "trace/names.h"
#include "cmd/verbs.h"
#include "tap.h"

static char dir[512];
static FILE *trace;			/* the encoder writes here */

static void out_file(void *arg, const void *buf, size_t n)
{
	(void)arg;
	fwrite(buf, 1, n, trace);
}

/* Start a trace file at path: header, delimiter, STREAM and BOOT. */
static void trace_open(struct encoder *e, const char *path)
{
	struct mmt_file_header h;
	struct mmt_stream s = { { MMT_STREAM, sizeof s, 0 }, MMT_STREAM_MAGIC,
				MMT_VERSION, 2, 4, 1000000, { 0 },
				MMT_VERSION_MINOR, 0 };
	struct mmt_boot b = { { MMT_BOOT, sizeof b, 0 }, MMT_ERA_2632, 0, 2,
			      0, 1000, 900, 100, "test" };

	trace = fopen(path, "w");
	mmtfile_header_init(&h, "/nonexistent/kernel.elf", NULL, "", "");
	fwrite(&h, sizeof h, 1, trace);
	encode_init(e, 4, out_file, NULL);
	encode_delim(e);
	encode_record(e, 0, 16000, &s);
	encode_record(e, 0, 32000, &b);
}

static void mm_ref(struct encoder *e, int cpu, uint64_t ts, int op, int why,
		   int users, int count)
{
	struct mmt_mm_ref r = { { MMT_MM_REF, sizeof r, 0 }, 3, op, why,
				users, count, 0xc0101234 };

	encode_record(e, cpu, ts, &r);
}

/* Run argv as `mmscope dump ...` with stdout and stderr in files. */
static int run_dump(char **argv, const char *out, const char *err)
{
	int argc = 0, so, se, fo, fe, rc;

	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fo, 1);
	dup2(fe, 2);
	rc = cmd_dump(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	close(fo);
	close(fe);
	return rc;
}

static char *slurp(const char *path)
{
	static char buf[1 << 20];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/*
 * Two CPUs whose frames arrive out of time order, and a gap.  The counters
 * add up in time order, so the checker (always on) finds nothing.
 */
static void test_order(void)
{
	char path[600], out[600], err[600], *s, *p;
	struct mmt_cpu_online on = { { MMT_CPU_ONLINE, sizeof on, 0 }, 0, 0, 0 };
	struct mmt_end end = { { MMT_END, sizeof end, 0 }, 0, 0, 0, 900, 900, 0, 0 };
	const char *want[] = { "stream", "boot", "cpu_online", "cpu_online",
			       "mmget", "mmgrab", "# gap", "mmdrop", "mmput",
			       "end" };	/* the gap: after cpu 1's 200000 */
	char *argv[] = { "dump", path, "--kernel", "/nonexistent.elf", NULL };
	struct encoder e;
	size_t i, good = 0;
	int rc;

	snprintf(path, sizeof path, "%s/dump_order.mmt", dir);
	snprintf(out, sizeof out, "%s/dump_order.out", dir);
	snprintf(err, sizeof err, "%s/dump_order.err", dir);
	trace_open(&e, path);
	encode_record(&e, 0, 48000, &on);
	mm_ref(&e, 0, 100000, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
	mm_ref(&e, 0, 300000, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 2, 1);
	on.apic_id = 1;
	encode_record(&e, 1, 64000, &on);
	mm_ref(&e, 1, 200000, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 2);
	encode_skip(&e, 1, 3);
	mm_ref(&e, 1, 400000, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 1, 2);
	encode_record(&e, 0, 500000, &end);
	encode_flush(&e);
	fclose(trace);
	rc = run_dump(argv, out, err);
	s = slurp(out);
	p = strchr(s, '\n');		/* after the column header */
	for (i = 0; p && i < sizeof want / sizeof want[0]; i++) {
		while (p[1] == '#' && strncmp(p + 1, "# gap", 5))
			p = strchr(p + 1, '\n'); /* the checker's notes */
		p++;
		good += !strncmp(p[0] == '#' ? p : p + 38, want[i],
				 strlen(want[i]));
		p = strchr(p, '\n');
	}
	tap_ok(rc == 0 && good == 10,
	       "events of two CPUs in time order, the gap just after its CPU's "
	       "last event (%zu of 10 in place)",
	       good);
	tap_ok(strstr(s, "     84.000        3  mmget        mm=3 users 1->2 "
			 "count 1 reason=clone_vm 0xc0101234\n") &&
		       strstr(s, "mmdrop       mm=3 users 2 count 2->1 "
				 "reason=prev_mm"),
	       "MM_REF: op, counters before and after, reason, caller; µs from "
	       "the first event");
	tap_ok(strstr(s, "# gap on cpu 1: expected seq 2, got 5 (3 events "
			 "lost)") &&
		       strstr(slurp(err), "1 gap (3 events lost)"),
	       "the gap inline and in the summary on stderr");
	tap_ok(strstr(slurp(err), "/nonexistent.elf") && lines(slurp(err)) == 2,
	       "a missing kernel ELF: one warning, addresses stay numbers");
}

/* One record of every known type: every field by name, valid JSON. */
static void test_all_types(void)
{
	char path[600], out[600], err[600], cmd[2048], *s;
	char *argv[] = { "dump", path, "--json", "--kernel", "/nonexistent",
			 NULL };
	uint8_t rec[MMT_REC_MAX];
	const struct layout *l;
	struct encoder e;
	unsigned t, i, missing = 0;
	int ntypes = 0;
	int rc;

	snprintf(path, sizeof path, "%s/dump_types.mmt", dir);
	snprintf(out, sizeof out, "%s/dump_types.out", dir);
	snprintf(err, sizeof err, "%s/dump_types.err", dir);
	trace_open(&e, path);
	for (t = 3; t < 256; t++) {
		if (!mmt_types[t].name)
			continue;
		memset(rec, 0x41 + t % 20, sizeof rec);	/* printable text */
		rec[0] = t;
		rec[1] = mmt_types[t].size + (mmt_types[t].text ? 5 : 0);
		encode_record(&e, 0, 64000 + t * 160, rec);
		ntypes++;
	}
	encode_flush(&e);
	fclose(trace);
	rc = run_dump(argv, out, err);
	s = slurp(out);
	for (t = 3; t < 256; t++) {
		l = &field_layouts[t];
		for (i = 0; mmt_types[t].name && i < l->nfields; i++) {
			snprintf(cmd, sizeof cmd, "\"type\":\"%s\"",
				 mmt_types[t].name);
			s = strstr(slurp(out), cmd);
			snprintf(cmd, sizeof cmd, "\"%s\":", l->fields[i].name);
			missing += !s || !strstr(s, cmd) ||
				   strstr(s, cmd) > strchr(s, '\n');
		}
	}
	for (s = slurp(out), i = 0; (s = strstr(s, "\"type\":")); s++)
		i++;		/* events: the checker adds diagnostics */
	tap_ok(rc == 0 && i == (unsigned)ntypes + 2 && !missing,
	       "%d record types, each with all its fields by name (%u missing)",
	       ntypes + 2, missing);
	snprintf(cmd, sizeof cmd, "python3 -c 'import json,sys\n"
		 "n = 0\nfor line in open(sys.argv[1]):\n"
		 "    o = json.loads(line)\n"
		 "    if \"diag\" in o: continue\n"
		 "    n += 1\n"
		 "    assert \"n\" in o and \"ts\" in o and \"type\" in o\n"
		 "sys.exit(0 if n == %d else 1)' %s", ntypes + 2, out);
	tap_ok(system(cmd) == 0,
	       "every line is a JSON object, each event with n, ts, type");
}

/*
 * A chapter mark and a plain one (protocol 1.2), after a STREAM of 1.0
 * (36 bytes, no minor): the text names the chapter only where there is
 * one; JSON has both fields always, 0 for a plain mark.
 */
static void test_chapters(void)
{
	char path[600], out[600], err[600], *s;
	char *argv[] = { "dump", path, "--kernel", "/nonexistent", NULL };
	char *jargv[] = { "dump", path, "--json", "--kernel", "/nonexistent",
			  NULL };
	struct {
		struct mmt_mark m;
		char text[12];
	} ch = { { { MMT_MARK, sizeof ch.m + 11, 0 }, 1, 3, 8 },
		 "vfork: yes!" }, plain = { { { MMT_MARK, sizeof plain.m + 11,
		 0 }, 4, 0, 0 }, "child: bye." };
	struct mmt_stream old = { { MMT_STREAM, 36, 0 }, MMT_STREAM_MAGIC,
				  MMT_VERSION, 1, 4, 1000000, { 0 }, 0, 0 };
	struct mmt_file_header h;
	struct encoder e;
	int rc;

	snprintf(path, sizeof path, "%s/dump_chapters.mmt", dir);
	snprintf(out, sizeof out, "%s/dump_chapters.out", dir);
	snprintf(err, sizeof err, "%s/dump_chapters.err", dir);
	trace = fopen(path, "w");
	mmtfile_header_init(&h, "/nonexistent/kernel.elf", NULL, "", "");
	fwrite(&h, sizeof h, 1, trace);
	encode_init(&e, 4, out_file, NULL);
	encode_delim(&e);
	encode_record(&e, 0, 16000, &old);
	encode_record(&e, 0, 32000, &ch);
	encode_record(&e, 0, 48000, &plain);
	encode_flush(&e);
	fclose(trace);
	rc = run_dump(argv, out, err);
	s = slurp(out);
	tap_ok(rc == 0 && strstr(s, " stream ") && strstr(s, " minor=0") &&
	       strstr(s, " mark         pid=1 chapter=3 chapters=8 text=\"vfork: "
		      "yes!\"") &&
	       strstr(s, " mark         pid=4 text=\"child: bye.\""),
	       "a STREAM of 1.0 reads as minor 0; a chapter mark names its "
	       "chapter, a plain one does not");
	rc = run_dump(jargv, out, err);
	s = slurp(out);
	tap_ok(rc == 0 && strstr(s, "\"pid\":1,\"chapter\":3,\"chapters\":8,") &&
	       strstr(s, "\"pid\":4,\"chapter\":0,\"chapters\":0,"),
	       "JSON: chapter and chapters of every mark");
}

/* A trace cut inside its last frame: a warning, the rest printed. */
static void test_truncated(void)
{
	char path[600], out[600], err[600], *s;
	char *argv[] = { "dump", path, "--kernel", "/nonexistent", NULL };
	struct mmt_lost lost = { { MMT_LOST, sizeof lost, 0 }, 7 };
	struct encoder e;
	long size;
	int rc;

	snprintf(path, sizeof path, "%s/dump_cut.mmt", dir);
	snprintf(out, sizeof out, "%s/dump_cut.out", dir);
	snprintf(err, sizeof err, "%s/dump_cut.err", dir);
	trace_open(&e, path);
	encode_flush(&e);
	encode_record(&e, 0, 64000, &lost);
	encode_flush(&e);
	size = ftell(trace);
	fclose(trace);
	if (truncate(path, size - 5) < 0)
		perror(path);
	rc = run_dump(argv, out, err);
	s = slurp(out);
	tap_ok(rc == 0 && strstr(s, " boot ") && !strstr(s, " lost ") &&
		       strstr(s, "# truncated: the trace ends inside a frame"),
	       "cut short: exit 0, earlier events printed, the cut shown "
	       "inline");
	tap_ok(strstr(slurp(err), "ends inside a frame") != NULL,
	       "and summed up on stderr");
}

/* Unusable input: exit 2 and one line on stderr naming the file. */
static int refused(const char *name, const void *data, size_t n,
		   const char *what)
{
	char path[600], out[600], err[600], *s;
	char *argv[] = { "dump", path, NULL };
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(out, sizeof out, "%s/%s.out", dir, name);
	snprintf(err, sizeof err, "%s/%s.err", dir, name);
	if (data) {
		f = fopen(path, "w");
		fwrite(data, 1, n, f);
		fclose(f);
	}
	rc = run_dump(argv, out, err);
	s = slurp(err);
	if (rc != 2 || lines(s) != 1 || !strstr(s, path) || !strstr(s, what)) {
		tap_diag("rc %d, stderr: %s", rc, s);
		return 0;
	}
	return 1;
}

static void test_bad_input(void)
{
	struct mmt_file_header h;
	struct mmt_stream st = { { MMT_STREAM, sizeof st, 0 }, MMT_STREAM_MAGIC,
				 MMT_VERSION + 1, 1, 4, 0, { 0 }, 0, 0 };
	struct encoder e;
	char path[600];

	tap_ok(refused("dump_missing.mmt", NULL, 0, "No such file"),
	       "missing file");
	tap_ok(refused("dump_text.mmt", "#!/bin/sh\necho hello\n", 21,
		       "not an mmscope trace"), "not a trace");
	mmtfile_header_init(&h, "k", NULL, "", "");
	tap_ok(refused("dump_short.mmt", &h, 600, "truncated"), "header cut");
	h.version = MMT_VERSION + 1;
	tap_ok(refused("dump_newer.mmt", &h, sizeof h, "newer"),
	       "newer version");
	snprintf(path, sizeof path, "%s/dump_newstream.mmt", dir);
	trace = fopen(path, "w");
	h.version = MMT_VERSION;
	fwrite(&h, sizeof h, 1, trace);
	encode_init(&e, 4, out_file, NULL);
	encode_record(&e, 0, 1600, &st);
	encode_flush(&e);
	fclose(trace);
	tap_ok(refused("dump_newstream.mmt", NULL, 0, "newer protocol version"),
	       "a stream of a newer version inside a valid header");
}

int main(void)
{
	const char *tmp = getenv("TEST_TMPDIR");

	tap_plan(15);
	snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
	test_order();
	test_all_types();
	test_truncated();
	test_chapters();
	test_bad_input();
	return tap_done();
}
