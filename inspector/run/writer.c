/*
 * writer.c - a trace file and its console log written during a run; see
 * writer.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "util/util.h"
#include "run/writer.h"

/* "path: why", and what to do when the reason is a common one. */
static void open_error(const char *path, int e, char *err, size_t len)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof dir, "%s", path);
	switch (e) {
	case ENOENT:
		snprintf(err, len, "%s: %s: the directory %s does not exist; "
			 "create it, or choose another path", path,
			 strerror(e), dirname(dir));
		break;
	case EROFS:
	case EACCES:
	case EPERM:
		snprintf(err, len, "%s: %s: choose a place you may write to",
			 path, strerror(e));
		break;
	case ENOSPC:
	case EDQUOT:
		snprintf(err, len, "%s: %s: free some space, or choose "
			 "another path", path, strerror(e));
		break;
	default:
		snprintf(err, len, "%s: %s", path, strerror(e));
	}
}

/* The directory of path resolved, and its last name: one file's name. */
static void canonical(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], real[PATH_MAX];

	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? (slash == path ? "/" : path) : ".");
	if (!realpath(dir, real))
		snprintf(real, sizeof real, "%s", dir);
	snprintf(out, len, "%s/%s", real, slash ? slash + 1 : path);
}

/* Do a and b name the same file, whether it exists yet or not? */
static int same_file(const char *a, const char *b)
{
	char ca[2 * PATH_MAX], cb[2 * PATH_MAX];
	struct stat sa, sb;
	int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;

	if (ea && eb)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (ea || eb)
		return 0;
	canonical(a, ca, sizeof ca);
	canonical(b, cb, sizeof cb);
	return !strcmp(ca, cb);
}

/* A trace already at path (not an empty file made for us) -> path.old. */
static int keep_old(const char *path, char *err, size_t len)
{
	char old[PATH_MAX + 8];
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || !st.st_size)
		return 0;
	snprintf(old, sizeof old, "%s.old", path);
	if (rename(path, old) < 0) {
		snprintf(err, len, "%s exists and cannot be kept as %s: %m; "
			 "move it, or name another trace", path, old);
		return -1;
	}
	util_warn("%s existed: the old trace is now %s", path, old);
	return 0;
}

int writer_open(struct writer *w, const char *path, const char *console,
		char *err, size_t len)
{
	char log[PATH_MAX];

	w->path = path;
	w->console = NULL;
	w->fd = -1;
	if (console && strcmp(console, "-") && same_file(console, path)) {
		snprintf(err, len, "--console %s is the trace itself; name "
			 "another file for the console (default %s.log)",
			 console, path);
		return -1;
	}
	if (keep_old(path, err, len) < 0)
		return -1;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		open_error(path, errno, err, len);
		return -1;
	}
	if (console && strcmp(console, "-") == 0) {
		w->console = stderr;
		return 0;
	}
	if (console)
		snprintf(log, sizeof log, "%s", console);
	else
		snprintf(log, sizeof log, "%s.log", path);
	w->console = fopen(log, "we");
	if (!w->console) {
		open_error(log, errno, err, len);
		writer_close(w);
		unlink(path);		/* nothing was written to it */
		return -1;
	}
	return 0;
}

int writer_header(struct writer *w, const char *kernel, struct symtab *syms,
		  const char *cmdline, const struct qemu *q)
{
	struct mmt_file_header h;
	uint8_t id[MMT_BUILD_ID_SIZE] = { 0 };
	char path[PATH_MAX], args[sizeof h.qemu_args];

	if (!realpath(kernel, path))
		snprintf(path, sizeof path, "%s", kernel);
	if (syms)
		sym_build_id(syms, id);
	qemu_args(q, args, sizeof args);
	mmtfile_header_init(&h, path, id, cmdline, args);
	if (q->virtio)
		h.flags |= MMT_FILE_VIRTIO;
	if (mmtfile_write_header(w->fd, &h) < 0 ||
	    lseek(w->fd, h.header_size, SEEK_SET) < 0)
		return -1;
	return 0;
}

int writer_stream(struct writer *w, const void *buf, size_t n)
{
	return util_write_full(w->fd, buf, n);
}

void writer_console(struct writer *w, const void *buf, size_t n)
{
	if (!w->console)
		return;
	fwrite(buf, 1, n, w->console);
	fflush(w->console);
}

void writer_close(struct writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->console && w->console != stderr)
		fclose(w->console);
	w->fd = -1;
	w->console = NULL;
}

int writer_keep_symbols(const char *path, struct symtab *syms,
			struct writer_kept *k, char *err, size_t len)
{
	struct sym_want *want;
	void *sec = NULL;
	int rc = -1;

	memset(k, 0, sizeof *k);
	if (sym_collect(path, &want, &k->addrs, err, len) < 0)
		return -1;
	sec = sym_sections(syms, want, k->addrs, MMT_SEC_MAX, &k->bytes,
			   &k->files, &k->lines);
	if (!sec)
		snprintf(err, len, "%s: the symbols of its %zu kernel addresses "
			 "do not fit in a trace's sections (%d bytes)", path,
			 k->addrs, MMT_SEC_MAX);
	else
		rc = mmtfile_put_sections(path, sec, k->bytes, err, len);
	free(sec);
	free(want);
	return rc;
}
