/*
 * check_job.c - one check in a child process, see check_job.h.
 *
 * The child is a fork of mmscope that runs cmd_check with the job's
 * arguments, its stdout and stderr in two temporary files: a check that
 * records (--run) boots QEMU there, as `mmscope check` itself would.
 * When it ends, the parent reads the files, and the trace's STREAM and
 * BOOT records for the era and the CPU count that say which statements
 * of the expect file held.  At the end, what check_ci.c and check_all.c
 * share: naming a run, waiting for one, the JUnit file of all of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/check_job.h"
#include "trace/decode.h"
#include "trace/mmtfile.h"
#include "trace/names.h"
#include "util/util.h"
#include "cmd/verbs.h"

int cmd_check_job_arg(struct check_job *j, const char *arg)
{
	if (j->argc == JOB_ARGS || !(j->argv[j->argc] = strdup(arg)))
		return -1;
	j->argv[++j->argc] = NULL;
	return 0;
}

/* A new empty temporary file named TMPDIR/mmscope-check-XXXXXX<suffix>. */
static int tmp_file(char *path, size_t len, const char *suffix)
{
	int fd;

	snprintf(path, len, "%s/mmscope-check-XXXXXX%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", suffix);
	if ((fd = mkstemps(path, strlen(suffix))) < 0)
		util_err("%s: cannot make a temporary file: %m (set TMPDIR)",
		       path);
	return fd;
}

int cmd_check_job_tmp_trace(struct check_job *j)
{
	int fd = tmp_file(j->trace, sizeof j->trace, ".mmt");

	if (fd < 0)
		return -1;
	close(fd);
	j->own_trace = 1;
	return cmd_check_job_arg(j, "-o") || cmd_check_job_arg(j, j->trace) ? -1
									    : 0;
}

int cmd_check_job_start(struct check_job *j)
{
	int out = tmp_file(j->out, sizeof j->out, ".out");
	int err = out < 0 ? -1 : tmp_file(j->err, sizeof j->err, ".err");
	int null = open("/dev/null", O_RDONLY);

	if (out < 0 || err < 0 || null < 0) {
		if (null < 0)
			util_err("/dev/null: %m");
		return -1;
	}
	fflush(NULL);			/* nothing buffered twice */
	if ((j->pid = fork()) < 0) {
		util_err("cannot start a check: %m");
		return -1;
	}
	if (!j->pid) {
		dup2(null, 0);
		dup2(out, 1);
		dup2(err, 2);
		exit(cmd_check(j->argc, j->argv));
	}
	close(null);
	close(out);
	close(err);
	j->start = util_now_ns();
	return 0;
}

/* The whole of a file, malloc'ed ("" if it cannot be read). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	char buf[65536];
	size_t n;

	while (f && m && (n = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, n, m);
	if (f)
		fclose(f);
	if (m)
		fclose(m);
	return s ? s : strdup("");
}

/* Append "mmscope: LINE" to what the check said on stderr. */
static void __attribute__((format(printf, 2, 3)))
say(struct check_job *j, const char *fmt, ...)
{
	char *line = NULL, *s = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	if (line && asprintf(&s, "%smmscope: %s\n", j->suite.err ?
			     j->suite.err : "", line) >= 0) {
		free(j->suite.err);
		j->suite.err = s;
	}
	free(line);
}

struct trace_info {
	struct decoder d;
	int era;			/* BOOT.era, 0: none */
	unsigned ncpu;			/* STREAM.ncpu, 0: none */
};

static void info_event(void *arg, const struct mmt_event *ev)
{
	struct trace_info *t = arg;
	struct mmt_stream s;
	struct mmt_boot b;

	if (ev->type == MMT_STREAM) {
		decode_copy(ev, &s, sizeof s);
		t->ncpu = s.ncpu;
	} else if (ev->type == MMT_BOOT) {
		decode_copy(ev, &b, sizeof b);
		t->era = b.era;
		decode_stop(&t->d);	/* STREAM comes first */
	}
}

/* The era and CPU count of the trace at path, from its first records. */
static void trace_info(const char *path, int *era, unsigned *ncpu)
{
	static const struct decode_ops ops = { info_event, NULL };
	struct trace_info *t = calloc(1, sizeof *t);
	struct mmt_file_header h;
	char buf[65536], msg[PATH_MAX + 128];
	ssize_t n;
	int fd = t ? mmtfile_open(path, &h, msg, sizeof msg) : -1;

	*era = 0;
	*ncpu = 0;
	if (fd < 0) {
		free(t);
		return;
	}
	decode_init(&t->d, &ops, t);
	while (!t->d.stopped && (n = read(fd, buf, sizeof buf)) > 0)
		decode_feed(&t->d, buf, n);
	*era = t->era;
	*ncpu = t->ncpu;
	close(fd);
	free(t);
}

