/*
 * input.c - a trace file or a running QEMU as the TUI's input; see
 * input.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "tui/input.h"
#include "util/util.h"

int input_file(struct source *s, const char *path, struct mmt_file_header *h,
	       char *err, size_t len)
{
	struct stat st;

	memset(s, 0, sizeof *s);
	s->kind = SOURCE_FILE;
	s->name = path;
	s->w.fd = -1;
	s->q.com1 = s->q.com2 = s->q.err = -1;
	s->fd = mmtfile_open(path, h, err, len);
	if (s->fd < 0)
		return -1;
	if (fstat(s->fd, &st) == 0 && st.st_size > h->header_size)
		s->size = st.st_size - h->header_size;
	snprintf(s->status, sizeof s->status, "loading");
	return 0;
}

int input_qemu(struct source *s, const struct run_cfg *c, const char *cmdline,
	       struct symtab *syms, const char *record, int gdb, char *err,
	       size_t len)
{
	struct qemu_opts qo = { c->kernel, cmdline, c->smp, NULL, gdb,
				runcfg_virtio(c) };

	memset(s, 0, sizeof *s);
	s->kind = SOURCE_QEMU;
	s->name = c->scenario;
	s->fd = s->w.fd = -1;
	if (record && writer_open(&s->w, record, NULL, err, len) < 0)
		return -1;
	if (qemu_start(&s->q, &qo, err, len) < 0) {
		writer_close(&s->w);
		return -1;
	}
	/*
	 * A full-speed virtio stream outruns the view, so what waits in
	 * the pipe is latency: a short pipe leaves the rest in the guest,
	 * held back, nothing lost.
	 */
	if (s->q.virtio)
		fcntl(s->q.com2, F_SETPIPE_SZ, SRC_VIRTIO_PIPE);
	if (record && writer_header(&s->w, c->kernel, syms, cmdline,
				    &s->q) < 0) {
		snprintf(err, len, "%s: %m", record);
		input_close(s);
		return -1;
	}
	snprintf(s->status, sizeof s->status, "QEMU runs %s", c->scenario);
	return 0;
}

/* The input has ended: everything read is committed and checked. */
static void finish(struct source *s, struct timeline *tl)
{
	uint64_t n = evlog_count(tl->log);

	s->ended = 1;
	tl_finish(tl);
	if (s->arrived && evlog_count(tl->log) > n)
		s->arrived(n, evlog_count(tl->log), util_now_ns());
}

/* Stream bytes: to the trace being recorded, then to the timeline. */
static void feed(struct source *s, struct timeline *tl, const void *buf,
		 size_t n)
{
	const struct mmt_diag *g;
	uint64_t before = evlog_count(tl->log);

	if (s->w.fd >= 0 && writer_stream(&s->w, buf, n) < 0) {
		snprintf(s->status, sizeof s->status, "cannot write %s: %s; "
			 "recording stopped", s->w.path, strerror(errno));
		s->bad = 1;
		writer_close(&s->w);
	}
	s->bytes += n;
	tl_feed(tl, buf, n);
	if (s->arrived && evlog_count(tl->log) > before)
		s->arrived(before, evlog_count(tl->log), util_now_ns());
	if ((g = evlog_fatal(tl->log))) {
		snprintf(s->status, sizeof s->status, "%s (%u; this mmscope "
			 "reads %u): the rest is not read", g->why, g->got,
			 MMT_VERSION);
		s->bad = 1;
	}
}

static void file_read(struct source *s, struct timeline *tl)
{
	static uint8_t buf[SRC_CHUNK];
	ssize_t n = read(s->fd, buf, sizeof buf);

	if (n < 0 && errno == EINTR)
		return;
	if (n > 0)
		feed(s, tl, buf, n);
	if (n > 0 && !evlog_fatal(tl->log))
		return;
	if (n < 0) {
		snprintf(s->status, sizeof s->status, "%s: %s", s->name,
			 strerror(errno));
		s->bad = 1;
	} else if (!s->bad) {
		s->status[0] = '\0';
	}
	close(s->fd);
	s->fd = -1;
	finish(s, tl);
}