int cmd_check_job_end(struct check_job *j, int status)
{
	struct ci_suite *s = &j->suite;
	const char *era;
	unsigned ncpu;
	int e;

	s->seconds = (util_now_ns() - j->start) / 1e9;
	s->out = slurp(j->out);
	s->err = slurp(j->err);
	unlink(j->out);
	unlink(j->err);
	j->pid = -1;
	s->rc = WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_USAGE;
	if (WIFSIGNALED(status))
		say(j, "the check ended by signal %s",
		    strsignal(WTERMSIG(status)));
	trace_info(j->trace, &e, &ncpu);
	if (!s->era && (era = names_of(&names_era, e)))
		s->era = strdup(era);
	if (!s->smp)
		s->smp = ncpu;
	if (report_suite_cases(s, j->x, e, ncpu) < 0)
		return -1;
	if (j->own_trace && !s->rc) {
		unlink(j->trace);
		if (strlen(j->trace) + 5 <= sizeof j->out) { /* its console */
			memcpy(j->out, j->trace, strlen(j->trace));
			strcpy(j->out + strlen(j->trace), ".log");
			unlink(j->out);
		}
	} else if (j->own_trace) {
		say(j, "the trace is kept in %s (console: %s.log)", j->trace,
		    j->trace);
	}
	return 0;
}

int cmd_check_job_refused(struct check_job *j, const char *why)
{
	j->pid = -1;
	j->suite.rc = EXIT_USAGE;
	j->suite.out = strdup("");
	say(j, "%s", why);
	return report_suite_cases(&j->suite, NULL, 0, 0);
}

const char *cmd_check_path_base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b && b[1] ? b + 1 : path;
}

/* The suite's name and classname: the expect file, what it checked. */
int cmd_check_job_names(struct ci_suite *s, const char *spec,
		    const char *what)
{
	char *p;

	if (asprintf(&s->name, "%s%s%s, era %s, %u cpu%s",
		     spec ? cmd_check_path_base(spec) : "", spec ? ": " : "",
		     what, s->era ? s->era : "unknown", s->smp,
		     s->smp == 1 ? "" : "s") < 0 ||
	    asprintf(&s->classname, "%s.%s.smp%u",
		     spec ? cmd_check_path_base(spec)
			  : cmd_check_path_base(what),
		     s->era ? s->era : "unknown", s->smp) < 0)
		return -1;
	for (p = s->classname; *p; p++)	/* dots separate levels */
		if (*p == '.' && p[1] >= '0' && p[1] <= '9' &&
		    p > s->classname && p[-1] >= '0' && p[-1] <= '9')
			*p = '_';
	if ((p = strstr(s->classname, ".expect.")))
		memmove(p, p + 7, strlen(p + 7) + 1);
	return 0;
}

/* Wait for one of the started jobs; its index, or -1 (none left). */
long cmd_check_jobs_wait(struct check_job *j, size_t n)
{
	int status;
	pid_t pid;
	size_t k;

	while ((pid = waitpid(-1, &status, 0)) > 0)
		for (k = 0; k < n; k++)
			if (j[k].pid == pid)
				return cmd_check_job_end(&j[k], status) < 0
					       ? -2
					       : (long)k;
	return -1;
}

int cmd_check_jobs_junit(const char *path, struct check_job *j, size_t n)
{
	struct ci_suite *s = calloc(n + 1, sizeof *s);
	FILE *f = s ? fopen(path, "w") : NULL;
	size_t k;
	int bad;

	if (!f) {
		util_err("%s: cannot write the JUnit report: %m", path);
		free(s);
		return EXIT_USAGE;
	}
	for (k = 0; k < n; k++)
		s[k] = j[k].suite;	/* a shallow copy, to print */
	bad = report_junit(f, s, n, "mmscope check") | fclose(f);
	free(s);
	if (bad) {
		util_err("%s: %m", path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void cmd_check_job_free(struct check_job *j)
{
	int i;

	for (i = 0; i < j->argc; i++)
		free(j->argv[i]);
	report_suite_free(&j->suite);
	memset(j, 0, sizeof *j);
}