int input_fds(struct source *s, struct pollfd *p, uint64_t now,
	      int *timeout_ms)
{
	int n = 0, rest;

	if (s->kind == SOURCE_FILE) {
		if (s->fd >= 0)
			*timeout_ms = 0;
		return 0;
	}
	if (s->q.com2 >= 0 && now >= s->rest_until)
		p[n++] = (struct pollfd) { .fd = s->q.com2, .events = POLLIN };
	else if (s->q.com2 >= 0) {
		rest = (s->rest_until - now) / 1000000 + 1;
		if (rest < *timeout_ms || *timeout_ms < 0)
			*timeout_ms = rest;
	}
	if (s->q.com1 >= 0)
		p[n++] = (struct pollfd) { .fd = s->q.com1, .events = POLLIN };
	if (s->q.err >= 0)
		p[n++] = (struct pollfd) { .fd = s->q.err, .events = POLLIN };
	if (s->q.pid > 0 && s->q.com2 < 0 && (*timeout_ms < 0 ||
					      *timeout_ms > 50))
		*timeout_ms = 50;	/* pipes closed: wait for the exit */
	return n;
}

/* How QEMU ended, in the words of record's report. */
static void exit_status(struct source *s, int status)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	const char *why = code == MMT_QEMU_STATUS(MMT_EXIT_OK) ?
		"the scenario passed" : code == MMT_QEMU_STATUS(MMT_EXIT_FAIL) ?
		"the scenario failed" : code == MMT_QEMU_STATUS(MMT_EXIT_PANIC) ?
		"kernel panic" : code == MMT_QEMU_STATUS(MMT_EXIT_BADARG) ?
		"the kernel rejected its command line" : NULL;
	char said[128] = "";

	if (s->qerr_len)
		snprintf(said, sizeof said, ": %.*s", (int)strcspn(s->qerr,
			 "\n"), s->qerr);
	s->bad = code != MMT_QEMU_STATUS(MMT_EXIT_OK);
	if (why)
		snprintf(s->status, sizeof s->status, "QEMU exited: %s "
			 "(status %d)", why, code);
	else if (code >= 0)
		snprintf(s->status, sizeof s->status, "QEMU exited with status "
			 "%d%s", code, said);
	else
		snprintf(s->status, sizeof s->status, "QEMU was killed by "
			 "signal %d (%s)%s", WTERMSIG(status),
			 strsignal(WTERMSIG(status)), said);
}

/* Read one of QEMU's pipes; close it at its end. */
static void pipe_read(struct source *s, int *fd, struct timeline *tl)
{
	static uint8_t buf[1 << 16];
	ssize_t n = qemu_pipe_read(fd, buf, sizeof buf);

	if (n <= 0)
		return;
	if (fd == &s->q.com2) {
		feed(s, tl, buf, n);
		/* let COM2's next bytes pile up; virtio writes whole batches */
		if (n < (ssize_t)sizeof buf && !s->q.virtio)
			s->rest_until = util_now_ns() + SRC_BATCH_NS;
	} else if (fd == &s->q.com1) {
		writer_console(&s->w, buf, n);
	} else if (s->qerr_len < sizeof s->qerr - 1) {
		if ((size_t)n > sizeof s->qerr - 1 - s->qerr_len)
			n = sizeof s->qerr - 1 - s->qerr_len;
		memcpy(s->qerr + s->qerr_len, buf, n);
		s->qerr_len += n;
	}
}

void input_read(struct source *s, const struct pollfd *p, int n,
		struct timeline *tl)
{
	int i, status;

	if (s->ended)
		return;
	if (s->kind == SOURCE_FILE) {
		file_read(s, tl);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!p[i].revents)
			continue;
		if (p[i].fd == s->q.com2)
			pipe_read(s, &s->q.com2, tl);
		else if (p[i].fd == s->q.com1)
			pipe_read(s, &s->q.com1, tl);
		else if (p[i].fd == s->q.err)
			pipe_read(s, &s->q.err, tl);
	}
	if (s->q.com2 < 0 && qemu_reap(&s->q, &status, 0)) {
		exit_status(s, status);
		finish(s, tl);
	}
}

void input_drain(struct source *s, struct timeline *tl)
{
	struct pollfd p;

	while (s->kind == SOURCE_QEMU && !s->ended && s->q.com2 >= 0) {
		p = (struct pollfd) { .fd = s->q.com2, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0 || !p.revents)
			return;
		pipe_read(s, &s->q.com2, tl);
	}
}

void input_close(struct source *s)
{
	if (s->kind == SOURCE_QEMU) {
		qemu_stop(&s->q);
		qemu_close(&s->q);
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	writer_close(&s->w);
}
